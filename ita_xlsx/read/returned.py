"""Read one returned division workbook: find its cells and take its inputs.

Its cells are found through the defined names (falling back to the identity's column map); the
workbook is identified and its locked content compared with the plan by :mod:`ita_xlsx.read.verify`.
Each problem is recorded with its file, sheet and cell, and the inputs of intact rows are still
used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ita_xlsx import messages
from ita_xlsx.core import displayed, problems, textnorm, thaidates
from ita_xlsx.core.own_files import FEEDBACK_MARK
from ita_xlsx.intake.safezip import DEFAULT_LIMITS, PackageError, SafePackage
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout as L
from ita_xlsx.read import normalize
from ita_xlsx.read.cell_text import cell_quote, cell_text, cell_value
from ita_xlsx.read.plan_index import plan_index
from ita_xlsx.read.records import LogEntry
from ita_xlsx.read.returned_file import FIELDS, LOG_FIELDS, Entry, Returned
from ita_xlsx.read.verify import (
    accept_identity,
    check_row_set,
    check_structure,
    identify_row,
    read_identity,
    verify_locked,
)
from ita_xlsx.read.xlsxread import MAX_COLUMN, Area, Cell, Workbook, cell_ref, column_number, open_workbook

_LETTERS = re.compile(r"[A-Za-z]{1,3}")


def read_returned(
    source: str,
    data: bytes,
    plan: Plan,
    *,
    round_id: str | None = None,
    mtime: float | None = None,
    limits=None,
    verified: bool = False,
    parts: dict[str, bytes] | None = None,
    package: SafePackage | None = None,
) -> Returned:
    """Everything one returned workbook says, with every problem found in it.

    ``verified`` says intake already inflated every part within the limits and checked its CRC
    (``intake.gather`` does); otherwise that is done here, before any parser sees a part.
    ``package``: ``data`` as intake opened and verified it, keeping its parts: read as it is.
    ``parts``: without it (in another process), the parts intake kept (``SafePackage.take_parts``).
    """
    ret = Returned(source, mtime=mtime)
    try:
        if package is None:
            package = SafePackage.open(data, limits or DEFAULT_LIMITS, parts=parts)
        if not verified:
            package.verify()
        wb = open_workbook(package)
        _read(wb, plan, round_id, ret)
    except PackageError as exc:
        ret.accepted = False
        ret.report(problems.error, exc.code, **exc.params)
    return ret


def _read(wb: Workbook, plan: Plan, round_id: str | None, ret: Returned) -> None:
    identity, row_map = read_identity(wb)
    if not accept_identity(identity, plan, round_id, ret):
        return
    if wb.last_modified_by == FEEDBACK_MARK:  # a feedback workbook nobody has filled and saved yet
        ret.division = None
        ret.report(problems.info, "intake-own-feedback")
        return
    ret.modified = wb.modified
    check_structure(wb, ret)
    areas = _areas(wb, identity, row_map, FIELDS, ret)
    if areas is None:
        return
    ret.sheet = areas["measure_id"].sheet
    ret.accepted = True
    _read_measures(wb, plan, areas, ret)
    log_areas = _areas(wb, identity, row_map, LOG_FIELDS, ret, required=False)
    if log_areas:
        _read_log(wb, plan, log_areas, ret)
    _note_sheets_not_read(
        wb, {L.INSTRUCTIONS_SHEET, ret.sheet, *(a.sheet for a in (log_areas or {}).values())}, ret
    )


def _note_sheets_not_read(wb: Workbook, read: set[str], ret: Returned) -> None:
    """A sheet the clerk added (a copy of the measures sheet filled in instead of it): not read."""
    # the template's hidden sheets (a visible _ita is warned of), the list of fixes of a feedback workbook
    ours = {L.LISTS_SHEET, L.IDENTITY_SHEET, L.FEEDBACK_SHEET}
    for info in wb.sheets:
        if info.state == "visible" and info.name not in read and info.name not in ours:
            ret.report(
                problems.warning, "sheet-not-read", sheet=info.name, read=ret.sheet or L.MEASURES_SHEET
            )


def _areas(
    wb: Workbook,
    identity: dict,
    row_map: list | None,
    fields: dict[str, str],
    ret: Returned,
    *,
    required: bool = True,
) -> dict[str, Area] | None:
    """The area of each field: its defined name, or the identity's column map when names are lost."""
    columns = dict(part.split("=", 1) for part in identity.get("columns", "").split(",") if "=" in part)
    found: dict[str, Area] = {}
    lost: list[str] = []
    for key, name in fields.items():
        area = wb.area(name)
        if area is None or not _readable(wb, area.sheet):
            lost.append(name)
            area = _fallback_area(name, columns, row_map, fields is LOG_FIELDS, wb)
        if area is not None:
            found[key] = area
    if lost:
        ret.report(problems.warning, "names-missing", names=", ".join(lost))
    if "measure_id" not in found:
        if required:
            ret.report(problems.error, "measures-not-found", sheet=L.MEASURES_SHEET)
        return None
    sheet = found["measure_id"].sheet
    if required and sheet != L.MEASURES_SHEET:
        ret.report(problems.warning, "sheet-renamed", sheet=sheet, expected=L.MEASURES_SHEET)
    return found


def _fallback_area(
    name: str, columns: dict[str, str], row_map: list | None, is_log: bool, wb: Workbook
) -> Area | None:
    col = _column(columns.get(name))
    if col is None:
        return None
    sheet = L.LOG_SHEET if is_log else _measures_sheet_by_content(wb, columns, row_map)
    if sheet is None or not _readable(wb, sheet):
        return None
    if is_log:  # the log's rows start where the measures' do, below the same title and headings
        start = min((r for r, _, _ in row_map or []), default=None)
        return Area(sheet, col, start, col, start + L.LOG_ROWS - 1) if start else None
    if not row_map:
        return None
    rows = [r for r, _, _ in row_map]
    return Area(sheet, col, min(rows), col, max(rows) + 20)


def _readable(wb: Workbook, name: str) -> bool:
    """The workbook has this sheet, and its part (a sheet whose relationship points nowhere has none)."""
    info = wb.sheet(name)
    return info is not None and info.part is not None


def _column(letters: str | None) -> int | None:
    """The number of a column written as letters in the identity's column map; None if it is not one."""
    if not letters or not _LETTERS.fullmatch(letters):
        return None
    number = column_number(letters)
    return number if number <= MAX_COLUMN else None


def _measures_sheet_by_content(wb: Workbook, columns: dict[str, str], row_map: list | None) -> str | None:
    """The sheet holding the measure ids of the row map: found by content when it was renamed."""
    if _readable(wb, L.MEASURES_SHEET):
        return L.MEASURES_SHEET
    col = _column(columns.get(L.NAME_MEASURE_ID))
    if col is None or not row_map:
        return None
    rows = {r: mid for r, mid, _ in row_map}
    for info in wb.sheets:
        if info.name in (L.IDENTITY_SHEET, L.LISTS_SHEET, L.LOG_SHEET, L.INSTRUCTIONS_SHEET):
            continue
        cells, _ = wb.read_cells(info, {col}, min(rows), max(rows))
        hits = sum(cell_text(cells.get((r, col))) == mid for r, mid in rows.items())
        if hits * 2 >= len(rows):
            return info.name
    return None


# -- measure rows -----------------------------------------------------------------------------
SHEET_LAST_ROW = 1_048_576  # the last row a sheet can have: every row a clerk typed is read


def _read_measures(wb: Workbook, plan: Plan, areas: dict[str, Area], ret: Returned) -> None:
    info = wb.sheet(ret.sheet)
    assert info is not None, "_areas found the sheet readable"
    cols = {key: area.min_col for key, area in areas.items()}
    # Rows typed below the table are read too, so that they are reported (inserted, unknown,
    # duplicated) at their cells rather than lost without a word.
    rows, issues = wb.read_rows(info, list(cols.values()), areas["measure_id"].min_row, SHEET_LAST_ROW)
    for issue in issues:
        ret.report(problems.warning, "cell-unreadable", sheet=ret.sheet, cell=issue.ref, reason=issue.reason)
    expected = [m.id for m in plan_index(plan).measures_for(ret.division)]
    texts = _TextReader(wb, info, ret)
    seen: list[str] = []
    for row, cells in rows.items():  # rows without any value are not even rows to recognise
        values = dict(zip(cols, cells, strict=True))
        if _is_heading(values, "template.book.col.measure-id"):
            continue  # a name another program widened over the table's headings
        measure_id = identify_row(plan, values, expected, row, cols, ret)
        if measure_id is None:
            continue
        if measure_id in seen:
            ret.report(
                problems.error,
                "row-duplicated",
                sheet=ret.sheet,
                cell=cell_ref(row, cols["measure_id"]),
                measure_id=measure_id,
            )
            continue
        seen.append(measure_id)
        verify_locked(plan, measure_id, values, row, cols, ret)
        ret.entries[measure_id] = _entry(measure_id, row, values, cols, wb.date1904, ret, texts)
    check_row_set(expected, seen, ret)
    _note_merged_inputs(wb, info, areas, ret)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _note_merged_inputs(wb: Workbook, info, areas: dict[str, Area], ret: Returned) -> None:
    """Input cells merged across rows: the value stays in the first row only, the others read empty."""
    xml = wb.sheet_xml(info) if info is not None and info.part else b""
    start = xml.find(b"mergeCell")  # after the cells, near the end: the titles' merges are there too
    if start < 0:
        return
    inputs = {areas[k].min_col for k in ("status", "action_date", "result", "evidence", "note") if k in areas}
    first, last = areas["measure_id"].min_row, areas["measure_id"].max_row
    for match in _MERGE.finditer(xml, max(start - 8, 0)):
        left, right = column_number(match[1].decode()), column_number(match[3].decode())
        top, bottom = int(match[2]), int(match[4])
        if bottom > top and bottom >= first and top <= last and any(left <= c <= right for c in inputs):
            corner = f"{match[1].decode()}{top}"
            ref = f"{corner}:{match[3].decode()}{bottom}"
            ret.report(problems.warning, "input-cells-merged", sheet=ret.sheet, cell=corner, range=ref)


def _entry(
    measure_id: str, row: int, values: dict, cols: dict, date1904: bool, ret: Returned, texts: _TextReader
) -> Entry:
    entry = Entry(measure_id, row, cells={key: cell_ref(row, col) for key, col in cols.items()})

    def where(key: str) -> dict:
        return {"sheet": ret.sheet, "cell": cell_ref(row, cols[key]), "measure_id": measure_id}

    if "status" in cols:
        status = normalize.status(cell_value(values.get("status")))
        entry.status = status.value
        if status.code:
            ret.report(
                getattr(problems, status.severity),
                status.code,
                **where("status"),
                value=cell_quote(values.get("status")),
                read_as=status.read_as,
            )
        elif status.value is None:
            ret.report(problems.warning, "status-empty", **where("status"))
    if "action_date" in cols:
        entry.action_date = _date(values.get("action_date"), date1904, where("action_date"), ret)
    for key in ("result", "evidence", "note"):
        if key in cols:
            ref = entry.cells[key]
            setattr(entry, key, texts.read(values.get(key), ref, measure_id))
            url = texts.links.get(ref)
            if url:
                entry.hyperlinks[key] = url
    entry.filled = bool(entry.status or entry.action_date or entry.result or entry.evidence or entry.note)
    return entry


def _date(cell: Cell | None, date1904: bool, where: dict, ret: Returned) -> dt.date | None:
    if cell is None:
        return None
    raw = cell.value
    if raw is None or (isinstance(raw, str) and (not textnorm.fold(raw) or normalize.says_nothing(raw))):
        return None
    if cell.kind == "e":
        ret.report(problems.warning, "cell-error-value", **where, value=cell_quote(cell))
        return None
    parsed = normalize.date(raw, date1904=date1904, is_date_cell=cell.is_date or cell.kind == "d")
    if not (parsed.assumptions or parsed.error):  # most dates: nothing to say of them
        return parsed.value
    year = str(thaidates.be_year(parsed.value)) if parsed.value else ""
    read = thaidates.format_thai(parsed.value) if parsed.value else ""
    for code in parsed.assumptions:
        severity = problems.info if code in thaidates.CERTAIN_CODES else problems.warning
        ret.report(severity, code, **where, value=cell_quote(cell), year=year, read=read)
    if parsed.error:
        ret.report(problems.error, parsed.error, **where, value=cell_quote(cell), year=year)
    return parsed.value


# -- activity log -----------------------------------------------------------------------------
def _read_log(wb: Workbook, plan: Plan, areas: dict[str, Area], ret: Returned) -> None:
    sheet_name = areas["measure_id"].sheet
    info = wb.sheet(sheet_name)
    assert info is not None, "_areas found the sheet readable"
    cols = {key: area.min_col for key, area in areas.items()}
    last = areas["measure_id"].max_row  # the table's last row; every row typed below it is read too
    rows, issues = wb.read_rows(info, list(cols.values()), areas["measure_id"].min_row, SHEET_LAST_ROW)
    below = [r for r, cells in rows.items() if r > last and any(cell_text(c) for c in cells)]
    if below:
        cell = cell_ref(below[0], cols["measure_id"])
        ret.report(problems.info, "log-below-table", sheet=sheet_name, cell=cell, count=len(below), last=last)
    for issue in issues:
        ret.report(problems.warning, "cell-unreadable", sheet=sheet_name, cell=issue.ref, reason=issue.reason)
    mine = plan_index(plan).measure_ids.get(ret.division, frozenset())
    texts = _TextReader(wb, info, ret)
    for row, cells in rows.items():
        values = dict(zip(cols, cells, strict=True))
        if not any(v is not None and str(v.value).strip() for v in values.values()):
            continue
        if _is_heading(values, "template.book.log.col.measure"):
            continue
        measure_id = cell_text(values.get("measure_id")).split(" ")[0]
        where = {
            "sheet": sheet_name,
            "cell": cell_ref(row, cols["measure_id"]),
            "measure_id": measure_id or None,
        }
        if measure_id not in mine:
            ret.report(problems.warning, "log-unknown-measure", **where, found=measure_id or "-")
            continue
        date = None
        if "date" in cols:
            date_where = {**where, "cell": cell_ref(row, cols["date"])}
            date = _date(values.get("date"), wb.date1904, date_where, ret)
            if date is None and _nothing_typed(values.get("date")):
                ret.report(problems.warning, "log-date-missing", **date_where)
        refs = {key: cell_ref(row, cols[key]) for key in ("detail", "evidence") if key in cols}
        ret.log.append(
            LogEntry(
                measure_id,
                date,
                texts.read(values.get("detail"), refs.get("detail"), measure_id),
                texts.read(values.get("evidence"), refs.get("evidence"), measure_id),
                where["cell"],
                url=texts.links.get(refs.get("evidence", ""))
                or texts.links.get(refs.get("detail", ""))
                or "",
            )
        )


def _nothing_typed(cell: Cell | None) -> bool:
    typed = cell_text(cell)
    return not typed or normalize.says_nothing(typed)


# -- free text ---------------------------------------------------------------------------------
class _TextReader:
    """Free text of one sheet as the clerk saw it, and the links of its cells.

    Text is kept as typed. A number or a date in a text column (the program made it of what was
    typed: "50%", "1,234", "3/10/2565") is kept as the cell shows it, with a note at the cell.
    """

    def __init__(self, wb: Workbook, info, ret: Returned) -> None:
        self.wb, self.info, self.ret = wb, info, ret
        self.links = wb.hyperlinks(info) if info is not None else {}

    def read(self, cell: Cell | None, ref: str | None, measure_id: str) -> str:
        if cell is None:
            return normalize.cell_text(None)
        raw = cell.value
        if raw is None or isinstance(raw, str) or ref is None or cell.kind == "e":
            return normalize.cell_text(raw)
        code = self.wb.number_format(self.info, ref)
        if cell.is_date and isinstance(raw, float):
            raw = displayed.serial_date(raw, self.wb.date1904) or raw
        text = displayed.shown(raw, code)
        if not isinstance(raw, dt.date) and text == normalize.cell_text(raw):
            return text  # a plain number, shown as typed: nothing was interpreted
        self.ret.report(
            problems.info,
            "text-cell-formatted",
            sheet=self.info.name,
            cell=ref,
            measure_id=measure_id,
            value=cell_quote(cell),
            shown=text,
        )
        return text


# -- small helpers ----------------------------------------------------------------------------
@functools.cache
def _headings(key: str) -> frozenset[str]:
    return frozenset(textnorm.compact(messages.text(key, lang)) for lang in ("th", "en"))


def _is_heading(values: dict, key: str) -> bool:
    """The row of the table's column headings (its id cell holds the id column's heading)."""
    return textnorm.compact(cell_text(values.get("measure_id"))) in _headings(key)
