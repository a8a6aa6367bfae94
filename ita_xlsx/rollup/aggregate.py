"""The roll-up: read every office's results, choose one per office, count.

Offices' results are read one file at a time and kept on disk (the working store); in memory stay, per
office, its code and where its results are, and the counts of :mod:`ita_xlsx.rollup.tally`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.intake import gather as intake
from ita_xlsx.rollup.choose import Target, choose
from ita_xlsx.rollup.expected import ExpectedOffice
from ita_xlsx.rollup.model import RECEIVED, OfficeResult
from ita_xlsx.rollup.read import read_candidate
from ita_xlsx.rollup.tally import Tallies


@dataclass
class RollupResults:
    """What the outputs are written from."""

    target: Target
    round_name: str
    as_of: dt.date
    offices: WorkTable[OfficeResult]  # one per office, by province, district and code
    tallies: Tallies
    problems: WorkTable[Problem]
    carried: WorkTable[dict]  # problems of lower roll-ups, as their JSON had them
    expected_given: bool
    counts: Counter = field(default_factory=Counter)  # problems by severity

    def office_problems(self) -> Iterator[dict]:
        """Every problem as a JSON object (collect's format), this roll-up's first."""
        for problem in self.problems:
            made = problem.to_dict()
            made["office"] = problem.params.get("office")
            yield made
        yield from self.carried

    @property
    def exit_code(self) -> int:
        return 1 if self.counts["error"] else 0


def roll_up(
    inputs: Iterable[str | Path],
    *,
    expected: dict[str, ExpectedOffice] | None = None,
    expected_problems: Iterable[Problem] = (),
    round_id: str | None = None,
    as_of: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> RollupResults:
    """Roll up the offices' results found in ``inputs`` (files, folders, zips, saved e-mails)."""
    found: WorkTable[Problem] = WorkTable()
    carried: WorkTable[dict] = WorkTable()
    counts: Counter = Counter()

    def report(problem: Problem) -> None:
        found.append(problem)
        counts[problem.severity] += 1

    for problem in expected_problems:
        report(problem)
    read, by_code, rounds = _read_all(inputs, report, carried, progress)
    target = _target(rounds, round_id)
    offices, tallies = _choose_all(read, by_code, target, expected, report)
    round_name = next(
        (o.round_name for o in offices if o.round == target.round and o.round_name), target.round
    )
    read.close()
    return RollupResults(
        target,
        round_name,
        as_of or dt.date.today(),
        offices,
        tallies,
        found,
        carried,
        expected is not None,
        counts,
    )


def _read_all(
    inputs: Iterable[str | Path],
    report: Callable[[Problem], None],
    carried: WorkTable[dict],
    progress: Callable[[str], None] | None,
) -> tuple[WorkTable[OfficeResult], dict[str, list[int]], Counter]:
    """Every office result of every input, on disk; by office code, their positions."""
    read: WorkTable[OfficeResult] = WorkTable()
    by_code: dict[str, list[int]] = {}
    rounds: Counter = Counter()
    for item in intake.gather(inputs, own_json=True):
        if isinstance(item, Problem):
            report(item)
            continue
        if progress is not None:
            progress(item.source)
        got = read_candidate(item)
        for problem in got.problems:
            report(problem)
        carried.extend(got.carried)
        for office in got.offices:
            if not office.code:
                report(
                    problems.error(
                        "rollup-no-office-code", file=office.source or item.source, name=office.name or "-"
                    )
                )
                continue
            by_code.setdefault(office.code, []).append(len(read))
            read.append(office)
            if office.submission == RECEIVED:
                rounds[(office.fiscal_year, office.round)] += 1
    return read, by_code, rounds


def _target(rounds: Counter, round_id: str | None) -> Target:
    """The round asked for, or the one most offices reported; its most common fiscal year."""
    if round_id:
        years = Counter({year: n for (year, rnd), n in rounds.items() if rnd == round_id})
        return Target(years.most_common(1)[0][0] if years else None, round_id)
    if not rounds:
        return Target(None, "")
    (year, rnd), _ = rounds.most_common(1)[0]
    return Target(year, rnd)


def _choose_all(
    read: WorkTable[OfficeResult],
    by_code: dict[str, list[int]],
    target: Target,
    expected: dict[str, ExpectedOffice] | None,
    report: Callable[[Problem], None],
) -> tuple[WorkTable[OfficeResult], Tallies]:
    """One result per office (expected ones first, in the list's order), tallied, sorted by area."""
    codes = list(expected) if expected is not None else []
    codes += [c for c in by_code if expected is None or c not in expected]
    order: list[tuple[str, str, str, int]] = []
    chosen: WorkTable[OfficeResult] = WorkTable()
    tallies = Tallies()
    for code in codes:
        listed = expected.get(code) if expected is not None else None
        office = choose(code, [read[i] for i in by_code.get(code, ())], target, listed, report)
        office = _placed(office, listed, expected is not None)
        if expected is not None and listed is None:
            report(
                problems.warning(
                    "rollup-office-not-expected", file=office.source, office=code, name=office.name
                )
            )
        office.on_time = _on_time(office)
        tallies.add(office)
        order.append((office.province, office.district, office.code, len(chosen)))
        chosen.append(office)
    order.sort()
    offices: WorkTable[OfficeResult] = WorkTable(chosen.take(i for *_, i in order))
    chosen.close()
    return offices, tallies


def _placed(office: OfficeResult, listed: ExpectedOffice | None, have_list: bool) -> OfficeResult:
    """The office with the expected list's name, area and address (the list is the authority)."""
    if listed is None:  # without a list here, a lower roll-up's list still says who was expected
        return replace(office, expected=not have_list and (office.origin != "rollup" or office.expected))
    return replace(
        office,
        name=listed.name,
        district=listed.district or office.district,
        province=listed.province or office.province,
        email=listed.email or office.email,
        expected=True,
    )


def _on_time(office: OfficeResult) -> bool | None:
    """Received by the round's deadline: when the results say the files were received (else when
    they were made, their as-of date) on or before the office's return-by date (else the round's end).
    None when not received, or when a date is unknown."""
    if office.submission != RECEIVED:
        return None
    if office.origin == "rollup" and office.on_time is not None:
        return office.on_time
    if not office.deadline or not office.reported:
        return None
    return office.reported <= office.deadline
