"""One command-line vocabulary: an option that several commands take is defined once, in
ita_xlsx/cli/options.py, and says the same in every command; no command borrows from another."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ita_xlsx.cli import COMMANDS, cli
from ita_xlsx.cli.options import SharedOption

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "ita_xlsx" / "cli"
PLAN = str(ROOT / "workbook_templates" / "plan-2566.yaml")
SAMPLE = str(ROOT / "samples" / "6m" / "ITA2566_6m_audit_หน่วยตรวจสอบภายใน.xlsx")


def every_command(group: click.Group) -> dict[str, click.Command]:
    """The group itself and every command under it (a group's subcommands too), by full name."""
    found: dict[str, click.Command] = {"ita-xlsx": group}
    ctx = click.Context(group)

    def walk(command: click.Command, path: str) -> None:
        found[path] = command
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), f"{path} {name}")

    for name in group.list_commands(ctx):
        walk(group.get_command(ctx, name), name)
    return found


def options_defined_apart(commands: dict[str, click.Command]) -> dict[str, list[str]]:
    """Each option name that several commands take where one of them defines it itself (not from
    the shared module), with the commands and what each says about it."""
    by_name: dict[str, list[tuple[str, click.Option]]] = defaultdict(list)
    for path, command in commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and param.opts[0] not in ("--help", "-h"):
                by_name[param.opts[0]].append((path, param))
    return {
        name: [f"{path}: {option.help!r} ({option.type.name})" for path, option in uses]
        for name, uses in by_name.items()
        if len(uses) > 1 and not all(isinstance(option, SharedOption) for _, option in uses)
    }


def test_an_option_several_commands_take_comes_from_the_shared_module():
    commands = every_command(cli)
    assert set(COMMANDS) <= set(commands) and "plan convert" in commands  # every command was walked
    assert options_defined_apart(commands) == {}


def test_the_check_finds_an_option_two_commands_define_for_themselves():
    @click.group()
    def group() -> None: ...

    @group.command()
    @click.option("--round", help="รอบรายงาน · the round.")
    def one(round: str) -> None: ...

    @group.command()
    @click.option("--round", type=int, help="รอบ · round.")
    def two(round: int) -> None: ...

    found = options_defined_apart(every_command(group))
    assert list(found) == ["--round"] and len(found["--round"]) == 2


def test_a_shared_option_says_the_same_in_every_command_that_takes_it():
    """--as-of, --password, --plan (required) and the others read alike in every command's help."""
    said: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for command in every_command(cli).values():
        for param in command.params:
            if isinstance(param, SharedOption):
                assert re.fullmatch(r"[^·]*[\u0e00-\u0e7f][^·]* · [a-zA-Z][^·]*\.", param.help), param.help
                said[param.opts[0], param.required].add(param.help)
    assert said["--as-of", False] == {
        "วันที่ของข้อมูล (YYYY-MM-DD หรือ 31/3/2566; ค่าเริ่มต้น: วันนี้) · the as-of date (default: today)."
    }
    assert len(said["--plan", True]) == 1 and len(said["--password", False]) == 1
    assert len(said["--config", False]) == 2  # the mail commands; the desk, which says what for
    assert len(said["--force", False]) == 2  # an existing file; existing workbooks


def cmd_imports(source: str) -> list[str]:
    """The *_cmd modules a module's source imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [n for n in names if re.search(r"(^|\.)\w+_cmd$", n)]
    return found


def test_no_command_module_imports_another():
    modules = sorted(CLI.glob("*_cmd.py"))
    assert len(modules) >= 10
    imports = {path.name: cmd_imports(path.read_text(encoding="utf-8")) for path in modules}
    assert {name: found for name, found in imports.items() if found} == {}


@pytest.mark.parametrize(
    "line",
    [
        "from ita_xlsx.cli.store_cmd import store_errors",
        "from ita_xlsx.cli import store_cmd",
        "def f():\n    from .collect_cmd import _load",
        "import ita_xlsx.cli.collect_cmd",
    ],
)
def test_the_check_finds_a_command_module_imported(line):
    assert cmd_imports(line)


def loaded_after(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split()


def test_the_shared_options_load_nothing_but_click_and_the_messages():
    loaded = loaded_after("import ita_xlsx.cli.options")
    ours = [m for m in loaded if m.startswith("ita_xlsx")]
    assert ours == ["ita_xlsx", "ita_xlsx.cli", "ita_xlsx.cli.options", "ita_xlsx.messages"]
    assert not {"openpyxl", "xlsxwriter", "yaml", "docx", "flask"} & set(loaded)


def test_the_list_of_commands_loads_no_command():
    loaded = loaded_after(
        "import sys; from ita_xlsx.cli import main; sys.argv = ['ita-xlsx', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert [m for m in loaded if m.endswith("_cmd")] == []


# -- --as-of: one reader of dates for every command --------------------------------------------
@pytest.mark.parametrize("typed", ["2023-03-31", "31/3/2566", "31/3/2023", "๓๑/๓/๒๕๖๖", "2566-03-31"])
def test_as_of_is_read_in_either_era_and_in_thai_digits(typed):
    run = CliRunner().invoke(cli, ["--lang", "th", "check", "--plan", PLAN, "--as-of", typed, SAMPLE])
    assert run.exit_code == 0, run.output
    assert "อยู่ห่างจากปีงบประมาณ" not in run.output  # read as 31 March 2023, inside FY2566


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--plan", PLAN],
        ["collect", "--plan", PLAN, "--out", "x.xlsx"],
        ["feedback", "--plan", PLAN, "--out", "x"],
        ["rollup", "--out", "x.xlsx"],
    ],
)
def test_a_date_that_cannot_be_read_is_said_alike_by_every_command(command, tmp_path):
    run = CliRunner().invoke(cli, ["--lang", "th", *command, "--as-of", "31/13/2566", str(tmp_path)])
    assert run.exit_code == 2, run.output
    assert (
        "'--as-of'" in run.output
        and "อ่านวันที่ '31/13/2566' ไม่ได้ ใช้รูปแบบ 2023-03-31 หรือ 31/3/2566" in run.output
    )
    assert not any(tmp_path.iterdir())  # nothing written
