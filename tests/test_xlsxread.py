"""ita_xlsx.xlsxread on its own: the parts of a real workbook as the collector reads them (sheets and
their states, defined names, cell values by both readers, hyperlinks, protection, properties).

The workbooks are written here with XlsxWriter, small, each carrying the part under test. A cell far
off (AA1) sends a sheet to the expat reader instead of calamine: both must read the same values.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
import xlsxwriter

from ita_xlsx.intake.safezip import SafePackage
from ita_xlsx.read.xlsxread import (
    Area,
    Cell,
    cell_ref,
    column_letters,
    column_number,
    open_workbook,
    parse_area,
)


def written(fill, **options) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **options})
    fill(book)
    book.close()
    return buffer.getvalue()


def opened(data: bytes):
    package = SafePackage.open(data)
    package.verify()
    return open_workbook(package)


def replaced(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The workbook with one part's bytes edited (as a program other than Excel might write it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, body.replace(old, new) if info.filename == part else body)
    return out.getvalue()


# --- sheets and names -----------------------------------------------------------------------------
def test_sheets_in_workbook_order_with_their_states_and_parts():
    def fill(book):
        book.add_worksheet("มาตรการ")
        book.add_worksheet("_lists").hide()
        book.add_worksheet("_ita").very_hidden()

    wb = opened(written(fill))
    assert [(s.name, s.state) for s in wb.sheets] == [
        ("มาตรการ", "visible"),
        ("_lists", "hidden"),
        ("_ita", "veryHidden"),
    ]
    assert all(s.part and wb.package.has(s.part) for s in wb.sheets)
    assert wb.sheet("มาตรการ") is wb.sheets[0] and wb.sheet("Sheet9") is None


def test_defined_names_give_their_areas_sheet_scoped_and_broken_ones_do_not():
    def fill(book):
        book.add_worksheet("ผล 'ปี' 66")
        book.add_worksheet("Other")
        book.define_name("ita_status", "='ผล ''ปี'' 66'!$E$7:$E$30")
        book.define_name("ita_one", "=Other!$B$2")
        book.define_name("Other!ita_local", "=Other!$A$1")
        book.define_name("ita_broken", "=#REF!")

    wb = opened(written(fill))
    assert wb.area("ita_status") == Area("ผล 'ปี' 66", 5, 7, 5, 30)
    assert wb.area("ita_one") == Area("Other", 2, 2, 2, 2)
    assert wb.area("ita_broken") is None
    assert wb.area("ita_local") is None  # a sheet's own name is not the workbook's
    assert wb.area("ita_absent") is None


@pytest.mark.parametrize(
    ("formula", "area"),
    [
        ("Sheet1!$B$3:$D$9", Area("Sheet1", 2, 3, 4, 9)),
        ("=Sheet1!D9:B3", Area("Sheet1", 2, 3, 4, 9)),  # corners either way
        ("'a b'!A1", Area("a b", 1, 1, 1, 1)),
        ("Sheet1!A1:B", None),
        ("#REF!", None),
    ],
)
def test_parse_area(formula, area):
    assert parse_area(formula) == area


def test_cell_references():
    assert (column_number("A"), column_number("xfd"), column_letters(28), cell_ref(4, 8)) == (
        1,
        16384,
        "AB",
        "H4",
    )
    with pytest.raises(ValueError):
        column_letters(16385)


# --- cells ----------------------------------------------------------------------------------------
def cells_book(far_cell: bool, *, error: bool = False) -> bytes:
    """A row of typed cells; ``far_cell`` puts one beyond Z (read by expat), ``error`` an error value."""

    def fill(book):
        ws = book.add_worksheet("มาตรการ")
        date_style = book.add_format({"num_format": "d mmmm yyyy"})
        ws.write_string("A1", "ประชุม ๒ ครั้ง")
        ws.write_number("B1", 12.5)
        ws.write_boolean("C1", True)
        ws.write_datetime("D1", dt.datetime(2023, 1, 5), date_style)
        if error:
            ws.write_formula("E1", "=1/0", None, "#DIV/0!")
        ws.write_formula("F1", '="ก"&"ข"', None, "กข")
        ws.write_string("A2", "second row")
        if far_cell:
            ws.write_string("AA1", "far")

    return written(fill)


@pytest.mark.parametrize("far_cell", [False, True], ids=["calamine", "expat"])
def test_cell_values_as_typed_with_dates_known_by_their_format(far_cell):
    wb = opened(cells_book(far_cell))
    cells, issues = wb.read_cells(wb.sheet("มาตรการ"), {1, 2, 3, 4, 5, 6}, 1, 1)
    assert issues == []
    assert cells[(1, 1)].value == "ประชุม ๒ ครั้ง"
    assert cells[(1, 2)].value == 12.5 and not cells[(1, 2)].is_date
    assert cells[(1, 3)].value is True
    date = cells[(1, 4)]
    # calamine gives the date itself, expat the serial number with its date format noted
    assert date.is_date and date.value == (44931.0 if far_cell else dt.date(2023, 1, 5))
    assert cells[(1, 6)].value == "กข"


@pytest.mark.parametrize("far_cell", [False, True], ids=["compact", "far"])
def test_an_error_value_is_read_as_an_error(far_cell):
    """calamine reads an error cell as empty, so a sheet holding one is read by expat, which keeps it."""
    wb = opened(cells_book(far_cell, error=True))
    cells, _ = wb.read_cells(wb.sheet("มาตรการ"), {5}, 1, 1)
    assert cells[(1, 5)] == Cell("#DIV/0!", kind="e")


@pytest.mark.parametrize("far_cell", [False, True], ids=["calamine", "expat"])
def test_rows_with_a_value_in_the_wanted_columns_only(far_cell):
    wb = opened(cells_book(far_cell))
    rows, _ = wb.read_rows(wb.sheet("มาตรการ"), [2, 1], 1, 5)
    assert rows == {
        1: [Cell(12.5, kind="n"), Cell("ประชุม ๒ ครั้ง", kind="s")],
        2: [None, Cell("second row", kind="s")],
    }


def test_a_cell_pointing_past_the_shared_strings_is_an_issue_at_its_cell():
    data = cells_book(far_cell=True)
    sheet = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(sheet)
    a2 = re.search(rb'<c r="A2" t="s"><v>\d+</v>', xml)[0]
    wb = opened(replaced(data, sheet, a2, b'<c r="A2" t="s"><v>999</v>'))
    cells, issues = wb.read_cells(wb.sheet("มาตรการ"), {1}, 1, 2)
    assert [(i.ref, i.reason) for i in issues] == [("A2", "shared-string-missing")]
    assert (2, 1) not in cells and cells[(1, 1)].value == "ประชุม ๒ ครั้ง"


def test_number_format_of_a_cell():
    wb = opened(cells_book(far_cell=False))
    sheet = wb.sheet("มาตรการ")
    assert wb.number_format(sheet, "D1") == "d mmmm yyyy"
    assert wb.number_format(sheet, "B1") == "General"


# --- hyperlinks -----------------------------------------------------------------------------------
def test_hyperlinks_of_cells_external_formula_and_internal():
    def fill(book):
        ws = book.add_worksheet("มาตรการ")
        book.add_worksheet("Other")
        ws.write_url("H7", "https://example.go.th/report.pdf", string="รายงาน")
        ws.write_formula("H8", '=HYPERLINK("https://example.go.th/a?x=1","ดู")', None, "ดู")
        ws.write_url("H9", "internal:Other!A1", string="ไปที่")
        ws.write_string("H10", "https://typed.example.go.th")  # typed text, not a link

    wb = opened(written(fill))
    links = wb.hyperlinks(wb.sheet("มาตรการ"))
    assert links == {
        "H7": "https://example.go.th/report.pdf",
        "H8": "https://example.go.th/a?x=1",
        "H9": "#Other!A1",  # a place in the workbook
    }
    assert wb.hyperlinks(wb.sheet("Other")) == {}


# --- protection, properties, dates ----------------------------------------------------------------
def test_sheet_protection_is_seen_and_its_absence_too():
    def fill(book):
        book.add_worksheet("locked").protect("pw")
        book.add_worksheet("open")

    wb = opened(written(fill))
    assert wb.is_protected(wb.sheet("locked"))
    assert not wb.is_protected(wb.sheet("open"))


def test_custom_properties_application_and_the_1904_date_system():
    def fill(book):
        book.add_worksheet("s")
        book.set_custom_property("ita_plan_id", "plan-2566")
        book.set_properties({"author": "x"})

    wb = opened(written(fill, date_1904=True))
    assert wb.properties["ita_plan_id"] == "plan-2566"
    assert wb.application == "Microsoft Excel"
    assert wb.date1904
    assert not opened(written(lambda book: book.add_worksheet("s"))).date1904
