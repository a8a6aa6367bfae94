"""``ita-xlsx serve`` as a user runs it: the address first, this machine only, Ctrl-C, misuse."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time

import pytest

from ita_xlsx.desk.receiving import copy_name, safe_name

from desk_process import ADDRESS, PLAN, Desk


@pytest.fixture
def desk(tmp_path):
    running = Desk(tmp_path / "returns")
    yield running
    running.stop()


def test_the_address_with_its_token_is_the_first_line_and_opens_the_board(desk, tmp_path):
    assert ADDRESS.match(desk.first_line)
    assert desk.get("/")[0] == 403  # without the token
    status, page = desk.get(f"/?token={desk.token}")  # the redirect keeps the cookie
    assert status == 200
    assert "หน่วยตรวจสอบภายใน" in page and "ยังไม่ได้รับ" in page
    assert (tmp_path / "returns").is_dir() and (tmp_path / "returns_ผลลัพธ์").is_dir()


def test_only_this_machine_can_reach_it(desk):
    with pytest.raises(OSError):  # bound to 127.0.0.1, not to every address of the machine
        socket.create_connection(("127.0.0.2", desk.port), timeout=5).close()
    connection = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=60)
    connection.request("GET", f"/?token={desk.token}", headers={"Host": f"rebound.example:{desk.port}"})
    assert connection.getresponse().status == 400
    connection.close()


def test_ctrl_c_stops_it_cleanly(desk):
    assert desk.get(f"/?token={desk.token}")[0] == 200
    code, err = desk.stop()
    assert code == 130
    assert "ปิดโต๊ะผู้ประสานงานแล้ว" in err
    assert "Traceback" not in err


def test_english_with_the_language_switch(tmp_path):
    desk = Desk(tmp_path / "returns", "--lang", "en")
    try:
        status, page = desk.get(f"/?token={desk.token}")
        assert status == 200 and "not received" in page
    finally:
        code, err = desk.stop()
    assert "The coordinator's desk has stopped." in err


def test_it_opens_the_browser_at_its_address(tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {browser} %s")
    desk = Desk(tmp_path / "returns", browser=True)
    try:
        deadline = time.monotonic() + 60
        while not opened.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text(encoding="utf-8") == desk.first_line
    finally:
        desk.stop()


@pytest.mark.parametrize(
    "args, folder_name, said",
    [
        (["--round", "9m"], "returns", "9m"),
        (["--out", "{folder}/out"], "returns", "ต้องไม่อยู่ในโฟลเดอร์ไฟล์ที่ส่งกลับ"),
        ([], "returns.xlsx", "ไม่ใช่โฟลเดอร์"),
    ],
    ids=["unknown-round", "out-inside-folder", "folder-is-a-file"],
)
def test_misuse_exits_2_with_a_thai_message(tmp_path, args, folder_name, said):
    folder = tmp_path / folder_name
    if folder.suffix:
        folder.write_bytes(b"x")
    else:
        folder.mkdir()
    args = [a.format(folder=folder) for a in args]
    command = [sys.executable, "-m", "ita_xlsx", "serve", "--plan", str(PLAN), "--no-browser", *args]
    done = subprocess.run(
        [*command, str(folder)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "given, kept",
    [
        ("รายงาน กองคลัง.xlsx", "รายงาน กองคลัง.xlsx"),
        ("C:\\Users\\clerk\\Desktop\\ส่งแล้ว.xlsx", "ส่งแล้ว.xlsx"),
        ("../../../etc/passwd", "passwd"),
        ("..", "ไฟล์ที่ได้รับ"),
        ("", "ไฟล์ที่ได้รับ"),
        ("CON.xlsx", "_CON.xlsx"),
        ('a<b>c:"d|e?f*.xlsx', "abcdef.xlsx"),
        ("evil\u202egpj.xlsx", "evilgpj.xlsx"),
        ("report.xlsx. ", "report.xlsx"),
    ],
)
def test_a_sent_name_is_made_safe_and_kept_readable(given, kept):
    assert safe_name(given) == kept


def test_a_copy_is_named_as_windows_names_one():
    assert copy_name("รายงาน.xlsx", 2) == "รายงาน (2).xlsx"
    assert copy_name("inbox", 3) == "inbox (3)"
