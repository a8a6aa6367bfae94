"""The plan: office, fiscal year, rounds, divisions, sections, indicators and measures.

Everything here is plan data of one year. Item codes, indicators and sections change from
year to year, so nothing in the code names them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from ita_xlsx.core import textnorm, thaidates
from ita_xlsx.plan.as_dict import plan_to_dict
from ita_xlsx.plan.schedule import Occurrence, Schedule

FORMAT = "ita-xlsx-plan/1"
ALL_DIVISIONS = "all"


@dataclass(frozen=True, slots=True)
class Office:
    name: str
    name_en: str = ""
    district: str = ""
    province: str = ""
    coordinator: str = ""
    code: str = ""
    website: str = ""


@dataclass(frozen=True, slots=True)
class Round:
    id: str
    name: str
    start: dt.date
    end: dt.date
    name_en: str = ""
    return_by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    full_name: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.full_name, *self.aliases) if n)


@dataclass(frozen=True, slots=True)
class Section:
    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    number: int
    section: str
    name: str
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class MeasureDue:
    """What a measure asks of a division in one round."""

    due_date: dt.date | None  # the round's deadline for this measure; None when event-driven
    occurrences: tuple[Occurrence, ...]  # the periods that fall in the round
    in_round: bool  # False when the measure's only deadlines come after the round

    def ended(self, as_of: dt.date) -> tuple[Occurrence, ...]:
        """Periods whose due date has passed on ``as_of``."""
        return tuple(o for o in self.occurrences if o.due < as_of)


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    section: str
    indicator: int
    items: tuple[str, ...]
    question: str
    divisions: tuple[str, ...]  # division codes, or ("all",)
    steps: str
    reporting: str
    schedule: Schedule
    deadline_text: str = ""
    responsible_text: str = ""
    previous_id: str = ""  # this measure's id in last year's plan, when the NACC renumbered it

    @property
    def for_all(self) -> bool:
        return self.divisions == (ALL_DIVISIONS,)

    def due_in(self, rnd: Round, fiscal_year: int) -> MeasureDue:
        occurrences = self.schedule.occurrences(fiscal_year)
        if self.schedule.kind == "event":
            return MeasureDue(None, (), True)
        if self.schedule.kind == "once":
            inside = tuple(o for o in occurrences if o.due <= rnd.end)
            if not inside:
                return MeasureDue(occurrences[0].due, (), False)
            return MeasureDue(inside[-1].due, inside, True)
        inside = tuple(o for o in occurrences if o.start >= rnd.start and o.end <= rnd.end)
        return MeasureDue(inside[-1].due if inside else rnd.end, inside, bool(inside))


@dataclass(frozen=True)
class Plan:
    plan_id: str
    office: Office
    fiscal_year: int
    rounds: tuple[Round, ...]
    divisions: tuple[Division, ...]
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    measures: tuple[Measure, ...]
    format: str = FORMAT

    @property
    def fiscal_year_bounds(self) -> tuple[dt.date, dt.date]:
        return thaidates.fiscal_year_bounds(self.fiscal_year)

    def round(self, round_id: str) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def division(self, code: str) -> Division | None:
        return self._divisions_by_code.get(code)

    @cached_property
    def _divisions_by_code(self) -> dict[str, Division]:
        return {d.code: d for d in self.divisions}

    def section(self, code: str) -> Section | None:
        return next((s for s in self.sections if s.code == code), None)

    def indicator(self, number: int) -> Indicator | None:
        return next((i for i in self.indicators if i.number == number), None)

    def measure(self, measure_id: str) -> Measure | None:
        return self._measures_by_id.get(measure_id)

    @cached_property
    def _measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    def division_codes(self, measure: Measure) -> tuple[str, ...]:
        """The divisions a measure belongs to, with ``all`` expanded."""
        if measure.for_all:
            return tuple(d.code for d in self.divisions)
        return measure.divisions

    def measures_for(self, division_code: str) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if division_code in self.division_codes(m))

    def find_division(self, text: str) -> Division | None:
        """The division a name, alias or code refers to, compared after folding."""
        key = textnorm.compact(text).lower()
        for division in self.divisions:
            if key == division.code or key in (textnorm.compact(n).lower() for n in division.names()):
                return division
        return None

    @cached_property
    def _fingerprint(self) -> str:
        return self._compute_fingerprint()

    def fingerprint(self) -> str:
        """Digest of everything in the plan: two files with the same fingerprint are the same plan."""
        return self._fingerprint

    def _compute_fingerprint(self) -> str:
        content = plan_to_dict(self)
        # The office's code and website are not in the division workbooks: giving a plan its code
        # for a roll-up does not make the workbooks already sent out those of another plan.
        content["office"] = {k: v for k, v in content["office"].items() if k not in ("code", "website")}
        canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]
