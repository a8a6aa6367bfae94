"""The division workbooks (ita-xlsx templates), read back with openpyxl: structure, names, validations,
protection, look, identity, prefill, files and the command line.

The small plan is ``tests/golden/plan-small.yaml``: every kind of schedule, finance and palad sharing
measures, a division (works) without any, and plan texts starting with "=" and "+".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries

from ita_xlsx.cli import cli
from ita_xlsx.core import sizing, status, style, thaidates
from ita_xlsx.read import layout
from ita_xlsx.template import content
from ita_xlsx.template.protection import legacy_password_hash
from ita_xlsx.template.writer import PASSWORD_FILE, XL_DATE_TYPED_BE, build_template, write_templates

from template_books import (
    GENERATED,
    PASSWORD,
    SMALL_PLAN,
    identity_rows,
    load_small_plan,
    name_cells,
    name_range,
    name_values,
    open_book,
    zip_parts,
)

MEASURE_NAMES = (*layout.INPUT_NAMES, *layout.LOCKED_NAMES, layout.NAME_DUE_DATE)


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plan():
    return load_small_plan()


@pytest.fixture(scope="module")
def finance_bytes(plan) -> bytes:
    return build_template(plan, "6m", "finance", password=PASSWORD, generated=GENERATED)


@pytest.fixture(scope="module")
def finance(finance_bytes) -> openpyxl.Workbook:
    return open_book(finance_bytes)


# --- sheets, names, validations -------------------------------------------------------------------
def test_sheets_in_order_with_their_states(finance):
    states = [(ws.title, ws.sheet_state) for ws in finance.worksheets]
    assert states == [
        (layout.INSTRUCTIONS_SHEET, "visible"),
        (layout.MEASURES_SHEET, "visible"),
        (layout.LOG_SHEET, "visible"),
        (layout.LISTS_SHEET, "hidden"),
        (layout.IDENTITY_SHEET, "veryHidden"),
    ]
    assert finance.active.title == layout.INSTRUCTIONS_SHEET


def test_measure_names_cover_exactly_the_measure_rows_of_one_column(finance, plan):
    rows = {int(r[0]) for r in identity_rows(finance)[len(layout.IDENTITY_KEYS) + 2 :]}
    columns = set()
    for name in MEASURE_NAMES:
        sheet, ref = name_range(finance, name)
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        assert sheet == layout.MEASURES_SHEET
        assert min_col == max_col, f"{name} spans one column"
        assert set(range(min_row, max_row + 1)) == rows, name
        columns.add(min_col)
    assert len(columns) == len(MEASURE_NAMES), "each name has its own column"
    assert name_values(finance, layout.NAME_MEASURE_ID) == [m.id for m in plan.measures_for("finance")]


def test_log_names_cover_exactly_the_log_rows(finance):
    columns = set()
    for name in layout.LOG_NAMES:
        sheet, ref = name_range(finance, name)
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        assert sheet == layout.LOG_SHEET and min_col == max_col
        assert max_row - min_row + 1 == layout.LOG_ROWS
        columns.add(min_col)
    assert len(columns) == len(layout.LOG_NAMES)


def test_locked_texts_are_the_layout_texts(finance, plan):
    measures = plan.measures_for("finance")
    assert name_values(finance, layout.NAME_QUESTION) == [layout.question_text(plan, m) for m in measures]
    assert name_values(finance, layout.NAME_STEPS) == [m.steps for m in measures]
    assert name_values(finance, layout.NAME_REPORTING) == [layout.reporting_text(m) for m in measures]
    rnd = plan.round("6m")
    assert name_values(finance, layout.NAME_DUE_DATE) == [content.due_text(plan, m, rnd) for m in measures]


def _validations(ws) -> dict[str, object]:
    """Validations keyed by the range they cover."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def _covers(wb, name: str) -> str:
    return name_range(wb, name)[1]


def test_status_dropdown_comes_from_the_lists_sheet(finance):
    dv = _validations(finance[layout.MEASURES_SHEET])[_covers(finance, layout.NAME_STATUS)]
    assert dv.type == "list"
    sheet, ref = dv.formula1.split("!")
    assert sheet.strip("'") == layout.LISTS_SHEET
    values = [row[0].value for row in finance[layout.LISTS_SHEET][ref.replace("$", "")]]
    assert tuple(values) == status.STATUS_LABELS_TH
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
    assert dv.showInputMessage and dv.prompt and dv.error and dv.errorTitle and dv.promptTitle


def test_status_labels_are_near_the_inline_limit_so_they_go_through_a_range():
    # Measured: 80 characters, 241 UTF-8 bytes: under Excel's 255 for an inline list, but so close
    # that one more or longer label would make Excel drop the validation. Hence the _lists range.
    inline = ",".join(status.STATUS_LABELS_TH)
    assert len(inline.encode("utf-8")) > 255 * 0.9


@pytest.mark.parametrize(
    ("sheet", "name"),
    [
        (layout.MEASURES_SHEET, layout.NAME_ACTION_DATE),
        (layout.LOG_SHEET, layout.NAME_LOG_DATE),
    ],
)
def test_date_cells_accept_the_window_either_way_and_show_be(finance, plan, sheet, name):
    dv = _validations(finance[sheet])[_covers(finance, name)]
    first = _covers(finance, name).split(":")[0]
    start, end = content.date_window(plan)
    assert dv.type == "custom"
    assert dv.formula1 == (
        f"AND(ISNUMBER({first}),OR(AND({first}>=DATE({start.year},10,1),{first}<=DATE({end.year},9,30)),"
        f"AND({first}>=DATE({start.year + 543},10,1),{first}<=DATE({end.year + 543},9,30))))"
    )
    assert dv.showErrorMessage and "3/10/2565" in dv.prompt and "3/10/2565" in dv.error
    assert {c.number_format for c in name_cells(finance, name)} == {thaidates.XL_DATE_FULL}
    rules = [
        r
        for cf in finance[sheet].conditional_formatting
        for r in cf.rules
        if str(cf.sqref) == _covers(finance, name)
    ]
    assert [r.dxf.numFmt.formatCode for r in rules] == [XL_DATE_TYPED_BE]


def test_log_measure_dropdown_lists_the_division_measure_ids(finance, plan):
    dv = _validations(finance[layout.LOG_SHEET])[_covers(finance, layout.NAME_LOG_MEASURE)]
    assert dv.type == "list"
    sheet, ref = dv.formula1.split("!")
    values = [row[0].value for row in finance[sheet.strip("'")][ref.replace("$", "")]]
    assert values == [m.id for m in plan.measures_for("finance")]


def test_log_note_names_the_recurring_measures(finance):
    note = finance[layout.LOG_SHEET]["A2"].value
    assert "m1" in note and "m3" in note and "m5" in note and "m2 " not in note


def test_instructions_say_who_when_and_how(finance, plan):
    text = "\n".join(
        str(c.value) for row in finance[layout.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    for needle in (
        "องค์การบริหารส่วนตำบลทดสอบ",
        "พ.ศ. ๒๕๖๖",
        "รอบ ๖ เดือน",
        "๑ ตุลาคม ๒๕๖๕",
        "๓๑ มีนาคม ๒๕๖๖",
        "กองคลัง",
        "สำนักปลัด อบต.",
        "palad@test.example",
        "saraban@test.example",
        "๑๐ เมษายน ๒๕๖๖",
        "3/10/2565",
        "ห้ามเปลี่ยนชื่อแผ่นงาน",
        "แทรกหรือลบแถว",
        *status.STATUS_LABELS_TH,
    ):
        assert needle in text, needle


# --- protection -----------------------------------------------------------------------------------
def test_every_sheet_is_protected_with_the_password_hash(finance):
    for ws in finance.worksheets:
        p = ws.protection
        assert p.sheet, ws.title
        assert p.password == legacy_password_hash(PASSWORD)
        assert p.insertRows and p.deleteRows and p.insertColumns and p.deleteColumns and p.sort
        assert not p.selectLockedCells and not p.selectUnlockedCells  # True would forbid selecting
    assert finance.security.lockStructure
    assert finance.security.workbookPassword == legacy_password_hash(PASSWORD)


def test_workbook_protection_sits_where_excel_wants_it(finance_bytes):
    xml = zip_parts(finance_bytes)["xl/workbook.xml"].decode()
    order = [xml.index(tag) for tag in ("<fileVersion", "<workbookPr", "<workbookProtection", "<bookViews")]
    assert order == sorted(order)
    assert 'lockStructure="1"' in xml


def test_legacy_hash_is_the_one_xlsxwriter_writes_for_sheets(finance_bytes):
    sheet_xml = zip_parts(finance_bytes)["xl/worksheets/sheet1.xml"].decode()
    assert f'password="{legacy_password_hash(PASSWORD)}"' in sheet_xml
    assert legacy_password_hash("password") == "83AF"  # the value Excel writes for "password"


def _unlocked(ws) -> set[str]:
    return {
        c.coordinate
        for row in ws.iter_rows()
        for c in row
        if not isinstance(c, openpyxl.cell.cell.MergedCell) and c.protection.locked is False
    }


def test_unlocked_cells_are_exactly_the_input_cells(finance):
    expected: dict[str, set[str]] = {ws.title: set() for ws in finance.worksheets}
    for name in (*layout.INPUT_NAMES, *layout.LOG_NAMES):
        sheet = name_range(finance, name)[0]
        expected[sheet] |= {c.coordinate for c in name_cells(finance, name)}
    assert {ws.title: _unlocked(ws) for ws in finance.worksheets} == expected


def test_input_cells_are_shaded_and_locked_ones_are_not(finance):
    fill = "FF" + style.FILL_INPUT.lstrip("#").upper()
    for name in (*layout.INPUT_NAMES, *layout.LOG_NAMES):
        assert {c.fill.fgColor.rgb for c in name_cells(finance, name)} == {fill}, name
    for name in (*layout.LOCKED_NAMES, layout.NAME_DUE_DATE):
        assert fill not in {c.fill.fgColor.rgb for c in name_cells(finance, name)}, name


# --- look and print -------------------------------------------------------------------------------
def test_every_cell_is_th_sarabun_new_16(finance):
    fonts = {(c.font.name, c.font.sz) for ws in finance.worksheets for row in ws.iter_rows() for c in row}
    assert fonts == {(style.FONT_NAME, style.FONT_SIZE)}


@pytest.mark.parametrize("sheet", [layout.INSTRUCTIONS_SHEET, layout.MEASURES_SHEET, layout.LOG_SHEET])
def test_every_row_has_an_explicit_height_of_a_line_at_least(finance, sheet):
    ws = finance[sheet]
    for r in range(1, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        assert height is not None and ws.row_dimensions[r].customHeight, f"{sheet} row {r}"
        assert height >= style.ROW_HEIGHT_PER_LINE


def test_measure_rows_are_tall_enough_for_their_longest_text(finance):
    ws = finance[layout.MEASURES_SHEET]
    for cell in name_cells(finance, layout.NAME_STEPS):
        lines = cell.value.count("\n") + 1
        assert ws.row_dimensions[cell.row].height >= lines * style.ROW_HEIGHT_PER_LINE


def _width(ws, column: int) -> float:
    """A column's width; XlsxWriter writes neighbours of equal width as one <col min max> range."""
    return next(d.width for d in ws.column_dimensions.values() if d.min <= column <= d.max)


def test_no_measure_text_outgrows_its_row_in_the_sample_plan(sample_plan):
    """Rows cannot exceed 409 pt: long texts (O36 of the audit unit) widen the plan-text columns."""
    for division in sample_plan.divisions:
        wb = open_book(build_template(sample_plan, "6m", division.code, password=PASSWORD))
        ws = wb[layout.MEASURES_SHEET]
        for name in (layout.NAME_QUESTION, layout.NAME_STEPS, layout.NAME_REPORTING):
            for cell in name_cells(wb, name):
                lines = sizing.wrapped_lines(cell.value, _width(ws, cell.column))
                assert lines * style.ROW_HEIGHT_PER_LINE <= ws.row_dimensions[cell.row].height <= 409, (
                    division.code,
                    cell.coordinate,
                )


@pytest.mark.parametrize("sheet", [layout.INSTRUCTIONS_SHEET, layout.MEASURES_SHEET, layout.LOG_SHEET])
def test_print_setup(finance, sheet, plan):
    ws = finance[sheet]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    # the instructions fit one page; the tables run on as many pages as they need
    assert ws.page_setup.fitToHeight in ((None, 1) if sheet == layout.INSTRUCTIONS_SHEET else (0,))
    assert plan.office.name in ws.oddHeader.center.text
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text


@pytest.mark.parametrize("sheet", [layout.MEASURES_SHEET, layout.LOG_SHEET])
def test_header_row_is_frozen_and_repeated(finance, sheet):
    ws = finance[sheet]
    first = int(
        name_range(finance, layout.NAME_LOG_DATE if sheet == layout.LOG_SHEET else layout.NAME_STATUS)[
            1
        ].split(":")[0][1:]
    )
    assert ws.freeze_panes.endswith(str(first))
    assert ws.print_title_rows == f"${first - 1}:${first - 1}"


# --- identity -------------------------------------------------------------------------------------
def test_identity_rows_and_row_map(finance, plan):
    rows = identity_rows(finance)
    keys = len(layout.IDENTITY_KEYS)
    identity = {k: v for k, v, _ in rows[:keys]}
    assert [k for k, _, _ in rows[:keys]] == list(layout.IDENTITY_KEYS)
    assert identity["format"] == layout.TEMPLATE_FORMAT
    assert identity["plan_id"] == plan.plan_id and identity["plan_fingerprint"] == plan.fingerprint()
    assert identity["office"] == plan.office.name and identity["fiscal_year"] == "2566"
    assert (identity["round"], identity["division"]) == ("6m", "finance")
    assert identity["generated"] == "2022-10-01T08:30:00"
    measures = plan.measures_for("finance")
    assert identity["measure_count"] == str(len(measures))
    assert rows[keys] == (None, None, None)
    assert rows[keys + 1] == layout.ROW_MAP_HEADER
    row_map = rows[keys + 2 :]
    assert [r[1] for r in row_map] == [m.id for m in measures]
    assert [r[2] for r in row_map] == [layout.measure_fingerprint(plan, m) for m in measures]
    sheet = finance[layout.MEASURES_SHEET]
    id_col = name_range(finance, layout.NAME_MEASURE_ID)[1][0]
    assert all(sheet[f"{id_col}{r[0]}"].value == r[1] for r in row_map)
    assert all(isinstance(v, str) for row in rows for v in row if v is not None)


def test_identity_columns_point_at_the_named_columns(finance):
    identity = {k: v for k, v, _ in identity_rows(finance)[: len(layout.IDENTITY_KEYS)]}
    if "columns" not in identity:
        pytest.skip("layout has no 'columns' identity key")
    columns = dict(part.split("=") for part in identity["columns"].split(","))
    for name in (*MEASURE_NAMES, *layout.LOG_NAMES):
        assert name_range(finance, name)[1].startswith(columns[name]), name


def test_custom_properties_repeat_the_identity_as_strings(finance):
    props = {p.name: p for p in finance.custom_doc_props.props}
    identity = {k: v for k, v, _ in identity_rows(finance)[: len(layout.IDENTITY_KEYS)]}
    for key, value in identity.items():
        prop = props[layout.PROPERTY_PREFIX + key]
        assert prop.value == value and type(prop).__name__ == "StringProperty"


def test_generated_defaults_to_the_round_start(plan):
    wb = open_book(build_template(plan, "12m", "palad", password=PASSWORD))
    identity = {k: v for k, v, _ in identity_rows(wb)[: len(layout.IDENTITY_KEYS)]}
    assert identity["generated"] == "2022-10-01T00:00:00" and identity["round"] == "12m"
    assert wb.properties.created == dt.datetime(2022, 10, 1)


# --- which measures -------------------------------------------------------------------------------
def test_a_division_gets_only_its_measures_and_those_for_all(sample_plan):
    wb = open_book(build_template(sample_plan, "6m", "finance", password=PASSWORD))
    expected = [m.id for m in sample_plan.measures if "finance" in m.divisions or m.for_all]
    assert name_values(wb, layout.NAME_MEASURE_ID) == expected
    assert "e7" in expected and "i3" not in expected  # e7 is for all; i3 only for palad


def test_shared_measure_appears_in_each_division(plan):
    for code in ("palad", "finance"):
        wb = open_book(build_template(plan, "6m", code, password=PASSWORD))
        assert "m1" in name_values(wb, layout.NAME_MEASURE_ID)


def test_formula_like_plan_texts_stay_strings(finance):
    for name, start in ((layout.NAME_STEPS, "=SUM"), (layout.NAME_REPORTING, "+")):
        cell = next(c for c in name_cells(finance, name) if str(c.value).startswith(start))
        assert cell.data_type == "s" and cell.quotePrefix


def test_unknown_round_or_division_is_a_caller_mistake(plan):
    with pytest.raises(ValueError):
        build_template(plan, "9m", "finance", password=PASSWORD)
    with pytest.raises(ValueError):
        build_template(plan, "6m", "nobody", password=PASSWORD)


# --- due texts ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("measure_id", "round_id", "expected"),
    [
        ("m1", "6m", "ทุกเดือน ภายในสิ้นเดือน (ครั้งสุดท้ายของรอบ ๓๑ มี.ค. ๖๖)"),
        ("m1", "12m", "ทุกเดือน ภายในสิ้นเดือน (ครั้งสุดท้ายของรอบ ๓๐ ก.ย. ๖๖)"),
        ("m2", "6m", "ภายใน ๑๕ ธ.ค. ๖๕"),
        ("m3", "6m", "เมื่อมีเหตุการณ์"),
        ("m4", "6m", "๓๐ มิ.ย. ๖๖ (รอบถัดไป)"),
        ("m4", "12m", "ภายใน ๓๐ มิ.ย. ๖๖"),
        ("m5", "6m", "ทุกไตรมาส ภายในสิ้นไตรมาส (ครั้งสุดท้ายของรอบ ๓๑ มี.ค. ๖๖)"),
        ("m6", "6m", "ภายใน ๓๐ ก.ย. ๖๕ · ครั้งถัดไป ๓๐ เม.ย. ๖๖ (รอบถัดไป)"),
        ("m7", "6m", "ปีละครั้ง ภายในสิ้นเดือนกรกฎาคม (ครั้งถัดไป ๓๑ ก.ค. ๖๖ ในรอบถัดไป)"),
        ("m7", "12m", "ปีละครั้ง ภายในสิ้นเดือนกรกฎาคม (ในรอบนี้ ๓๑ ก.ค. ๖๖)"),
    ],
)
def test_due_text(plan, measure_id, round_id, expected):
    assert content.due_text(plan, plan.measure(measure_id), plan.round(round_id)) == expected


def test_due_text_of_the_sample_twice_yearly_and_yearly(sample_plan):
    rnd = sample_plan.round("6m")
    assert content.due_text(sample_plan, sample_plan.measure("e9"), rnd) == (
        "ปีละ ๒ ครั้ง ภายในสิ้นเดือนเมษายน และเดือนตุลาคม (ในรอบนี้ ๓๑ ต.ค. ๖๕)"
    )
    assert content.due_text(sample_plan, sample_plan.measure("O2"), rnd) == (
        "ปีละครั้ง ภายในสิ้นเดือนมกราคม (ในรอบนี้ ๓๑ ม.ค. ๖๖)"
    )


# --- prefill --------------------------------------------------------------------------------------
PREFILL = {
    "format": "ita-xlsx-results/1",
    "records": [
        {
            "measure_id": "m1",
            "division": "finance",
            "status": "ongoing",
            "action_date": "2023-03-28",
            "result": '=HYPERLINK("http://evil.example","x") ประชุมทุกเดือน',
            "evidence": "https://test.example/a",
            "note": "",
            "log": [
                {
                    "measure_id": "m1",
                    "date": "2022-10-31",
                    "detail": "ประชุมครั้งที่ ๑",
                    "evidence": "บันทึก ๑/๒๕๖๖",
                },
                {"measure_id": "m1", "date": "2022-11-30", "detail": "ประชุมครั้งที่ ๒", "evidence": None},
            ],
        },
        {
            "measure_id": "m2",
            "division": "finance",
            "status": "done",
            "action_date": "2022-12-01",
            "result": "ทำแล้ว",
            "evidence": "กค 0001/1",
            "note": "หมายเหตุ",
            "log": [],
        },
        {
            "measure_id": "m5",
            "division": "finance",
            "status": "missing",
            "action_date": None,
            "result": "",
            "evidence": "",
            "note": "",
            "log": [],
        },
        {
            "measure_id": "m3",
            "division": "finance",
            "status": "weird",
            "action_date": "not a date",
            "result": "",
            "evidence": "",
            "note": "",
            "log": [],
        },
        {
            "measure_id": "m1",
            "division": "palad",
            "status": "done",
            "action_date": "2022-10-05",
            "result": "ของสำนักปลัด",
            "evidence": "",
            "note": "",
            "log": [{"measure_id": "m1", "date": "2022-10-05", "detail": "ของสำนักปลัด", "evidence": ""}],
        },
    ],
}


@pytest.fixture(scope="module")
def prefilled(plan, tmp_path_factory) -> tuple[openpyxl.Workbook, list]:
    folder = tmp_path_factory.mktemp("prefill")
    source = folder / "consolidated.json"
    source.write_text(json.dumps(PREFILL, ensure_ascii=False), encoding="utf-8")
    written, found = write_templates(
        plan, folder / "out", round_id="12m", password=PASSWORD, prefill_path=source
    )
    finance_path = next(p for p in written if "_finance_" in p.name)
    return open_book(finance_path), found


def _row_of(wb, measure_id: str) -> dict[str, object]:
    index = name_values(wb, layout.NAME_MEASURE_ID).index(measure_id)
    return {name: name_values(wb, name)[index] for name in layout.INPUT_NAMES}


def test_prefill_fills_the_input_cells_of_the_division(prefilled):
    wb, _ = prefilled
    m1 = _row_of(wb, "m1")
    assert m1[layout.NAME_STATUS] == status.STATUS_BY_CODE["ongoing"].th
    assert m1[layout.NAME_ACTION_DATE] == dt.datetime(2023, 3, 28)
    assert m1[layout.NAME_RESULT].startswith("=HYPERLINK")
    assert m1[layout.NAME_EVIDENCE] == "https://test.example/a"
    assert _row_of(wb, "m2") == {
        layout.NAME_STATUS: "ดำเนินการแล้ว",
        layout.NAME_ACTION_DATE: dt.datetime(2022, 12, 1),
        layout.NAME_RESULT: "ทำแล้ว",
        layout.NAME_EVIDENCE: "กค 0001/1",
        layout.NAME_NOTE: "หมายเหตุ",
    }
    assert set(_row_of(wb, "m5").values()) == {None}, "missing leaves the row empty"
    assert set(_row_of(wb, "m3").values()) == {None}, "an unknown status and a bad date are left out"


def test_prefill_fills_the_log_rows(prefilled):
    wb, _ = prefilled
    log = list(zip(*(name_values(wb, n) for n in layout.LOG_NAMES), strict=True))
    assert log[:3] == [
        ("m1", dt.datetime(2022, 10, 31), "ประชุมครั้งที่ ๑", "บันทึก ๑/๒๕๖๖"),
        ("m1", dt.datetime(2022, 11, 30), "ประชุมครั้งที่ ๒", None),
        (None, None, None, None),
    ]


def test_prefilled_formula_text_stays_a_string(prefilled):
    wb, _ = prefilled
    cell = next(c for c in name_cells(wb, layout.NAME_RESULT) if str(c.value).startswith("="))
    assert cell.data_type == "s" and cell.quotePrefix


def test_prefill_reports_what_it_skipped(prefilled):
    _, found = prefilled
    codes = {(p.code, p.division, p.measure_id) for p in found}
    assert ("template-prefill-bad-status", "finance", "m3") in codes
    assert ("template-prefill-bad-date", "finance", "m3") in codes
    assert all(p.severity in ("warning", "info") for p in found)


def test_unreadable_prefill_writes_nothing(plan, tmp_path):
    source = tmp_path / "broken.json"
    source.write_text("{not json", encoding="utf-8")
    written, found = write_templates(plan, tmp_path / "out", password=PASSWORD, prefill_path=source)
    assert written == [] and [p.code for p in found] == ["template-prefill-unreadable"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("other", [{"plan_id": "another-office-2566"}, {"fiscal_year": 2565}])
def test_a_prefill_of_another_plan_or_year_writes_nothing(plan, tmp_path, other):
    """Last year's results would go out as this year's work already done."""
    source = tmp_path / "last-year.json"
    data = {"plan_id": plan.plan_id, "fiscal_year": plan.fiscal_year, **PREFILL, **other}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    written, found = write_templates(plan, tmp_path / "out", password=PASSWORD, prefill_path=source)
    assert written == [] and [p.code for p in found] == ["template-prefill-other-plan"]
    assert not (tmp_path / "out").exists()
    same = tmp_path / "this-year.json"  # saved again by Notepad: a byte-order mark first
    same.write_text(
        json.dumps({"plan_id": plan.plan_id, "fiscal_year": plan.fiscal_year, **PREFILL}), "utf-8-sig"
    )
    written, _ = write_templates(plan, tmp_path / "out", password=PASSWORD, prefill_path=same)
    assert written


def test_a_json_without_records_says_so_in_thai(plan, tmp_path):
    source = tmp_path / "no-records.json"
    source.write_text('{"format": "ita-xlsx-results/1", "rows": []}', encoding="utf-8")
    _, found = write_templates(plan, tmp_path / "out", password=PASSWORD, prefill_path=source)
    assert "ไม่มีรายการ 'records' ในไฟล์" in found[0].message("th")


def test_a_json_of_another_kind_is_not_a_prefill(plan, tmp_path):
    """A roll-up's JSON (or any other) has no records of this office's divisions to carry over."""
    source = tmp_path / "rollup.json"
    source.write_text(json.dumps({**PREFILL, "format": "ita-xlsx-rollup/1"}), encoding="utf-8")
    written, found = write_templates(plan, tmp_path / "out", password=PASSWORD, prefill_path=source)
    assert written == [] and [p.code for p in found] == ["template-prefill-unreadable"]
    assert "ไม่ใช่ผลการรวบรวม ITA (format = ita-xlsx-rollup/1)" in found[0].message("th")
    assert not (tmp_path / "out").exists()


def test_too_many_log_rows_are_cut_with_a_warning(plan):
    log = [
        {"measure_id": "m1", "date": "2022-10-01", "detail": f"ครั้งที่ {i}", "evidence": ""}
        for i in range(layout.LOG_ROWS + 5)
    ]
    records = [{"measure_id": "m1", "division": "finance", "status": "ongoing", "log": log}]
    wb = open_book(build_template(plan, "6m", "finance", password=PASSWORD, prefill=records))
    assert name_values(wb, layout.NAME_LOG_DETAIL)[-1] == f"ครั้งที่ {layout.LOG_ROWS - 1}"


# --- files ----------------------------------------------------------------------------------------
def test_file_names_and_the_division_without_measures(plan, tmp_path):
    written, found = write_templates(plan, tmp_path, password=PASSWORD)
    rnd = plan.round("6m")
    assert [p.name for p in written] == [layout.file_name(plan, rnd, c) for c in ("palad", "finance")]
    assert written[1].name == "ITA2566_6m_finance_กองคลัง.xlsx"
    assert [(p.code, p.division) for p in found] == [("template-division-has-no-measures", "works")]


def test_rerun_refuses_to_overwrite_and_force_does(plan, tmp_path):
    written, _ = write_templates(plan, tmp_path, password=PASSWORD)
    before = {p: p.read_bytes() for p in written}
    again, found = write_templates(plan, tmp_path, password="another-password", generated=GENERATED)
    assert again == []
    errors = [p for p in found if p.severity == "error"]
    assert [p.code for p in errors] == ["template-exists"]
    assert all(str(p) in errors[0].params["files"] for p in written)
    assert {p: p.read_bytes() for p in written} == before
    forced, found = write_templates(
        plan, tmp_path, password="another-password", generated=GENERATED, force=True
    )
    assert forced == written and all(p.read_bytes() != before[p] for p in written)


def test_files_are_not_left_private(plan, tmp_path):
    written, _ = write_templates(plan, tmp_path, password=PASSWORD)
    mask = os.umask(0)
    os.umask(mask)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask for p in written)


def test_password_never_appears_in_any_part(plan, finance_bytes):
    secret = PASSWORD.encode()
    for data in (
        finance_bytes,
        build_template(plan, "6m", "palad", password=PASSWORD, prefill=PREFILL["records"]),
    ):
        for name, part in zip_parts(data).items():
            assert secret not in part, name
            assert PASSWORD.encode("utf-16-le") not in part, name


def test_random_password_is_saved_privately_and_reused(plan, tmp_path):
    written, found = write_templates(plan, tmp_path, password=None)
    saved = tmp_path / PASSWORD_FILE
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    password = saved.read_text(encoding="utf-8").splitlines()[0]
    assert len(password) >= 16
    assert [p.code for p in found if p.severity == "info"] == ["template-password-saved"]
    assert all(str(saved) == p.params["path"] for p in found if p.code == "template-password-saved")
    wb = open_book(written[0])
    assert wb[layout.MEASURES_SHEET].protection.password == legacy_password_hash(password)
    for part in zip_parts(written[0].read_bytes()).values():
        assert password.encode() not in part
    _, found = write_templates(plan, tmp_path, password=None, force=True)
    assert "template-password-reused" in [p.code for p in found]
    assert saved.read_text(encoding="utf-8").splitlines()[0] == password


# --- command line ---------------------------------------------------------------------------------
def _run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["--lang", "en", "templates", *args], env=env)


def test_cli_writes_refuses_and_forces(tmp_path):
    out = tmp_path / "out"
    result = _run("--plan", str(SMALL_PLAN), "--out", str(out), env={"ITA_TEMPLATE_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert "ITA2566_6m_finance_กองคลัง.xlsx" in result.output and "Wrote 2 workbook(s)" in result.output
    assert PASSWORD not in result.output and not (out / PASSWORD_FILE).exists()
    result = _run("--plan", str(SMALL_PLAN), "--out", str(out))
    assert result.exit_code == 2 and "template-exists" in result.output  # an overwrite refused
    result = _run(
        "--plan",
        str(SMALL_PLAN),
        "--out",
        str(out),
        "--force",
        "--password",
        PASSWORD,
        "--generated",
        "2023-01-02T03:04:05",
    )
    assert result.exit_code == 0, result.output
    wb = open_book(out / "ITA2566_6m_finance_กองคลัง.xlsx")
    assert (
        dict(r[:2] for r in identity_rows(wb)[: len(layout.IDENTITY_KEYS)])["generated"]
        == "2023-01-02T03:04:05"
    )


def test_cli_random_password_says_where_not_what(tmp_path):
    result = _run("--plan", str(SMALL_PLAN), "--out", str(tmp_path), env={"ITA_TEMPLATE_PASSWORD": ""})
    assert result.exit_code == 0, result.output
    password = (tmp_path / PASSWORD_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert PASSWORD_FILE in result.output and password not in result.output


@pytest.mark.parametrize("args", [("--round", "9m"), ("--generated", "yesterday")])
def test_cli_misuse_exits_2(tmp_path, args):
    result = _run("--plan", str(SMALL_PLAN), "--out", str(tmp_path), "--password", PASSWORD, *args)
    assert result.exit_code == 2
    assert "6m, 12m" in result.output if args[0] == "--round" else "ISO" in result.output


def test_cli_bad_plan_exits_2(tmp_path):
    bad = tmp_path / "plan.yaml"
    bad.write_text("format: nonsense\n", encoding="utf-8")
    assert _run("--plan", str(bad), "--out", str(tmp_path / "out")).exit_code == 2
