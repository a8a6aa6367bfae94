"""Merge the accepted workbooks: one record per measure and division.

When a division sent several files, the newest wins (identity time, then the time it was
saved, then the file time); the others are listed as superseded and values that differ are
reported. Divisions that sent nothing get ``missing`` records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan import Plan
from ita_xlsx.read.plan_index import plan_index
from ita_xlsx.read.records import Record
from ita_xlsx.read.returned_file import Entry, Returned

_COMPARED = ("status", "action_date", "result", "evidence", "note")


def _itself(ret: Returned) -> Returned:
    return ret


def choose_versions(
    returned: list[Returned], load: Callable[[Returned], Returned] = _itself
) -> tuple[dict[str, Returned], list[Problem]]:
    """The winning file of each division, and problems naming the files it superseded.

    ``load`` gives back a file's entries when they were put aside (``collect.Stash``).
    """
    by_division: dict[str, list[Returned]] = defaultdict(list)
    for ret in returned:
        if ret.accepted and ret.division:
            by_division[ret.division].append(ret)
    chosen: dict[str, Returned] = {}
    found: list[Problem] = []
    for division, versions in by_division.items():
        versions.sort(key=Returned.version_key)
        newest = chosen[division] = versions[-1]
        newest_full = load(newest) if len(versions) > 1 else newest
        for older in versions[:-1]:
            found.append(
                problems.info("file-superseded", file=older.source, division=division, newer=newest.source)
            )
            found.extend(_conflicts(load(older), newest_full))
    return chosen, found


def _conflicts(older: Returned, newer: Returned) -> list[Problem]:
    found = []
    for measure_id, old in older.entries.items():
        new = newer.entries.get(measure_id)
        if new is None or not old.filled:
            continue
        differing = [f for f in _COMPARED if getattr(old, f) != getattr(new, f) and getattr(old, f)]
        if differing:
            found.append(
                problems.warning(
                    "conflicting-versions",
                    file=newer.source,
                    sheet=newer.sheet,
                    cell=new.cells.get(differing[0]),
                    measure_id=measure_id,
                    division=newer.division,
                    older=older.source,
                    fields=", ".join(differing),
                )
            )
    return found


def division_records(plan: Plan, code: str, ret: Returned | None) -> Iterator[Record]:
    """The records of one division: filled from ``ret``, the file chosen for it (with its
    entries), or missing when it sent none."""
    log_by_measure = defaultdict(list)
    for logged in ret.log if ret else ():
        log_by_measure[logged.measure_id].append(logged)
    for measure in plan_index(plan).measures_for(code):
        entry = ret.entries.get(measure.id) if ret else None
        yield _record(measure.id, code, ret, entry, log_by_measure[measure.id])


def _record(measure_id: str, division: str, ret: Returned | None, entry: Entry | None, log: list) -> Record:
    if ret is None or entry is None:
        return Record(
            measure_id, division, source=ret.source if ret else None, sheet=ret.sheet if ret else None
        )
    return Record(
        measure_id,
        division,
        status=entry.status or "not_started",
        action_date=entry.action_date,
        result=entry.result,
        evidence=entry.evidence,
        note=entry.note,
        log=log,
        source=ret.source,
        sheet=ret.sheet,
        row=entry.row,
        state="pending",
        cells=entry.cells,
        hyperlinks=entry.hyperlinks,
    )
