"""The first run: the whole round trip on the bundled FY2566 plan and sample returns.

Copies the plan and the sample returns that ship inside the package into the output folder (so
that every command of the README can be tried on them from any install), writes the division
templates, collects the sample returned workbooks as of the round's end, and writes the
consolidated workbook, its JSON and (with LibreOffice) the report as PDF.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ita_xlsx.core.problems import Problem

PLAN_NAME = "plan-2566.yaml"
SAMPLE_FOLDERS = ("6m", "with-mistakes")
ROUND = "6m"


class DemoUnavailable(RuntimeError):
    """The bundled plan or samples are missing from the installed package (a damaged install)."""


@dataclass
class DemoRun:
    out_dir: Path
    templates: list[Path]
    outputs: list[Path]
    results: object
    problems: list[Problem] = field(default_factory=list)
    plan_file: Path | None = None


def run_demo(out_dir: Path, *, pdf: bool = True) -> DemoRun:
    from ita_xlsx.collect.run import collect
    from ita_xlsx.plan import load_plan
    from ita_xlsx.publish.outputs import write_outputs
    from ita_xlsx.template.writer import plan_round, write_templates

    plan_file = copy_bundled(out_dir)
    returned = out_dir / "samples" / ROUND
    plan, found = load_plan(plan_file)
    if plan is None:
        raise DemoUnavailable(str(plan_file))
    rnd = plan_round(plan, ROUND)
    templates, template_problems = write_templates(
        plan,
        out_dir / "templates",
        round_id=ROUND,
        password=None,
        force=True,
        generated=dt.datetime.combine(rnd.start, dt.time(8, 30)),
    )
    results = collect(plan, [returned], round_id=ROUND, as_of=rnd.end)
    summary = out_dir / f"ITA{plan.fiscal_year}_{ROUND}_summary.xlsx"
    outputs, output_problems = write_outputs(
        results, summary, inputs=[returned], pdf=pdf and _has_libreoffice()
    )
    return DemoRun(out_dir, templates, outputs, results, template_problems + output_problems, plan_file)


def bundled() -> Traversable:
    """The folder of sample data inside the installed package."""
    return resources.files("ita_xlsx") / "data"


def copy_bundled(out_dir: Path) -> Path:
    """Copy the bundled plan and the sample returns into ``out_dir``; the plan's path there."""
    data = bundled()
    plan = data / PLAN_NAME
    if not plan.is_file() or not all((data / "samples" / sub).is_dir() for sub in SAMPLE_FOLDERS):
        raise DemoUnavailable(str(data))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / PLAN_NAME
    target.write_bytes(plan.read_bytes())
    for sub in SAMPLE_FOLDERS:
        folder = out_dir / "samples" / sub
        folder.mkdir(parents=True, exist_ok=True)
        for item in (data / "samples" / sub).iterdir():
            (folder / item.name).write_bytes(item.read_bytes())
    return target


def _has_libreoffice() -> bool:
    return any(shutil.which(name) for name in ("soffice", "libreoffice"))
