"""The texts a division workbook shows, computed from the plan: due dates, rhythms, date windows.

Everything here is plain Python (no workbook): the writer lays these texts out, the tests read them.
Every phrase comes from the message catalogue (``ita_xlsx/messages/template.py``), in Thai.
"""

from __future__ import annotations

import datetime as dt

from ita_xlsx.core import thaidates
from ita_xlsx.messages import th
from ita_xlsx.plan.model import Division, Measure, Plan, Round
from ita_xlsx.plan.schedule import Schedule
from ita_xlsx.read import layout


def short_date(d: dt.date) -> str:
    """ "๓๑ มี.ค. ๖๖": the short BE form used in the due column."""
    return thaidates.format_thai(d, "abbr", "thai")


def long_date(d: dt.date) -> str:
    """ "๑ ตุลาคม ๒๕๖๕": the full BE form used on the instructions sheet."""
    return thaidates.format_thai(d, "full", "thai")


def typed_date(d: dt.date) -> str:
    """ "1 ตุลาคม 2564": BE with Arabic digits, as a clerk sees a date cell after typing it."""
    return thaidates.format_thai(d, "full", "arabic")


def date_window(plan: Plan) -> tuple[dt.date, dt.date]:
    """Where an action date may lie: the fiscal year widened by layout's years before and after."""
    start, end = plan.fiscal_year_bounds
    return (
        start.replace(year=start.year - layout.DATE_WINDOW_YEARS_BEFORE),
        end.replace(year=end.year + layout.DATE_WINDOW_YEARS_AFTER),
    )


def be_typed_window(window: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The same window as stored when "3/10/2565" is read as the year 2565 CE (LibreOffice, Gregorian Excel)."""
    start, end = window
    offset = thaidates.BE_OFFSET
    return start.replace(year=start.year + offset), end.replace(year=end.year + offset)


def rhythm_text(schedule: Schedule) -> str:
    """How often a recurring measure is due: "ทุกเดือน ภายในสิ้นเดือน"."""
    if schedule.kind == "monthly" and schedule.day:
        return th("template.book.rhythm.monthly-day", day=thaidates.to_thai_digits(schedule.day))
    if schedule.kind in ("twice-yearly", "yearly"):
        months = th("template.book.rhythm.and").join(thaidates.MONTHS_FULL[m - 1] for m in schedule.months)
        return th(f"template.book.rhythm.{schedule.kind}", months=months)
    return th(f"template.book.rhythm.{schedule.kind}")


def due_text(plan: Plan, measure: Measure, rnd: Round) -> str:
    """The due column: the round's deadline in BE, with the rhythm of a recurring measure."""
    schedule = measure.schedule
    if schedule.kind == "event":
        return th("template.book.due.event")
    if schedule.kind == "once":
        return _once_due_text(plan, measure, rnd)
    return f"{rhythm_text(schedule)} ({_recurring_when(plan, measure, rnd)})"


def _once_due_text(plan: Plan, measure: Measure, rnd: Round) -> str:
    """A one-off: its date in this round, or its date marked (รอบถัดไป); later dates are added."""
    due = measure.due_in(rnd, plan.fiscal_year)
    later = [d for d in measure.schedule.dates if d > rnd.end]
    if not due.in_round:
        return th("template.book.due.next-round", date=short_date(later[0]))
    if due.due_date is None:  # only an event-driven measure has no deadline
        raise ValueError(f"the one-off measure {measure.id} has no due date")
    text = th("template.book.due.once", date=short_date(due.due_date))
    if later:
        text += " · " + th("template.book.due.later", date=short_date(later[0]))
    return text


def _recurring_when(plan: Plan, measure: Measure, rnd: Round) -> str:
    """The part in brackets: last due date of the round, or the next one when none falls in it."""
    due = measure.due_in(rnd, plan.fiscal_year)
    if not due.in_round:
        upcoming = [o.due for o in measure.schedule.occurrences(plan.fiscal_year) if o.due > rnd.end]
        when = upcoming[0] if upcoming else rnd.end
        return th("template.book.due.next-round-recurring", date=short_date(when))
    last = due.occurrences[-1].due
    if measure.schedule.kind == "daily":
        return th("template.book.due.until", date=short_date(last))
    key = "template.book.due.last-in-round" if len(due.occurrences) > 1 else "template.book.due.only-in-round"
    return th(key, date=short_date(last))


def logged_measures(measures: tuple[Measure, ...]) -> tuple[Measure, ...]:
    """Measures whose every occurrence is a row of the activity log: recurring and event-driven ones."""
    return tuple(m for m in measures if m.schedule.recurring or m.schedule.kind == "event")


def division_title(division: Division) -> str:
    """The division as named in the workbook: the full name when the plan has one."""
    return division.full_name or division.name


def coordinator_text(plan: Plan) -> str:
    """Who receives the returned files: the coordinator division and its e-mail addresses."""
    coordinator = plan.division(plan.office.coordinator) if plan.office.coordinator else None
    if coordinator is None:
        return th("template.book.value.no-coordinator")
    emails = ", ".join(coordinator.emails)
    return division_title(coordinator) + (th("template.book.value.emails", emails=emails) if emails else "")


def return_text(plan: Plan, rnd: Round) -> str:
    """ "ส่งไฟล์นี้ (.xlsx) คืน สำนักปลัด อบต. ทางอีเมล ... ภายในวันที่ ๑๐ เมษายน ๒๕๖๖"."""
    who = coordinator_text(plan)
    if rnd.return_by is None:
        return th("template.book.value.return-no-date", coordinator=who)
    return th("template.book.value.return", coordinator=who, date=long_date(rnd.return_by))


def return_by_short(rnd: Round) -> str:
    """The return date for the one-line hint above the measures table."""
    if rnd.return_by is None:
        return th("template.book.value.return-by-unset")
    return long_date(rnd.return_by)


def office_text(plan: Plan) -> str:
    """The office with its district and province, as on an official letter."""
    office = plan.office
    return " ".join(p for p in (office.name, office.district, office.province) if p)
