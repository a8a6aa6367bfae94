"""Sheet 5, ยังไม่ส่ง: divisions with no accepted file, each with the measures it has to report."""

from __future__ import annotations

from collections.abc import Mapping

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import header, merged_text, set_widths, setup_sheet
from ita_xlsx.report.data import ReportData, excel_date
from ita_xlsx.report.formats import Formats, state_label
from ita_xlsx.report.rows import NUMBER, SHARED, TEXT, RowWriter

SHEET = "ยังไม่ส่ง"
COLUMNS = (
    ("report.col.division", 16),
    ("report.col.items", 7),
    ("report.col.question", 48),
    ("report.col.due-date", 16),
    ("report.col.state", 16),
    ("report.col.contact", 26),
    ("report.col.note", 40),
    ("report.col.measure-id", 10),
    ("report.col.division-code", 10),
)
WIDTHS = tuple(w for _, w in COLUMNS)
HIDDEN = (7, 8)
HEADER_ROW = 1


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws, repeat_row=HEADER_ROW)
    set_widths(ws, WIDTHS, HIDDEN)
    writer = RowWriter(ws)
    merged_text(writer, 0, 0, 6, th("report.missing.title", date=data.as_of_text), fmt.subtitle)
    header(writer, HEADER_ROW, [th(key) for key, _ in COLUMNS], fmt, WIDTHS)
    row = HEADER_ROW + 1
    by_division: dict[str, list[int]] = {code: [] for code in data.not_received}
    for position, key in enumerate(data.keys):
        if key.division in by_division:
            by_division[key.division].append(position)
    for positions in by_division.values():
        for position in positions:
            writer.write(row, _cells(fmt, data, data.records[position]))
            row += 1
    if not by_division:
        writer.write(row, [rows.text(th("report.summary.all-sent"), fmt.subtitle)])
        row += 1
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, row - 1, len(COLUMNS) - 1)
    return ws


def _cells(fmt: Formats, data: ReportData, r: Mapping) -> list:
    cell = fmt.cell
    code = r["division"]
    division = data.plan.division(code)
    rejected = data.rejected_files.get(code) if code in data.rejected else None
    reason = data.rejected_reasons.get(code) or ""
    note = th("report.missing.rejected", files=", ".join(rejected), reason=reason) if rejected else ""
    due = excel_date(r.get("due_date"))
    return [
        (SHARED, r.get("division_name") or data.division_name(code), cell),
        (SHARED, ", ".join(r.get("items") or ()), cell),
        (SHARED, r.get("question") or "", cell),
        (NUMBER, due, fmt.date) if due else (TEXT, "", fmt.date),
        (SHARED, state_label(r["state"]), cell),
        (SHARED, ", ".join(division.emails) if division else "", cell),
        (SHARED, note, cell),
        (SHARED, r["measure_id"], cell),
        (SHARED, code, cell),
    ]
