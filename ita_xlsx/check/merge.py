"""Merge the accepted workbooks: one record per measure and division.

When a division sent several files, the newest wins (identity time, then the time it was
saved, then the file time); the others are listed as superseded, and each of them whose values
differ from the newest gets one warning for the pair (how many differ, the first few named). Divisions that sent nothing get ``missing`` records.
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
NAMED_CONFLICTS = 5  # values named in a conflicting-versions warning; the others are only counted


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
    """One warning for the pair: how many of the older file's values the newer one changed, the
    first few named by measure and cell (the older file's), at the older file."""
    count, named = 0, []
    for measure_id, cell in _differing(older, newer):
        count += 1
        if count <= NAMED_CONFLICTS:
            named.append(f"{measure_id} {cell}")
    if not count:
        return []
    values = ", ".join(named) + (", …" if count > NAMED_CONFLICTS else "")
    return [
        problems.warning(
            "conflicting-versions",
            file=older.source,
            sheet=older.sheet,
            division=older.division,
            newer=newer.source,
            count=count,
            values=values,
        )
    ]


def _differing(older: Returned, newer: Returned) -> Iterator[tuple[str, str]]:
    """(measure, cell in the older file) of each value the older file filled in and the newer
    one changed or emptied; a value only the newer file fills in is no conflict."""
    for measure_id, old in older.entries.items():
        new = newer.entries.get(measure_id)
        if new is None or not old.filled:
            continue
        for name in _COMPARED:
            value = getattr(old, name)
            if value and value != getattr(new, name):
                yield measure_id, old.cells.get(name) or name


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
