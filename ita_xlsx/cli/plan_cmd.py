"""``ita-xlsx plan``: write an empty plan workbook, convert between YAML and Excel, check a plan."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.options import force_option
from ita_xlsx.cli.output import print_problems, say
from ita_xlsx.core.textnorm import escaped

FORCE = force_option("ไฟล์เดิม", "an existing file")


@click.group()
def plan() -> None:
    """แผนมาตรการประจำปี: สร้าง แปลง และตรวจ · the yearly plan.

    \b
    ตัวอย่าง · examples:
      ita-xlsx plan new แผน2567.xlsx
      ita-xlsx plan convert workbook_templates/plan-2566.yaml แผน2566.xlsx
      ita-xlsx plan check แผน2566.xlsx
    """


@plan.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@FORCE
def new(file: Path, force: bool) -> None:
    """สร้างไฟล์แผนเปล่า (Excel) ที่มีหัวตารางภาษาไทยและตัวเลือก · write an empty plan workbook.

    \b
    ตัวอย่าง · example:
      ita-xlsx plan new แผน2567.xlsx
    """
    from ita_xlsx.core.atomic import atomic_write_bytes
    from ita_xlsx.plan.xlsx_io import plan_workbook_bytes

    if file.suffix.lower() != ".xlsx":
        raise click.UsageError(messages.text("plan-unknown-file-type"))
    _refuse_overwrite(file, force)
    atomic_write_bytes(file, plan_workbook_bytes(None))
    say("plan.new.done", path=str(file))


@plan.command("convert")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@FORCE
def convert(source: Path, target: Path, force: bool) -> None:
    """แปลงแผนระหว่าง YAML และ Excel · convert a plan between YAML and Excel.

    \b
    ตัวอย่าง · examples:
      ita-xlsx plan convert workbook_templates/plan-2566.yaml แผน2566.xlsx
      ita-xlsx plan convert แผน2566.xlsx plan-2566.yaml
    """
    from ita_xlsx.plan import XLSX_SUFFIXES, YAML_SUFFIXES, load_plan, save_plan

    if target.suffix.lower() not in (*YAML_SUFFIXES, *XLSX_SUFFIXES):
        raise click.UsageError(messages.text("plan-unknown-file-type"))
    if target.resolve() == source.resolve():
        raise click.UsageError(messages.text("plan.convert.same"))
    _refuse_overwrite(target, force)
    loaded, found = load_plan(source)
    print_problems(found, err=True)
    if loaded is None:  # a plan the command cannot use: 2, as in every command (plan check: 1)
        sys.exit(2)
    save_plan(loaded, target)
    say("cli.wrote", path=str(target))


@plan.command("check")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
def check(plan_file: Path) -> None:
    """ตรวจแผน: แสดงทุกปัญหาพร้อมตำแหน่ง หรือสรุปแผน · check a plan.

    Exit 1 when the plan has errors, 0 when it is valid.

    \b
    ตัวอย่าง · example:
      ita-xlsx plan check workbook_templates/plan-2566.yaml
    """
    from ita_xlsx.plan import load_plan

    loaded, found = load_plan(plan_file)
    errors, warnings = print_problems(found)
    if loaded is None:
        say("cli.problems-found", errors=errors, warnings=warnings)
        sys.exit(1)
    _print_summary(loaded)


def _print_summary(p) -> None:
    say(
        "plan.summary.header",
        plan_id=p.plan_id,
        office=p.office.name,
        year=p.fiscal_year,
        measures=len(p.measures),
        divisions=len(p.divisions),
        rounds=len(p.rounds),
    )
    say("plan.summary.by-division")
    for d in p.divisions:
        say("plan.summary.division", code=d.code, name=escaped(d.name), count=len(p.measures_for(d.code)))
    say("plan.summary.by-section")
    per_section = Counter(m.section for m in p.measures)
    for s in p.sections:
        say("plan.summary.section", code=s.code, name=s.name, count=per_section[s.code])
    say("plan.summary.ok")


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise click.UsageError(messages.text("cli.exists", path=str(path)))
