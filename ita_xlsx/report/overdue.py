"""Sheet 3, เกินกำหนด: only what is overdue, lacks reports of some periods or is not reported, most
overdue first, with who to chase and the periods missing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.messages import th
from ita_xlsx.read.records import RecordKey
from ita_xlsx.report import rows
from ita_xlsx.report.common import header, legend, merged_text, set_widths, setup_sheet
from ita_xlsx.report.data import ReportData, days_late, excel_date, in_order, periods_text
from ita_xlsx.report.detail import finish_table
from ita_xlsx.report.formats import Formats, state_label
from ita_xlsx.report.rows import NUMBER, SHARED, TEXT, RowWriter

SHEET = "เกินกำหนด"
OVERDUE_STATES = ("periods_missing", "overdue", "missing")
COLUMNS = (
    ("report.col.number", 6),
    ("report.col.days-overdue", 9),
    ("report.col.state", 16),
    ("report.col.responsible", 16),
    ("report.col.items", 7),
    ("report.col.question", 40),
    ("report.col.due-date", 16),
    ("report.col.missed", 20),
    ("report.col.result", 30),
    ("report.col.note", 20),
    ("report.col.contact", 26),
    ("report.col.measure-id", 10),
    ("report.col.division-code", 10),
    ("report.col.state-code", 10),
)
WIDTHS = tuple(w for _, w in COLUMNS)
HIDDEN = (11, 12, 13)
STATE_COL = 13
HEADER_ROW = 2


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws, repeat_row=HEADER_ROW, repeat_cols=(3, 5))  # responsible, items, question
    set_widths(ws, WIDTHS, HIDDEN)
    writer = RowWriter(ws)
    merged_text(writer, 0, 0, 8, th("report.overdue.title", date=data.as_of_text), fmt.subtitle)
    legend(writer, 1, fmt, OVERDUE_STATES, 2, WIDTHS)
    header(writer, HEADER_ROW, [th(key) for key, _ in COLUMNS], fmt, WIDTHS)
    emails = {d.code: ", ".join(d.emails) for d in data.plan.divisions}
    row = HEADER_ROW + 1
    for number, (days, r) in enumerate(overdue_records(data), 1):
        writer.write(row, _cells(fmt, data, number, days, r, emails))
        row += 1
    if row == HEADER_ROW + 1:
        writer.write(row, [rows.text(th("report.overdue.none"), fmt.subtitle)], first_col=1)
        row += 1
    finish_table(ws, fmt, HEADER_ROW, row - 1, len(COLUMNS) - 1, STATE_COL)
    return ws


def overdue_records(data: ReportData) -> Iterator[tuple[int | None, Mapping]]:
    """Overdue and not-reported records, most days late first, then in plan order.

    Sorted by their keys; each record is read when its row is written, so the records of a
    large collection are never all in memory.
    """
    measure_order = {m.id: i for i, m in enumerate(data.plan.measures)}
    division_order = {code: i for i, code in enumerate(data.divisions)}
    measures, divisions = len(measure_order) + 1, len(division_order) + 1
    keys, count, as_of = data.keys, len(data.keys), data.as_of

    def number(key: RecordKey, days: int | None) -> int:
        late = -days if days is not None else 1  # most days late first, not counted last
        measure = measure_order.get(key.measure_id, measures - 1)
        return (late * measures + measure) * divisions + division_order.get(key.division, divisions - 1)

    order = in_order(
        (
            number(key, days) * count + position
            for position, key in enumerate(keys)
            if key.state in OVERDUE_STATES
            for days in (days_late(key, as_of),)
        ),
        count,
    )
    noted = data.noted(SHEET)  # what the detail sheet noted of these records, else the records
    read = noted.__getitem__ if noted is not None else data.records.__getitem__
    return ((days_late(keys[position], as_of), read(position)) for position in order)


NOTED = (  # what the sheet shows of a record (see _cells)
    "state",
    "division_name",
    "division",
    "items",
    "question",
    "due_date",
    "missed_periods",
    "result",
    "note",
    "measure_id",
)


def overdue_note(record: Mapping) -> dict | None:
    """What this sheet needs of a record, if it is one of its records (noted by the detail sheet)."""
    if record["state"] not in OVERDUE_STATES:
        return None
    return {name: record[name] for name in NOTED if name in record}


def _cells(
    fmt: Formats, data: ReportData, number: int, days: int | None, r: Mapping, emails: Mapping[str, str]
) -> list:
    cell = fmt.cell
    due = excel_date(r.get("due_date"))
    return [
        (NUMBER, number, fmt.int),
        (NUMBER, days, fmt.int) if days is not None else (TEXT, "", fmt.int),
        (SHARED, state_label(r["state"]), cell),
        (SHARED, r.get("division_name") or data.division_name(r["division"]), cell),
        (SHARED, ", ".join(r.get("items") or ()), cell),
        (SHARED, r.get("question") or "", cell),
        (NUMBER, due, fmt.date) if due else (TEXT, "", fmt.date),
        (TEXT, periods_text(r), cell),
        (TEXT, r.get("result"), cell),
        (TEXT, r.get("note"), cell),
        (SHARED, emails.get(r["division"], ""), cell),
        (SHARED, r["measure_id"], cell),
        (SHARED, r["division"], cell),
        (SHARED, r["state"], cell),
    ]
