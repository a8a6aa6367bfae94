"""Read one returned division workbook: identify it, verify it, and take its inputs.

The workbook is identified by its hidden identity (never by its file name), its cells are found
through the defined names (falling back to the identity's column map), and its locked content
is compared with the plan. Sheet protection is never taken as proof of anything. Each problem is
recorded with its file, sheet and cell, and the inputs of intact rows are still used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ita_xlsx import messages
from ita_xlsx.core import displayed, problems, textnorm, thaidates
from ita_xlsx.core.own_files import FEEDBACK_MARK
from ita_xlsx.core.problems import Problem
from ita_xlsx.intake.safezip import PackageError, SafePackage
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout as L
from ita_xlsx.read import normalize
from ita_xlsx.read.plan_index import plan_index
from ita_xlsx.read.records import LogEntry
from ita_xlsx.read.xlsxread import MAX_COLUMN, Area, Cell, Workbook, cell_ref, column_number, open_workbook

FIELDS = {  # record field → defined name
    "measure_id": L.NAME_MEASURE_ID,
    "question": L.NAME_QUESTION,
    "steps": L.NAME_STEPS,
    "reporting": L.NAME_REPORTING,
    "status": L.NAME_STATUS,
    "action_date": L.NAME_ACTION_DATE,
    "result": L.NAME_RESULT,
    "evidence": L.NAME_EVIDENCE,
    "note": L.NAME_NOTE,
}
LOG_FIELDS = {
    "measure_id": L.NAME_LOG_MEASURE,
    "date": L.NAME_LOG_DATE,
    "detail": L.NAME_LOG_DETAIL,
    "evidence": L.NAME_LOG_EVIDENCE,
}
LOCKED_FIELDS = ("measure_id", "question", "steps", "reporting")
_LETTERS = re.compile(r"[A-Za-z]{1,3}")


@dataclass(slots=True)
class Entry:
    """The inputs of one measure row, as returned."""

    measure_id: str
    row: int
    status: str | None = None
    action_date: dt.date | None = None
    result: str = ""
    evidence: str = ""
    note: str = ""
    filled: bool = False
    cells: dict[str, str] = field(default_factory=dict)
    hyperlinks: dict[str, str] = field(default_factory=dict)  # input field → the URL of its link


@dataclass(slots=True)
class Returned:
    source: str
    accepted: bool = False
    division: str | None = None
    round_id: str | None = None
    generated: str = ""
    modified: str = ""
    mtime: float | None = None
    sheet: str = L.MEASURES_SHEET
    entries: dict[str, Entry] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    packed: bytes | None = None  # entries and log, pickled by the worker process that read the file
    judged: bytes | None = None  # its records and the rules' problems, pickled (see ita_xlsx.check.judge)

    def report(self, make, code: str, **kw: object) -> None:
        kw.setdefault("division", self.division)
        self.problems.append(make(code, file=self.source, **kw))

    def version_key(self) -> tuple:
        """Newer versions sort later: identity time, then the time the file was saved."""
        return (self.generated, self.modified, self.mtime or 0.0, self.source)


def read_returned(
    source: str,
    data: bytes,
    plan: Plan,
    *,
    round_id: str | None = None,
    mtime: float | None = None,
    limits=None,
    verified: bool = False,
) -> Returned:
    """Everything one returned workbook says, with every problem found in it.

    ``verified`` says intake already inflated every part within the limits and checked its CRC
    (``intake.gather`` does); otherwise that is done here, before any parser sees a part.
    """
    ret = Returned(source, mtime=mtime)
    try:
        package = SafePackage.open(data, limits) if limits else SafePackage.open(data)
        if not verified:
            package.verify()
        wb = open_workbook(package)
        _read(wb, plan, round_id, ret)
    except PackageError as exc:
        ret.accepted = False
        ret.report(problems.error, exc.code, **exc.params)
    return ret


def _read(wb: Workbook, plan: Plan, round_id: str | None, ret: Returned) -> None:
    identity, row_map = _identity(wb)
    if not _accept_identity(identity, plan, round_id, ret):
        return
    if wb.last_modified_by == FEEDBACK_MARK:  # a feedback workbook nobody has filled and saved yet
        ret.division = None
        ret.report(problems.info, "intake-own-feedback")
        return
    ret.modified = wb.modified
    _check_structure(wb, ret)
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


# -- identity ---------------------------------------------------------------------------------
def _identity(wb: Workbook) -> tuple[dict[str, str], list[tuple[int, str, str]]]:
    """Identity keys and the row map, from the hidden sheet or, failing that, the properties."""
    info = wb.sheet(L.IDENTITY_SHEET)
    identity: dict[str, str] = {}
    row_map: list[tuple[int, str, str]] = []
    if info:
        cells, _ = wb.read_cells(info, {1, 2, 3}, 1, len(L.IDENTITY_KEYS) + 3 + 5000)
        identity, row_map = _identity_from_cells(cells)
    if not identity.get("format"):
        props = {
            k[len(L.PROPERTY_PREFIX) :]: v
            for k, v in wb.properties.items()
            if k.startswith(L.PROPERTY_PREFIX)
        }
        identity = {**props, **{k: v for k, v in identity.items() if v}}
    return identity, row_map


def _identity_from_cells(cells: dict[tuple[int, int], Cell]) -> tuple[dict, list]:
    identity: dict[str, str] = {}
    row_map: list[tuple[int, str, str]] = []
    in_map = False
    for row in sorted({r for r, _ in cells}):
        a, b, c = (_text(cells.get((row, col))) for col in (1, 2, 3))
        if (a, b, c) == L.ROW_MAP_HEADER:
            in_map = True
        elif in_map and a.isascii() and a.isdigit():  # int() refuses '፩', which isdigit() accepts
            row_map.append((int(a), b, c))
        elif not in_map and a:
            identity[a] = b
    return identity, row_map


def _accept_identity(identity: dict[str, str], plan: Plan, round_id: str | None, ret: Returned) -> bool:
    if not identity.get("format"):
        ret.report(problems.error, "workbook-no-identity")
        return False
    if identity["format"] == L.CONSOLIDATED_FORMAT:  # collect's own workbook, saved among the returns
        ret.report(problems.info, "intake-own-output")
        return False
    if identity["format"] not in L.ACCEPTED_FORMATS:
        ret.report(problems.error, "workbook-unknown-format", found=identity["format"])
        return False
    if _clean_number(identity.get("plan_id", "")) != plan.plan_id:
        found = _clean_number(identity.get("plan_id", ""))
        ret.report(problems.error, "workbook-other-plan", expected=plan.plan_id, found=found or "-")
        return False
    division = plan_index(plan).divisions.get(identity.get("division", ""))
    ret.division = division.code if division else None  # a division's file of another year or round
    found = _clean_number(identity.get("fiscal_year", ""))
    if found != str(plan.fiscal_year):
        ret.report(problems.error, "workbook-other-year", expected=str(plan.fiscal_year), found=found or "-")
        return False
    ret.round_id = identity.get("round", "")
    if plan.round(ret.round_id) is None or (round_id and ret.round_id != round_id):
        ret.report(
            problems.error,
            "workbook-other-round",
            expected=round_id or "/".join(r.id for r in plan.rounds),
            found=ret.round_id or "-",
        )
        return False
    if division is None:
        ret.report(problems.error, "workbook-unknown-division", found=identity.get("division", "-"))
        return False
    ret.division, ret.generated = division.code, identity.get("generated", "")
    if identity.get("plan_fingerprint") and identity["plan_fingerprint"] != plan.fingerprint():
        ret.report(problems.info, "workbook-plan-edited")
    return True


def _clean_number(text: str) -> str:
    """'2566.0' (a LibreOffice round trip of a number) → '2566'."""
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


# -- structure --------------------------------------------------------------------------------
def _check_structure(wb: Workbook, ret: Returned) -> None:
    identity_sheet = wb.sheet(L.IDENTITY_SHEET)
    if identity_sheet and identity_sheet.state == "visible":
        ret.report(problems.warning, "identity-sheet-visible", sheet=L.IDENTITY_SHEET)
    for name in (L.MEASURES_SHEET, L.LOG_SHEET):
        info = wb.sheet(name)
        if info is not None and not wb.is_protected(info):
            ret.report(problems.warning, "protection-removed", sheet=name)


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
        hits = sum(_text(cells.get((r, col))) == mid for r, mid in rows.items())
        if hits * 2 >= len(rows):
            return info.name
    return None


# -- measure rows -----------------------------------------------------------------------------
SHEET_LAST_ROW = 1_048_576  # the last row a sheet can have: every row a clerk typed is read


def _read_measures(wb: Workbook, plan: Plan, areas: dict[str, Area], ret: Returned) -> None:
    info = wb.sheet(ret.sheet)
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
        measure_id = _identify_row(plan, values, expected, row, cols, ret)
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
        _verify_locked(plan, measure_id, values, row, cols, ret)
        ret.entries[measure_id] = _entry(measure_id, row, values, cols, wb.date1904, ret, texts)
    _check_row_set(expected, seen, ret)
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


def _identify_row(
    plan: Plan, values: dict, expected: list[str], row: int, cols: dict, ret: Returned
) -> str | None:
    raw_id = _text(values.get("measure_id"))
    if raw_id in expected:
        return raw_id
    has_input = any(_text(values.get(k)) for k in ("status", "action_date", "result", "evidence", "note"))
    if not raw_id and not has_input:
        return None
    texts = tuple(_text(values.get(k)) for k in LOCKED_FIELDS[1:])
    for measure_id in expected:  # an id cell overwritten: recognise the row by its locked text
        if L.locked_texts(plan, plan.measure(measure_id))[1:] == texts or (
            texts[0]
            and textnorm.compact(texts[0])
            == textnorm.compact(L.question_text(plan, plan.measure(measure_id)))
        ):
            ret.report(
                problems.warning,
                "row-id-changed",
                sheet=ret.sheet,
                cell=cell_ref(row, cols["measure_id"]),
                measure_id=measure_id,
                found=raw_id or "-",
            )
            return measure_id
    code = "row-inserted" if not raw_id else "row-unknown"
    ret.report(
        problems.error, code, sheet=ret.sheet, cell=cell_ref(row, cols["measure_id"]), found=raw_id or "-"
    )
    return None


def _expected_texts(plan: Plan, measure_id: str) -> tuple[tuple[str, str], ...]:
    """(as written, compacted) locked texts of a measure."""
    return plan_index(plan).locked[measure_id]


def _verify_locked(plan: Plan, measure_id: str, values: dict, row: int, cols: dict, ret: Returned) -> None:
    expected = _expected_texts(plan, measure_id)
    for key, (raw, want) in zip(LOCKED_FIELDS[1:], expected[1:], strict=True):
        if key not in cols:
            continue
        cell = values.get(key)
        if cell is not None and cell.value == raw:  # intact: the common case, no folding needed
            continue
        if textnorm.compact(_text(cell)) != want:
            ret.report(
                problems.error,
                "locked-text-changed",
                sheet=ret.sheet,
                cell=cell_ref(row, cols[key]),
                measure_id=measure_id,
            )


def _check_row_set(expected: list[str], seen: list[str], ret: Returned) -> None:
    for measure_id in expected:
        if measure_id not in seen:
            ret.report(problems.error, "row-deleted", sheet=ret.sheet, measure_id=measure_id)
    present = [m for m in expected if m in seen]
    if [m for m in seen if m in expected] != present:
        ret.report(problems.warning, "rows-reordered", sheet=ret.sheet)


def _entry(
    measure_id: str, row: int, values: dict, cols: dict, date1904: bool, ret: Returned, texts: _TextReader
) -> Entry:
    entry = Entry(measure_id, row, cells={key: cell_ref(row, col) for key, col in cols.items()})

    def where(key: str) -> dict:
        return {"sheet": ret.sheet, "cell": cell_ref(row, cols[key]), "measure_id": measure_id}

    if "status" in cols:
        status = normalize.status(_raw(values.get("status")))
        entry.status = status.value
        if status.code:
            ret.report(
                getattr(problems, status.severity),
                status.code,
                **where("status"),
                value=_short(values.get("status")),
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
    raw = _raw(cell)
    if raw is None or (isinstance(raw, str) and (not textnorm.fold(raw) or normalize.says_nothing(raw))):
        return None
    if cell.kind == "e":
        ret.report(problems.warning, "cell-error-value", **where, value=_short(cell))
        return None
    parsed = normalize.date(raw, date1904=date1904, is_date_cell=cell.is_date or cell.kind == "d")
    year = str(thaidates.be_year(parsed.value)) if parsed.value else ""
    read = thaidates.format_thai(parsed.value) if parsed.value else ""
    for code in parsed.assumptions:
        severity = problems.info if code in thaidates.CERTAIN_CODES else problems.warning
        ret.report(severity, code, **where, value=_short(cell), year=year, read=read)
    if parsed.error:
        ret.report(problems.error, parsed.error, **where, value=_short(cell), year=year)
    return parsed.value


# -- activity log -----------------------------------------------------------------------------
def _read_log(wb: Workbook, plan: Plan, areas: dict[str, Area], ret: Returned) -> None:
    sheet_name = areas["measure_id"].sheet
    info = wb.sheet(sheet_name)
    cols = {key: area.min_col for key, area in areas.items()}
    last = areas["measure_id"].max_row  # the table's last row; every row typed below it is read too
    rows, issues = wb.read_rows(info, list(cols.values()), areas["measure_id"].min_row, SHEET_LAST_ROW)
    below = [r for r, cells in rows.items() if r > last and any(_text(c) for c in cells)]
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
        measure_id = _text(values.get("measure_id")).split(" ")[0]
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
            typed = _text(values.get("date"))
            if date is None and (not typed or normalize.says_nothing(typed)):
                ret.report(problems.warning, "log-date-missing", **date_where)
        refs = {key: cell_ref(row, cols[key]) for key in ("detail", "evidence") if key in cols}
        ret.log.append(
            LogEntry(
                measure_id,
                date,
                texts.read(values.get("detail"), refs.get("detail"), measure_id),
                texts.read(values.get("evidence"), refs.get("evidence"), measure_id),
                where["cell"],
                url=texts.links.get(refs.get("evidence")) or texts.links.get(refs.get("detail")) or "",
            )
        )


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
        raw = _raw(cell)
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
            value=_short(cell),
            shown=text,
        )
        return text


# -- small helpers ----------------------------------------------------------------------------
@functools.cache
def _headings(key: str) -> frozenset[str]:
    return frozenset(textnorm.compact(messages.text(key, lang)) for lang in ("th", "en"))


def _is_heading(values: dict, key: str) -> bool:
    """The row of the table's column headings (its id cell holds the id column's heading)."""
    return textnorm.compact(_text(values.get("measure_id"))) in _headings(key)


def _raw(cell: Cell | None) -> object:
    return None if cell is None else cell.value


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return textnorm.fold(str(value))


def _short(cell: Cell | None) -> str:
    text = "" if cell is None or cell.value is None else str(cell.value)
    return text if len(text) <= 60 else text[:57] + "..."
