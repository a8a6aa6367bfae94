"""Whether a typed address may become a hyperlink, and lengths in Excel's unit.

Shared by the link register (which says why an address will not do) and the report sheets (which
only turn a safe address into a hyperlink).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

EXCEL_MAX_URL = 2079
_URL_FORBIDDEN = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')


def utf16_len(s: str) -> int:
    """Length in UTF-16 units, the unit of Excel's limits (a character above U+FFFF counts 2)."""
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF) if not s.isascii() else len(s)


def safe_url(value: str) -> str | None:
    """``value`` stripped, when it is an http(s) URL fit for a hyperlink; otherwise None.

    Refused: other schemes (``file:``, ``javascript:``, UNC paths...), spaces, quotes and control
    characters, user names in the address ("https://bank.example@evil.example"), bad ports, and
    anything longer than Excel keeps.
    """
    s = value.strip()
    if not s[:8].lower().startswith(("http://", "https://")) or len(s) > EXCEL_MAX_URL:
        return None
    if _URL_FORBIDDEN.search(s):
        return None
    try:
        parts = urlsplit(s)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        return None
    if "@" in parts.netloc or utf16_len(s) > EXCEL_MAX_URL:
        return None
    return s
