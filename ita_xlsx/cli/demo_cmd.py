"""``ita-xlsx demo``: the whole round trip on the bundled sample, no arguments, no network."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.options import out_folder
from ita_xlsx.cli.output import print_collect_summary, say


@click.command()
@out_folder("ผลลัพธ์", "the outputs", default="ita-demo")
@click.option("--no-pdf", is_flag=True, help="ไม่ต้องเขียน PDF · skip the PDF.")
def demo(out_dir: Path, no_pdf: bool) -> None:
    """ลองใช้ทั้งขั้นตอนกับแผนและไฟล์ตัวอย่างปี ๒๕๖๖ · run the whole round trip on the sample.

    Copies the sample plan and returns that ship with the program into the output folder,
    writes the division templates of round 6m of FY2566, collects the sample returned
    workbooks (samples/6m) as of the round's end, and writes the consolidated workbook,
    its JSON and, when LibreOffice is installed, the report as PDF.

    \b
    ตัวอย่าง · example:
      ita-xlsx demo
      ita-xlsx demo --out /tmp/ita-demo
    """
    from ita_xlsx.demo import DemoUnavailable, run_demo

    try:
        run = run_demo(out_dir, pdf=not no_pdf)
    except DemoUnavailable as exc:
        raise click.ClickException(messages.text("demo.unavailable", path=str(exc))) from None
    say("demo.templates", count=len(run.templates), folder=str(out_dir / "templates"))
    for path in run.outputs:
        say("cli.wrote", path=str(path))
    for problem in run.problems:
        click.echo(problem.message(), err=True)
    print_collect_summary(run.results)
    say("demo.next", path=str(run.outputs[0]))
    say("demo.try", plan=str(run.plan_file), samples=str(out_dir / "samples"))
    sys.exit(0)
