"""What a number or date cell shows, from its value and its number format.

A clerk who types "50%" or "3/10/2565" into a free-text column (result, evidence, note) sees
"50.00%" or "03/10/65": the spreadsheet program made a number or a date of it. The record keeps
what the clerk saw, not 0.5 or 243164. Only the formats programs give typed input are rendered
as they show it (percent, decimals, thousands separators, day/month/year dates); any other
format falls back to the plain number.
"""

from __future__ import annotations

import datetime as dt
import re

from ita_xlsx.core import thaidates

# Built-in number formats (ECMA-376 18.8.30) a typed value may get.
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    14: "d/m/yyyy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    22: "d/m/yyyy h:mm",
}
_SECTIONS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')
_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|[^ymd]+", re.IGNORECASE)
_BUDDHIST = re.compile(r"\[\$-[0-9A-Fa-f]*07[0-9A-Fa-f]{4}\]")  # calendar 07: the Buddhist era


def shown(value: object, code: str) -> str:
    """The text a cell of ``value`` (a float, a date) shows with number format ``code``."""
    if isinstance(value, dt.date):
        return _date(value, code)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if not isinstance(value, int | float):
        return str(value)
    return _number(float(value), code.split(";")[0])


def serial_date(serial: float, date1904: bool = False) -> dt.date | None:
    """The date of an Excel serial number, its year as stored (no Buddhist-era correction)."""
    epoch = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    try:
        return epoch + dt.timedelta(days=int(serial))
    except (OverflowError, ValueError):
        return None


def _number(value: float, code: str) -> str:
    plain = _SECTIONS.sub("", code)
    if "0" not in plain and "#" not in plain:  # General, or a format with no digits to place
        return general(value)
    decimals = sum(1 for ch in plain.split(".", 1)[1] if ch in "0#") if "." in plain else 0
    if "%" in plain:
        return f"{value * 100:.{decimals}f}%"
    if "E+" in plain.upper():
        return f"{value:.{decimals}E}"
    separator = "," if "," in plain.split(".")[0] else ""
    return f"{value:{separator}.{decimals}f}"


def general(value: float) -> str:
    """A number as the General format shows it: whole numbers without ".0", at most 10 digits."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def _literal(match: re.Match) -> str:
    """A format's literal text as shown ("\\ " and quoted text); locales and paddings show nothing."""
    part = match[0]
    if part.startswith('"'):
        return part[1:-1]
    return part[1] if part.startswith("\\") else ""


def _date(value: dt.date, code: str) -> str:
    plain = re.split("[hHsS]", _SECTIONS.sub(_literal, code.split(";")[0]))[0]  # the time of day is not kept
    if not any(ch in "dmyDMY" for ch in plain):
        plain = "d/m/yyyy"
    year = value.year + (thaidates.BE_OFFSET if _BUDDHIST.search(code) else 0)
    out = []
    for token in _DATE_TOKENS.findall(plain):
        low = token.lower()
        if low == "yyyy":
            out.append(str(year))
        elif low == "yy":
            out.append(f"{year % 100:02d}")
        elif low in ("mmmm", "mmm"):
            names = thaidates.MONTHS_FULL if low == "mmmm" else thaidates.MONTHS_ABBR
            out.append(names[value.month - 1])
        elif low in ("mm", "m"):
            out.append(f"{value.month:0{len(low)}d}")
        elif low in ("dd", "d"):
            out.append(f"{value.day:0{len(low)}d}")
        elif low not in ("dddd", "ddd"):
            out.append(token)
    return "".join(out).strip(" :")
