"""``ita-xlsx report``: the round's report as an editable Word document."""

from __future__ import annotations

from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import load_plan_or_stop
from ita_xlsx.cli.options import out_file, plan_option
from ita_xlsx.cli.output import say


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@out_file("รายงาน", "the Word document", ".docx")
@plan_option(
    required=False,
    when_th=" เมื่อ SOURCE เป็น .json และไม่มีไฟล์สรุป .xlsx อยู่ข้างกัน",
    when_en=", for a .json without its consolidated .xlsx beside it",
)
def report(source: Path, out: Path, plan_file: Path | None) -> None:
    """เขียนรายงานผลการดำเนินการเป็นไฟล์ Word · write the round's report as a Word document.

    SOURCE: ไฟล์ .json ที่ collect เขียน หรือไฟล์สรุป .xlsx · the results JSON that collect
    wrote (with --plan, or with the consolidated workbook beside it), or the consolidated workbook. The document has the title
    page, the contents, the introduction, one table per section with the report's five columns,
    and a signature block, in TH Sarabun New 16, ready to edit and sign. Exit 0 when written,
    2 on misuse (a file that is not what collect wrote, a missing plan, an output that cannot be
    written).

    \b
    ตัวอย่าง · example:
      ita-xlsx report สรุป2566.json --plan workbook_templates/plan-2566.yaml --out รายงาน2566.docx
      ita-xlsx report สรุป2566.xlsx --out รายงาน2566.docx
    """
    from ita_xlsx.publish.report_file import write_report

    if out.suffix.lower() != ".docx":
        raise click.UsageError(messages.text("publish.docx.out-not-docx"))
    plan = load_plan_or_stop(plan_file) if plan_file is not None else None
    try:
        written = write_report(source, out, plan)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    say("cli.wrote", path=str(written))
