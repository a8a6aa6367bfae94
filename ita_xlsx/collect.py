"""Collect: read every returned workbook, check it, merge, and judge each record.

The read path streams: one file's bytes at a time, only small records kept, so memory stays
flat in the number of files. A bad file is reported and skipped; the good ones still merge.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from ita_xlsx import intake, problems, rules
from ita_xlsx.merge import build_records, choose_versions
from ita_xlsx.plan import Plan
from ita_xlsx.problems import Problem
from ita_xlsx.results import FileReport, Record, Results
from ita_xlsx.returned import Returned, read_returned

Progress = Callable[[str], None]


def read_inputs(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    round_id: str | None = None,
    limits: intake.Limits | None = None,
    progress: Progress | None = None,
) -> tuple[list[Returned], list[FileReport]]:
    """Every input read once: the workbooks, and a report for each file that was not one."""
    limits = limits or intake.Limits()
    returned: list[Returned] = []
    others: list[FileReport] = []
    for item in intake.gather(inputs, limits):
        if isinstance(item, Problem):
            others.append(FileReport(item.file or "", False, problems=[item]))
            continue
        if progress:
            progress(item.source)
        ret = read_returned(
            item.source, item.data, plan, round_id=round_id, mtime=item.mtime, limits=limits, verified=True
        )
        returned.append(ret)
    return returned, others


def collect(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    round_id: str | None = None,
    as_of: dt.date | None = None,
    due_soon_days: int = rules.DEFAULT_DUE_SOON_DAYS,
    limits: intake.Limits | None = None,
    progress: Progress | None = None,
) -> Results:
    """Read, check and merge the inputs into one record per measure and division."""
    returned, others = read_inputs(plan, inputs, round_id=round_id, limits=limits, progress=progress)
    round_id = round_id or _common_round(plan, returned)
    _reject_other_rounds(returned, round_id)
    as_of = as_of or dt.date.today()
    chosen, merge_problems = choose_versions(returned)
    records = build_records(plan, chosen)
    record_problems = _evaluate(plan, records, round_id, as_of, due_soon_days)
    missing = [
        problems.warning("division-not-received", division=d.code, name=d.name)
        for d in plan.divisions
        if d.code not in chosen and plan.measures_for(d.code)
    ]
    files = _file_reports(returned, chosen, merge_problems, record_problems) + others
    found = [p for f in files for p in f.problems] + missing
    return Results(plan, round_id, as_of, due_soon_days, records, files, found)


def check(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    as_of: dt.date | None = None,
    due_soon_days: int = rules.DEFAULT_DUE_SOON_DAYS,
    limits: intake.Limits | None = None,
) -> list[FileReport]:
    """The checks of ``collect`` on each file alone, without merging: what a clerk runs before sending."""
    returned, others = read_inputs(plan, inputs, limits=limits)
    as_of = as_of or dt.date.today()
    reports = []
    for ret in returned:
        found = list(ret.problems)
        if ret.accepted:
            records = build_records_for(plan, ret)
            found += _evaluate(plan, records, ret.round_id, as_of, due_soon_days)
        reports.append(FileReport(ret.source, ret.accepted, ret.division, ret.round_id, problems=found))
    return reports + others


def build_records_for(plan: Plan, ret: Returned) -> list[Record]:
    return [r for r in build_records(plan, {ret.division: ret}) if r.division == ret.division]


def _evaluate(plan: Plan, records: list[Record], round_id: str, as_of: dt.date, soon: int) -> list[Problem]:
    rnd = plan.round(round_id)
    found: list[Problem] = []
    for record in records:
        found += rules.evaluate(record, plan.measure(record.measure_id), plan, rnd, as_of, soon)
    return found


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
    returned: list[Returned],
    chosen: dict[str, Returned],
    merge_problems: list[Problem],
    record_problems: list[Problem],
) -> list[FileReport]:
    by_file: dict[str, list[Problem]] = {}
    for p in merge_problems + record_problems:
        by_file.setdefault(p.file or "", []).append(p)
    reports = []
    for ret in returned:
        winner = chosen.get(ret.division) if ret.accepted else None
        superseded = winner.source if winner is not None and winner is not ret else None
        reports.append(
            FileReport(
                ret.source,
                ret.accepted,
                ret.division,
                ret.round_id,
                superseded,
                ret.problems + by_file.pop(ret.source, []),
            )
        )
    return reports
