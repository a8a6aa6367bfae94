"""Prefill a later round's workbooks with what each division reported before.

The source is the JSON that ``ita-xlsx collect`` writes: ``{"records": [{"measure_id", "division",
"status", "action_date", "result", "evidence", "note", "log": [...]}, ...]}``. Reading it never
raises: an unreadable file is one error, a bad record or value a warning naming what was skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ita_xlsx import messages
from ita_xlsx.collect.results_json import read_results
from ita_xlsx.core import problems, status, textnorm, thaidates
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan.model import Plan
from ita_xlsx.read import layout
from ita_xlsx.read.records import LogEntry
from ita_xlsx.read.run_id import other_run

MAX_CELL_CHARS = 32767  # Excel's limit for the text of one cell
MAX_PREFILL_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class MeasureReport:
    """What a division reported for one measure, ready to write into the input cells."""

    status: str | None = None  # the Thai label
    action_date: dt.date | None = None
    result: str = ""
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Prefill:
    """A division's earlier reports: by measure id, and its activity log in order."""

    reports: Mapping[str, MeasureReport] = field(default_factory=dict)
    log: tuple[LogEntry, ...] = ()


EMPTY = Prefill()


def cell_text(value: object) -> tuple[str, bool]:
    """Text safe to write into a cell, and whether it had to be shortened."""
    if value is None:
        return "", False
    text = textnorm.xml_safe(str(value))
    if len(text) > MAX_CELL_CHARS:
        return text[:MAX_CELL_CHARS], True
    return text, False


def load_records(path: str | Path, plan: Plan | None = None) -> tuple[list[dict] | None, list[Problem]]:
    """The ``records`` of a consolidated JSON file; None and an error when it cannot be read, or
    when it says it comes from another plan or fiscal year than ``plan``."""
    path = Path(path)
    try:
        data = read_results(path, max_bytes=MAX_PREFILL_BYTES)
    except (OSError, ValueError) as exc:  # not readable, not JSON, or not a results file
        return None, [problems.error("template-prefill-unreadable", file=str(path), reason=str(exc))]
    records = data.get("records")
    if not isinstance(records, list):
        reason = messages.text("prefill.no-records")
        return None, [problems.error("template-prefill-unreadable", file=str(path), reason=reason)]
    other = _other_plan(data, plan) if plan is not None else None
    if other is not None:
        return None, [problems.error("template-prefill-other-plan", file=str(path), **other)]
    mixed = other_run(path, data.get("run_id"), problems.error)
    if mixed is not None:
        return None, [mixed]
    return records, []


def _other_plan(data: dict, plan: Plan) -> dict | None:
    """What the file says of its plan and year, when that is not ``plan`` (a year-old file)."""
    plan_id, year = data.get("plan_id"), data.get("fiscal_year")
    same_plan = plan_id in (None, "") or plan_id == plan.plan_id
    same_year = year in (None, "") or year == plan.fiscal_year
    if same_plan and same_year:
        return None
    return {
        "found": f"{plan_id or '-'} {year or '-'}",
        "expected": f"{plan.plan_id} {plan.fiscal_year}",
    }


def prefill_for(
    records: list[dict], plan: Plan, division_code: str, *, source: str | None = None
) -> tuple[Prefill, list[Problem]]:
    """The records of one division, checked against its measures; warnings for what was skipped."""
    ids = {m.id for m in plan.measures_for(division_code)}
    found: list[Problem] = []
    reports: dict[str, MeasureReport] = {}
    log: list[LogEntry] = []
    where = {"file": source, "division": division_code}
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            found.append(
                problems.warning(
                    "template-prefill-bad-record",
                    index=index,
                    reason=messages.text("prefill.not-a-record"),
                    **where,
                )
            )
            continue
        if not _is_division(record.get("division"), plan, division_code):
            continue
        measure_id = str(record.get("measure_id") or "")
        if measure_id not in ids:
            found.append(problems.warning("template-prefill-unknown-measure", value=measure_id, **where))
            continue
        if measure_id not in reports:
            reports[measure_id] = _report(record, found, where | {"measure_id": measure_id})
        log.extend(_log_entries(record.get("log"), ids, found, where))
    if len(log) > layout.LOG_ROWS:
        found.append(
            problems.warning("template-prefill-log-truncated", count=len(log), limit=layout.LOG_ROWS, **where)
        )
        log = log[: layout.LOG_ROWS]
    return Prefill(reports, tuple(log)), found


def _is_division(value: object, plan: Plan, division_code: str) -> bool:
    """Whether a record's division (a code, or a name as a clerk wrote it) is this division."""
    if not isinstance(value, str) or not value.strip():
        return False
    if value == division_code:
        return True
    division = plan.find_division(value)
    return division is not None and division.code == division_code


def _report(record: dict, found: list[Problem], where: dict) -> MeasureReport:
    """One measure's reported values, each checked."""
    return MeasureReport(
        status=_status_label(record.get("status"), found, where),
        action_date=_date(record.get("action_date"), found, where),
        result=_text(record.get("result"), found, where),
        evidence=_text(record.get("evidence"), found, where),
        note=_text(record.get("note"), found, where),
    )


def _status_label(code: object, found: list[Problem], where: dict) -> str | None:
    """The Thai label of a status code; "missing" (not reported) and empty give no status."""
    if code in (None, "", status.MISSING.code):
        return None
    label = status.STATUS_BY_CODE.get(code) if isinstance(code, str) else None
    if label is not None:
        return label.th
    if code in status.STATUS_LABELS_TH:
        return str(code)
    found.append(problems.warning("template-prefill-bad-status", value=str(code), **where))
    return None


def _date(value: object, found: list[Problem], where: dict) -> dt.date | None:
    """An ISO date (or any date ``thaidates.parse_date`` reads); a warning when unreadable."""
    if value in (None, ""):
        return None
    parsed = thaidates.parse_date(value)
    if parsed.value is None:
        found.append(problems.warning("template-prefill-bad-date", value=str(value), **where))
    return parsed.value


def _text(value: object, found: list[Problem], where: dict) -> str:
    text, truncated = cell_text(value)
    if truncated:
        found.append(problems.warning("template-text-truncated", limit=MAX_CELL_CHARS, **where))
    return text


def _log_entries(entries: object, ids: set[str], found: list[Problem], where: dict) -> list[LogEntry]:
    """The log rows of a record that belong to this division's measures."""
    if not isinstance(entries, list):
        return []
    rows = []
    for entry in entries:
        if not isinstance(entry, dict) or str(entry.get("measure_id") or "") not in ids:
            continue
        at = where | {"measure_id": str(entry["measure_id"])}
        rows.append(
            LogEntry(
                measure_id=str(entry["measure_id"]),
                date=_date(entry.get("date"), found, at),
                detail=_text(entry.get("detail"), found, at),
                evidence=_text(entry.get("evidence"), found, at),
            )
        )
    return rows
