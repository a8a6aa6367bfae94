"""Sheet 1, สรุป: the headline figures, a chart of states per division, tables per division and per
section and indicator. Meant to be read in ten seconds."""

from __future__ import annotations

import math
from collections import Counter

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.collect.results import is_rejected
from ita_xlsx.core import style as house
from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import (
    LINE_PX,
    keep_headings_with_tables,
    lines_needed,
    merged_number,
    merged_text,
    row_height,
    set_widths,
    setup_sheet,
)
from ita_xlsx.report.data import ReportData, Tally, thai_digits
from ita_xlsx.report.formats import CHART_BORDER, STATE_ORDER, Formats, chart_fill, state_label
from ita_xlsx.report.rows import RowWriter

SHEET = "สรุป"
TOTAL_COL = 1 + len(STATE_ORDER)  # A label, B-J states, K total, L % done, M sent
PERCENT_COL = TOTAL_COL + 1
LAST_COL = PERCENT_COL + 1
WIDTHS = (30, *([9] * len(STATE_ORDER)), 7, 9, 10)  # units of TH Sarabun New 16
CARDS = ((0, 0), (1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12))  # headline cards: first and last column
CHART_STATES = tuple(s for s in STATE_ORDER if s != "not_applicable")
PERCENT_BAR = {  # a green bar in the % done cells, 0 to 100 %
    "type": "data_bar",
    "bar_color": "#63BE7B",
    "bar_solid": True,
    "min_type": "num",
    "min_value": 0,
    "max_type": "num",
    "max_value": 1,
}


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws)
    set_widths(ws, WIDTHS)
    writer = RowWriter(ws, keep_heights=True)  # the tables' heights place the page breaks
    row = _title(writer, fmt, data)
    row = _headline(writer, fmt, data, row + 1)
    chart_row = row + 1
    chart_height = _chart_height(len(data.divisions))
    row = chart_row + math.ceil(chart_height / LINE_PX) + 1
    first, last = _division_table(writer, fmt, data, row)
    _insert_chart(wb, ws, data, chart_row, chart_height, first, last)
    end = _section_table(writer, fmt, data, last + 3)
    keep_headings_with_tables(ws, WIDTHS, (row, last + 3), end)
    ws.activate()
    return ws


def _title(writer: RowWriter, fmt: Formats, data: ReportData) -> int:
    office = data.plan.office
    merged_text(writer, 0, 0, LAST_COL, th("report.summary.title"), fmt.title, height=2 * LINE_PX)
    place = " ".join(p for p in (office.name, office.district, office.province) if p)
    if office.code:
        place += f" · {th('report.summary.office-code', code=office.code)}"
    if office.website:
        place += f" · {office.website}"
    merged_text(writer, 1, 0, LAST_COL, place, fmt.subtitle)
    merged_text(writer, 2, 0, LAST_COL, data.period_text, fmt.line)
    merged_text(writer, 3, 0, LAST_COL, th("report.as-of", date=data.as_of_text), fmt.subtitle)
    if data.files_accepted:
        return 3
    said = th("report.summary.nothing-accepted", count=thai_digits(len(data.results.get("files") or ())))
    merged_text(writer, 4, 0, LAST_COL, said, fmt.alert, height=2 * LINE_PX)
    return 4


def _headline(writer: RowWriter, fmt: Formats, data: ReportData, row: int) -> int:
    """Seven cards, every count a count of records (measure × division) but the divisions'; then
    what was counted, and the divisions whose file did not come or could not be used."""
    ws, totals = writer.ws, data.totals.states
    cards = (
        ("report.summary.records", data.totals.total, fmt.headline_label, fmt.headline_value),
        ("report.summary.percent", data.totals.fraction_done, fmt.state_header["done"], fmt.headline_pct),
        (
            "report.summary.periods-missing",
            totals["periods_missing"],
            fmt.state_header["periods_missing"],
            fmt.headline_value,
        ),
        ("report.summary.overdue", totals["overdue"], fmt.state_header["overdue"], fmt.headline_value),
        ("report.summary.due-soon", totals["due_soon"], fmt.state_header["due_soon"], fmt.headline_value),
        ("report.summary.not-sent", len(data.not_sent), fmt.state_header["missing"], fmt.headline_value),
        ("report.summary.rejected", len(data.rejected), fmt.state_header["missing"], fmt.headline_value),
    )
    ws.set_row_pixels(row, 2 * LINE_PX)
    ws.set_row_pixels(row + 1, 2 * LINE_PX + 8)
    for (first, last), (key, _, label_style, _) in zip(CARDS, cards, strict=True):
        merged_text(writer, row, first, last, th(key), label_style)
    for (first, last), (_, value, _, value_style) in zip(CARDS, cards, strict=True):
        merged_number(ws, row + 1, first, last, value, value_style)
    counted = th(
        "report.summary.counted",
        records=thai_digits(data.totals.total),
        measures=thai_digits(data.measure_count),
        divisions=thai_digits(len(data.divisions)),
    )
    merged_text(writer, row + 2, 0, LAST_COL, counted, fmt.line)
    row += 3
    for line in _division_lines(data):
        merged_text(writer, row, 0, LAST_COL, line, fmt.subtitle, height=_line_height(line))
        row += 1
    merged_text(writer, row, 0, LAST_COL, _files_line(data), fmt.line)
    return row


def _division_lines(data: ReportData) -> list[str]:
    """Who has not sent, and who sent a file that could not be used (with why); or all sent."""
    lines = []
    if data.not_sent:
        names = ", ".join(data.division_name(d) for d in data.not_sent)
        lines.append(th("report.summary.not-sent-list", names=names))
    for code in data.rejected:
        reason = data.rejected_reasons.get(code) or ""
        lines.append(th("report.summary.rejected-line", name=data.division_name(code), reason=reason))
    return lines or [th("report.summary.all-sent")]


def _line_height(line: str) -> int | None:
    """A taller row when a line runs over the width of the sheet."""
    width = sum(WIDTHS)
    return row_height([line], (width,)) if lines_needed(line, width) > 1 else None


def _files_line(data: ReportData) -> str:
    """Files accepted and rejected, errors and warnings: counted from the results' lists."""
    files = data.results.get("files") or ()
    severities = Counter(p.get("severity") for p in data.results.get("problems") or ())
    accepted = rejected = 0
    for f in files:  # a skipped copy or lock file is neither, as on the command line
        accepted += bool(f.get("accepted"))
        rejected += is_rejected(bool(f.get("accepted")), (p.get("severity") for p in f.get("problems") or ()))
    return th(
        "report.summary.files",
        accepted=accepted,
        rejected=rejected,
        errors=severities["error"],
        warnings=severities["warning"],
    )


def _heading_height() -> int:
    labels = [
        th("report.summary.division"),
        *(state_label(s) for s in STATE_ORDER),
        th("report.records"),
        th("report.percent-done"),
        th("report.summary.received"),
    ]
    return row_height(labels, WIDTHS)


def _state_headings(fmt: Formats, first_label: str) -> list:
    cells = [rows.text(first_label, fmt.header)]
    cells += [rows.text(state_label(s), fmt.state_header[s]) for s in STATE_ORDER]
    cells += [rows.text(th("report.records"), fmt.header), rows.text(th("report.percent-done"), fmt.header)]
    return cells


def _label_height(label: str) -> int | None:
    """A taller row when the label wraps in the first column, else the default height."""
    return row_height([label], WIDTHS[:1]) if lines_needed(label, WIDTHS[0]) > 1 else None


def _count_cells(
    tally: Tally, label: str, label_style: rows.Style, int_style: rows.Style, pct_style: rows.Style
) -> list:
    cells = [rows.text(label, label_style)]
    cells += [rows.number(tally.states[s], int_style) for s in STATE_ORDER]
    cells += [rows.number(tally.total, int_style), rows.number(tally.fraction_done, pct_style)]
    return cells


def _division_table(writer: RowWriter, fmt: Formats, data: ReportData, row: int) -> tuple[int, int]:
    """Counts per division; returns the first and last row of the divisions (the chart's data)."""
    merged_text(writer, row, 0, LAST_COL, th("report.summary.by-division"), fmt.subtitle)
    headings = _state_headings(fmt, th("report.summary.division"))
    headings.append(rows.text(th("report.summary.received"), fmt.header))
    writer.write(row + 1, headings, height=_heading_height())
    first = row + 2
    not_received, rejected = set(data.not_received), set(data.rejected)
    for i, code in enumerate(data.divisions):
        name = data.division_name(code)
        cells = _count_cells(data.by_division[code], name, fmt.wrap, fmt.int, fmt.pct)
        sent = "rejected" if code in rejected else "no" if code in not_received else "yes"
        cells.append(
            rows.text(
                th(f"report.summary.received-{sent}"), fmt.legend["done" if sent == "yes" else "missing"]
            )
        )
        writer.write(first + i, cells, height=_label_height(name))
    last = first + len(data.divisions) - 1
    total = _count_cells(data.totals, th("report.total"), fmt.total, fmt.total_int, fmt.total_pct)
    # written as xlsxwriter writes a row (when the next one comes), after the data bar below:
    # the rows from here on carry the attribute a data bar brings, as they always have
    RowWriter(writer.ws, fast=False).write(last + 1, total)
    if data.divisions:
        writer.ws.conditional_format(first, PERCENT_COL, last, PERCENT_COL, PERCENT_BAR)
    return first, last


def _section_table(writer: RowWriter, fmt: Formats, data: ReportData, row: int) -> int:
    """Counts per section (IIT, EIT, OIT) and, under each, per indicator; returns its last row."""
    merged_text(writer, row, 0, LAST_COL, th("report.summary.by-section"), fmt.subtitle)
    writer.write(row + 1, _state_headings(fmt, th("report.summary.section")), height=_heading_height())
    row += 2
    plan = data.plan
    for section in plan.sections:
        if section.code not in data.by_section:
            continue
        label = f"{section.code} {section.name}"
        cells = _count_cells(
            data.by_section[section.code], label, fmt.section, fmt.section_int, fmt.section_pct
        )
        writer.write(row, cells, height=_label_height(label))
        row += 1
        for indicator in plan.indicators:
            if indicator.section == section.code and indicator.number in data.by_indicator:
                label = th(
                    "report.summary.indicator", number=thai_digits(indicator.number), name=indicator.name
                )
                cells = _count_cells(data.by_indicator[indicator.number], label, fmt.indent, fmt.int, fmt.pct)
                writer.write(row, cells, height=_label_height(label))
                row += 1
    writer.write(row, _count_cells(data.totals, th("report.total"), fmt.total, fmt.total_int, fmt.total_pct))
    return row


def _chart_height(divisions: int) -> int:
    """Room for every division's name on the category axis, and for the legend."""
    return min(150 + 56 * max(divisions, 1), 4000)


def _insert_chart(
    wb: Workbook, ws: Worksheet, data: ReportData, row: int, height: int, first: int, last: int
) -> None:
    """A stacked bar per division, one series per state in the state's colour."""
    if not data.divisions:
        return
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    font = {"name": house.FONT_NAME, "size": 14}
    for i, state in enumerate(STATE_ORDER):
        if state not in CHART_STATES or not data.totals.states[state]:
            continue
        col = 1 + i
        chart.add_series(
            {
                "name": state_label(state),
                "categories": [SHEET, first, 0, last, 0],
                "values": [SHEET, first, col, last, col],
                "fill": {"color": chart_fill(state)},
                "border": {"color": CHART_BORDER},
                "gap": 60,
            }
        )
    chart.set_title(
        {
            "name": th("report.summary.chart-title"),
            "name_font": {"name": house.FONT_NAME, "size": 18, "bold": True},
        }
    )
    chart.set_legend({"position": "bottom", "font": font})
    chart.set_x_axis(
        {
            "name": th("report.summary.chart-axis"),
            "name_font": font,
            "num_font": font,
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    # every division named (no skipped labels), the first on top
    chart.set_y_axis(
        {"reverse": True, "crossing": "max", "interval_unit": 1, "num_font": {**font, "size": 12}}
    )
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": 960, "height": height})
    ws.insert_chart(row, 0, chart, {"x_offset": 8, "y_offset": 4, "object_position": 1})
