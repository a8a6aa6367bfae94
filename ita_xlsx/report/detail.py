"""Sheet 2, รายละเอียด: every measure × division, coloured by its state on the as-of date.

The colours are conditional formats driven by a hidden state-code column (never fills on fixed
rows), so they stay with their rows when the table is sorted or filtered, and they do not change
with the day the file is opened: the state was computed on the as-of date printed in row 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import condition, header, legend, merged_text, set_widths, setup_sheet
from ita_xlsx.report.data import ReportData, excel_date, state_text
from ita_xlsx.report.formats import STATE_ORDER, Formats
from ita_xlsx.report.rows import NUMBER, SHARED, TEXT, RowWriter

SHEET = "รายละเอียด"
COLUMNS = (  # (heading, width in units of the Normal font, TH Sarabun New 16)
    ("report.col.section", 6),
    ("report.col.indicator", 20),
    ("report.col.items", 7),
    ("report.col.question", 40),
    ("report.col.division", 14),
    ("report.col.status", 16),
    ("report.col.action-date", 16),
    ("report.col.due-date", 16),
    ("report.col.state", 16),
    ("report.col.days-overdue", 9),
    ("report.col.result", 32),
    ("report.col.evidence", 26),
    ("report.col.note", 20),
    ("report.col.source", 28),
    ("report.col.measure-id", 10),
    ("report.col.division-code", 10),
    ("report.col.state-code", 10),
)
WIDTHS = tuple(w for _, w in COLUMNS)
HIDDEN = (14, 15, 16)
QUESTION_COL = 3
STATE_COL = 16
HEADER_ROW = 2
FIRST_DATA_ROW = 3


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws, repeat_row=HEADER_ROW, repeat_cols=(QUESTION_COL, QUESTION_COL + 1))  # question, division
    set_widths(ws, WIDTHS, HIDDEN)
    writer = RowWriter(ws)
    merged_text(writer, 0, 0, 8, th("report.detail.title", date=data.as_of_text), fmt.subtitle)
    legend(writer, 1, fmt, STATE_ORDER, 3, WIDTHS)
    header(writer, HEADER_ROW, [th(key) for key, _ in COLUMNS], fmt, WIDTHS)
    cells = _RowCells(fmt, data)
    row = FIRST_DATA_ROW
    noting = [notes.note for notes in data.notes.values()]  # what later sheets need of each record
    for record in data.records:
        writer.write(row, cells(record))
        for note in noting:
            note(record)
        row += 1
    finish_table(ws, fmt, HEADER_ROW, row - 1, len(COLUMNS) - 1, STATE_COL)
    return ws


def finish_table(
    ws: Worksheet, fmt: Formats, header_row: int, last_row: int, last_col: int, state_col: int
) -> None:
    """Autofilter, frozen heading, and one colour rule per state on the data rows."""
    ws.freeze_panes(header_row + 1, 0)
    ws.autofilter(header_row, 0, max(last_row, header_row), last_col)
    first = header_row + 1
    if last_row < first:
        return
    column = xl_col_to_name(state_col)
    for state in STATE_ORDER:
        if state in fmt.state_dxf:
            ws.conditional_format(
                first,
                0,
                last_row,
                last_col,
                {
                    "type": "formula",
                    "criteria": condition(column, first, state),
                    "format": fmt.state_dxf[state],
                },
            )


def source_text(record: Mapping) -> str:
    """Where the record came from: "file › sheet › แถว 12"."""
    parts = [record.get("source") or "", record.get("sheet") or ""]
    if record.get("row"):
        parts.append(_row_label(record["row"]))
    return " › ".join(p for p in parts if p)


@lru_cache(maxsize=1024)
def _row_label(row: object) -> str:
    return th("report.col.row", row=row)


class _RowCells:
    """Turns a record into the cells of its row; texts shared by many rows are made once."""

    def __init__(self, fmt: Formats, data: ReportData) -> None:
        self.fmt = fmt
        self.data = data
        self._indicators: dict[object, str] = {}
        self._divisions: dict[str, str] = {}

    def indicator(self, number: object) -> str:
        if number not in self._indicators:
            found = self.data.plan.indicator(number) if isinstance(number, int) else None
            self._indicators[number] = f"{number} {found.name}" if found else str(number or "")
        return self._indicators[number]

    def division(self, code: str) -> str:
        if code not in self._divisions:
            self._divisions[code] = self.data.division_name(code)
        return self._divisions[code]

    def __call__(self, r: Mapping) -> list:
        f = self.fmt
        cell, date = f.cell, f.date
        action, due = excel_date(r.get("action_date")), excel_date(r.get("due_date"))
        days = r.get("days_overdue")
        links = r.get("hyperlinks") or {}
        return [
            (SHARED, r.get("section") or "", cell),
            (SHARED, self.indicator(r.get("indicator")), cell),
            (SHARED, ", ".join(r.get("items") or ()), cell),
            (SHARED, r.get("question") or "", cell),
            (SHARED, r.get("division_name") or self.division(r["division"]), cell),
            (SHARED, r.get("status_th") or r.get("status") or "", cell),
            (NUMBER, action, date) if action else (TEXT, "", date),
            (NUMBER, due, date) if due else (TEXT, "", date),
            (SHARED, state_text(r), cell),
            (NUMBER, days, f.int) if isinstance(days, int) and days > 0 else (TEXT, "", f.int),
            rows.linked_text(r.get("result"), links.get("result"), f.link, cell),
            rows.linked_text(r.get("evidence"), links["evidence"], f.link, cell)
            if links.get("evidence")
            else rows.link_or_text(r.get("evidence"), f.link, cell),
            rows.linked_text(r.get("note"), links.get("note"), f.link, cell),
            (TEXT, source_text(r), cell),
            (SHARED, r["measure_id"], cell),
            (SHARED, r["division"], cell),
            (SHARED, r["state"], cell),
        ]
