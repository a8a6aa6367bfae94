"""R.xlsx: the roll-up in Thai, printable, in the look of the consolidated workbook.

Six sheets: สรุป (headline, charts of distributions, highest and lowest offices), พื้นที่ (per
province and district), หน่วยงาน (one row per office), ตัวชี้วัด (per ITA indicator across offices),
ยังไม่รายงาน (offices that did not report, with their contacts), ปัญหา (problems per office).
The charts are of distributions and of ten offices at most: readable at 300 offices and at 8,000.
Rows are streamed (constant_memory): the offices are read one at a time from their spool.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx import style as house
from ita_xlsx.report import rows
from ita_xlsx.report.common import LINE_PX, merged_text, row_height, set_widths, setup_sheet, th
from ita_xlsx.report.formats import CHART_BORDER, STATE_FILLS, Formats, workbook_options
from ita_xlsx.report.problems import severity_label
from ita_xlsx.report.rows import RowWriter
from ita_xlsx.report.summary import PERCENT_BAR
from ita_xlsx.rollup.aggregate import RollupResults
from ita_xlsx.rollup.model import NOT_RECEIVED, RECEIVED, OfficeResult
from ita_xlsx.rollup.read import ROLLUP_FORMAT
from ita_xlsx.rollup.tally import BINS, AreaTally
from ita_xlsx.thaidates import format_thai, to_thai_digits

SUMMARY, AREAS, OFFICES, INDICATORS, NOT_REPORTED, PROBLEMS = (
    "สรุป",
    "พื้นที่",
    "หน่วยงาน",
    "ตัวชี้วัด",
    "ยังไม่รายงาน",
    "ปัญหา",
)
FONT = {"name": house.FONT_NAME, "size": 14}


def write_rollup_workbook(results: RollupResults, target: Path) -> None:
    """Write R.xlsx to ``target`` (not atomically: the caller writes to a temporary path)."""
    with tempfile.TemporaryDirectory(prefix="ita-xlsx-") as tmpdir:
        wb = Workbook(str(target), workbook_options(tmpdir))
        _properties(wb, results)
        fmt = Formats(wb)
        _summary(wb, fmt, results)
        _areas(wb, fmt, results)
        _offices(wb, fmt, results)
        _indicators(wb, fmt, results)
        _not_reported(wb, fmt, results)
        _problems(wb, fmt, results)
        wb.close()


def _properties(wb: Workbook, r: RollupResults) -> None:
    wb.set_properties(
        {
            "title": _period(r),
            "subject": th("rollup.book.title"),
            "author": "ita-xlsx",
            "created": dt.datetime.combine(r.as_of, dt.time()),
        }
    )
    for name, value in (("format", ROLLUP_FORMAT), ("round", r.target.round), ("as_of", r.as_of.isoformat())):
        wb.set_custom_property(f"ita_{name}", str(value or ""), "text")


def _period(r: RollupResults) -> str:
    year = to_thai_digits(r.target.fiscal_year) if r.target.fiscal_year else "-"
    return th("rollup.book.period", year=year, round=r.round_name or "-")


def _sheet(
    wb: Workbook, name: str, widths: tuple, repeat_row: int | None = None
) -> tuple[Worksheet, RowWriter]:
    ws = wb.add_worksheet(name)
    setup_sheet(ws, repeat_row=repeat_row)
    set_widths(ws, widths)
    return ws, RowWriter(ws, fast=False)


def _titles(writer: RowWriter, fmt: Formats, r: RollupResults, title_key: str, last_col: int) -> int:
    merged_text(writer, 0, 0, last_col, th(title_key), fmt.title, height=2 * LINE_PX)
    merged_text(writer, 1, 0, last_col, _period(r), fmt.subtitle)
    merged_text(writer, 2, 0, last_col, th("report.as-of", date=format_thai(r.as_of)), fmt.line)
    return 3


def _pct(value: float) -> float:
    return value / 100


# -- สรุป ---------------------------------------------------------------------------------------------
SUMMARY_WIDTHS = (36, 12, 20, 20, 12, 12, 12, 12)
HISTOGRAM_COL = 6  # the histogram's table, right of its chart


def _summary(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    """Page 1: headline and the distribution of % done; page 2: the lowest offices, with a chart;
    page 3: the highest and those with the most overdue measures."""
    ws, writer = _sheet(wb, SUMMARY, SUMMARY_WIDTHS)
    row = _titles(writer, fmt, r, "rollup.summary.title", len(SUMMARY_WIDTHS) - 1) + 1
    row = _headline(writer, fmt, r, row) + 2
    first = _histogram_table(writer, fmt, r, row)
    _chart(
        wb,
        ws,
        {"type": "column"},
        th("rollup.summary.chart-histogram"),
        (SUMMARY, first, HISTOGRAM_COL, first + BINS - 1, HISTOGRAM_COL),
        (SUMMARY, first, HISTOGRAM_COL + 1, first + BINS - 1, HISTOGRAM_COL + 1),
        STATE_FILLS["done"],
        (row, 0),
        (th("rollup.summary.chart-histogram-x"), th("rollup.col.offices")),
    )
    row += _CHART_ROWS + 1
    breaks = [row]
    t = r.tallies
    districts = t.lowest_districts()
    first = row + 2
    row = _ranked_table(
        writer,
        fmt,
        districts,
        row,
        th("rollup.summary.lowest-districts"),
        th("rollup.col.done-pct"),
        True,
        DISTRICT_LABELS,
    )
    if districts:
        _chart(
            wb,
            ws,
            {"type": "bar"},
            th("rollup.summary.lowest-districts"),
            (SUMMARY, first, 0, first + len(districts) - 1, 0),
            (SUMMARY, first, 4, first + len(districts) - 1, 4),
            STATE_FILLS["overdue"],
            (row + 1, 0),
            ("", th("rollup.col.done-pct")),
            percent=True,
        )
        row += _CHART_ROWS + 1
    breaks.append(row + 1)
    for which, title, value, percent in (
        ("lowest", "rollup.summary.lowest", "rollup.col.done-pct", True),
        ("highest", "rollup.summary.highest", "rollup.col.done-pct", True),
        ("most_overdue", "rollup.summary.most-overdue", "rollup.col.overdue", False),
    ):
        if which == "most_overdue":
            breaks.append(row + 1)
        ranked = [x for x in t.ranked(which) if percent or x[0] > 0]
        row = _ranked_table(writer, fmt, ranked, row + 1, th(title), th(value), percent)
    ws.set_h_pagebreaks(breaks)
    ws.activate()


def _headline(writer: RowWriter, fmt: Formats, r: RollupResults, row: int) -> int:
    """Cards: offices expected, reporting rate, on time, not received, % done, overdue measures."""
    total = r.tallies.total
    cards = (
        ("rollup.summary.expected", total.expected, fmt.headline_label, fmt.headline_value),
        (
            "rollup.summary.reporting-rate",
            _pct(total.reporting_rate),
            fmt.state_header["done"],
            fmt.headline_pct,
        ),
        (
            "rollup.summary.on-time-rate",
            _pct(total.on_time_rate),
            fmt.state_header["ongoing"],
            fmt.headline_pct,
        ),
        (
            "rollup.summary.not-received",
            total.not_received + total.rejected,
            fmt.state_header["missing"],
            fmt.headline_value,
        ),
        ("rollup.summary.done-pct", _pct(total.done_pct), fmt.state_header["done"], fmt.headline_pct),
        ("rollup.summary.overdue", total.overdue, fmt.state_header["overdue"], fmt.headline_value),
    )
    labels = [th(key) for key, *_ in cards]
    writer.write(
        row,
        [rows.text(label, style) for label, (_, _, style, _) in zip(labels, cards, strict=True)],
        first_col=1,
        height=row_height(labels, SUMMARY_WIDTHS[1:7]),
    )
    writer.write(
        row + 1,
        [rows.number(value, style) for _, value, _, style in cards],
        first_col=1,
        height=2 * LINE_PX + 8,
    )
    line = th(
        "rollup.summary.line",
        expected=total.expected,
        received=total.received,
        on_time=total.on_time,
        rejected=total.rejected,
        not_received=total.not_received,
        unexpected=total.unexpected,
        errors=r.counts["error"],
        warnings=r.counts["warning"],
    )
    merged_text(
        writer,
        row + 2,
        0,
        len(SUMMARY_WIDTHS) - 1,
        line,
        fmt.wrap,
        height=row_height([line], [sum(SUMMARY_WIDTHS)]),
    )
    return row + 2


def _histogram_table(writer: RowWriter, fmt: Formats, r: RollupResults, row: int) -> int:
    """Offices by % done, in ten bins (the histogram's data), right of the chart; its first data row."""
    labels = [th("rollup.col.done-band"), th("rollup.col.offices")]
    widths = SUMMARY_WIDTHS[HISTOGRAM_COL : HISTOGRAM_COL + 2]
    writer.write(
        row,
        [rows.text(x, fmt.header) for x in labels],
        first_col=HISTOGRAM_COL,
        height=row_height(labels, widths),
    )
    step = 100 // BINS
    for i, count in enumerate(r.tallies.histogram):
        high = 100 if i == BINS - 1 else (i + 1) * step - 0.1
        label = f"{i * step}–{high:g} %"
        writer.write(
            row + 1 + i, [rows.text(label, fmt.center), rows.number(count, fmt.int)], first_col=HISTOGRAM_COL
        )
    return row + 1


RANK_LABELS = ("rollup.col.name", "rollup.col.code", "rollup.col.district", "rollup.col.province")
DISTRICT_LABELS = ("rollup.col.district", "rollup.col.received-of", "", "")


def _ranked_table(
    writer: RowWriter,
    fmt: Formats,
    ranked: list,
    row: int,
    title: str,
    value_label: str,
    percent: bool,
    columns: tuple[str, ...] = RANK_LABELS,
) -> int:
    """Ten offices (or districts) with a value (% done or overdue measures); the row after the table."""
    merged_text(writer, row, 0, 4, title, fmt.subtitle)
    labels = [*(th(k) if k else "" for k in columns), value_label]
    writer.write(
        row + 1, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, SUMMARY_WIDTHS[:5])
    )
    for i, (value, code, name, district, province) in enumerate(ranked):
        number = rows.number(_pct(value), fmt.pct) if percent else rows.number(value, fmt.int)
        texts = (name, code, district, province)
        writer.write(
            row + 2 + i,
            [*(rows.text(x, fmt.wrap) for x in texts), number],
            height=row_height(list(texts), SUMMARY_WIDTHS[:4]),
        )
    if not ranked:
        writer.write(row + 2, [rows.text(th("rollup.summary.none"), fmt.line)])
        return row + 3
    return row + 2 + len(ranked)


_CHART_ROWS = 14


def _chart(
    wb: Workbook,
    ws: Worksheet,
    kind: dict,
    title: str,
    categories: tuple,
    values: tuple,
    colour: str,
    at: tuple[int, int],
    axis_names: tuple[str, str],
    *,
    percent: bool = False,
) -> None:
    """One series, no legend, its values written on the bars; a bar chart lists its first row on top."""
    chart = wb.add_chart(kind)
    chart.add_series(
        {
            "categories": list(categories),
            "values": list(values),
            "fill": {"color": colour},
            "border": {"color": CHART_BORDER},
            "gap": 40,
            "data_labels": {"value": True, "font": FONT, **({"num_format": "0%"} if percent else {})},
        }
    )
    chart.set_title({"name": title, "name_font": {"name": house.FONT_NAME, "size": 16, "bold": True}})
    chart.set_legend({"none": True})
    category_name, value_name = axis_names
    value_axis = {
        "name": value_name,
        "name_font": FONT,
        "num_font": FONT,
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        **({"num_format": "0%", "min": 0, "max": 1} if percent else {"min": 0}),
    }
    category_axis = {
        "name": category_name,
        "name_font": FONT,
        "num_font": {**FONT, "size": 12},
        "interval_unit": 1,
    }
    if kind["type"] == "bar":
        chart.set_x_axis(value_axis)
        chart.set_y_axis({**category_axis, "reverse": True, "crossing": "max"})
    else:
        chart.set_x_axis(category_axis)
        chart.set_y_axis(value_axis)
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": 720, "height": _CHART_ROWS * LINE_PX})
    ws.insert_chart(at[0], at[1], chart, {"x_offset": 8, "y_offset": 4, "object_position": 1})


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


def _areas(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = _sheet(wb, AREAS, AREA_WIDTHS, repeat_row=4)
    last = len(AREA_COLUMNS) - 1
    row = _titles(writer, fmt, r, "rollup.areas.title", last)
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
        rows.number(_pct(a.reporting_rate), p),
        rows.number(a.on_time, n),
        rows.number(_pct(a.on_time_rate), p),
        rows.number(_pct(a.done_pct), p),
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


def _offices(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws = wb.add_worksheet(OFFICES)
    setup_sheet(ws, repeat_row=4)
    set_widths(ws, OFFICE_WIDTHS)
    writer = RowWriter(ws)
    last = len(OFFICE_COLUMNS) - 1
    _titles(RowWriter(ws, fast=False), fmt, r, "rollup.offices.title", last)
    labels = [th(k) for k, _ in OFFICE_COLUMNS]
    writer.write(4, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, OFFICE_WIDTHS))
    row = 5
    for office in r.offices:
        cells = _office_cells(office, fmt)
        writer.write(
            row, cells, height=row_height([office.name, cells[10][1]], [OFFICE_WIDTHS[1], OFFICE_WIDTHS[10]])
        )
        row += 1
    ws.autofilter(4, 0, max(row - 1, 4), last)
    ws.freeze_panes(5, 2)
    if row > 5:
        ws.conditional_format(5, 7, row - 1, 7, PERCENT_BAR)


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
        rows.number(_pct(office.done_pct), fmt.pct) if received else None,
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


def _indicators(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws, writer = _sheet(wb, INDICATORS, INDICATOR_WIDTHS, repeat_row=4)
    last = len(INDICATOR_COLUMNS) - 1
    _titles(writer, fmt, r, "rollup.indicators.title", last)
    labels = [th(k) for k, _ in INDICATOR_COLUMNS]
    writer.write(4, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, INDICATOR_WIDTHS))
    row = 5
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
                rows.number(_pct(t.done_pct), fmt.pct),
            ],
            height=row_height([label], [INDICATOR_WIDTHS[1]]),
        )
        row += 1
    if indicators:
        ws.conditional_format(5, 6, row - 1, 6, PERCENT_BAR)
        # which indicators lag: % done per indicator, lowest first on the chart
        _chart(
            wb,
            ws,
            {"type": "bar"},
            th("rollup.indicators.chart"),
            (INDICATORS, 5, 1, row - 1, 1),
            (INDICATORS, 5, 6, row - 1, 6),
            STATE_FILLS["done"],
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
    ("rollup.col.submission", 14),
)
MISSING_WIDTHS = tuple(w for _, w in MISSING_COLUMNS)


def _not_reported(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws = wb.add_worksheet(NOT_REPORTED)
    setup_sheet(ws, repeat_row=4)
    set_widths(ws, MISSING_WIDTHS)
    writer = RowWriter(ws)
    _titles(RowWriter(ws, fast=False), fmt, r, "rollup.missing.title", len(MISSING_COLUMNS) - 1)
    labels = [th(k) for k, _ in MISSING_COLUMNS]
    writer.write(4, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, MISSING_WIDTHS))
    row = 5
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
            ],
            height=row_height([office.name], [MISSING_WIDTHS[1]]),
        )
        row += 1
    if row == 5:
        writer.write(row, [rows.text(th("rollup.missing.none"), fmt.line)])
    ws.autofilter(4, 0, max(row - 1, 4), len(MISSING_COLUMNS) - 1)
    ws.freeze_panes(5, 0)


# -- ปัญหา ---------------------------------------------------------------------------------------------
PROBLEM_COLUMNS = (
    ("report.col.severity", 10),
    ("rollup.col.code", 10),
    ("report.col.file", 34),
    ("report.col.message", 64),
    ("report.col.code", 22),
)
PROBLEM_WIDTHS = tuple(w for _, w in PROBLEM_COLUMNS)


def _problems(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    ws = wb.add_worksheet(PROBLEMS)
    setup_sheet(ws, repeat_row=4)
    set_widths(ws, PROBLEM_WIDTHS)
    writer = RowWriter(ws)
    _titles(RowWriter(ws, fast=False), fmt, r, "rollup.problems.title", len(PROBLEM_COLUMNS) - 1)
    labels = [th(k) for k, _ in PROBLEM_COLUMNS]
    writer.write(4, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, PROBLEM_WIDTHS))
    row = 5
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
    if row == 5:
        writer.write(row, [rows.text(th("rollup.problems.none"), fmt.line)])
    ws.autofilter(4, 0, max(row - 1, 4), len(PROBLEM_COLUMNS) - 1)
    ws.freeze_panes(5, 0)
