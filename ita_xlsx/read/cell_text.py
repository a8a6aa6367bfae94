"""A read cell as a value, as folded text, and as a short quote for a problem's message."""

from __future__ import annotations

from ita_xlsx.core import textnorm
from ita_xlsx.read.xlsxread import Cell


def cell_value(cell: Cell | None) -> object:
    """What the cell holds, as read (None for an empty cell)."""
    return None if cell is None else cell.value


def cell_text(cell: Cell | None) -> str:
    """The cell as folded text (a whole number without its ".0"), for comparing what a clerk typed."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return textnorm.fold(str(value))


def cell_quote(cell: Cell | None) -> str:
    """The cell as it stands, shortened to quote in a problem."""
    text = "" if cell is None or cell.value is None else str(cell.value)
    return text if len(text) <= 60 else text[:57] + "..."
