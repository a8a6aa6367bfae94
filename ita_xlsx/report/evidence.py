"""Sheet 7, หลักฐาน OIT: the evidence register, every link the divisions gave, with its findings.

One row per link, in plan order (measure, then division): the assessment items, the measure, the
division, the link (clickable only when it is a well-formed web address), the text it came with,
where it is (file, sheet, cell), whether it is on the office's website, and what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ita_xlsx import messages
from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import header, lines_needed, merged_text, row_height, set_widths, setup_sheet
from ita_xlsx.report.data import ReportData
from ita_xlsx.report.formats import Formats
from ita_xlsx.report.rows import TEXT, RowWriter

SHEET = "หลักฐาน OIT"
COLUMNS = (
    ("publish.csv.items", 10),
    ("report.col.measure", 9),
    ("report.col.division", 14),
    ("publish.sheet.col.link", 40),
    ("publish.csv.text", 36),
    ("report.col.file", 26),
    ("report.col.sheet", 14),
    ("report.col.cell", 7),
    ("publish.sheet.col.own", 10),
    ("publish.csv.problems", 28),
)
WIDTHS = tuple(w for _, w in COLUMNS)
TEXT_COL = 4
FILE_COL = 5
WRAPPED = (TEXT_COL, FILE_COL, len(COLUMNS) - 1)  # the link's text, its file (wraps, never cut), findings
HEADER_ROW = 2


def write(wb: Workbook, fmt: Formats, data: ReportData) -> Worksheet:
    ws = wb.add_worksheet(SHEET)
    setup_sheet(ws, repeat_row=HEADER_ROW)
    set_widths(ws, WIDTHS)
    writer = RowWriter(ws)
    last_col = len(COLUMNS) - 1
    merged_text(writer, 0, 0, last_col, th("publish.sheet.title", date=data.as_of_text), fmt.subtitle)
    website = data.plan.office.website
    line = th("publish.sheet.website", website=website) if website else th("publish.sheet.no-website")
    merged_text(writer, 1, 0, last_col, line, fmt.subtitle)
    header(writer, HEADER_ROW, [th(key) for key, _ in COLUMNS], fmt, WIDTHS)
    row = HEADER_ROW + 1
    for link in data.results.get("links") or ():
        texts = [str(link.get("text") or ""), str(link.get("file") or ""), _findings(link)]
        widths = [WIDTHS[col] for col in WRAPPED]
        tall = any(lines_needed(t, w) > 1 for t, w in zip(texts, widths, strict=True))
        height = row_height(texts, widths) if tall else None
        writer.write(row, _cells(fmt, data, link), height=height)
        row += 1
    if row == HEADER_ROW + 1:
        writer.write(row, [rows.text(th("publish.sheet.none"), fmt.subtitle)])
        row += 1
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, row - 1, last_col)
    return ws


def _cells(fmt: Formats, data: ReportData, link: Mapping) -> list:
    cell = fmt.cell
    measure = data.plan.measure(link.get("measure_id") or "")
    own = link.get("own_domain")
    return [
        (TEXT, " ".join(measure.items) if measure else "", cell),
        (TEXT, link.get("measure_id"), cell),
        (TEXT, data.division_name(link.get("division")), cell),
        rows.link_or_text(link.get("url") or "", fmt.link, fmt.wrap),
        (TEXT, link.get("text"), fmt.wrap),
        (TEXT, link.get("file"), fmt.wrap),
        (TEXT, link.get("sheet"), cell),
        (TEXT, link.get("cell"), cell),
        (TEXT, "" if own is None else th("publish.sheet.yes" if own else "publish.sheet.no"), cell),
        (TEXT, _findings(link), fmt.wrap),
    ]


def _findings(link: Mapping) -> str:
    return "\n".join(messages.text(f"publish.problem.{code}", "th") for code in link.get("problems") or ())
