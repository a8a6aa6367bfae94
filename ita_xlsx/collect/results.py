"""The outcome of a collection: one record per measure and division, the files, the problems.

This is what ``collect`` writes as JSON (field names are an interface: keep them) and what the
consolidated workbook, the mail and the reminders are made from.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, NamedTuple

from ita_xlsx.core.digest import DIGEST_KEY, content_digest
from ita_xlsx.core.problem_spool import SpooledProblems
from ita_xlsx.core.problems import Problem, sort_key
from ita_xlsx.core.spool import Mapped, Spool
from ita_xlsx.read.run_id import new_run_id

RESULTS_FORMAT = "ita-xlsx-results/1"
CONSOLIDATED_FORMAT = "ita-xlsx-consolidated/1"  # the consolidated workbook's ita_format property
DONE_STATES = ("done", "done_late", "ongoing")
SUBMISSIONS = ("received", "rejected", "not_received")  # a division's file: used, came unusable, none
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


def is_rejected(accepted: bool, severities: Iterable[str]) -> bool:
    """A file not used because of an error: a skipped duplicate or lock file is not rejected."""
    return not accepted and "error" in severities


@dataclass(slots=True)
class FileReport:
    path: str
    accepted: bool
    division: str | None = None
    round: str | None = None
    superseded_by: str | None = None
    problems: Sequence[Problem] = field(default_factory=list)  # a list, or SpooledProblems from collect
    received: str | None = None  # ISO date the file was saved or mailed (its time, as intake saw it)

    @property
    def rejected(self) -> bool:
        """Not used because of an error (a skipped duplicate or lock file is not rejected)."""
        return is_rejected(self.accepted, (p.severity for p in self.problems))

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "accepted": self.accepted,
            "division": self.division,
            "round": self.round,
            "superseded_by": self.superseded_by,
            "received": self.received,
            "problems": _problem_dicts(self.problems),
        }


@dataclass(slots=True)
class Results:
    plan: object  # ita_xlsx.plan.Plan
    round_id: str
    as_of: dt.date
    due_soon_days: int
    records: Sequence[Record]  # a list, or SpooledRecords when collect made them
    files: list[FileReport]
    problems: Sequence[Problem]  # a list, or SpooledProblems when collect found them
    links: Sequence = field(default_factory=list)  # ita_xlsx.check.links.Link: the evidence register
    run_id: str = field(default_factory=new_run_id)  # OUT.xlsx and OUT.json of one run carry the same

    def summary(self) -> dict:
        counts = dict.fromkeys(STATES, 0)
        records = self.records
        states = records.states() if isinstance(records, SpooledRecords) else (r.state for r in records)
        for state in states:
            counts[state] += 1
        applicable = len(self.records) - counts["not_applicable"]
        done = sum(counts[s] for s in DONE_STATES)
        submissions = self.submissions()
        found = self.problems
        spooled = isinstance(found, SpooledProblems)
        severities = Counter(found.severities() if spooled else (p.severity for p in found))
        return {
            "records": len(self.records),
            **counts,
            "percent_done": round(100 * done / applicable, 1) if applicable else 0.0,
            "divisions_missing": [d["code"] for d in submissions if d["submission"] == "not_received"],
            "divisions_rejected": [d["code"] for d in submissions if d["submission"] == "rejected"],
            "files_accepted": sum(f.accepted for f in self.files),
            "files_rejected": sum(f.rejected for f in self.files),
            "errors": severities["error"],
            "warnings": severities["warning"],
        }

    def submissions(self) -> list[dict]:
        """Each division of the plan that has measures: whether its file came and was used
        (``received``), came and could not be used (``rejected``, with the problem codes), or
        did not come (``not_received``); the files that came from it."""
        return division_submissions(self.plan, self.files)

    def unused_files(self) -> Iterator[tuple[FileReport, Problem | None]]:
        """Each input not used, with the problem that says why: rejected, skipped (a copy, a
        file of the tool's own, a lock file) or superseded by a newer file of its division."""
        for report in self.files:
            if report.accepted and not report.superseded_by:
                continue
            yield report, _reason(report)


    def received(self) -> str | None:
        """The latest date a file used was saved or mailed (None when no time is known)."""
        dates = [f.received for f in self.files if f.accepted and not f.superseded_by and f.received]
        return max(dates, default=None)

    def to_dict(self) -> dict:
        made = {key: list(value) if _long(value) else value for key, value in self._fields()}
        made[DIGEST_KEY] = content_digest(made.items())
        return made

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

    def write_json(self, stream: IO[bytes], view: Mapping | None = None) -> None:
        """``to_json()`` written to a binary stream as UTF-8 piece by piece, never whole in memory.

        ``view``: this results' ``view()`` when the caller already made it (for the workbook).
        """
        write_pieces(stream, self._json_pieces(view))

    def _json_pieces(self, view: Mapping | None = None) -> Iterator[str]:
        return json_pieces(list(view.items() if view is not None else self._fields()))

    def _fields(self) -> Iterator[tuple[str, object]]:
        """The JSON fields in order; the long lists as sequences made item by item when read."""
        from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE

        plan = self.plan
        rnd = plan.round(self.round_id)
        yield "format", RESULTS_FORMAT
        yield "run_id", self.run_id
        yield "plan_id", plan.plan_id
        yield "plan_fingerprint", plan.fingerprint()
        yield "office", office_dict(plan.office)
        yield "fiscal_year", plan.fiscal_year
        yield "round", self.round_id
        yield "round_name", rnd.name if rnd else self.round_id
        yield "round_end", _iso(rnd.end if rnd else None)
        yield "return_by", _iso(rnd.return_by if rnd else None)
        yield "as_of", self.as_of.isoformat()
        yield "received", self.received()
        yield "due_soon_days", self.due_soon_days
        yield "indicators", [
            {"number": i.number, "section": i.section, "name": i.name} for i in plan.indicators
        ]
        yield "summary", self.summary()
        yield "divisions", self.submissions()
        records = self.records
        if isinstance(records, SpooledRecords):
            yield "records", records.dicts
        else:
            yield "records", Mapped(records, RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE))
        found = self.problems
        if isinstance(found, SpooledProblems):
            # On disk, and read by both outputs several times over: their JSON objects are made
            # once, in order (before the files, which read theirs from there).
            in_order: Sequence[dict] = found.dicts()
        else:
            in_order = Mapped(sorted(found, key=sort_key), Problem.to_dict)
        yield "files", Mapped(self.files, FileReport.to_dict)
        yield "problems", in_order
        yield "links", [link.to_dict() for link in self.links]


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _reason(report: FileReport) -> Problem | None:
    """Why a file was not used: its first error, else the note that it was superseded or skipped."""
    if report.accepted:
        return next((p for p in report.problems if p.code == "file-superseded"), None)
    first = None
    for problem in report.problems:
        if problem.severity == "error":
            return problem
        if first is None or (problem.severity == "info" and first.severity != "info"):
            first = problem
    return first


def division_submissions(plan, files: Iterable[FileReport]) -> list[dict]:
    """The ``divisions`` of the results: one object per division of the plan that has measures."""
    came: dict[str, list[FileReport]] = {}
    for report in files:
        if report.division:
            came.setdefault(report.division, []).append(report)
    index = _plan_index(plan)
    return [
        _submission(d.code, d.name, came.get(d.code, ()))
        for d in plan.divisions
        if index.measures_for(d.code)
    ]


def _submission(code: str, name: str, reports: Sequence[FileReport]) -> dict:
    reasons: list[str] = []
    if any(r.accepted for r in reports):
        submission = "received"
    elif any(r.rejected for r in reports):
        submission = "rejected"
        for report in reports:
            for problem in report.problems:
                if problem.severity == "error" and problem.code not in reasons:
                    reasons.append(problem.code)
    else:
        submission = "not_received"
    return {
        "code": code,
        "name": name,
        "submission": submission,
        "files": [r.path for r in reports],
        "reasons": reasons,
    }


def json_pieces(fields: list[tuple[str, object]]) -> Iterator[str]:
    """A JSON object of ``fields`` in pieces, each item of a long list on a line of its own, and the
    content digest of them all as its last field."""
    encode = _ENCODER.encode
    yield "{"
    for number, (key, value) in enumerate(fields):
        yield f"{',' if number else ''}\n {encode(key)}: "
        if not _long(value):
            yield encode(value)
            continue
        empty = True
        for item in value:  # type: ignore[attr-defined]
            yield f"{'[' if empty else ','}\n  "
            yield encode(item)
            empty = False
        yield "[]" if empty else "\n ]"
    yield f",\n {encode(DIGEST_KEY)}: {encode(content_digest(fields))}"
    yield "\n}"


def write_pieces(stream: IO[bytes], pieces: Iterable[str]) -> None:
    """Text pieces written to a binary stream as UTF-8, about a megabyte at a time."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size > 2**20:
            stream.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    stream.write("".join(buffer).encode("utf-8"))


def office_dict(office) -> dict:
    """The office as the results name it: code, name, district, province, website."""
    return {
        "code": office.code,
        "name": office.name,
        "district": office.district,
        "province": office.province,
        "website": office.website,
    }


def _problem_dicts(found: Sequence[Problem]) -> list[dict]:
    made = found.made_dicts() if isinstance(found, SpooledProblems) else None
    return made if made is not None else [p.to_dict() for p in sorted(found, key=sort_key)]


def _plan_index(plan):
    from ita_xlsx.read.returned import plan_index  # returned imports this module

    return plan_index(plan)


def _long(value: object) -> bool:
    """The long lists of the results (records, files, problems): made item by item when read."""
    return isinstance(value, Mapped | Spool)


class RecordKey(NamedTuple):
    """A record in brief: what the consolidated workbook sorts, groups and counts records by."""

    measure_id: str
    division: str
    state: str
    section: str
    indicator: int
    days_overdue: int | None
    due_date: str | None


class KeyMaker:
    """The :class:`RecordKey` of a record's JSON object; the codes repeated by many records kept once."""

    def __init__(self) -> None:
        self.same: dict[object, object] = {}

    def __call__(self, r: Mapping) -> RecordKey:
        same = self.same.setdefault
        return RecordKey(
            same(r["measure_id"], r["measure_id"]),
            same(r["division"], r["division"]),
            same(r["state"], r["state"]),
            same(r.get("section") or "", r.get("section") or ""),
            r.get("indicator") or 0,
            r.get("days_overdue"),
            same(r.get("due_date"), r.get("due_date")),
        )

    def again(self, key: RecordKey) -> RecordKey:
        """A key made by another KeyMaker (in another process), its codes kept once here."""
        same = self.same.setdefault
        measure_id, division, state, section, indicator, days_overdue, due_date = key
        return RecordKey(
            same(measure_id, measure_id),
            same(division, division),
            same(state, state),
            same(section, section),
            indicator,
            days_overdue,
            same(due_date, due_date),
        )


class RecordSpool(Mapped):
    """Records' JSON objects on disk, in the order of ``positions`` in ``store``; the key of each in
    memory (``record_keys``).

    The collector keeps each file's judged records in ``store`` as the file is read (:meth:`keep`)
    and lists those of the chosen files when it merges (:meth:`list_kept`): they are written once,
    and never copied.
    """

    def __init__(self) -> None:
        self.store: Spool[dict] = Spool()
        self.positions = array("q")
        super().__init__(self.positions, self.store.__getitem__)
        self.record_keys: list[RecordKey] = []
        self.key_of = KeyMaker()

    def append(self, item: dict) -> None:
        self.positions.append(len(self.store))
        self.store.append(item)
        self.record_keys.append(self.key_of(item))

    def keep(self, made: Iterable[bytes], keys: Iterable[RecordKey]) -> tuple[int, list[RecordKey]]:
        """Store records' JSON objects pickled by :func:`~ita_xlsx.core.spool.dumps` elsewhere (see
        :mod:`ita_xlsx.check.judge`), not listed yet: where the first of them is, and their ``keys``
        with the codes kept once here."""
        first = len(self.store)
        for data in made:
            self.store.append_packed(data)
        return first, list(map(self.key_of.again, keys))

    def list_kept(self, first: int, keys: Sequence[RecordKey]) -> None:
        """List at the end the records kept from ``first`` on, one for each of ``keys`` (as
        :meth:`keep` gave them)."""
        self.positions.extend(range(first, first + len(keys)))
        self.record_keys.extend(keys)

    def __iter__(self) -> Iterator[dict]:
        return self.store.take(self.positions)  # runs of neighbours (a file's records) read at once


class SpooledRecords(Sequence):
    """Records kept on disk as their JSON objects, as ``collect`` makes them.

    The consolidated workbook and the JSON read the objects (``dicts``) several times over; kept
    as objects, each read costs half of what a Record and its conversion would. Read as
    :class:`Record`, the cell references of the source (used by the rules, before a record is
    kept) are not there.
    """

    def __init__(self, plan) -> None:
        from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE

        self.dicts = RecordSpool()
        self.as_dict = RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE)

    def append(self, record: Record) -> None:
        self.dicts.append(self.as_dict(record))

    def __len__(self) -> int:
        return len(self.dicts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [record_from_dict(d) for d in self.dicts[index]]
        return record_from_dict(self.dicts[index])

    def __iter__(self) -> Iterator[Record]:
        return map(record_from_dict, self.dicts)

    def states(self) -> Iterator[str]:
        """The state of each record, from memory (no record is read)."""
        return (key.state for key in self.dicts.record_keys)


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
        "hyperlinks": dict(r.hyperlinks),
        "log": [e.to_dict() for e in r.log],
        "source": r.source,
        "sheet": r.sheet,
        "row": r.row,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
