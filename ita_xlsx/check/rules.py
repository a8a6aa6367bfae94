"""Check each record against the plan and the as-of date, and decide its state.

One rule, one small function. Rules add problems (warnings about dates) and the state tells
the executives where a measure stands: done, done late, ongoing, pending, due soon, periods not
reported (a recurring measure reported done or ongoing with ended periods that show no action),
overdue (not done and past due, nothing else), missing or not applicable.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from ita_xlsx.core import problems, thaidates
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan import Measure, MeasureDue, Plan, Round
from ita_xlsx.read.records import Record

DEFAULT_DUE_SOON_DAYS = 14
Report = Callable[..., None]


def evaluate(
    record: Record,
    measure: Measure,
    plan: Plan,
    rnd: Round,
    as_of: dt.date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> list[Problem]:
    """Set ``record.due_date``, ``state`` and ``days_overdue``; return the problems found."""
    found: list[Problem] = []
    report = reporter(record, found)
    due = _due_in(measure, rnd, plan.fiscal_year)
    record.due_date = due.due_date
    if record.status == "missing":
        record.state = "missing"
        _late_by(record, due, as_of)
        return found
    check_dates(record, measure, plan, rnd, as_of, due, report)
    record.state = _state(record, measure, due, as_of, due_soon_days, report)
    return found


def reporter(record: Record, found: list[Problem]) -> Report:
    """What the rules call to add a problem at one of the record's cells: ``report(make, code, field)``."""

    def report(make: Callable[..., Problem], code: str, field: str, **params: object) -> None:
        found.append(
            make(
                code,
                file=record.source,
                sheet=record.sheet,
                cell=_cell(record, field),
                measure_id=record.measure_id,
                division=record.division,
                **params,
            )
        )

    return report


def check_dates(
    record: Record, measure: Measure, plan: Plan, rnd: Round, as_of: dt.date, due: MeasureDue, report: Report
) -> None:
    date_missing(record, report)
    date_with_not_started(record, report)
    if record.action_date is None:
        return
    date_after_round(record, rnd, report)
    date_after_as_of(record, rnd, as_of, report)
    date_before_year(record, measure, plan, report)


def date_missing(record: Record, report: Report) -> None:
    """Done or ongoing, with neither a date nor an activity log."""
    if record.status in ("done", "ongoing") and record.action_date is None and not record.log:
        report(problems.warning, "date-missing", "action_date")


def date_with_not_started(record: Record, report: Report) -> None:
    """Not started, yet dated."""
    if record.status == "not_started" and record.action_date is not None:
        report(problems.warning, "date-with-not-started", "action_date")


def date_after_round(record: Record, rnd: Round, report: Report) -> None:
    """Dated after the round ends."""
    date = record.action_date
    if date is not None and date > rnd.end:
        report(problems.warning, "date-after-round", "action_date", date=_abbr(date), end=_abbr(rnd.end))


def date_after_as_of(record: Record, rnd: Round, as_of: dt.date, report: Report) -> None:
    """Dated after the as-of date, within the round (a date after the round is said so instead)."""
    date = record.action_date
    if date is not None and as_of < date <= rnd.end:
        report(problems.warning, "date-after-as-of", "action_date", date=_abbr(date), as_of=_abbr(as_of))


def date_before_year(record: Record, measure: Measure, plan: Plan, report: Report) -> None:
    """Dated before the fiscal year, for a measure none of whose deadlines comes before it."""
    date = record.action_date
    fy_start = plan.fiscal_year_bounds[0]
    if date is not None and date < fy_start and not _due_before_year(measure, plan.fiscal_year, fy_start):
        report(problems.warning, "date-before-year", "action_date", date=_abbr(date), year=plan.fiscal_year)


def _state(
    record: Record, measure: Measure, due: MeasureDue, as_of: dt.date, soon: int, report: Report
) -> str:
    status = record.status or "not_started"
    if status == "not_applicable":
        return "not_applicable"
    if measure.schedule.kind == "event":
        return {"done": "done", "ongoing": "ongoing"}.get(status, "pending")
    if measure.schedule.recurring and measure.schedule.kind != "daily" and status != "not_started":
        missed = period_without_action(record, due, as_of, report)
        if missed:
            if status in ("done", "ongoing"):  # done, but not in every period: not "overdue"
                return "periods_missing"
            record.days_overdue = (as_of - missed[0].due).days
            return "overdue"
    if status in ("done", "ongoing"):
        return _done_state(record, measure, due, status)
    return _open_state(record, due, as_of, soon)


def _done_state(record: Record, measure: Measure, due: MeasureDue, status: str) -> str:
    """Done, or done late when a one-off deadline passed before the action."""
    single = measure.schedule.kind == "once" or len(due.occurrences) == 1
    done_on, due_date = record.action_date, due.due_date
    if status == "done" and single and due.in_round and done_on and due_date and done_on > due_date:
        record.days_overdue = (done_on - due_date).days
        return "done_late"
    return status


def period_without_action(record: Record, due: MeasureDue, as_of: dt.date, report: Report) -> list:
    """Ended periods of a recurring measure with no action in them: noted on the record, and said."""
    missed = _missed_periods(record, due, as_of)
    if missed:
        record.missed_periods = [o.end.isoformat() for o in missed]
        record.due_date = missed[0].due  # the earliest deadline missed
        report(
            problems.warning,
            "period-without-action",
            "action_date",
            periods=", ".join(_abbr(o.end) for o in missed),
        )
    return missed


def _open_state(record: Record, due: MeasureDue, as_of: dt.date, soon: int) -> str:
    if due.due_date is None or not due.in_round:
        return "pending"
    if due.due_date < as_of:
        record.days_overdue = (as_of - due.due_date).days
        return "overdue"
    if (due.due_date - as_of).days <= soon:
        return "due_soon"
    return "pending"


def _missed_periods(record: Record, due: MeasureDue, as_of: dt.date) -> list:
    """Ended periods with no action in them, by the latest date and the activity log together."""
    dates = [e.date for e in record.log if e.date]
    if record.action_date:
        dates.append(record.action_date)
    return [o for o in due.ended(as_of) if not any(o.start <= d <= o.end for d in dates)]


def _late_by(record: Record, due: MeasureDue, as_of: dt.date) -> None:
    if due.due_date and due.in_round and due.due_date < as_of:
        record.days_overdue = (as_of - due.due_date).days


# What a schedule asks in a round depends on the schedule alone: computed once, not once per record.
_SCHEDULE_FACTS: dict[tuple, object] = {}


def _due_in(measure: Measure, rnd: Round, fiscal_year: int) -> MeasureDue:
    """``measure.due_in(rnd, fiscal_year)``, remembered by schedule."""
    return _remembered(("due", measure.schedule, rnd, fiscal_year), lambda: measure.due_in(rnd, fiscal_year))


def _due_before_year(measure: Measure, fiscal_year: int, fy_start: dt.date) -> bool:
    """Whether one of the measure's own deadlines comes before the fiscal year starts."""
    return _remembered(
        ("early", measure.schedule, fiscal_year),
        lambda: any(o.due < fy_start for o in measure.schedule.occurrences(fiscal_year)),
    )


def _remembered(key: tuple, compute: Callable[[], object]):
    found = _SCHEDULE_FACTS.get(key)
    if found is None:
        if len(_SCHEDULE_FACTS) > 10_000:  # many plans in one process (tests): start afresh
            _SCHEDULE_FACTS.clear()
        found = _SCHEDULE_FACTS[key] = compute()
    return found


@functools.lru_cache(maxsize=4096)
def _abbr(day: dt.date) -> str:
    """A date as problem messages show it ("๓ ต.ค. ๒๕๖๕"); few dates recur across thousands of records."""
    return thaidates.format_thai(day, "abbr")


def _cell(record: Record, field: str) -> str | None:
    return record.cells.get(field)
