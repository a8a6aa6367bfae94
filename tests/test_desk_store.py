"""The desk with the office store (``serve --store``): every check recorded as ``collect --store``
records it, accepting and reopening a division, a return held after acceptance, the feedback
followed up, the history page and workbook; without a store, and with one that cannot be used."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ita_xlsx import messages
from ita_xlsx.desk.store import open_store
from ita_xlsx.read import layout
from ita_xlsx.store import StoreError

from desk_client import BASE, ORIGIN, SAMPLES, make_desk, row_of, signed_in, state_of, text, upload
from desk_process import PLAN
from workbooks import edit

FINANCE = SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx"
EDUCATION_WITH_MISTAKES = SAMPLES / "with-mistakes" / "ITA2566_6m_education_กองการศึกษาฯ.xlsx"


@pytest.fixture(autouse=True)
def thai():
    messages.set_language("th")
    yield
    messages.set_language(None)


@pytest.fixture
def kept(tmp_path, sample_plan):
    """A desk with an office store that does not exist yet (the desk makes it, as collect does)."""
    store = tmp_path / "ita-store.sqlite"
    app, folder, out_dir = make_desk(tmp_path, sample_plan, store=store)
    return app, folder, out_dir, store


def rows(store: Path, sql: str, *params) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(store)) as conn:
        return conn.execute(sql, params).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decide(client, division: str, action: str, note: str = ""):
    return client.post(
        f"{BASE}/accept", data={"division": division, "action": action, "note": note}, headers=ORIGIN
    )


# -- without a store --------------------------------------------------------------------------------
def test_without_a_store_accepting_and_history_say_they_need_one(desk_without_store):
    app, folder = desk_without_store
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    page = text(client.get(f"{BASE}/"))
    said = "ต้องใช้คลังข้อมูลของสำนักงาน"
    assert said in page and "--store" in page
    assert 'value="accept"' not in row_of(page, "finance")
    response = decide(client, "finance", "accept")
    assert response.status_code == 409 and said in text(response)
    history = client.get(f"{BASE}/history")
    assert history.status_code == 200 and said in text(history) and "write-history" not in text(history)
    assert client.post(f"{BASE}/history", headers=ORIGIN).status_code == 409


@pytest.fixture
def desk_without_store(tmp_path, sample_plan):
    app, folder, _ = make_desk(tmp_path, sample_plan)
    return app, folder


# -- runs, accept, reopen ---------------------------------------------------------------------------
def test_each_check_at_the_desk_is_recorded_as_collect_store_records_it(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    client.get(f"{BASE}/")
    assert rows(store, "SELECT run_id, fiscal_year, round, as_of, files_accepted FROM runs") == [
        (1, 2566, "6m", "2023-04-05", 0)
    ]
    upload(client, (FINANCE.name, FINANCE.read_bytes()))
    client.get(f"{BASE}/")
    assert rows(store, "SELECT run_id, files_accepted FROM runs ORDER BY run_id")[-1][1] == 1
    used = rows(store, "SELECT path, division, chosen, chosen_why FROM run_files WHERE run_id = 2")
    assert [(Path(p).name, d, c, w) for p, d, c, w in used] == [(FINANCE.name, "finance", 1, "only")]
    assert rows(store, "SELECT count(*) FROM records WHERE run_id = 2") == [(56,)]
    client.get(f"{BASE}/")  # nothing changed in the folder: no new check, no new run
    assert rows(store, "SELECT count(*) FROM runs") == [(2,)]


def test_accept_then_reopen_a_division_with_a_note(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    page = text(client.get(f"{BASE}/"))
    assert "ต้องใช้คลังข้อมูล" not in page
    assert 'value="accept"' in row_of(page, "finance") and 'value="accept"' not in row_of(page, "works")

    response = decide(client, "finance", "accept", "ตรวจแล้ว ครบถ้วน")
    assert response.status_code == 303
    page = text(client.get(f"{BASE}/"))
    assert state_of(page, "finance") == "accepted"
    today = dt.date.today()
    assert "รับรองแล้ว เมื่อ" in row_of(page, "finance") and 'value="reopen"' in row_of(page, "finance")
    decided = rows(
        store, "SELECT fiscal_year, round, division, action, note, substr(at, 1, 10) FROM decisions"
    )
    assert decided == [(2566, "6m", "finance", "accept", "ตรวจแล้ว ครบถ้วน", today.isoformat())]

    assert decide(client, "finance", "reopen").status_code == 303
    assert state_of(text(client.get(f"{BASE}/")), "finance") == "received"
    assert rows(store, "SELECT action FROM decisions ORDER BY decision_id") == [("accept",), ("reopen",)]


def test_a_division_with_nothing_to_accept_or_reopen_changes_nothing(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    client.get(f"{BASE}/")
    response = decide(client, "works", "accept")
    assert response.status_code == 409
    assert "ยังไม่มีแบบรายงานที่ใช้ได้ในรอบนี้ จึงยอมรับไม่ได้" in text(response)
    response = decide(client, "finance", "reopen")
    assert response.status_code == 409 and "ยังไม่ได้รับการยอมรับ" in text(response)
    assert rows(store, "SELECT count(*) FROM decisions") == [(0,)]
    assert decide(client, "nobody", "accept").status_code == 400


@pytest.mark.parametrize(
    "headers", [{}, {"Origin": "http://evil.example"}, {"Origin": BASE, "Sec-Fetch-Site": "cross-site"}]
)
def test_accepting_from_another_page_is_refused(kept, headers):
    app, folder, _, store = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    client.get(f"{BASE}/")
    response = client.post(
        f"{BASE}/accept", data={"division": "finance", "action": "accept"}, headers=headers
    )
    assert response.status_code == 403
    assert rows(store, "SELECT count(*) FROM decisions") == [(0,)]
    stranger = app.test_client()  # no token
    assert stranger.post(f"{BASE}/accept", data={"division": "finance"}, headers=ORIGIN).status_code == 403


def test_a_return_uploaded_after_acceptance_is_held_and_not_used(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    before = text(client.get(f"{BASE}/"))
    assert decide(client, "finance", "accept").status_code == 303
    newer = edit(FINANCE.read_bytes(), {(layout.NAME_RESULT, "i1"): "ฉบับแก้ไขหลังรับรอง"})
    upload(client, ("ITA2566_6m_finance_ฉบับใหม่.xlsx", newer))

    page = text(client.get(f"{BASE}/"))
    finance = row_of(page, "finance")
    assert state_of(page, "finance") == "accepted"
    assert "ไฟล์ที่ส่งมาหลังรับรอง ยังไม่นำมาใช้: ITA2566_6m_finance_ฉบับใหม่.xlsx" in finance
    file_page = text(client.get(f"{BASE}/file", query_string={"name": "ITA2566_6m_finance_ฉบับใหม่.xlsx"}))
    assert 'data-code="submission-after-accept"' in file_page and "ส่งมาหลังจากรับรองแบบรายงาน" in file_page
    held = (
        "SELECT why_not, chosen FROM run_files WHERE run_id = (SELECT max(run_id) FROM runs) AND path LIKE ?"
    )
    assert rows(store, held, "%ฉบับใหม่%") == [("submission-after-accept", 0)]
    used = (
        "SELECT DISTINCT source FROM records WHERE run_id = (SELECT max(run_id) FROM runs) AND division = ?"
    )
    assert [Path(s).name for (s,) in rows(store, used, "finance")] == [FINANCE.name]
    assert _figure(page, "fig.percent") == _figure(before, "fig.percent")

    assert decide(client, "finance", "reopen").status_code == 303
    page = text(client.get(f"{BASE}/"))
    assert state_of(page, "finance") == "received" and "หลังรับรอง" not in row_of(page, "finance")
    assert [Path(s).name for (s,) in rows(store, used, "finance")] == ["ITA2566_6m_finance_ฉบับใหม่.xlsx"]


def _figure(page: str, key: str) -> str:
    label = messages.text(f"desk.{key}")
    start = page.index(f"<span>{label}</span>")
    return page[page.rindex("<b>", 0, start) : start]


def test_feedback_from_the_page_is_recorded_and_followed_up_at_the_next_check(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    upload(client, (EDUCATION_WITH_MISTAKES.name, EDUCATION_WITH_MISTAKES.read_bytes()))
    client.get(f"{BASE}/")
    assert client.post(f"{BASE}/feedback", data={"division": "education"}, headers=ORIGIN).status_code == 200
    sent = rows(store, "SELECT division, code, sheet, cell FROM feedback ORDER BY feedback_id")
    assert ("education", "date-missing", "มาตรการ", "H8") in sent
    assert {d for d, *_ in sent} == {"education"}

    fixed = edit(
        EDUCATION_WITH_MISTAKES.read_bytes(), {(layout.NAME_ACTION_DATE, "i29"): dt.datetime(2023, 3, 1)}
    )
    upload(client, ("ITA2566_6m_education_แก้แล้ว.xlsx", fixed))
    education = row_of(text(client.get(f"{BASE}/")), "education")
    assert f"ปัญหาที่ส่งกลับให้แก้ไข: แก้แล้ว 1 ยังไม่แก้ {len(sent) - 1}" in education


# -- history ----------------------------------------------------------------------------------------
def test_the_history_page_shows_returns_over_time_and_each_rounds_figures(kept):
    app, folder, _, store = kept
    client = signed_in(app)
    for name, day in ((FINANCE.name, 5), ("ITA2566_6m_works_กองช่าง.xlsx", 15)):  # return by 10 April 2023
        shutil.copy(SAMPLES / "6m" / name, folder / name)
        stamp = dt.datetime(2023, 4, day, 9, 0).timestamp()
        os.utime(folder / name, (stamp, stamp))
    client.get(f"{BASE}/")
    decide(client, "finance", "accept")
    page = text(client.get(f"{BASE}/history"))
    assert 'id="history-rounds"' in page and 'id="history-returns"' in page
    figures = page[page.index('<tr data-year="2566" data-round="6m">') :]
    figures = figures[: figures.index("</tr>")]
    assert "๒๕๖๖" in figures and "56" in figures  # the records of the round's latest run
    works = _returns_row(page, "works")
    assert "ช้ากว่ากำหนด 5 วัน" in works and "๑๕ เม.ย. ๖๖ ๐๙:๐๐ น." in works
    finance = _returns_row(page, "finance")
    assert "ทันกำหนด" in finance and "ช้ากว่ากำหนด" not in finance
    assert _cell(finance, "accepted") != "-"
    assert _cell(works, "accepted") == "-"


def _returns_row(page: str, division: str) -> str:
    start = page.index(f'<tr data-division="{division}"')
    return page[start : page.index("</tr>", start)]


def _cell(row: str, name: str) -> str:
    start = row.index(f'<td class="{name}">') + len(f'<td class="{name}">')
    return row[start : row.index("</td>", start)]


def test_the_history_workbook_is_written_into_the_outputs_and_downloaded(kept):
    app, folder, out_dir, _ = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    client.get(f"{BASE}/")
    decide(client, "finance", "accept")
    response = client.post(f"{BASE}/history", headers=ORIGIN)
    assert response.status_code == 200
    written = out_dir / "ประวัติ_ITA.xlsx"
    assert written.is_file() and "ประวัติ_ITA.xlsx" in text(response)
    download = client.get(f"{BASE}/download/outputs/ประวัติ_ITA.xlsx")
    assert download.status_code == 200 and download.data == written.read_bytes()
    wb = load_workbook(io.BytesIO(download.data))
    assert wb.sheetnames == ["แนวโน้ม", "รายหน่วยงาน", "รายตัวชี้วัด", "เกินกำหนดซ้ำ", "การส่งแบบรายงาน"]
    returns = [[c.value for c in row] for row in wb["การส่งแบบรายงาน"].iter_rows(min_row=5)]
    assert [r[0] for r in returns] == ["กองคลัง"] and returns[0][7] is not None  # accepted when


# -- a store that cannot be used ----------------------------------------------------------------
def _office_variant(tmp_path: Path) -> Path:
    path = tmp_path / "other-office.yaml"
    text_ = PLAN.read_text(encoding="utf-8").replace(
        '  code: "5300328"\n  name: องค์การบริหารส่วนตำบลเมืองพะไล\n',
        '  code: "5300999"\n  name: เทศบาลตำบลหนองบัว\n',
    )
    path.write_text(text_, encoding="utf-8")
    return path


@pytest.fixture
def store_of_the_office(tmp_path, sample_plan) -> Path:
    first = tmp_path / "first"
    first.mkdir()
    store = tmp_path / "ita-store.sqlite"
    app, folder, _ = make_desk(first, sample_plan, store=store)
    shutil.copy(FINANCE, folder)
    signed_in(app).get(f"{BASE}/")
    with contextlib.closing(sqlite3.connect(store)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


def test_another_offices_store_is_refused_at_start_and_left_alone(store_of_the_office, tmp_path):
    from ita_xlsx.plan import load_plan

    other, _ = load_plan(_office_variant(tmp_path))
    before = digest(store_of_the_office)
    with pytest.raises(StoreError) as refused:
        open_store(store_of_the_office, other)
    said = messages.text(refused.value.key, **refused.value.params)
    assert "เป็นของ องค์การบริหารส่วนตำบลเมืองพะไล ไม่ใช่ เทศบาลตำบลหนองบัว" in said
    assert digest(store_of_the_office) == before


def test_serve_with_another_offices_store_exits_2_with_a_thai_message(store_of_the_office, tmp_path):
    before = digest(store_of_the_office)
    command = [
        sys.executable,
        "-m",
        "ita_xlsx",
        "serve",
        "--plan",
        str(_office_variant(tmp_path)),
        "--no-browser",
    ]
    command += ["--store", str(store_of_the_office), str(tmp_path / "returns")]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert "ไม่ใช่ เทศบาลตำบลหนองบัว ไม่ได้เปลี่ยนแปลงอะไร" in done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert digest(store_of_the_office) == before


def test_serve_takes_the_store_from_ita_store_and_refuses_a_damaged_one(tmp_path):
    store = tmp_path / "ita-store.sqlite"
    damaged = b"SQLite format 3\x00" + b"\x13" * 5000
    store.write_bytes(damaged)
    command = [sys.executable, "-m", "ita_xlsx", "serve", "--plan", str(PLAN), "--no-browser"]
    command += [str(tmp_path / "returns")]
    env = {**os.environ, "ITA_STORE": str(store), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    assert done.returncode == 2
    assert "เสียหายหรือไม่ใช่คลังข้อมูลของ ita-xlsx" in done.stderr and "Traceback" not in done.stderr
    assert store.read_bytes() == damaged


def test_a_store_locked_by_another_command_is_said_on_the_page_and_nothing_changes(kept, monkeypatch):
    app, folder, _, store = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    client.get(f"{BASE}/")
    monkeypatch.setenv("ITA_STORE_WAIT", "0.3")
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another collect, halfway through recording
    try:
        response = decide(client, "finance", "accept")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert "กำลังถูกใช้งานโดยคำสั่งอื่นนานเกินไป" in text(response) and "Traceback" not in text(response)
    assert rows(store, "SELECT count(*) FROM decisions") == [(0,)]
    assert decide(client, "finance", "accept").status_code == 303  # once it is free


def test_the_store_may_not_lie_among_the_returns(tmp_path):
    folder = tmp_path / "returns"
    command = [sys.executable, "-m", "ita_xlsx", "serve", "--plan", str(PLAN), "--no-browser"]
    command += ["--store", str(folder / "ita-store.sqlite"), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2 and "ต้องไม่อยู่ในโฟลเดอร์ไฟล์ที่ส่งกลับ" in done.stderr
    assert not (folder / "ita-store.sqlite").exists()


def test_accepted_and_the_history_in_english_with_the_switch(kept):
    app, folder, _, _ = kept
    client = signed_in(app)
    shutil.copy(FINANCE, folder)
    client.get(f"{BASE}/")
    decide(client, "finance", "accept")
    messages.set_language("en")
    assert "accepted on" in row_of(text(client.get(f"{BASE}/")), "finance")
    history = text(client.get(f"{BASE}/history"))
    assert "Divisions not received" in history and "Write the history workbook" in history
