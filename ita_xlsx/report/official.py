"""Sheet 6, รายงาน: the official 6/12-month report, in the layout the office publishes.

A title block, then the five columns of the office's report (issue · responsible · steps ·
reporting and deadline · what was done), one row per measure, grouped under the plan's sections
("๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)").
Print-ready: A4 landscape, one page wide, the heading repeated on every page, page numbers, and
row heights estimated from the text so that wrapped Thai is not clipped.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx.messages import th
from ita_xlsx.plan import Measure, Section
from ita_xlsx.plan.texts import question_text, reporting_text
from ita_xlsx.report import rows
from ita_xlsx.report.actions import Note, noted_paragraphs, report_note
from ita_xlsx.report.common import (
    LINE_PX,
    header,
    lines_height,
    merged_text,
    row_height,
    set_widths,
    setup_sheet,
    split_text,
    split_texts,
)
from ita_xlsx.report.data import ReportData, in_order, thai_digits
from ita_xlsx.report.formats import Formats
from ita_xlsx.report.rows import RowWriter

SHEET = "รายงาน"
HEADINGS = (
    "report.official.col.issue",
    "report.official.col.responsible",
    "report.official.col.steps",
    "report.official.col.reporting",
    "report.official.col.action",
)
WIDTHS = (22, 11, 30, 30, 27)  # units of TH Sarabun New 16: A4 landscape at about 75 %
LAST_COL = len(WIDTHS) - 1


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    writer = RowWriter(ws)
    title = _title_lines(fmt, data)
    header_row = len(title) + 1
    setup_sheet(ws, repeat_row=header_row)
    ws.center_horizontally()
    set_widths(ws, WIDTHS)
    for row, (value, style) in enumerate(title):
        height = LINE_PX + 12 if style is fmt.report_title else None
        merged_text(writer, row, 0, LAST_COL, value, style, height=height)
    header(writer, header_row, [th(key) for key in HEADINGS], fmt, WIDTHS)
    _write_sections(writer, fmt, data, header_row + 1)
    return ws


def _write_sections(writer: RowWriter, fmt: Formats, data: ReportData, row: int) -> None:
    """Each section of the plan: its heading across the table, then its measures."""
    for heading, measures in report_sections(data):
        height = row_height([heading], [sum(WIDTHS)])
        merged_text(writer, row, 0, LAST_COL, heading, fmt.report_section, height=height)
        row += 1
        for texts, action in measures:
            row = _write_measure(writer, fmt, row, texts, action)


def report_sections(data: ReportData) -> Iterator[tuple[str, Iterator[tuple[list[str], Iterator[str]]]]]:
    """The report's sections in plan order: each heading, and for each of its measures the first
    four columns and the paragraphs of the fifth (what was done). Sections without measures are
    left out. What the workbook's sheet and the Word document are both written from."""
    by_measure = _records_by_measure(data)
    for number, section in enumerate(data.plan.sections, 1):
        measures = [m for m in data.plan.measures if m.section == section.code]
        if measures:
            yield section_heading(number, section), _measure_rows(data, measures, by_measure)


def _measure_rows(
    data: ReportData, measures: list[Measure], by_measure: dict[str, array]
) -> Iterator[tuple[list[str], Iterator[str]]]:
    for measure in measures:
        noted = _notes(data, by_measure.get(measure.id, array("q")))
        yield _measure_texts(data, measure), noted_paragraphs(noted, data.division_name)


def _notes(data: ReportData, positions: array) -> Iterator[Note]:
    """What the report needs of the records at ``positions``: as the detail sheet noted it, else
    read from the records (the Word report, a workbook without the detail sheet)."""
    notes = data.noted(SHEET)
    if notes is not None:
        return map(notes.__getitem__, positions)
    return (report_note(data.records[i]) for i in positions)


def _write_measure(writer: RowWriter, fmt: Formats, row: int, texts: list[str], action: Iterable[str]) -> int:
    """One measure: one row, or more when a text is too long for one (a row is at most 409 pt).

    ``texts`` are the first four columns, ``action`` the paragraphs of the fifth: in a plan of
    thousands of units it runs over thousands of rows, cut into rows as it is made. The rows of
    one measure share their side borders and have none between them, so they read as one row on
    screen and on paper. Returns the next free row.
    """
    pieces = [split_text(t, w) for t, w in zip(texts, WIDTHS[:LAST_COL], strict=True)]
    rows_of_texts = max(len(p) for p in pieces)
    actions = split_texts(action, WIDTHS[LAST_COL])
    piece = next(actions)
    i = 0
    while True:
        after = next(actions, None)
        last = after is None and i >= rows_of_texts - 1
        part = [*(p[i] if i < len(p) else ("", 0) for p in pieces), piece]
        style = fmt.report_cell_parts[(i == 0, last)]
        height = lines_height(max(lines for _, lines in part))
        writer.write(row + i, [rows.text(t, style) for t, _ in part], height=height)
        if last:
            return row + i + 1
        piece = after or ("", 0)
        i += 1


def section_heading(number: int, section: Section) -> str:
    """ "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)"."""
    key = "report.official.section" if section.name_en else "report.official.section-short"
    return th(key, number=thai_digits(number), name=section.name, name_en=section.name_en, code=section.code)


def _title_lines(fmt: Formats, data: ReportData) -> list[tuple[str, rows.Style]]:
    """The title block of the seed report: title, year and round, office, place, as-of date."""
    office = data.plan.office
    lines = [
        (th("report.official.title"), fmt.report_title),
        (data.period_text, fmt.report_title),
        (office.name, fmt.report_line),
    ]
    if place_text(data):
        lines.append((place_text(data), fmt.report_line))
    lines.append((th("report.as-of", date=data.as_of_text), fmt.report_line))
    return lines


def place_text(data: ReportData) -> str:
    """ "อำเภอบัวลาย จังหวัดนครราชสีมา", or "" when the plan names neither."""
    office = data.plan.office
    return " ".join(p for p in (office.district, office.province) if p)


def _records_by_measure(data: ReportData) -> dict[str, array]:
    """The positions of each measure's records, divisions in plan order (read when written)."""
    order = {code: i for i, code in enumerate(data.divisions)}
    count = len(data.keys)
    grouped: dict[str, array] = {}  # 8 bytes a record, not an int object (130,000 at 10,000 units)
    for position, key in enumerate(data.keys):
        found = grouped.get(key.measure_id)
        if found is None:
            found = grouped[key.measure_id] = array("q")
        found.append(order.get(key.division, len(order)) * count + position)
    return {measure: in_order(found, count) for measure, found in grouped.items()}


def _measure_texts(data: ReportData, measure: Measure) -> list[str]:
    """The first four columns of a measure's row (the fifth is made from the records)."""
    plan = data.plan
    responsible = measure.responsible_text or " ".join(
        data.division_name(code) for code in plan.division_codes(measure)
    )
    return [question_text(plan, measure), responsible, measure.steps, reporting_text(measure)]
