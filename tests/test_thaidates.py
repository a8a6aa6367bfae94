"""Tests for ita_xlsx.core.thaidates: reading clerk-typed dates, Thai formatting, fiscal-year arithmetic."""

from __future__ import annotations

import string
import unicodedata
from dataclasses import FrozenInstanceError
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_xlsx.core import thaidates as td
from ita_xlsx.core.thaidates import (
    BE_STORED_AS_CE,
    CE_YEAR_IN_TEXT,
    FROM_SERIAL,
    FROM_TEXT,
    INVALID,
    MONTHS_ABBR,
    MONTHS_FULL,
    TWO_DIGIT_YEAR,
    UNPARSEABLE,
    ParsedDate,
    be_year,
    excel_serial,
    fiscal_month_date,
    fiscal_quarter_bounds,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_of,
    format_iso,
    format_thai,
    is_date_format,
    month_end,
    parse_date,
    to_arabic_digits,
    to_thai_digits,
)
from ita_xlsx.messages import dates as date_messages

OCT3 = date(2022, 10, 3)
TEXT = (FROM_TEXT,)
TEXT_2Y = (FROM_TEXT, TWO_DIGIT_YEAR)
TEXT_CE = (FROM_TEXT, CE_YEAR_IN_TEXT)


# --- digits and month names ----------------------------------------------------------------------
def test_digits_both_ways():
    assert to_arabic_digits("วันที่ ๓ ต.ค. ๒๕๖๕") == "วันที่ 3 ต.ค. 2565"
    assert to_thai_digits("3/10/2565") == "๓/๑๐/๒๕๖๕"
    assert to_thai_digits(2566) == "๒๕๖๖"
    assert to_arabic_digits(to_thai_digits("0123456789")) == "0123456789"


def test_month_tables():
    assert len(MONTHS_FULL) == len(MONTHS_ABBR) == 12
    assert (MONTHS_FULL[0], MONTHS_FULL[9], MONTHS_FULL[11]) == ("มกราคม", "ตุลาคม", "ธันวาคม")
    assert (MONTHS_ABBR[0], MONTHS_ABBR[2], MONTHS_ABBR[9]) == ("ม.ค.", "มี.ค.", "ต.ค.")


# --- text ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected", "assumptions"),
    [
        ("๓ ตุลาคม ๒๕๖๕", OCT3, TEXT),
        ("วันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", OCT3, TEXT),
        ("3 ต.ค. 65", OCT3, TEXT_2Y),
        ("3 ต.ค.2565", OCT3, TEXT),
        ("3/10/2565", OCT3, TEXT),
        ("03/10/65", OCT3, TEXT_2Y),
        ("3-10-2022", OCT3, TEXT_CE),
        ("3.10.65", OCT3, TEXT_2Y),
        ("2022-10-03", OCT3, TEXT_CE),
        ("2565-10-03", OCT3, TEXT),
        ("2022-10-03 14:30:00", OCT3, TEXT_CE),
        ("ดำเนินการเมื่อวันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", OCT3, TEXT),
        ("๑. เจ้าหน้าที่ดำเนินการเมื่อวันที่ ๑๕ เดือนธันวาคม พ.ศ. ๒๕๖๕", date(2022, 12, 15), TEXT),
        ("๑.เจ้าหน้าที่ดำเนินการเมื่อ วันที่ ๑ เดือนเมษายน พ.ศ. ๒๕๖๖", date(2023, 4, 1), TEXT),
        ("3 Oct 2022", OCT3, TEXT_CE),
        ("3 October 2022", OCT3, TEXT_CE),
        ("3 OCT. 2022", OCT3, TEXT_CE),
        ("October 3rd, 2022", OCT3, TEXT_CE),
        ("3 ต. ค. 65", OCT3, TEXT_2Y),
        ("3 ตค 65", OCT3, TEXT_2Y),
        ("3 ตุลา 65", OCT3, TEXT_2Y),
        ("3ต.ค.65", OCT3, TEXT_2Y),
        ("วันที่ 3 เดือน ต.ค. ปี 2565", OCT3, TEXT),
        ("3 / 10 / 2565", OCT3, TEXT),
        ("  3/10/2565  ", OCT3, TEXT),
        ("3 ต.ค. พ.ศ. 65", OCT3, TEXT_2Y),
        ("3 ต.ค. ค.ศ. 22", OCT3, TEXT_CE),  # a 2-digit year marked CE is 20xx
        ("3 ตุลาคม ค.ศ. 2022", OCT3, TEXT_CE),
        ("3 ตุลาคม พ.ศ. 2022", OCT3, TEXT_CE),  # a 4-digit year decides by itself: < 2400 is CE
        ("3 กรกฏาคม 2565", date(2022, 7, 3), TEXT),  # the common ฏ/ฎ typo
        ("3 กุมภาพันธ 2565", date(2022, 2, 3), TEXT),  # without the final ์
        ("29 ก.พ. 2567", date(2024, 2, 29), TEXT),
        ("1/1/00", date(1957, 1, 1), TEXT_2Y),  # 2500 BE
        ("31/12/99", date(2056, 12, 31), TEXT_2Y),  # 2599 BE
    ],
)
def test_text_forms(raw, expected, assumptions):
    assert parse_date(raw) == ParsedDate(expected, assumptions)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_and_abbreviation(month):
    for name in (MONTHS_FULL[month - 1], MONTHS_ABBR[month - 1]):
        assert parse_date(f"15 {name} 2566").value == date(2023, month, 15)


@pytest.mark.parametrize(
    "raw",
    [
        "๓\u200b ตุลา\u200bคม ๒๕๖๕",  # zero-width spaces, even inside the month name
        "\u200b3/10/2565\u200b",
        "３/１０/２５６５",  # full-width digits
        "3\u00a0ต.ค.\u00a02565",  # no-break spaces
        "ด\u0e4d\u0e32เนินการเมื่อวันที่ ๓ ตุลาคม ๒๕๖๕ “แล้ว”",  # ำ as ํ + า, from a PDF
        unicodedata.normalize("NFKD", "๓ ตุลาคม ๒๕๖๕"),
    ],
)
def test_text_with_unicode_noise(raw):
    assert parse_date(raw) == ParsedDate(OCT3, TEXT)


def test_first_date_in_a_sentence_wins():
    got = parse_date("ประชุมวันที่ 3 ต.ค. 2565 และรายงานวันที่ 5 พ.ย. 2565")
    assert got.value == OCT3


def test_a_date_like_number_that_is_no_date_is_skipped():
    assert parse_date("เวลา 08.30.00 น. วันที่ 3 ต.ค. 2565") == ParsedDate(OCT3, TEXT)
    assert parse_date("เวลา 08.30.00 น.") == ParsedDate(None, (), INVALID)


def test_a_numbered_list_is_not_a_date():
    assert parse_date("๑. ประชุม ๒. รายงาน ๓. เผยแพร่").error == UNPARSEABLE


def test_only_the_start_of_a_long_cell_is_searched():
    padding = "ก" * (td.MAX_SCAN - 20)
    assert parse_date(padding + " 3/10/2565" + "ข" * 32_000).value == OCT3
    assert parse_date("ก" * td.MAX_SCAN + " 3/10/2565").error == UNPARSEABLE


@pytest.mark.parametrize("raw", [None, "", "   ", "\u200b", "\u200b \u200b"])
def test_empty_is_no_date_and_no_error(raw):
    assert parse_date(raw) == ParsedDate(None)
    assert not parse_date(raw).ok


@pytest.mark.parametrize(
    "raw",
    [
        "hello",
        "ดำเนินการเป็นประจำทุกเดือน",
        "ตุลาคม 2565",  # no day
        "3 ตุลาคม",  # no year
        "(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)",
        "1/2566",
        "3/10/565",  # a 3-digit year
        "3 10 2565",  # no separator
        True,
        time(10, 30),
        object(),
        [2022, 10, 3],
        float("nan"),
        float("inf"),
    ],
)
def test_unparseable(raw):
    assert parse_date(raw) == ParsedDate(None, (), UNPARSEABLE)


@pytest.mark.parametrize(
    "raw",
    [
        "31/02/2566",
        "29 ก.พ. 2566",  # 2023 is not a leap year
        "32/10/2565",
        "0/10/2565",
        "3/13/2565",  # day first, always: there is no 13th month
        "2022-02-30",
        date(2564, 2, 29),  # a real leap day in 2564 CE, but 2564 BE (2021) has none
        60,  # Excel's fake 29 February 1900
    ],
)
def test_invalid(raw):
    assert parse_date(raw) == ParsedDate(None, (), INVALID)


# --- real dates and the never-twice rule ----------------------------------------------------------
def test_real_dates():
    assert parse_date(OCT3) == ParsedDate(OCT3)
    assert parse_date(datetime(2022, 10, 3, 14, 30)) == ParsedDate(OCT3)


def test_be_year_stored_as_ce_is_shifted_once():
    assert parse_date(date(2018, 10, 3)) == ParsedDate(date(2018, 10, 3))
    assert parse_date(date(2561, 10, 3)) == ParsedDate(date(2018, 10, 3), (BE_STORED_AS_CE,))
    assert parse_date(datetime(2565, 10, 3, 8)) == ParsedDate(OCT3, (BE_STORED_AS_CE,))
    assert parse_date(date(3104, 10, 3)) == ParsedDate(date(2561, 10, 3), (BE_STORED_AS_CE,))
    assert parse_date(date(2399, 12, 31)).value == date(2399, 12, 31)
    assert parse_date(date(2400, 1, 1)).value == date(1857, 1, 1)


def test_subclasses_take_the_slow_path():
    class MyDate(date):
        pass

    class MyDateTime(datetime):
        pass

    assert parse_date(MyDate(2565, 10, 3)) == ParsedDate(OCT3, (BE_STORED_AS_CE,))
    assert parse_date(MyDateTime(2022, 10, 3, 9)) == ParsedDate(OCT3)


@given(st.dates())
def test_a_real_date_is_never_shifted_twice(d):
    got = parse_date(d)
    if d.year < 2400:
        assert got == ParsedDate(d)
    elif got.ok:
        assert got == ParsedDate(d.replace(year=d.year - 543), (BE_STORED_AS_CE,))
    else:
        assert (got.error, d.month, d.day) == (INVALID, 2, 29)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_parsed_date_parses_to_itself(d):
    first = parse_date(d).value
    assert parse_date(first) == ParsedDate(first)


# --- Excel serial numbers ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (44837, OCT3),
        (44837.0, OCT3),
        (44837.99, OCT3),  # the fraction is the time of day
    ],
)
def test_serial_1900(serial, expected):
    assert parse_date(serial) == ParsedDate(expected, (FROM_SERIAL,))


def test_serial_1900_leap_bug():
    assert parse_date(59).value == date(1900, 2, 28)
    assert parse_date(60).error == INVALID
    assert parse_date(61).value == date(1900, 3, 1)
    assert excel_serial(date(1900, 2, 28)) == 59
    assert excel_serial(date(1900, 3, 1)) == 61


def test_serial_1904():
    assert parse_date(0, date1904=True) == ParsedDate(date(1904, 1, 1), (FROM_SERIAL,))
    assert parse_date(60, date1904=True).value == date(1904, 3, 1)
    assert parse_date(44837 - 1462, date1904=True) == ParsedDate(OCT3, (FROM_SERIAL,))
    assert excel_serial(OCT3, date1904=True) == 44837 - 1462


def test_serial_of_a_be_year_stored_as_ce():
    got = parse_date(excel_serial(date(2565, 10, 3)))
    assert got == ParsedDate(OCT3, (FROM_SERIAL, BE_STORED_AS_CE))
    assert parse_date(2958465) == ParsedDate(date(9456, 12, 31), (FROM_SERIAL, BE_STORED_AS_CE))


@pytest.mark.parametrize(
    ("serial", "date1904"),
    [(0, False), (-1, False), (0.5, False), (2958466, False), (10**30, False), (1e300, False), (-1, True)],
)
def test_serial_out_of_range(serial, date1904):
    assert parse_date(serial, date1904=date1904) == ParsedDate(None, (), UNPARSEABLE)


def test_numbers_of_other_types():
    assert parse_date(_Int(44837)).value == OCT3
    assert parse_date(_Float(44837.5)).value == OCT3


class _Int(int):
    pass


class _Float(float):
    pass


def test_excel_serial_refuses_dates_before_the_epoch():
    with pytest.raises(ValueError):
        excel_serial(date(1899, 12, 31))
    with pytest.raises(ValueError):
        excel_serial(date(1903, 12, 31), date1904=True)


_LAST_CE_SERIAL = excel_serial(date(2399, 12, 31))  # from 2400 on a date is read as BE stored as CE


@given(st.integers(min_value=1, max_value=_LAST_CE_SERIAL).filter(lambda n: n != 60))
def test_serial_to_date_to_serial(n):
    got = parse_date(n)
    assert got.assumptions == (FROM_SERIAL,)
    assert excel_serial(got.value) == n


@given(st.dates(min_value=date(1904, 1, 1), max_value=date(2399, 12, 31)), st.booleans())
def test_date_to_serial_to_date(d, date1904):
    assert parse_date(excel_serial(d, date1904=date1904), date1904=date1904).value == d
    assert parse_date(excel_serial(d, date1904=date1904) + 0.75, date1904=date1904).value == d


# --- formatting ----------------------------------------------------------------------------------
def test_format_thai():
    assert format_thai(OCT3) == "๓ ตุลาคม ๒๕๖๕"
    assert format_thai(OCT3, "abbr") == "๓ ต.ค. ๖๕"
    assert format_thai(OCT3, digits="arabic") == "3 ตุลาคม 2565"
    assert format_thai(OCT3, "abbr", "arabic") == "3 ต.ค. 65"
    assert format_thai(OCT3, "official") == "๓ เดือนตุลาคม พ.ศ. ๒๕๖๕"  # as the published report writes it
    assert format_thai(OCT3, with_era=True) == "๓ ตุลาคม พ.ศ. ๒๕๖๕"
    assert format_thai(date(1962, 1, 9), "abbr", "arabic") == "9 ม.ค. 05"
    assert format_thai(datetime(2022, 10, 3, 23, 59)) == "๓ ตุลาคม ๒๕๖๕"


@pytest.mark.parametrize(("style", "digits"), [("long", "thai"), ("full", "roman"), ("", "")])
def test_format_thai_refuses_unknown_options(style, digits):
    with pytest.raises(ValueError):
        format_thai(OCT3, style, digits)


def test_format_iso():
    assert format_iso(OCT3) == "2022-10-03"
    assert format_iso(datetime(2022, 10, 3, 12)) == "2022-10-03"
    assert format_iso(None) is None


# The full style writes a 4-digit BE year, which reads back as BE for every date from 1857 on.
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["thai", "arabic"]),
    st.booleans(),
)
def test_full_style_round_trips(d, digits, with_era):
    assert parse_date(format_thai(d, "full", digits, with_era=with_era)) == ParsedDate(d, TEXT)


# The abbr style writes a 2-digit BE year, read back as 25xx BE: only BE 2500-2599 round-trips,
# i.e. 1957-01-01 .. 2056-12-31 (everything the office will meet in this century).
@given(
    st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)),
    st.sampled_from(["thai", "arabic"]),
    st.booleans(),
)
def test_abbr_style_round_trips_within_be_25xx(d, digits, with_era):
    assert parse_date(format_thai(d, "abbr", digits, with_era=with_era)) == ParsedDate(d, TEXT_2Y)


def test_abbr_style_outside_be_25xx_wraps_around():
    assert parse_date(format_thai(date(2057, 1, 1), "abbr")).value == date(1957, 1, 1)
    assert parse_date(format_thai(date(1956, 12, 31), "abbr")).value == date(2056, 12, 31)


# --- Excel number formats ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code",
    [
        td.XL_DATE_FULL,
        td.XL_DATE_ABBR,
        td.XL_DATE_FULL_THAI_DIGITS,
        "[$-th-TH,107]d mmmm bbbb",
        "[$-,107]d/m/yyyy",
        "bbbb",
        "B1d/mm/yyyy",
        "B2dd/mm/yyyy",
        "d/m/yyyy",
        "dd/mm/yy",
        "mmm",
        "mmmm yyyy",
        "yyyy-mm-dd",
        "d-mmm-yy",
        "[$-F800]dddd, mmmm dd, yyyy",
        "[$-409]d-mmm-yy;@",
        "m/d/yy h:mm",
        "h:mm:ss",
        "h:mm AM/PM",
        "[h]:mm:ss",
        "mm:ss.0",
        '"วันที่ "d mmmm yyyy',
        "[Red]d/m/yyyy",
        "dd/mm/ee",
    ],
)
def test_date_formats(code):
    assert is_date_format(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "General",
        "general",
        "0",
        "0.00",
        "@",
        "#,##0",
        "#,##0.00_);[Red](#,##0.00)",
        "0.00E+00",
        "##0.0E-0",
        "0%",
        '"วันที่"',
        '"date"',
        '#,##0 "baht"',
        "[$฿-41E]#,##0.00",
        '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-',
        "\\d\\m\\y 0",
        ";;;",
    ],
)
def test_not_date_formats(code):
    assert not is_date_format(code)


# --- fiscal years and quarters -------------------------------------------------------------------
def test_be_year():
    assert be_year(OCT3) == 2565
    assert be_year(date(2023, 9, 30)) == 2566


@pytest.mark.parametrize(
    ("d", "fy", "quarter"),
    [
        (date(2022, 9, 30), 2565, 4),
        (date(2022, 10, 1), 2566, 1),
        (date(2022, 12, 31), 2566, 1),
        (date(2023, 1, 1), 2566, 2),
        (date(2023, 3, 31), 2566, 2),
        (date(2023, 4, 1), 2566, 3),
        (date(2023, 6, 30), 2566, 3),
        (date(2023, 7, 1), 2566, 4),
        (date(2023, 9, 30), 2566, 4),
        (date(2023, 10, 1), 2567, 1),
    ],
)
def test_fiscal_year_and_quarter_of(d, fy, quarter):
    assert fiscal_year_of(d) == fy
    assert fiscal_quarter_of(d) == (fy, quarter)


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))


def test_fiscal_quarter_bounds():
    assert [fiscal_quarter_bounds(2566, q) for q in (1, 2, 3, 4)] == [
        (date(2022, 10, 1), date(2022, 12, 31)),
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
    ]


def test_fiscal_month_date():
    assert fiscal_month_date(2566, 10) == (2022, 10)
    assert fiscal_month_date(2566, 12) == (2022, 12)
    assert fiscal_month_date(2566, 1) == (2023, 1)
    assert fiscal_month_date(2566, 9) == (2023, 9)


def test_month_end():
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2022, 12) == date(2022, 12, 31)
    assert month_end(2023, 4) == date(2023, 4, 30)


@pytest.mark.parametrize(
    "call",
    [
        lambda: fiscal_year_bounds(2023),  # a CE year passed by mistake
        lambda: fiscal_quarter_bounds(2566, 0),
        lambda: fiscal_quarter_bounds(2566, 5),
        lambda: fiscal_month_date(2566, 13),
        lambda: fiscal_month_date(2022, 10),
        lambda: month_end(2023, 0),
    ],
)
def test_fiscal_misuse_raises(call):
    with pytest.raises(ValueError):
        call()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)))
def test_fiscal_periods_contain_their_date(d):
    fy, q = fiscal_quarter_of(d)
    first, last = fiscal_year_bounds(fy)
    q_first, q_last = fiscal_quarter_bounds(fy, q)
    assert first <= q_first <= d <= q_last <= last
    assert fiscal_month_date(fy, d.month) == (d.year, d.month)
    end = month_end(d.year, d.month)
    assert end >= d and (end.year, end.month) == (d.year, d.month)
    assert (end + timedelta(days=1)).day == 1


# --- robustness ----------------------------------------------------------------------------------
@given(st.one_of(st.text(max_size=400), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_date_never_raises_and_is_consistent(value):
    got = parse_date(value)
    assert got.ok == (got.value is not None)
    if got.ok:
        assert got.error is None
        assert set(got.assumptions) <= set(td.ASSUMPTION_CODES)
        assert got.assumptions[0] == (FROM_TEXT if isinstance(value, str) else FROM_SERIAL)
    else:
        assert got.assumptions == ()
        assert got.error in (None, *td.ERROR_CODES)


def test_parsed_date_is_frozen():
    got = parse_date("3/10/2565")
    assert got.ok
    with pytest.raises(FrozenInstanceError):
        got.value = None


# --- messages ------------------------------------------------------------------------------------
def test_every_code_has_a_message():
    assert set(date_messages.MESSAGES) == {*td.ASSUMPTION_CODES, *td.ERROR_CODES}


@pytest.mark.parametrize("code", sorted(date_messages.MESSAGES))
def test_messages_render_with_value_and_year(code):
    thai, english = date_messages.MESSAGES[code]
    for template in (thai, english):
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        assert fields <= {"value", "year", "read"}  # read: the date as it was read, in Thai
        assert template.format(value="3/10/2565", year=2565, read="๓ ตุลาคม ๒๕๖๕")
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai)
    assert english.isascii() or "ต.ค." in english


@pytest.mark.parametrize(
    ("text", "first", "several"),
    [
        ("1/3/2566 - 31/3/2566", date(2023, 3, 1), True),
        ("25/10/65, 25/11/65", date(2022, 10, 25), True),
        ("31 มี.ค. 66", date(2023, 3, 31), False),
        ("ประชุม 08.30 น. 3/10/2565", date(2022, 10, 3), False),
    ],
)
def test_a_text_with_several_dates_is_said_to_have_them(text, first, several):
    """Only the first date is used: the clerk is told which, and that there were more."""
    parsed = td.parse_date(text)
    assert parsed.value == first
    assert (td.SEVERAL_IN_TEXT in parsed.assumptions) is several
