"""The coordinator's desk over HTTP (Flask's test client): the door, receiving, the board, actions."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil

import pytest

from ita_xlsx import messages
from ita_xlsx.intake.safezip import Limits

import hostile
from desk_client import (
    BASE,
    ORIGIN,
    PORT,
    SAMPLES,
    TOKEN,
    make_desk,
    row_of,
    sample,
    signed_in,
    state_of,
    text,
    upload,
)


@pytest.fixture(autouse=True)
def thai():
    messages.set_language("th")
    yield
    messages.set_language(None)


@pytest.fixture
def desk(tmp_path, sample_plan):
    return make_desk(tmp_path, sample_plan)


# -- the door ---------------------------------------------------------------------------------------
def test_every_page_and_file_needs_the_token(desk):
    app, _, _ = desk
    client = app.test_client()
    for path in ("/", "/outputs", "/static/desk.css", "/static/desk.js", "/file?name=x", "/nowhere"):
        response = client.get(f"{BASE}{path}")
        assert response.status_code == 403, path
        assert "เปิดหน้านี้จากที่อยู่ที่แสดงในหน้าต่างคำสั่ง" in text(response)
    assert client.get(f"{BASE}/?token=wrong-token").status_code == 403


def test_the_token_becomes_a_strict_httponly_cookie_and_leaves_the_address(desk):
    app, _, _ = desk
    client = app.test_client()
    response = client.get(f"{BASE}/outputs?token={TOKEN}")
    assert response.status_code == 303
    assert response.headers["Location"] == "/outputs"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"ita_desk_{PORT}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get(f"{BASE}/")
    assert page.status_code == 200
    assert "ภาพรวมของรอบ" in text(page)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_another_host_name_is_refused_even_with_the_token(desk):
    """DNS rebinding: a site whose name now points at 127.0.0.1 sends its own name as Host."""
    app, _, _ = desk
    client = signed_in(app)
    for host in (f"evil.example:{PORT}", "127.0.0.1:9999", "evil.example"):
        response = client.get("/", headers={"Host": host})
        assert response.status_code == 400, host
        assert "ไม่ใช่ของโต๊ะผู้ประสานงาน" in text(response)
    assert client.get(f"http://localhost:{PORT}/?token={TOKEN}").status_code == 303  # its own names pass


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {"Origin": BASE, "Sec-Fetch-Site": "cross-site"},
        {},
    ],
    ids=["other-origin", "null-origin", "other-referer", "fetch-site-cross", "no-origin"],
)
def test_a_post_from_another_page_is_refused_and_changes_nothing(desk, headers):
    app, folder, out_dir = desk
    client = signed_in(app)
    response = upload(client, sample("ITA2566_6m_finance_กองคลัง.xlsx"), headers=headers)
    assert response.status_code == 403
    assert "ปฏิเสธคำขอที่มาจากหน้าเว็บอื่น" in text(response)
    assert client.post(f"{BASE}/write", headers=headers).status_code == 403
    assert list(folder.iterdir()) == [] and list(out_dir.iterdir()) == []


def test_a_post_with_the_token_in_the_address_still_needs_the_origin(desk):
    app, folder, _ = desk
    client = app.test_client()
    data = {"files": [(io.BytesIO(b"x"), "a.xlsx")]}
    response = client.post(
        f"{BASE}/receive?token={TOKEN}", data=data, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403
    assert list(folder.iterdir()) == []


# -- receiving --------------------------------------------------------------------------------------
def test_a_received_file_is_saved_checked_and_its_problems_listed(desk):
    app, folder, _ = desk
    client = signed_in(app)
    name, content = sample("ITA2566_6m_education_กองการศึกษาฯ.xlsx", "with-mistakes")
    response = upload(client, (name, content))
    assert response.status_code == 303
    page = text(client.get(BASE + response.headers["Location"]))
    assert (folder / name).read_bytes() == content
    assert f"บันทึกไว้เป็น {name}" in page
    rows = re.findall(
        r'<tr class="sev-(\w+)" data-code="([\w-]+)">\s*<td class="sev">.*?</td>\s*<td>(.*?)</td>\s*'
        r'<td class="cell">(.*?)</td>\s*<td>(.*?)</td>',
        page,
        re.S,
    )
    where = {(severity, code, sheet, cell) for severity, code, sheet, cell, _ in rows}
    assert ("error", "locked-text-changed", "มาตรการ", "C5") in where
    assert ("warning", "date-missing", "มาตรการ", "H8") in where
    said = {code: message for _, code, _, _, message in rows}
    assert said["date-missing"] == "สถานะดำเนินการแล้ว แต่ไม่ได้กรอกวันที่ดำเนินการ"


def test_a_file_of_the_same_name_is_kept_as_a_copy_never_overwritten(desk):
    app, folder, _ = desk
    client = signed_in(app)
    first = sample("ITA2566_6m_finance_กองคลัง.xlsx")
    second = ("ITA2566_6m_finance_กองคลัง.xlsx", (SAMPLES / "with-mistakes" / first[0]).read_bytes())
    upload(client, first)
    response = upload(client, second)
    page = text(client.get(BASE + response.headers["Location"]))
    assert (folder / first[0]).read_bytes() == first[1]
    copy = folder / "ITA2566_6m_finance_กองคลัง (2).xlsx"
    assert copy.read_bytes() == second[1]
    assert "จึงบันทึกเป็นสำเนาชื่อ ITA2566_6m_finance_กองคลัง (2).xlsx" in page


def test_a_sent_name_cannot_leave_the_folder(desk, tmp_path):
    app, folder, _ = desk
    client = signed_in(app)
    for name in ("../../escaped.xlsx", "..\\..\\escaped2.xlsx", "/etc/escaped3.xlsx", ".hidden.xlsx"):
        upload(client, (name, b"not a workbook"))
    assert sorted(p.name for p in folder.iterdir()) == [
        "escaped.xlsx",
        "escaped2.xlsx",
        "escaped3.xlsx",
        "hidden.xlsx",
    ]
    assert not list(tmp_path.glob("escaped*"))


def test_a_file_over_the_size_limit_is_not_kept(tmp_path, sample_plan):
    app, folder, _ = make_desk(tmp_path, sample_plan, limits=Limits(max_file_bytes=20_000))
    client = signed_in(app)
    response = upload(client, ("big.xlsx", b"x" * 30_000), ("small.xlsx", b"y" * 100))
    page = text(client.get(BASE + response.headers["Location"]))
    assert [p.name for p in folder.iterdir()] == ["small.xlsx"]
    assert "ไม่ได้บันทึก big.xlsx" in page
    assert 'data-code="intake-too-large"' in page
    too_big = upload(client, ("huge.xlsx", b"z" * 100_000))  # over what one request may carry
    assert too_big.status_code == 413
    assert "ใหญ่เกินไป" in text(too_big)
    assert sorted(p.name for p in folder.iterdir()) == ["small.xlsx"]


def test_a_received_file_goes_through_the_intake_guards(desk, tmp_path):
    app, folder, _ = desk
    client = signed_in(app)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    bomb = hostile.ratio_bomb(scratch)
    csv = hostile.csv_renamed_xlsx(scratch)
    response = upload(client, (bomb.name, bomb.read_bytes()), (csv.name, csv.read_bytes()))
    page = text(client.get(BASE + response.headers["Location"]))
    codes = re.findall(r'data-code="([\w-]+)"', page)
    assert "intake-csv-or-text" in codes
    assert any(code.startswith(("intake-", "zip-")) and code != "intake-csv-or-text" for code in codes)
    assert page.count("ใช้ไฟล์นี้ไม่ได้") == 2


def test_what_a_file_carries_is_shown_as_text_never_as_markup(desk):
    app, _, _ = desk
    client = signed_in(app)
    member = "<script>alert(1)</script>.xlsx"
    archive = hostile.zip_bytes([hostile.Entry(member, b"not a workbook")])
    response = upload(client, ("returns.zip", archive))
    page = text(client.get(BASE + response.headers["Location"]))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.xlsx" in page
    assert "<script>alert" not in page
    board = text(client.get(f"{BASE}/"))
    assert "<script>alert" not in board and "&lt;script&gt;" in board


# -- the board --------------------------------------------------------------------------------------
def test_the_board_changes_as_returns_come(desk, sample_plan):
    app, folder, _ = desk
    client = signed_in(app)
    page = text(client.get(f"{BASE}/"))
    assert {state_of(page, d.code) for d in sample_plan.divisions} == {"not_received"}
    assert "ยังไม่ได้รับ" in row_of(page, "finance")
    upload(
        client,
        sample("ITA2566_6m_finance_กองคลัง.xlsx"),
        ("ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx", b"a,b\n1,2\n"),
    )
    page = text(client.get(f"{BASE}/"))
    assert state_of(page, "finance") == "received"
    assert re.search(r"ได้รับแล้ว: ข้อผิดพลาด \d+ · คำเตือน \d+", row_of(page, "finance"))
    assert state_of(page, "audit") == "rejected"
    assert "ส่งมาแต่ใช้ไม่ได้" in row_of(page, "audit")
    assert state_of(page, "works") == "not_received"


def test_on_time_and_late_are_judged_against_the_return_date(desk):
    app, folder, _ = desk
    client = signed_in(app)
    for name in ("ITA2566_6m_finance_กองคลัง.xlsx", "ITA2566_6m_works_กองช่าง.xlsx"):
        shutil.copy(SAMPLES / "6m" / name, folder / name)
    on_time = dt.datetime(2023, 4, 10, 16, 30).timestamp()
    late = dt.datetime(2023, 4, 13, 9, 0).timestamp()
    os.utime(folder / "ITA2566_6m_finance_กองคลัง.xlsx", (on_time, on_time))
    os.utime(folder / "ITA2566_6m_works_กองช่าง.xlsx", (late, late))
    page = text(client.get(f"{BASE}/"))
    assert "๑๐ เม.ย. ๖๖ ๑๖:๓๐ น." in row_of(page, "finance")
    assert "ทันกำหนด" in row_of(page, "finance")
    assert "ช้ากว่ากำหนด 3 วัน" in row_of(page, "works")
    assert "กำหนดส่งคืน ๑๐ เมษายน ๒๕๖๖" in page
    assert "ข้อมูล ณ วันที่ ๕ เมษายน ๒๕๖๖" in page


def test_the_board_shows_the_consolidated_figures(desk):
    app, folder, _ = desk
    for source in (SAMPLES / "6m").iterdir():
        shutil.copy(source, folder / source.name)
    page = text(signed_in(app).get(f"{BASE}/"))
    figures = re.search(r'<div id="figures".*?</section>', page, re.S).group(0)
    numbers = re.findall(r"<b>(.*?)</b><span>(.*?)</span>", figures)
    assert ("0 / 0", "ไฟล์ที่ใช้ได้ / ใช้ไม่ได้") not in numbers
    assert ("5 / 0", "ไฟล์ที่ใช้ได้ / ใช้ไม่ได้") in numbers
    assert any(label == "ดำเนินการแล้ว" and value.endswith("%") for value, label in numbers)
    # the samples' recurring measures reported done with months not reported: their own figure
    assert int(dict((label, value) for value, label in numbers)["ขาดรายงานบางงวด"]) > 0


# -- actions ----------------------------------------------------------------------------------------
def test_write_the_consolidated_workbook_and_download_it(desk):
    app, folder, out_dir = desk
    client = signed_in(app)
    for source in (SAMPLES / "with-mistakes").iterdir():
        shutil.copy(source, folder / source.name)
    response = client.post(f"{BASE}/write", headers=ORIGIN)
    assert response.status_code == 200
    assert (out_dir / "ITA2566_6m_summary.xlsx").is_file() and (out_dir / "ITA2566_6m_summary.json").is_file()
    link = re.search(r'href="(/download/outputs/ITA2566_6m_summary.xlsx)"', text(response)).group(1)
    download = client.get(f"{BASE}{link}")
    assert download.status_code == 200
    assert download.data == (out_dir / "ITA2566_6m_summary.xlsx").read_bytes()
    assert "attachment" in download.headers["Content-Disposition"]
    assert "ITA2566_6m_summary.xlsx" in text(client.get(f"{BASE}/outputs"))


def test_an_output_that_cannot_be_written_is_said_plainly(desk):
    app, folder, out_dir = desk
    shutil.copy(SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx", folder)
    (out_dir / "ITA2566_6m_summary.xlsx").mkdir()  # in the way, as a workbook open in Excel is
    response = signed_in(app).post(f"{BASE}/write", headers=ORIGIN)
    assert response.status_code == 500
    page = text(response)
    assert "อ่านหรือเขียนไฟล์ไม่ได้" in page and "ITA2566_6m_summary" in page
    assert "Traceback" not in page and "โปรแกรมผิดพลาดภายใน" not in page


def test_feedback_for_one_division_writes_only_its_workbook(desk):
    app, folder, out_dir = desk
    client = signed_in(app)
    for source in (SAMPLES / "with-mistakes").iterdir():
        shutil.copy(source, folder / source.name)
    response = client.post(f"{BASE}/feedback", data={"division": "education"}, headers=ORIGIN)
    assert response.status_code == 200
    written = sorted(p.name for p in (out_dir / "feedback").glob("*.xlsx"))
    assert written == ["แก้ไข_ITA2566_6m_education_กองการศึกษาฯ.xlsx"]
    assert client.post(f"{BASE}/feedback", data={"division": "nobody"}, headers=ORIGIN).status_code == 400


def test_reminders_are_written_as_drafts(desk, sample_plan):
    app, folder, out_dir = desk
    client = signed_in(app)
    shutil.copy(SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx", folder)
    response = client.post(f"{BASE}/remind", data={"mode": "drafts"}, headers=ORIGIN)
    assert response.status_code == 200
    drafts = sorted(p.name for p in (out_dir / "reminders").glob("*.eml"))
    assert "ITA2566_6m_audit.eml" in drafts  # it sent nothing
    audit = (out_dir / "reminders" / "ITA2566_6m_audit.eml").read_bytes()
    assert sample_plan.division("audit").emails[0].encode() in audit
    assert "reminders/ITA2566_6m_audit.eml" in text(response)


def test_sending_reminders_without_mail_settings_says_what_is_missing(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "no-config"))
    app, _, _ = desk
    response = signed_in(app).post(f"{BASE}/remind", data={"mode": "send"}, headers=ORIGIN)
    assert response.status_code == 200
    assert 'data-code="mail-no-host"' in text(response)


def test_the_pdf_report_is_written_when_libreoffice_is_there(tmp_path, sample_plan):
    app, folder, out_dir = make_desk(tmp_path, sample_plan, pdf=True)
    client = signed_in(app)
    shutil.copy(SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx", folder)
    assert 'id="write-pdf"' in text(client.get(f"{BASE}/"))
    response = client.post(f"{BASE}/write", data={"pdf": "1"}, headers=ORIGIN)
    assert response.status_code == 200
    assert (out_dir / "ITA2566_6m_summary.pdf").read_bytes()[:5] == b"%PDF-"
    assert "ITA2566_6m_summary.pdf" in text(response)


# -- what is served, and what is never shown --------------------------------------------------------
def test_nothing_outside_the_folder_and_the_outputs_is_served(desk, tmp_path):
    app, folder, out_dir = desk
    client = signed_in(app)
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "link.xlsx").symlink_to(tmp_path / "secret.txt")
    (folder / "real.xlsx").write_bytes(b"returned")
    (out_dir / ".ita-template-password.txt").write_text("password")
    for path in (
        "/download/returns/../secret.txt",
        "/download/returns/%2e%2e/secret.txt",
        "/download/returns/..%2fsecret.txt",
        "/download/returns/link.xlsx",
        "/download/outputs/.ita-template-password.txt",
        "/download/etc/passwd",
        "/download/returns//etc/passwd",
        "/static/../app.py",
    ):
        response = client.get(f"{BASE}{path}", follow_redirects=True)
        assert response.status_code == 404, path
        assert b"secret" not in response.data and b"password\n" not in response.data
    assert client.get(f"{BASE}/download/returns/real.xlsx").data == b"returned"


def test_no_stack_trace_reaches_the_page(desk, monkeypatch, capsys):
    app, _, _ = desk
    client = signed_in(app)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug of ours in /secret/path")

    monkeypatch.setattr("ita_xlsx.desk.app.build_board", broken)
    response = client.get(f"{BASE}/")
    assert response.status_code == 500
    page = text(response)
    assert "โปรแกรมผิดพลาดภายใน" in page
    assert "Traceback" not in page and "RuntimeError" not in page and "/secret/path" not in page
    assert "RuntimeError" in capsys.readouterr().err  # said in the command window instead


def test_the_pages_are_in_english_with_the_switch(desk):
    app, _, _ = desk
    messages.set_language("en")
    page = text(signed_in(app).get(f"{BASE}/"))
    assert "Receive returned files" in page and "not received" in page and 'lang="en"' in page
