"""Prefill from the store: a later round from the round before, a new year from last year's.

What comes out is the ``records`` list of a consolidated JSON, which the template writer's
prefill (:mod:`ita_xlsx.template.prefill`) already checks and writes into the input cells.
"""

from __future__ import annotations

import sqlite3

from ita_xlsx.store import queries
from ita_xlsx.store.decisions import accepted_returns


def prefill_source(conn: sqlite3.Connection, plan, round_id: str) -> tuple[int, str] | None:
    """(fiscal year, round) to prefill ``round_id`` from: the plan's round before it, else the
    round last collected the year before; None when the store holds neither."""
    ids = [r.id for r in plan.rounds]
    position = ids.index(round_id)
    if position > 0:
        earlier = ids[position - 1]
        return (plan.fiscal_year, earlier) if _has_run(conn, plan.fiscal_year, earlier) else None
    last = queries.last_round(conn, plan.fiscal_year - 1)
    return (plan.fiscal_year - 1, last) if last else None


def _has_run(conn: sqlite3.Connection, year: int, round_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM runs WHERE fiscal_year = ? AND round = ? LIMIT 1", (year, round_id))
    return row.fetchone() is not None


def prefill_records(conn: sqlite3.Connection, plan, year: int, round_id: str) -> list[dict]:
    """The records to prefill from: each division's accepted return (the latest run that used it),
    else the round's latest run. From last year, measures are matched by id or ``previous_id``,
    and only what carries over is kept: the results, the evidence and an ongoing practice."""
    records = _accepted_first(conn, year, round_id)
    if year == plan.fiscal_year:
        return records
    new_ids = {(m.previous_id or m.id): m.id for m in plan.measures}
    carried = []
    for record in records:
        new_id = new_ids.get(record["measure_id"])
        if new_id is not None:
            carried.append(_next_year(record, new_id))
    return carried


def _accepted_first(conn: sqlite3.Connection, year: int, round_id: str) -> list[dict]:
    latest = queries.round_records(conn, year, round_id)
    accepted = accepted_returns(conn, year, round_id)
    if not accepted:
        return latest
    kept = [r for r in latest if r["division"] not in accepted]
    for division, decision in accepted.items():
        run = conn.execute(
            "SELECT max(run_id) FROM run_files WHERE submission_id = ? AND chosen = 1",
            (decision.submission_id,),
        ).fetchone()[0]
        kept.extend(r for r in queries.run_records(conn, run) if r["division"] == division)
    return kept


def _next_year(record: dict, new_id: str) -> dict:
    ongoing = record.get("status") == "ongoing"
    return {
        "measure_id": new_id,
        "division": record["division"],
        "status": "ongoing" if ongoing else None,
        "action_date": None,
        "result": record.get("result") or "",
        "evidence": record.get("evidence") or "",
        "note": "",
        "log": [],
    }
