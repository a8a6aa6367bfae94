"""``ita-xlsx remind``: one message per division that needs one, to its addresses, listing exactly its measures."""

# ruff: noqa: F811  (pytest fixtures imported from smtp_server are test arguments)

from __future__ import annotations

import dataclasses
import email
import json
import re
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ita_xlsx.cli import cli
from ita_xlsx.mail.remind import check_plan, find_reminders, reminder_message
from ita_xlsx.mail.results import read_results
from ita_xlsx.plan import load_plan

from smtp_server import (  # noqa: F401  (fixtures)
    EXPECTED_REMINDERS,
    PASSWORD,
    PLAN_EMAILS,
    SAMPLE_RECORDS,
    ca_file,
    mail_env,
    results_data,
    smtp_server,
    tls_ca,
    write_plan,
    write_results,
)

ALL_IDS = {r["measure_id"] for r in SAMPLE_RECORDS}
WITH_PASSWORD = {"ITA_SMTP_PASSWORD": PASSWORD}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def listed_ids(text: str) -> set[str]:
    """The measure ids a body names (whole words only: i1 is not i11)."""
    return {m for m in ALL_IDS if re.search(rf"(?<![\w.]){re.escape(m)}(?!\w)", text)}


def division_of(msg) -> str:
    """The division a reminder went to, by its first address."""
    address = msg["To"].addresses[0].addr_spec
    return next(code for code, emails in PLAN_EMAILS.items() if address in emails)


def assert_reminder(msg, code: str) -> None:
    """Addressed to exactly the division's addresses; both bodies list exactly its measures."""
    assert [a.addr_spec for a in msg["To"].addresses] == PLAN_EMAILS[code]
    assert msg["Cc"] is None
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert listed_ids(plain) == EXPECTED_REMINDERS[code], plain
    assert listed_ids(html) == EXPECTED_REMINDERS[code]
    assert msg["Subject"].startswith("แจ้งเตือนการรายงานผลมาตรการ ITA ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน: ")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    plan = write_plan(tmp_path)
    return plan, write_results(tmp_path, plan)


@pytest.fixture
def loaded(files):
    plan, results = load_plan(files[0])[0], read_results(files[1])[0]
    return plan, results


# --- the library ---------------------------------------------------------------------------------------
def test_divisions_needing_a_reminder(loaded):
    reminders, found = find_reminders(*loaded)
    assert found == []
    assert {r.division.code: {x.measure_id for x in r.records} for r in reminders} == EXPECTED_REMINDERS
    assert [r.division.code for r in reminders] == ["palad", "finance", "works", "audit"]  # plan order
    assert {r.division.code for r in reminders if r.not_sent} == {"works", "audit"}


def test_division_without_address_is_reported_and_skipped(tmp_path):
    plan_file = write_plan(tmp_path, {**PLAN_EMAILS, "audit": []})
    plan, _ = load_plan(plan_file)
    results, _ = read_results(write_results(tmp_path, plan_file))
    reminders, found = find_reminders(plan, results)
    assert "audit" not in {r.division.code for r in reminders}
    assert [(p.code, p.division) for p in found] == [("mail-remind-no-address", "audit")]


def test_nothing_to_remind(tmp_path):
    plan_file = write_plan(tmp_path)
    done = [dict(r, state="done") for r in SAMPLE_RECORDS]
    path = write_results(tmp_path, plan_file, done)
    data = path.read_text("utf-8").replace(
        '"divisions_missing": ["works", "audit"]', '"divisions_missing": []'
    )
    path.write_text(data, "utf-8")
    reminders, found = find_reminders(load_plan(plan_file)[0], read_results(path)[0])
    assert (reminders, found) == ([], [])


def test_reminder_lists_due_dates_in_buddhist_era(loaded):
    plan, results = loaded
    reminders, _ = find_reminders(plan, results)
    finance = next(r for r in reminders if r.division.code == "finance")
    plain = reminder_message(finance, results, plan, sender=None).get_body(("plain",)).get_content()
    assert "เรียน กองคลัง" in plain
    assert "i7: ผู้บริหารมีการกำกับ <ติดตาม> & รายงานผล (กำหนด ๑ มีนาคม ๒๕๖๖, เกินมา ๓๐ วัน)" in plain
    assert "i11: คำถามของ i11 (กำหนด ๑๕ เมษายน ๒๕๖๖)" in plain
    assert "ภายในวันที่ ๑๐ เมษายน ๒๕๖๖" in plain  # the round's return_by in the plan
    assert plain.index("เกินกำหนด:") < plain.index("ใกล้ถึงกำหนด:")


def test_results_of_another_plan(loaded):
    plan, results = loaded
    found = check_plan(plan, dataclasses.replace(results, plan_id="other"))
    assert [p.code for p in found] == ["mail-remind-other-plan"]
    assert found[0].message_th and found[0].message_en
    assert check_plan(plan, results) == []


def test_changed_plan_and_unknown_division_are_warnings(loaded):
    plan, results = loaded
    stray = type(results.records[0])("x1", "parks", "กองสวน", "", "overdue", None, 3)
    changed = dataclasses.replace(results, plan_fingerprint="0" * 16, records=(*results.records, stray))
    found = check_plan(plan, changed) + find_reminders(plan, changed)[1]
    assert [(p.severity, p.code, p.division) for p in found] == [
        ("warning", "mail-remind-plan-changed", None),
        ("warning", "mail-remind-unknown-division", "parks"),
    ]
    assert all(p.message_th and p.message_en for p in found)
    assert "parks" in found[1].message_th


# --- drafts --------------------------------------------------------------------------------------------
def test_drafts_one_per_division(files, tmp_path):
    plan, results = files
    out = tmp_path / "เตือน"
    result = run("remind", "--plan", plan, "--results", results, "--out", out)
    assert result.exit_code == 0, result.output
    drafts = sorted(out.iterdir())
    assert [d.name for d in drafts] == [f"ITA2566_6m_{c}.eml" for c in sorted(EXPECTED_REMINDERS)]
    for draft in drafts:
        msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
        assert msg["X-Unsent"] == "1"
        assert_reminder(msg, division_of(msg))
        assert str(draft) in result.stdout


def test_drafts_go_to_reminders_by_default(files, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("remind", "--plan", files[0], "--results", files[1])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "reminders").glob("*.eml"))) == len(EXPECTED_REMINDERS)


def test_division_without_address_exits_1_and_the_others_are_written(tmp_path):
    plan = write_plan(tmp_path, {**PLAN_EMAILS, "audit": []})
    results = write_results(tmp_path, plan)
    result = run("remind", "--plan", plan, "--results", results, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "[mail-remind-no-address]" in result.stderr and "หน่วยตรวจสอบภายใน" in result.stderr
    assert len(list((tmp_path / "out").iterdir())) == len(EXPECTED_REMINDERS) - 1


def test_wrong_plan_exits_1(tmp_path):
    plan = write_plan(tmp_path)
    results = tmp_path / "r.json"
    results.write_text(json.dumps(dict(results_data(), plan_id="another-plan"), ensure_ascii=False), "utf-8")
    result = run("remind", "--plan", plan, "--results", results, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "[mail-remind-other-plan]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_results_is_an_error_naming_what_it_found(tmp_path):
    plan = write_plan(tmp_path)
    results = tmp_path / "list.json"
    results.write_text("[1, 2, 3]", "utf-8")
    result = run("remind", "--plan", plan, "--results", results, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{results}: ข้อผิดพลาด: ไฟล์นี้ไม่ใช่ไฟล์ผลของ ita-xlsx (รูปแบบ '-' ต้องเป็น" in result.stderr
    assert "None" not in result.stderr
    assert not (tmp_path / "out").exists()


# --- sending -------------------------------------------------------------------------------------------
def test_send_one_message_per_division(files, smtp_server):
    plan, results = files
    result = run(
        "remind", "--plan", plan, "--results", results, "--send", *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert len(smtp_server.received) == len(EXPECTED_REMINDERS)
    seen = set()
    for got in smtp_server.received:
        msg = got.message()
        code = division_of(msg)
        assert sorted(got.rcpt_tos) == sorted(PLAN_EMAILS[code])  # envelope: that division only
        assert_reminder(msg, code)
        seen.add(code)
    assert seen == set(EXPECTED_REMINDERS)
    assert f"ส่งสำเร็จ {len(EXPECTED_REMINDERS)} จาก {len(EXPECTED_REMINDERS)} ข้อความ" in result.stdout


def test_a_refused_address_fails_that_message_only(files, smtp_server):
    plan, results = files
    smtp_server.refuse.add("palad@mueangphalai.example")
    result = run(
        "remind", "--plan", plan, "--results", results, "--send", *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 1
    assert sorted(division_of(r.message()) for r in smtp_server.received) == ["audit", "finance", "works"]
    assert "ส่งไม่สำเร็จ: สำนักปลัด (palad) ถึง palad@mueangphalai.example" in result.stderr
    assert "[mail-recipient-refused]" in result.stderr
    for code in ("finance", "works", "audit"):
        assert re.search(rf"ส่งแล้ว: .*\({code}\)", result.stdout)
    assert "ส่งแล้ว: สำนักปลัด" not in result.stdout
    assert "ส่งสำเร็จ 3 จาก 4 ข้อความ" in result.stdout


def test_one_of_two_addresses_refused(files, smtp_server):
    plan, results = files
    smtp_server.refuse.add("finance.head@mueangphalai.example")
    result = run(
        "remind", "--plan", plan, "--results", results, "--send", *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 1
    finance = [r for r in smtp_server.received if division_of(r.message()) == "finance"]
    assert [r.rcpt_tos for r in finance] == [("finance@mueangphalai.example",)]
    assert "ส่งแล้ว: กองคลัง (finance) ถึง finance@mueangphalai.example" in result.stdout
    assert "ส่งไม่สำเร็จ: กองคลัง (finance) ถึง finance.head@mueangphalai.example" in result.stderr


def test_wrong_password_fails_every_message(files, smtp_server):
    plan, results = files
    result = run(
        "remind", "--plan", plan, "--results", results, "--send", *smtp_server.options(),
        env={"ITA_SMTP_PASSWORD": "wrong"},
    )  # fmt: skip
    assert result.exit_code == 1
    assert smtp_server.received == []
    assert result.stderr.count("[mail-auth-failed]") == len(EXPECTED_REMINDERS)
    assert "ส่งแล้ว" not in result.output


def test_help_has_an_example():
    result = run("remind", "--help")
    assert result.exit_code == 0
    assert "ita-xlsx remind --plan" in result.stdout
