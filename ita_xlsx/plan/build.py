"""Build a :class:`Plan` from its raw form (the dict read from YAML or from the plan workbook).

Every problem is reported with its location and the building goes on, so a clerk sees all of
them at once. A plan with any error is not returned.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable

from ita_xlsx.core import problems, textnorm, thaidates
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan.hazards import check_plan as check_hazards
from ita_xlsx.plan.model import (
    ALL_DIVISIONS,
    FORMAT,
    Division,
    Indicator,
    Measure,
    Office,
    Plan,
    Round,
    Section,
)
from ita_xlsx.plan.schedule import ScheduleError, parse_schedule

# A path into the raw plan, e.g. ("measures", 3, "schedule"), and how to turn it into a location.
Path = tuple
Locate = Callable[[Path], dict[str, str | None]]

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_WEBSITE = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+\S*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

TOP_KEYS = (
    "format",
    "plan_id",
    "office",
    "fiscal_year",
    "rounds",
    "divisions",
    "sections",
    "indicators",
    "measures",
)
OFFICE_KEYS = ("code", "name", "name_en", "district", "province", "website", "coordinator")
ROUND_KEYS = ("id", "name", "name_en", "start", "end", "return_by")
DIVISION_KEYS = ("code", "name", "full_name", "name_en", "aliases", "emails")
SECTION_KEYS = ("code", "name", "name_en")
INDICATOR_KEYS = ("number", "section", "name", "name_en")
MEASURE_KEYS = (
    "id",
    "section",
    "indicator",
    "items",
    "question",
    "divisions",
    "responsible_text",
    "steps",
    "reporting",
    "deadline_text",
    "schedule",
    "previous_id",
)


class _Builder:
    def __init__(self, raw: object, source: str, locate: Locate):
        self.raw = raw if isinstance(raw, dict) else {}
        self.source = source
        self.locate = locate
        self.problems: list[Problem] = []
        if not isinstance(raw, dict):
            self.report(problems.error, "plan-not-a-plan", ())

    def report(self, make: Callable[..., Problem], code: str, path: Path, **params: object) -> None:
        self.problems.append(make(code, file=self.source, **self.locate(path), **params))

    # -- reading fields ------------------------------------------------------------------
    def mapping(self, value: object, path: Path, keys: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            self.report(problems.error, "plan-expected-mapping", path, where=_show(path))
            return {}
        for key in value:
            if key not in keys:
                self.report(
                    problems.error, "plan-unknown-key", (*path, key), key=key, allowed=", ".join(keys)
                )
        return value

    def items(self, name: str) -> list[tuple[Path, dict]]:
        value = self.raw.get(name)
        if not isinstance(value, list) or not value:
            self.report(problems.error, "plan-list-empty", (name,), key=name)
            return []
        return [((name, i), entry) for i, entry in enumerate(value)]

    def text(self, data: dict, key: str, path: Path, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not textnorm.fold(value)):
            if required:
                self.report(problems.error, "plan-empty-text", (*path, key), key=key)
            return ""
        if not isinstance(value, str | int | float):
            self.report(problems.error, "plan-expected-text", (*path, key), key=key)
            return ""
        return str(value).strip() if not isinstance(value, str) else value.strip()

    def texts(self, data: dict, key: str, path: Path) -> tuple[str, ...]:
        value = data.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            value = re.split(r"[,;\n]", value)
        if not isinstance(value, list):
            self.report(problems.error, "plan-expected-list", (*path, key), key=key)
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def integer(self, data: dict, key: str, path: Path) -> int | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.report(problems.error, "plan-empty-text", (*path, key), key=key)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and thaidates.to_arabic_digits(value.strip()).isdigit():
            value = int(thaidates.to_arabic_digits(value.strip()))
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(
                problems.error, "plan-expected-number", (*path, key), key=key, value=_show_value(value)
            )
            return None
        return value

    def date(self, data: dict, key: str, path: Path, *, required: bool = True) -> dt.date | None:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.report(problems.error, "plan-empty-text", (*path, key), key=key)
            return None
        parsed = thaidates.parse_date(value)
        if parsed.value is None:
            self.report(problems.error, "plan-bad-date", (*path, key), key=key, value=_show_value(value))
        return parsed.value


def _show(path: Path) -> str:
    return " › ".join(str(p) for p in path) or "(top)"


def _show_value(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def build_plan(raw: object, source: str, locate: Locate) -> tuple[Plan | None, list[Problem]]:
    """The plan, or None when it has errors; and every problem found, with its location."""
    b = _Builder(raw, source, locate)
    if b.problems:
        return None, b.problems
    b.mapping(b.raw, (), TOP_KEYS)
    if b.raw.get("format", FORMAT) != FORMAT:
        b.report(
            problems.error,
            "plan-format-unknown",
            ("format",),
            value=_show_value(b.raw["format"]),
            expected=FORMAT,
        )
    plan_id = b.text(b.raw, "plan_id", ())
    if plan_id and not _ID.match(plan_id):
        b.report(problems.error, "plan-bad-id", ("plan_id",), value=plan_id)
    fiscal_year = b.integer(b.raw, "fiscal_year", ())
    if fiscal_year is not None and not 2500 <= fiscal_year <= 2700:
        b.report(problems.error, "plan-fiscal-year-not-be", ("fiscal_year",), value=fiscal_year)
        fiscal_year = None
    office = _office(b)
    rounds = _rounds(b, fiscal_year)
    divisions = _divisions(b)
    sections = _sections(b)
    indicators = _indicators(b, {s.code for s in sections})
    measures = _measures(b, divisions, sections, indicators)
    if office.coordinator and office.coordinator not in {d.code for d in divisions}:
        b.report(problems.error, "plan-unknown-division", ("office", "coordinator"), value=office.coordinator)
    _check_division_use(b, divisions, measures)
    if problems.has_errors(b.problems) or fiscal_year is None:
        return None, b.problems
    plan = Plan(
        plan_id,
        office,
        fiscal_year,
        tuple(rounds),
        tuple(divisions),
        tuple(sections),
        tuple(indicators),
        tuple(measures),
    )
    check_hazards(plan, b.report)  # what would break the templates, the file names or the mail
    if problems.has_errors(b.problems):
        return None, b.problems
    return plan, b.problems


def _office(b: _Builder) -> Office:
    data = b.mapping(b.raw.get("office"), ("office",), OFFICE_KEYS)
    path = ("office",)
    return Office(
        b.text(data, "name", path),
        b.text(data, "name_en", path, required=False),
        b.text(data, "district", path, required=False),
        b.text(data, "province", path, required=False),
        b.text(data, "coordinator", path, required=False),
        _office_code(b, data, path),
        _website(b, data, path),
    )


def _office_code(b: _Builder, data: dict, path: Path) -> str:
    """The office's stable code (letters, digits, - _ .), e.g. a local administration's official code."""
    raw = data.get("code")
    if isinstance(raw, float) and raw.is_integer():  # typed as a number in the plan workbook
        data = {**data, "code": int(raw)}
    code = thaidates.to_arabic_digits(b.text(data, "code", path, required=False))
    if code and not _ID.match(code):
        b.report(problems.error, "plan-bad-office-code", (*path, "code"), value=code)
    return code


def _website(b: _Builder, data: dict, path: Path) -> str:
    """The office's website: an http(s) address."""
    site = b.text(data, "website", path, required=False)
    if site and not _WEBSITE.match(site):
        b.report(problems.error, "plan-bad-website", (*path, "website"), value=site)
    return site


def _rounds(b: _Builder, fiscal_year: int | None) -> list[Round]:
    rounds = []
    for path, entry in b.items("rounds"):
        data = b.mapping(entry, path, ROUND_KEYS)
        rid, start, end = b.text(data, "id", path), b.date(data, "start", path), b.date(data, "end", path)
        rnd = Round(
            rid,
            b.text(data, "name", path),
            start or dt.date.min,
            end or dt.date.min,
            b.text(data, "name_en", path, required=False),
            b.date(data, "return_by", path, required=False),
        )
        if start and end and start > end:
            b.report(problems.error, "plan-round-backwards", path, round=rid)
        elif start and end and fiscal_year:
            fy_start, fy_end = thaidates.fiscal_year_bounds(fiscal_year)
            if start < fy_start or end > fy_end:
                b.report(problems.error, "plan-round-outside-year", path, round=rid, year=fiscal_year)
        rounds.append(rnd)
    _report_duplicates(b, "rounds", [r.id for r in rounds])
    return rounds


def _divisions(b: _Builder) -> list[Division]:
    divisions = []
    for path, entry in b.items("divisions"):
        data = b.mapping(entry, path, DIVISION_KEYS)
        code = sys.intern(b.text(data, "code", path))
        if code and not _CODE.match(code):
            b.report(problems.error, "plan-bad-code", (*path, "code"), value=code)
        emails = b.texts(data, "emails", path)
        for email in emails:
            if not _EMAIL.match(email):
                b.report(problems.warning, "plan-bad-email", (*path, "emails"), value=email)
        divisions.append(
            Division(
                code,
                b.text(data, "name", path),
                b.text(data, "full_name", path, required=False),
                b.text(data, "name_en", path, required=False),
                b.texts(data, "aliases", path),
                emails,
            )
        )
    _report_duplicates(b, "divisions", [d.code for d in divisions])
    return divisions


def _sections(b: _Builder) -> list[Section]:
    sections = []
    for path, entry in b.items("sections"):
        data = b.mapping(entry, path, SECTION_KEYS)
        sections.append(
            Section(
                b.text(data, "code", path),
                b.text(data, "name", path),
                b.text(data, "name_en", path, required=False),
            )
        )
    _report_duplicates(b, "sections", [s.code for s in sections])
    return sections


def _indicators(b: _Builder, section_codes: set[str]) -> list[Indicator]:
    indicators = []
    for path, entry in b.items("indicators"):
        data = b.mapping(entry, path, INDICATOR_KEYS)
        section = b.text(data, "section", path)
        if section and section not in section_codes:
            b.report(problems.error, "plan-unknown-section", (*path, "section"), value=section)
        indicators.append(
            Indicator(
                b.integer(data, "number", path) or 0,
                section,
                b.text(data, "name", path),
                b.text(data, "name_en", path, required=False),
            )
        )
    _report_duplicates(b, "indicators", [i.number for i in indicators])
    return indicators


def _measures(
    b: _Builder, divisions: list[Division], sections: list[Section], indicators: list[Indicator]
) -> list[Measure]:
    codes = {d.code for d in divisions}
    section_codes = {s.code for s in sections}
    indicator_numbers = {i.number for i in indicators}
    measures = []
    for path, entry in b.items("measures"):
        data = b.mapping(entry, path, MEASURE_KEYS)
        measure = _measure(b, data, path, codes)
        if measure.section and measure.section not in section_codes:
            b.report(problems.error, "plan-unknown-section", (*path, "section"), value=measure.section)
        if measure.indicator and measure.indicator not in indicator_numbers:
            b.report(problems.error, "plan-unknown-indicator", (*path, "indicator"), value=measure.indicator)
        measures.append(measure)
    _report_duplicates(b, "measures", [m.id for m in measures])
    return measures


def _measure(b: _Builder, data: dict, path: Path, codes: set[str]) -> Measure:
    mid = b.text(data, "id", path)
    if mid and not _ID.match(mid):
        b.report(problems.error, "plan-bad-id", (*path, "id"), value=mid)
    # One string per code, however many measures list it (a plan of thousands of units lists each
    # code under many measures: hundreds of thousands of copies otherwise).
    divisions = tuple(map(sys.intern, b.texts(data, "divisions", path)))
    if not divisions:
        b.report(problems.error, "plan-measure-no-division", (*path, "divisions"), measure=mid)
    elif divisions != (ALL_DIVISIONS,):
        for code in divisions:
            if code not in codes:
                b.report(problems.error, "plan-unknown-division", (*path, "divisions"), value=code)
    schedule_text = b.text(data, "schedule", path)
    try:
        schedule = parse_schedule(schedule_text) if schedule_text else parse_schedule("event")
    except ScheduleError as exc:
        b.report(
            problems.error, "plan-bad-schedule", (*path, "schedule"), value=schedule_text, reason=exc.reason()
        )
        schedule = parse_schedule("event")
    items = b.texts(data, "items", path)
    if not items:
        b.report(problems.error, "plan-empty-text", (*path, "items"), key="items")
    return Measure(
        mid,
        b.text(data, "section", path),
        b.integer(data, "indicator", path) or 0,
        items,
        b.text(data, "question", path),
        divisions,
        b.text(data, "steps", path),
        b.text(data, "reporting", path),
        schedule,
        b.text(data, "deadline_text", path, required=False),
        b.text(data, "responsible_text", path, required=False),
        b.text(data, "previous_id", path, required=False),
    )


def _report_duplicates(b: _Builder, name: str, keys: list) -> None:
    for key, count in Counter(k for k in keys if k not in ("", None, 0)).items():
        if count > 1:
            index = [i for i, k in enumerate(keys) if k == key][1]
            b.report(problems.error, "plan-duplicate-id", (name, index), key=name, value=key)


def _check_division_use(b: _Builder, divisions: list[Division], measures: list[Measure]) -> None:
    used = {c for m in measures for c in m.divisions}
    if ALL_DIVISIONS in used:
        return
    for i, division in enumerate(divisions):
        if division.code and division.code not in used:
            b.report(
                problems.warning, "plan-division-without-measures", ("divisions", i), value=division.code
            )
