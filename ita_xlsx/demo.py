"""The first run: the whole round trip on the bundled FY2566 plan and sample returns.

Writes the division templates, collects the sample returned workbooks as of the round's end,
and writes the consolidated workbook, its JSON and (with LibreOffice) the report as PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ita_xlsx.problems import Problem

PROJECT = Path(__file__).resolve().parent.parent
PLAN_FILE = PROJECT / "workbook_templates" / "plan-2566.yaml"
SAMPLES = PROJECT / "samples"
ROUND = "6m"


class DemoUnavailable(RuntimeError):
    """The bundled plan or samples are not beside the package (an install without the project folder)."""


@dataclass
class DemoRun:
    out_dir: Path
    templates: list[Path]
    outputs: list[Path]
    results: object
    problems: list[Problem] = field(default_factory=list)


def run_demo(out_dir: Path, *, pdf: bool = True) -> DemoRun:
    from ita_xlsx.collect import collect
    from ita_xlsx.outputs import write_outputs
    from ita_xlsx.plan import load_plan
    from ita_xlsx.template.writer import write_templates

    returned = SAMPLES / ROUND
    if not PLAN_FILE.is_file() or not returned.is_dir():
        raise DemoUnavailable(str(PROJECT))
    plan, found = load_plan(PLAN_FILE)
    if plan is None:
        raise DemoUnavailable(str(PLAN_FILE))
    rnd = plan.round(ROUND)
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
    return DemoRun(out_dir, templates, outputs, results, template_problems + output_problems)


def _has_libreoffice() -> bool:
    import shutil

    return any(shutil.which(name) for name in ("soffice", "libreoffice"))
