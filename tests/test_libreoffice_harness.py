"""The LibreOffice harness (tests/libreoffice.py) against a real headless LibreOffice.

These tests are never skipped: CI installs LibreOffice with .ci/install-libreoffice.sh.
"""

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
import xlsxwriter

import libreoffice as lo

SHEET = "รายงาน"
DONE = "ดำเนินการแล้ว"
STATUSES = [DONE, "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ"]


@pytest.fixture(scope="module", autouse=True)
def _require_libreoffice():
    if not lo.available():
        pytest.fail(f"LibreOffice with Python-UNO is missing: {lo.INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A protected sheet: locked header, unlocked status (B5), BE date (C5) and list-validated (D5) cells."""
    path = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet(SHEET)
    unlocked = wb.add_format({"locked": False})
    be_date = wb.add_format({"locked": False, "num_format": "[$-107041E]d mmmm yyyy"})
    ws.set_column("A:D", 30)
    for row in range(5):
        ws.set_row(row, 24)
    ws.write_row("A1", ["มาตรการ", "ผลการดำเนินการ", "วันที่ดำเนินการ", "สถานะ"])
    ws.write_blank("B5", None, unlocked)
    ws.write_blank("C5", None, be_date)
    ws.write_blank("D5", None, unlocked)
    ws.data_validation("D5", {"validate": "list", "source": STATUSES, "error_type": "stop"})
    ws.protect()
    wb.add_worksheet("ข้อมูล").write("A1", "x")
    wb.close()
    return path


def test_open_without_repair_lists_sheets_despite_a_stale_lock_file(template):
    (template.parent / f".~lock.{template.name}#").write_text("stale,clerk,pc,01.01.2024 00:00,file:///x;\n")
    assert lo.open_without_repair(template) == [SHEET, "ข้อมูล"]


def test_open_without_repair_rejects_a_non_spreadsheet(tmp_path):
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_bytes(b"not a workbook at all\n" * 10)
    with pytest.raises(lo.LibreOfficeError):
        lo.open_without_repair(bogus)


def test_fill_and_save_as_a_clerk(template, tmp_path):
    out = tmp_path / "filled.xlsx"
    changed = lo.fill_and_save(
        template, out, [(SHEET, "B5", DONE), (SHEET, "C5", "3/10/2565"), (SHEET, "D5", DONE)]
    )
    assert changed == [True, True, True]
    ws = openpyxl.load_workbook(out)[SHEET]
    assert ws["B5"].value == DONE
    assert ws["D5"].value == DONE
    # LibreOffice (th-TH profile, Gregorian calendar) reads "3/10/2565" day first and takes 2565 as a
    # CE year: a real date 543 years late, shown as "3 ตุลาคม 3108". Readers must subtract 543 once.
    assert ws["C5"].value == dt.datetime(2565, 10, 3)
    assert "107041E" in ws["C5"].number_format  # the BE format survives (spaces come back escaped: d\ mmmm)
    assert ws.protection.sheet


def test_typed_date_in_an_en_us_profile_is_month_first(template, tmp_path):
    out = tmp_path / "en.xlsx"
    lo.fill_and_save(template, out, [(SHEET, "C5", "3/10/2565")], locale="en-US")
    # Same keystrokes on an en-US LibreOffice: 10 March 2565 CE, day and month swapped as well.
    assert openpyxl.load_workbook(out)[SHEET]["C5"].value == dt.datetime(2565, 3, 10)


def test_typing_obeys_validation_and_a_date_object_is_a_real_date(template, tmp_path):
    out = tmp_path / "invalid.xlsx"
    edits = [(SHEET, "D5", "เสร็จแล้ว"), (SHEET, "C5", dt.date(2022, 10, 3))]
    assert lo.fill_and_save(template, out, edits) == [False, True]
    ws = openpyxl.load_workbook(out)[SHEET]
    assert ws["D5"].value is None  # not in the list: the validation stop refused it
    assert ws["C5"].value == dt.datetime(2022, 10, 3)


def test_try_user_write_is_refused_on_a_locked_cell(template):
    assert lo.try_user_write(template, SHEET, "A1", "แก้หัวตาราง") is False
    assert lo.try_user_write(template, SHEET, "B5", "แก้ได้") is True


def test_api_write_ignores_protection(template, tmp_path):
    out = tmp_path / "api.xlsx"
    edits = [(SHEET, "A1", "แก้หัวตาราง"), (SHEET, "C5", dt.date(2022, 10, 3)), (SHEET, "D5", "อะไรก็ได้")]
    assert lo.fill_and_save(template, out, edits, as_user=False) == [True, True, True]
    ws = openpyxl.load_workbook(out)[SHEET]
    assert [ws["A1"].value, ws["C5"].value, ws["D5"].value] == [
        "แก้หัวตาราง",
        dt.datetime(2022, 10, 3),
        "อะไรก็ได้",
    ]


def test_convert_to_pdf_keeps_thai_text(template, tmp_path):
    filled = tmp_path / "filled.xlsx"
    lo.fill_and_save(template, filled, [(SHEET, "B5", DONE)])
    pdf = lo.convert(filled, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), f"pdftotext missing: {lo.INSTALL_HINT}"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext may put spaces inside Thai words (between glyph clusters): compare without whitespace.
    assert DONE in "".join(text.split())


def test_convert_to_xlsx_and_a_failing_conversion(template, tmp_path):
    out = lo.convert(template, "xlsx", tmp_path)
    assert openpyxl.load_workbook(out).sheetnames == [SHEET, "ข้อมูล"]
    with pytest.raises(lo.LibreOfficeError, match="made no"):
        lo.convert(template, "nosuchformat", tmp_path)
