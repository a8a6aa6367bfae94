"""R.json: the roll-up as data, read back by ``rollup`` itself one level up (districts into a
province, provinces into the nation) and by ``remind``.

Top level: ``format``, ``fiscal_year``, ``round``, ``round_name``, ``as_of``, ``expected_list``,
``summary`` (the whole area), ``provinces``, ``districts``, ``indicators``, ``offices`` (one object
each), ``problems`` (collect's format, with the office's code) and ``digest``.
"""

from __future__ import annotations

from typing import IO

from ita_xlsx.collect.results_json import json_pieces, write_pieces
from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.rollup.aggregate import RollupResults
from ita_xlsx.rollup.model import IndicatorTally, OfficeResult
from ita_xlsx.rollup.read import ROLLUP_FORMAT


def office_dict(o: OfficeResult) -> dict:
    return {
        "code": o.code,
        "name": o.name,
        "district": o.district,
        "province": o.province,
        "submission": o.submission,
        "on_time": o.on_time,
        "records": o.records,
        "done": o.done,
        "overdue": o.overdue,
        "periods_missing": o.periods_missing,
        "done_pct": o.done_pct,
        "applicable": o.applicable,
        "missing": o.missing,
        "divisions_missing": list(o.divisions_missing),
        "errors": o.errors,
        "warnings": o.warnings,
        "expected": o.expected,
        "reason": o.reason,
        "edited": o.edited,
        "email": o.email,
        "website": o.website,
        "source": o.source,
        "plan_id": o.plan_id,
        "fiscal_year": o.fiscal_year,
        "round": o.round,
        "round_name": o.round_name,
        "as_of": o.as_of,
        "deadline": o.deadline,
        "reported": o.reported,
        "indicators": [indicator_dict(t) for t in o.indicators],
    }


def indicator_dict(t: IndicatorTally) -> dict:
    return {
        "section": t.section,
        "number": t.number,
        "name": t.name,
        "offices": t.offices,
        "records": t.records,
        "done": t.done,
        "overdue": t.overdue,
        "done_pct": t.done_pct,
    }


def fields(results: RollupResults, found: WorkTable[dict]) -> list[tuple[str, object]]:
    t = results.tallies
    return [
        ("format", ROLLUP_FORMAT),
        ("fiscal_year", results.target.fiscal_year),
        ("round", results.target.round),
        ("round_name", results.round_name),
        ("as_of", results.as_of.isoformat()),
        ("expected_list", results.expected_given),
        (
            "summary",
            {
                "offices": t.offices,
                **t.total.to_dict(),
                "errors": results.counts["error"],
                "warnings": results.counts["warning"],
            },
        ),
        ("provinces", [{"province": name, **a.to_dict()} for name, a in sorted(t.provinces.items())]),
        (
            "districts",
            [{"province": p, "district": d, **a.to_dict()} for (p, d), a in sorted(t.districts.items())],
        ),
        ("indicators", [indicator_dict(i) for i in t.sorted_indicators()]),
        ("offices", Mapped(results.offices, office_dict)),
        ("problems", found),
    ]


def write_json(results: RollupResults, stream: IO[bytes]) -> None:
    """R.json to a binary stream, office by office (never all offices in memory)."""
    found: WorkTable[dict] = WorkTable(results.office_problems())
    try:
        write_pieces(stream, json_pieces(fields(results, found)))
    finally:
        found.close()
