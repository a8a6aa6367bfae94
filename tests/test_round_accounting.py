"""A round the coordinator can trust (issue 18): every input accounted for, a blank return is not a
good return, states that explain themselves, defaults that do not mislead.

Real workbooks from the real templates; the commands as a user runs them; LibreOffice where what a
spreadsheet program computes is the point.
"""

from __future__ import annotations

import datetime as dt
import email
import io
from email import policy
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ita_xlsx.cli import cli
from ita_xlsx.core import thaidates
from ita_xlsx.read import layout
from ita_xlsx.template.writer import build_template, write_templates

import hostile
import libreoffice as lo
from workbooks import ROOT, edit, filled_workbooks, results_json

AS_OF = "2023-03-31"
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
SAMPLES = ROOT / "samples" / "6m"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def books(sample_plan) -> dict[str, bytes]:
    return filled_workbooks(sample_plan)


@pytest.fixture(scope="module")
def blank_templates(sample_plan, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    written, _ = write_templates(sample_plan, folder, password="pw")
    return {p.name.split("_")[2]: p for p in written}


def _summary_lines(ws) -> list[str]:
    """The texts of column A of the summary sheet, top to bottom."""
    return [str(c.value) for c in ws["A"] if c.value is not None]


# --- 1. every input accounted for --------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed_round(books, blank_templates, sample_plan, tmp_path_factory) -> Path:
    """palad, finance and education send good files; works sends its 12m workbook (another round);
    audit sends a workbook with a password (named as its template); a copy and a missing folder."""
    folder = tmp_path_factory.mktemp("returns")
    for code in ("palad", "finance", "education"):
        (folder / f"ITA2566_6m_{code}.xlsx").write_bytes(books[code])
    (folder / "สำเนา ITA2566_6m_finance.xlsx").write_bytes(books["finance"])
    twelve, _ = write_templates(sample_plan, tmp_path_factory.mktemp("t12"), round_id="12m", password="pw")
    works_12m = next(p for p in twelve if "_works_" in p.name)
    (folder / works_12m.name).write_bytes(works_12m.read_bytes())
    encrypted = hostile.encrypted_ole(tmp_path_factory.mktemp("encrypted"))
    (folder / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx").write_bytes(encrypted.read_bytes())
    return folder


@pytest.fixture(scope="module")
def mixed_collected(mixed_round, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "สรุป.xlsx"
    code, stdout, stderr = run(
        "collect", "--plan", PLAN, "--as-of", AS_OF, "--out", out, mixed_round, mixed_round / "ไม่มีโฟลเดอร์นี้"
    )
    return out, code, stdout, stderr


def test_collect_prints_every_input_it_did_not_use_with_why(mixed_collected, mixed_round):
    _, code, stdout, _ = mixed_collected
    assert code == 1
    lines = stdout.splitlines()
    assert "ไฟล์ที่ไม่ได้ใช้ 4 ไฟล์:" in lines
    unused = lines[lines.index("ไฟล์ที่ไม่ได้ใช้ 4 ไฟล์:") + 1 :]
    said = {
        line.split(": ", 1)[0].strip(" -"): line.split(": ", 1)[1]
        for line in unused
        if line.startswith("  - ")
    }
    assert said[str(mixed_round / "ไม่มีโฟลเดอร์นี้")].startswith("ไม่พบไฟล์หรือโฟลเดอร์นี้")
    assert said[str(mixed_round / "ITA2566_12m_works_กองช่าง.xlsx")].startswith("แบบรายงานนี้เป็นของรอบ '12m'")
    assert said[str(mixed_round / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx")].startswith("ไฟล์นี้มีรหัสผ่าน")
    assert said[str(mixed_round / "สำเนา ITA2566_6m_finance.xlsx")].startswith("ไฟล์นี้เหมือนกับ")


def test_sent_not_usable_is_not_not_received(mixed_collected):
    out, _, stdout, _ = mixed_collected
    lines = stdout.splitlines()
    assert "หน่วยงาน 5: ส่งแล้ว 3 · ส่งแล้วแต่ใช้ไม่ได้ 2 · ยังไม่ได้รับ 0" in lines
    assert any(line.startswith("ส่งแล้วแต่ใช้ไม่ได้: กองช่าง: แบบรายงานนี้เป็นของรอบ '12m'") for line in lines)
    assert any(line.startswith("ส่งแล้วแต่ใช้ไม่ได้: หน่วยตรวจสอบภายใน: ไฟล์นี้มีรหัสผ่าน") for line in lines)
    assert not any(line.startswith("ยังไม่ได้รับแบบรายงานจาก") for line in lines)
    data = results_json(out)
    assert data["summary"]["divisions_missing"] == []
    assert data["summary"]["divisions_rejected"] == ["works", "audit"]
    by_code = {d["code"]: d for d in data["divisions"]}
    assert [d["code"] for d in data["divisions"]] == ["palad", "finance", "works", "education", "audit"]
    assert {c: d["submission"] for c, d in by_code.items()} == {
        "palad": "received",
        "finance": "received",
        "works": "rejected",
        "education": "received",
        "audit": "rejected",
    }
    assert by_code["works"]["reasons"] == ["workbook-other-round"]
    assert by_code["audit"]["reasons"] == ["intake-encrypted"]
    assert by_code["audit"]["name"] == "หน่วยตรวจสอบภายใน"
    assert [Path(f).name for f in by_code["finance"]["files"]] == ["ITA2566_6m_finance.xlsx"]
    assert by_code["palad"]["reasons"] == []
    said = {(p["code"], p["division"]) for p in data["problems"] if p["code"].startswith("division-")}
    assert said == {("division-file-not-usable", "works"), ("division-file-not-usable", "audit")}


def test_the_not_sent_sheet_says_why_a_file_could_not_be_used(mixed_collected):
    out, *_ = mixed_collected
    ws = openpyxl.load_workbook(out)["ยังไม่ส่ง"]
    notes = {row[8].value: row[6].value for row in ws.iter_rows(min_row=3) if row[8].value}
    assert notes["works"].startswith("ส่งแล้วแต่ใช้ไม่ได้: แบบรายงานนี้เป็นของรอบ '12m'")
    assert notes["audit"].startswith("ส่งแล้วแต่ใช้ไม่ได้: ไฟล์นี้มีรหัสผ่าน")


def test_summary_sheet_counts_rejected_apart_from_not_received(mixed_collected):
    out, *_ = mixed_collected
    ws = openpyxl.load_workbook(out)["สรุป"]
    labels = next(r for r in ws.iter_rows() if r[0].value == "รายการ (มาตรการ × หน่วยงาน)")
    values = {c.column: c.value for c in ws[labels[0].row + 1] if c.value is not None}
    cards = {c.value: values[c.column] for c in labels if c.value is not None}
    assert cards["ยังไม่ได้รับ\n(หน่วยงาน)"] == 0
    assert cards["ส่งแล้วแต่ใช้ไม่ได้\n(หน่วยงาน)"] == 2
    lines = _summary_lines(ws)
    assert any(line.startswith("ส่งแล้วแต่ใช้ไม่ได้: กองช่าง: แบบรายงานนี้เป็นของรอบ '12m'") for line in lines)
    sent = {row[0].value: row[12].value for row in ws.iter_rows() if row[12].value in ("ส่งแล้ว", "ใช้ไม่ได้")}
    assert sent == {"สำนักปลัด": "ส่งแล้ว", "กองคลัง": "ส่งแล้ว", "กองช่าง": "ใช้ไม่ได้", "กองการศึกษาฯ": "ส่งแล้ว"} | {
        "หน่วยตรวจสอบภายใน": "ใช้ไม่ได้"
    }


def test_mail_and_reminders_tell_rejected_from_not_received(mixed_collected, tmp_path):
    out, *_ = mixed_collected
    code, _, _ = run("mail", out, "--to", "nayok@example.go.th", "--eml", tmp_path / "draft.eml")
    assert code == 0
    msg = email.message_from_bytes((tmp_path / "draft.eml").read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()
    assert "ส่งแล้วแต่ใช้ไม่ได้: กองช่าง (แบบรายงานนี้เป็นของรอบ '12m'" in body
    assert "ยังไม่ได้รับแบบรายงานจาก" not in body
    plan = _plan_with_addresses(tmp_path)
    code, stdout, _ = run(
        "remind", "--plan", plan, "--results", out.with_suffix(".json"), "--out", tmp_path / "r"
    )
    assert code == 0, stdout
    reminder = email.message_from_bytes(
        (tmp_path / "r" / "ITA2566_6m_works.eml").read_bytes(), policy=policy.default
    )
    text = reminder.get_body(("plain",)).get_content()
    assert "ได้รับไฟล์ของหน่วยงานแล้ว แต่ใช้ไม่ได้: แบบรายงานนี้เป็นของรอบ '12m'" in text
    assert "กรุณาส่งแบบรายงานที่ได้รับจากสำนักปลัด" in text
    assert "ยังไม่ได้รับแบบรายงานของหน่วยงาน" not in text


def _plan_with_addresses(folder: Path) -> Path:
    import yaml

    data = yaml.safe_load(PLAN.read_text("utf-8"))
    for division in data["divisions"]:
        division["emails"] = [f"{division['code']}@example.go.th"]
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_nothing_accepted_is_said_first_on_screen_and_at_the_top_of_the_workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "รายงาน.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "สรุป.xlsx"
    code, stdout, _ = run("collect", "--plan", PLAN, "--round", "6m", "--as-of", AS_OF, "--out", out, folder)
    assert code == 1
    first = stdout.splitlines()[0]
    assert first.startswith("✘ ไม่มีไฟล์ใดใช้ได้เลย (อ่าน 1 รายการ)")
    ws = openpyxl.load_workbook(out)["สรุป"]
    assert ws["A5"].value.startswith("ไม่มีไฟล์ใดใช้ได้เลย (ได้รับ ๑ รายการ)")
    assert ws["A5"].fill.fgColor.rgb.endswith("FFC7CE")


def test_many_unused_inputs_are_cut_with_a_pointer_to_the_problems_sheet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(23):
        (folder / f"รายงาน{n:02}.xlsx").write_bytes(b"not a workbook %d" % n)
    code, stdout, _ = run(
        "collect", "--plan", PLAN, "--round", "6m", "--as-of", AS_OF, "--out", tmp_path / "s.xlsx", folder
    )
    assert code == 1
    lines = stdout.splitlines()
    assert "ไฟล์ที่ไม่ได้ใช้ 23 ไฟล์:" in lines
    assert sum(line.startswith("  - ") for line in lines) == 20
    assert "  และอีก 3 ไฟล์: ดูแผ่นงาน ปัญหาข้อมูล ในไฟล์สรุป" in lines


# --- 2. a blank return is not a good return ----------------------------------------------------
def test_check_on_an_untouched_template_names_the_measures_not_filled(blank_templates):
    code, stdout, _ = run("check", "--plan", PLAN, "--as-of", AS_OF, blank_templates["finance"])
    assert code == 1
    path = str(blank_templates["finance"])
    line = next(x for x in stdout.splitlines() if "[measures-not-filled]" in x)
    assert line.startswith(f"{path} › มาตรการ: ข้อผิดพลาด: ยังไม่ได้กรอก 16 มาตรการ: i1, i2, i7, i11,")
    assert f"✘ {path}: ต้องแก้ไข (ข้อผิดพลาด 1 คำเตือน 16)" in stdout.splitlines()


def test_check_on_a_partly_filled_return_names_only_the_empty_ones(books, tmp_path):
    path = tmp_path / "finance.xlsx"
    path.write_bytes(
        edit(books["finance"], {(layout.NAME_STATUS, "i7"): None, (layout.NAME_STATUS, "e15"): None})
    )
    code, stdout, _ = run("check", "--plan", PLAN, "--as-of", AS_OF, path)
    assert code == 1
    assert "ยังไม่ได้กรอก 2 มาตรการ: i7, e15 " in stdout


def _counter_cell(ws) -> openpyxl.cell.Cell:
    row = next(r for r in ws.iter_rows() if r[0].value == "ยังไม่ได้เลือกสถานะ")
    return row[1]


def test_template_shows_how_many_measures_are_still_empty(blank_templates):
    ws = openpyxl.load_workbook(blank_templates["finance"])[layout.INSTRUCTIONS_SHEET]
    cell = _counter_cell(ws)
    assert cell.value == f"=COUNTBLANK({layout.NAME_STATUS})"
    assert cell.number_format == '0" จาก 16 มาตรการ (เลือกสถานะให้ครบทุกมาตรการก่อนส่ง)"'
    cached = openpyxl.load_workbook(blank_templates["finance"], data_only=True)[layout.INSTRUCTIONS_SHEET]
    assert _counter_cell(cached).value == 16


def test_the_counter_follows_what_the_clerk_fills_in_libreoffice(blank_templates, tmp_path):
    if not lo.available():
        pytest.fail(f"LibreOffice is required for this test: {lo.INSTALL_HINT}", pytrace=False)
    wb = openpyxl.load_workbook(blank_templates["finance"])
    sheet, ref = next(iter(wb.defined_names[layout.NAME_STATUS].destinations))
    first = wb[sheet][ref.replace("$", "").split(":")[0]]
    edits = [
        (sheet, first.coordinate, "ดำเนินการแล้ว"),
        (sheet, first.offset(row=1).coordinate, "ไม่เกี่ยวข้อง"),
        (sheet, first.offset(row=2).coordinate, "ดำเนินการเป็นประจำ"),
    ]
    saved = tmp_path / "filled.xlsx"
    assert lo.fill_and_save(blank_templates["finance"], saved, edits) == [True, True, True]
    ws = openpyxl.load_workbook(saved, data_only=True)[layout.INSTRUCTIONS_SHEET]
    assert _counter_cell(ws).value == 13  # recalculated by LibreOffice as the statuses were typed
    assert isinstance(
        openpyxl.load_workbook(saved)[sheet][first.coordinate].value, str
    )  # typed text, no formula


# --- 5. defaults that mislead, and consistency ---------------------------------------------------
def test_without_as_of_outside_the_round_the_screen_says_states_are_as_of_today(tmp_path):
    code, _, stderr = run("collect", "--plan", PLAN, "--round", "6m", "--out", tmp_path / "s.xlsx", SAMPLES)
    assert code == 0
    today = thaidates.format_thai(dt.date.today())
    said = (
        f"หมายเหตุ: ไม่ได้ระบุ --as-of สถานะทุกมาตรการจึงคิด ณ วันนี้ ({today}) ซึ่งอยู่นอกรอบ ๖ เดือน "
        "(๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖) ถ้าต้องการสถานะ ณ วันสิ้นรอบ ให้ระบุ --as-of 2023-03-31 [as-of-today]"
    )
    assert said in stderr.splitlines()
    code, _, stderr = run("check", "--plan", PLAN, SAMPLES / "ITA2566_6m_finance_กองคลัง.xlsx")
    assert said in stderr.splitlines()
    code, _, stderr = run("feedback", "--plan", PLAN, "--out", tmp_path / "fb", SAMPLES)
    assert said in stderr.splitlines()
    code, _, stderr = run("collect", "--plan", PLAN, "--as-of", AS_OF, "--out", tmp_path / "t.xlsx", SAMPLES)
    assert "--as-of" not in stderr  # given: nothing to say


def test_the_tools_own_files_among_the_inputs_are_skipped_with_a_note(books, tmp_path):
    returns = tmp_path / "returns"
    returns.mkdir()
    for code in ("palad", "finance"):
        (returns / f"{code}.xlsx").write_bytes(books[code])
    out = tmp_path / "out" / "สรุป.xlsx"
    out.parent.mkdir()
    assert run("collect", "--plan", PLAN, "--as-of", AS_OF, "--out", out, returns)[0] == 0
    plan = _plan_with_addresses(tmp_path)
    assert run("mail", out, "--to", "nayok@example.go.th", "--eml", returns / "ร่าง.eml")[0] == 0
    assert (
        run("remind", "--plan", plan, "--results", out.with_suffix(".json"), "--out", returns / "เตือน")[0]
        == 0
    )
    assert run("templates", "--plan", PLAN, "--round", "6m", "--out", returns / "แบบ")[0] == 0
    for name in list((returns / "แบบ").glob("*.xlsx")):
        name.unlink()  # the password file stays
    again = tmp_path / "again.xlsx"
    code, stdout, _ = run("collect", "--plan", PLAN, "--as-of", AS_OF, "--out", again, returns)
    assert code == 0, stdout
    found = {Path(f["path"]).name: f["problems"] for f in results_json(again)["files"] if not f["accepted"]}
    own = {name: [(p["severity"], p["code"]) for p in said] for name, said in found.items()}
    assert own == {
        ".ita-template-password.txt": [("info", "intake-own-password-file")],
        "ร่าง.eml": [("info", "intake-own-mail")],
        **{
            f"ITA2566_6m_{c}.eml": [("info", "intake-own-mail")]
            for c in ("palad", "finance", "works", "education", "audit")
        },
    }
    assert "ไฟล์ที่ไม่ได้ใช้ 7 ไฟล์:" in stdout.splitlines()


BAD_PLAN = "format: nonsense\n"


@pytest.mark.parametrize(
    "command",
    [
        ("templates", "--plan", "{bad}", "--out", "{tmp}/t"),
        ("check", "--plan", "{bad}", str(SAMPLES)),
        ("collect", "--plan", "{bad}", "--out", "{tmp}/s.xlsx", str(SAMPLES)),
        ("feedback", "--plan", "{bad}", "--out", "{tmp}/f", str(SAMPLES)),
        ("remind", "--plan", "{bad}", "--results", "{tmp}/s.json", "--out", "{tmp}/r"),
        ("plan", "convert", "{bad}", "{tmp}/plan.xlsx"),
    ],
)
def test_a_plan_that_cannot_be_used_exits_2_in_every_command(command, tmp_path):
    bad = tmp_path / "plan.yaml"
    bad.write_text(BAD_PLAN, encoding="utf-8")
    (tmp_path / "s.json").write_text("{}", encoding="utf-8")
    code, _, stderr = run(*(part.format(bad=bad, tmp=tmp_path) for part in command))
    assert code == 2, stderr
    assert "plan.yaml" in stderr


@pytest.mark.parametrize(
    "command",
    [
        ("templates", "--plan", str(PLAN), "--round", "6m", "--out", "{tmp}/out"),
        ("plan", "new", "{tmp}/out/ITA2566_6m_palad_สำนักปลัด.xlsx"),
        ("plan", "convert", str(PLAN), "{tmp}/out/ITA2566_6m_palad_สำนักปลัด.xlsx"),
        ("collect", "--plan", str(PLAN), "--out", "{tmp}/out/สรุป.xlsx", "{tmp}/out"),
        ("feedback", "--plan", str(PLAN), "--out", "{tmp}/out/แก้ไข", "{tmp}/out"),
    ],
)
def test_a_refused_overwrite_exits_2_in_every_command(command, tmp_path):
    assert run("templates", "--plan", PLAN, "--round", "6m", "--out", tmp_path / "out")[0] == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    code, stdout, stderr = run(*(part.format(tmp=tmp_path) for part in command))
    assert code == 2, stdout + stderr
    assert {p: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


# --- 3. states that explain themselves ------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_round(tmp_path_factory):
    """samples/6m as of the round's end: monthly measures done once (e14 on 7 Dec 2565)."""
    out = tmp_path_factory.mktemp("sample") / "สรุป.xlsx"
    code, stdout, _ = run("collect", "--plan", PLAN, "--as-of", AS_OF, "--out", out, SAMPLES)
    return out, code, stdout


E14_PERIODS = "๓๑ ต.ค. ๖๕, ๓๐ พ.ย. ๖๕, ๓๑ ม.ค. ๖๖, ๒๘ ก.พ. ๖๖"


def test_done_with_periods_missing_is_its_own_state_everywhere(sample_round):
    out, code, stdout = sample_round
    assert code == 0
    data = results_json(out)
    e14 = next(r for r in data["records"] if (r["measure_id"], r["division"]) == ("e14", "finance"))
    assert (e14["status"], e14["state"], e14["state_th"]) == ("done", "periods_missing", "ขาดรายงานบางงวด")
    assert e14["days_overdue"] is None
    assert (
        data["summary"]["periods_missing"]
        == sum(r["state"] == "periods_missing" for r in data["records"])
        > 0
    )
    assert data["summary"]["overdue"] == 0
    assert not [r for r in data["records"] if r["status"] in ("done", "ongoing") and r["state"] == "overdue"]
    # the screen: one denominator, named
    assert stdout.splitlines()[0].startswith(
        "ไฟล์ที่รับ 5 ไม่รับ 0 · 56 รายการ (มาตรการ × หน่วยงาน) ดำเนินการแล้ว 83.9% · "
    )
    assert f"ขาดรายงานบางงวด {data['summary']['periods_missing']} เกินกำหนด 0" in stdout
    # the detail sheet and the overdue list name the periods in the record's row
    wb = openpyxl.load_workbook(out)
    detail = wb["รายละเอียด"]
    row = next(r for r in detail.iter_rows() if r[14].value == "e14" and r[15].value == "finance")
    assert row[8].value == f"ขาดรายงานบางงวด: {E14_PERIODS}"
    overdue = wb["เกินกำหนด"]
    row = next(r for r in overdue.iter_rows() if r[11].value == "e14" and r[12].value == "finance")
    assert (row[1].value, row[2].value, row[7].value) == (None, "ขาดรายงานบางงวด", E14_PERIODS)


def test_mail_and_reminders_name_the_missing_periods(sample_round, tmp_path):
    out, *_ = sample_round
    assert run("mail", out, "--to", "nayok@example.go.th", "--eml", tmp_path / "d.eml")[0] == 0
    msg = email.message_from_bytes((tmp_path / "d.eml").read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()
    assert "ดำเนินการแล้ว ร้อยละ ๘๓.๙ ของทั้งหมด ๕๖ รายการ (มาตรการ × หน่วยงานที่รับผิดชอบ)" in body
    assert "รายการที่ขาดรายงานบางงวด (ดำเนินการแล้ว แต่ไม่มีรายงานในงวดที่สิ้นสุดแล้ว):" in body
    assert f"(ขาดรายงานงวด {E14_PERIODS})" in body
    assert "เกินมา" not in body  # nothing done is counted as days late
    plan = _plan_with_addresses(tmp_path)
    assert (
        run("remind", "--plan", plan, "--results", out.with_suffix(".json"), "--out", tmp_path / "r")[0] == 0
    )
    reminder = email.message_from_bytes(
        (tmp_path / "r" / "ITA2566_6m_finance.eml").read_bytes(), policy=policy.default
    )
    text = reminder.get_body(("plain",)).get_content()
    assert "ขาดรายงานบางงวด (บันทึกการดำเนินการของงวดเหล่านี้ในแผ่นงานบันทึกการดำเนินการ):" in text
    assert "e14: " in text and f"(ขาดรายงานงวด {E14_PERIODS})" in text


def test_feedback_names_the_missing_periods_at_the_measure(tmp_path):
    code, _, _ = run("feedback", "--plan", PLAN, "--as-of", AS_OF, "--out", tmp_path / "fb", SAMPLES)
    assert code == 1
    path = next((tmp_path / "fb").glob("แก้ไข_ITA2566_6m_finance_*.xlsx"))
    rows = list(openpyxl.load_workbook(path)["สิ่งที่ต้องแก้ไข"].iter_rows(values_only=True))
    e14 = [r for r in rows if r[1] == "e14"]
    assert e14 and f"ไม่มีการดำเนินการในงวดที่สิ้นสุดแล้ว: {E14_PERIODS}" in e14[0][3]


def test_the_counter_of_a_prefilled_workbook_starts_at_what_is_still_empty(sample_plan, sample_round):
    out, *_ = sample_round
    records = results_json(out)["records"]
    for record in records:
        if record["division"] == "finance" and record["measure_id"] in ("i7", "e15"):
            record["status"] = "missing"  # nothing reported for these two in round 6m
    data = build_template(sample_plan, "12m", "finance", password="pw", prefill=records)
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)[layout.INSTRUCTIONS_SHEET]
    assert _counter_cell(ws).value == 2
