"""The division workbooks in a real LibreOffice (tests/libreoffice.py): they open without repair, a
clerk can fill and save them, locked cells refuse typing, and they print with their Thai text.

LibreOffice is required: without it these tests fail (never skip) and say how to install it.
What LibreOffice does to a saved template is asserted here as measured (LibreOffice 7.4, th-TH):
typed "3/10/2565" is stored as 3 Oct 2565 CE (543 years late, accepted by the BE-typed window of the
date validation and shown as typed by the conditional format); Thai digits are read as a date too; the
very hidden identity sheet comes back merely hidden and the workbook structure protection is dropped;
names, validations, conditional formats, sheet protection, row heights and string properties survive.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ita_xlsx.core import status, textnorm, thaidates
from ita_xlsx.read import layout
from ita_xlsx.template.protection import legacy_password_hash
from ita_xlsx.template.writer import XL_DATE_TYPED_BE, write_templates

import libreoffice as lo
from template_books import PASSWORD, name_cells, name_range, open_book

SHEETS = [
    layout.INSTRUCTIONS_SHEET,
    layout.MEASURES_SHEET,
    layout.LOG_SHEET,
    layout.LISTS_SHEET,
    layout.IDENTITY_SHEET,
]
RESULT = "จัดประชุมชี้แจงเจ้าหน้าที่ ๑๒ คน เมื่อวันที่ ๓ ตุลาคม ๒๕๖๕ “ตามแผน”"
EVIDENCE = "https://mueangphalai.example/ita/2566/รายงาน.pdf"
LOG_DETAIL = "ประชุมประจำเดือน ครั้งที่ ๑/๒๕๖๖"


@pytest.fixture(scope="module", autouse=True)
def _libreoffice_required():
    if not lo.available():
        pytest.fail(f"LibreOffice is required for these tests: {lo.INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="module")
def templates(sample_plan, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    written, found = write_templates(sample_plan, folder, password=PASSWORD)
    assert not [p for p in found if p.severity == "error"]
    return {p.name.split("_")[2]: p for p in written}


def _cell(wb, name: str, index: int = 0) -> tuple[str, str]:
    """(sheet, coordinate) of the index-th cell of a named range."""
    return name_range(wb, name)[0], name_cells(wb, name)[index].coordinate


@pytest.fixture(scope="module")
def filled(templates, tmp_path_factory) -> dict:
    """The finance workbook as a clerk fills it in LibreOffice and saves it as .xlsx."""
    src = templates["finance"]
    wb = open_book(src)
    edits = {
        "status": (*_cell(wb, layout.NAME_STATUS), status.STATUS_BY_CODE["done"].th),
        "date": (*_cell(wb, layout.NAME_ACTION_DATE), "3/10/2565"),
        "result": (*_cell(wb, layout.NAME_RESULT), RESULT),
        "evidence": (*_cell(wb, layout.NAME_EVIDENCE), EVIDENCE),
        "note": (*_cell(wb, layout.NAME_NOTE), "=1+1"),
        "thai_digits": (*_cell(wb, layout.NAME_ACTION_DATE, 1), "๓/๑๐/๒๕๖๕"),
        "ce_date": (*_cell(wb, layout.NAME_ACTION_DATE, 2), "3/10/2022"),
        "bad_status": (*_cell(wb, layout.NAME_STATUS, 1), "เสร็จแล้ว"),
        "out_of_window": (*_cell(wb, layout.NAME_ACTION_DATE, 3), "3/10/2500"),
        "log_measure": (*_cell(wb, layout.NAME_LOG_MEASURE), "i11"),
        "log_date": (*_cell(wb, layout.NAME_LOG_DATE), "31/10/2565"),
        "log_detail": (*_cell(wb, layout.NAME_LOG_DETAIL), LOG_DETAIL),
        "log_evidence": (*_cell(wb, layout.NAME_LOG_EVIDENCE), "บันทึกข้อความ ที่ นม ๘๘๐๐๑/๑๒๓"),
    }
    dst = tmp_path_factory.mktemp("filled") / src.name
    changed = lo.fill_and_save(src, dst, list(edits.values()), as_user=True)
    return {
        "src": src,
        "dst": dst,
        "before": wb,
        "after": open_book(dst),
        "edits": edits,
        "changed": dict(zip(edits, changed, strict=True)),
    }


def _value(filled: dict, key: str):
    sheet, cell, _ = filled["edits"][key]
    return filled["after"][sheet][cell]


# --- opening ---------------------------------------------------------------------------------------
def test_every_sample_template_opens_without_repair(templates):
    assert set(templates) == {"palad", "finance", "works", "education", "audit"}
    for path in templates.values():
        assert lo.open_without_repair(path) == SHEETS, path.name


# --- a clerk's fill --------------------------------------------------------------------------------
def test_typed_values_come_back_exactly(filled):
    assert filled["changed"]["status"] and filled["changed"]["result"]
    assert _value(filled, "status").value == "ดำเนินการแล้ว"
    assert _value(filled, "result").value == RESULT
    assert _value(filled, "evidence").value == EVIDENCE
    assert _value(filled, "log_measure").value == "i11"
    assert _value(filled, "log_detail").value == LOG_DETAIL
    assert _value(filled, "log_evidence").value == "บันทึกข้อความ ที่ นม ๘๘๐๐๑/๑๒๓"


def test_typed_be_date_is_stored_543_years_late_and_read_back_right(filled):
    cell = _value(filled, "date")
    assert cell.value == dt.datetime(2565, 10, 3)  # what LibreOffice really stores
    parsed = thaidates.parse_date(cell.value)
    assert parsed.value == dt.date(2022, 10, 3) and thaidates.BE_STORED_AS_CE in parsed.assumptions
    assert "107041E" in cell.number_format  # the BE format survives the save
    assert _value(filled, "thai_digits").value == dt.datetime(2565, 10, 3)  # Thai digits are read too
    assert _value(filled, "ce_date").value == dt.datetime(2022, 10, 3)
    assert _value(filled, "log_date").value == dt.datetime(2565, 10, 31)


def test_validations_refuse_what_they_should(filled):
    assert filled["changed"]["bad_status"] is False and _value(filled, "bad_status").value is None
    assert filled["changed"]["out_of_window"] is False and _value(filled, "out_of_window").value is None


def test_a_formula_typed_by_the_clerk_stays_a_formula(filled):
    cell = _value(filled, "note")
    assert cell.data_type == "f" and cell.value == "=1+1"  # the collector must read such cells as text


def test_names_validations_and_formats_survive_the_save(filled):
    before, after = filled["before"], filled["after"]
    for name in (*layout.INPUT_NAMES, *layout.LOCKED_NAMES, layout.NAME_DUE_DATE, *layout.LOG_NAMES):
        assert name_range(after, name) == name_range(before, name), name
    for sheet in (layout.MEASURES_SHEET, layout.LOG_SHEET):
        kept = {
            (str(v.sqref), v.type, v.formula1.replace("'", "") if v.formula1 else None)
            for v in after[sheet].data_validations.dataValidation
            if v.type
        }
        wanted = {
            (str(v.sqref), v.type, v.formula1.replace("'", "") if v.formula1 else None)
            for v in before[sheet].data_validations.dataValidation
            if v.type
        }
        assert kept == wanted, sheet
        formats = [
            r.dxf.numFmt.formatCode.replace("\\", "")
            for cf in after[sheet].conditional_formatting
            for r in cf.rules
        ]
        assert formats == [XL_DATE_TYPED_BE]


def test_protection_heights_and_fonts_survive_the_save(filled):
    before, after = filled["before"], filled["after"]
    for sheet in (layout.INSTRUCTIONS_SHEET, layout.MEASURES_SHEET, layout.LOG_SHEET):
        protection = after[sheet].protection
        assert protection.sheet and protection.password.upper() == legacy_password_hash(PASSWORD)
        heights = [after[sheet].row_dimensions[r].height for r in range(1, before[sheet].max_row + 1)]
        assert heights == [
            before[sheet].row_dimensions[r].height for r in range(1, before[sheet].max_row + 1)
        ]
    cell = after[layout.MEASURES_SHEET][_value(filled, "result").coordinate]
    assert (cell.font.name, cell.font.sz) == ("TH Sarabun New", 16)


def test_what_libreoffice_drops(filled):
    after = filled["after"]
    assert after[layout.IDENTITY_SHEET].sheet_state == "hidden"  # was veryHidden
    assert not (after.security and after.security.lockStructure)  # structure protection dropped
    props = {p.name: p for p in after.custom_doc_props.props}
    assert {type(p).__name__ for p in props.values()} == {"StringProperty"}
    assert props[layout.PROPERTY_PREFIX + "fiscal_year"].value == "2566"


def test_identity_survives_the_save(filled):
    ws = filled["after"][layout.IDENTITY_SHEET]
    keys = [ws.cell(row=r, column=1).value for r in range(1, len(layout.IDENTITY_KEYS) + 1)]
    assert keys == list(layout.IDENTITY_KEYS)
    values = {k: ws.cell(row=r, column=2).value for r, k in enumerate(keys, start=1)}
    assert values["division"] == "finance" and values["fiscal_year"] == "2566"


# --- protection as a user meets it ---------------------------------------------------------------
def test_locked_cells_refuse_typing_and_input_cells_accept(templates):
    src = templates["palad"]
    wb = open_book(src)
    for name in (layout.NAME_QUESTION, layout.NAME_MEASURE_ID, layout.NAME_DUE_DATE):
        assert lo.try_user_write(src, *_cell(wb, name), "แก้ไขเอง") is False, name
    assert lo.try_user_write(src, layout.INSTRUCTIONS_SHEET, "B2", "แก้ไขเอง") is False
    assert lo.try_user_write(src, layout.LOG_SHEET, "A4", "99") is False
    for name in (layout.NAME_RESULT, layout.NAME_NOTE, layout.NAME_LOG_DETAIL):
        assert lo.try_user_write(src, *_cell(wb, name), "ทดสอบ") is True, name


# --- print -----------------------------------------------------------------------------------------
def _pdf_text(pdf: Path) -> str:
    """pdftotext's text, compared without spaces and marks (it splits and reorders Thai marks)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return _bare(text)


def _bare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u0e33", "\u0e32")  # sara am → its vowel part
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Mn")


def test_pdf_holds_the_thai_text_of_the_measures(templates, sample_plan, tmp_path):
    pdf = lo.convert(templates["finance"], "pdf", tmp_path)
    text = _pdf_text(pdf)
    for measure in sample_plan.measures_for("finance"):
        first_line = textnorm.fold(measure.question.splitlines()[0])[:24]  # a printed line holds more
        assert _bare(first_line) in text, measure.id
    assert _bare("องค์การบริหารส่วนตำบลเมืองพะไล") in text and _bare("กองคลัง") in text


def test_filled_pdf_shows_the_typed_date_as_typed(filled, tmp_path):
    text = _pdf_text(lo.convert(filled["dst"], "pdf", tmp_path))
    assert _bare("3 ตุลาคม 2565") in text and "3108" not in text
    assert _bare(RESULT[:20]) in text
