"""``ita-xlsx mail`` against a real SMTP server on 127.0.0.1: sending, drafts, dry runs and failures."""

# ruff: noqa: F811  (pytest fixtures imported from smtp_server are test arguments)

from __future__ import annotations

import email
import os
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ita_xlsx.cli import cli

from smtp_server import (  # noqa: F401  (fixtures)
    OVERDUE_QUESTION,
    PASSWORD,
    ROOT,
    THAI_PASSWORD,
    THAI_USER,
    ca_file,
    free_port,
    mail_env,
    smtp_server,
    ssl_server,
    tls_ca,
    write_summary,
)

SUBJECT = "สรุปผลการดำเนินการตามมาตรการ ITA ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖"
TO = ("nayok@mueangphalai.example", "rong.nayok@mueangphalai.example")
CC = "palad@mueangphalai.example"
SENDER = "ita@mueangphalai.example"
WITH_PASSWORD = {"ITA_SMTP_PASSWORD": PASSWORD}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """The command line in this process, as a user would type it."""
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def bodies(msg) -> tuple[str, str]:
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def assert_failed(result: Result, code: str, hint: str, server) -> None:
    """Exit 1, the problem code and a Thai hint of what to check, and nothing sent or said to be sent."""
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.stderr
    assert hint in result.stderr
    assert "ส่งแล้ว" not in result.output
    assert "ส่งสำเร็จ 0 จาก 1 ข้อความ" in result.stdout
    assert server.received == []


# --- sending -----------------------------------------------------------------------------------------
def test_send_over_starttls_with_login(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    result = run(
        "mail", workbook, "--to", TO[0], "--to", TO[1], "--cc", CC, *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert "ส่งสำเร็จ 1 จาก 1 ข้อความ" in result.stdout
    assert smtp_server.handler.logins == ["ita"]
    (got,) = smtp_server.received
    assert got.mail_from == SENDER
    assert sorted(got.rcpt_tos) == sorted([*TO, CC])
    msg = got.message()
    assert msg["Subject"] == SUBJECT
    assert [a.addr_spec for a in msg["To"].addresses] == list(TO)
    assert [a.addr_spec for a in msg["Cc"].addresses] == [CC]
    assert msg["From"].addresses[0].display_name == "ITA อบต."


def test_attachment_is_the_workbook_under_an_ascii_name(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    result = run("mail", workbook, "--to", TO[0], *smtp_server.options(), env=WITH_PASSWORD)
    assert result.exit_code == 0, result.output
    (attachment,) = smtp_server.received[0].message().iter_attachments()
    assert attachment.get_filename() == "ITA2566_6m_summary.xlsx"
    assert attachment.get_filename().isascii()
    assert attachment.get_content() == workbook.read_bytes()


def test_bodies_list_the_overdue_measures(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    run("mail", workbook, "--to", TO[0], *smtp_server.options(), env=WITH_PASSWORD)
    plain, html = bodies(smtp_server.received[0].message())
    for body in (plain, html):
        assert "i7 กองคลัง" in body and "e6 สำนักปลัด" in body
        assert "กำหนด ๑ มีนาคม ๒๕๖๖" in body
        assert "ยังไม่ได้รับแบบรายงานจาก: กองช่าง, หน่วยตรวจสอบภายใน" in body
    assert OVERDUE_QUESTION in plain
    assert "&lt;ติดตาม&gt;" in html


def test_send_over_implicit_tls(ssl_server, tmp_path):
    workbook = write_summary(tmp_path)
    result = run("mail", workbook, "--to", TO[0], *ssl_server.options(), env=WITH_PASSWORD)
    assert result.exit_code == 0, result.output
    assert ssl_server.received[0].message()["Subject"] == SUBJECT
    assert ssl_server.handler.logins == ["ita"]


def test_a_thai_password_logs_in(smtp_server, tmp_path):
    result = run(
        "mail",
        "--test",
        "--to",
        TO[0],
        *smtp_server.options(user=False),
        "--user",
        THAI_USER,
        env={"ITA_SMTP_PASSWORD": THAI_PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert smtp_server.handler.logins == [THAI_USER]


def test_test_message_needs_no_file(smtp_server):
    result = run("mail", "--test", "--to", TO[0], *smtp_server.options(), env=WITH_PASSWORD)
    assert result.exit_code == 0, result.output
    (got,) = smtp_server.received
    msg = got.message()
    assert msg["Subject"] == "ทดสอบการส่งอีเมลจาก ita-xlsx"
    assert list(msg.iter_attachments()) == []


def test_without_results_json_it_warns_and_sends(smtp_server, tmp_path):
    workbook = write_summary(tmp_path, "สรุป.xlsx", with_json=False)
    result = run("mail", workbook, "--to", TO[0], *smtp_server.options(), env=WITH_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "[mail-no-summary]" in result.stderr
    msg = smtp_server.received[0].message()
    assert "ไม่มีข้อมูลสรุป" in bodies(msg)[0]
    assert next(msg.iter_attachments()).get_content() == workbook.read_bytes()


def test_settings_from_the_user_config_file(smtp_server, tmp_path, mail_env):  # noqa: F811
    config = mail_env / "ita-xlsx" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[mail]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_server.port}\ntls = "starttls"\n'
        f'user = "ita"\nfrom = "{SENDER}"\ncafile = "{smtp_server.cafile.as_posix()}"\ntimeout = 10\n',
        "utf-8",
    )
    result = run("mail", "--test", "--to", TO[0], env=WITH_PASSWORD)
    assert result.exit_code == 0, result.output
    assert smtp_server.received[0].mail_from == SENDER


def test_options_override_the_config_file(smtp_server, tmp_path):
    config = tmp_path / "other.toml"
    config.write_text('[mail]\nsmtp_host = "mail.invalid"\nsmtp_port = 1\ntls = "none"\n', "utf-8")
    result = run(
        "mail", "--test", "--to", TO[0], "--config", config, *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert len(smtp_server.received) == 1


def test_real_process_with_password_from_the_environment(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    env = {
        **os.environ,
        "ITA_SMTP_PASSWORD": PASSWORD,
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "APPDATA": str(tmp_path / "cfg"),
    }
    env.pop("ITA_LANG", None)
    command = [
        sys.executable,
        "-m",
        "ita_xlsx",
        "mail",
        str(workbook),
        "--to",
        TO[0],
        "--cc",
        CC,
        *smtp_server.options(),
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ส่งสำเร็จ 1 จาก 1 ข้อความ" in done.stdout
    (got,) = smtp_server.received
    assert sorted(got.rcpt_tos) == sorted([TO[0], CC])
    assert next(got.message().iter_attachments()).get_content() == workbook.read_bytes()


def test_real_process_wrong_password_exits_1(smtp_server, tmp_path):
    env = {
        **os.environ,
        "ITA_SMTP_PASSWORD": "wrong",
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "APPDATA": str(tmp_path / "cfg"),
    }
    env.pop("ITA_LANG", None)
    command = [sys.executable, "-m", "ita_xlsx", "mail", "--test", "--to", TO[0], *smtp_server.options()]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1, done.stderr
    assert "[mail-auth-failed]" in done.stderr
    assert smtp_server.received == []


# --- drafts and dry runs -------------------------------------------------------------------------------
def test_eml_writes_a_draft_and_sends_nothing(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    draft = tmp_path / "ร่าง" / "draft.eml"
    result = run(
        "mail", workbook, "--to", TO[0], "--cc", CC, "--eml", draft, *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert smtp_server.received == [] and smtp_server.handler.logins == []
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == SUBJECT
    assert msg["Cc"] == CC
    assert next(msg.iter_attachments()).get_content() == workbook.read_bytes()


def test_eml_needs_no_server_settings(tmp_path):
    workbook = write_summary(tmp_path)
    result = run("--lang", "en", "mail", workbook, "--to", TO[0], "--eml", tmp_path / "d.eml")
    assert result.exit_code == 0, result.output
    assert "Wrote:" in result.stdout
    assert "From" not in email.message_from_bytes((tmp_path / "d.eml").read_bytes())


def test_a_draft_never_overwrites_the_workbook_it_carries(tmp_path):
    workbook = write_summary(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for target in (workbook, workbook.with_suffix(".json")):
        result = run("mail", workbook, "--to", TO[0], "--eml", target)
        assert result.exit_code == 2, result.output
        assert "ต้องลงท้ายด้วย .eml" in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_dry_run_shows_the_message_and_sends_nothing(smtp_server, tmp_path):
    workbook = write_summary(tmp_path)
    result = run(
        "mail", workbook, "--to", TO[0], "--cc", CC, "--dry-run", *smtp_server.options(), env=WITH_PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert smtp_server.received == [] and smtp_server.handler.logins == []
    out = result.stdout
    assert 'จาก: "ITA อบต." <ita@mueangphalai.example>' in out
    assert f"ถึง: {TO[0]}" in out and f"สำเนาถึง: {CC}" in out
    assert f"เรื่อง: {SUBJECT}" in out
    assert f"ไฟล์แนบ: ITA2566_6m_summary.xlsx ({workbook.stat().st_size:,} ไบต์)" in out
    assert "i7 กองคลัง" in out and OVERDUE_QUESTION in out


def test_custom_subject(tmp_path):
    workbook = write_summary(tmp_path)
    result = run("mail", workbook, "--to", TO[0], "--subject", "รายงาน ITA ด่วน", "--dry-run")
    assert "เรื่อง: รายงาน ITA ด่วน" in result.stdout


# --- failures ------------------------------------------------------------------------------------------
def test_wrong_password(smtp_server):
    result = run("mail", "--test", "--to", TO[0], *smtp_server.options(), env={"ITA_SMTP_PASSWORD": "wrong"})
    assert_failed(result, "mail-auth-failed", "ตรวจชื่อผู้ใช้และรหัสผ่าน", smtp_server)
    assert "รหัสผ่านสำหรับแอป" in result.stderr


def test_closed_port(smtp_server, tmp_path):
    port = str(free_port())
    workbook = write_summary(tmp_path)
    result = run(
        "mail", workbook, "--to", TO[0], *smtp_server.options(), "--smtp-port", port, env=WITH_PASSWORD
    )
    assert_failed(result, "mail-connect-failed", f"ติดต่อเซิร์ฟเวอร์อีเมล 127.0.0.1 พอร์ต {port} ไม่ได้", smtp_server)
    assert "ตรวจชื่อเซิร์ฟเวอร์และพอร์ต" in result.stderr


def test_untrusted_certificate_is_a_tls_failure(smtp_server):
    options = [o for o in smtp_server.options() if o != str(smtp_server.cafile) and o != "--cafile"]
    result = run("mail", "--test", "--to", TO[0], *options, env=WITH_PASSWORD)
    assert_failed(result, "mail-tls-failed", "--cafile", smtp_server)
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr


def test_ssl_mode_against_a_starttls_port(smtp_server):
    result = run("mail", "--test", "--to", TO[0], *smtp_server.options(), "--tls", "ssl", env=WITH_PASSWORD)
    assert_failed(result, "mail-tls-failed", "ตรวจโหมด TLS ให้ตรงกับพอร์ต", smtp_server)


def test_starttls_mode_against_an_ssl_port_times_out(ssl_server):
    options = [*ssl_server.options(), "--tls", "starttls", "--timeout", "1"]
    result = run("mail", "--test", "--to", TO[0], *options, env=WITH_PASSWORD)
    assert_failed(result, "mail-timeout", "ไม่ตอบภายใน 1 วินาที", ssl_server)


def test_no_tls_where_login_needs_tls(smtp_server):
    result = run("mail", "--test", "--to", TO[0], *smtp_server.options(), "--tls", "none", env=WITH_PASSWORD)
    assert_failed(result, "mail-auth-unsupported", "ตรวจโหมด TLS", smtp_server)


def test_refused_recipient(smtp_server):
    smtp_server.refuse.add("nobody@mueangphalai.example")
    result = run(
        "mail", "--test", "--to", "nobody@mueangphalai.example", *smtp_server.options(), env=WITH_PASSWORD
    )
    assert_failed(result, "mail-recipient-refused", "nobody@mueangphalai.example", smtp_server)
    assert "ตรวจการสะกดที่อยู่อีเมล" in result.stderr


def test_one_refused_cc_the_others_still_get_it(smtp_server):
    smtp_server.refuse.add("nobody@mueangphalai.example")
    result = run(
        "mail",
        "--test",
        "--to",
        TO[0],
        "--cc",
        "nobody@mueangphalai.example",
        *smtp_server.options(),
        env=WITH_PASSWORD,
    )
    assert result.exit_code == 1
    assert f"ส่งแล้ว: ข้อความทดสอบ ถึง {TO[0]}" in result.stdout
    assert "ส่งไม่สำเร็จ: ข้อความทดสอบ ถึง nobody@mueangphalai.example" in result.stderr
    assert [r.rcpt_tos for r in smtp_server.received] == [(TO[0],)]


def test_no_password_and_no_terminal_is_misuse(smtp_server):
    result = run("mail", "--test", "--to", TO[0], *smtp_server.options())
    assert result.exit_code == 2
    assert "[mail-no-password]" in result.stderr and "ITA_SMTP_PASSWORD" in result.stderr
    assert smtp_server.received == [] and smtp_server.handler.logins == []


def test_sending_needs_a_server():
    result = run("mail", "--test", "--to", TO[0])
    assert result.exit_code == 2
    assert "[mail-no-host]" in result.stderr and "[mail-no-sender]" in result.stderr


def test_bad_config_file_is_misuse(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[mail]\ntls = "yes"\n', "utf-8")
    result = run("mail", "--test", "--to", TO[0], "--config", config, "--dry-run")
    assert result.exit_code == 2
    assert "[mail-config-bad-value]" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["mail", "--to", TO[0]],  # no file, no --test
        ["mail", "--test"],  # no --to
        ["mail", "--test", "--to", "not-an-address"],
        ["mail", "--test", "--to", TO[0], "--eml", "x.eml", "--dry-run"],
        ["mail", "--test", "--to", TO[0], "--tls", "tls"],
        ["mail", "--test", "--to", TO[0], "--password", "x"],  # never an option
    ],
)
def test_misuse_exits_2(args):
    assert run(*args).exit_code == 2


def test_file_with_test_is_misuse(tmp_path):
    workbook = write_summary(tmp_path)
    assert run("mail", workbook, "--test", "--to", TO[0]).exit_code == 2
    other = tmp_path / "x.csv"
    other.write_text("a")
    assert run("mail", other, "--to", TO[0]).exit_code == 2


def test_help_has_an_example():
    result = run("mail", "--help")
    assert result.exit_code == 0
    assert "ita-xlsx mail สรุป.xlsx --to" in result.stdout


def test_password_prompt_only_at_a_terminal(monkeypatch):
    from ita_xlsx.cli import mail_cmd
    from ita_xlsx.mail.config import MailSettings

    asked = []
    monkeypatch.setattr(sys, "stdin", type("Tty", (), {"isatty": lambda self: True})())
    monkeypatch.setattr(
        mail_cmd.click, "prompt", lambda text, hide_input: asked.append(hide_input) or "typed"
    )
    assert mail_cmd._password(MailSettings(user="ita")) == "typed"
    assert asked == [True]
    assert mail_cmd._password(MailSettings()) is None  # no login, no password


def test_subject_option_for_the_test_message():
    result = run("mail", "--test", "--to", TO[0], "--subject", "ลองส่ง", "--dry-run")
    assert "เรื่อง: ลองส่ง" in result.stdout
