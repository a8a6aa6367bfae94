"""The records a collection is made of: one per measure and division, with its activity log.

Read from a division's workbook, judged against the schedule, and turned into the dictionaries of
the results JSON (field names are an interface: keep them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, TypeVar, cast

from ita_xlsx.plan import Plan
from ita_xlsx.read.plan_index import plan_index

DONE_STATES = ("done", "done_late", "ongoing")


STATES = (
    "done",
    "done_late",
    "ongoing",
    "pending",
    "due_soon",
    "periods_missing",
    "overdue",
    "missing",
    "not_applicable",
)


@dataclass(slots=True)
class LogEntry:
    measure_id: str
    date: dt.date | None
    detail: str
    evidence: str
    cell: str | None = None
    url: str = ""  # the link of the row's evidence (or detail) cell, when the clerk made one

    def to_dict(self) -> dict:
        return {
            "measure_id": self.measure_id,
            "date": _iso(self.date),
            "detail": self.detail,
            "evidence": self.evidence,
            "url": self.url,
        }


@dataclass(slots=True)
class Record:
    """What one division reported for one measure, and what the check concluded."""

    measure_id: str
    division: str
    status: str = "missing"
    action_date: dt.date | None = None
    due_date: dt.date | None = None
    state: str = "missing"
    days_overdue: int | None = None
    result: str = ""
    evidence: str = ""
    note: str = ""
    log: list[LogEntry] = field(default_factory=list)
    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    missed_periods: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # field → cell reference in the source
    hyperlinks: dict[str, str] = field(default_factory=dict)  # input field ("evidence", ...) → its link


class RecordKey(NamedTuple):
    """A record in brief: what the consolidated workbook sorts, groups and counts records by."""

    measure_id: str
    division: str
    state: str
    section: str
    indicator: int
    days_overdue: int | None
    due_date: str | None


_T = TypeVar("_T")


class _KeepOnce(Protocol):
    """``setdefault`` of a table that maps each value to itself: the equal value kept first."""

    def __call__(self, key: _T, default: _T, /) -> _T: ...


class KeyMaker:
    """The :class:`RecordKey` of a record's JSON object; the codes repeated by many records kept once."""

    def __init__(self) -> None:
        self.same: dict[object, object] = {}
        self._keep_once = cast(_KeepOnce, self.same.setdefault)

    def __call__(self, r: Mapping) -> RecordKey:
        same = self._keep_once
        return RecordKey(
            same(r["measure_id"], r["measure_id"]),
            same(r["division"], r["division"]),
            same(r["state"], r["state"]),
            same(r.get("section") or "", r.get("section") or ""),
            r.get("indicator") or 0,
            r.get("days_overdue"),
            same(r.get("due_date"), r.get("due_date")),
        )


def record_from_dict(d: Mapping) -> Record:
    """A record from its JSON object (the source's cell references are not in it)."""
    measure_id = d["measure_id"]
    return Record(
        measure_id,
        d["division"],
        status=d["status"],
        action_date=_date(d.get("action_date")),
        due_date=_date(d.get("due_date")),
        state=d["state"],
        days_overdue=d.get("days_overdue"),
        result=d.get("result") or "",
        evidence=d.get("evidence") or "",
        note=d.get("note") or "",
        log=[
            LogEntry(
                e.get("measure_id") or measure_id,
                _date(e.get("date")),
                e.get("detail") or "",
                e.get("evidence") or "",
                url=e.get("url") or "",
            )
            for e in d.get("log") or ()
        ],
        source=d.get("source"),
        sheet=d.get("sheet"),
        row=d.get("row"),
        missed_periods=list(d.get("missed_periods") or ()),
        hyperlinks=dict(d.get("hyperlinks") or {}),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class RecordDict:
    """Makes a record's JSON object; what comes from the plan is looked up once per measure and division."""

    def __init__(self, plan: Plan, statuses: dict, states: dict) -> None:
        self.plan = plan
        self.statuses = statuses
        self.states = states
        self.divisions = plan_index(plan).divisions
        self.measure_parts: dict[str, dict] = {}
        self.names: dict[str, str] = {}

    def __call__(self, r: Record) -> dict:
        about = self.measure_parts.get(r.measure_id)
        if about is None:
            about = self.measure_parts[r.measure_id] = _measure_part(self.plan.measure(r.measure_id))
        name = self.names.get(r.division)
        if name is None:
            division = self.divisions.get(r.division)
            name = self.names[r.division] = division.name if division else r.division
        return _record_dict(r, name, about, self.statuses, self.states)


def _measure_part(measure) -> dict:
    return {
        "section": measure.section if measure else None,
        "indicator": measure.indicator if measure else None,
        "items": list(measure.items) if measure else [],
        "question": measure.question if measure else "",
        "schedule": str(measure.schedule) if measure else None,
    }


def _record_dict(r: Record, division_name: str, about: dict, statuses: dict, states: dict) -> dict:
    return {
        "measure_id": r.measure_id,
        "division": r.division,
        "division_name": division_name,
        "section": about["section"],
        "indicator": about["indicator"],
        "items": list(about["items"]),
        "question": about["question"],
        "schedule": about["schedule"],
        "status": r.status,
        "status_th": statuses[r.status].th,
        "action_date": _iso(r.action_date),
        "due_date": _iso(r.due_date),
        "state": r.state,
        "state_th": states[r.state].th,
        "days_overdue": r.days_overdue,
        "missed_periods": r.missed_periods,
        "result": r.result,
        "evidence": r.evidence,
        "note": r.note,
        "hyperlinks": dict(r.hyperlinks),
        "log": [e.to_dict() for e in r.log],
        "source": r.source,
        "sheet": r.sheet,
        "row": r.row,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
