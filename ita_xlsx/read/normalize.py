"""Normalise what clerks type into input cells: statuses and dates; free text is kept as typed.

Each function returns the clean value and the problems codes of what it had to assume, so the
caller can report them at the cell.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ita_xlsx.core import textnorm, thaidates
from ita_xlsx.core.status import STATUS_BY_CODE, STATUSES

# Variants people type, by status; compared after folding, without spaces, lower-case.
_VARIANTS = {
    "not_started": (
        "ยังไม่ดำเนินการ",
        "ยังไม่ได้ดำเนินการ",
        "ยังไม่เริ่ม",
        "ยังไม่เริ่มดำเนินการ",
        "ยังไม่ได้ทำ",
        "ไม่ได้ดำเนินการ",
        "notstarted",
        "notyetstarted",
        "todo",
        "pending",
    ),
    "in_progress": (
        "อยู่ระหว่างดำเนินการ",
        "กำลังดำเนินการ",
        "ระหว่างดำเนินการ",
        "อยู่ในระหว่างดำเนินการ",
        "กำลังทำ",
        "inprogress",
        "started",
        "underway",
        "working",
    ),
    "done": (
        "ดำเนินการแล้ว",
        "เสร็จแล้ว",
        "แล้วเสร็จ",
        "ดำเนินการเรียบร้อย",
        "ดำเนินการเรียบร้อยแล้ว",
        "เรียบร้อยแล้ว",
        "ดำเนินการแล้วเสร็จ",
        "เสร็จสิ้น",
        "ดำเนินการเสร็จแล้ว",
        "ดำเนินการเสร็จสิ้น",
        "เสร็จ",
        "done",
        "completed",
        "complete",
        "finished",
    ),
    "ongoing": (
        "ดำเนินการเป็นประจำ",
        "ดำเนินการประจำ",
        "เป็นประจำ",
        "ทำเป็นประจำ",
        "ดำเนินการอย่างต่อเนื่อง",
        "ต่อเนื่อง",
        "ongoing",
        "recurring",
        "continuous",
        "regular",
        "routine",
    ),
    "not_applicable": (
        "ไม่เกี่ยวข้อง",
        "ไม่เกี่ยว",
        "ไม่มีส่วนเกี่ยวข้อง",
        "notapplicable",
        "n/a",
        "na",
        "notrelevant",
        "ไม่ต้องดำเนินการ",
        "ไม่ต้องทำ",
    ),
}
_LOOKUP = {v.replace(" ", "").lower(): code for code, variants in _VARIANTS.items() for v in variants}
_LABELS = {s.th: s.code for s in STATUSES}
_FUZZY_CUTOFF = 0.8


@dataclass(frozen=True, slots=True)
class Normalised:
    value: str | None  # the status code, None when there is none
    code: str | None = None  # a problem code when something was assumed or is wrong
    severity: str = "info"

    @property
    def read_as(self) -> str:
        """The Thai label of the status read (for the message saying what was assumed), or ""."""
        found = STATUS_BY_CODE.get(self.value) if isinstance(self.value, str) else None
        return found.th if found else ""


def status(raw: object) -> Normalised:
    """The status code for a cell, exact labels silently, variants with a note, misspellings warned."""
    if raw is None:
        return Normalised(None)
    label = _LABELS.get(str(raw).strip())
    if label is not None:  # picked from the list: the common case
        return Normalised(label)
    text = textnorm.compact(str(raw)).lower().strip(".-")
    if not text:
        return Normalised(None)
    if text in _LOOKUP:
        code = _LOOKUP[text]
        exact = textnorm.compact(str(raw)) in _LABELS
        return Normalised(code, None if exact else "status-variant", "info")
    close = difflib.get_close_matches(text, _LOOKUP.keys(), n=1, cutoff=_FUZZY_CUTOFF)
    if close and _safe_guess(text, close[0]):
        return Normalised(_LOOKUP[close[0]], "status-misspelt", "warning")
    return Normalised(None, "status-unknown", "error")


_NEGATION_PREFIXES = ("not", "non", "un", "in", "no")


def _safe_guess(typed: str, known: str) -> bool:
    """Whether a misspelling may be read as ``known``: never when the clerk wrote a "not" the known
    status lacks ("ดำเนินการไม่แล้วเสร็จ" is not done, "incomplete" not complete) or a figure
    ("ดำเนินการแล้ว 50%" is not done either)."""
    if any(ch.isdigit() for ch in typed) or "%" in typed:
        return False
    if typed.count("ไม่") != known.count("ไม่"):
        return False
    negated = typed.isascii() and typed.startswith(_NEGATION_PREFIXES)
    return not negated or known.startswith(_NEGATION_PREFIXES)


def date(raw: object, *, date1904: bool = False, is_date_cell: bool = False) -> thaidates.ParsedDate:
    """A date from a cell. A number in a cell formatted as a date is a real date, not a serial guess."""
    if isinstance(raw, float | int) and not isinstance(raw, bool) and is_date_cell:
        parsed = thaidates.parse_date(raw, date1904=date1904)
        assumptions = tuple(a for a in parsed.assumptions if a != thaidates.FROM_SERIAL)
        return thaidates.ParsedDate(parsed.value, assumptions, parsed.error)
    return thaidates.parse_date(raw, date1904=date1904)


# What clerks type in a cell to say "nothing here": read as an empty cell, never as an error.
NO_VALUE = frozenset(("-", "--", "---", "–", "—", ".", "ไม่มี", "ไม่มีข้อมูล", "ไม่ระบุ", "n/a", "na", "ไม่เกี่ยวข้อง"))


def says_nothing(text: str) -> bool:
    """Whether a cell's text is one of the ways of writing "nothing" (-, ไม่มี, n/a)."""
    return textnorm.compact(text).lower() in NO_VALUE


_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def cell_text(raw: object) -> str:
    """Free text from a cell, kept exactly as typed but for spaces at its ends (numbers as written,
    not as floats). Nothing is normalised or removed inside: emoji sequences, Thai combining marks
    and zero-width characters stay; a cell of nothing but spaces and invisible characters is empty.
    """
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return text if text.isascii() or textnorm.clean_cell_text(text) else ""


def is_url(text: str) -> bool:
    return bool(_URL.match(text))
