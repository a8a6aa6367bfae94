"""Sheet 4, ปัญหาข้อมูล: every problem of the collection, errors first, with where it is."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx import messages
from ita_xlsx.core.problems import SEVERITIES
from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import (
    condition,
    header,
    lines_height,
    lines_needed,
    merged_text,
    set_widths,
    setup_sheet,
)
from ita_xlsx.report.data import ReportData
from ita_xlsx.report.formats import Formats
from ita_xlsx.report.rows import TEXT, RowWriter

SHEET = "ปัญหาข้อมูล"
COLUMNS = (
    ("report.col.severity", 10),
    ("report.col.file", 30),
    ("report.col.sheet", 14),
    ("report.col.cell", 7),
    ("report.col.measure", 9),
    ("report.col.division", 14),
    ("report.col.message", 64),
    ("report.col.code", 22),
    ("report.col.severity-code", 8),
)
WIDTHS = tuple(w for _, w in COLUMNS)
SEVERITY_COL = 8
MESSAGE_WIDTH = COLUMNS[6][1]
FILE_WIDTH = COLUMNS[1][1]
HEADER_ROW = 1
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws, repeat_row=HEADER_ROW)
    set_widths(ws, WIDTHS, (SEVERITY_COL,))
    writer = RowWriter(ws)
    merged_text(writer, 0, 0, 6, th("report.problems.title", date=data.as_of_text), fmt.subtitle)
    header(writer, HEADER_ROW, [th(key) for key, _ in COLUMNS], fmt, WIDTHS)
    row = HEADER_ROW + 1
    file, file_lines = "", 1  # the problems of a file come together: its name is measured once
    for problem in sorted_problems(data.results.get("problems") or ()):
        message = str(problem.get("message_th") or "")
        if str(problem.get("file") or "") != file:
            file = str(problem.get("file") or "")
            file_lines = lines_needed(file, FILE_WIDTH)  # a file name wraps, never cut
        lines = max(lines_needed(message, MESSAGE_WIDTH), file_lines)
        writer.write(row, _cells(fmt, data, problem), height=lines_height(lines) if lines > 1 else None)
        row += 1
    if row == HEADER_ROW + 1:
        writer.write(row, [rows.text(th("report.problems.none"), fmt.subtitle)])
        row += 1
    _finish(ws, fmt, row - 1)
    return ws


def sorted_problems(problems: Sequence[Mapping]) -> Iterator[Mapping]:
    """Errors, then warnings, then notes; within each, the collector's order (file, sheet, cell).

    Only the order is held; each problem is read again when its row is written.
    """
    ranks = [_RANK.get(p.get("severity", ""), len(_RANK)) for p in problems]
    return (problems[i] for i in sorted(range(len(ranks)), key=ranks.__getitem__))


def severity_label(severity: str) -> str:
    key = f"cli.severity.{severity}"
    return messages.text(key, "th") if messages.has(key) else severity


def _cells(fmt: Formats, data: ReportData, p: Mapping) -> list:
    cell = fmt.cell
    return [
        (TEXT, severity_label(p.get("severity") or ""), cell),
        (TEXT, p.get("file"), fmt.wrap),
        (TEXT, p.get("sheet"), cell),
        (TEXT, p.get("cell"), cell),
        (TEXT, p.get("measure_id"), cell),
        (TEXT, data.division_name(p.get("division")), cell),
        (TEXT, p.get("message_th"), fmt.wrap),
        (TEXT, p.get("code"), cell),
        (TEXT, p.get("severity"), cell),
    ]


def _finish(ws: Worksheet, fmt: Formats, last_row: int) -> None:
    last_col = len(COLUMNS) - 1
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)
    first = HEADER_ROW + 1
    column = xl_col_to_name(SEVERITY_COL)
    for severity, dxf in fmt.severity_dxf.items():
        ws.conditional_format(
            first,
            0,
            max(last_row, first),
            last_col,
            {"type": "formula", "criteria": condition(column, first, severity), "format": dxf},
        )
