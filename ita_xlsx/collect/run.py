"""Collect: read every returned workbook, check it, merge, and judge each record.

The read path streams: one file's bytes at a time. As each accepted file is read, its records
are made and judged as if it were its division's chosen file (:mod:`ita_xlsx.check.judge`); the records
go to the working store (an SQLite database on disk, see :mod:`ita_xlsx.core.workstore`) as they
come, what the file says and the rules' problems too. The merge chooses each division's file and lists its
records there (nothing is copied); the problems found go there as well
(:mod:`ita_xlsx.core.problem_table`). In memory stay the files' reports and a small key per record.
A bad file is reported and skipped; the good ones still merge.

With many files the workbooks are read, checked and judged in worker processes, one per core:
this process runs intake (the walk, the hashes, duplicates, package checks) and hands each
workbook's bytes to a worker, which sends back the small :class:`Returned` record with its judged
records packed. Order, duplicates and results are exactly those of a serial run.
"""

from __future__ import annotations

import datetime as dt
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast

from ita_xlsx.check import linkcheck, register, rules
from ita_xlsx.check.judge import Judging
from ita_xlsx.check.links import Link
from ita_xlsx.check.merge import choose_versions, division_records
from ita_xlsx.collect.pool import Progress, Stash, read_inputs
from ita_xlsx.collect.record_table import StoredRecords
from ita_xlsx.collect.results import FileReport, Results, division_submissions
from ita_xlsx.core import problems, thaidates
from ita_xlsx.core.problem_table import ProblemTable, StoredProblems
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.intake import gather as intake
from ita_xlsx.intake.gather import Candidate
from ita_xlsx.plan import Plan
from ita_xlsx.read.returned_file import Returned


def collect(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    round_id: str | None = None,
    as_of: dt.date | None = None,
    due_soon_days: int = rules.DEFAULT_DUE_SOON_DAYS,
    limits: intake.Limits | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    link_check: linkcheck.Settings | None = None,
    hold: Callable[[Returned], bool] | None = None,
    seen: Callable[[Candidate | Problem], None] | None = None,
) -> Results:
    """Read, check and merge the inputs into one record per measure and division.

    ``jobs``: worker processes reading the workbooks (see :func:`read_inputs`; None: auto).
    ``link_check``: open every evidence link with these settings (None: no network).
    ``hold``: called with each accepted workbook before the merge; one it returns True for is not
    used (it says why in its problems), e.g. a return sent after the division's was accepted.
    ``seen``: called with each input as intake gives it (see :func:`read_inputs`).
    """
    records = StoredRecords(plan)
    stash = Stash(records.dicts)
    as_of = as_of or dt.date.today()
    returned, others = read_inputs(
        plan,
        inputs,
        round_id=round_id,
        limits=limits,
        progress=progress,
        jobs=jobs,
        stash=stash,
        judging=Judging(as_of, due_soon_days),
        seen=seen,
    )
    round_id = round_id or _common_round(plan, returned)
    _reject_other_rounds(returned, round_id)
    for ret in returned:
        if hold is not None and ret.accepted and hold(ret):
            ret.accepted = False
    chosen, merge_problems = choose_versions(returned, stash.load)
    found = ProblemTable()
    later: dict[str, array] = {}  # file → positions of the problems the merge and the rules found in it
    for p in merge_problems:
        _add_later(found, later, p)
    rnd = plan.round(round_id)
    links = _Gathered(plan)
    for division in plan.divisions:
        sent = chosen.get(division.code)
        if sent is not None:  # its records were made and judged where it was read
            for p in stash.list_judged(sent):
                _add_later(found, later, p)
            links.extend(stash.judged_links(sent))
            continue
        for record in division_records(plan, division.code, None):  # it sent nothing
            measure = plan.measure(record.measure_id)
            assert measure is not None and rnd is not None, "the plan's measures, in one of its rounds"
            for p in rules.evaluate(record, measure, plan, rnd, as_of, due_soon_days):
                _add_later(found, later, p)
            records.append(record)
    stash.close()
    register_kept = _checked_links(links, plan, link_check, lambda p: _add_later(found, later, p))
    files = _file_reports(returned, chosen, found, later) + _stored(others, found)
    _attribute_by_name(plan, files)
    missing = [_unsubmitted(d) for d in division_submissions(plan, files) if d["submission"] != "received"]
    every = array("l")
    for report in files:
        every.extend(
            cast(StoredProblems, report.problems).positions
        )  # as _file_reports and _stored made them
    every.extend(found.add_all(missing))
    return Results(
        plan, round_id, as_of, due_soon_days, records, files, StoredProblems(found, every), register_kept
    )


class _Gathered:
    """The evidence links of the chosen files, kept in the working store as they are gathered, with
    the place each takes in plan order (measure, then division) in memory."""

    def __init__(self, plan: Plan) -> None:
        self.measures = {m.id: i for i, m in enumerate(plan.measures)}
        self.divisions = {d.code: i for i, d in enumerate(plan.divisions)}
        self.table: WorkTable[Link] = WorkTable()
        self.places = array("q")

    def extend(self, links: list[Link]) -> None:
        measures, divisions = self.measures, self.divisions
        for link in links:
            measure = measures.get(link.measure_id, len(measures))
            self.places.append(measure * (len(divisions) + 1) + divisions.get(link.division, 0))
            self.table.append(link)

    def in_plan_order(self) -> Iterator[Link]:
        """The links sorted by their places (gathered order among equals), then let go."""
        order = sorted(range(len(self.places)), key=self.places.__getitem__)
        yield from self.table.take(order)
        self.table.close()


def _checked_links(
    links: _Gathered, plan: Plan, settings: linkcheck.Settings | None, add: Callable[[Problem], None]
) -> WorkTable[Link]:
    """The links in plan order with the register's word on them, and the link check's when asked,
    kept in the working store; their problems given to ``add`` in order (each link's findings,
    the pages given for different measures, what did not open)."""
    checking = register.Checking(plan.office.website)
    seen: WorkTable[Link] = WorkTable()
    for link in links.in_plan_order():
        for p in checking.findings(link):
            add(p)
        seen.append(link)
    checked: WorkTable[Link] = WorkTable()
    for link in seen:
        for p in checking.duplicates(link):
            add(p)
        checked.append(link)
    seen.close()
    if settings is None:
        return checked
    fetched = list(checked)  # --check-links: each address opened once, over the network
    for p in linkcheck.check_links(fetched, settings)[1]:
        add(p)
    return WorkTable(fetched)


def _unsubmitted(division: dict) -> Problem:
    """Why a division has no records but missing ones: nothing came, or what came was not usable."""
    code, name = division["code"], division["name"]
    if division["submission"] == "rejected":
        files = ", ".join(division["files"])
        return problems.warning("division-file-not-usable", division=code, name=name, files=files)
    return problems.warning("division-not-received", division=code, name=name)


def _attribute_by_name(plan: Plan, files: list[FileReport]) -> None:
    """A rejected file that says nothing of itself (encrypted, an old .xls, damaged) is taken as
    its division's when its name is that of the division's template (``ITA2566_6m_finance_…``):
    the division sent a file that could not be used, it did not send nothing."""
    prefixes = [
        (f"ita{plan.fiscal_year}_{rnd.id}_{d.code}_".casefold(), d.code)
        for rnd in plan.rounds
        for d in plan.divisions
    ]
    for report in files:
        if report.division or not report.rejected:
            continue
        name = Path(report.path.replace("\\", "/")).name.casefold()
        report.division = next((code for prefix, code in prefixes if prefix in name), None)


def _add_later(found: ProblemTable, later: dict[str, array], problem: Problem) -> None:
    positions = later.get(problem.file or "")
    if positions is None:
        positions = later[problem.file or ""] = array("l")
    positions.append(found.add(problem))


def _stored(reports: list[FileReport], found: ProblemTable) -> list[FileReport]:
    for report in reports:
        report.problems = StoredProblems(found, found.add_all(report.problems))
    return reports


def check(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    as_of: dt.date | None = None,
    due_soon_days: int = rules.DEFAULT_DUE_SOON_DAYS,
    limits: intake.Limits | None = None,
    jobs: int | None = None,
) -> list[FileReport]:
    """The checks of ``collect`` on each file alone, without merging: what a clerk runs before sending.

    A measure left without a status is an error here (``measures-not-filled``, naming them): the
    file is not ready to send. ``collect`` takes it as not started, with a warning at its cell."""
    as_of = as_of or dt.date.today()
    stash = Stash()
    judging = Judging(as_of, due_soon_days)
    returned, others = read_inputs(plan, inputs, limits=limits, jobs=jobs, stash=stash, judging=judging)
    reports = []
    for ret in returned:
        found = list(ret.problems)
        if ret.accepted:
            found += stash.judged_problems(ret)
            found += register.check(stash.judged_links(ret), plan.office.website)
            found += _not_filled(ret, found)
        reports.append(FileReport(ret.source, ret.accepted, ret.division, ret.round_id, problems=found))
    stash.close()
    return reports + others


def judged_today(plan: Plan, round_id: str | None, today: dt.date) -> Problem | None:
    """A note when states are judged as of ``today`` (no --as-of) and today lies outside the round:
    the round's dates, and the option that judges them at its end."""
    rnd = plan.round(round_id) if round_id else None
    if rnd is None or rnd.start <= today <= rnd.end:
        return None
    return problems.info(
        "as-of-today",
        today=thaidates.format_thai(today),
        round=rnd.name or rnd.id,
        start=thaidates.format_thai(rnd.start),
        end_date=thaidates.format_thai(rnd.end),
        end=rnd.end.isoformat(),
    )


def _not_filled(ret: Returned, found: list[Problem]) -> list[Problem]:
    """An error naming the measures whose status was left empty: a blank return is not a good one."""
    empty = [p.measure_id or "?" for p in found if p.code == "status-empty"]
    if not empty:
        return []
    return [
        problems.error(
            "measures-not-filled",
            file=ret.source,
            sheet=ret.sheet,
            division=ret.division,
            count=len(empty),
            measures=", ".join(empty),
        )
    ]


def _date_of(timestamp: float | None) -> str | None:
    """The local date of a file's time, ISO; None when unknown or impossible."""
    try:
        return dt.datetime.fromtimestamp(timestamp).date().isoformat() if timestamp else None
    except (OverflowError, OSError, ValueError):
        return None


def _common_round(plan: Plan, returned: list[Returned]) -> str:
    """The round most accepted files belong to; the plan's first round when none came."""
    counts = Counter(r.round_id for r in returned if r.accepted and r.round_id)
    return counts.most_common(1)[0][0] if counts else plan.rounds[0].id


def _reject_other_rounds(returned: list[Returned], round_id: str) -> None:
    for ret in returned:
        if ret.accepted and ret.round_id != round_id:
            ret.accepted = False
            ret.report(problems.error, "workbook-other-round", expected=round_id, found=ret.round_id)


def _file_reports(
    returned: list[Returned], chosen: dict[str, Returned], found: ProblemTable, later: dict[str, array]
) -> list[FileReport]:
    """A report for each workbook read: its problems are those found reading it, then those the
    merge and the rules found in it (``later``, by file), kept in ``found``."""
    reports = []
    for ret in returned:
        winner = chosen.get(ret.division) if ret.accepted and ret.division is not None else None
        superseded = winner.source if winner is not None and winner is not ret else None
        positions = found.add_all(ret.problems)
        positions.extend(later.pop(ret.source, ()))
        reports.append(
            FileReport(
                sys.intern(ret.source),  # the name its problems in ``found`` share
                ret.accepted,
                ret.division,
                ret.round_id,
                superseded,
                StoredProblems(found, positions),
                _date_of(ret.mtime),
            )
        )
    return reports
