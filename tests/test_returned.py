"""ita_xlsx.returned on its own: one returned workbook identified by its hidden identity, verified
against the plan (locked text, rows inserted, deleted, reordered), and its inputs read; every
problem at its (file, sheet, cell, measure, division) with its code.

The workbooks are the small plan's finance workbook (m1, m2, m3, m5 in rows 4-7 of มาตรการ; ids in
column B, questions in C, statuses in G), edited with openpyxl the way a clerk's program saves them.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import xlsxwriter
from openpyxl import load_workbook

from ita_xlsx.read import layout as L
from ita_xlsx.read.returned import read_returned
from ita_xlsx.template.writer import build_template

from problem_assert import assert_problems
from workbooks import edit, named_cell

FILE, SHEET = "finance.xlsx", L.MEASURES_SHEET
FINANCE = ("m1", "m2", "m3", "m5")
NOT_STARTED = "ยังไม่ดำเนินการ"


@pytest.fixture(scope="module")
def blank(small_plan) -> bytes:
    return build_template(
        small_plan, "6m", "finance", password="pw", generated=dt.datetime(2022, 10, 1, 8, 30)
    )


@pytest.fixture(scope="module")
def clean(blank) -> bytes:
    """Every status picked from the list: nothing to say about it."""
    return edit(blank, {(L.NAME_STATUS, m): NOT_STARTED for m in FINANCE})


def read(data: bytes, plan, **kw):
    return read_returned(FILE, data, plan, **kw)


def cell_of(data: bytes, name: str, measure_id: str) -> str:
    sheet, cell = named_cell(data, name, measure_id)
    assert sheet == SHEET
    return cell


# --- identity -------------------------------------------------------------------------------------
def test_a_clean_workbook_is_accepted_as_its_division_and_round_without_a_word(clean, small_plan):
    ret = read(clean, small_plan)
    assert (ret.accepted, ret.division, ret.round_id, ret.sheet) == (True, "finance", "6m", SHEET)
    assert list(ret.entries) == list(FINANCE)
    assert_problems(ret.problems, [])


def test_a_workbook_of_another_plan_is_refused(clean, sample_plan):
    ret = read(clean, sample_plan)
    assert not ret.accepted
    assert_problems(ret.problems, [{"file": FILE, "code": "workbook-other-plan"}])


def test_a_workbook_of_another_round_is_refused(clean, small_plan):
    ret = read(clean, small_plan, round_id="12m")
    assert not ret.accepted
    assert_problems(ret.problems, [{"file": FILE, "division": "finance", "code": "workbook-other-round"}])


def test_a_workbook_without_the_identity_is_refused(small_plan):
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        book.add_worksheet(SHEET).write("B4", "m1")
    ret = read(buffer.getvalue(), small_plan)
    assert not ret.accepted
    assert_problems(ret.problems, [{"file": FILE, "code": "workbook-no-identity"}])


def test_bytes_that_are_no_workbook_are_refused_with_the_package_code(small_plan):
    ret = read(b"PK\x03\x04 not really a zip", small_plan)
    assert not ret.accepted
    assert [(p.file, p.severity) for p in ret.problems] == [(FILE, "error")]
    assert ret.problems[0].code.startswith("intake-")


# --- verification ---------------------------------------------------------------------------------
def at(cell: str | None, measure_id: str | None, code: str, sheet: str | None = SHEET) -> dict:
    """A problem in the finance workbook."""
    return {
        "file": FILE,
        "sheet": sheet,
        "cell": cell,
        "measure_id": measure_id,
        "division": "finance",
        "code": code,
    }


def test_locked_text_changed_is_said_at_its_cell(clean, small_plan):
    ret = read(edit(clean, {(L.NAME_QUESTION, "m2"): "คำถามที่แก้แล้ว"}), small_plan)
    assert cell_of(clean, L.NAME_QUESTION, "m2") == "C5"
    assert_problems(ret.problems, [at("C5", "m2", "locked-text-changed")])
    assert ret.entries["m2"].status == "not_started"  # the row's inputs are still read


def test_locked_text_refolded_by_another_program_is_not_a_change(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    question = wb[SHEET]["C4"].value
    wb[SHEET]["C4"] = "  " + question.replace(" ", "  ") + " "
    assert_problems(read(saved(wb), small_plan).problems, [])


def test_a_deleted_row_is_said_by_its_measure(clean, small_plan):
    ret = read(edit(clean, {}, delete_rows_of=("m3",)), small_plan)
    assert_problems(ret.problems, [at(None, "m3", "row-deleted")])
    assert list(ret.entries) == ["m1", "m2", "m5"]


def test_an_inserted_row_is_said_at_its_id_cell(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb[SHEET]["G8"] = "ดำเนินการแล้ว"  # a row of its own under the table, without a measure id
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at("B8", None, "row-inserted")])


def test_a_row_of_an_unknown_measure_is_said_at_its_id_cell(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb[SHEET]["B8"], wb[SHEET]["G8"] = "m99", "ดำเนินการแล้ว"
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at("B8", None, "row-unknown")])


def test_reordered_rows_are_said_once_for_the_sheet_and_read_by_their_ids(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    ws = wb[SHEET]
    for col in range(1, ws.max_column + 1):  # m3 and m5 change places
        ws.cell(6, col).value, ws.cell(7, col).value = ws.cell(7, col).value, ws.cell(6, col).value
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at(None, None, "rows-reordered")])
    assert (ret.entries["m3"].row, ret.entries["m5"].row) == (7, 6)


def test_an_overwritten_id_is_recognised_by_the_locked_text(clean, small_plan):
    ret = read(edit(clean, {(L.NAME_MEASURE_ID, "m2"): "x9"}), small_plan)
    assert_problems(ret.problems, [at("B5", "m2", "row-id-changed")])
    assert ret.entries["m2"].row == 5


def test_protection_removed_is_said_for_the_sheet(clean, small_plan):
    ret = read(edit(clean, {(L.NAME_STATUS, "m1"): NOT_STARTED}, unprotect=True), small_plan)
    assert_problems(ret.problems, [at(None, None, "protection-removed")])


def test_lost_names_are_said_and_the_column_map_still_finds_the_cells(clean, small_plan):
    ret = read(edit(clean, {}, drop_names=(L.NAME_STATUS,)), small_plan)
    assert_problems(ret.problems, [at(None, None, "names-missing", sheet=None)])
    assert [e.status for e in ret.entries.values()] == ["not_started"] * 4


# --- what the clerk typed -------------------------------------------------------------------------
def test_a_status_variant_is_read_and_noted_at_its_cell(clean, small_plan):
    ret = read(edit(clean, {(L.NAME_STATUS, "m2"): "เสร็จแล้ว"}), small_plan)
    assert_problems(ret.problems, [at("G5", "m2", "status-variant")])
    assert ret.entries["m2"].status == "done"


def test_an_unknown_status_is_an_error_at_its_cell(clean, small_plan):
    ret = read(edit(clean, {(L.NAME_STATUS, "m5"): "ทำไปครึ่งหนึ่ง"}), small_plan)
    assert_problems(ret.problems, [at("G7", "m5", "status-unknown")])
    assert ret.entries["m5"].status is None


def test_an_empty_status_is_said_at_its_cell(blank, small_plan):
    ret = read(edit(blank, {(L.NAME_STATUS, m): NOT_STARTED for m in ("m1", "m2", "m5")}), small_plan)
    assert_problems(ret.problems, [at("G6", "m3", "status-empty")])


def test_a_date_typed_as_text_is_read_and_noted_at_its_cell(clean, small_plan):
    date_cell = cell_of(clean, L.NAME_ACTION_DATE, "m1")
    ret = read(edit(clean, {(L.NAME_ACTION_DATE, "m1"): "๓ ต.ค. ๒๕๖๕"}), small_plan)
    assert_problems(ret.problems, [at(date_cell, "m1", "date-from-text")])
    assert ret.entries["m1"].action_date == dt.date(2022, 10, 3)
    assert ret.entries["m1"].cells["action_date"] == date_cell


def test_a_date_that_cannot_be_read_is_an_error_at_its_cell(clean, small_plan):
    date_cell = cell_of(clean, L.NAME_ACTION_DATE, "m1")
    ret = read(edit(clean, {(L.NAME_ACTION_DATE, "m1"): "เมื่อวาน"}), small_plan)
    assert_problems(ret.problems, [at(date_cell, "m1", "date-unparseable")])
    assert ret.entries["m1"].action_date is None


def test_free_text_is_kept_as_typed(clean, small_plan):
    typed = "ประชุม  ๒ ครั้ง 👍🏽\nรายงาน\u200bแล้ว"
    ret = read(edit(clean, {(L.NAME_RESULT, "m3"): typed}), small_plan)
    assert_problems(ret.problems, [])
    assert ret.entries["m3"].result == typed
    assert ret.entries["m3"].filled


def saved(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_row_typed_twice_is_said_at_the_second_id_cell(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb[SHEET]["B8"], wb[SHEET]["G8"] = "m1", "ดำเนินการแล้ว"
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at("B8", "m1", "row-duplicated")])
    assert ret.entries["m1"].row == 4


def test_a_sheet_the_clerk_added_is_said_not_read(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb.create_sheet("มาตรการ (2)")["B4"] = "m1"
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at(None, None, "sheet-not-read", sheet="มาตรการ (2)")])


# --- the activity log -----------------------------------------------------------------------------
LOG = L.LOG_SHEET


def with_log(data: bytes, rows: dict[int, tuple]) -> bytes:
    """The workbook with log rows typed: row → (measure, date, detail, evidence), from column B."""
    wb = load_workbook(io.BytesIO(data))
    for row, values in rows.items():
        for col, value in enumerate(values, start=2):
            wb[LOG].cell(row, col).value = value
    return saved(wb)


def test_a_log_row_is_read_with_its_cell(clean, small_plan):
    ret = read(with_log(clean, {4: ("m1", "๕ ต.ค. ๒๕๖๕", "ประชุมประจำเดือน", "บันทึกที่ ๑")}), small_plan)
    assert_problems(ret.problems, [at("C4", "m1", "date-from-text", sheet=LOG)])
    assert [(e.measure_id, e.date, e.detail, e.evidence, e.cell) for e in ret.log] == [
        ("m1", dt.date(2022, 10, 5), "ประชุมประจำเดือน", "บันทึกที่ ๑", "B4")
    ]


def test_a_log_row_of_another_division_measure_is_said_and_left_out(clean, small_plan):
    ret = read(with_log(clean, {5: ("m4", None, "ไม่ใช่ของกองคลัง", None)}), small_plan)
    assert_problems(ret.problems, [at("B5", "m4", "log-unknown-measure", sheet=LOG)])
    assert ret.log == []


def test_a_log_row_without_a_date_is_said_at_the_date_cell(clean, small_plan):
    ret = read(with_log(clean, {6: ("m1", "-", "ประชุม", None)}), small_plan)
    assert_problems(ret.problems, [at("C6", "m1", "log-date-missing", sheet=LOG)])
    assert [(e.measure_id, e.date) for e in ret.log] == [("m1", None)]


def test_log_rows_below_the_table_are_read_and_noted(clean, small_plan):
    ret = read(with_log(clean, {204: ("m1", dt.datetime(2022, 11, 1), "ต่อท้ายตาราง", None)}), small_plan)
    assert_problems(ret.problems, [at("B204", None, "log-below-table", sheet=LOG)])
    assert [(e.measure_id, e.date, e.cell) for e in ret.log] == [("m1", dt.date(2022, 11, 1), "B204")]


# --- more of the identity and the structure -------------------------------------------------------
def with_identity(data: bytes, key: str, value: str) -> bytes:
    """The workbook with one key of its hidden identity changed."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[L.IDENTITY_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
    ws.cell(row, 2).value = value
    return saved(wb)


def test_a_workbook_of_another_year_is_refused(clean, small_plan):
    ret = read(with_identity(clean, "fiscal_year", "2567"), small_plan)
    assert not ret.accepted
    assert_problems(ret.problems, [{"file": FILE, "division": "finance", "code": "workbook-other-year"}])


def test_a_workbook_of_a_division_not_in_the_plan_is_refused(clean, small_plan):
    ret = read(with_identity(clean, "division", "nobody"), small_plan)
    assert not ret.accepted
    assert_problems(ret.problems, [{"file": FILE, "code": "workbook-unknown-division"}])


def test_the_identity_sheet_made_visible_is_said(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb[L.IDENTITY_SHEET].sheet_state = "visible"
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at(None, None, "identity-sheet-visible", sheet=L.IDENTITY_SHEET)])


def test_input_cells_merged_across_rows_are_said_at_the_corner(clean, small_plan):
    wb = load_workbook(io.BytesIO(clean))
    wb[SHEET].merge_cells("G6:G7")
    ret = read(saved(wb), small_plan)
    # the value stays in the first row only: m5's status reads empty
    assert_problems(ret.problems, [at("G6", None, "input-cells-merged"), at("G7", "m5", "status-empty")])


def test_a_number_in_a_text_cell_is_kept_as_shown_and_noted(clean, small_plan):
    result_cell = cell_of(clean, L.NAME_RESULT, "m1")
    wb = load_workbook(io.BytesIO(clean))
    wb[SHEET][result_cell] = 0.5
    wb[SHEET][result_cell].number_format = "0%"
    ret = read(saved(wb), small_plan)
    assert_problems(ret.problems, [at(result_cell, "m1", "text-cell-formatted")])
    assert ret.entries["m1"].result == "50%"
