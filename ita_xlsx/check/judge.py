"""A file's records, made and judged where the file is read, as if it were its division's choice.

A division's records come from the one file chosen for it, and the rules look at one record at a
time; so each accepted workbook's records are made and judged by the process that read it (one of
the workers, with many files), and packed as the working store keeps them; they are kept there as
they arrive. The merge then lists those of each division's chosen file, in plan order, and only
makes the records of the divisions that sent nothing. A file that lost to a newer version of
itself was judged (and its records kept, unlisted) for nothing; few do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ita_xlsx.check import rules
from ita_xlsx.check.links import Link, record_links
from ita_xlsx.check.merge import division_records
from ita_xlsx.core import packing
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE
from ita_xlsx.plan import Plan
from ita_xlsx.read.records import KeyMaker, RecordDict, RecordKey
from ita_xlsx.read.returned_file import Returned


@dataclass(frozen=True, slots=True)
class Judging:
    """What the rules need besides the plan: the as-of date and the days that count as due soon."""

    as_of: dt.date
    due_soon_days: int = rules.DEFAULT_DUE_SOON_DAYS


@dataclass(slots=True)
class Judged:
    """One file's records, judged: what the collection keeps of them if the file is chosen."""

    made: list[bytes]  # each record's JSON object, pickled by packing.dumps
    keys: list[RecordKey]  # each record's key
    problems: list[Problem]  # what the rules found, record after record
    links: list[Link] = field(default_factory=list)  # the evidence links in its records, with their cells


def judge(plan: Plan, ret: Returned, judging: Judging) -> Judged:
    """The records of ``ret`` (accepted, with its entries and log) and the rules' word on each."""
    assert ret.division is not None and ret.round_id is not None, "an accepted file names both"
    rnd = plan.round(ret.round_id)
    assert rnd is not None, "an accepted file's round is in the plan"
    as_dict, key_of = _makers(plan)
    made: list[bytes] = []
    keys: list[RecordKey] = []
    found: list[Problem] = []
    links: list[Link] = []
    for record in division_records(plan, ret.division, ret):
        links += record_links(record)
        measure = plan.measure(record.measure_id)
        assert measure is not None, "a division's records are the plan's measures"
        found += rules.evaluate(record, measure, plan, rnd, judging.as_of, judging.due_soon_days)
        made_dict = as_dict(record)
        made.append(packing.dumps(made_dict))
        keys.append(key_of(made_dict))
    return Judged(made, keys, found, links)


_MAKERS: list[tuple[Plan, RecordDict, KeyMaker]] = []  # those of the plan used last


def _makers(plan: Plan) -> tuple[RecordDict, KeyMaker]:
    if not _MAKERS or _MAKERS[0][0] is not plan:
        _MAKERS[:] = [(plan, RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE), KeyMaker())]
    return _MAKERS[0][1], _MAKERS[0][2]
