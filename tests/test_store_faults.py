"""A store that cannot be used is refused with a Thai message and exit 2, and left as it was;
a run killed halfway leaves the store as before it; two runs at once both land, whole."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ita_xlsx.store import schema
from tests.store_scenario import PLAN_2566, ROOT, run

SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A store holding one collection of the sample returns."""
    folder = tmp_path_factory.mktemp("made")
    store = folder / "ita-store.sqlite"
    assert _collect(store, folder / "o.xlsx").exit_code == 0
    _checkpoint(store)
    return store


@pytest.fixture
def store(made, tmp_path) -> Path:
    copy = tmp_path / "ita-store.sqlite"
    shutil.copyfile(made, copy)
    return copy


def _collect(store: Path, out: Path, plan: Path = PLAN_2566, **env):
    args = (
        "collect",
        "--plan",
        plan,
        "--round",
        "6m",
        "--as-of",
        "2023-03-31",
        "--store",
        store,
        "--out",
        out,
    )
    return run(*args, SAMPLES / "6m")


def _checkpoint(store: Path) -> None:
    with contextlib.closing(sqlite3.connect(store)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _runs(store: Path) -> int:
    with contextlib.closing(sqlite3.connect(store)) as conn:
        return conn.execute("SELECT count(*) FROM runs").fetchone()[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plan_variant(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_2566.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (  # another office: its own code and name (an office is its code when the plan gives one)
            '  code: "5300328"\n  name: องค์การบริหารส่วนตำบลเมืองพะไล\n',
            '  code: "5300999"\n  name: เทศบาลตำบลหนองบัว\n',
            "เป็นของ องค์การบริหารส่วนตำบลเมืองพะไล ไม่ใช่ เทศบาลตำบลหนองบัว",
        ),
        ("plan_id: mueangphalai-ita-2566", "plan_id: another-plan", "ของแผน 'mueangphalai-ita-2566' ไว้แล้ว"),
    ],
)
def test_a_store_of_another_office_or_plan_is_refused_before_reading(store, tmp_path, old, new, said):
    before = _digest(store)
    out = tmp_path / "o.xlsx"
    result = _collect(store, out, _plan_variant(tmp_path, old, new))
    assert result.exit_code == 2
    assert said in result.output and "ไม่ได้เปลี่ยนแปลงอะไร" in result.output
    assert not out.exists() and _digest(store) == before and _runs(store) == 1


def test_a_damaged_store_is_refused_and_left_alone(tmp_path):
    store = tmp_path / "ita-store.sqlite"
    store.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    result = _collect(store, tmp_path / "o.xlsx")
    assert result.exit_code == 2 and "เสียหายหรือไม่ใช่คลังข้อมูลของ ita-xlsx" in result.output
    assert store.read_bytes() == b"SQLite format 3\x00" + b"\x13" * 5000


def test_a_half_copied_store_is_refused(store, tmp_path):
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2])
    result = run("accept", "--store", store, "--round", "6m", "finance")
    assert result.exit_code == 2 and "เสียหาย" in result.output
    assert store.read_bytes() == data[: len(data) // 2]


def test_a_store_of_a_newer_version_is_refused(store, tmp_path):
    with contextlib.closing(sqlite3.connect(store)) as conn:
        conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    before = _digest(store)
    result = run("history", "--store", store, "--out", tmp_path / "h.xlsx")
    assert result.exit_code == 2
    assert f"เป็นรุ่น {schema.VERSION + 1} ซึ่งใหม่กว่าที่โปรแกรมนี้รองรับ" in result.output
    assert _digest(store) == before and not (tmp_path / "h.xlsx").exists()


def test_a_read_only_store_is_refused(store, tmp_path):
    before = _digest(store)
    subprocess.run(["chattr", "+i", str(store)], check=True)  # read-only even for root
    try:
        result = run("accept", "--store", store, "--round", "6m", "finance")
        collected = _collect(store, tmp_path / "o.xlsx")
    finally:
        subprocess.run(["chattr", "-i", str(store)], check=True)
    assert result.exit_code == 2 and "เขียนคลังข้อมูล" in result.output and "อ่านอย่างเดียว" in result.output
    assert collected.exit_code == 2 and not (tmp_path / "o.xlsx").exists()
    assert _digest(store) == before


def test_a_locked_store_makes_the_second_command_wait_then_give_up(store, monkeypatch):
    monkeypatch.setenv("ITA_STORE_WAIT", "0.3")
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run, halfway through recording
    try:
        result = run("accept", "--store", store, "--round", "6m", "finance")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2 and "กำลังถูกใช้งานโดยคำสั่งอื่น" in result.output
    assert run("accept", "--store", store, "--round", "6m", "finance").exit_code == 0


def test_two_collections_at_once_both_land_whole(store, tmp_path):
    def start(name: str) -> subprocess.Popen:
        args = [
            "collect",
            "--plan",
            PLAN_2566,
            "--round",
            "6m",
            "--as-of",
            "2023-03-31",
            "--store",
            store,
            "--out",
            tmp_path / f"{name}.xlsx",
            SAMPLES / "6m",
        ]
        return subprocess.Popen(
            [sys.executable, "-m", "ita_xlsx", *map(str, args)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    first, second = start("a"), start("b")
    outputs = [p.communicate(timeout=300)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert _runs(store) == 3
    with contextlib.closing(sqlite3.connect(store)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM records GROUP BY run_id").fetchall() == [(56,)] * 3


_KILLED_HALFWAY = """
import sys, time
from ita_xlsx.store import record
rows = record._record_rows
def slowly(run_id, records):
    for number, row in enumerate(rows(run_id, records)):
        if number == 20:
            print("HALFWAY", flush=True)
            time.sleep(120)
        yield row
record._record_rows = slowly
from ita_xlsx.cli import main
sys.argv = ["ita-xlsx", *sys.argv[1:]]
main()
"""


def test_a_run_killed_while_recording_leaves_the_store_as_it_was(store, tmp_path):
    before = _runs(store)
    args = [
        "collect",
        "--plan",
        PLAN_2566,
        "--round",
        "6m",
        "--as-of",
        "2023-03-31",
        "--store",
        store,
        "--out",
        tmp_path / "o.xlsx",
        SAMPLES / "6m",
    ]
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_HALFWAY, *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("HALFWAY"):
            break
    proc.kill()
    proc.wait()
    assert lines and lines[-1].startswith("HALFWAY"), lines
    assert _runs(store) == before
    with contextlib.closing(sqlite3.connect(store)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM records").fetchone() == (56 * before,)
    assert _collect(store, tmp_path / "o2.xlsx").exit_code == 0 and _runs(store) == before + 1


def test_a_version_1_store_is_backed_up_then_migrated(tmp_path):
    store = tmp_path / "ita-store.sqlite"
    with contextlib.closing(sqlite3.connect(store, isolation_level=None)) as conn:
        conn.executescript(schema.MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO runs VALUES (1, '2023-04-01T09:00:00', 'mueangphalai-ita-2566', 'x', "
            "'องค์การบริหารส่วนตำบลเมืองพะไล', 2566, '6m', 'รอบ ๖ เดือน', '2023-04-10', '2023-03-31', "
            "0, 0, 0, 0, 0, 0)"
        )
    before = _digest(store)
    assert _collect(store, tmp_path / "o.xlsx").exit_code == 0
    backup = tmp_path / "ita-store.sqlite.v1.bak"
    assert _digest(backup) == before
    with contextlib.closing(sqlite3.connect(store)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (schema.VERSION,)
        assert conn.execute("SELECT run_id, started, office_code FROM runs ORDER BY run_id").fetchall() == [
            (1, "2023-04-01T09:00:00", ""),  # recorded before the store kept codes
            (2, conn.execute("SELECT started FROM runs WHERE run_id = 2").fetchone()[0], "5300328"),
        ]


def test_feedback_sent_back_is_followed_up_by_the_next_collection(tmp_path):
    store = tmp_path / "ita-store.sqlite"
    base = ("--plan", PLAN_2566, "--round", "6m", "--as-of", "2023-03-31", "--store", store)
    sent = run("feedback", *base, "--out", tmp_path / "fix", "--password", "pw", SAMPLES / "with-mistakes")
    assert sent.exit_code == 1, sent.output
    assert "บันทึกปัญหาที่ส่งกลับให้แก้ไข" in sent.output
    followed = run("collect", *base, "--out", tmp_path / "o.xlsx", SAMPLES / "6m")
    assert followed.exit_code == 0, followed.output
    lines = [line for line in followed.output.splitlines() if "ปัญหาที่ส่งกลับให้แก้ไข แก้แล้ว" in line]
    assert lines and all("ยังไม่แก้" in line for line in lines)
    assert any(not line.endswith("แก้แล้ว 0 รายการ ยังไม่แก้ 0 รายการ") for line in lines)


def test_the_environment_names_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_STORE", str(tmp_path / "env.sqlite"))
    result = run(
        "collect",
        "--plan",
        PLAN_2566,
        "--round",
        "6m",
        "--as-of",
        "2023-03-31",
        "--out",
        tmp_path / "o.xlsx",
        SAMPLES / "6m",
    )
    assert result.exit_code == 0 and (tmp_path / "env.sqlite").exists()
    assert os.path.getsize(tmp_path / "env.sqlite") > 0


def test_a_store_among_the_returns_is_refused(tmp_path):
    returns = tmp_path / "returns"
    shutil.copytree(SAMPLES / "6m", returns)
    result = run(
        "collect",
        "--plan",
        PLAN_2566,
        "--round",
        "6m",
        "--store",
        returns / "ita-store.sqlite",
        "--out",
        tmp_path / "o.xlsx",
        returns,
    )
    assert result.exit_code == 2 and "ita-store.sqlite" in result.output
    assert not (returns / "ita-store.sqlite").exists()


def test_deciding_in_a_store_that_does_not_exist_makes_nothing(tmp_path):
    result = run("accept", "--store", tmp_path / "none.sqlite", "--round", "6m", "finance")
    assert result.exit_code == 2 and "ไม่พบคลังข้อมูล" in result.output
    assert not (tmp_path / "none.sqlite").exists()


def test_an_unknown_division_or_one_not_accepted_changes_nothing(store):
    for args, said in (
        (("accept", "finance", "กองไม่มีจริง"), "ไม่พบหน่วยงาน 'กองไม่มีจริง'"),
        (("reopen", "กองคลัง"), "ยังไม่ได้รับการยอมรับ"),
    ):
        result = run(args[0], "--store", store, "--round", "6m", *args[1:])
        assert result.exit_code == 2 and said in result.output
    with contextlib.closing(sqlite3.connect(store)) as conn:
        assert conn.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
