"""collect and check on real workbooks: every rule asserted on (file, cell, code) and exit codes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ita_xlsx.cli import cli
from ita_xlsx.collect.run import collect
from ita_xlsx.read import layout

from workbooks import ROOT, edit, filled_workbooks, named_cell, results_json

AS_OF = dt.date(2023, 3, 31)
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def books(sample_plan) -> dict[str, bytes]:
    return filled_workbooks(sample_plan)


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def located(results) -> set[tuple[str, str | None, str]]:
    return {(Path(p.file).name if p.file else "", p.cell, p.code) for p in results.problems}


def codes(results) -> set[str]:
    return {p.code for p in results.problems}


# -- the clean samples ------------------------------------------------------------------------
def test_clean_samples_merge_into_one_record_per_measure_and_division(sample_plan):
    results = collect(sample_plan, [SAMPLES / "6m"], round_id="6m", as_of=AS_OF)
    s = results.summary()
    expected = sum(len(sample_plan.measures_for(d.code)) for d in sample_plan.divisions)
    assert s["records"] == expected == 56
    assert s["files_accepted"] == 5 and s["files_rejected"] == 0 and s["errors"] == 0
    assert s["divisions_missing"] == [] and s["missing"] == 0
    keys = {(r.measure_id, r.division) for r in results.records}
    assert len(keys) == len(results.records)
    i7 = next(r for r in results.records if r.measure_id == "i7")
    assert (i7.division, i7.status, i7.action_date, i7.state) == (
        "finance",
        "done",
        dt.date(2022, 10, 31),
        "done",
    )


def test_i14_date_after_the_round_is_flagged_at_its_cell(sample_plan):
    results = collect(sample_plan, [SAMPLES / "6m"], round_id="6m", as_of=AS_OF)
    palad = SAMPLES / "6m" / layout.file_name(sample_plan, sample_plan.round("6m"), "palad")
    _, cell = named_cell(palad, layout.NAME_ACTION_DATE, "i14")
    assert (palad.name, cell, "date-after-round") in located(results)


def test_o36_date_before_the_year_is_legitimate(sample_plan):
    results = collect(sample_plan, [SAMPLES / "6m"], round_id="6m", as_of=AS_OF)
    o36 = next(r for r in results.records if r.measure_id == "O36")
    assert o36.action_date == dt.date(2022, 9, 29) and o36.state == "done"
    assert not [p for p in results.problems if p.measure_id == "O36" and p.code == "date-before-year"]


# -- the planted mistakes ---------------------------------------------------------------------
def test_every_planted_mistake_is_reported_at_its_cell(sample_plan):
    folder = SAMPLES / "with-mistakes"
    results = collect(sample_plan, [folder], round_id="6m", as_of=AS_OF)
    rnd = sample_plan.round("6m")
    palad = folder / layout.file_name(sample_plan, rnd, "palad")
    education = folder / layout.file_name(sample_plan, rnd, "education")
    found = located(results)
    for name, measure_id, code in [
        (layout.NAME_ACTION_DATE, "e10", "date-from-text"),
        (layout.NAME_ACTION_DATE, "e6", "date-be-stored-as-ce"),
        (layout.NAME_STATUS, "e9", "status-misspelt"),
        (layout.NAME_ACTION_DATE, "O2", "date-missing"),
    ]:
        assert (palad.name, named_cell(palad, name, measure_id)[1], code) in found, (measure_id, code)
    assert (
        education.name,
        named_cell(education, layout.NAME_QUESTION, "i2")[1],
        "locked-text-changed",
    ) in found
    assert (education.name, None, "protection-removed") in found
    assert ("สำเนา " + education.name, None, "intake-duplicate") in found
    assert ("", None, "division-not-received") in found
    renamed = next(f for f in results.files if f.path.endswith("ส่งแล้ว final (2).xlsx"))
    assert renamed.accepted and renamed.division == "works"
    e10 = next(r for r in results.records if r.measure_id == "e10")
    e6 = next(r for r in results.records if r.measure_id == "e6" and r.division == "palad")
    e9 = next(r for r in results.records if r.measure_id == "e9")
    assert e10.action_date == dt.date(2022, 10, 7) and e6.action_date == dt.date(2022, 10, 4)
    assert e9.status == "done"
    assert all(r.state == "missing" for r in results.records if r.division == "audit")


def test_collect_command_writes_both_outputs_and_exits_1_on_errors(tmp_path):
    out = tmp_path / "สรุป.xlsx"
    result = CliRunner().invoke(
        cli,
        [
            "collect",
            "--plan",
            str(ROOT / "workbook_templates" / "plan-2566.yaml"),
            "--round",
            "6m",
            "--as-of",
            "2023-03-31",
            "--out",
            str(out),
            str(SAMPLES / "with-mistakes"),
        ],
    )
    assert result.exit_code == 1, result.output
    data = results_json(out)
    assert out.is_file() and zipfile.is_zipfile(out)
    assert {"records", "files", "problems", "summary"} <= set(data)
    record = data["records"][0]
    for key in (
        "measure_id",
        "division",
        "status",
        "action_date",
        "due_date",
        "state",
        "result",
        "evidence",
        "log",
        "source",
    ):
        assert key in record
    problem = data["problems"][0]
    for key in (
        "severity",
        "code",
        "file",
        "sheet",
        "cell",
        "measure_id",
        "division",
        "message_th",
        "message_en",
    ):
        assert key in problem
    assert problem["severity"] == "error"  # errors first
    assert {r["status"] for r in data["records"]} <= {
        "not_started",
        "in_progress",
        "done",
        "ongoing",
        "not_applicable",
        "missing",
    }
    assert {r["state"] for r in data["records"]} <= {
        "done",
        "done_late",
        "ongoing",
        "pending",
        "due_soon",
        "periods_missing",
        "overdue",
        "missing",
        "not_applicable",
    }


def test_clean_collect_exits_0(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "collect",
            "--plan",
            str(ROOT / "workbook_templates" / "plan-2566.yaml"),
            "--as-of",
            "2023-03-31",
            "--out",
            str(tmp_path / "out.xlsx"),
            str(SAMPLES / "6m"),
        ],
    )
    assert result.exit_code == 0, result.output


# -- identity and verification ----------------------------------------------------------------
def test_protection_removed_and_locked_text_edited(sample_plan, books, tmp_path):
    data = edit(books["finance"], {(layout.NAME_STEPS, "i7"): "ขั้นตอนใหม่"}, unprotect=True)
    path = write(tmp_path, "finance.xlsx", data)
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    cell = named_cell(data, layout.NAME_STEPS, "i7")[1]
    assert ("finance.xlsx", cell, "locked-text-changed") in located(results)
    assert ("finance.xlsx", None, "protection-removed") in located(results)
    i7 = next(r for r in results.records if r.measure_id == "i7")
    assert i7.status == "done"  # the inputs of the row are still used


def test_deleted_row_is_reported_and_other_rows_still_used(sample_plan, books, tmp_path):
    data = edit(books["finance"], {}, delete_rows_of=("i11",))
    results = collect(sample_plan, [write(tmp_path, "f.xlsx", data)], round_id="6m", as_of=AS_OF)
    deleted = [p for p in results.problems if p.code == "row-deleted"]
    assert [(p.measure_id, p.division) for p in deleted] == [("i11", "finance")]
    by_id = {r.measure_id: r for r in results.records if r.division == "finance"}
    assert by_id["i11"].status == "missing"
    assert by_id["i12"].status == "done" and by_id["i12"].action_date == dt.date(2022, 12, 15)


def test_lost_names_fall_back_to_the_identity_map(sample_plan, books, tmp_path):
    data = edit(books["finance"], {}, drop_names=(layout.NAME_STATUS, layout.NAME_ACTION_DATE))
    results = collect(sample_plan, [write(tmp_path, "f.xlsx", data)], round_id="6m", as_of=AS_OF)
    assert "names-missing" in codes(results)
    i7 = next(r for r in results.records if r.measure_id == "i7")
    assert (i7.status, i7.action_date) == ("done", dt.date(2022, 10, 31))


def test_renamed_sheet_is_still_read(sample_plan, books, tmp_path):
    data = edit(books["finance"], {}, rename_sheet="Sheet1")
    results = collect(sample_plan, [write(tmp_path, "f.xlsx", data)], round_id="6m", as_of=AS_OF)
    assert "sheet-renamed" in codes(results)
    assert next(r for r in results.records if r.measure_id == "i7").status == "done"


def test_other_plan_and_round_are_rejected_with_what_was_expected(sample_plan, books, tmp_path):
    results = collect(sample_plan, [write(tmp_path, "f.xlsx", books["finance"])], round_id="12m", as_of=AS_OF)
    problem = next(p for p in results.problems if p.code == "workbook-other-round")
    assert problem.severity == "error" and "12m" in problem.message_en and "6m" in problem.message_en
    assert results.summary()["files_rejected"] == 1


def test_pasted_rows_without_identity_are_rejected_with_a_reason(sample_plan, tmp_path):
    import xlsxwriter

    path = tmp_path / "pasted.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("มาตรการ").write_row(0, 0, ["i7", "ดำเนินการแล้ว", "31/10/2565"])
    wb.close()
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    assert ("pasted.xlsx", None, "workbook-no-identity") in located(results)


# -- versions, duplicates, missing ------------------------------------------------------------
def test_newest_of_two_versions_wins_and_conflicts_are_reported(sample_plan, books, tmp_path):
    old = write(tmp_path, "finance-old.xlsx", edit(books["finance"], {(layout.NAME_RESULT, "i7"): "ฉบับแรก"}))
    new = write(tmp_path, "finance-new.xlsx", edit(books["finance"], {(layout.NAME_RESULT, "i7"): "ฉบับแก้ไข"}))
    os.utime(old, (1_000_000_000, 1_000_000_000))
    results = collect(sample_plan, [new, old], round_id="6m", as_of=AS_OF)
    i7 = next(r for r in results.records if r.measure_id == "i7")
    assert i7.result == "ฉบับแก้ไข" and i7.source.endswith("finance-new.xlsx")
    assert ("finance-old.xlsx", None, "file-superseded") in located(results)
    conflicts = [p for p in results.problems if p.code == "conflicting-versions"]
    assert [(Path(p.file).name, p.sheet, p.cell) for p in conflicts] == [
        ("finance-old.xlsx", "มาตรการ", None)
    ]
    assert conflicts[0].params["count"] == 1 and conflicts[0].params["values"].startswith("i7 ")
    assert conflicts[0].params["newer"].endswith("finance-new.xlsx")


def test_same_file_twice_counts_once(sample_plan, books, tmp_path):
    write(tmp_path, "a.xlsx", books["audit"])
    write(tmp_path, "b.xlsx", books["audit"])
    results = collect(sample_plan, [tmp_path], round_id="6m", as_of=AS_OF)
    assert results.summary()["files_accepted"] == 1
    assert ("b.xlsx", None, "intake-duplicate") in located(results)


def test_a_copy_is_counted_alike_on_screen_and_in_the_summary_sheet(books, tmp_path):
    write(tmp_path / "in", "a.xlsx", books["audit"])
    write(tmp_path / "in", "a - Copy.xlsx", books["audit"])
    write(tmp_path / "in", "broken.xlsx", b"not a workbook")
    out = tmp_path / "out" / "s.xlsx"
    run = CliRunner().invoke(
        cli,
        ["collect", "--plan", str(ROOT / "workbook_templates" / "plan-2566.yaml"), "--round", "6m"]
        + ["--as-of", "2023-03-31", "--out", str(out), str(tmp_path / "in")],
    )
    assert run.exit_code == 1, run.output  # the broken file is an error
    assert "ไฟล์ที่รับ 1 ไม่รับ 1" in run.output  # the copy is neither
    summary = load_workbook(out, read_only=True)["สรุป"]
    lines = [v for row in summary.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert any(line.startswith("ไฟล์ที่รับ 1 ไฟล์ · ไฟล์ที่ไม่ผ่านการตรวจ 1 ไฟล์") for line in lines), lines


def test_division_that_sent_nothing_is_missing(sample_plan, books, tmp_path):
    results = collect(sample_plan, [write(tmp_path, "w.xlsx", books["works"])], round_id="6m", as_of=AS_OF)
    assert {r.state for r in results.records if r.division != "works"} == {"missing"}
    assert set(results.summary()["divisions_missing"]) == {"palad", "finance", "education", "audit"}


# -- rules ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "measure_id, status, date, as_of, state, code",
    [
        ("i7", "ดำเนินการแล้ว", None, AS_OF, "done", "date-missing"),
        ("i7", "ยังไม่ดำเนินการ", dt.datetime(2022, 11, 1), AS_OF, "due_soon", "date-with-not-started"),
        ("i7", "ดำเนินการแล้ว", dt.datetime(2023, 3, 20), dt.date(2023, 3, 10), "done", "date-after-as-of"),
        ("i7", "ดำเนินการแล้ว", dt.datetime(2021, 5, 1), AS_OF, "done", "date-before-year"),
        ("i7", "อยู่ระหว่างดำเนินการ", None, dt.date(2023, 3, 20), "due_soon", None),
        ("i7", "อยู่ระหว่างดำเนินการ", None, dt.date(2023, 1, 10), "pending", None),
        ("i7", "อยู่ระหว่างดำเนินการ", None, dt.date(2023, 4, 5), "overdue", None),
        ("O28", "ดำเนินการแล้ว", dt.datetime(2022, 12, 5), AS_OF, "done_late", None),
        ("i7", "เสร็จแล้ว", dt.datetime(2022, 10, 31), AS_OF, "done", "status-variant"),
        ("i7", " ดำเนินการแล้ว\u200b ", dt.datetime(2022, 10, 31), AS_OF, "done", None),
        ("i7", "completed", "๓๑/๑๐/๒๕๖๕", AS_OF, "done", "date-from-text"),
        ("i7", "ไม่เกี่ยวข้อง", None, AS_OF, "not_applicable", None),
        ("i7", "ทำแล้วมั้ง", None, dt.date(2023, 4, 2), "overdue", "status-unknown"),
    ],
)
def test_rules_on_one_record(sample_plan, books, tmp_path, measure_id, status, date, as_of, state, code):
    division = "finance" if measure_id == "i7" else "palad"
    data = edit(
        books[division],
        {(layout.NAME_STATUS, measure_id): status, (layout.NAME_ACTION_DATE, measure_id): date},
    )
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", data)], round_id="6m", as_of=as_of)
    record = next(r for r in results.records if r.measure_id == measure_id and r.division == division)
    assert record.state == state
    if code:
        sheet, cell = named_cell(
            data, layout.NAME_STATUS if code.startswith("status") else layout.NAME_ACTION_DATE, measure_id
        )
        assert ("x.xlsx", cell, code) in located(results)


@pytest.mark.parametrize(
    "typed",
    ["ดำเนินการไม่แล้วเสร็จ", "ยังไม่ดำเนินการแล้วเสร็จ", "incomplete", "ดำเนินการแล้ว 50%", "undone", "none"],
)
def test_a_status_that_says_not_or_a_figure_is_never_guessed_as_done(sample_plan, books, tmp_path, typed):
    """Read by likeness, "ดำเนินการไม่แล้วเสร็จ" (not finished) looked like done: it must be asked about."""
    data = edit(books["finance"], {(layout.NAME_STATUS, "i7"): typed})
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", data)], round_id="6m", as_of=AS_OF)
    record = next(r for r in results.records if r.measure_id == "i7" and r.division == "finance")
    assert record.status not in ("done", "not_applicable")  # unknown: counted as not started
    _, cell = named_cell(data, layout.NAME_STATUS, "i7")
    assert ("x.xlsx", cell, "status-unknown") in located(results)


def test_a_guessed_status_is_named_in_the_message(sample_plan, books, tmp_path):
    data = edit(books["finance"], {(layout.NAME_STATUS, "i7"): "ดำเนนการแล้ว"})
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", data)], round_id="6m", as_of=AS_OF)
    said = next(p for p in results.problems if p.code == "status-misspelt")
    assert "ระบบเดาว่าเป็น 'ดำเนินการแล้ว'" in said.message("th")


def test_recurring_measure_done_with_a_period_without_action_lacks_periods(sample_plan, books, tmp_path):
    # i2 is monthly; the sample logs a meeting every month. Remove them: every ended month is missed.
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    sheet, ref = next(iter(wb.defined_names[layout.NAME_LOG_MEASURE].destinations))
    for row in wb[sheet][ref.replace("$", "")]:
        if row[0].value == "i2" and row[0].row % 2:
            row[0].value = None
            for col in range(2, 5):
                wb[sheet].cell(row=row[0].row, column=row[0].column + col - 1).value = None
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    i2 = next(r for r in results.records if r.measure_id == "i2" and r.division == "finance")
    # reported ongoing, with ended months that show no action: not "overdue", periods not reported
    assert (i2.status, i2.state) == ("ongoing", "periods_missing")
    assert i2.missed_periods == ["2022-11-30", "2023-01-31"]  # the odd rows of the log removed
    assert i2.days_overdue is None
    assert any(p.code == "period-without-action" and p.measure_id == "i2" for p in results.problems)
    assert results.summary()["periods_missing"] >= 1


def test_no_record_is_done_and_overdue_at_once(sample_plan, tmp_path):
    """The samples hold monthly measures done once (e14 on 7 Dec 2565): periods not reported."""
    results = collect(sample_plan, [ROOT / "samples" / "6m"], round_id="6m", as_of=AS_OF)
    both = [(r.measure_id, r.division) for r in results.records if r.status in ("done", "ongoing")]
    overdue = {(r.measure_id, r.division) for r in results.records if r.state == "overdue"}
    assert not overdue & set(both)
    e14 = next(r for r in results.records if (r.measure_id, r.division) == ("e14", "finance"))
    assert (e14.status, e14.state, e14.days_overdue) == ("done", "periods_missing", None)
    assert e14.missed_periods == ["2022-10-31", "2022-11-30", "2023-01-31", "2023-02-28"]


def test_recurring_measure_in_progress_with_periods_missed_is_overdue(sample_plan, books, tmp_path):
    """Not done and past due: overdue, days counted from the first period missed."""
    changed = edit(books["finance"], {(layout.NAME_STATUS, "e14"): "อยู่ระหว่างดำเนินการ"})
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", changed)], round_id="6m", as_of=AS_OF)
    e14 = next(r for r in results.records if (r.measure_id, r.division) == ("e14", "finance"))
    assert (e14.status, e14.state) == ("in_progress", "overdue")
    assert e14.days_overdue == (AS_OF - e14.due_date).days > 0


def test_log_rows_typed_below_the_table_are_read_with_a_note(sample_plan, books, tmp_path):
    """The log table has 200 rows; a clerk who removes protection may go on typing below it."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    sheet, ref = next(iter(wb.defined_names[layout.NAME_LOG_MEASURE].destinations))
    ws = wb[sheet]
    last = ws[ref.replace("$", "")][-1][0]
    row = last.row + 3
    ws.cell(row=row, column=last.column, value="i2")
    ws.cell(row=row, column=last.column + 1, value=dt.datetime(2023, 3, 30))
    ws.cell(row=row, column=last.column + 2, value="ประชุมเพิ่มเติม ครั้งที่ ๗")
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    i2 = next(r for r in results.records if r.measure_id == "i2" and r.division == "finance")
    assert any(entry.detail == "ประชุมเพิ่มเติม ครั้งที่ ๗" for entry in i2.log)
    assert ("x.xlsx", f"{last.column_letter}{row}", "log-below-table") in located(results)


def test_every_log_row_typed_far_below_the_table_is_read(sample_plan, books, tmp_path):
    """More rows than any window below the table: all of them are used, none dropped in silence."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    sheet, ref = next(iter(wb.defined_names[layout.NAME_LOG_MEASURE].destinations))
    ws = wb[sheet]
    last = ws[ref.replace("$", "")][-1][0]
    rows = [last.row + 1 + k * 40 for k in range(200)]  # down to 8,000 rows below the table
    for k, row in enumerate(rows):
        ws.cell(row=row, column=last.column, value="i2")
        ws.cell(row=row, column=last.column + 1, value=dt.datetime(2023, 3, 1))
        ws.cell(row=row, column=last.column + 2, value=f"ประชุมเพิ่มเติม ครั้งที่ {k}")
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    i2 = next(r for r in results.records if r.measure_id == "i2" and r.division == "finance")
    typed = {e.detail for e in i2.log if e.detail.startswith("ประชุมเพิ่มเติม")}
    assert len(typed) == 200
    below = [p for p in results.problems if p.code == "log-below-table"]
    assert [(p.cell, p.params["count"]) for p in below] == [(f"{last.column_letter}{rows[0]}", 200)]


def test_a_sheet_the_clerk_added_is_said_not_to_be_read(sample_plan, books, tmp_path):
    """A copy of the measures sheet filled in instead of the original: its answers are not read."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    copy = wb.copy_worksheet(wb[layout.MEASURES_SHEET])
    copy.title = "มาตรการ (2)"
    if layout.LISTS_SHEET in wb.sheetnames:  # the template's own hidden sheet, shown: not the clerk's
        wb[layout.LISTS_SHEET].sheet_state = "visible"
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    said = [p for p in results.problems if p.code == "sheet-not-read"]
    assert [(p.sheet, p.severity) for p in said] == [("มาตรการ (2)", "warning")]
    assert "ระบบอ่านเฉพาะแผ่นงาน 'มาตรการ'" in said[0].message("th")


def test_rows_typed_below_the_measures_table_are_reported_at_their_cells(sample_plan, books, tmp_path):
    """A second report of a measure, or an answer with no measure, typed under the table."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    sheet, ref = next(iter(wb.defined_names[layout.NAME_MEASURE_ID].destinations))
    ws = wb[sheet]
    last = ws[ref.replace("$", "")][-1][0]
    status_col = next(iter(wb.defined_names[layout.NAME_STATUS].destinations))[1].split("$")[1]
    ws.cell(row=last.row + 1, column=last.column, value=ws.cell(row=last.row, column=last.column).value)
    ws[f"{status_col}{last.row + 1}"] = "ดำเนินการแล้ว"
    ws[f"{status_col}{last.row + 3}"] = "ดำเนินการแล้ว"
    ws[f"{status_col}{last.row + 2000}"] = "ดำเนินการแล้ว"  # far below: still read, still reported
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    found = located(results)
    assert ("x.xlsx", f"{last.column_letter}{last.row + 1}", "row-duplicated") in found
    assert ("x.xlsx", f"{last.column_letter}{last.row + 3}", "row-inserted") in found
    assert ("x.xlsx", f"{last.column_letter}{last.row + 2000}", "row-inserted") in found


def test_merged_input_cells_are_named_as_the_cause_of_the_empty_rows(sample_plan, books, tmp_path):
    """Merged across rows, a status belongs to the first row: the others are not the clerk's omission."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(books["finance"]))
    sheet, ref = next(iter(wb.defined_names[layout.NAME_STATUS].destinations))
    cells = wb[sheet][ref.replace("$", "")]
    top, bottom = cells[2][0], cells[4][0]
    wb[sheet].merge_cells(f"{top.coordinate}:{bottom.coordinate}")
    buffer = io.BytesIO()
    wb.save(buffer)
    results = collect(sample_plan, [write(tmp_path, "x.xlsx", buffer.getvalue())], round_id="6m", as_of=AS_OF)
    said = [p for p in results.problems if p.code == "input-cells-merged"]
    assert [(p.cell, p.severity) for p in said] == [(top.coordinate, "warning")]
    assert f"เซลล์ {top.coordinate}:{bottom.coordinate} ถูกผสานรวมกัน" in said[0].message("th")


# -- the check command ------------------------------------------------------------------------
def test_check_command_reports_per_file(tmp_path):
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        [
            "check",
            "--plan",
            plan,
            "--as-of",
            "2023-03-31",
            str(SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx"),
        ],
    )
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli, ["check", "--plan", plan, str(SAMPLES / "with-mistakes")])
    assert bad.exit_code == 1 and "locked text" not in bad.output  # Thai by default
    assert "ข้อความที่ล็อกไว้" in bad.output


def test_an_output_inside_the_folder_of_returns_is_refused_before_anything_is_written(tmp_path):
    returns = tmp_path / "returns"
    shutil.copytree(SAMPLES / "6m", returns)
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    run = CliRunner().invoke(
        cli, ["collect", "--plan", plan, "--out", str(returns / "สรุป.xlsx"), str(returns)]
    )
    assert run.exit_code == 2
    assert f"อยู่ในโฟลเดอร์ {returns} ที่อ่านแบบรายงานที่ส่งกลับ" in run.output
    assert sorted(p.name for p in returns.iterdir()) == sorted(p.name for p in (SAMPLES / "6m").iterdir())


def test_consolidated_files_saved_among_the_returns_are_skipped_with_a_note(tmp_path):
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    out = tmp_path / "out" / "สรุป.xlsx"
    args = ["--plan", plan, "--as-of", "2023-03-31"]
    assert CliRunner().invoke(cli, ["collect", *args, "--out", str(out), str(SAMPLES / "6m")]).exit_code == 0
    returns = tmp_path / "returns"  # last round's consolidated pair, left among this round's returns
    shutil.copytree(SAMPLES / "6m", returns)
    shutil.copy(out, returns)
    shutil.copy(out.with_suffix(".json"), returns)
    run = CliRunner().invoke(cli, ["check", *args, str(returns)])
    assert run.exit_code == 0, run.output
    assert run.output.count("[intake-own-output]") == 2
    assert f"– {returns / 'สรุป.xlsx'}: ไม่ได้ตรวจ" in run.output
    again = CliRunner().invoke(cli, ["collect", *args, "--out", str(out), str(returns)])
    assert again.exit_code == 0, again.output
    assert "ไฟล์ที่รับ 5 ไม่รับ 0" in again.output


@pytest.mark.parametrize("lock_file", [False, True])
def test_check_of_an_empty_folder_says_nothing_was_checked(tmp_path, lock_file):
    if lock_file:
        (tmp_path / "~$กองคลัง.xlsx").write_bytes(b"lock")  # Excel's lock file is all there is
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    run = CliRunner().invoke(cli, ["check", "--plan", plan, str(tmp_path)])
    assert run.exit_code == 1
    assert f"ไม่พบไฟล์ Excel ให้ตรวจใน {tmp_path}" in run.output


def test_an_as_of_date_far_from_the_plan_is_refused_or_warned_about():
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    sample = str(SAMPLES / "6m" / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx")
    for nonsense in ("0001-01-01", ""):
        run = CliRunner().invoke(cli, ["check", "--plan", plan, "--as-of", nonsense, sample])
        assert run.exit_code == 2, (nonsense, run.output)
    far = CliRunner().invoke(cli, ["check", "--plan", plan, "--as-of", "1/1/2563", sample])
    assert far.exit_code == 0
    assert "วันที่ของข้อมูล ๑ มกราคม ๒๕๖๓ อยู่ห่างจากปีงบประมาณ 2566 ของแผนเกินหนึ่งปี" in far.output
    near = CliRunner().invoke(cli, ["check", "--plan", plan, "--as-of", "31/3/2566", sample])
    assert "อยู่ห่างจากปีงบประมาณ" not in near.output


def test_check_notes_a_copy_without_failing_it(books, tmp_path):
    write(tmp_path, "a.xlsx", books["audit"])
    write(tmp_path, "b.xlsx", books["audit"])
    plan = str(ROOT / "workbook_templates" / "plan-2566.yaml")
    run = CliRunner().invoke(cli, ["check", "--plan", plan, "--as-of", "2023-03-31", str(tmp_path)])
    assert run.exit_code == 0, run.output
    verdicts = [line for line in run.output.splitlines() if line[:1] in "✔✘–"]
    assert verdicts == [
        f"✔ {tmp_path / 'a.xlsx'}: ใช้ได้ (คำเตือน 0)",
        f"– {tmp_path / 'b.xlsx'}: ไม่ได้ตรวจ (ดูหมายเหตุด้านบน)",
    ]
    assert "[intake-duplicate]" in run.output


def test_check_output_redirected_in_a_thai_windows_code_page(tmp_path):
    """Windows writes redirected output in cp874: Thai letters, but no ✔ or ›."""
    sample = SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx"
    plan = ROOT / "workbook_templates" / "plan-2566.yaml"
    env = {**os.environ, "PYTHONIOENCODING": "cp874"}
    env.pop("ITA_LANG", None)
    argv = ["check", "--plan", str(plan), "--as-of", "2023-03-31", str(sample)]
    run = subprocess.run([sys.executable, "-m", "ita_xlsx", *argv], capture_output=True, env=env, timeout=120)
    out = run.stdout.decode("cp874")
    assert run.returncode == 0, (out, run.stderr.decode("cp874", "replace"))
    assert f"/ {sample}: ใช้ได้ (คำเตือน " in out
    assert f"{sample} > มาตรการ > H" in out  # where each warning is, › written as >


def test_inputs_are_never_modified(sample_plan, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES / "with-mistakes", folder)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    collect(sample_plan, [folder], round_id="6m", as_of=AS_OF)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert before == after


def test_output_may_not_overwrite_an_input(tmp_path, books):
    path = write(tmp_path, "f.xlsx", books["finance"])
    result = CliRunner().invoke(
        cli,
        [
            "collect",
            "--plan",
            str(ROOT / "workbook_templates" / "plan-2566.yaml"),
            "--out",
            str(path),
            str(path),
        ],
    )
    assert result.exit_code == 2
    assert path.read_bytes() == books["finance"]


def test_a_damaged_metadata_part_does_not_reject_the_workbook(sample_plan, books, tmp_path):
    import io

    source, out = zipfile.ZipFile(io.BytesIO(books["finance"])), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = data.replace(b"</cp:coreProperties>", b"<x>\xff</x></cp:coreProperties>")
            target.writestr(name, data)
    results = collect(sample_plan, [write(tmp_path, "f.xlsx", out.getvalue())], round_id="6m", as_of=AS_OF)
    assert results.summary()["files_accepted"] == 1 and results.summary()["errors"] == 0


def test_a_workbook_with_macros_is_listed_once_with_its_warning(sample_plan, books, tmp_path):
    import io

    source, out = zipfile.ZipFile(io.BytesIO(books["works"])), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really VBA")
    path = write(tmp_path, "กองช่าง.xlsm", out.getvalue())
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    reports = [f for f in results.files if f.path == str(path)]
    assert len(reports) == 1 and reports[0].accepted
    assert "intake-macros" in {p.code for p in reports[0].problems}
