"""Text as it arrives from clerks: normalised for comparison, cleaned for writing.

Thai text copied from a PDF may spell "สำ" as U+0E4D U+0E32 instead of U+0E33, carry zero-width
spaces that ``str.strip`` leaves, non-breaking spaces and line breaks from wrapped cells.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]").search  # faster than translate()
_SPACES = re.compile(r"\s+")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# C0 and C1 controls, line and paragraph separators: never in a one-line text (a name, a header)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Bidirectional formatting characters: they reorder what is shown (a name can hide ".exe")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHOWN_ESCAPED = re.compile(f"{CONTROL.pattern}|{BIDI_CONTROLS.pattern}")
# OWASP's list: a cell starting with one of these may be read as a formula or a DDE link.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def fold(text: str) -> str:
    """The form used to compare texts: NFKC, invisible characters removed, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split())
    text = _visible(unicodedata.normalize("NFKC", text))
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # nikhahit + sara aa, as PDFs copy "sara am"
    return _SPACES.sub(" ", text).strip()


def compact(text: str) -> str:
    """``fold`` without any spaces: for matching texts whose line breaks moved."""
    return fold(text).replace(" ", "")


def clean_cell_text(text: str) -> str:
    """Text as kept from an input cell: invisible characters removed, ends trimmed, inner lines kept."""
    if text.isascii():
        return text.strip()
    return _visible(unicodedata.normalize("NFC", text)).strip()


def _visible(text: str) -> str:
    return text.translate(_INVISIBLE) if _HAS_INVISIBLE(text) else text


def xml_safe(text: str) -> str:
    """Drop characters that cannot appear in an XML document (one would make a whole save fail)."""
    return _XML_ILLEGAL.sub("", text)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def escaped(text: str) -> str:
    """``text`` on one line as printed: control and bidirectional characters shown as escapes
    (``\\n``, ``\\x00``, ``\\u202e``), never acted on by the terminal."""
    return _SHOWN_ESCAPED.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)
