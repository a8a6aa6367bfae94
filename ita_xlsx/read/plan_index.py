"""What the collector looks up in a plan for every file, computed once per plan."""

from __future__ import annotations

from dataclasses import dataclass

from ita_xlsx.core import textnorm
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout as L


@dataclass(frozen=True, slots=True)
class PlanIndex:
    """What the collector looks up in a plan for every file, computed once per plan.

    ``Plan.measures_for`` and ``Plan.division`` scan the whole plan; with thousands of units
    that is thousands of times per file, so the collector asks this index instead.
    """

    plan: Plan
    divisions: dict  # code → Division
    measures: dict  # division code → tuple of its Measure
    measure_ids: dict  # division code → frozenset of its measure ids
    locked: dict  # measure id → ((as written, compacted) of each locked text)

    @classmethod
    def build(cls, plan: Plan) -> PlanIndex:
        measures: dict[str, list] = {d.code: [] for d in plan.divisions}
        for measure in plan.measures:
            for code in dict.fromkeys(plan.division_codes(measure)):
                measures.setdefault(code, []).append(measure)
        locked = {
            m.id: tuple((t, textnorm.compact(t)) for t in L.locked_texts(plan, m)) for m in plan.measures
        }
        # Units of one kind have the same measures: one tuple and one set for each such list (known
        # by the identities of its measures: hashing a Measure hashes every code it lists).
        same: dict[tuple, tuple[tuple, frozenset]] = {}
        shared: dict[str, tuple[tuple, frozenset]] = {}
        for code, ms in measures.items():
            key = tuple(map(id, ms))
            both = same.get(key)
            if both is None:
                both = same[key] = (tuple(ms), frozenset(m.id for m in ms))
            shared[code] = both
        return cls(
            plan,
            {d.code: d for d in reversed(plan.divisions)},  # the first of a code wins, as in Plan.division
            {code: both[0] for code, both in shared.items()},
            {code: both[1] for code, both in shared.items()},
            locked,
        )

    def measures_for(self, division_code: str | None) -> tuple:
        return self.measures.get(division_code, ())


_INDEX: list[PlanIndex] = []  # the index of the plan used last: one collection uses one plan


def plan_index(plan: Plan) -> PlanIndex:
    """The index of ``plan``, made on first use (the last plan's index is kept)."""
    if not _INDEX or _INDEX[0].plan is not plan:
        _INDEX[:] = [PlanIndex.build(plan)]
    return _INDEX[0]
