"""What the sheets of the roll-up workbook share: titles, one-table sheets, charts of one series."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.core import style as house
from ita_xlsx.core.thaidates import format_thai, to_thai_digits
from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import LINE_PX, merged_text, row_height, set_widths, setup_sheet
from ita_xlsx.report.formats import CHART_BORDER, Formats
from ita_xlsx.report.rows import RowWriter
from ita_xlsx.rollup.aggregate import RollupResults

FONT = {"name": house.FONT_NAME, "size": 14}


def period(r: RollupResults) -> str:
    year = to_thai_digits(r.target.fiscal_year) if r.target.fiscal_year else "-"
    return th("rollup.book.period", year=year, round=r.round_name or "-")


def plain_sheet(
    wb: Workbook, name: str, widths: tuple, repeat_row: int | None = None
) -> tuple[Worksheet, RowWriter]:
    ws = wb.add_worksheet(name)
    setup_sheet(ws, repeat_row=repeat_row)
    set_widths(ws, widths)
    return ws, RowWriter(ws, fast=False)


def titles(writer: RowWriter, fmt: Formats, r: RollupResults, title_key: str, last_col: int) -> int:
    merged_text(writer, 0, 0, last_col, th(title_key), fmt.title, height=2 * LINE_PX)
    merged_text(writer, 1, 0, last_col, period(r), fmt.subtitle)
    merged_text(writer, 2, 0, last_col, th("report.as-of", date=format_thai(r.as_of)), fmt.line)
    return 3


TABLE_HEADER_ROW = 4  # under the three title rows and a blank one


def table_sheet(
    wb: Workbook, fmt: Formats, r: RollupResults, name: str, columns: tuple, title_key: str
) -> tuple[Worksheet, RowWriter]:
    """A sheet of one table: titles, then the headings of ``columns`` ((label key, width), …) in
    row 5, repeated on every printed page; rows are written fast (whole rows at a time)."""
    widths = tuple(w for _, w in columns)
    ws = wb.add_worksheet(name)
    setup_sheet(ws, repeat_row=TABLE_HEADER_ROW)
    set_widths(ws, widths)
    titles(RowWriter(ws, fast=False), fmt, r, title_key, len(columns) - 1)
    writer = RowWriter(ws)
    labels = [th(k) for k, _ in columns]
    writer.write(
        TABLE_HEADER_ROW, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, widths)
    )
    return ws, writer


def finish_table(ws: Worksheet, last_row: int, last_col: int, frozen_cols: int = 0) -> None:
    """Filter buttons on the headings and the headings kept in view."""
    ws.autofilter(TABLE_HEADER_ROW, 0, max(last_row, TABLE_HEADER_ROW), last_col)
    ws.freeze_panes(TABLE_HEADER_ROW + 1, frozen_cols)


def fraction(value: float) -> float:
    return value / 100


CHART_ROWS = 14


def chart(
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
    chart.set_size({"width": 720, "height": CHART_ROWS * LINE_PX})
    ws.insert_chart(at[0], at[1], chart, {"x_offset": 8, "y_offset": 4, "object_position": 1})
