"""README.md stays true: its quick start is what CI runs, and every command it shows runs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE = re.findall(r"```console\n(.*?)```", README, re.S)
COMMANDS = [line[2:] for block in CONSOLE for line in block.splitlines() if line.startswith("$ ")]
TOOL_COMMANDS = [c for c in COMMANDS if c.startswith("ita-xlsx ")]


def test_quick_start_is_exactly_what_ci_runs():
    setup, tests = COMMANDS[0], COMMANDS[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup in ci and tests in ci
    assert "ita-xlsx demo" in setup and "pytest" in tests


def test_every_command_has_a_section():
    shown = {c.split()[1] for c in TOOL_COMMANDS}
    assert {"plan", "templates", "check", "collect", "feedback", "mail", "remind", "rollup"} <= shown
    assert "ita-xlsx demo" in COMMANDS[0]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("readme")
    for name in ("workbook_templates", "samples"):
        (work / name).symlink_to(ROOT / name)
    return work


def test_every_command_in_the_readme_runs(workdir):
    env = {**os.environ, "XDG_CONFIG_HOME": str(workdir / "config"), "ITA_TEMPLATE_PASSWORD": "readme"}
    env.pop("ITA_LANG", None)
    for command in TOOL_COMMANDS:
        args = shlex.split(command)[1:]
        run = subprocess.run(
            [sys.executable, "-m", "ita_xlsx", *args],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode in (0, 1), (command, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr and "โปรแกรมผิดพลาดภายใน" not in run.stderr, command
    assert (workdir / "สรุป2566.xlsx").is_file() and (workdir / "สรุป2566.eml").is_file()
    assert list((workdir / "แบบรายงาน").glob("ITA2566_6m_*.xlsx"))
    assert list((workdir / "reminders").glob("*.eml"))
    assert (workdir / "จังหวัดนครราชสีมา.json").is_file() and list((workdir / "เตือนหน่วยงาน").glob("*.eml"))


def test_problem_codes_document_is_in_step():
    from ita_xlsx.messages import problem_codes_markdown

    assert (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8") == problem_codes_markdown(), (
        "run: python -m ita_xlsx.messages > docs/problem-codes.md"
    )


def test_pictures_exist():
    for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / picture).is_file(), picture
