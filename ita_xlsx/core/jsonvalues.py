"""Values read from JSON another program (or a person) may have written: tolerant, never raising."""

from __future__ import annotations

import datetime as dt


def text_of(value: object) -> str:
    """A value as stripped text; None is empty."""
    return "" if value is None else str(value).strip()


def int_of(value: object) -> int | None:
    """A whole number, or None (a bool is not a number here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def date_of(value: object) -> dt.date | None:
    """An ISO date (yyyy-mm-dd, a longer timestamp cut to it), or None."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
