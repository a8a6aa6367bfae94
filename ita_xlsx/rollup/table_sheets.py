"""The table sheets of the roll-up workbook: พื้นที่ (per province and district), หน่วยงาน (one row
per office), ตัวชี้วัด (per ITA indicator across offices), ยังไม่รายงาน (offices that did not report,
with their contacts) and ปัญหา (problems per office). Rows are written as the offices are read
from the working store, one at a time."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import row_height
from ita_xlsx.report.formats import DONE_FILL, Formats
from ita_xlsx.report.problems import severity_label
from ita_xlsx.report.summary import PERCENT_BAR
from ita_xlsx.rollup.aggregate import RollupResults
from ita_xlsx.rollup.model import NOT_RECEIVED, RECEIVED, OfficeResult
from ita_xlsx.rollup.sheet_common import (
    TABLE_HEADER_ROW,
    chart,
    finish_table,
    fraction,
    plain_sheet,
    table_sheet,
    titles,
)
from ita_xlsx.rollup.tally import AreaTally

AREAS, OFFICES, INDICATORS, NOT_REPORTED, PROBLEMS = "พื้นที่", "หน่วยงาน", "ตัวชี้วัด", "ยังไม่รายงาน", "ปัญหา"


# -- พื้นที่ -------------------------------------------------------------------------------------------
AREA_COLUMNS = (
    ("rollup.col.area", 30),
    ("rollup.col.expected", 10),
    ("rollup.col.received", 10),
    ("rollup.col.rejected", 10),
    ("rollup.col.not-received", 10),
    ("rollup.col.reporting-rate", 11),
    ("rollup.col.on-time", 10),
    ("rollup.col.on-time-rate", 11),
    ("rollup.col.done-pct", 11),
    ("rollup.col.overdue", 10),
    ("rollup.col.periods-missing", 10),
    ("rollup.col.offices-overdue", 11),
)
AREA_WIDTHS = tuple(w for _, w in AREA_COLUMNS)


def areas(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = plain_sheet(wb, AREAS, AREA_WIDTHS, repeat_row=4)
    last = len(AREA_COLUMNS) - 1
    row = titles(writer, fmt, r, "rollup.areas.title", last)
    labels = [th(k) for k, _ in AREA_COLUMNS]
    writer.write(row + 1, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, AREA_WIDTHS))
    row += 2
    first = row
    t = r.tallies
    for province, tally in sorted(t.provinces.items()):
        writer.write(row, _area_cells(tally, province or th("rollup.areas.unknown"), fmt, bold=True))
        row += 1
        for (p, district), dtally in sorted(t.districts.items()):
            if p == province:
                writer.write(
                    row, _area_cells(dtally, district or th("rollup.areas.unknown"), fmt, bold=False)
                )
                row += 1
    writer.write(row, _area_cells(t.total, th("report.total"), fmt, bold=None))
    ws.conditional_format(first, 5, row - 1, 5, PERCENT_BAR)
    ws.conditional_format(first, 8, row - 1, 8, PERCENT_BAR)
    ws.freeze_panes(5, 1)


def _area_cells(a: AreaTally, label: str, fmt: Formats, *, bold: bool | None) -> list:
    if bold is None:
        label_style, n, p = fmt.total, fmt.total_int, fmt.total_pct
    elif bold:
        label_style, n, p = fmt.section, fmt.section_int, fmt.section_pct
    else:
        label_style, n, p = fmt.indent, fmt.int, fmt.pct
    return [
        rows.text(label, label_style),
        rows.number(a.expected, n),
        rows.number(a.received, n),
        rows.number(a.rejected, n),
        rows.number(a.not_received, n),
        rows.number(fraction(a.reporting_rate), p),
        rows.number(a.on_time, n),
        rows.number(fraction(a.on_time_rate), p),
        rows.number(fraction(a.done_pct), p),
        rows.number(a.overdue, n),
        rows.number(a.periods_missing, n),
        rows.number(a.offices_overdue, n),
    ]


# -- หน่วยงาน ------------------------------------------------------------------------------------------
OFFICE_COLUMNS = (
    ("rollup.col.code", 10),
    ("rollup.col.name", 38),
    ("rollup.col.district", 14),
    ("rollup.col.province", 18),
    ("rollup.col.submission", 12),
    ("rollup.col.timeliness", 10),
    ("rollup.col.records", 8),
    ("rollup.col.done-pct", 9),
    ("rollup.col.overdue", 9),
    ("rollup.col.periods-missing", 9),
    ("rollup.col.divisions-missing", 24),
    ("rollup.col.problems", 24),
)
OFFICE_WIDTHS = tuple(w for _, w in OFFICE_COLUMNS)


def offices(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = table_sheet(wb, fmt, r, OFFICES, OFFICE_COLUMNS, "rollup.offices.title")
    row = TABLE_HEADER_ROW + 1
    for office in r.offices:
        cells = _office_cells(office, fmt)
        writer.write(
            row, cells, height=row_height([office.name, cells[10][1]], [OFFICE_WIDTHS[1], OFFICE_WIDTHS[10]])
        )
        row += 1
    finish_table(ws, row - 1, len(OFFICE_COLUMNS) - 1, frozen_cols=2)
    if row > TABLE_HEADER_ROW + 1:
        ws.conditional_format(TABLE_HEADER_ROW + 1, 7, row - 1, 7, PERCENT_BAR)


def _submission_label(office: OfficeResult) -> str:
    label = th(f"rollup.submission.{office.submission}")
    return label + (th("rollup.submission.unexpected") if not office.expected else "")


def _timeliness(office: OfficeResult) -> str:
    if office.on_time is None:
        return "-" if office.submission == RECEIVED else ""
    return th("rollup.on-time.yes" if office.on_time else "rollup.on-time.no")


def _office_cells(office: OfficeResult, fmt: Formats) -> list:
    received = office.submission == RECEIVED
    state = {RECEIVED: "done", NOT_RECEIVED: "missing"}.get(office.submission, "overdue")
    notes = [th("rollup.offices.edited")] if office.edited else []
    if office.errors or office.warnings:
        notes.append(th("rollup.offices.problems", errors=office.errors, warnings=office.warnings))
    return [
        rows.shared(office.code, fmt.cell),
        rows.text(office.name, fmt.wrap),
        rows.shared(office.district, fmt.cell),
        rows.shared(office.province, fmt.cell),
        rows.shared(_submission_label(office), fmt.legend[state]),
        rows.shared(
            _timeliness(office),
            fmt.legend["done" if office.on_time else "done_late"]
            if office.on_time is not None
            else fmt.center,
        ),
        rows.number(office.records, fmt.int) if received else None,
        rows.number(fraction(office.done_pct), fmt.pct) if received else None,
        rows.number(office.overdue, fmt.int) if received else None,
        rows.number(office.periods_missing, fmt.int) if received else None,
        rows.text(", ".join(office.divisions_missing), fmt.wrap),
        rows.text("; ".join(notes), fmt.wrap),
    ]


# -- ตัวชี้วัด -----------------------------------------------------------------------------------------
INDICATOR_COLUMNS = (
    ("rollup.col.section", 8),
    ("rollup.col.indicator", 40),
    ("rollup.col.offices", 10),
    ("rollup.col.records", 10),
    ("rollup.col.done", 10),
    ("rollup.col.overdue", 10),
    ("rollup.col.done-pct", 11),
)
INDICATOR_WIDTHS = tuple(w for _, w in INDICATOR_COLUMNS)


def indicators(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = table_sheet(wb, fmt, r, INDICATORS, INDICATOR_COLUMNS, "rollup.indicators.title")
    row = TABLE_HEADER_ROW + 1
    indicators = r.tallies.sorted_indicators()
    for t in indicators:
        label = f"{t.number} {t.name}".strip()
        writer.write(
            row,
            [
                rows.text(t.section, fmt.center),
                rows.text(label, fmt.wrap),
                rows.number(t.offices, fmt.int),
                rows.number(t.records, fmt.int),
                rows.number(t.done, fmt.int),
                rows.number(t.overdue, fmt.int),
                rows.number(fraction(t.done_pct), fmt.pct),
            ],
            height=row_height([label], [INDICATOR_WIDTHS[1]]),
        )
        row += 1
    if indicators:
        ws.conditional_format(TABLE_HEADER_ROW + 1, 6, row - 1, 6, PERCENT_BAR)
        # which indicators lag: % done per indicator, lowest first on the chart
        chart(
            wb,
            ws,
            {"type": "bar"},
            th("rollup.indicators.chart"),
            (INDICATORS, 5, 1, row - 1, 1),
            (INDICATORS, 5, 6, row - 1, 6),
            DONE_FILL,
            (row + 1, 0),
            ("", th("rollup.col.done-pct")),
            percent=True,
        )


# -- ยังไม่รายงาน --------------------------------------------------------------------------------------
MISSING_COLUMNS = (
    ("rollup.col.code", 10),
    ("rollup.col.name", 38),
    ("rollup.col.district", 14),
    ("rollup.col.province", 18),
    ("rollup.col.email", 30),
    ("rollup.col.submission", 12),
    ("rollup.col.reason", 40),
)
MISSING_WIDTHS = tuple(w for _, w in MISSING_COLUMNS)


def not_reported(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = table_sheet(wb, fmt, r, NOT_REPORTED, MISSING_COLUMNS, "rollup.missing.title")
    row = TABLE_HEADER_ROW + 1
    for office in r.offices:
        if office.submission == RECEIVED or not office.expected:
            continue
        writer.write(
            row,
            [
                rows.shared(office.code, fmt.cell),
                rows.text(office.name, fmt.wrap),
                rows.shared(office.district, fmt.cell),
                rows.shared(office.province, fmt.cell),
                rows.text(office.email, fmt.cell),
                rows.shared(_submission_label(office), fmt.legend["missing"]),
                rows.text(office.reason, fmt.wrap),
            ],
            height=row_height([office.name, office.reason], [MISSING_WIDTHS[1], MISSING_WIDTHS[6]]),
        )
        row += 1
    if row == TABLE_HEADER_ROW + 1:
        writer.write(row, [rows.text(th("rollup.missing.none"), fmt.line)])
    finish_table(ws, row - 1, len(MISSING_COLUMNS) - 1)


# -- ปัญหา ---------------------------------------------------------------------------------------------
PROBLEM_COLUMNS = (
    ("report.col.severity", 10),
    ("rollup.col.code", 10),
    ("report.col.file", 34),
    ("report.col.message", 64),
    ("report.col.code", 22),
)
PROBLEM_WIDTHS = tuple(w for _, w in PROBLEM_COLUMNS)


def problems(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = table_sheet(wb, fmt, r, PROBLEMS, PROBLEM_COLUMNS, "rollup.problems.title")
    row = TABLE_HEADER_ROW + 1
    severity_style = {"error": fmt.legend["missing"], "warning": fmt.legend["due_soon"]}
    for p in r.office_problems():
        severity = str(p.get("severity") or "")
        message = str(p.get("message_th") or "")
        writer.write(
            row,
            [
                rows.shared(severity_label(severity), severity_style.get(severity, fmt.cell)),
                rows.shared(str(p.get("office") or ""), fmt.cell),
                rows.text(
                    " › ".join(str(x) for x in (p.get("file"), p.get("sheet"), p.get("cell")) if x), fmt.wrap
                ),
                rows.text(message, fmt.wrap),
                rows.shared(str(p.get("code") or ""), fmt.cell),
            ],
            height=row_height([message, str(p.get("file") or "")], [PROBLEM_WIDTHS[3], PROBLEM_WIDTHS[2]]),
        )
        row += 1
    if row == TABLE_HEADER_ROW + 1:
        writer.write(row, [rows.text(th("rollup.problems.none"), fmt.line)])
    finish_table(ws, row - 1, len(PROBLEM_COLUMNS) - 1)
