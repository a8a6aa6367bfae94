"""Building messages: subject, ASCII attachment name, Thai bodies, HTML escaping, drafts; reading results."""

from __future__ import annotations

import email
import json
import smtplib
import socket
import ssl
from email import policy
from pathlib import Path

import pytest

from ita_xlsx.mail import message
from ita_xlsx.mail.config import MailSettings
from ita_xlsx.mail.results import read_results, results_path_for
from ita_xlsx.mail.send import classify

from smtp_server import OVERDUE_QUESTION, mail_env, results_data, write_summary  # noqa: F401

SUBJECT = "สรุปผลการดำเนินการตามมาตรการ ITA ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_summary(tmp_path)


@pytest.fixture
def results(workbook: Path):
    found, problems = read_results(results_path_for(workbook))
    assert problems == []
    return found


def reparse(msg) -> email.message.EmailMessage:
    return email.message_from_bytes(msg.as_bytes(), policy=policy.default)


def bodies(msg) -> tuple[str, str]:
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


# --- names and subject -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ITA-summary 2566", "ITA-summary_2566"),
        ("สรุปผล", "ITA_summary"),
        ("สรุปผล_2566", "2566"),
        ("café", "cafe"),
        ("...", "ITA_summary"),
    ],
)
def test_ascii_safe(text, expected):
    assert message.ascii_safe(text) == expected


def test_attachment_name_from_results(results, workbook):
    assert message.attachment_filename(results, workbook) == "ITA2566_6m_summary.xlsx"


def test_attachment_name_from_a_thai_file_name_without_results():
    assert message.attachment_filename(None, Path("สรุปผล ITA 2566.xlsx")) == "ITA_2566.xlsx"
    assert message.attachment_filename(None, Path("สรุป.xlsx")) == "ITA_summary.xlsx"


def test_default_subject(results, workbook):
    assert message.summary_subject(results, workbook) == SUBJECT


# --- the summary message -----------------------------------------------------------------------------
def test_summary_message(results, workbook):
    msg = reparse(
        message.summary_message(
            workbook, results, sender="อบต. <ita@x.example>", to=["a@x.example"], cc=["b@x.example"]
        )
    )
    assert msg["Subject"] == SUBJECT
    assert msg["To"] == "a@x.example"
    assert msg["Cc"] == "b@x.example"
    (attachment,) = msg.iter_attachments()
    assert (
        attachment.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert attachment.get_filename() == "ITA2566_6m_summary.xlsx"
    assert attachment.get_content() == workbook.read_bytes()


def test_subject_is_rfc2047_and_attachment_name_is_plain_ascii(results, workbook):
    raw = message.summary_message(workbook, results, sender=None, to=["a@x.example"]).as_bytes()
    raw.decode("ascii")  # every byte on the wire is ASCII
    assert b"Subject: =?utf-8?" in raw
    assert b'filename="ITA2566_6m_summary.xlsx"' in raw
    assert b"filename*=" not in raw  # no RFC 2231 name (Outlook shows it as ATT00001)


def test_bodies_summarise_the_results(results, workbook):
    plain, html = bodies(message.summary_message(workbook, results, sender=None, to=["a@x.example"]))
    for body in (plain, html):
        assert "๓๑ มีนาคม ๒๕๖๖" in body
        assert "ร้อยละ ๑๒.๕" in body
        assert "เกินกำหนด ๒ รายการ" in body
        assert "ยังไม่ได้รับแบบรายงานจาก: กองช่าง, หน่วยตรวจสอบภายใน" in body
        assert "i7 กองคลัง" in body and "e6 สำนักปลัด" in body
        assert "เกินมา ๓๐ วัน" in body
        assert "i11" not in body  # due soon is not overdue
    assert OVERDUE_QUESTION in plain


def test_html_escapes_text_from_the_results(results, workbook):
    _, html = bodies(message.summary_message(workbook, results, sender=None, to=["a@x.example"]))
    assert "&lt;ติดตาม&gt; &amp; รายงานผล" in html
    assert "<ติดตาม>" not in html


def test_long_overdue_lists_are_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(message, "MAX_LISTED", 1)
    workbook = write_summary(tmp_path)
    found, _ = read_results(results_path_for(workbook))
    plain, _ = bodies(message.summary_message(workbook, found, sender=None, to=["a@x.example"]))
    assert "i7 กองคลัง" in plain and "e6" not in plain
    assert "และอีก ๑ รายการ" in plain


def test_without_results_the_body_says_so(tmp_path):
    workbook = write_summary(tmp_path, "สรุป.xlsx", with_json=False)
    msg = message.summary_message(workbook, None, sender=None, to=["a@x.example"])
    plain, html = bodies(msg)
    assert "ไม่มีข้อมูลสรุป" in plain and "ไม่มีข้อมูลสรุป" in html
    assert msg["Subject"] == "สรุปผลการดำเนินการตามมาตรการ ITA (ไฟล์ สรุป.xlsx)"
    assert next(msg.iter_attachments()).get_filename() == "ITA_summary.xlsx"


def test_test_message_names_the_settings():
    settings = MailSettings(smtp_host="smtp.gmail.com", tls="ssl", user="ita@gmail.com")
    msg = message.make_test_message(settings, to=["a@x.example"])
    plain, _ = bodies(msg)
    assert msg["Subject"] == "ทดสอบการส่งอีเมลจาก ita-xlsx"
    assert "smtp.gmail.com พอร์ต 465 (TLS: ssl)" in plain
    assert msg["From"] == "ita@gmail.com"
    assert list(msg.iter_attachments()) == []


def test_draft_has_x_unsent_and_parses(results, workbook, tmp_path):
    path = message.write_draft(
        message.summary_message(workbook, results, sender=None, to=["a@x.example"]),
        tmp_path / "d" / "draft.eml",
    )
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["Subject"] == SUBJECT
    assert list(tmp_path.joinpath("d").iterdir()) == [path]  # no temporary file left behind


def test_preview(results, workbook):
    shown = message.preview(
        message.summary_message(workbook, results, sender="s@x.example", to=["a@x.example"])
    )
    assert (shown.sender, shown.to, shown.subject) == ("s@x.example", "a@x.example", SUBJECT)
    assert shown.attachments == (("ITA2566_6m_summary.xlsx", workbook.stat().st_size),)
    assert "i7 กองคลัง" in shown.plain


def test_recipients_are_to_and_cc_once_each():
    msg = message.new_message(
        None, ["A <a@x.example>", "b@x.example"], ["a@x.example", "c@x.example"], "s", []
    )
    assert message.recipients(msg) == ("a@x.example", "b@x.example", "c@x.example")


# --- reading results ---------------------------------------------------------------------------------
def test_missing_results_is_a_warning(tmp_path):
    found, problems = read_results(tmp_path / "none.json")
    assert found is None
    assert [(p.severity, p.code) for p in problems] == [("warning", "mail-no-summary")]
    assert problems[0].message_th and problems[0].message_en


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "mail-results-unreadable"),
        ('{"format": "other/1"}', "mail-results-format"),
        ("[]", "mail-results-format"),
    ],
)
def test_unusable_results(tmp_path, text, code):
    path = tmp_path / "r.json"
    path.write_text(text, "utf-8")
    found, problems = read_results(path)
    assert found is None
    assert [p.code for p in problems] == [code]
    assert problems[0].message_th and problems[0].message_en


def test_results_tolerate_missing_fields(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"format": "ita-xlsx-results/1"}), "utf-8")
    found, problems = read_results(path)
    assert problems == []
    assert (found.fiscal_year, found.as_of, found.percent_done, found.records) == (None, None, None, ())
    assert message.summary_subject(found, Path("x.xlsx")) == "สรุปผลการดำเนินการตามมาตรการ ITA"


def test_results_read_the_schema(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(results_data(), ensure_ascii=False), "utf-8")
    found, _ = read_results(path)
    assert (found.count("overdue"), found.divisions_missing) == (2, ("works", "audit"))
    assert [r.measure_id for r in found.in_state("missing", "works")] == ["i2", "i3"]
    assert found.division_name("audit") == "หน่วยตรวจสอบภายใน"


# --- failures become problem codes -------------------------------------------------------------------
SETTINGS = MailSettings(smtp_host="h", user="u")


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (ConnectionRefusedError(111, "Connection refused"), "mail-connect-failed"),
        (socket.gaierror(-2, "Name or service not known"), "mail-connect-failed"),
        (TimeoutError("timed out"), "mail-timeout"),
        (ssl.SSLCertVerificationError(1, "certificate verify failed"), "mail-tls-failed"),
        (ssl.SSLError(1, "wrong version number"), "mail-tls-failed"),
        (smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."), "mail-tls-failed"),
        (
            smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server."),
            "mail-auth-unsupported",
        ),
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), "mail-auth-failed"),
        (smtplib.SMTPRecipientsRefused({"x@y": (550, b"no such user")}), "mail-recipient-refused"),
        (smtplib.SMTPSenderRefused(553, b"not yours", "s@x"), "mail-sender-refused"),
        (smtplib.SMTPDataError(552, b"too big"), "mail-rejected"),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "mail-disconnected"),
        (smtplib.SMTPConnectError(554, b"go away"), "mail-connect-failed"),
    ],
)
def test_classify(exc, code):
    problem = classify(exc, SETTINGS)
    assert (problem.severity, problem.code) == ("error", code)
    assert problem.message_th and problem.message_en  # every code has its texts and parameters


def test_classify_lets_our_own_bugs_through():
    with pytest.raises(KeyError):
        classify(KeyError("bug"), SETTINGS)
