"""What the sheets of the consolidated workbook share: page setup, title rows, table headings."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from xlsxwriter.worksheet import Worksheet

from ita_xlsx.core import style as house
from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.formats import Formats
from ita_xlsx.report.rows import RowWriter, Style

LINE_PX = round(house.ROW_HEIGHT_PER_LINE * 4 / 3)  # a one-line row of 16 pt Thai, in pixels
PAPER_A4 = 9


def setup_sheet(
    ws: Worksheet,
    *,
    repeat_row: int | None = None,
    landscape: bool = True,
    repeat_cols: tuple[int, int] | None = None,
) -> None:
    """A4, fit to one page wide, page numbers in the footer, 16 pt rows (Thai marks not clipped).

    ``repeat_cols`` (first, last): a sheet too wide for one page prints two pages wide, across
    then down, with these columns (what names a row) repeated on the right-hand pages.
    """
    ws.set_default_row(house.ROW_HEIGHT_PER_LINE)
    ws.set_paper(PAPER_A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1 if repeat_cols is None else 2, 0)
    if repeat_cols is not None:
        ws.repeat_columns(*repeat_cols)
        ws.print_across()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f'&C&"{house.FONT_NAME},Regular"&14{th("report.official.footer")}')
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)


# What LibreOffice gives a sheet on A4 landscape with the margins of ``setup_sheet`` (measured on
# its PDFs): the width between the margins, a column-width unit, and the height left for rows
# once the footer has its room (with some slack: a page that ends early beats a heading cut off).
PRINT_WIDTH_PT = 784
UNIT_PT = 8.7
PRINT_HEIGHT_PT = 470


def keep_headings_with_tables(
    ws: Worksheet, widths: Sequence[float], headings: Sequence[int], last_row: int, *, keep: int = 3
) -> None:
    """Page breaks so that no table heading stands alone at a page's foot.

    The page is followed down the sheet's row heights as LibreOffice fills it; a heading whose
    next ``keep`` rows would not fit under it on the page starts a new one. The sheet is printed
    still fitted to the page's width, at the scale LibreOffice finds for it.
    """
    scale = min(1.0, PRINT_WIDTH_PT / (sum(width + 0.71 for width in widths) * UNIT_PT))
    room = PRINT_HEIGHT_PT * 4 / 3 / scale  # in pixels of the sheet

    def height(row: int) -> float:
        size = ws.row_sizes.get(row)
        return ws.default_row_height if size is None else (0 if size[1] else size[0])

    breaks: list[int] = []
    used = 0.0
    starts = set(headings)
    for row in range(last_row + 1):
        if row in starts and used:
            block = sum(height(r) for r in range(row, min(row + keep, last_row) + 1))
            if used + block > room:
                breaks.append(row)
                used = 0.0
        if used + height(row) > room:  # LibreOffice's own break
            used = 0.0
        used += height(row)
    ws.set_h_pagebreaks(breaks)


def set_widths(ws: Worksheet, widths: Sequence[float], hidden: Sequence[int] = ()) -> None:
    for col, width in enumerate(widths):
        ws.set_column(col, col, width, None, {"hidden": True} if col in hidden else None)


def merged_text(
    writer: RowWriter,
    row: int,
    first_col: int,
    last_col: int,
    value: object,
    style: Style,
    *,
    height: int | None = None,
) -> None:
    """A text across merged cells, written as safely as any other cell."""
    ws = writer.ws
    if height is not None:
        ws.set_row_pixels(row, min(height, rows.MAX_ROW_HEIGHT_PX))
    if last_col > first_col:
        ws.merge_range(row, first_col, row, last_col, "", style.plain)
    rows.RowWriter(ws, fast=False).write(row, [rows.text(value, style)], first_col=first_col)


def merged_number(ws: Worksheet, row: int, first_col: int, last_col: int, value: float, style: Style) -> None:
    if last_col > first_col:
        ws.merge_range(row, first_col, row, last_col, value, style.plain)
    else:
        ws.write_number(row, first_col, value, style.plain)


def header(writer: RowWriter, row: int, labels: Sequence[str], fmt: Formats, widths: Sequence[float]) -> None:
    """The heading row of a table, tall enough for its wrapped labels."""
    cells = [rows.text(label, fmt.header) for label in labels]
    writer.write(row, cells, height=row_height(labels, widths[: len(labels)]))


def legend(
    writer: RowWriter, row: int, fmt: Formats, states: Sequence[str], first_col: int, widths: Sequence[float]
) -> None:
    """One row naming each state in its colour, from ``first_col`` on, after a 'colours:' label."""
    from ita_xlsx.report.formats import state_label

    labels = [state_label(s) for s in states]
    height = row_height(labels, widths[first_col : first_col + len(labels)])
    merged_text(writer, row, 0, first_col - 1, th("report.detail.legend"), fmt.subtitle, height=height)
    cells = [rows.text(label, fmt.legend[s]) for label, s in zip(labels, states, strict=True)]
    RowWriter(writer.ws, fast=False).write(row, cells, first_col=first_col)  # same row as the merge


def condition(column: str, first_row: int, value: str) -> str:
    """A conditional-format formula comparing one column of the row with a constant."""
    return f'=${column}{first_row + 1}="{value}"'


# --- row heights ---------------------------------------------------------------------------------
# Measured with LibreOffice 7.4 and Laksaman (the stand-in for TH Sarabun on Linux, and wider than it):
# a line of 16 pt Thai takes 26.1 pt and a unit of column width (the Normal font is TH Sarabun New 16)
# is 12 px. With 0.85 characters per unit and word-by-word wrapping, no report row of the sample plan,
# nor of random texts made from its words, needed more lines than estimated (LibreOffice's optimal
# row height). Excel with TH Sarabun New fits more on a line, so it is safe there too.
WRAPPED_LINE_PT = 26.5
CHARS_PER_WIDTH_UNIT = 0.85
MAX_ROW_PT = 409  # Excel's limit
MAX_LINES = int((MAX_ROW_PT - 4) // WRAPPED_LINE_PT)
_THAI = re.compile("[\u0e00-\u0e7f]")
# Thai marks above and below, combining diacritics and zero-width characters take no room on a line
_NO_WIDTH = "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0300-\u036f\u200b-\u200d\ufeff]"
_NO_WIDTH_RE = re.compile(_NO_WIDTH)
_LONG_WORD_RE = re.compile(r"[^\s\u0e00-\u0e7f]{12,}")  # a URL, a file name: wraps as a whole


def display_width(text: str) -> int:
    """Characters that take room on a line: Thai vowel and tone marks above and below do not."""
    if text.isascii():
        return len(text)
    return len(text) - len(_NO_WIDTH_RE.findall(text))


def per_line(column_width: float) -> int:
    """Characters of 16 pt Thai that fit on one line of a column (Excel width units)."""
    return max(1, int(column_width * CHARS_PER_WIDTH_UNIT))


def lines_needed(text: str, column_width: float) -> int:
    """Wrapped lines ``text`` takes in a column of ``column_width``."""
    room = per_line(column_width)
    return sum(_paragraph_lines(p, room) for p in text.split("\n"))


def _paragraph_lines(paragraph: str, room: int) -> int:
    """Lines of one paragraph, wrapped word by word.

    Thai runs break between words (taken as anywhere, the waste is in ``CHARS_PER_WIDTH_UNIT``);
    a long word without Thai, such as a URL, moves to the next line whole.
    """
    total = display_width(paragraph)
    if total <= room:
        return 1
    if not _LONG_WORD_RE.search(paragraph):  # only Thai and short words: the line fills up
        return math.ceil(total / room)
    lines, used = 1, 0
    for word in paragraph.split(" "):
        width = display_width(word)
        end = used + (1 if used else 0) + width
        if end <= room:
            used = end
            continue
        if not _THAI.search(word):
            lines, end = lines + 1, width
        while end > room:
            lines, end = lines + 1, end - room
        used = end
    return lines


def row_height(texts: Sequence[str], widths: Sequence[float], *, minimum: int = 1) -> int:
    """Pixels for a row of wrapped texts so that no line is clipped (at most Excel's 409 pt)."""
    lines = max([minimum, *(lines_needed(t, w) for t, w in zip(texts, widths, strict=True) if t)])
    return lines_height(lines)


def lines_height(lines: int) -> int:
    """Pixels for a row of ``lines`` wrapped lines (at most Excel's 409 pt)."""
    return round(min(max(lines, 1) * WRAPPED_LINE_PT + 4, MAX_ROW_PT) * 4 / 3)


def split_text(text: str, column_width: float, max_lines: int = MAX_LINES) -> list[tuple[str, int]]:
    """``text`` in pieces of at most ``max_lines`` wrapped lines each, cut between paragraphs,
    each with its number of lines.

    A row cannot be taller than 409 pt: a longer text continues in the next row. A paragraph
    too long even for a row of its own is cut at the last space that fits.
    """
    return list(split_texts([text], column_width, max_lines))


def split_texts(
    texts: Iterable[str], column_width: float, max_lines: int = MAX_LINES
) -> Iterator[tuple[str, int]]:
    """The pieces :func:`split_text` makes of the texts joined by line breaks, made as the texts
    come: a cell of thousands of rows is never whole in memory. Always at least one piece."""
    current: list[str] = []
    used = 0
    room = per_line(column_width)
    paragraphs = itertools.chain.from_iterable(t.split("\n") for t in texts)
    for paragraph, lines in _paragraphs(paragraphs, room, max_lines):
        if current and used + lines > max_lines:
            yield "\n".join(current), used
            current, used = [], 0
        current.append(paragraph)
        used += lines
    yield "\n".join(current), used


def _paragraphs(paragraphs: Iterable[str], line: int, max_lines: int) -> Iterator[tuple[str, int]]:
    """(paragraph, lines) of each paragraph; one longer than ``max_lines`` is cut in pieces that fit."""
    for paragraph in paragraphs:
        while (lines := _lines_if_within(paragraph, line, max_lines)) > max_lines:
            room = line * max_lines
            cut = _cut_at(paragraph, room)
            while room > line and _paragraph_lines(paragraph[:cut], line) > max_lines:
                room -= line  # long words without Thai wrap whole: give up a line and try again
                cut = _cut_at(paragraph, room)
            head = paragraph[:cut].rstrip()
            yield head, _paragraph_lines(head, line)
            paragraph = paragraph[cut:].lstrip()
        yield paragraph, lines


def _lines_if_within(paragraph: str, line: int, max_lines: int) -> int:
    """The lines of ``paragraph`` when they are at most ``max_lines``, else some number above it.

    Only as much of the paragraph is measured as it takes: a paragraph of thousands of lines,
    cut row by row, stays linear, not quadratic.
    """
    limit = 2 * line * (max_lines + 1)
    while True:
        # A beginning never takes more lines than the whole (a cut word only fits better).
        lines = _paragraph_lines(paragraph[:limit], line)
        if lines > max_lines or limit >= len(paragraph):
            return lines
        limit *= 2


def _cut_at(paragraph: str, room: int) -> int:
    """Where to cut a paragraph so the first part fills at most ``room`` characters of width:
    at the last space before the character that would not fit, else at that character."""
    filled = _filling(room).match(paragraph)
    i = filled.end() if filled else len(paragraph)  # the first character that would not fit
    if i >= len(paragraph):
        return len(paragraph)
    space = paragraph.rfind(" ", 0, i)
    return space if space > 0 else i


@lru_cache(maxsize=64)
def _filling(room: int) -> re.Pattern:
    """The beginning of a text that takes ``room`` characters of width, and the marks after them."""
    return re.compile(f"(?:{_NO_WIDTH}*[^{_NO_WIDTH[1:-1]}]){{{room}}}{_NO_WIDTH}*")
