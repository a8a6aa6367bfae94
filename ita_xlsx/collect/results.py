"""The outcome of a collection: one record per measure and division, the files, the problems.

This is what ``collect`` writes as JSON (field names are an interface: keep them) and what the
consolidated workbook, the mail and the reminders are made from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

from ita_xlsx.collect.record_table import StoredRecords
from ita_xlsx.collect.results_json import RESULTS_FORMAT, json_pieces, long_list, write_pieces
from ita_xlsx.core.digest import DIGEST_KEY, content_digest
from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.problem_table import StoredProblems
from ita_xlsx.core.problems import Problem, sort_key
from ita_xlsx.plan import Plan
from ita_xlsx.read.plan_index import plan_index
from ita_xlsx.read.records import DONE_STATES, STATES, Record, RecordDict, _iso
from ita_xlsx.read.run_id import new_run_id

SUBMISSIONS = ("received", "rejected", "not_received")  # a division's file: used, came unusable, none


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
    problems: Sequence[Problem] = field(default_factory=list)  # a list, or StoredProblems from collect
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
    plan: Plan
    round_id: str
    as_of: dt.date
    due_soon_days: int
    records: Sequence[Record]  # a list, or StoredRecords when collect made them
    files: list[FileReport]
    problems: Sequence[Problem]  # a list, or StoredProblems when collect found them
    links: Sequence = field(default_factory=list)  # ita_xlsx.check.links.Link: the evidence register (a
    # list, or a table of the working store when collect made it)
    run_id: str = field(default_factory=new_run_id)  # OUT.xlsx and OUT.json of one run carry the same

    def summary(self) -> dict:
        counts = dict.fromkeys(STATES, 0)
        records = self.records
        states = records.states() if isinstance(records, StoredRecords) else (r.state for r in records)
        for state in states:
            counts[state] += 1
        applicable = len(self.records) - counts["not_applicable"]
        done = sum(counts[s] for s in DONE_STATES)
        submissions = self.submissions()
        found = self.problems
        severities = Counter(
            found.severities() if isinstance(found, StoredProblems) else (p.severity for p in found)
        )
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
        made = {key: list(value) if long_list(value) else value for key, value in self._fields()}
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
        yield (
            "indicators",
            [{"number": i.number, "section": i.section, "name": i.name} for i in plan.indicators],
        )
        yield "summary", self.summary()
        yield "divisions", self.submissions()
        records = self.records
        if isinstance(records, StoredRecords):
            yield "records", records.dicts
        else:
            yield "records", Mapped(records, RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE))
        found = self.problems
        if isinstance(found, StoredProblems):
            # On disk, and read by both outputs several times over: their JSON objects are made
            # once, in order (before the files, which read theirs from there).
            in_order: Sequence[dict] = found.dicts()
        else:
            in_order = Mapped(sorted(found, key=sort_key), Problem.to_dict)
        yield "files", Mapped(self.files, FileReport.to_dict)
        yield "problems", in_order
        yield "links", Mapped(self.links, _link_dict)  # made item by item, like the records


def _link_dict(link) -> dict:
    return link.to_dict()


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


def division_submissions(plan: Plan, files: Iterable[FileReport]) -> list[dict]:
    """The ``divisions`` of the results: one object per division of the plan that has measures."""
    came: dict[str, list[FileReport]] = {}
    for report in files:
        if report.division:
            came.setdefault(report.division, []).append(report)
    index = plan_index(plan)
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
    made = found.made_dicts() if isinstance(found, StoredProblems) else None
    return made if made is not None else [p.to_dict() for p in sorted(found, key=sort_key)]
