"""Thai dates: read whatever a clerk put in a date cell, write dates the Thai way, count fiscal years.

Reading (`parse_date`) accepts real dates, Excel serial numbers and free text in Thai or Arabic
digits ("๓ ตุลาคม ๒๕๖๕", "3 ต.ค. 65", "3/10/2565", "2022-10-03", a date inside a sentence, "3 Oct 2022").
It never raises on bad input: it returns a `ParsedDate` whose ``assumptions`` say what was guessed and
whose ``error`` says why there is no date. The rules, in short:

* day first, always (d/m/y); ISO text (yyyy-mm-dd) is the only year-first form;
* a 4-digit text year of 2400 or more is Buddhist Era (BE = CE + 543), below 2400 it is CE;
* a 2-digit text year is BE 25xx ("65" is 2565 BE, 2022 CE) unless marked ค.ศ./A.D./C.E. (then 20xx);
* a real date (or a serial number) whose year is 2400 or more is a BE year stored as CE: 543 years are
  subtracted once, never twice.

Fiscal years start on 1 October and are named by the BE year in which they end
(FY2566 = 1 Oct 2022 - 30 Sep 2023). All fiscal-year arguments and results are BE years.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from numbers import Integral, Real

__all__ = [
    "ASSUMPTION_CODES",
    "BE_STORED_AS_CE",
    "CE_YEAR_IN_TEXT",
    "CERTAIN_CODES",
    "ERROR_CODES",
    "FROM_SERIAL",
    "FROM_TEXT",
    "INVALID",
    "MONTHS_ABBR",
    "SEVERAL_IN_TEXT",
    "MONTHS_FULL",
    "THAI_DIGITS",
    "TWO_DIGIT_YEAR",
    "UNPARSEABLE",
    "XL_DATE_ABBR",
    "XL_DATE_FULL",
    "XL_DATE_FULL_THAI_DIGITS",
    "ParsedDate",
    "be_year",
    "excel_serial",
    "fiscal_month_date",
    "fiscal_quarter_bounds",
    "fiscal_quarter_of",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_iso",
    "format_thai",
    "is_date_format",
    "month_end",
    "parse_date",
    "to_arabic_digits",
    "to_thai_digits",
]

# --- codes (message keys in ita_xlsx/messages/dates.py) -------------------------------------------
BE_STORED_AS_CE = "date-be-stored-as-ce"
TWO_DIGIT_YEAR = "date-two-digit-year"
FROM_TEXT = "date-from-text"
FROM_SERIAL = "date-from-serial"
CE_YEAR_IN_TEXT = "date-ce-year-in-text"
SEVERAL_IN_TEXT = "date-several-in-text"
UNPARSEABLE = "date-unparseable"
INVALID = "date-invalid"
ASSUMPTION_CODES = (BE_STORED_AS_CE, TWO_DIGIT_YEAR, FROM_TEXT, FROM_SERIAL, CE_YEAR_IN_TEXT, SEVERAL_IN_TEXT)
ERROR_CODES = (UNPARSEABLE, INVALID)
# Corrections that are certain (a year of 2400 or more is a BE year): information, not work for the clerk.
CERTAIN_CODES = (BE_STORED_AS_CE, CE_YEAR_IN_TEXT)

BE_OFFSET = 543
BE_THRESHOLD = 2400  # a year at or above this is a Buddhist Era year
MAX_SCAN = 300  # only this many characters of a text cell are searched for a date

# --- digits and month names ------------------------------------------------------------------------
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

MONTHS_FULL: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# Spellings met in cells besides MONTHS_FULL: spoken short forms ("ตุลา") and common typos.
_THAI_MONTH_EXTRA: tuple[tuple[str, ...], ...] = (
    ("มกรา",),
    ("กุมภา", "กุมภาพันธ"),
    ("มีนา",),
    ("เมษา",),
    ("พฤษภา",),
    ("มิถุนา",),
    ("กรกฎา", "กรกฏาคม", "กรกฏา"),
    ("สิงหา",),
    ("กันยา",),
    ("ตุลา",),
    ("พฤศจิกา",),
    ("ธันวา",),
)
_EN_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)

# --- Excel number formats (see DOMAIN.md: these three work in Excel and LibreOffice) ---------------
XL_DATE_FULL = "[$-107041E]d mmmm yyyy"
XL_DATE_ABBR = "[$-107041E]d mmm yy"
XL_DATE_FULL_THAI_DIGITS = "[$-D07041E]d mmmm yyyy"


def to_arabic_digits(s: str) -> str:
    """Replace Thai digits by 0-9; everything else is kept."""
    return s.translate(_TO_ARABIC)


def to_thai_digits(s: str | int) -> str:
    """Replace 0-9 by Thai digits; an int is written in decimal first."""
    return str(s).translate(_TO_THAI)


# --- the result ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ParsedDate:
    """What `parse_date` made of a cell: a date or None, what was assumed, and why it failed."""

    value: date | None
    assumptions: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.value is not None


_EMPTY = ParsedDate(None)
_UNPARSEABLE = ParsedDate(None, (), UNPARSEABLE)
_INVALID = ParsedDate(None, (), INVALID)
_NONE: tuple[str, ...] = ()
_SERIAL: tuple[str, ...] = (FROM_SERIAL,)


# --- text patterns -------------------------------------------------------------------------------
def _month_lookup() -> dict[str, int]:
    """Every month spelling the pattern can match, without dots and spaces, to its number."""
    table: dict[str, int] = {}
    for number, (full, abbr, extra, english) in enumerate(
        zip(MONTHS_FULL, MONTHS_ABBR, _THAI_MONTH_EXTRA, _EN_MONTHS, strict=True), start=1
    ):
        for name in (full, abbr.replace(".", ""), *extra, *english):
            table[unicodedata.normalize("NFKC", name)] = number
    return table


def _abbr_pattern(abbr: str) -> str:
    """A pattern for an abbreviation such as "ต.ค." that also matches "ต.ค", "ตค" and "ต. ค."."""
    parts = [re.escape(p) for p in abbr.split(".") if p]
    return r"\.?\s?".join(parts) + r"\.?"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _month_patterns() -> tuple[str, str]:
    thai_words = [unicodedata.normalize("NFKC", w) for w in MONTHS_FULL]
    thai_words += [w for extra in _THAI_MONTH_EXTRA for w in extra]
    thai = _alternation(thai_words) + "|" + "|".join(_abbr_pattern(a) for a in MONTHS_ABBR)
    english = r"(?<![a-z])(?:" + _alternation([w for ws in _EN_MONTHS for w in ws]) + r")(?![a-z])\.?"
    return thai, english


_MONTH_NUMBER = _month_lookup()
_THAI_MONTH_RE, _EN_MONTH_RE = _month_patterns()
_ORDINAL = r"(?:st|nd|rd|th)?"
_ERA = r"พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?\s?e\.?|a\.?\s?d\.?|c\.?\s?e\.?"
_YEAR = r"\d{4}|\d{2}"
_DATE_RE = re.compile(
    # every form starts with a digit or a Latin letter: this lookahead makes scanning a sentence 10x faster
    r"(?=[\da-z])(?:"
    # yyyy-mm-dd (ISO and its cousins): the only year-first form
    r"(?P<iso>(?<!\d)(?P<iy>\d{4})\s*(?P<isep>[-/.])\s*(?P<im>\d{1,2})\s*(?P=isep)\s*(?P<id>\d{1,2})(?!\d))"
    # d/m/y, d-m-y, d.m.y
    r"|(?P<dmy>(?<!\d)(?P<nd>\d{1,2})\s*(?P<nsep>[-/.])\s*(?P<nm>\d{1,2})\s*(?P=nsep)\s*"
    rf"(?P<ny>{_YEAR})(?!\d))"
    # ๓ ตุลาคม ๒๕๖๕, วันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕, 3 ต.ค. 65, 3 Oct 2022
    rf"|(?P<named>(?<!\d)(?P<td>\d{{1,2}}){_ORDINAL}\s*(?:เดือน\s*)?(?P<tm>{_THAI_MONTH_RE}|{_EN_MONTH_RE})"
    rf"\s*,?\s*(?:ปี\s*)?(?:(?P<era>{_ERA})\s*)?(?P<ty>{_YEAR})(?!\d))"
    # Oct 3, 2022
    rf"|(?P<mdy>(?P<em>{_EN_MONTH_RE})\s*(?P<ed>\d{{1,2}}){_ORDINAL}\s*,?\s*(?P<ey>{_YEAR})(?!\d)))"
)
_NOT_ASCII_OR_THAI_RE = re.compile(r"[^\x00-\x7f\u0e00-\u0e7f]")
_ZERO_WIDTH_RE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


# --- parsing -------------------------------------------------------------------------------------
def parse_date(value: object, *, date1904: bool = False) -> ParsedDate:
    """Read a date from a cell value: a date, an Excel serial number, or text. Never raises."""
    if type(value) is date:
        return ParsedDate(value) if value.year < BE_THRESHOLD else _be_stored_as_ce(value, _NONE)
    if type(value) is datetime:
        day = value.date()
        return ParsedDate(day) if day.year < BE_THRESHOLD else _be_stored_as_ce(day, _NONE)
    if type(value) is str:
        return _parse_text(value)
    if type(value) is int:
        return _from_serial(value, date1904)
    if type(value) is float:
        return _from_serial_float(value, date1904)
    if value is None:
        return _EMPTY
    return _parse_other(value, date1904)


def _parse_other(value: object, date1904: bool) -> ParsedDate:
    """The slow path: subclasses of the usual types, numpy numbers, anything else."""
    if isinstance(value, bool):
        return _UNPARSEABLE
    if isinstance(value, date):  # also datetime subclasses such as pandas.Timestamp
        return parse_date(date(value.year, value.month, value.day))
    if isinstance(value, str):
        return _parse_text(str(value))
    if isinstance(value, Integral):
        return _from_serial(int(value), date1904)
    if isinstance(value, Real):
        return _from_serial_float(float(value), date1904)
    return _UNPARSEABLE


def _be_stored_as_ce(d: date, assumptions: tuple[str, ...]) -> ParsedDate:
    """A real date in year >= 2400 is a BE year stored as CE: subtract 543, once."""
    try:
        shifted = d.replace(year=d.year - BE_OFFSET)
    except ValueError:  # 29 Feb of a BE year whose CE year is not a leap year
        return _INVALID
    return ParsedDate(shifted, (*assumptions, BE_STORED_AS_CE))


# Excel serials: 1900 system counts 1 = 1900-01-01 and has the fake 1900-02-29 as 60;
# 1904 system counts 0 = 1904-01-01.
_ORD_1900 = date(1899, 12, 30).toordinal()
_ORD_1904 = date(1904, 1, 1).toordinal()
_MAX_ORD = date.max.toordinal()
_MAX_SERIAL_1900 = _MAX_ORD - _ORD_1900
_MAX_SERIAL_1904 = _MAX_ORD - _ORD_1904
_FAKE_LEAP_DAY = 60


def _from_serial(n: int, date1904: bool) -> ParsedDate:
    """A whole Excel serial number as a date; out of range (before 1900, after 9999) is an error."""
    if date1904:
        if not 0 <= n <= _MAX_SERIAL_1904:
            return _UNPARSEABLE
        ordinal = _ORD_1904 + n
    else:
        if not 1 <= n <= _MAX_SERIAL_1900:
            return _UNPARSEABLE
        if n == _FAKE_LEAP_DAY:
            return _INVALID
        ordinal = _ORD_1900 + n + (n < _FAKE_LEAP_DAY)
    d = date.fromordinal(ordinal)
    return ParsedDate(d, _SERIAL) if d.year < BE_THRESHOLD else _be_stored_as_ce(d, _SERIAL)


def _from_serial_float(x: float, date1904: bool) -> ParsedDate:
    """A fractional serial keeps its date (the fraction is the time of day)."""
    if not math.isfinite(x):
        return _UNPARSEABLE
    return _from_serial(math.floor(x), date1904)


def excel_serial(d: date, *, date1904: bool = False) -> int:
    """The Excel serial number of ``d`` (the inverse of reading a serial); a datetime gives its date."""
    n = d.toordinal() - (_ORD_1904 if date1904 else _ORD_1900)
    if not date1904 and n < _FAKE_LEAP_DAY + 1:
        n -= 1
    if n < (0 if date1904 else 1):
        raise ValueError(f"{d} is before the start of Excel's {'1904' if date1904 else '1900'} date system")
    return n


def _parse_text(s: str) -> ParsedDate:
    if len(s) > MAX_SCAN:
        s = s[:MAX_SCAN]
    if not s.isascii() and _NOT_ASCII_OR_THAI_RE.search(s):
        # NFKC is slow on Thai (it splits every ำ) and changes nothing the patterns look at in
        # ASCII and Thai, so it runs only for other characters: full-width digits, NBSP, zero-width.
        s = _ZERO_WIDTH_RE.sub("", unicodedata.normalize("NFKC", s))
    if not s or s.isspace():
        return _EMPTY
    result = _UNPARSEABLE
    matches = _DATE_RE.finditer(s.lower())
    for m in matches:  # the first real date wins; "08.30.00 น." is not one
        result = _match_date(m)
        if result.ok:
            break
    if result.ok and any(_match_date(m).ok for m in matches):  # "1/3/2566 - 31/3/2566", "25/10/65, 25/11/65"
        return ParsedDate(result.value, (*result.assumptions, SEVERAL_IN_TEXT), result.error)
    return result


def _match_date(m: re.Match[str]) -> ParsedDate:
    kind = m.lastgroup
    if kind == "iso":
        return _text_date(m["id"], int(m["im"]), m["iy"], None)
    if kind == "dmy":
        return _text_date(m["nd"], int(m["nm"]), m["ny"], None)
    if kind == "named":
        return _text_date(m["td"], _month_number(m["tm"]), m["ty"], m["era"])
    return _text_date(m["ed"], _month_number(m["em"]), m["ey"], None)


def _month_number(token: str) -> int:
    return _MONTH_NUMBER["".join(token.split()).replace(".", "")]


def _text_date(day: str, month: int, year: str, era: str | None) -> ParsedDate:
    """Build the date from text parts; the year rules are in the module docstring."""
    y = int(year)
    assumed: tuple[str, ...]
    if len(year) == 2:
        if era is not None and era[0] in "คac":
            ce, assumed = 2000 + y, (FROM_TEXT, CE_YEAR_IN_TEXT)
        else:
            ce, assumed = 2500 + y - BE_OFFSET, (FROM_TEXT, TWO_DIGIT_YEAR)
    elif y >= BE_THRESHOLD:
        ce, assumed = y - BE_OFFSET, (FROM_TEXT,)
    else:
        ce, assumed = y, (FROM_TEXT, CE_YEAR_IN_TEXT)
    try:
        return ParsedDate(date(ce, month, int(day)), assumed)
    except ValueError:
        return _INVALID


# --- formatting ----------------------------------------------------------------------------------
def format_thai(d: date, style: str = "full", digits: str = "thai", *, with_era: bool = False) -> str:
    """``full`` → "๓ ตุลาคม ๒๕๖๕", ``abbr`` → "๓ ต.ค. ๖๕" (2-digit BE year), ``official`` → "๓ เดือนตุลาคม
    พ.ศ. ๒๕๖๕" (as official reports write it); ``digits="arabic"`` for 0-9."""
    if digits not in ("thai", "arabic"):
        raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")
    be = d.year + BE_OFFSET
    if style == "full":
        month, year = MONTHS_FULL[d.month - 1], str(be)
    elif style == "abbr":
        month, year = MONTHS_ABBR[d.month - 1], f"{be % 100:02d}"
    elif style == "official":
        month, year, with_era = f"เดือน{MONTHS_FULL[d.month - 1]}", str(be), True
    else:
        raise ValueError(f"style must be 'full', 'abbr' or 'official', not {style!r}")
    era = "พ.ศ. " if with_era else ""
    text = f"{d.day} {month} {era}{year}"
    return text.translate(_TO_THAI) if digits == "thai" else text


def format_iso(d: date | None) -> str | None:
    """yyyy-mm-dd (CE), or None for None; a datetime gives its date only."""
    if d is None:
        return None
    return date(d.year, d.month, d.day).isoformat()


# --- Excel number formats ------------------------------------------------------------------------
_FORMAT_NOISE_RE = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|[_*].|general|am/pm|a/p|e[+-]', re.IGNORECASE)
_FORMAT_DATE_LETTER_RE = re.compile(r"[dmybhse]", re.IGNORECASE)


@lru_cache(maxsize=1024)
def is_date_format(code: str) -> bool:
    """True when an Excel number-format code shows a date or a time (d m y b e h s after literals go)."""
    if not code:
        return False
    return _FORMAT_DATE_LETTER_RE.search(_FORMAT_NOISE_RE.sub("", code)) is not None


# --- fiscal years and quarters (BE) --------------------------------------------------------------
def be_year(d: date) -> int:
    """The Buddhist Era year of a (CE) date."""
    return d.year + BE_OFFSET


def _check_fy(fy_be: int) -> int:
    if fy_be < BE_THRESHOLD:
        raise ValueError(f"fiscal year must be a Buddhist Era year (e.g. 2566), not {fy_be}")
    return fy_be - BE_OFFSET  # the CE year in which the fiscal year ends


def fiscal_year_of(d: date) -> int:
    """The BE fiscal year containing ``d``: from 1 October it is the next year's."""
    return d.year + BE_OFFSET + (d.month >= 10)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy_be``: FY2566 → (2022-10-01, 2023-09-30)."""
    end_ce = _check_fy(fy_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def fiscal_quarter_of(d: date) -> tuple[int, int]:
    """(BE fiscal year, quarter 1-4); Q1 is October-December."""
    return fiscal_year_of(d), (d.month - 10) % 12 // 3 + 1


def fiscal_quarter_bounds(fy_be: int, q: int) -> tuple[date, date]:
    """First and last day of quarter ``q`` (1-4) of fiscal year ``fy_be``."""
    if q not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {q}")
    first_month = (q * 3 + 6) % 12 + 1  # 10, 1, 4, 7
    start_year, start_month = fiscal_month_date(fy_be, first_month)
    return date(start_year, start_month, 1), month_end(start_year, start_month + 2)


def fiscal_month_date(fy_be: int, month: int) -> tuple[int, int]:
    """(CE year, month) of calendar month ``month`` inside fiscal year ``fy_be``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    end_ce = _check_fy(fy_be)
    return (end_ce - 1 if month >= 10 else end_ce), month


def month_end(year: int, month: int) -> date:
    """The last day of a (CE) month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)
