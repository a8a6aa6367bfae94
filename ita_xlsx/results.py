"""The outcome of a collection: one record per measure and division, the files, the problems.

This is what ``collect`` writes as JSON (field names are an interface: keep them) and what the
consolidated workbook, the mail and the reminders are made from.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

from ita_xlsx.problems import Problem, sort_key
from ita_xlsx.spool import Mapped

RESULTS_FORMAT = "ita-xlsx-results/1"
DONE_STATES = ("done", "done_late", "ongoing")
STATES = ("done", "done_late", "ongoing", "pending", "due_soon", "overdue", "missing", "not_applicable")


@dataclass(slots=True)
class LogEntry:
    measure_id: str
    date: dt.date | None
    detail: str
    evidence: str
    cell: str | None = None

    def to_dict(self) -> dict:
        return {
            "measure_id": self.measure_id,
            "date": _iso(self.date),
            "detail": self.detail,
            "evidence": self.evidence,
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


@dataclass(slots=True)
class FileReport:
    path: str
    accepted: bool
    division: str | None = None
    round: str | None = None
    superseded_by: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """Not used because of an error (a skipped duplicate or lock file is not rejected)."""
        return not self.accepted and any(p.severity == "error" for p in self.problems)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "accepted": self.accepted,
            "division": self.division,
            "round": self.round,
            "superseded_by": self.superseded_by,
            "problems": [p.to_dict() for p in sorted(self.problems, key=sort_key)],
        }


@dataclass(slots=True)
class Results:
    plan: object  # ita_xlsx.plan.Plan
    round_id: str
    as_of: dt.date
    due_soon_days: int
    records: Sequence[Record]  # a list, or a Spool when collect made them
    files: list[FileReport]
    problems: list[Problem]
    # Records by state, counted by collect as it spooled them (read back, they cost a pass each).
    state_counts: Mapping[str, int] | None = field(default=None, repr=False, compare=False)

    def summary(self) -> dict:
        counts = dict.fromkeys(STATES, 0)
        if self.state_counts is not None:
            counts.update(self.state_counts)
        else:
            for record in self.records:
                counts[record.state] += 1
        applicable = len(self.records) - counts["not_applicable"]
        done = sum(counts[s] for s in DONE_STATES)
        received = {f.division for f in self.files if f.accepted}
        index = _plan_index(self.plan)
        return {
            "records": len(self.records),
            **counts,
            "percent_done": round(100 * done / applicable, 1) if applicable else 0.0,
            "divisions_missing": [
                d.code for d in self.plan.divisions if d.code not in received and index.measures_for(d.code)
            ],
            "files_accepted": sum(f.accepted for f in self.files),
            "files_rejected": sum(f.rejected for f in self.files),
            "errors": sum(p.severity == "error" for p in self.problems),
            "warnings": sum(p.severity == "warning" for p in self.problems),
        }

    def to_dict(self) -> dict:
        return {key: list(value) if isinstance(value, Mapped) else value for key, value in self._fields()}

    def view(self) -> dict:
        """``to_dict()`` with the records, files and problems made each time they are read.

        What the consolidated workbook is written from: with thousands of files, all of them as
        dicts at once would be most of the memory of a collection.
        """
        return dict(self._fields())

    def to_json(self) -> str:
        """``to_dict()`` as JSON text: each record, file and problem on a line of its own.

        Items are encoded one at a time (by the C encoder), so the whole dict never exists beside
        the text: with thousands of files, that is most of the peak memory of writing it.
        """
        return "".join(self._json_pieces())

    def write_json(self, stream: IO[bytes]) -> None:
        """``to_json()`` written to a binary stream as UTF-8 piece by piece, never whole in memory."""
        buffer: list[str] = []
        size = 0
        for piece in self._json_pieces():
            buffer.append(piece)
            size += len(piece)
            if size > 2**20:
                stream.write("".join(buffer).encode("utf-8"))
                buffer, size = [], 0
        stream.write("".join(buffer).encode("utf-8"))

    def _json_pieces(self) -> Iterator[str]:
        encode = _ENCODER.encode
        yield "{"
        for number, (key, value) in enumerate(self._fields()):
            yield f"{',' if number else ''}\n {encode(key)}: "
            if not isinstance(value, Mapped):
                yield encode(value)
                continue
            empty = True
            for item in value:
                yield f"{'[' if empty else ','}\n  "
                yield encode(item)
                empty = False
            yield "[]" if empty else "\n ]"
        yield "\n}"

    def _fields(self) -> Iterator[tuple[str, object]]:
        """The JSON fields in order; the long lists as iterators (see ``to_json``)."""
        from ita_xlsx.status import STATE_BY_CODE, STATUS_BY_CODE

        plan = self.plan
        rnd = plan.round(self.round_id)
        yield "format", RESULTS_FORMAT
        yield "plan_id", plan.plan_id
        yield "plan_fingerprint", plan.fingerprint()
        yield "office", plan.office.name
        yield "fiscal_year", plan.fiscal_year
        yield "round", self.round_id
        yield "round_name", rnd.name if rnd else self.round_id
        yield "as_of", self.as_of.isoformat()
        yield "due_soon_days", self.due_soon_days
        yield "summary", self.summary()
        yield "records", Mapped(self.records, RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE))
        yield "files", Mapped(self.files, FileReport.to_dict)
        yield "problems", Mapped(sorted(self.problems, key=sort_key), Problem.to_dict)


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _plan_index(plan):
    from ita_xlsx.returned import plan_index  # returned imports this module

    return plan_index(plan)


class RecordDict:
    """Makes a record's JSON object; what comes from the plan is looked up once per measure and division."""

    def __init__(self, plan, statuses: dict, states: dict) -> None:
        self.plan = plan
        self.statuses = statuses
        self.states = states
        self.divisions = _plan_index(plan).divisions
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
        "log": [e.to_dict() for e in r.log],
        "source": r.source,
        "sheet": r.sheet,
        "row": r.row,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
