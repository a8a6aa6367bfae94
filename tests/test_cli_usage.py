"""A mistake in the command is said in Thai (click's own messages are English), with the way out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = str(ROOT / "workbook_templates" / "plan-2566.yaml")


def ita_xlsx(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("ITA_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "ita_xlsx", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["colect"], "ไม่มีคำสั่ง 'colect'"),
        (["collect", "--plam", PLAN], "ไม่รู้จักตัวเลือก --plam หมายถึง --plan หรือไม่"),
        (["check", "--plan", PLAN], "ยังไม่ได้ระบุ INPUTS"),
        (["collect", "--plan", PLAN, "--out", "a.xlsx", "--due-soon-days", "-3", "x"], "-3 อยู่นอกช่วงที่ใช้ได้"),
        (["--lang", "xx", "demo"], "ค่าของ --lang ไม่ถูกต้อง: 'xx' ต้องเป็นค่าหนึ่งใน 'th', 'en'"),
        (["check", "--plan", "no-such-plan.yaml", "x.xlsx"], "no-such-plan.yaml: ข้อผิดพลาด: ไม่พบไฟล์แผนนี้"),
        (["templates", "--plan", PLAN, "--out", "x", "extra"], "มีข้อความเกินมาในคำสั่ง: extra"),
        (
            ["rollup", "--out", "x.xlsx", "--as-of", "31/13/2566", "x"],
            "ค่าของ '--as-of' ไม่ถูกต้อง: อ่านวันที่ '31/13/2566'",
        ),
    ],
)
def test_a_mistake_in_the_command_is_said_in_thai(args, said, tmp_path):
    done = ita_xlsx(*args)
    assert done.returncode == 2, done.stderr
    assert said in done.stderr
    assert "ดูวิธีใช้ทั้งหมด: ita-xlsx" in done.stderr
    assert "Error:" not in done.stderr and "Traceback" not in done.stderr


def test_in_english_click_says_it_even_before_the_command_is_known():
    done = ita_xlsx("--lang", "en", "colect")
    assert done.returncode == 2
    assert "Error: No such command 'colect'." in done.stderr and "ไม่มีคำสั่ง" not in done.stderr
