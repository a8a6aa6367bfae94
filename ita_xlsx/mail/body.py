"""A message body as a few blocks, written out twice: as plain text and as HTML.

Every text is escaped on its way into HTML, so text from a results file can never become markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ita_xlsx.core.thaidates import to_thai_digits

_FONT = "font-family: Tahoma, 'Leelawadee UI', 'TH Sarabun New', sans-serif; font-size: 14px"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Lines shown together; ``strong`` for a heading."""

    lines: tuple[str, ...]
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Items:
    """A numbered list under a title (numbers in Thai digits in the plain text)."""

    title: str
    items: tuple[str, ...]


Block = Paragraph | Items


def paragraph(*lines: str, strong: bool = False) -> Paragraph:
    """A paragraph of the non-empty ``lines``."""
    return Paragraph(tuple(line for line in lines if line), strong)


def render_plain(blocks: Sequence[Block]) -> str:
    """Blocks as plain text, a blank line between them."""
    return "\n\n".join(_plain_block(b) for b in blocks if _has_content(b)) + "\n"


def _plain_block(block: Block) -> str:
    """One block as plain text."""
    if isinstance(block, Paragraph):
        return "\n".join(block.lines)
    numbered = [f"{to_thai_digits(n)}. {item}" for n, item in enumerate(block.items, start=1)]
    return "\n".join([block.title, *numbered] if block.title else numbered)


def render_html(blocks: Sequence[Block], lang: str = "th") -> str:
    """Blocks as a small HTML document, every text escaped."""
    body = "\n".join(_html_block(b) for b in blocks if _has_content(b))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"></head>\n'
        f'<body style="{_FONT}">\n{body}\n</body>\n</html>\n'
    )


def _html_block(block: Block) -> str:
    """One block as escaped HTML."""
    if isinstance(block, Paragraph):
        text = "<br>\n".join(html.escape(line) for line in block.lines)
        return f"<p><strong>{text}</strong></p>" if block.strong else f"<p>{text}</p>"
    items = "\n".join(f"<li>{html.escape(item)}</li>" for item in block.items)
    title = f"<p>{html.escape(block.title)}</p>\n" if block.title else ""
    return f'{title}<ol style="list-style-type: thai">\n{items}\n</ol>'


def _has_content(block: Block) -> bool:
    """Empty blocks (no lines, no items) are left out."""
    return bool(block.lines if isinstance(block, Paragraph) else block.items)
