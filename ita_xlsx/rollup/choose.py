"""Which results stand for each office: the newest of its files that belong to the round, named as
the expected list names it. Every other file is named with the reason it was set aside."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ita_xlsx.core import problems, textnorm
from ita_xlsx.core.problems import Problem
from ita_xlsx.rollup.expected import ExpectedOffice
from ita_xlsx.rollup.model import NOT_RECEIVED, RECEIVED, REJECTED, OfficeResult


@dataclasses.dataclass(frozen=True, slots=True)
class Target:
    """The fiscal year and round being rolled up."""

    fiscal_year: int | None
    round: str


# The short forms of local administrations' names, as lists and letters write them.
_SHORT_FORMS = (
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
)


def name_key(name: str) -> str:
    """A name compared after folding, spaces removed, and a leading short form (อบต., ทต., …) spelt out."""
    key = textnorm.compact(name).lower().replace(" ", "")
    for short, full in _SHORT_FORMS:
        if key.startswith(short):
            return full + key[len(short) :]
    return key


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def choose(
    code: str,
    found: Sequence[OfficeResult],
    target: Target,
    expected: ExpectedOffice | None,
    report: Callable[[Problem], None],
) -> OfficeResult:
    """The office's result: the newest usable one, else a rejected or not-received placeholder.

    ``found`` are the office's results from every input (a lower roll-up's placeholders included).
    """
    usable: list[OfficeResult] = []
    rejected: list[OfficeResult] = []
    for result in found:
        if result.submission != RECEIVED:  # a lower roll-up's office without results
            rejected.append(result)
            continue
        problem = _refusal(result, target, expected)
        if problem is None:
            usable.append(result)
        else:
            report(problem)
            if problem.code != "rollup-office-name-mismatch":  # another office's file: not this one's
                rejected.append(dataclasses.replace(result, submission=REJECTED, reason=problem.message_th))
    if usable:
        usable = _one_name(usable, report)
        usable.sort(key=OfficeResult.version_key)
        newest = usable[-1]
        for older in usable[:-1]:
            if _same_run(older, newest):  # the workbook and the JSON of one collect: nothing to fix
                report(
                    problems.info("rollup-same-results", file=older.source, office=code, other=newest.source)
                )
            else:
                report(
                    problems.warning(
                        "rollup-office-twice", file=older.source, office=code, newer=newest.source
                    )
                )
        return newest
    if any(r.submission == REJECTED for r in rejected):
        return next(r for r in reversed(rejected) if r.submission == REJECTED)
    if rejected:
        return rejected[-1]
    return OfficeResult(code, expected.name if expected else code, submission=NOT_RECEIVED)


def _same_run(a: OfficeResult, b: OfficeResult) -> bool:
    """Two files of one collection (its JSON and its workbook): the same date and the same counts."""
    return a.origin != b.origin and (a.as_of, a.records, a.done, a.overdue, a.missing) == (
        b.as_of,
        b.records,
        b.done,
        b.overdue,
        b.missing,
    )


def _refusal(result: OfficeResult, target: Target, expected: ExpectedOffice | None) -> Problem | None:
    """Why a result cannot stand for its office, or None."""
    where = {"file": result.source, "office": result.code}
    if target.fiscal_year is not None and result.fiscal_year != target.fiscal_year:
        return problems.error(
            "rollup-other-year", **where, found=result.fiscal_year or "-", expected=target.fiscal_year
        )
    if result.round != target.round:
        return problems.error("rollup-other-round", **where, found=result.round or "-", expected=target.round)
    if expected is not None and result.name and not same_name(result.name, expected.name):
        return problems.error(
            "rollup-office-name-mismatch", **where, found=result.name, expected=expected.name
        )
    return None


def _one_name(usable: list[OfficeResult], report: Callable[[Problem], None]) -> list[OfficeResult]:
    """Without an expected list: results of one code under another name than the newest's are an
    office claiming another's code; they are set aside."""
    newest = max(usable, key=OfficeResult.version_key)
    kept = []
    for result in usable:
        if same_name(result.name, newest.name):
            kept.append(result)
        else:
            report(
                problems.error(
                    "rollup-office-name-conflict",
                    file=result.source,
                    office=result.code,
                    found=result.name,
                    expected=newest.name,
                    other=newest.source,
                )
            )
    return kept
