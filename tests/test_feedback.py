"""Feedback workbooks: one per division whose used file had problems, with the problem cells marked.

Run over samples/with-mistakes as of the round's end; each planted mistake is asserted on its cell
in the fresh workbook, found through the defined names, and on the problem's code (its Thai message).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ita_xlsx import messages
from ita_xlsx.cli import cli
from ita_xlsx.collect.run import collect
from ita_xlsx.core.atomic import OutputInInputFolder
from ita_xlsx.core.problems import ERROR, WARNING
from ita_xlsx.feedback.workbook import FILE_PREFIX, FIX_SHEET, locate, write_feedback
from ita_xlsx.read import layout
from ita_xlsx.read.returned import read_returned
from ita_xlsx.template.protection import legacy_password_hash
from ita_xlsx.template.writer import build_template

import hostile
import libreoffice as lo
from workbooks import ROOT, filled_workbooks, named_cell, results_json

AS_OF = dt.date(2023, 3, 31)
MISTAKES = ROOT / "samples" / "with-mistakes"
PASSWORD = "feedback-test"
GENERATED = dt.datetime(2023, 4, 5, 9, 0)
PALAD_MISTAKES = [  # (defined name, measure, code) planted by ita_xlsx.samples
    (layout.NAME_ACTION_DATE, "e10", "date-from-text"),
    (layout.NAME_STATUS, "e9", "status-misspelt"),
    (layout.NAME_ACTION_DATE, "O2", "date-missing"),
]
ALL_NAMES = {*layout.INPUT_NAMES, *layout.LOCKED_NAMES, *layout.LOG_NAMES, layout.NAME_DUE_DATE}


@pytest.fixture(scope="module")
def run(sample_plan, tmp_path_factory) -> tuple[list[Path], list, Path]:
    out = tmp_path_factory.mktemp("feedback")
    written, found = write_feedback(
        sample_plan, [MISTAKES], out, as_of=AS_OF, password=PASSWORD, generated=GENERATED
    )
    return written, found, out


def feedback_path(plan, out: Path, division: str) -> Path:
    return out / (FILE_PREFIX + layout.file_name(plan, plan.round("6m"), division))


def comments(path: Path) -> dict[tuple[str, str], str]:
    wb = load_workbook(path)
    return {
        (ws.title, c.coordinate): c.comment.text
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if c.comment
    }


def fix_rows(path: Path) -> list[tuple]:
    """The table of the fix sheet, below its header row."""
    ws = load_workbook(path)[FIX_SHEET]
    rows = [r for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == messages.text("feedback.col.number", "th"))
    return rows[header + 1 :]


def th(key: str) -> str:
    return messages.text(key, "th")


# -- which divisions ----------------------------------------------------------------------------
def test_feedback_goes_to_exactly_the_divisions_whose_used_file_has_problems(sample_plan, run):
    written, found, out = run
    results = collect(sample_plan, [MISTAKES], as_of=AS_OF)
    with_problems = {
        f.division
        for f in results.files
        if f.accepted
        and not f.superseded_by
        and any(p.severity in (ERROR, WARNING) and p.file == f.path for p in f.problems)
    }
    # palad and education carry the planted mistakes; finance and works the seed's missed periods.
    assert with_problems == {"palad", "education", "finance", "works"}
    assert sorted(written) == sorted(feedback_path(sample_plan, out, d) for d in with_problems)
    assert not feedback_path(sample_plan, out, "audit").exists()  # audit sent nothing
    assert [(p.code, p.division) for p in found if p.severity != "info"] == [
        ("division-not-received", "audit")
    ]


# -- palad: the planted mistakes ----------------------------------------------------------------
@pytest.mark.parametrize(("name", "measure_id", "code"), PALAD_MISTAKES)
def test_palad_problem_cells_carry_a_fill_and_the_thai_message(sample_plan, run, name, measure_id, code):
    path = feedback_path(sample_plan, run[2], "palad")
    sheet, cell = named_cell(path, name, measure_id)
    problem = _palad_problem(sample_plan, code, measure_id)
    assert problem.message_th in comments(path)[(sheet, cell)]
    fill = load_workbook(path)[sheet][cell].fill
    assert fill.fill_type == "solid" and fill.fgColor.rgb.endswith("F4B183")  # orange: a warning


def test_palad_fix_sheet_is_first_active_and_lists_every_problem(sample_plan, run):
    path = feedback_path(sample_plan, run[2], "palad")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == FIX_SHEET and wb.active.title == FIX_SHEET
    assert [ws.sheet_view.tabSelected for ws in wb] == [True] + [False] * (len(wb.sheetnames) - 1)
    heading = " ".join(str(r[0]) for r in wb[FIX_SHEET].iter_rows(max_row=4, values_only=True))
    assert "ไฟล์นี้ใช้แทน" in heading and "๑๐ เมษายน ๒๕๖๖" in heading  # replaces, and the return date
    rows = fix_rows(path)
    results = collect(sample_plan, [MISTAKES], as_of=AS_OF)
    palad = next(f for f in results.files if f.division == "palad")
    assert len(rows) == len([p for p in palad.problems if p.severity != "info"])
    listed = {(r[1], r[2], r[3]) for r in rows}
    for name, measure_id, code in PALAD_MISTAKES:
        label = th(
            "template.book.col.status" if name == layout.NAME_STATUS else "template.book.col.action-date"
        )
        message = _palad_problem(sample_plan, code, measure_id).message_th
        assert (measure_id, label, message) in listed
    sheet, cell = named_cell(path, layout.NAME_STATUS, "e9")
    assert f"{sheet}!{cell}" in {r[4] for r in rows}


def test_a_correction_the_tool_made_itself_is_not_sent_back(sample_plan, run):
    """e6: 4/10/2565 typed into a Gregorian calendar (the year 2565 CE); collect subtracts 543 and
    says so as information: nothing for the clerk to fix, no mark in the feedback workbook."""
    results = collect(sample_plan, [MISTAKES], as_of=AS_OF)
    corrected = [p for p in results.problems if p.code == "date-be-stored-as-ce"]
    assert [(p.severity, p.measure_id, p.division) for p in corrected] == [("info", "e6", "palad")]
    path = feedback_path(sample_plan, run[2], "palad")
    sheet, cell = named_cell(path, layout.NAME_ACTION_DATE, "e6")
    assert (sheet, cell) not in comments(path)
    assert all(r[1] != "e6" for r in fix_rows(path))
    assert load_workbook(path)[sheet][cell].value.date() == dt.date(2022, 10, 4)  # the year corrected


@pytest.fixture(scope="module")
def saved_feedback(sample_plan, run, tmp_path_factory) -> Path:
    """palad's feedback workbook as the clerk sends it back: opened and saved in LibreOffice."""
    assert lo.available(), lo.INSTALL_HINT
    saved = tmp_path_factory.mktemp("saved") / "แก้ไขแล้ว.xlsx"
    edit = [(layout.INSTRUCTIONS_SHEET, "H60", "ตรวจแล้ว")]  # outside every table: what is read stays
    lo.fill_and_save(feedback_path(sample_plan, run[2], "palad"), saved, edit, as_user=False)
    return saved


def test_an_untouched_feedback_workbook_is_the_tools_own_and_skipped(sample_plan, run):
    path = feedback_path(sample_plan, run[2], "palad")
    original = MISTAKES / layout.file_name(sample_plan, sample_plan.round("6m"), "palad")
    results = collect(sample_plan, [original, path], as_of=AS_OF)
    by_path = {Path(f.path).name: f for f in results.files}
    assert by_path[original.name].accepted and by_path[original.name].superseded_by is None
    assert [(p.severity, p.code) for p in by_path[path.name].problems] == [("info", "intake-own-feedback")]
    assert not by_path[path.name].accepted and not by_path[path.name].rejected


def test_palad_prefill_equals_what_palad_sent(sample_plan, run, saved_feedback):
    path = saved_feedback
    sent = _read(sample_plan, MISTAKES / layout.file_name(sample_plan, sample_plan.round("6m"), "palad"))
    fresh = _read(sample_plan, path)
    assert fresh.accepted and fresh.division == "palad"
    fields = ("status", "action_date", "result", "evidence", "note")
    assert {m: [getattr(e, f) for f in fields] for m, e in fresh.entries.items()} == {
        m: [getattr(e, f) for f in fields] for m, e in sent.entries.items()
    }
    assert [e.to_dict() for e in fresh.log] == [e.to_dict() for e in sent.log] and sent.log
    sheet, cell = named_cell(path, layout.NAME_STATUS, "e9")
    assert load_workbook(path)[sheet][cell].value == "ดำเนินการแล้ว"  # the misspelt status, normalised
    sheet, cell = named_cell(path, layout.NAME_ACTION_DATE, "e6")
    assert load_workbook(path)[sheet][cell].value.date() == dt.date(2022, 10, 4)  # the BE year corrected


def test_feedback_workbook_reopens_protected_with_its_names(sample_plan, run):
    path = feedback_path(sample_plan, run[2], "palad")
    wb = load_workbook(path)
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert {ws.protection.password for ws in wb.worksheets} == {legacy_password_hash(PASSWORD)}
    assert wb.security.lockStructure
    assert set(wb.defined_names) == ALL_NAMES
    assert [ws.sheet_state for ws in wb][-2:] == ["hidden", "veryHidden"]
    identity = _read_as_saved(sample_plan, path)
    assert identity.generated == GENERATED.isoformat(timespec="seconds")


def test_collect_of_the_feedback_file_alone_accepts_it_as_palads(
    sample_plan, sample_plan_path, saved_feedback, tmp_path
):
    path = saved_feedback
    out = tmp_path / "สรุป.xlsx"
    result = CliRunner().invoke(
        cli,
        ["collect", "--plan", str(sample_plan_path), "--as-of", "2023-03-31", "--out", str(out), str(path)],
    )
    assert result.exit_code in (0, 1), result.output
    files = results_json(out)["files"]
    assert [(f["accepted"], f["division"]) for f in files] == [(True, "palad")]
    codes = {p["code"] for p in files[0]["problems"]}
    assert not codes & {"date-from-text", "date-be-stored-as-ce", "status-misspelt", "workbook-no-identity"}


def test_the_feedback_file_supersedes_the_file_it_replaces(sample_plan, saved_feedback):
    path = saved_feedback
    original = MISTAKES / layout.file_name(sample_plan, sample_plan.round("6m"), "palad")
    results = collect(sample_plan, [original, path], as_of=AS_OF)
    by_path = {Path(f.path).name: f for f in results.files}
    assert by_path[original.name].superseded_by == str(path)
    assert not any(p.code == "conflicting-versions" for p in results.problems)


# -- education: a locked text edited -----------------------------------------------------------
def test_locked_text_problem_marks_the_rows_status_cell(sample_plan, run):
    path = feedback_path(sample_plan, run[2], "education")
    sheet, cell = named_cell(path, layout.NAME_STATUS, "i2")
    text = comments(path)[(sheet, cell)]
    assert th("locked-text-changed") in text and th("template.book.col.question") in text
    assert load_workbook(path)[sheet][cell].fill.fgColor.rgb.endswith("FF8B8B")  # red: an error
    question = named_cell(path, layout.NAME_QUESTION, "i2")
    assert load_workbook(path)[question[0]][question[1]].value != "ข้อความที่แก้ไขเอง"  # plan text back
    fields = {(r[1], r[2]) for r in fix_rows(path)}
    locked = messages.text("feedback.field.locked", "th", field=th("template.book.col.question"))
    assert ("i2", locked) in fields
    sheet_label = messages.text("feedback.field.sheet", "th", sheet=layout.MEASURES_SHEET)
    assert ("—", sheet_label) in fields  # protection removed: the whole sheet


def test_locate_maps_a_locked_cell_to_its_field(sample_plan):
    ret = _read(sample_plan, MISTAKES / layout.file_name(sample_plan, sample_plan.round("6m"), "education"))
    problem = next(p for p in ret.problems if p.code == "locked-text-changed")
    spot = locate(problem, ret)
    assert (spot.measure_id, spot.field, spot.on_log) == ("i2", "question", False)


# -- the activity log ---------------------------------------------------------------------------
def test_log_problems_mark_the_same_log_row(sample_plan, books, tmp_path):
    data = _edit_log(
        books["palad"], {(layout.NAME_LOG_DATE, 2): "๗ ต.ค. ๒๕๖๕", (layout.NAME_LOG_MEASURE, 4): "i7"}
    )
    src = tmp_path / "in" / "palad.xlsx"
    src.parent.mkdir()
    src.write_bytes(data)
    written, _ = write_feedback(sample_plan, [src], tmp_path / "out", as_of=AS_OF, password=PASSWORD)
    path = feedback_path(sample_plan, tmp_path / "out", "palad")
    assert written == [path]
    wb = load_workbook(path)
    sheet, ref = next(iter(wb.defined_names[layout.NAME_LOG_DATE].destinations))
    date_cell = list(wb[sheet][ref.replace("$", "")])[2][0]
    assert th("date-from-text").split('"')[0] in date_cell.comment.text
    sent, fresh = _read(sample_plan, src), _read_as_saved(sample_plan, path)
    assert [e.to_dict() for e in fresh.log] == [e.to_dict() for e in sent.log]  # same order, i7 dropped
    unknown = [r for r in fix_rows(path) if r[1] == "i7"]
    assert len(unknown) == 1 and unknown[0][4] == "—" and layout.LOG_SHEET in unknown[0][2]


# -- the command --------------------------------------------------------------------------------
def test_cli_writes_feedback_and_exits_1(sample_plan_path, tmp_path):
    out = tmp_path / "ให้แก้ไข"
    result = CliRunner().invoke(
        cli,
        [
            "feedback",
            "--plan",
            str(sample_plan_path),
            "--as-of",
            "2023-03-31",
            "--out",
            str(out),
            str(MISTAKES),
        ],
        env={"ITA_TEMPLATE_PASSWORD": PASSWORD, "ITA_LANG": "th"},
    )
    assert result.exit_code == 1, result.output
    assert len(list(out.glob(f"{FILE_PREFIX}*.xlsx"))) == 4
    assert PASSWORD not in result.output
    wb = load_workbook(next(out.glob(f"{FILE_PREFIX}*.xlsx")))
    assert wb[FIX_SHEET].protection.password == legacy_password_hash(PASSWORD)


def test_cli_lists_rejected_files_with_their_reason(sample_plan, sample_plan_path, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    palad = layout.file_name(sample_plan, sample_plan.round("6m"), "palad")
    shutil.copy(MISTAKES / palad, inbox / palad)
    other_round = build_template(sample_plan, "12m", "finance", password=PASSWORD)
    (inbox / "finance-12m.xlsx").write_bytes(other_round)
    encrypted = hostile.encrypted_ole(inbox)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["feedback", "--plan", str(sample_plan_path), "--round", "6m", "--out", str(out), str(inbox)],
        env={"ITA_LANG": "en", "ITA_TEMPLATE_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 1, result.output
    assert [p.name for p in out.glob("*.xlsx")] == [FILE_PREFIX + palad]
    assert "finance-12m.xlsx" in result.output and "round '12m', not round '6m'" in result.output
    assert encrypted.name in result.output
    assert "2 file(s) not used" in result.output


def test_cli_exits_0_when_no_division_needs_feedback(sample_plan_path, tmp_path):
    src = tmp_path / "in" / "audit.xlsx"
    src.parent.mkdir()
    src.write_bytes(_audit_clean())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["feedback", "--plan", str(sample_plan_path), "--as-of", "2023-03-31", "--out", str(out), str(src)],
        env={"ITA_LANG": "en"},
    )
    assert result.exit_code == 0, result.output
    assert "No division needs feedback" in result.output
    assert not out.exists()  # not even a password file


def test_cli_refuses_an_output_folder_inside_the_inputs(sample_plan_path, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(MISTAKES, inbox)
    result = CliRunner().invoke(
        cli, ["feedback", "--plan", str(sample_plan_path), "--out", str(inbox / "fb"), str(inbox)]
    )
    assert result.exit_code == 2
    with pytest.raises(OutputInInputFolder):
        write_feedback(None, [inbox], inbox, password=PASSWORD)


def test_a_returned_file_kept_under_its_feedback_name_is_never_overwritten(
    sample_plan, sample_plan_path, tmp_path
):
    """A division sends the corrected file back under the feedback's name, into the --out folder."""
    out = tmp_path / "fb"
    out.mkdir()
    returned = feedback_path(sample_plan, out, "palad")
    shutil.copyfile(MISTAKES / "ITA2566_6m_palad_สำนักปลัด.xlsx", returned)
    before = returned.read_bytes()
    argv = ["feedback", "--plan", str(sample_plan_path), "--as-of", "2023-03-31", "--out", str(out)]
    result = CliRunner().invoke(cli, [*argv, str(returned)], env={"ITA_TEMPLATE_PASSWORD": PASSWORD})
    assert result.exit_code == 2, result.output
    assert returned.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [returned.name]  # no password file either


def test_cli_help_is_bilingual_with_an_example():
    result = CliRunner().invoke(cli, ["feedback", "--help"])
    assert result.exit_code == 0
    assert "ส่งไฟล์ให้หน่วยงานแก้ไข" in result.output and "ita-xlsx feedback --plan" in result.output


# -- LibreOffice --------------------------------------------------------------------------------
def test_feedback_workbook_opens_in_libreoffice(sample_plan, run):
    assert lo.available(), lo.INSTALL_HINT
    sheets = lo.open_without_repair(feedback_path(sample_plan, run[2], "palad"))
    assert sheets[:4] == [FIX_SHEET, layout.INSTRUCTIONS_SHEET, layout.MEASURES_SHEET, layout.LOG_SHEET]


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def books(sample_plan) -> dict[str, bytes]:
    return filled_workbooks(sample_plan)


def _read(plan, path: Path):
    return read_returned(str(path), Path(path).read_bytes(), plan)


def _read_as_saved(plan, path: Path):
    """A feedback workbook read as it comes back once someone saved it (an untouched one is skipped)."""
    wb = load_workbook(path)
    wb.properties.lastModifiedBy = "เจ้าหน้าที่"
    buffer = io.BytesIO()
    wb.save(buffer)
    return read_returned(str(path), buffer.getvalue(), plan)


def _palad_problem(plan, code: str, measure_id: str):
    results = collect(plan, [MISTAKES], as_of=AS_OF)
    return next(p for p in results.problems if p.code == code and p.measure_id == measure_id)


def _audit_clean() -> bytes:
    return (ROOT / "samples" / "6m" / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx").read_bytes()


def _edit_log(data: bytes, changes: dict[tuple[str, int], object]) -> bytes:
    """Change cells of the activity log: (defined name, 0-based entry) → value."""
    wb = load_workbook(io.BytesIO(data))
    for (name, index), value in changes.items():
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        list(wb[sheet][ref.replace("$", "")])[index][0].value = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
