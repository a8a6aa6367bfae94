"""Everything the sheets need, computed once from the results before any row is written.

constant_memory mode writes each row for good, so totals, orderings and the chart's table are
all known before the first sheet is started.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from ita_xlsx import messages
from ita_xlsx.collect.results_json import check_results
from ita_xlsx.core import thaidates
from ita_xlsx.plan import Plan, Round
from ita_xlsx.read.records import KeyMaker, RecordKey
from ita_xlsx.report.formats import DONE_STATES, state_label


@dataclass(frozen=True, slots=True)
class Tally:
    """Records counted by state."""

    states: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.states.values())

    @property
    def done(self) -> int:
        return sum(self.states[s] for s in DONE_STATES)

    @property
    def applicable(self) -> int:
        return self.total - self.states["not_applicable"]

    @property
    def fraction_done(self) -> float:
        """Done, done late or ongoing, out of the records that apply (0.0 when none apply)."""
        return self.done / self.applicable if self.applicable else 0.0


class Notes(Protocol):
    """What a later sheet needs of each record, noted by the detail sheet (see notes.py)."""

    def __len__(self) -> int: ...
    def __getitem__(self, position: int) -> Any: ...
    def note(self, record: Mapping) -> None: ...


@dataclass(frozen=True)
class ReportData:
    """The results and the plan, with the counts and lists every sheet shares."""

    results: Mapping
    plan: Plan
    as_of: dt.date
    round: Round | None
    records: Sequence[Mapping]  # a list, or read from the collector's working store on each read
    keys: Sequence[RecordKey]  # one per record, in the same order
    divisions: tuple[str, ...]  # division codes with records, plan order first
    by_division: dict[str, Tally]
    by_section: dict[str, Tally]
    by_indicator: dict[int, Tally]
    totals: Tally
    not_received: tuple[str, ...]  # divisions with records and no accepted file
    rejected_files: dict[str, list[str]]
    rejected: tuple[str, ...] = ()  # of not_received: divisions whose file came and could not be used
    rejected_reasons: dict[str, str] = field(default_factory=dict)  # division → why, in Thai
    files_accepted: int = 0
    # by sheet: what it needs of each record, noted by the detail sheet (see notes.py)
    notes: Mapping[str, Notes] = field(default_factory=dict)

    @property
    def not_sent(self) -> tuple[str, ...]:
        """Divisions from which no file came at all."""
        rejected = set(self.rejected)
        return tuple(d for d in self.not_received if d not in rejected)

    def division_name(self, code: str | None) -> str:
        if not code:
            return ""
        division = self.plan.division(code)
        return division.name if division else code

    def noted(self, sheet: str) -> Notes | None:
        """The notes of every record for ``sheet``, when the detail sheet made them."""
        notes = self.notes.get(sheet)
        return notes if notes is not None and len(notes) == len(self.keys) else None

    @property
    def measure_count(self) -> int:
        return len({key.measure_id for key in self.keys})

    @property
    def as_of_text(self) -> str:
        return thaidates.format_thai(self.as_of)

    @property
    def period_text(self) -> str:
        """ "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)"."""
        rnd = self.round
        name = self.results.get("round_name") or (rnd.name if rnd else self.results.get("round", ""))
        year = thai_digits(self.plan.fiscal_year)
        if rnd is None:
            return messages.text("report.period-short", "th", year=year, round=name)
        start, end = (
            f"{thaidates.MONTHS_FULL[d.month - 1]} {thai_digits(thaidates.be_year(d))}"
            for d in (rnd.start, rnd.end)
        )
        return messages.text("report.period", "th", year=year, round=name, start=start, end=end)


def build(results: Mapping, plan: Plan) -> ReportData:
    """Check that ``results`` belong to ``plan`` and compute what the sheets share."""
    _check(results, plan)
    records = results.get("records") or ()
    if not isinstance(records, Sequence):  # read more than once: a list, or the results' own view
        records = list(records)
    as_of = dt.date.fromisoformat(results["as_of"])
    by_division: dict[str, Tally] = {}
    by_section: dict[str, Tally] = {}
    by_indicator: dict[int, Tally] = {}
    totals = Tally()
    keys = getattr(records, "record_keys", None)  # kept by the collector's working store as it wrote it
    if keys is None:
        keys = list(map(KeyMaker(), records))
    for key in keys:
        state = key.state
        totals.states[state] += 1
        for tallies, group in (
            (by_division, key.division),
            (by_section, key.section),
            (by_indicator, key.indicator),
        ):
            tally = tallies.get(group)
            if tally is None:
                tally = tallies[group] = Tally()
            tally.states[state] += 1
    divisions = _division_order(plan, by_division)
    accepted: set[str | None] = set()
    rejected: dict[str, list[str]] = {}
    reasons: dict[str, str] = {}
    files_accepted = 0
    for f in results.get("files") or ():  # read once: each file's problems are read with it
        if f.get("accepted"):
            accepted.add(f.get("division"))
            files_accepted += 1
        elif f.get("division"):
            rejected.setdefault(f["division"], []).append(f.get("path") or "")
            error = next((p for p in f.get("problems") or () if p.get("severity") == "error"), None)
            if error and f["division"] not in reasons:
                reasons[f["division"]] = error.get("message_th") or error.get("code") or ""
    not_received = tuple(d for d in divisions if d not in accepted)
    submissions = {d.get("code"): d.get("submission") for d in results.get("divisions") or ()}
    if submissions:
        unusable = tuple(d for d in not_received if submissions.get(d) == "rejected")
    else:  # results of an older collector: a file of the division came and was not accepted
        unusable = tuple(d for d in not_received if d in reasons)
    return ReportData(
        results=results,
        plan=plan,
        as_of=as_of,
        round=plan.round(results.get("round") or ""),
        records=records,
        keys=keys,
        divisions=divisions,
        by_division=by_division,
        by_section=by_section,
        by_indicator=by_indicator,
        totals=totals,
        not_received=not_received,
        rejected_files=rejected,
        rejected=unusable,
        rejected_reasons=reasons,
        files_accepted=files_accepted,
    )


def days_late(key: RecordKey, as_of: dt.date) -> int | None:
    """The record's days overdue, or counted from its due date when the collector left it empty.

    None for a measure done with periods not reported: it is not late, it lacks reports."""
    if key.state == "periods_missing":
        return None
    if isinstance(key.days_overdue, int):
        return key.days_overdue
    due = parse_iso(key.due_date)
    return (as_of - due).days if due and due < as_of else None


def periods_text(record: Mapping) -> str:
    """The record's missed periods the Thai way ("๓๑ ต.ค. ๖๕, ๓๐ พ.ย. ๖๕"), or ""."""
    return ", ".join(_period(p) for p in record.get("missed_periods") or ())


def state_text(record: Mapping) -> str:
    """The record's state in Thai; with its missed periods named when it lacks some reports."""
    label = state_label(record["state"])
    periods = periods_text(record) if record["state"] == "periods_missing" else ""
    return f"{label}: {periods}" if periods else label


def _period(value: object) -> str:
    """A missed period: an ISO date shown the Thai way ("๓๑ ต.ค. ๖๕"), anything else as it is."""
    day = parse_iso(value) if isinstance(value, str) else None
    return thaidates.format_thai(day, "abbr") if day else str(value)


def in_order(packed: Iterable[int], count: int) -> array:
    """Positions sorted by what comes with them, given as ``number * count + position``
    (``0 <= position < count``): ordered by number, then position.

    One int an item while sorting, not a tuple of fields: with a hundred thousand records that
    is a few MB instead of tens.
    """
    return array("q", (value % count for value in sorted(packed)))


def _check(results: Mapping, plan: Plan) -> None:
    """Refuse results of another format or of another plan (misuse, not bad data)."""
    check_results(results)  # NotResults, a ValueError
    fingerprint = results.get("plan_fingerprint")
    if results.get("plan_id") != plan.plan_id or (fingerprint and fingerprint != plan.fingerprint()):
        raise ValueError(
            messages.text(
                "report.plan-mismatch",
                results_plan=f"{results.get('plan_id')} ({fingerprint})",
                plan=f"{plan.plan_id} ({plan.fingerprint()})",
            )
        )


def _division_order(plan: Plan, seen: Mapping[str, object]) -> tuple[str, ...]:
    """The divisions of the plan that have records, in plan order, then any others by code."""
    ordered = [d.code for d in plan.divisions if d.code in seen]
    known = set(ordered)
    return (*ordered, *sorted(code for code in seen if code not in known))


@lru_cache(maxsize=4096)
def parse_iso(value: str | None) -> dt.date | None:
    """An ISO date of the results, or None (the collector writes None for no date)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=4096)
def excel_date(value: str | None) -> int | None:
    """The Excel serial number of an ISO date (cells show it as a Buddhist-era date)."""
    day = parse_iso(value)
    try:
        return thaidates.excel_serial(day) if day else None
    except ValueError:  # before 1900: not a date Excel can show
        return None


def thai_digits(value: object) -> str:
    return thaidates.to_thai_digits(str(value))
