"""Cells written safely, whole rows at a time.

Every text reaches the file through :class:`RowWriter`, which

* writes it as a string, never as a formula, number or link: a text starting with ``= + - @``,
  tab, CR or LF gets a quote-prefix format, so Excel does not take it for a formula or a DDE link
  even after someone edits the cell;
* drops characters XML cannot carry, turns CR and CRLF into LF, and cuts text over Excel's 32,767
  characters with a note saying so;
* makes a hyperlink only of a well-formed http(s) URL.

Speed: in ``constant_memory`` mode xlsxwriter spends about 8 µs per cell in Python (a 100,000-row
table takes 13 s before zipping). :class:`RowWriter` therefore writes a whole row's XML in one
step into the worksheet's row file: the XML xlsxwriter itself writes (the tests compare the two
byte for byte), with texts repeated on many rows put in the shared-string table. It falls back to
the public ``write_*`` calls when xlsxwriter's internals are not the ones it knows (checked by
:func:`supports_fast_rows`; XlsxWriter is pinned below 4 in pyproject.toml).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple, overload

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ita_xlsx import messages
from ita_xlsx.core.safe_url import safe_url, utf16_len
from ita_xlsx.core.textnorm import FORMULA_TRIGGERS, clean_cell_text, xml_safe

EXCEL_MAX_CHARS = 32767
EXCEL_MAX_LINKS = 65530
MAX_ROW_HEIGHT_PX = 545  # Excel's limit of 409 points

TEXT, SHARED, NUMBER, LINK = "s", "t", "n", "u"
Cell = tuple  # (TEXT | SHARED, str, Style) | (NUMBER, float, Style) | (LINK, url or (url, text), Style)
# Texts marked SHARED (those repeated on many rows: question, division, labels, codes) go to the
# shared-string table on the fast path instead of being repeated inline: a third of the XML for
# 100,000 records, and as much less to compress. Tests turn it off to compare with xlsxwriter.
SHARE_REPEATED = True

_CONTROL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # as xlsxwriter: "_x0041_" stays literal text
_TRIGGER_CHARS = "".join(FORMULA_TRIGGERS)  # all single characters
_FAST_ATTRIBUTES = (
    "row_data_fh",
    "previous_row",
    "table",
    "hyperlinks",
    "_write_single_row",
    "row_info",
    "row_sizes",
    "comments",
    "_check_dimensions",
    "dim_rowmin",
    "dim_rowmax",
    "dim_colmin",
    "dim_colmax",
    "xls_rowmax",
    "xls_colmax",
    "_write_url",
    "ignore_write_string",
    "default_row_height",
    "excel_version",
    "original_row_height",
    "fh",
    "str_table",
)


class Style(NamedTuple):
    """One look of a cell, twice: as is, and with quote-prefix for formula-like text.

    ``xf`` and ``xf_quoted`` are the formats' style indices (fixed when the formats are made).
    """

    plain: Format
    quoted: Format
    xf: int
    xf_quoted: int


# --- cells -----------------------------------------------------------------------------------
def text(value: object, style: Style) -> Cell:
    return (TEXT, value, style)


def shared(value: object, style: Style) -> Cell:
    """A text that repeats on many rows (written once in the shared-string table when possible)."""
    return (SHARED, value, style)


@overload
def number(value: float, style: Style) -> Cell: ...
@overload
def number(value: float | None, style: Style) -> Cell | None: ...
def number(value: float | None, style: Style) -> Cell | None:
    """A number cell; None (no value) is an empty cell."""
    return None if value is None else (NUMBER, value, style)


def link_or_text(value: object, link_style: Style, text_style: Style) -> Cell:
    """A hyperlink when ``value`` is a well-formed http(s) URL, else plain text. The link opens the
    URL without the invisible characters a copy may carry; the cell shows the text as typed."""
    # Every http(s) URL has a colon, and cleaning a text never makes one: most texts stop here.
    url = safe_url(clean_cell_text(value)) if isinstance(value, str) and ":" in value else None
    if url is None:
        return (TEXT, value, text_style)
    return (LINK, url if url == value else (url, value), link_style)


def linked_text(value: object, url: str | None, link_style: Style, text_style: Style) -> Cell:
    """The clerk's text, as a hyperlink to ``url`` when that is a well-formed http(s) URL (the
    link the clerk made in the cell); else the text."""
    target = safe_url(url) if url else None
    if target is None:
        return (TEXT, value, text_style)
    shown = value if isinstance(value, str) and value.strip() else target
    return (LINK, (target, shown), link_style)


# --- text ------------------------------------------------------------------------------------
def clean_text(value: object) -> str:
    """Text ready for a cell: XML-safe, LF line ends, at most 32,767 characters (with a note)."""
    s = value if type(value) is str else ("" if value is None else str(value))
    if not s.isprintable():
        s = xml_safe(s.replace("\r\n", "\n").replace("\r", "\n"))
    if len(s) > EXCEL_MAX_CHARS // 2 and utf16_len(s) > EXCEL_MAX_CHARS:
        s = truncate(s)
    return s


def truncate(s: str, limit: int = EXCEL_MAX_CHARS) -> str:
    """Cut ``s`` to ``limit`` UTF-16 units, ending with a note that says it was cut."""
    note = messages.text("report.truncated", "th", limit=f"{limit:,}")
    room = limit - utf16_len(note)
    units = 0
    for i, ch in enumerate(s):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > room:
            return s[:i] + note
    return s


def needs_quote_prefix(s: str) -> bool:
    return s.startswith(FORMULA_TRIGGERS)


# --- rows ------------------------------------------------------------------------------------
class RowWriter:
    """Writes the rows of one constant_memory worksheet, in order, safely."""

    def __init__(self, worksheet: Worksheet, *, fast: bool | None = None, keep_heights: bool = False) -> None:
        """``keep_heights``: note the heights of the rows written fast where xlsxwriter notes those
        it writes (``row_sizes``: what places a chart and what :func:`keep_headings_with_tables`
        reads), one item per row of a set height."""
        self.ws = worksheet
        self.fast = supports_fast_rows(worksheet) if fast is None else fast
        self.keep_heights = keep_heights and self.fast
        self.links = 0
        self.share = SHARE_REPEATED and self.fast
        self._starts: list[str] = []
        self._shared: dict[int, dict[object, str]] = {}  # style → text → the cell after its reference
        if self.fast and not isinstance(worksheet.fh, _GatheredRows):
            worksheet.fh = worksheet.row_data_fh = _GatheredRows(worksheet.row_data_fh)

    def write(
        self, row: int, cells: Sequence[Cell | None], *, height: int | None = None, first_col: int = 0
    ) -> None:
        """Write ``cells`` (None for an empty cell) from ``first_col`` on; ``height`` in pixels."""
        if height is not None:
            height = min(int(height), MAX_ROW_HEIGHT_PX)
        if self.fast:
            self._write_fast(row, cells, height, first_col)
            if height is not None and self.keep_heights:  # as set_row_pixels() notes them
                self.ws.row_sizes[row] = [height, False] if height else [self.ws.default_row_height, True]
        else:
            self._write_public(row, cells, height, first_col)

    # -- public API path --
    def _write_public(
        self, row: int, cells: Sequence[Cell | None], height: int | None, first_col: int
    ) -> None:
        ws = self.ws
        if height is not None:
            ws.set_row_pixels(row, height)
        for col, cell in enumerate(cells, first_col):
            if cell is None:
                continue
            kind, value, style = cell
            if kind == NUMBER:
                ws.write_number(row, col, value, style.plain)
            elif kind == LINK and self.links < EXCEL_MAX_LINKS:
                self.links += 1
                url, shown = value if isinstance(value, tuple) else (value, value)
                ws.write_url(row, col, url, style.plain, string=clean_text(shown))
            elif kind == LINK:
                _write_public_text(
                    ws, row, col, clean_text(value[1] if isinstance(value, tuple) else value), style
                )
            else:
                _write_public_text(ws, row, col, clean_text(value), style)

    # -- fast path --
    def _write_fast(self, row: int, cells: Sequence[Cell | None], height: int | None, first_col: int) -> None:
        """The row's XML in one write, as xlsxwriter would write it (this is the inner loop)."""
        ws = self.ws
        self._start_row(ws, row)
        r1 = str(row + 1)
        starts = self._starts_up_to(first_col + len(cells))
        shared, share = self._shared, self.share
        parts: list[str] = []
        uses = 0  # of shared strings, counted as _get_shared_string_index counts them
        first = last = -1
        col = first_col - 1
        for cell in cells:
            col += 1
            if cell is None:
                continue
            if first < 0:
                first = col
            last = col
            kind, value, style = cell
            if kind == SHARED and share:
                by_value = shared.get(style.xf)
                if by_value is None:
                    by_value = shared[style.xf] = {}
                tail = by_value.get(value)
                if tail is None:
                    tail = by_value[value] = self._shared_tail(value, style)
                if tail:
                    uses += 1
                    parts.append(f"{starts[col]}{r1}{tail}")
                    continue
            elif kind == NUMBER:
                parts.append(f'{starts[col]}{r1}" s="{style.xf}"><v>{value:.16G}</v></c>')
                continue
            elif kind == LINK:
                url, value = value if isinstance(value, tuple) else (value, value)
                self._link(row, col, url, style)
            if type(value) is str and value.isprintable() and len(value) <= EXCEL_MAX_CHARS // 2:
                s = value
            else:
                s = clean_text(value)
            if not s:
                parts.append(f'{starts[col]}{r1}" s="{style.xf}"/>')
                continue
            xf = style.xf_quoted if s[0] in _TRIGGER_CHARS else style.xf
            if "&" in s or "<" in s or ">" in s or "_x" in s:
                s = _escaped(s)
            if s[0].isspace() or s[-1].isspace():
                parts.append(
                    f'{starts[col]}{r1}" s="{xf}" t="inlineStr"><is><t xml:space="preserve">{s}</t></is></c>'
                )
            else:
                parts.append(f'{starts[col]}{r1}" s="{xf}" t="inlineStr"><is><t>{s}</t></is></c>')
        if uses:
            ws.str_table.count += uses
        if height is None:
            height = ws.default_row_height
        custom = height != ws.original_row_height or height != ws.default_row_height
        attrs = f' ht="{height * 0.75:.16g}" customHeight="1"' if custom else ""
        if ws.excel_version == 2010:  # once the sheet has a data bar, as xlsxwriter writes a row from then on
            attrs += ' x14ac:dyDescent="0.25"'
        if first < 0:
            if custom:
                ws.fh.write(f'<row r="{r1}"{attrs}/>')
            return
        _note_dimensions(ws, row, first, last)
        ws.fh.write(f'<row r="{r1}"{attrs}>{"".join(parts)}</row>')

    @staticmethod
    def _start_row(ws: Worksheet, row: int) -> None:
        """Refuse a row already written; write out a row the public API left pending."""
        previous = ws.previous_row
        if row > previous:
            if ws.table or previous in ws.row_info or previous in ws.comments:
                ws._write_single_row(row)  # what xlsxwriter does before a later row
            else:
                ws.previous_row = row  # the same, with nothing pending
        elif row < previous or ws.table.get(row):
            raise ValueError(f"row {row} written out of order in constant_memory mode")

    def _shared_tail(self, value: object, style: Style) -> str:
        """The part of a shared-string cell after its reference, made once per text and style.

        The string is added to the table on its first use: the indexes are those xlsxwriter
        gives. "" when the text cannot be shared (empty, or one xlsxwriter would copy raw).
        """
        s = clean_text(value)
        if not s or _looks_rich(s):
            return ""
        xf = style.xf_quoted if s[0] in _TRIGGER_CHARS else style.xf
        index = self.ws.str_table._get_shared_string_index(s)
        self.ws.str_table.count -= 1  # counted at each use instead, this one included
        return f'" s="{xf}" t="s"><v>{index}</v></c>'

    def _link(self, row: int, col: int, url: str, style: Style) -> None:
        """Register the hyperlink of a cell whose text the fast path writes itself."""
        if self.links >= EXCEL_MAX_LINKS:
            return
        self.links += 1
        self.ws.ignore_write_string = True
        try:
            self.ws._write_url(row, col, url, style.plain, url, None)
        finally:
            self.ws.ignore_write_string = False

    def _starts_up_to(self, count: int) -> list[str]:
        """``<c r="A``, ``<c r="B``...: the start of a cell of each column, before its row number."""
        starts = self._starts
        while len(starts) < count:
            starts.append(f'<c r="{xl_col_to_name(len(starts))}')
        return starts


class _GatheredRows:
    """A constant_memory worksheet's row file, its writes gathered and written a few hundred at
    a time: the row file takes one write per row and cell, each of which costs more than the
    text it writes. Every writer (this module's and xlsxwriter's) goes through it, in order; it is
    flushed before anything else is done with the file (seek, read, close)."""

    _GATHER = 512  # writes held at most

    def __init__(self, handle) -> None:
        self.handle = handle
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        parts = self.parts
        parts.append(text)
        if len(parts) >= self._GATHER:
            self.handle.write("".join(parts))
            parts.clear()

    def flush(self) -> None:
        if self.parts:
            self.handle.write("".join(self.parts))
            self.parts.clear()
        self.handle.flush()

    def __getattr__(self, name: str):  # seek, read, close, ...: the file as written so far
        if self.parts:
            self.handle.write("".join(self.parts))
            self.parts.clear()
        return getattr(self.handle, name)


def _looks_rich(s: str) -> bool:
    """Texts xlsxwriter would copy into the file as raw XML (see :func:`_write_public_text`)."""
    return s.startswith("<r>") and s.endswith("</r>")


def supports_fast_rows(ws: Worksheet) -> bool:
    """True when the worksheet is in constant_memory mode with the internals the fast path uses."""
    return bool(getattr(ws, "constant_memory", False)) and all(hasattr(ws, a) for a in _FAST_ATTRIBUTES)


def _escaped(s: str) -> str:
    """The text of an inline string escaped exactly as xlsxwriter does ("_x0041_" stays literal)."""
    if "_x" in s:
        s = _CONTROL_ESCAPE.sub(r"_x005F\1", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note_dimensions(ws: Worksheet, row: int, first: int, last: int) -> None:
    """What ``Worksheet._check_dimensions`` notes of a row's first and last cells (rows come in order)."""
    if ws.dim_rowmin is None or ws.dim_colmin is None or row >= ws.xls_rowmax or last >= ws.xls_colmax:
        ws._check_dimensions(row, first)
        ws._check_dimensions(row, last)
        return
    if row > ws.dim_rowmax:
        ws.dim_rowmax = row
    if first < ws.dim_colmin:
        ws.dim_colmin = first
    if last > ws.dim_colmax:
        ws.dim_colmax = last


def _write_public_text(ws: Worksheet, row: int, col: int, s: str, style: Style) -> None:
    """Write a cleaned text through the public API.

    In constant_memory mode xlsxwriter copies a string that starts with ``<r>`` and ends with
    ``</r>`` into the file as raw XML (it takes it for a rich string it made itself), so a
    division could smuggle a formula cell into the workbook. Such a text is written as a
    three-part rich string instead, which xlsxwriter escapes; the cell reads back unchanged.
    """
    fmt = style.quoted if needs_quote_prefix(s) else style.plain
    if not s:
        ws.write_blank(row, col, None, fmt)
    elif _looks_rich(s):
        ws.write_rich_string(row, col, s[0], fmt, s[1], fmt, s[2:], fmt)
    else:
        ws.write_string(row, col, s, fmt)
