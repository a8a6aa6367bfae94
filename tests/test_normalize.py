"""ita_xlsx.normalize on its own: the status read from what a clerk typed (and the problem code of
what had to be assumed), dates in the ways they are typed, and free text kept exactly as typed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ita_xlsx.core import thaidates
from ita_xlsx.read import normalize


# --- status ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "read", "code", "severity"),
    [
        ("ดำเนินการแล้ว", "done", None, "info"),  # picked from the list
        ("  ดำเนินการแล้ว ", "done", None, "info"),
        ("เสร็จแล้ว", "done", "status-variant", "info"),
        ("Done", "done", "status-variant", "info"),
        ("ไม่เกี่ยว", "not_applicable", "status-variant", "info"),
        ("ดำเนนการแล้ว", "done", "status-misspelt", "warning"),
        ("abc", None, "status-unknown", "error"),
    ],
)
def test_status_read_and_what_was_assumed(typed, read, code, severity):
    found = normalize.status(typed)
    assert (found.value, found.code, found.severity) == (read, code, severity)


@pytest.mark.parametrize("typed", ["ดำเนินการแล้ว 50%", "incomplete", "ดำเนินการไม่แล้วเสร็จ"])
def test_a_status_that_says_not_done_is_never_guessed_done(typed):
    found = normalize.status(typed)
    assert (found.value, found.code) == (None, "status-unknown")


@pytest.mark.parametrize("typed", [None, "", "   ", "-"])
def test_an_empty_status_is_no_status_and_no_problem(typed):
    assert (normalize.status(typed).value, normalize.status(typed).code) == (None, None)


def test_a_variant_says_which_status_it_was_read_as():
    assert normalize.status("เสร็จแล้ว").read_as == "ดำเนินการแล้ว"
    assert normalize.status("abc").read_as == ""


# --- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "day", "assumed"),
    [
        ("3 ต.ค. 2565", dt.date(2022, 10, 3), (thaidates.FROM_TEXT,)),
        ("๓/๑๐/๒๕๖๕", dt.date(2022, 10, 3), (thaidates.FROM_TEXT,)),
        ("3/10/2022", dt.date(2022, 10, 3), (thaidates.FROM_TEXT, thaidates.CE_YEAR_IN_TEXT)),
        (44835, dt.date(2022, 10, 1), (thaidates.FROM_SERIAL,)),
    ],
    ids=["thai-month-be", "thai-digits", "ce-year", "bare-number"],
)
def test_dates_typed_as_text_or_numbers_are_read_with_what_was_assumed(typed, day, assumed):
    parsed = normalize.date(typed)
    assert (parsed.value, parsed.assumptions, parsed.error) == (day, assumed, None)


def test_a_number_in_a_date_cell_is_a_date_not_a_guess():
    parsed = normalize.date(44835.0, is_date_cell=True)
    assert (parsed.value, parsed.assumptions, parsed.error) == (dt.date(2022, 10, 1), (), None)


def test_a_serial_of_a_1904_workbook_counts_from_1904():
    assert normalize.date(43373, date1904=True, is_date_cell=True).value == dt.date(2022, 10, 1)


@pytest.mark.parametrize(
    ("typed", "error"), [("hello", thaidates.UNPARSEABLE), ("31/2/2566", thaidates.INVALID)]
)
def test_a_date_that_cannot_be_read_is_an_error_and_no_value(typed, error):
    parsed = normalize.date(typed)
    assert (parsed.value, parsed.error) == (None, error)


# --- free text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("  ประชุม  ๒ ครั้ง ", "ประชุม  ๒ ครั้ง"),  # spaces inside kept, ends trimmed
        ("👍🏽 ok", "👍🏽 ok"),  # an emoji sequence whole
        ("ก่อน\u200bหลัง", "ก่อน\u200bหลัง"),  # a zero-width space inside kept
        ("ผู้ใหญ่", "ผู้ใหญ่"),  # Thai combining marks in their order
        (12.0, "12"),  # a whole number as typed, not "12.0"
        (12.5, "12.5"),
        (None, ""),
        ("\u200b ", ""),  # nothing visible: empty
    ],
)
def test_cell_text_is_kept_as_typed(raw, kept):
    assert normalize.cell_text(raw) == kept


@pytest.mark.parametrize("typed", ["-", "—", "ไม่มี", " N/A ", "ไม่ระบุ"])
def test_ways_of_writing_nothing(typed):
    assert normalize.says_nothing(typed)


@pytest.mark.parametrize("typed", ["0", "ไม่มีปัญหา", "na-1"])
def test_text_that_says_something(typed):
    assert not normalize.says_nothing(typed)


def test_is_url():
    assert normalize.is_url("https://example.go.th/a.pdf") and normalize.is_url("www.example.go.th")
    assert not normalize.is_url("ดู https://example.go.th") and not normalize.is_url("ftp://x")
