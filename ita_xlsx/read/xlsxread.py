"""A small, fast, defensive reader of the OOXML parts the collector needs.

It reads only what a returned workbook must be checked for: the sheets and their states, the
defined names, the date system, custom properties, which sheets are protected, and the values of
chosen cells with whether their style makes them dates. Every part comes through
:class:`~ita_xlsx.intake.safezip.SafePackage` (size caps, no DTDs); XML is parsed with expat, which never
expands external entities. A cell that cannot be read becomes a :class:`CellIssue`, not a failure
of the whole file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import io
import operator
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypedDict
from xml.parsers import expat

from ita_xlsx.core import thaidates
from ita_xlsx.core.displayed import BUILTIN_FORMATS
from ita_xlsx.intake.safezip import PackageError, SafePackage

# Built-in number formats that are dates (ECMA-376 18.8.30, plus the Thai built-ins 71–81).
_BUILTIN_DATE_FORMATS = frozenset(
    [*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)]
)
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_RANGE_REF = re.compile(
    r"^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d{1,7})(?::(\$?[A-Za-z]{1,3}\$?\d{1,7}))?$"
)


# A match starts at the "<" before "sheetProtection": nothing but a prefix lies between them.
_SHEET_PROTECTION = re.compile(rb"<(?:\w+:)?sheetProtection\b[^>]*\bsheet=\"(?:1|true)\"")

# A cell written as one empty element holds no value: dropping these before parsing spares expat
# the styled blank input cells of a template (most of a returned workbook).
_EMPTY_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*/>")


class StopParsing(Exception):
    """Raised inside an expat handler once every wanted cell has been seen."""


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    state: str  # visible, hidden, veryHidden
    part: str | None  # the part name of its XML, when found


@dataclass(frozen=True, slots=True)
class Area:
    """A rectangular range on one sheet (1-based, inclusive)."""

    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    def cells(self) -> list[tuple[int, int]]:
        return [
            (r, c)
            for r in range(self.min_row, self.max_row + 1)
            for c in range(self.min_col, self.max_col + 1)
        ]


@dataclass(frozen=True, slots=True)
class Cell:
    value: object  # str, float, bool, or None; dates stay numbers, see ``is_date``
    is_date: bool = False  # the cell's number format is a date format
    kind: str = "n"  # the OOXML cell type: n, s, str, inlineStr, b, e, d


@dataclass(frozen=True, slots=True)
class CellIssue:
    ref: str
    reason: str


@dataclass(slots=True)
class Workbook:
    package: SafePackage
    sheets: list[SheetInfo]
    names: dict[str, str]  # defined name → its formula text (workbook scope)
    date1904: bool = False
    structure_locked: bool = False
    modified: str = ""
    _shared: list[str] | None = None
    _calamine: object = None
    _date_styles: frozenset[int] | None = None
    _style_table: tuple[list[int], dict[int, str]] | None = None
    _properties: dict[str, str] | None = None
    _application: str | None = None
    _sheet_xml: dict[str, bytes] = field(default_factory=dict)
    _links: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def properties(self) -> dict[str, str]:
        """The custom document properties (read when first asked: most files never need them)."""
        if self._properties is None:
            self._properties = custom_properties(self.package)
        return self._properties

    @properties.setter
    def properties(self, value: dict[str, str]) -> None:
        self._properties = value

    @property
    def application(self) -> str:
        """The application that saved the file, from docProps/app.xml (read when first asked)."""
        if self._application is None:
            self._application = _leaf_text(self.package, "docProps/app.xml", "Application")
        return self._application

    @application.setter
    def application(self, value: str) -> None:
        self._application = value

    @property
    def last_modified_by(self) -> str:
        """Who saved the file last, from docProps/core.xml (read when asked)."""
        return _leaf_text(self.package, "docProps/core.xml", "lastModifiedBy")

    def sheet(self, name: str) -> SheetInfo | None:
        return next((s for s in self.sheets if s.name == name), None)

    def area(self, name: str) -> Area | None:
        """The range a defined name covers, or None when it is missing or broken (#REF!)."""
        formula = self.names.get(name)
        return parse_area(formula) if formula else None

    def shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = _read_shared_strings(self.package, self._part_of("sharedStrings"))
        return self._shared

    def date_styles(self) -> frozenset[int]:
        if self._date_styles is None:
            self._date_styles = _date_styles(*self._styles())
        return self._date_styles

    def number_format(self, sheet: SheetInfo, ref: str) -> str:
        """The number format code of one cell ("General" when it has none). Finds the cell by a
        search of the sheet's XML: for the few cells whose display matters, not for every cell."""
        xml = self.sheet_xml(sheet) if sheet.part else b""
        found = re.search(rb'<c\s[^>]*?\br="' + ref.encode() + rb'"[^>]*>', xml)
        style = _int(dict(_ATTRIBUTE.findall(found[0])).get(b"s", b"0").decode()) if found else 0
        return _format_code(*self._styles(), style)

    def _styles(self) -> tuple[list[int], dict[int, str]]:
        if self._style_table is None:
            self._style_table = _read_styles(self.package, self._part_of("styles"))
        return self._style_table

    def _part_of(self, kind: str) -> str | None:
        return self._related.get(kind)

    _related: dict[str, str] = field(default_factory=dict)

    def sheet_xml(self, sheet: SheetInfo) -> bytes:
        """The XML of a sheet (inflated once: the protection check and the reader both need it)."""
        part = sheet.part
        assert part is not None, "asked only for a sheet whose part was found"
        data = self._sheet_xml.get(part)
        if data is None:
            data = self._sheet_xml[part] = self.package.read_xml(part)
        return data

    def hyperlinks(self, sheet: SheetInfo) -> dict[str, str]:
        """Cell reference → the URL of its link: a cell link (``<hyperlink>``, its target in the
        sheet's relationships, or a ``location`` in the workbook) or a ``HYPERLINK("url", …)``
        formula. Computed when first asked, and only searched for when the XML holds either."""
        if not sheet.part:
            return {}
        found = self._links.get(sheet.part)
        if found is None:
            found = self._links[sheet.part] = _sheet_links(self.package, sheet.part, self.sheet_xml(sheet))
        return found

    def is_protected(self, sheet: SheetInfo) -> bool:
        if not sheet.part:
            return False
        data = self.sheet_xml(sheet)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):  # UTF-16: search the text
            data = _utf16_as_utf8(data)
        first = data.find(b"sheetProtection")  # a plain search first: the pattern alone scans slowly
        if first < 0:
            return False
        return _SHEET_PROTECTION.search(data, max(0, data.rfind(b"<", 0, first))) is not None

    def read_cells(
        self, sheet: SheetInfo, cols: set[int], min_row: int, max_row: int
    ) -> tuple[dict, list[CellIssue]]:
        """Values of the cells in ``cols`` from ``min_row`` to ``max_row``; empty cells are left out."""
        order = sorted(cols)
        rows, issues = self.read_rows(sheet, order, min_row, max_row)
        cells = {
            (row, col): cell
            for row, values in rows.items()
            for col, cell in zip(order, values, strict=True)
            if cell is not None
        }
        return cells, issues

    def read_rows(
        self, sheet: SheetInfo, cols: list[int], min_row: int, max_row: int
    ) -> tuple[dict[int, list[Cell | None]], list[CellIssue]]:
        """The rows from ``min_row`` to ``max_row`` with a value in one of ``cols``, in order.

        Each row is a list of its cells in the order of ``cols`` (None where empty).
        """
        if not sheet.part or not cols or max_row < min_row:
            return {}, []
        xml = self.sheet_xml(sheet)
        if (
            self.package.info(sheet.part).file_size <= CALAMINE_MAX_SHEET_BYTES
            and _compact(xml)
            and _ERROR_CELL not in xml
        ):
            rows = _calamine_rows(self, sheet.name, cols, min_row, max_row)
            if rows is not None:
                return rows, []
        data = _EMPTY_CELL.sub(b"", self.sheet_xml(sheet))
        cells, issues = _read_sheet_cells(self, data, set(cols), min_row, max_row)
        rows = {}
        for row in sorted({r for r, _ in cells}):
            rows[row] = [cells.get((row, col)) for col in cols]
        return rows, issues

    def calamine(self):
        """The same bytes opened by python-calamine, or None when it cannot read them."""
        if self._calamine is None:
            try:
                from python_calamine import CalamineWorkbook

                with _native_stderr_silenced():
                    self._calamine = CalamineWorkbook.from_filelike(io.BytesIO(self.package.data))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException:  # noqa: BLE001 - a Rust panic is a BaseException: fall back to expat
                self._calamine = False
        return self._calamine or None


@functools.lru_cache(maxsize=4096)
def parse_area(formula: str) -> Area | None:
    """The range of a defined name's formula (remembered: every file of a plan has the same names)."""
    match = _RANGE_REF.match(formula.strip().lstrip("="))
    if not match:
        return None
    sheet = (match.group(1) or "").replace("''", "'") or match.group(2)
    first = _split_ref(match.group(3))
    last = _split_ref(match.group(4) or match.group(3))
    if not first or not last:
        return None
    return Area(
        sheet, min(first[1], last[1]), min(first[0], last[0]), max(first[1], last[1]), max(first[0], last[0])
    )


def _split_ref(ref: str) -> tuple[int, int] | None:
    match = _CELL_REF.match(ref)
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_LETTERS: dict[int, str] = {}
MAX_COLUMN = 16_384  # XFD


def column_letters(n: int) -> str:
    cached = _LETTERS.get(n)
    if cached is None:
        if not 1 <= n <= MAX_COLUMN:
            raise ValueError(f"no column {n}")
        out, m = "", n
        while m:
            m, rem = divmod(m - 1, 26)
            out = chr(65 + rem) + out
        cached = _LETTERS[n] = out
    return cached


@functools.lru_cache(maxsize=2**16)
def cell_ref(row: int, col: int) -> str:
    """ "H4" for row 4, column 8. Remembered: every file names the same cells, and keeps them."""
    return f"{column_letters(col)}{row}"


# -- opening ----------------------------------------------------------------------------------
def open_workbook(package: SafePackage) -> Workbook:
    """Read the workbook part and its relationships; raise PackageError when it is not a workbook."""
    main = _office_document(package)
    rels = _relationships(package, main)
    sheets, names, props = _parse_workbook_xml(package.read_xml(main))
    infos = [
        SheetInfo(name, state, _existing(package, rels.get(rid, (None, None))[0]))
        for name, state, rid in sheets
    ]
    related = {kind: target for target, kind in rels.values() if kind in ("sharedStrings", "styles")}
    return Workbook(
        package,
        infos,
        names,
        date1904=props.get("date1904", False),
        structure_locked=props.get("lockStructure", False),
        modified=_leaf_text(package, "docProps/core.xml", "modified"),
        _related=related,
    )


def _existing(package: SafePackage, part: str | None) -> str | None:
    """The part name when the package holds it: a sheet whose relationship points nowhere has none."""
    return part if part and package.has(part) else None


def _office_document(package: SafePackage) -> str:
    for target, kind in _relationships(package, "").values():
        if kind == "officeDocument" and package.has(target):
            return target
    if package.has("xl/workbook.xml"):
        return "xl/workbook.xml"
    raise PackageError("workbook-no-workbook-part")


def _relationships(
    package: SafePackage, source: str, *, external: bool = False
) -> dict[str, tuple[str, str]]:
    """Relationship id → (resolved part name, relationship kind) for a part ('' for the package).

    ``external``: the relationships to outside the package instead (hyperlinks), their targets as written.
    """
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if not package.has(rels_name):
        return {}
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict) -> None:
        if _local(name) != "Relationship":
            return
        target = attrs.get("Target", "")
        if external and attrs.get("TargetMode") == "External":
            found[attrs.get("Id", "")] = (target, attrs.get("Type", "").rsplit("/", 1)[-1])
        elif not external and attrs.get("TargetMode") != "External":
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            found[attrs.get("Id", "")] = (part, attrs.get("Type", "").rsplit("/", 1)[-1])

    _parse(package.read_xml(rels_name), start)
    return found


class _OpenElement(TypedDict, total=False):
    """The element whose text is being read (both keys set at its start, popped at its end)."""

    name: str
    text: list[str]


def _parse_workbook_xml(data: bytes) -> tuple[list[tuple[str, str, str]], dict[str, str], dict]:
    sheets: list[tuple[str, str, str]] = []
    names: dict[str, str] = {}
    props: dict[str, bool] = {}
    current: _OpenElement = {}

    def start(name: str, attrs: dict) -> None:
        local = _local(name)
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), attrs.get("state", "visible"), rid))
        elif local == "definedName" and "localSheetId" not in attrs:
            current["name"], current["text"] = attrs.get("name", ""), []
        elif local == "workbookPr":
            props["date1904"] = attrs.get("date1904") in ("1", "true")
        elif local == "workbookProtection":
            props["lockStructure"] = attrs.get("lockStructure") in ("1", "true")

    def text(data: str) -> None:
        if "text" in current:
            current["text"].append(data)

    def end(name: str) -> None:
        if _local(name) == "definedName" and "name" in current:
            names[current.pop("name")] = "".join(current.pop("text"))

    _parse(data, start, end, text)
    return sheets, names, props


def custom_properties(package: SafePackage) -> dict[str, str]:
    """The custom document properties of a package, by name."""
    if not package.has("docProps/custom.xml"):
        return {}
    props: dict[str, str] = {}
    state: _OpenElement = {}

    def start(name: str, attrs: dict) -> None:
        if _local(name) == "property":
            state["name"], state["text"] = attrs.get("name", ""), []

    def text(data: str) -> None:
        if "text" in state:
            state["text"].append(data)

    def end(name: str) -> None:
        if _local(name) == "property" and "name" in state:
            props[state.pop("name")] = "".join(state.pop("text")).strip()

    _parse(package.read_xml("docProps/custom.xml"), start, end, text)
    return props


def _leaf_text(package: SafePackage, part: str, wanted: str) -> str:
    """The text of element ``wanted`` (any namespace) in ``part``; "" when either is missing.

    These parts are metadata (who saved the file, when): a damaged one is ignored, not fatal.
    """
    if not package.has(part):
        return ""
    try:
        return _leaf_texts(package.read_xml(part), (wanted,)).get(wanted, "")
    except PackageError:
        return ""


def _leaf_texts(data: bytes, wanted: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    state: _OpenElement = {}

    def start(name: str, attrs: dict) -> None:
        if _local(name) in wanted:
            state["name"], state["text"] = _local(name), []

    def text(data: str) -> None:
        if "text" in state:
            state["text"].append(data)

    def end(name: str) -> None:
        if "name" in state and _local(name) == state["name"]:
            out[state.pop("name")] = "".join(state.pop("text")).strip()

    _parse(data, start, end, text)
    return out


# -- hyperlinks --------------------------------------------------------------------------------
_LINK_ELEMENT = re.compile(rb"<(?:\w+:)?hyperlink\s([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*>")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</")
_HYPERLINK_CALL = re.compile(
    r'^\s*=?\s*(?:_xlfn\.)?HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;][^)]*)?\)\s*$', re.IGNORECASE
)
MAX_LINKED_CELLS = 10_000  # cells one <hyperlink ref="A1:Z999"> may give its URL to


def _sheet_links(package: SafePackage, part: str, xml: bytes) -> dict[str, str]:
    """Cell reference → URL for the cell links and ``HYPERLINK`` formulas of one sheet's XML."""
    links: dict[str, str] = {}
    if b"erlink" not in xml and b"ERLINK" not in xml:  # most sheets: no HYPERLINK(, no <hyperlinks>
        return links
    if xml.find(b"YPERLINK(") >= 0 or xml.find(b"yperlink(") >= 0:
        links.update(_formula_links(xml))
    start = xml.find(b"hyperlinks>")  # the element listing a sheet's cell links, after its cells
    if start >= 0:
        try:
            targets = _relationships(package, part, external=True)
        except PackageError:  # a damaged relationships part: the links within the workbook still count
            targets = {}
        for match in _LINK_ELEMENT.finditer(xml, max(start - 16, 0)):
            attrs = {
                _local(k.decode()): html.unescape(v.decode("utf-8", "replace"))
                for k, v in _ATTRIBUTE.findall(match[1])
            }
            url = _link_target(attrs, targets)
            if url:
                for ref in _cells_of(attrs.get("ref", "")):
                    links.setdefault(ref, url)
    return links


def _link_target(attrs: dict[str, str], targets: dict[str, tuple[str, str]]) -> str:
    url = targets.get(attrs.get("id", ""), ("", ""))[0]
    location = attrs.get("location", "")
    return f"{url}#{location}" if url and location else url or (f"#{location}" if location else "")


def _cells_of(ref: str) -> list[str]:
    """The cell references of "A1" or "A1:B3" (capped: a link over a huge range is one link)."""
    area = parse_area(f"x!{ref}") if ref else None
    if area is None:
        return []
    cells = area.cells()[:MAX_LINKED_CELLS]
    return [cell_ref(r, c) for r, c in cells]


def _formula_links(xml: bytes) -> dict[str, str]:
    """The URLs of cells whose formula is ``HYPERLINK("url", …)`` with the URL written out."""
    links: dict[str, str] = {}
    for marker in (b"YPERLINK(", b"yperlink("):
        at = xml.find(marker)
        while at >= 0:
            cell_at = xml.rfind(b"<c ", 0, at)
            cell = _CELL_START.match(xml, cell_at) if cell_at >= 0 else None
            formula = _FORMULA_TEXT.match(xml, cell.end()) if cell else None
            ref = dict(_ATTRIBUTE.findall(cell[0])).get(b"r") if cell else None
            if formula and ref and formula.end() > at:
                call = _HYPERLINK_CALL.match(html.unescape(formula[1].decode("utf-8", "replace")))
                if call and call[1]:
                    links[ref.decode()] = call[1].replace('""', '"')
            at = xml.find(marker, at + 1)
    return links


# -- the fast path: python-calamine ----------------------------------------------------------
# Sheets larger than this are read by the expat path, which stops after the wanted rows
# (calamine materialises a whole sheet: a hostile 1,048,576-row sheet must not get there).
CALAMINE_MAX_SHEET_BYTES = 8 * 2**20
# calamine allocates the dense rectangle from A1 to the farthest cell: one cell at XFD1048576 asks
# for 512 GB and aborts the process. It only gets sheets whose every row and cell is written the
# usual way (<row r="..."> and <c r="..."> first, no prefix: calamine reads <x:c> of any namespace)
# and lies within A1:Z9999; the others go to expat. Two scans: the cells and rows, from "<" to "<";
# the prefixed elements, from ":" to ":".
_UNUSUAL_CELL_OR_ROW = re.compile(rb'<(?:c(?! r="[A-Z][0-9]{1,4}")|row(?! r="[0-9]{1,4}"))[\s/>]')
_PREFIXED_CELL = re.compile(rb":(?:c|row)[\s/>]")
# python-calamine reads an error value (#DIV/0!, #N/A, a formula a clerk typed) as an empty cell:
# a sheet that holds one is read by expat, which gives the error so that it is reported at its cell.
_ERROR_CELL = b't="e"'


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Keep what native code writes on file descriptor 2 off the clerk's terminal.

    A panic in calamine's Rust code prints its message and a backtrace there before Python sees
    the exception (which the reader catches, falling back to expat). Python's own ``sys.stderr``
    is not touched.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    try:
        os.dup2(_devnull(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@functools.cache
def _devnull() -> int:
    return os.open(os.devnull, os.O_WRONLY)


def _utf16_as_utf8(data: bytes) -> bytes:
    """A UTF-16 part (legal XML, rare) re-encoded as UTF-8, so that byte searches find its tags."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"  # the byte-order mark says which
    else:
        encoding = "utf-16-le" if data[:1] == b"<" else "utf-16-be"
    return data.decode(encoding, "replace").encode("utf-8")


def _compact(xml: bytes) -> bool:
    """Whether every cell of a sheet's XML surely lies within A1:Z9999 (no parsing)."""
    return not (_UNUSUAL_CELL_OR_ROW.search(xml) or _PREFIXED_CELL.search(xml))


def _calamine_rows(
    wb: Workbook, sheet: str, cols: list[int], min_row: int, max_row: int
) -> dict[int, list[Cell | None]] | None:
    """The wanted rows read by python-calamine (about ten times faster than expat from Python).

    The package was verified first (sizes, CRCs), so calamine inflates nothing unexpected. Any
    failure, even a panic in its Rust code, sends the caller to the expat path, which reports
    unreadable cells one by one.
    """
    book = wb.calamine()
    if book is None:
        return None
    try:
        with _native_stderr_silenced():
            values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=max_row)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001
        return None
    rows: dict[int, list[Cell | None]] = {}
    width = max(cols)
    take = operator.itemgetter(*(c - 1 for c in cols))
    single = len(cols) == 1
    for r in range(min_row - 1, min(max_row, len(values))):
        row = values[r]
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]
        wanted = (take(row),) if single else take(row)
        # Most cells of a template are empty (''): only a row with a value makes Cell objects.
        if wanted.count("") + wanted.count(None) < len(wanted):
            rows[r + 1] = [_from_calamine(v) for v in wanted]
    return rows


def _from_calamine(value: object) -> Cell | None:
    # Arguments by position: the reader makes a Cell of every value, and keywords cost a quarter more.
    kind = type(value)
    if kind is str:
        return Cell(value, False, "s") if value else None
    if kind is float:
        return Cell(value, False, "n")
    if value is None:
        return None
    if kind is bool:
        return Cell(value, False, "b")
    if isinstance(value, int | float):
        return Cell(float(value), False, "n")
    if isinstance(value, dt.date):  # datetime included: a date-formatted cell
        return Cell(value, True, "d")
    return Cell(str(value), False, "str")  # times and durations: kept as text


# -- shared strings and styles ----------------------------------------------------------------
def _read_shared_strings(package: SafePackage, part: str | None) -> list[str]:
    if not part or not package.has(part):
        return []
    strings: list[str] = []
    buf: list[str] = []
    depth = {"phonetic": 0, "in_t": False}

    def start(name: str, attrs: dict) -> None:
        local = _local(name)
        if local == "si":
            buf.clear()
        elif local == "rPh":
            depth["phonetic"] += 1
        elif local == "t" and not depth["phonetic"]:
            depth["in_t"] = True

    def text(data: str) -> None:
        if depth["in_t"]:
            buf.append(data)

    def end(name: str) -> None:
        local = _local(name)
        if local == "t":
            depth["in_t"] = False
        elif local == "rPh":
            depth["phonetic"] -= 1
        elif local == "si":
            strings.append("".join(buf))

    _parse(package.read_xml(part), start, end, text)
    return strings


def _read_styles(package: SafePackage, part: str | None) -> tuple[list[int], dict[int, str]]:
    """The number format id of each cell format (``s`` attribute), and the custom format codes."""
    if not part or not package.has(part):
        return [], {}
    custom: dict[int, str] = {}
    xfs: list[int] = []
    state = {"in_cellxfs": False}

    def start(name: str, attrs: dict) -> None:
        local = _local(name)
        if local == "numFmt":
            custom[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            state["in_cellxfs"] = True
        elif local == "xf" and state["in_cellxfs"]:
            xfs.append(_int(attrs.get("numFmtId")))

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            state["in_cellxfs"] = False

    _parse(package.read_xml(part), start, end)
    return xfs, custom


def _date_styles(xfs: list[int], custom: dict[int, str]) -> frozenset[int]:
    """Indexes of the cell formats whose number format shows a date."""
    return frozenset(
        i
        for i, fmt in enumerate(xfs)
        if fmt in _BUILTIN_DATE_FORMATS or (fmt in custom and thaidates.is_date_format(custom[fmt]))
    )


def _format_code(xfs: list[int], custom: dict[int, str], style: int) -> str:
    fmt = xfs[style] if 0 <= style < len(xfs) else 0
    if fmt in custom:
        return custom[fmt]
    if fmt in _BUILTIN_DATE_FORMATS and fmt not in BUILTIN_FORMATS:
        return "d/m/yyyy"
    return BUILTIN_FORMATS.get(fmt, "General")


# -- sheet cells ------------------------------------------------------------------------------
class _CellState(TypedDict):
    """Where the sheet parser is: the row and column of the last cell, and the wanted cell being read."""

    row: int
    col: int
    key: tuple[int, int] | None  # (row, column) of the wanted cell being read, None when not wanted
    t: str  # its type attribute
    s: int  # its style index
    text: list[str] | None  # the text of its value, None until a <v> (or <t> of an inline string)
    in_is: bool  # inside an inline string <is>
    capture: list[str] | None  # the list the character data goes to (``text``), None outside <v>/<t>


def _read_sheet_cells(
    wb: Workbook, data: bytes, wanted_cols: set[int], min_row: int, max_row: int
) -> tuple[dict[tuple[int, int], Cell], list[CellIssue]]:
    cells: dict[tuple[int, int], Cell] = {}
    issues: list[CellIssue] = []
    st: _CellState = {
        "row": 0,
        "col": 0,
        "key": None,
        "t": "n",
        "s": 0,
        "text": None,
        "in_is": False,
        "capture": None,
    }

    def start(name: str, attrs: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            ref = attrs.get("r")
            if ref:
                match = _CELL_REF.match(ref)
                row, col = (int(match.group(2)), column_number(match.group(1))) if match else (st["row"], 0)
            else:
                row, col = st["row"], st["col"] + 1
            st["row"], st["col"] = row, col
            if row > max_row:
                raise StopParsing
            if col in wanted_cols and row >= min_row:
                st["key"], st["t"], st["s"], st["text"] = (
                    (row, col),
                    attrs.get("t", "n"),
                    _int(attrs.get("s")),
                    None,
                )
            else:
                st["key"] = None
        elif local == "row":
            row = _int(attrs.get("r")) or st["row"] + 1
            if row > max_row:
                raise StopParsing
            st["row"], st["col"] = row, 0
        elif st["key"] is not None and local in ("v", "t"):
            if local == "v" or st["in_is"]:
                st["capture"] = st["text"] = st["text"] or []
        elif local == "is":
            st["in_is"] = True

    def text(data: str) -> None:
        captured = st["capture"]
        if captured is not None:
            captured.append(data)

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        if local in ("v", "t"):
            st["capture"] = None
        elif local == "c" and (key := st["key"]) is not None:
            value = _cell_value(wb, st, key, issues)
            if value is not None:
                cells[key] = value
            st["key"], st["in_is"] = None, False
        elif local == "is":
            st["in_is"] = False

    with contextlib.suppress(StopParsing):
        _parse(data, start, end, text)
    return cells, issues


def _cell_value(wb: Workbook, st: _CellState, key: tuple[int, int], issues: list[CellIssue]) -> Cell | None:
    raw = "".join(st["text"]) if st["text"] is not None else None
    kind = st["t"]
    if raw is None:
        return None
    ref = cell_ref(*key)
    if kind == "s":
        strings = wb.shared_strings()
        index = _int(raw, -1)
        if not 0 <= index < len(strings):
            issues.append(CellIssue(ref, "shared-string-missing"))
            return None
        return Cell(strings[index], kind="s")
    if kind in ("inlineStr", "str"):
        return Cell(raw, kind=kind)
    if kind == "b":
        return Cell(raw.strip() in ("1", "true"), kind="b")
    if kind == "e":
        return Cell(raw, kind="e")
    if kind == "d":
        return Cell(raw, is_date=True, kind="d")
    try:
        number = float(raw)
    except ValueError:
        issues.append(CellIssue(ref, "not-a-number"))
        return Cell(raw, kind="str")
    return Cell(number, is_date=st["s"] in wb.date_styles(), kind="n")


# -- expat ------------------------------------------------------------------------------------
def _parse(data: bytes, start=None, end=None, text=None) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 65536
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise PackageError("xml-malformed", reason=str(exc)) from None
    except LookupError as exc:  # an encoding no codec has (encoding="TF-8"): not XML to read either
        raise PackageError("xml-malformed", reason=str(exc)) from None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _int(value: str | None, default: int = 0) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default
