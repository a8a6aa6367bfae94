"""Schedules a program can compute due dates from.

A schedule is written as a short phrase (see docs/plan-format.md): ``once 2022-11-30``,
``daily``, ``monthly``, ``monthly day 10``, ``quarterly``, ``twice-yearly 4 10``, ``yearly 1``,
``event``. Every period of a schedule inside a fiscal year is an :class:`Occurrence`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ita_xlsx import messages
from ita_xlsx.core import thaidates

KINDS = ("once", "daily", "monthly", "quarterly", "twice-yearly", "yearly", "event")
RECURRING = frozenset({"daily", "monthly", "quarterly", "twice-yearly", "yearly"})

_MONTH_WORDS = {
    **{
        name: i
        for i, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
        )
    },
}


class ScheduleError(ValueError):
    """The phrase is not a schedule: ``key`` names the catalogue message saying why, ``params`` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def reason(self, lang: str | None = None) -> str:
        """Why, in ``lang`` (default: the current language)."""
        return messages.text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.reason("en")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One period of a schedule and the date its report is due."""

    start: dt.date
    end: dt.date
    due: dt.date


@dataclass(frozen=True, slots=True)
class Schedule:
    kind: str
    dates: tuple[dt.date, ...] = ()
    day: int | None = None
    months: tuple[int, ...] = ()

    @property
    def recurring(self) -> bool:
        return self.kind in RECURRING

    def __str__(self) -> str:
        if self.kind == "once":
            return "once " + " ".join(d.isoformat() for d in self.dates)
        if self.kind == "monthly" and self.day:
            return f"monthly day {self.day}"
        if self.kind in ("twice-yearly", "yearly"):
            return f"{self.kind} " + " ".join(str(m) for m in self.months)
        return self.kind

    def occurrences(self, fiscal_year: int) -> list[Occurrence]:
        """Every period of this schedule in the fiscal year (BE), in date order."""
        fy_start, fy_end = thaidates.fiscal_year_bounds(fiscal_year)
        if self.kind == "once":
            return [Occurrence(min(d, fy_start), d, d) for d in self.dates]
        if self.kind == "daily":
            days = (fy_end - fy_start).days + 1
            return [Occurrence(d, d, d) for d in (fy_start + dt.timedelta(n) for n in range(days))]
        if self.kind == "monthly":
            return [
                _month_occurrence(*thaidates.fiscal_month_date(fiscal_year, m), self.day)
                for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
            ]
        if self.kind == "quarterly":
            return [
                Occurrence(
                    *thaidates.fiscal_quarter_bounds(fiscal_year, q),
                    thaidates.fiscal_quarter_bounds(fiscal_year, q)[1],
                )
                for q in (1, 2, 3, 4)
            ]
        if self.kind in ("twice-yearly", "yearly"):
            return _named_month_occurrences(fiscal_year, self.months)
        return []


def _month_occurrence(year: int, month: int, day: int | None) -> Occurrence:
    start = dt.date(year, month, 1)
    end = thaidates.month_end(year, month)
    due = end if day is None else min(end, dt.date(year, month, min(day, end.day)))
    return Occurrence(start, end, due)


def _named_month_occurrences(fiscal_year: int, months: tuple[int, ...]) -> list[Occurrence]:
    """Each named month closes the period that began after the previous one (or at the year's start)."""
    fy_start, _ = thaidates.fiscal_year_bounds(fiscal_year)
    ends = sorted(thaidates.month_end(*thaidates.fiscal_month_date(fiscal_year, m)) for m in months)
    result, start = [], fy_start
    for end in ends:
        result.append(Occurrence(start, end, end))
        start = end + dt.timedelta(days=1)
    return result


def parse_schedule(phrase: str) -> Schedule:
    """Read a schedule phrase; raise :class:`ScheduleError` saying what is wrong."""
    words = thaidates.to_arabic_digits(" ".join(str(phrase).split())).lower().split(" ")
    kind, args = words[0], words[1:]
    if kind == "once" and any(sep in phrase for sep in ",;"):
        args = [a.strip() for a in re.split(r"[,;]", phrase.split(maxsplit=1)[1]) if a.strip()]
    if kind not in KINDS:
        raise ScheduleError("schedule.unknown", word=words[0], kinds=", ".join(KINDS))
    if kind == "once":
        return Schedule("once", dates=_parse_dates(args))
    if kind == "monthly":
        return Schedule("monthly", day=_parse_day(args))
    if kind in ("twice-yearly", "yearly"):
        return Schedule(kind, months=_parse_months(args, 2 if kind == "twice-yearly" else 1))
    if args:
        raise ScheduleError("schedule.takes-nothing", kind=kind)
    return Schedule(kind)


def _parse_dates(args: list[str]) -> tuple[dt.date, ...]:
    if not args:
        raise ScheduleError("schedule.once-needs-date")
    dates = []
    for arg in args:
        parsed = thaidates.parse_date(arg)
        if parsed.value is None:
            raise ScheduleError("schedule.not-a-date", value=arg)
        dates.append(parsed.value)
    return tuple(sorted(set(dates)))


def _parse_day(args: list[str]) -> int | None:
    if not args:
        return None
    if args[0] == "day":
        args = args[1:]
    if len(args) == 1 and args[0].isdigit() and 1 <= int(args[0]) <= 31:
        return int(args[0])
    raise ScheduleError("schedule.monthly-day")


def _parse_months(args: list[str], count: int) -> tuple[int, ...]:
    months = [_parse_month(a) for a in args if a]
    if len(months) != count or len(set(months)) != count:
        raise ScheduleError("schedule.months-count", count=count)
    return tuple(months)


_THAI_MONTHS = {a.replace(".", ""): i for i, a in enumerate(thaidates.MONTHS_ABBR, 1)}
_THAI_MONTHS.update({name: i for i, name in enumerate(thaidates.MONTHS_FULL, 1)})


def _parse_month(word: str) -> int:
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    key = word[:3] if word.isascii() else word.replace(".", "")
    month = _MONTH_WORDS.get(key) or _THAI_MONTHS.get(key)
    if month is None:
        raise ScheduleError("schedule.not-a-month", value=word)
    return month
