"""Feedback to divisions: a fresh workbook for each division whose file had problems, marked up.

``collect`` decides which file of each division is used and what is wrong in it; ``read_inputs``
gives that file's values and the cell each came from. Each problem is carried from the returned
file to the fresh workbook by (measure, field), or by position in the activity log, and its cell
there is found through the defined names, never by position. The fresh workbook is the division's
template (``build_template``) prefilled with what the division sent and stamped ``generated`` now,
so that when it comes back it supersedes the old file. openpyxl then adds a fill and a Thai comment
on each problem cell and a first sheet listing every fix; sheet protection is kept and the new
sheet is protected too. Returned files are never re-saved: the feedback is written fresh.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ita_xlsx.collect.pool import read_inputs
from ita_xlsx.collect.results import FileReport, Results
from ita_xlsx.collect.run import collect, judged_today
from ita_xlsx.core import sizing, style, textnorm, thaidates
from ita_xlsx.core.atomic import (
    OutputInInputFolder,
    OutputIsInput,
    atomic_write_bytes,
    input_folder_holding,
    overwrites_input,
)
from ita_xlsx.core.own_files import FEEDBACK_MARK
from ita_xlsx.core.problems import ERROR, WARNING, Problem, sort_key
from ita_xlsx.messages import th
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout
from ita_xlsx.read.returned_file import FIELDS, LOCKED_FIELDS, LOG_FIELDS, Returned
from ita_xlsx.template import content
from ita_xlsx.template.writer import build_template, plan_division, plan_round, resolve_password

FIX_SHEET = layout.FEEDBACK_SHEET
FILE_PREFIX = "แก้ไข_"
INPUT_FIELDS = ("status", "action_date", "result", "evidence", "note")
# Stronger than the report's problem fills, so that a marked cell stands out against the yellow
# of the input cells: red for errors (must be corrected), orange for warnings (to check).
FILL_BY_SEVERITY = {ERROR: "FF8B8B", WARNING: "F4B183"}
MEASURE_LABELS = {
    "measure_id": "template.book.col.measure-id",
    "question": "template.book.col.question",
    "steps": "template.book.col.steps",
    "reporting": "template.book.col.reporting",
    "status": "template.book.col.status",
    "action_date": "template.book.col.action-date",
    "result": "template.book.col.result",
    "evidence": "template.book.col.evidence",
    "note": "template.book.col.note",
}
LOG_LABELS = {
    "measure_id": "template.book.log.col.measure",
    "date": "template.book.log.col.date",
    "detail": "template.book.log.col.detail",
    "evidence": "template.book.log.col.evidence",
}
FIX_COLUMNS = (
    ("feedback.col.number", 8),
    ("feedback.col.measure", 12),
    ("feedback.col.field", 36),
    ("feedback.col.problem", 80),
    ("feedback.col.where", 24),
)
COMMENT_WIDTH_PX = 320
COMMENT_CHARS_PER_LINE = 45


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a problem lies, in terms that survive a fresh layout.

    ``field`` is a key of ``returned_file.FIELDS`` on a measure row, or of ``returned_file.LOG_FIELDS`` when
    ``on_log``; ``log_index`` is the position of the entry in the activity log (0-based).
    """

    measure_id: str | None = None
    field: str | None = None
    on_log: bool = False
    log_index: int | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """One problem as the division reads it: where it lies, and the cell that shows it (if any)."""

    problem: Problem
    spot: Spot
    target: Cell | None


# --- public API -----------------------------------------------------------------------------------
def write_feedback(
    plan: Plan,
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    round_id: str | None = None,
    as_of: dt.date | None = None,
    password: str | None = None,
    generated: dt.datetime | None = None,
    divisions: Collection[str] | None = None,
    sent: Callable[[str, list[tuple[str, list[Problem]]]], None] | None = None,
) -> tuple[list[Path], list[Problem]]:
    """Write a feedback workbook for each division whose used file has errors or warnings
    (of ``divisions`` only, by code, when given).

    ``sent``, when given, is told what went back: the round, and (division, its problems) for
    each workbook written (the office store keeps it, to say later which were fixed).

    Returns the files written and the problems that went into no workbook: the reasons files
    were rejected, divisions that sent nothing, notes about the password, and (without ``as_of``,
    today lying outside the round) that states were judged as of today. The password is the
    one given, else the one saved in ``out_dir``, else a random one saved there (as for templates).
    Raises OutputInInputFolder when ``out_dir`` lies inside an input folder, and OutputIsInput
    (before writing anything) when a feedback file would replace an input.
    """
    inputs, out_dir = list(inputs), Path(out_dir)
    _refuse_input_folder(out_dir, inputs)
    results = collect(plan, inputs, round_id=round_id, as_of=as_of)
    due = divisions_to_fix(results, inputs)
    if divisions is not None:
        due = [(ret, to_fix) for ret, to_fix in due if ret.division in divisions]
    found = not_fed_back(results)
    note = judged_today(plan, results.round_id, results.as_of) if as_of is None else None
    found += [note] if note else []
    if not due:
        return [], found
    rnd = plan_round(plan, results.round_id)
    targets = [out_dir / (FILE_PREFIX + layout.file_name(plan, rnd, division_of(ret))) for ret, _ in due]
    for target in targets:  # all checked before any is written
        if overwrites_input(target, inputs) is not None:
            raise OutputIsInput(str(target))
    password, notes = resolve_password(out_dir, password)
    generated = generated or dt.datetime.now().replace(microsecond=0)
    written = []
    for (ret, to_fix), target in zip(due, targets, strict=True):
        data = feedback_workbook(plan, results.round_id, ret, to_fix, password=password, generated=generated)
        written.append(atomic_write_bytes(target, data))
    if sent is not None:
        sent(results.round_id, [(division_of(ret), to_fix) for ret, to_fix in due])
    return written, found + notes


def divisions_to_fix(results: Results, inputs: list[str | Path]) -> list[tuple[Returned, list[Problem]]]:
    """The used file of each division that has errors or warnings located in it, with those problems."""
    reports = [f for f in used_files(results) if problems_to_fix(f)]
    if not reports:
        return []
    returned, _ = read_inputs(results.plan, inputs, round_id=results.round_id)
    by_source = {ret.source: ret for ret in returned}
    return [(by_source[f.path], problems_to_fix(f)) for f in reports if f.path in by_source]


def division_of(ret: Returned) -> str:
    """The division of a used file: a file is used only when it names one."""
    if ret.division is None:
        raise ValueError(f"{ret.source} names no division")
    return ret.division


def used_files(results: Results) -> list[FileReport]:
    """The file each division's records came from: accepted and not superseded by a newer one."""
    return [f for f in results.files if f.accepted and f.division and f.superseded_by is None]


def problems_to_fix(report: FileReport) -> list[Problem]:
    """Errors and warnings located in the file (notes are not worth a new workbook)."""
    return [p for p in report.problems if p.severity in (ERROR, WARNING) and p.file == report.path]


def not_fed_back(results: Results) -> list[Problem]:
    """Problems no workbook carries: why files were rejected, and who sent nothing."""
    rejected = [p for f in results.files if f.rejected for p in f.problems]
    return rejected + [p for p in results.problems if p.file is None]


def feedback_workbook(
    plan: Plan,
    round_id: str,
    ret: Returned,
    found: list[Problem],
    *,
    password: str,
    generated: dt.datetime,
) -> bytes:
    """The division's fresh workbook, prefilled from ``ret``, with ``found`` marked and listed."""
    data = build_template(
        plan, round_id, division_of(ret), password=password, generated=generated, prefill=prefill_records(ret)
    )
    wb = load_workbook(io.BytesIO(data))
    fresh = FreshCells(wb)
    keep_links(fresh, ret)
    fixes = [Fix(p, spot, fresh.target(spot)) for p in found for spot in [locate(p, ret)]]
    fixes.sort(key=fresh.order)
    mark_cells(fixes)
    add_fix_sheet(wb, plan, round_id, ret, fixes, password)
    wb.properties.lastModifiedBy = FEEDBACK_MARK  # untouched, it is not a return (own_files)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- prefill --------------------------------------------------------------------------------------
def prefill_records(ret: Returned) -> list[dict]:
    """What the division sent, as ``build_template``'s prefill records (codes and ISO dates).

    The activity log goes into one trailing record, so that its rows keep the order they had in
    the returned file (the prefill lays the log out record by record); that record's empty values
    never replace a measure's own, which comes first.
    """
    records: list[dict] = [
        {
            "measure_id": e.measure_id,
            "division": ret.division,
            "status": e.status,
            "action_date": e.action_date.isoformat() if e.action_date else None,
            "result": e.result,
            "evidence": e.evidence,
            "note": e.note,
            "log": [],
        }
        for e in ret.entries.values()
    ]
    if ret.log:
        records.append(
            {
                "measure_id": ret.log[0].measure_id,
                "division": ret.division,
                "log": [entry.to_dict() for entry in ret.log],
            }
        )
    return records


def keep_links(fresh: FreshCells, ret: Returned) -> None:
    """The links the clerk made in input cells, on the same cells of the fresh workbook (the text
    is prefilled already): losing one would lose the evidence an OIT item is scored by."""
    for entry in ret.entries.values():
        for key, url in entry.hyperlinks.items():
            _link_cell(fresh.target(Spot(entry.measure_id, key)), url)
    for index, log_entry in enumerate(ret.log):
        if log_entry.url:
            _link_cell(fresh.target(Spot(log_entry.measure_id, "evidence", True, index)), log_entry.url)


def _link_cell(cell: Cell | None, url: str) -> None:
    if cell is not None and not url.startswith("#"):  # a place in the returned file means nothing here
        cell.hyperlink = Hyperlink(ref=cell.coordinate, target=url)


# --- from the returned file to the fresh workbook -------------------------------------------------
def locate(problem: Problem, ret: Returned) -> Spot:
    """Where ``problem`` lies, by (measure, field) on the measures sheet or by log entry."""
    if not problem.cell:
        return Spot(problem.measure_id)
    row, col = coordinate_to_tuple(problem.cell)
    if problem.sheet == ret.sheet:
        return _measure_spot(problem, ret, row, col)
    return _log_spot(problem, ret, row, col)


def _measure_spot(problem: Problem, ret: Returned, row: int, col: int) -> Spot:
    """The measure of the row (by id, else by row number) and the field whose cell it is."""
    entry = ret.entries.get(problem.measure_id or "")
    entry = entry or next((e for e in ret.entries.values() if e.row == row), None)
    if entry is None:  # a row that is not one of the plan's (inserted, unknown): no place for it
        return Spot(problem.measure_id)
    exact = [key for key, ref in entry.cells.items() if ref == problem.cell]
    same_column = [key for key, ref in entry.cells.items() if coordinate_to_tuple(ref)[1] == col]
    field = exact[0] if exact else same_column[0] if same_column else None
    return Spot(entry.measure_id, field)


def _log_spot(problem: Problem, ret: Returned, row: int, col: int) -> Spot:
    """The log entry of the row and its field.

    The reader checks two cells of a log row: the measure (``LogEntry.cell``) and the date; a
    problem in another column of the row is therefore about the date.
    """
    rows = [coordinate_to_tuple(e.cell)[0] if e.cell else None for e in ret.log]
    if row not in rows:  # a row the reader did not take (e.g. another division's measure)
        return Spot(problem.measure_id, on_log=True)
    index = rows.index(row)
    entry = ret.log[index]
    field = "measure_id" if col == coordinate_to_tuple(entry.cell)[1] else "date"
    return Spot(entry.measure_id, field, on_log=True, log_index=index)


class FreshCells:
    """The named cells of the fresh workbook: measure rows by id, log rows by position."""

    def __init__(self, wb: Workbook):
        self.measures = {key: named_cells(wb, name) for key, name in FIELDS.items()}
        self.log = {key: named_cells(wb, name) for key, name in LOG_FIELDS.items()}
        self.rows = {cell.value: i for i, cell in enumerate(self.measures["measure_id"])}

    def target(self, spot: Spot) -> Cell | None:
        """The cell to mark: the field's input cell; the row's status cell for a locked field."""
        if spot.on_log:
            cells = self.log.get(spot.field or "", [])
            index = spot.log_index
            return cells[index] if index is not None and index < len(cells) else None
        index = self.rows.get(spot.measure_id)
        if index is None:
            return None
        field = spot.field if spot.field in INPUT_FIELDS else "status"
        return self.measures[field][index]

    def order(self, fix: Fix) -> tuple:
        """Measure rows in the workbook's order, then the log in order, then the rest."""
        spot = fix.spot
        if spot.on_log and spot.log_index is not None and spot.field is not None:  # _log_spot sets both
            return (1, spot.log_index, list(LOG_FIELDS).index(spot.field), sort_key(fix.problem))
        if not spot.on_log and spot.measure_id in self.rows:
            field = list(FIELDS).index(spot.field) if spot.field else -1
            return (0, self.rows[spot.measure_id], field, sort_key(fix.problem))
        return (2, 0, 0, sort_key(fix.problem))


def named_cells(wb: Workbook, name: str) -> list[Cell]:
    """The cells of a workbook-scoped defined name, top to bottom (one column)."""
    defined = wb.defined_names.get(name)
    if defined is None:
        return []
    sheet, ref = next(iter(defined.destinations))
    found = wb[sheet][ref.replace("$", "")]
    if isinstance(found, Cell):
        return [found]
    return [row[0] for row in found]


# --- marking the cells ----------------------------------------------------------------------------
def mark_cells(fixes: list[Fix]) -> None:
    """A fill (red for an error, orange for a warning) and one Thai comment on each problem cell."""
    by_cell: dict[tuple[str, str], tuple[Cell, list[Fix]]] = {}
    for fix in fixes:
        if fix.target is not None:
            by_cell.setdefault((fix.target.parent.title, fix.target.coordinate), (fix.target, []))[1].append(
                fix
            )
    for cell, group in by_cell.values():
        severity = ERROR if any(f.problem.severity == ERROR for f in group) else WARNING
        cell.fill = _fill(severity)
        cell.comment = _comment([comment_line(f) for f in group])


def comment_line(fix: Fix) -> str:
    """The problem's Thai message; for a locked field, which field was wrong."""
    message = fix.problem.message_th
    if not fix.spot.on_log and fix.spot.field in LOCKED_FIELDS:
        label = th(MEASURE_LABELS[fix.spot.field])
        return th("feedback.comment.locked", field=label, message=message)
    return message


def _comment(lines: list[str]) -> Comment:
    text = textnorm.xml_safe("\n".join(f"• {line}" for line in lines) if len(lines) > 1 else lines[0])
    width = COMMENT_CHARS_PER_LINE / sizing.CHARS_PER_WIDTH_UNIT  # in the units wrapped_lines takes
    rows = sum(sizing.wrapped_lines(part, width) for part in text.split("\n"))
    comment = Comment(text, th("feedback.comment.author"))
    comment.width, comment.height = COMMENT_WIDTH_PX, 24 + 18 * rows
    return comment


def _fill(severity: str) -> PatternFill:
    return _solid(FILL_BY_SEVERITY[severity])


def _solid(colour: str) -> PatternFill:
    """A solid fill of an "RRGGBB" or "#RRGGBB" colour, opaque."""
    argb = "FF" + colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=argb, end_color=argb)


# --- the list of fixes ----------------------------------------------------------------------------
def add_fix_sheet(
    wb: Workbook, plan: Plan, round_id: str, ret: Returned, fixes: list[Fix], password: str
) -> Worksheet:
    """The first (and active) sheet: what to do with this file, then every fix in a table."""
    rnd = plan_round(plan, round_id)
    ws = wb.create_sheet(FIX_SHEET, 0)
    widths = [width for _, width in FIX_COLUMNS]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    division = content.division_title(plan_division(plan, division_of(ret)))
    year = thaidates.to_thai_digits(plan.fiscal_year)
    _banner(ws, 1, th("feedback.sheet.title", division=division, round=rnd.name, year=year), bold=True)
    _banner(ws, 2, th("feedback.sheet.replaces", source=Path(ret.source).name))
    _banner(ws, 3, th("feedback.sheet.send-back", return_text=content.return_text(plan, rnd)))
    _legend(ws, 4)
    header = 6
    for col, (key, _) in enumerate(FIX_COLUMNS, start=1):
        _put(ws, header, col, th(key), bold=True, fill=style.FILL_HEADER)
    _fit_row(ws, header, [th(k) for k, _ in FIX_COLUMNS], bold=True)
    for number, fix in enumerate(fixes, start=1):
        _fix_row(ws, header + number, number, fix)
    _finish_sheet(ws, wb, header, password)
    return ws


def _fix_row(ws: Worksheet, row: int, number: int, fix: Fix) -> None:
    """ลำดับ, มาตรการ, ช่อง, ปัญหา, and where the marked cell is (a link to it)."""
    none = th("feedback.where.none")
    values = [
        thaidates.to_thai_digits(number),
        fix.spot.measure_id or none,
        field_label(fix),
        fix.problem.message_th,
        f"{fix.target.parent.title}!{fix.target.coordinate}" if fix.target is not None else none,
    ]
    for col, value in enumerate(values, start=1):
        _put(ws, row, col, value, fill=FILL_BY_SEVERITY[fix.problem.severity] if col == 4 else None)
    if fix.target is not None:
        link = ws.cell(row, len(values))
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=f"'{fix.target.parent.title}'!{fix.target.coordinate}"
        )
        link.font = Font(name=style.FONT_NAME, size=style.FONT_SIZE, color="0563C1", underline="single")
    _fit_row(ws, row, values)


def field_label(fix: Fix) -> str:
    """The field in Thai, as the column heading of the workbook names it."""
    spot, cell = fix.spot, fix.problem.cell
    if spot.on_log:
        if spot.log_index is None or spot.field is None:
            return th("feedback.field.log-sent", sheet=layout.LOG_SHEET, cell=cell or "-")
        number = thaidates.to_thai_digits(spot.log_index + 1)
        field = th(LOG_LABELS[spot.field])
        return th("feedback.field.log", sheet=layout.LOG_SHEET, number=number, field=field)
    if spot.field in LOCKED_FIELDS:
        return th("feedback.field.locked", field=th(MEASURE_LABELS[spot.field]))
    if spot.field:
        return th(MEASURE_LABELS[spot.field])
    if spot.measure_id and fix.target is not None:
        return th("feedback.field.row")
    if cell:
        return th("feedback.field.sent-cell", cell=cell)
    if fix.problem.sheet:
        return th("feedback.field.sheet", sheet=fix.problem.sheet)
    return th("feedback.field.file")


def _banner(ws: Worksheet, row: int, text: str, *, bold: bool = False) -> None:
    """A text across all columns of the table."""
    last = len(FIX_COLUMNS)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    _put(ws, row, 1, text, bold=bold)
    width = sum(w for _, w in FIX_COLUMNS)
    ws.row_dimensions[row].height = sizing.height_for([(text, width)], bold=bold)


def _legend(ws: Worksheet, row: int) -> None:
    """What the two colours mean, each on its colour."""
    texts = [th("feedback.sheet.legend-error"), th("feedback.sheet.legend-warning")]
    for (col_from, col_to), text, severity in zip(((1, 3), (4, 5)), texts, (ERROR, WARNING), strict=True):
        ws.merge_cells(start_row=row, start_column=col_from, end_row=row, end_column=col_to)
        _put(ws, row, col_from, text, fill=FILL_BY_SEVERITY[severity])
    ws.row_dimensions[row].height = sizing.row_height(1)


def _put(
    ws: Worksheet, row: int, col: int, text: str, *, bold: bool = False, fill: str | None = None
) -> None:
    """A text cell (never a formula), wrapped, in the office font."""
    cell = ws.cell(row, col)
    cell.value = textnorm.xml_safe(text)
    cell.data_type = "s"  # openpyxl would take a text starting with "=" for a formula
    cell.font = Font(name=style.FONT_NAME, size=style.FONT_SIZE, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if fill:
        cell.fill = _solid(fill)


def _fit_row(ws: Worksheet, row: int, values: list[str], *, bold: bool = False) -> None:
    widths = [w for _, w in FIX_COLUMNS]
    ws.row_dimensions[row].height = sizing.height_for(list(zip(values, widths, strict=True)), bold=bold)


def _finish_sheet(ws: Worksheet, wb: Workbook, header: int, password: str) -> None:
    """Protected like the others, printed on A4 landscape, first and the only one selected."""
    ws.protection.sheet = True
    ws.protection.password = password
    ws.protection.formatRows = ws.protection.formatColumns = False  # allowed, as on the other sheets
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = 0


# --- helpers --------------------------------------------------------------------------------------
def _refuse_input_folder(out_dir: Path, inputs: list[str | Path]) -> None:
    """Feedback files inside an input folder would be read back as returned workbooks next time."""
    folder = input_folder_holding(out_dir, inputs)
    if folder is not None:
        raise OutputInInputFolder(out_dir, folder)
