"""Write the division workbooks: one protected .xlsx per division, holding only its measures.

Sheets (names, defined names and identity keys come from :mod:`ita_xlsx.read.layout`):

1. คำชี้แจง — instructions: office, year, round, division, what to fill, statuses, dates, return.
2. มาตรการ — one row per measure: locked plan texts, then the input cells (shaded, unlocked).
3. บันทึกการดำเนินการ — the activity log: one row per time a recurring measure was done.
4. ``_lists`` (hidden) — dropdown sources; ``_ita`` (very hidden) — the workbook's identity.

The same plan and options give the same bytes: the creation time is pinned (the round's start
at 00:00 unless ``generated`` is given) and XlsxWriter stamps zip entries with a fixed date.
Every text from the plan or a prefill goes through ``write_string``: it can never become a
formula or a link.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.core import problems, sizing, status, style, textnorm, thaidates
from ita_xlsx.core.atomic import atomic_path
from ita_xlsx.core.own_files import PASSWORD_FILE
from ita_xlsx.core.problems import Problem
from ita_xlsx.messages import th
from ita_xlsx.plan.model import Division, Measure, Plan, Round
from ita_xlsx.read import layout
from ita_xlsx.read.records import LogEntry
from ita_xlsx.template import content
from ita_xlsx.template.prefill import EMPTY, MeasureReport, Prefill, cell_text, load_records, prefill_for
from ita_xlsx.template.protection import SHEET_OPTIONS, ProtectedWorkbook

# Shown in a date cell whose value lies 543 years late (3/10/2565 typed where the year is read as
# CE, as LibreOffice and Gregorian Excel do): Thai month names, the year as typed.
XL_DATE_TYPED_BE = "[$-41E]d mmmm yyyy"
BE_STORED_AS_CE_FROM = dt.date(thaidates.BE_THRESHOLD, 1, 1)

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    # No font scheme: a "minor" scheme lets Excel swap in the theme font (Calibri).
    "default_format_properties": {
        "font_name": style.FONT_NAME,
        "font_size": style.FONT_SIZE,
        "font_scheme": "none",
    },
}
BORDER_COLOUR = "#A6A6A6"
_CELL = {"text_wrap": True, "valign": "top", "border": 1, "border_color": BORDER_COLOUR}
_INPUT = {**_CELL, "bg_color": style.FILL_INPUT, "locked": False}
FORMATS: dict[str, dict[str, object]] = {
    "plain": {},
    "title": {"bold": True, "text_wrap": True, "valign": "vcenter"},
    "text": {"text_wrap": True, "valign": "top"},
    "label": {"bold": True, "text_wrap": True, "valign": "top"},
    "heading": {"bold": True, "text_wrap": True, "valign": "vcenter", "bg_color": style.FILL_HEADER},
    "header": {**_CELL, "bold": True, "align": "center", "valign": "vcenter", "bg_color": style.FILL_HEADER},
    "locked": _CELL,
    "locked_center": {**_CELL, "align": "center"},
    "input": _INPUT,
    "input_center": {**_INPUT, "align": "center"},
    "input_date": {**_INPUT, "align": "center", "num_format": thaidates.XL_DATE_FULL},
    "status_sample": {**_INPUT, "bold": True, "locked": True},
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its heading (message key), width, format and defined name."""

    key: str
    width: float
    fmt: str
    name: str | None = None


MEASURE_COLUMNS = (
    Column("template.book.col.number", 6, "locked_center"),
    Column("template.book.col.measure-id", 8, "locked_center", layout.NAME_MEASURE_ID),
    Column("template.book.col.question", 40, "locked", layout.NAME_QUESTION),
    Column("template.book.col.steps", 40, "locked", layout.NAME_STEPS),
    Column("template.book.col.reporting", 34, "locked", layout.NAME_REPORTING),
    Column("template.book.col.due", 22, "locked", layout.NAME_DUE_DATE),
    Column("template.book.col.status", 24, "input_center", layout.NAME_STATUS),
    Column("template.book.col.action-date", 22, "input_date", layout.NAME_ACTION_DATE),
    Column("template.book.col.result", 40, "input", layout.NAME_RESULT),
    Column("template.book.col.evidence", 28, "input", layout.NAME_EVIDENCE),
    Column("template.book.col.note", 24, "input", layout.NAME_NOTE),
)
LOG_COLUMNS = (
    Column("template.book.log.col.number", 8, "locked_center"),
    Column("template.book.log.col.measure", 16, "input_center", layout.NAME_LOG_MEASURE),
    Column("template.book.log.col.date", 22, "input_date", layout.NAME_LOG_DATE),
    Column("template.book.log.col.detail", 70, "input", layout.NAME_LOG_DETAIL),
    Column("template.book.log.col.evidence", 40, "input", layout.NAME_LOG_EVIDENCE),
)
LOG_PRINT_MIN_ROWS = 22  # blank log rows printed when the log is empty: the rest of the first page
LOG_PRINT_SPARE_ROWS = 10  # blank rows printed below the entries a prefilled log holds
TEXT_COLS = (2, 3, 4)  # question, steps, reporting: widened when a measure's texts are very long
MAX_WIDENING_STEPS = 5
INSTRUCTION_WIDTHS = (26.0, 104.0)
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2, 3  # 0-based, on the measures and log sheets
STATUS_LIST_COL, MEASURE_LIST_COL = 0, 1  # on the _lists sheet


# --- public API -----------------------------------------------------------------------------------
def build_template(
    plan: Plan,
    round_id: str,
    division_code: str,
    *,
    password: str,
    generated: dt.datetime | None = None,
    prefill: list[dict] | None = None,
) -> bytes:
    """The workbook of one division for one round, as .xlsx bytes.

    ``prefill`` is the ``records`` list of a consolidated JSON (all divisions; this one's are used).
    Raises ValueError for an unknown round or division (a caller's mistake, not bad data).
    """
    data, _ = _build(plan, round_id, division_code, password=password, generated=generated, records=prefill)
    return data


def write_templates(
    plan: Plan,
    out_dir: str | Path,
    *,
    round_id: str | None = None,
    password: str | None,
    force: bool = False,
    generated: dt.datetime | None = None,
    prefill_path: str | Path | None = None,
    prefill: list[dict] | None = None,
    prefill_source: str | None = None,
) -> tuple[list[Path], list[Problem]]:
    """Write every division's workbook into ``out_dir``; return the files written and the problems.

    Nothing is written when a file already exists (unless ``force``) or the prefill file is
    unreadable. ``prefill`` (with ``prefill_source`` naming it) is a records list given directly,
    as the office store gives it, instead of ``prefill_path``. Without a password a random one is made (or the one saved in the folder reused)
    and saved to ``PASSWORD_FILE`` there, readable only by the user.
    """
    rnd = plan_round(plan, round_id)
    out_dir = Path(out_dir)
    records, found = load_records(prefill_path, plan) if prefill_path else (prefill or [], [])
    if records is None:
        return [], found
    targets, skipped = _targets(plan, rnd, out_dir)
    found += skipped
    existing = [t for t in targets.values() if t.exists()]
    if existing and not force:
        files = ", ".join(str(p) for p in existing)
        return [], [
            *found,
            problems.error("template-exists", file=str(out_dir), count=len(existing), files=files),
        ]
    if not targets:
        return [], found
    password, password_problems = resolve_password(out_dir, password)
    found += password_problems
    written = []
    for code, target in targets.items():
        data, built = _build(
            plan,
            rnd.id,
            code,
            password=password,
            generated=generated,
            records=records,
            source=str(prefill_path) if prefill_path else prefill_source,
        )
        found += [p.with_location(file=p.file or str(target)) for p in built]
        written.append(_write_public(target, data))
    return written, found


# --- files and password ---------------------------------------------------------------------------
def plan_round(plan: Plan, round_id: str | None) -> Round:
    """The plan's round ``round_id`` (its first when None); ValueError when it has no such round."""
    rnd = plan.round(round_id) if round_id else (plan.rounds[0] if plan.rounds else None)
    if rnd is None:
        known = ", ".join(r.id for r in plan.rounds)
        raise ValueError(f"no round {round_id!r} in the plan (rounds: {known})")
    return rnd


def plan_division(plan: Plan, code: str) -> Division:
    """The plan's division ``code``; ValueError when it has no such division."""
    division = plan.division(code)
    if division is None:
        raise ValueError(f"no division {code!r} in the plan")
    return division


def _targets(plan: Plan, rnd: Round, out_dir: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The file of each division that has measures; a warning for each that has none."""
    targets, found = {}, []
    for division in plan.divisions:
        if plan.measures_for(division.code):
            targets[division.code] = out_dir / layout.file_name(plan, rnd, division.code)
        else:
            found.append(
                problems.warning(
                    "template-division-has-no-measures", division=division.code, value=division.name
                )
            )
    return targets, found


def resolve_password(out_dir: Path, password: str | None) -> tuple[str, list[Problem]]:
    """The password to protect with: the one given, the one saved in the folder, or a new random one."""
    saved_path = out_dir / PASSWORD_FILE
    saved = _read_saved_password(saved_path)
    if password:
        if saved is not None and saved != password:
            return password, [problems.warning("template-password-file-differs", path=str(saved_path))]
        return password, []
    if saved:
        return saved, [problems.info("template-password-reused", path=str(saved_path))]
    password = secrets.token_urlsafe(12)
    note = th("template.password-file-note")
    with atomic_path(saved_path) as tmp:
        tmp.write_text(f"{password}\n{note}\n", encoding="utf-8")
        os.chmod(tmp, 0o600)
    return password, [problems.info("template-password-saved", path=str(saved_path))]


def _read_saved_password(path: Path) -> str | None:
    """The first line of a saved password file, or None."""
    try:
        first = path.read_text(encoding="utf-8").splitlines()[:1]
    except (OSError, UnicodeDecodeError):
        return None
    return first[0].strip() if first and first[0].strip() else None


def _write_public(target: Path, data: bytes) -> Path:
    """Write atomically, readable as any new file of the user (the temporary file is private)."""
    mask = os.umask(0)
    os.umask(mask)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
        os.chmod(tmp, 0o666 & ~mask)
    return target


# --- building one workbook ------------------------------------------------------------------------
def _build(
    plan: Plan,
    round_id: str,
    division_code: str,
    *,
    password: str,
    generated: dt.datetime | None,
    records: list[dict] | None,
    source: str | None = None,
) -> tuple[bytes, list[Problem]]:
    """Bytes of one workbook and the problems met on the way (prefill warnings)."""
    rnd = plan_round(plan, round_id)
    division = plan_division(plan, division_code)
    prefill, found = prefill_for(records, plan, division_code, source=source) if records else (EMPTY, [])
    book = _Book(plan, rnd, division, prefill, generated or dt.datetime.combine(rnd.start, dt.time()))
    return book.build(password), found


class _Book:
    """One division workbook being written: the workbook, its formats and the plan data it shows."""

    def __init__(self, plan: Plan, rnd: Round, division: Division, prefill: Prefill, generated: dt.datetime):
        self.plan, self.rnd, self.division, self.prefill = plan, rnd, division, prefill
        self.generated = generated
        self.measures: tuple[Measure, ...] = plan.measures_for(division.code)
        self.buffer = io.BytesIO()
        self.wb = ProtectedWorkbook(self.buffer, copy.deepcopy(WORKBOOK_OPTIONS))
        self._formats: dict[tuple[str, bool], Format] = {}
        self.window = content.date_window(plan)
        self.typed_be_format = self.wb.add_format({"num_format": XL_DATE_TYPED_BE})

    def build(self, password: str) -> bytes:
        """Lay out every sheet, protect, and return the bytes."""
        sheets = [self._instructions(), self._measures(), self._log()]
        hidden = [self._lists(), self._identity()]
        for ws in sheets:
            self._page_setup(ws)
        sheets[0].fit_to_pages(1, 1)  # the instructions: one page
        for ws in (*sheets, *hidden):
            ws.protect(password, dict(SHEET_OPTIONS))
        self.wb.protect_structure(password)
        self._properties()
        self.wb.close()
        return self.buffer.getvalue()

    # --- formats and cells -------------------------------------------------------------------------
    def fmt(self, name: str, *, quote: bool = False) -> Format:
        """A shared cell format; ``quote`` adds the quote prefix that keeps "=..." a text on editing."""
        key = (name, quote)
        if key not in self._formats:
            spec = dict(FORMATS[name], **({"quote_prefix": True} if quote else {}))
            self._formats[key] = self.wb.add_format(spec)
        return self._formats[key]

    def text(self, ws: Worksheet, row: int, col: int, value: object, fmt: str) -> str:
        """Write a text cell (never a formula or link); return the text written."""
        text, _ = cell_text(value)
        ws.write_string(row, col, text, self.fmt(fmt, quote=textnorm.looks_like_formula(text)))
        return text

    def date_cell(self, ws: Worksheet, row: int, col: int, value: dt.date | None, fmt: str) -> str:
        """A real date with the BE format, or an empty input cell; return the text it shows."""
        if value is None:
            ws.write_blank(row, col, None, self.fmt(fmt))
            return ""
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.fmt(fmt))
        return content.typed_date(value)

    def input_cell(self, ws: Worksheet, row: int, col: int, value: str | None, fmt: str) -> str:
        """An input cell: prefilled text, or empty but styled (unlocked, shaded)."""
        if value:
            return self.text(ws, row, col, value, fmt)
        ws.write_blank(row, col, None, self.fmt(fmt))
        return ""

    # --- sheet 1: instructions ---------------------------------------------------------------------
    def _instructions(self) -> Worksheet:
        ws = self.wb.add_worksheet(layout.INSTRUCTIONS_SHEET)
        for col, width in enumerate(INSTRUCTION_WIDTHS):
            ws.set_column(col, col, width)
        row = self._merged(ws, 0, th("template.book.title"), "title", INSTRUCTION_WIDTHS, bold=True)
        for label, value in self._facts():
            row = self._pair(ws, row, label, value, "label")
        row = self._unfilled(ws, row)
        for heading, items in self._guidance():
            ws.set_row(row, style.ROW_HEIGHT_PER_LINE)  # a blank line before each section
            row = self._merged(ws, row + 1, heading, "heading", INSTRUCTION_WIDTHS, bold=True)
            for item in items:
                if isinstance(item, tuple):  # a status and its meaning
                    row = self._pair(ws, row, *item)
                else:
                    row = self._merged(ws, row, item, "text", INSTRUCTION_WIDTHS)
        return ws

    def _facts(self) -> list[tuple[str, str]]:
        """The label/value rows at the top of the instructions."""
        plan, rnd = self.plan, self.rnd
        fy_start, fy_end = (content.long_date(d) for d in plan.fiscal_year_bounds)
        year = th(
            "template.book.value.fiscal-year",
            year=thaidates.to_thai_digits(plan.fiscal_year),
            start=fy_start,
            end=fy_end,
        )
        period = th(
            "template.book.value.round",
            name=rnd.name,
            start=content.long_date(rnd.start),
            end=content.long_date(rnd.end),
        )
        count = th(
            "template.book.value.measures",
            count=thaidates.to_thai_digits(len(self.measures)),
            sheet=layout.MEASURES_SHEET,
        )
        return [
            (th("template.book.label.office"), content.office_text(plan)),
            (th("template.book.label.fiscal-year"), year),
            (th("template.book.label.round"), period),
            (th("template.book.label.division"), content.division_title(self.division)),
            (th("template.book.label.measures"), count),
            (th("template.book.label.return"), content.return_text(plan, rnd)),
        ]

    def _unfilled(self, ws: Worksheet, row: int) -> int:
        """How many measures still have no status: a formula over the status column, recomputed
        by the spreadsheet as the clerk fills it in (red while some are empty, green at none)."""
        self.text(ws, row, 0, th("template.book.label.unfilled"), "label")
        total = len(self.measures)
        blank = sum(1 for m in self.measures if not self.prefill.reports.get(m.id, MeasureReport()).status)
        shown = th("template.book.value.unfilled", total=total).replace('"', "")
        counter = self.wb.add_format({**FORMATS["label"], "align": "left", "num_format": f'0" {shown}"'})
        ws.write_formula(row, 1, f"=COUNTBLANK({layout.NAME_STATUS})", counter, blank)
        for criteria, colour in ((">", "#C00000"), ("=", "#00703C")):
            colour_format = self.wb.add_format({"font_color": colour})
            rule = {"type": "cell", "criteria": criteria, "value": 0, "format": colour_format}
            ws.conditional_format(row, 1, row, 1, rule)
        ws.set_row(row, sizing.height_for([(shown, INSTRUCTION_WIDTHS[1])], bold=True))
        return row + 1

    def _guidance(self) -> list[tuple[str, Sequence[str | tuple[str, str, str]]]]:
        """The sections of the instructions: each a heading and its lines (or status/meaning pairs)."""
        start, end = (content.typed_date(d) for d in self.window)
        fill = [
            th("template.book.fill.1"),
            th("template.book.fill.2", sheet=layout.MEASURES_SHEET),
            th("template.book.fill.3", sheet=layout.LOG_SHEET),
            th("template.book.fill.4"),
        ]
        statuses = [
            (s.th, th(f"template.book.status.{s.code}", sheet=layout.LOG_SHEET), "status_sample")
            for s in status.STATUSES
        ]
        dates = [th("template.book.dates.1"), th("template.book.dates.2", start=start, end=end)]
        rules = [th("template.book.rules.1"), th("template.book.rules.2")]
        return [
            (th("template.book.heading.fill"), fill),
            (th("template.book.heading.status"), statuses),
            (th("template.book.heading.dates"), dates),
            (th("template.book.heading.rules"), rules),
        ]

    def _pair(self, ws: Worksheet, row: int, label: str, value: str, label_fmt: str) -> int:
        """A label in column A and its text in column B; return the next row."""
        self.text(ws, row, 0, label, label_fmt)
        self.text(ws, row, 1, value, "text")
        a, b = INSTRUCTION_WIDTHS
        ws.set_row(row, max(sizing.height_for([(label, a)], bold=True), sizing.height_for([(value, b)])))
        return row + 1

    def _merged(
        self, ws: Worksheet, row: int, text: str, fmt: str, widths: tuple[float, ...], *, bold: bool = False
    ) -> int:
        """A text across all columns of ``widths``; return the next row."""
        cleaned, _ = cell_text(text)
        quote = textnorm.looks_like_formula(cleaned)
        ws.merge_range(row, 0, row, len(widths) - 1, "", self.fmt(fmt, quote=quote))
        ws.write_string(row, 0, cleaned, self.fmt(fmt, quote=quote))
        ws.set_row(row, sizing.height_for([(cleaned, sum(widths))], bold=bold))
        return row + 1

    # --- sheet 2: measures -------------------------------------------------------------------------
    def _measures(self) -> Worksheet:
        ws = self.wb.add_worksheet(layout.MEASURES_SHEET)
        widths = self._table_start(
            ws,
            MEASURE_COLUMNS,
            self._measures_title(),
            th("template.book.measures.hint", date=content.return_by_short(self.rnd)),
            widths=self._measure_widths(),
        )
        for index, measure in enumerate(self.measures):
            self._measure_row(ws, FIRST_ROW + index, index + 1, measure, widths)
        last = FIRST_ROW + len(self.measures) - 1
        self._names(ws, MEASURE_COLUMNS, last)
        self._measure_validations(ws, last)
        ws.freeze_panes(FIRST_ROW, 2)
        return ws

    def _measures_title(self) -> str:
        return th(
            "template.book.measures.title",
            division=content.division_title(self.division),
            round=self.rnd.name,
            year=thaidates.to_thai_digits(self.plan.fiscal_year),
            office=self.plan.office.name,
        )

    def _measure_widths(self) -> tuple[float, ...]:
        """Column widths of the measures table, the plan-text columns widened until every row fits.

        A row cannot be taller than Excel's 409 pt, so a measure with very long texts gets wider
        question, steps and reporting columns (the same widths for the whole table).
        """
        widths = [c.width for c in MEASURE_COLUMNS]
        texts = [layout.locked_texts(self.plan, m)[1:] for m in self.measures]
        for _ in range(MAX_WIDENING_STEPS):
            lines = max(
                (
                    sizing.wrapped_lines(t, widths[c])
                    for row in texts
                    for c, t in zip(TEXT_COLS, row, strict=True)
                ),
                default=0,
            )
            if lines <= sizing.max_lines():
                break
            for col in TEXT_COLS:
                widths[col] = round(widths[col] * 1.2)
        return tuple(widths)

    def _table_start(
        self,
        ws: Worksheet,
        columns: tuple[Column, ...],
        title: str,
        note: str,
        *,
        widths: tuple[float, ...] | None = None,
    ) -> tuple[float, ...]:
        """Column widths, the title and note rows across the table, and the header row."""
        widths = widths or tuple(c.width for c in columns)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        self._merged(ws, TITLE_ROW, title, "title", widths, bold=True)
        self._merged(ws, NOTE_ROW, note, "text", widths)
        headers = [th(c.key) for c in columns]
        for col, header in enumerate(headers):
            self.text(ws, HEADER_ROW, col, header, "header")
        ws.set_row(HEADER_ROW, sizing.height_for(list(zip(headers, widths, strict=True)), bold=True))
        ws.repeat_rows(HEADER_ROW)
        return widths

    def _measure_row(self, ws: Worksheet, row: int, number: int, measure: Measure, widths: tuple[float, ...]):
        """One measure: locked plan texts, then the (prefilled) input cells; then the row's height."""
        report = self.prefill.reports.get(measure.id, MeasureReport())
        ws.write_number(row, 0, number, self.fmt("locked_center"))
        measure_id, question, steps, reporting = layout.locked_texts(self.plan, measure)
        texts = [
            str(number),
            self.text(ws, row, 1, measure_id, "locked_center"),
            self.text(ws, row, 2, question, "locked"),
            self.text(ws, row, 3, steps, "locked"),
            self.text(ws, row, 4, reporting, "locked"),
            self.text(ws, row, 5, content.due_text(self.plan, measure, self.rnd), "locked"),
            self.input_cell(ws, row, 6, report.status, "input_center"),
            self.date_cell(ws, row, 7, report.action_date, "input_date"),
            self.input_cell(ws, row, 8, report.result, "input"),
            self.input_cell(ws, row, 9, report.evidence, "input"),
            self.input_cell(ws, row, 10, report.note, "input"),
        ]
        ws.set_row(row, sizing.height_for(list(zip(texts, widths, strict=True)), min_lines=2))

    def _names(self, ws: Worksheet, columns: tuple[Column, ...], last: int) -> None:
        """Workbook-scoped names over exactly the table rows of each named column."""
        for col, column in enumerate(columns):
            if column.name:
                letter = xl_col_to_name(col)
                ref = f"='{ws.name}'!${letter}${FIRST_ROW + 1}:${letter}${last + 1}"
                _check(self.wb.define_name(column.name, ref), f"name {column.name}")

    def _measure_validations(self, ws: Worksheet, last: int) -> None:
        first = FIRST_ROW
        self._status_validation(ws, first, 6, last)
        self._date_validation(ws, first, 7, last, "template.book.val.date.input")
        for col, kind in ((8, "result"), (9, "evidence"), (10, "note")):
            self._message_only(ws, first, col, last, kind)

    # --- validations -------------------------------------------------------------------------------
    def _validate(self, ws: Worksheet, first: int, col: int, last: int, options: dict) -> None:
        _check(ws.data_validation(first, col, last, col, options), f"validation {ws.name}!{col}")

    def _status_validation(self, ws: Worksheet, first: int, col: int, last: int) -> None:
        labels = ", ".join(status.STATUS_LABELS_TH)
        self._validate(
            ws,
            first,
            col,
            last,
            {
                "validate": "list",
                "source": _list_ref(STATUS_LIST_COL, len(status.STATUSES)),
                "input_title": th("template.book.val.status.title"),
                "input_message": th("template.book.val.status.input"),
                "error_title": th("template.book.val.status.error-title"),
                "error_message": th("template.book.val.status.error", labels=labels),
            },
        )

    def _date_validation(self, ws: Worksheet, first: int, col: int, last: int, input_key: str) -> None:
        """Dates in the window, read either way: as real dates, or with a BE year taken for CE."""
        cell = xl_rowcol_to_cell(first, col)
        ranges = (self.window, content.be_typed_window(self.window))
        windows = ",".join(f"AND({cell}>={_date_formula(a)},{cell}<={_date_formula(b)})" for a, b in ranges)
        start, end = (content.typed_date(d) for d in self.window)
        self._validate(
            ws,
            first,
            col,
            last,
            {
                "validate": "custom",
                "value": f"=AND(ISNUMBER({cell}),OR({windows}))",
                "input_title": th("template.book.val.date.title"),
                "input_message": th(input_key),
                "error_title": th("template.book.val.date.error-title"),
                "error_message": th("template.book.val.date.error", start=start, end=end),
            },
        )
        ws.conditional_format(
            first,
            col,
            last,
            col,
            {
                "type": "cell",
                "criteria": ">=",
                "value": thaidates.excel_serial(BE_STORED_AS_CE_FROM),
                "format": self.typed_be_format,
            },
        )

    def _message_only(self, ws: Worksheet, first: int, col: int, last: int, kind: str) -> None:
        """No restriction, only a Thai hint when the cell is selected."""
        self._validate(
            ws,
            first,
            col,
            last,
            {
                "validate": "any",
                "input_title": th(f"template.book.val.{kind}.title"),
                "input_message": th(f"template.book.val.{kind}.input"),
            },
        )

    # --- sheet 3: activity log ---------------------------------------------------------------------
    def _log(self) -> Worksheet:
        ws = self.wb.add_worksheet(layout.LOG_SHEET)
        division, rnd = content.division_title(self.division), self.rnd.name
        widths = self._table_start(
            ws, LOG_COLUMNS, th("template.book.log.title", division=division, round=rnd), self._log_note()
        )
        entries = self.prefill.log
        for index in range(layout.LOG_ROWS):
            entry = entries[index] if index < len(entries) else None
            self._log_row(ws, FIRST_ROW + index, index + 1, entry, widths)
        last = FIRST_ROW + layout.LOG_ROWS - 1
        self._names(ws, LOG_COLUMNS, last)
        self._log_validations(ws, last)
        ws.freeze_panes(FIRST_ROW, 0)
        # Printed: the rows written, and blank ones to fill in by hand (a page of them when the log
        # is empty), not the whole table (200 rows: seven pages of empty cells).
        printed = min(max(len(entries) + LOG_PRINT_SPARE_ROWS, LOG_PRINT_MIN_ROWS), layout.LOG_ROWS)
        ws.print_area(0, 0, FIRST_ROW + printed - 1, len(LOG_COLUMNS) - 1)
        return ws

    def _log_note(self) -> str:
        """Which of this division's measures are recurring (or event-driven), with their rhythm."""
        logged = content.logged_measures(self.measures)
        if not logged:
            return th("template.book.log.note-none")
        groups: dict[str, list[str]] = {}
        for m in logged:
            rhythm = (
                th("template.book.due.event")
                if m.schedule.kind == "event"
                else content.rhythm_text(m.schedule)
            )
            groups.setdefault(rhythm, []).append(m.id)
        parts = [f"{rhythm}: {', '.join(ids)}" for rhythm, ids in groups.items()]
        return th("template.book.log.note", measures=" · ".join(parts))

    def _log_row(
        self, ws: Worksheet, row: int, number: int, entry: LogEntry | None, widths: tuple[float, ...]
    ) -> None:
        ws.write_number(row, 0, number, self.fmt("locked_center"))
        entry = entry or LogEntry("", None, "", "")
        texts = [
            str(number),
            self.input_cell(ws, row, 1, entry.measure_id, "input_center"),
            self.date_cell(ws, row, 2, entry.date, "input_date"),
            self.input_cell(ws, row, 3, entry.detail, "input"),
            self.input_cell(ws, row, 4, entry.evidence, "input"),
        ]
        ws.set_row(row, sizing.height_for(list(zip(texts, widths, strict=True))))

    def _log_validations(self, ws: Worksheet, last: int) -> None:
        first = FIRST_ROW
        self._validate(
            ws,
            first,
            1,
            last,
            {
                "validate": "list",
                "source": _list_ref(MEASURE_LIST_COL, len(self.measures)),
                "input_title": th("template.book.val.log-measure.title"),
                "input_message": th("template.book.val.log-measure.input", sheet=layout.MEASURES_SHEET),
                "error_title": th("template.book.val.log-measure.error-title"),
                "error_message": th("template.book.val.log-measure.error"),
            },
        )
        self._date_validation(ws, first, 2, last, "template.book.val.log-date.input")
        self._message_only(ws, first, 3, last, "log-detail")
        self._message_only(ws, first, 4, last, "evidence")

    # --- hidden sheets -----------------------------------------------------------------------------
    def _lists(self) -> Worksheet:
        """Dropdown sources: the status labels and this division's measure ids (hidden)."""
        ws = self.wb.add_worksheet(layout.LISTS_SHEET)
        columns = (("status", [s.th for s in status.STATUSES]), ("measure_id", [m.id for m in self.measures]))
        for col, (header, values) in enumerate(columns):
            ws.set_column(col, col, 24)
            self.text(ws, 0, col, header, "plain")
            for row, value in enumerate(values, start=1):
                self.text(ws, row, col, value, "plain")
        ws.hide()
        return ws

    def _identity(self) -> Worksheet:
        """Identity key/value rows, a blank row, then the row map (very hidden). All strings."""
        ws = self.wb.add_worksheet(layout.IDENTITY_SHEET)
        ws.set_column(0, 0, 20)
        ws.set_column(1, 1, 70)
        ws.set_column(2, 2, 20)
        identity = self.identity()
        for row, key in enumerate(layout.IDENTITY_KEYS):
            self.text(ws, row, 0, key, "plain")
            self.text(ws, row, 1, identity[key], "plain")
        header_row = len(layout.IDENTITY_KEYS) + 1
        rows = [layout.ROW_MAP_HEADER, *self.row_map()]
        for offset, values in enumerate(rows):
            for col, value in enumerate(values):
                self.text(ws, header_row + offset, col, value, "plain")
        ws.very_hidden()
        return ws

    def identity(self) -> dict[str, str]:
        """The identity values, keyed as layout.IDENTITY_KEYS, all strings."""
        plan = self.plan
        values = {
            "format": layout.TEMPLATE_FORMAT,
            "plan_id": plan.plan_id,
            "plan_fingerprint": plan.fingerprint(),
            "office": plan.office.name,
            "fiscal_year": str(plan.fiscal_year),
            "round": self.rnd.id,
            "division": self.division.code,
            "generated": self.generated.isoformat(timespec="seconds"),
            "measure_count": str(len(self.measures)),
            "columns": columns_text(),
        }
        return {key: values[key] for key in layout.IDENTITY_KEYS}

    def row_map(self) -> list[tuple[str, str, str]]:
        """(1-based row on the measures sheet, measure id, fingerprint) of each measure row."""
        return [
            (str(FIRST_ROW + 1 + i), m.id, layout.measure_fingerprint(self.plan, m))
            for i, m in enumerate(self.measures)
        ]

    # --- workbook-wide -----------------------------------------------------------------------------
    def _page_setup(self, ws: Worksheet) -> None:
        """A4 landscape, one page wide, office in the header, page numbers in the footer."""
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        font = f'&"{style.FONT_NAME},Regular"&{style.FONT_SIZE} '
        office = _header_text(self.plan.office.name)
        who = _header_text(f"{content.division_title(self.division)} · {self.rnd.name}")
        ws.set_header(f"&C{font}{office}", {"margin": 0.3})
        ws.set_footer(f"&L{font}{who}&R{font}{th('template.book.footer')}", {"margin": 0.3})

    def _properties(self) -> None:
        """Document properties and the identity as custom properties (strings), with a pinned date."""
        title = th(
            "template.book.doc-title",
            year=self.plan.fiscal_year,
            round=self.rnd.name,
            division=content.division_title(self.division),
        )
        office = textnorm.xml_safe(self.plan.office.name)
        self.wb.set_properties(
            {
                "title": textnorm.xml_safe(title),
                "author": office,
                "company": office,
                "created": _utc_naive(self.generated),
            }
        )
        for key, value in self.identity().items():
            _check(
                self.wb.set_custom_property(layout.PROPERTY_PREFIX + key, textnorm.xml_safe(value)),
                f"property {key}",
            )


# --- helpers --------------------------------------------------------------------------------------
def columns_text() -> str:
    """Where each named column lies, for the identity: "ITA_MEASURE_ID=B,ITA_STATUS=G,...".

    Measure names are columns of the measures sheet, log names columns of the log sheet.
    """
    named = [
        (c.name, col) for table in (MEASURE_COLUMNS, LOG_COLUMNS) for col, c in enumerate(table) if c.name
    ]
    return ",".join(f"{name}={xl_col_to_name(col)}" for name, col in named)


def _list_ref(col: int, count: int) -> str:
    """The dropdown source: ``count`` values below the header of a column of the _lists sheet."""
    letter = xl_col_to_name(col)
    return f"='{layout.LISTS_SHEET}'!${letter}$2:${letter}${count + 1}"


def _date_formula(d: dt.date) -> str:
    return f"DATE({d.year},{d.month},{d.day})"


def _header_text(text: str) -> str:
    """Text for a page header or footer: ampersands doubled, kept short (Excel allows 255 in all)."""
    return textnorm.xml_safe(text).replace("&", "&&")[:80]


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    """The creation time as XlsxWriter writes it (it appends Z): UTC, without a zone."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _check(result: object, what: str) -> None:
    """XlsxWriter warns and returns a negative number instead of raising: make that our bug, loudly."""
    if isinstance(result, int) and result < 0:
        raise RuntimeError(f"xlsxwriter refused {what} (returned {result})")
