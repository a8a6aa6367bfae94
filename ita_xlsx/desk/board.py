"""The round's board: one row per division, built from what ``collect`` finds in the folder of returns.

Each division is in one state: ``not_received``; ``received`` (its file is used, with its errors and
warnings); ``rejected`` (it sent something that cannot be used, and why); ``accepted`` (the office
store says so). Each file in the folder keeps its problems, for the page that lists them. With an
office store, the collection is recorded there as ``collect --store`` records it: a file a division
sent after its return was accepted is held (``submission-after-accept``) and not used.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ita_xlsx.collect.results import FileReport, Results
from ita_xlsx.collect.run import collect
from ita_xlsx.core import textnorm
from ita_xlsx.core.problems import ERROR, WARNING, Problem, sort_key
from ita_xlsx.desk.store import Acceptance, FeedbackOutcome, Recorded, Store
from ita_xlsx.plan import Division, Plan, Round
from ita_xlsx.template.writer import plan_round

NOT_RECEIVED, RECEIVED, REJECTED, ACCEPTED = "not_received", "received", "rejected", "accepted"
_SEP = " › "  # how intake names a workbook inside a zip or an e-mail
HELD = "submission-after-accept"  # the office store's word on a file sent after acceptance


@dataclass
class FileView:
    """One workbook (or file that is not one) found in the folder, as the page shows it."""

    source: str  # as collect names it: "returns/x.zip › finance.xlsx"
    name: str  # the file in the folder it came in, relative to the folder
    division: str | None
    accepted: bool
    rejected: bool
    superseded_by: str | None
    problems: list[Problem]
    came: dt.datetime | None

    @property
    def label(self) -> str:
        """Its name in the folder, with the member's name when it came in a zip or an e-mail."""
        outer, sep, member = self.source.partition(_SEP)
        return self.name + sep + member

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def used(self) -> bool:
        return self.accepted and self.superseded_by is None

    @property
    def held(self) -> bool:
        """Sent after the division's return was accepted: kept aside until it is reopened."""
        return any(p.code == HELD for p in self.problems)

    def reason(self) -> str:
        """Why it cannot be used: its first error, in the user's language."""
        first = next((p for p in self.problems if p.severity == ERROR), None)
        return first.message() if first else ""


@dataclass
class DivisionRow:
    division: Division
    state: str
    file: FileView | None = None  # the used file, or the latest one that cannot be used
    acceptance: Acceptance | None = None
    held: list[FileView] = field(default_factory=list)  # sent after acceptance, not used
    feedback: FeedbackOutcome | None = None  # what became of the problems sent back

    @property
    def came(self) -> dt.datetime | None:
        return self.file.came if self.file else None

    def days_late(self, rnd: Round | None) -> int | None:
        """Days after the round's return date the file came; 0 when on time; None when unknown."""
        if self.came is None or rnd is None or rnd.return_by is None:
            return None
        return max(0, (self.came.date() - rnd.return_by).days)


@dataclass
class Board:
    plan: Plan
    round: Round
    as_of: dt.date
    rows: list[DivisionRow]
    files: list[FileView]
    unmatched: list[FileView]  # cannot be used, and name no division
    summary: dict
    results: Results = field(repr=False)
    run_id: int | None = None  # the run recorded in the office store

    def file(self, name: str) -> list[FileView]:
        """The workbooks that came in the folder's file ``name`` (one, or the members of a zip)."""
        return [f for f in self.files if f.name == name]

    def row(self, code: str) -> DivisionRow | None:
        return next((r for r in self.rows if r.division.code == code), None)


def build_board(
    plan: Plan, folder: Path, *, round_id: str | None, as_of: dt.date | None, store: Store
) -> Board:
    """Collect everything in ``folder`` (recorded in the office store, when there is one) and sort
    it out by division."""
    with store.collecting(plan) as kept:
        results = collect(
            plan, [folder], round_id=round_id, as_of=as_of, jobs=1, hold=kept.hold, seen=kept.seen
        )
        recorded = kept.record(results, [folder])
    files = [_file_view(report, folder) for report in results.files]
    rnd = plan_round(plan, results.round_id)
    rows = [_row(division, files, plan, recorded) for division in plan.divisions]
    matched = {id(r.file) for r in rows if r.file is not None}
    unmatched = [f for f in files if f.rejected and id(f) not in matched and _guess_division(plan, f) is None]
    return Board(
        plan, rnd, results.as_of, rows, files, unmatched, results.summary(), results, recorded.run_id
    )


def _file_view(report: FileReport, folder: Path) -> FileView:
    outer = report.path.split(_SEP, 1)[0]
    try:
        name = Path(os.path.relpath(outer, folder)).as_posix()
    except ValueError:  # another drive (Windows): not from the folder
        name = outer
    return FileView(
        report.path,
        name,
        report.division,
        report.accepted,
        report.rejected,
        report.superseded_by,
        sorted(report.problems, key=sort_key),
        _came(folder / name),
    )


def _came(path: Path) -> dt.datetime | None:
    """When the file came: when it was saved into the folder."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except (OSError, ValueError, OverflowError):
        return None


def _row(division: Division, files: list[FileView], plan: Plan, recorded: Recorded) -> DivisionRow:
    row = DivisionRow(division, NOT_RECEIVED, None, recorded.acceptances.get(division.code))
    row.held = [f for f in files if f.held and f.division == division.code]
    row.feedback = recorded.outcomes.get(division.code)
    used = next((f for f in files if f.division == division.code and f.used), None)
    tried = [f for f in files if f.rejected and _guess_division(plan, f) == division.code]
    if used is not None:
        row.state, row.file = (ACCEPTED if row.acceptance else RECEIVED), used
    elif tried:
        row.state, row.file = REJECTED, max(tried, key=lambda f: f.came or dt.datetime.min)
    return row


def _guess_division(plan: Plan, file: FileView) -> str | None:
    """The division a file belongs to: as read from it, else the one its name alone names."""
    if file.division:
        return file.division
    stem = textnorm.compact(Path(file.source.rsplit(_SEP, 1)[-1]).stem).lower()
    named = {
        d.code
        for d in plan.divisions
        if f"_{d.code.lower()}_" in f"_{stem}_" or any(textnorm.compact(n).lower() in stem for n in d.names())
    }
    return named.pop() if len(named) == 1 else None
