"""``ita-xlsx rollup``: many offices' results into one workbook for a district, province or nation."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import output_refused
from ita_xlsx.cli.options import AS_OF, INPUTS, out_file, round_option
from ita_xlsx.cli.output import Progress, print_problems, say


@click.command()
@out_file(
    "สรุป", "the roll-up workbook", ".xlsx", also_th="; เขียน .json ชื่อเดียวกันด้วย", also_en=" (and its .json)"
)
@click.option(
    "--expected",
    "expected",
    type=click.Path(dir_okay=False, path_type=Path),
    help="รายชื่อหน่วยงานที่ต้องรายงาน (CSV หรือ .xlsx: code,name,district,province,email) · "
    "the offices that should report.",
)
@round_option(default_th="รอบของไฟล์ส่วนใหญ่", default_en="the round of most files")
@AS_OF
@INPUTS
def rollup(
    out: Path, expected: Path | None, round_id: str | None, as_of: dt.date | None, inputs: tuple[Path, ...]
) -> None:
    """รวมผลของหลายหน่วยงาน (อำเภอ จังหวัด ทั้งประเทศ) · roll up many offices' results.

    INPUTS: ไฟล์ JSON หรือไฟล์สรุปที่ collect สร้าง หรือไฟล์ JSON ที่ rollup สร้าง ในโฟลเดอร์ zip หรืออีเมล ·
    collect's JSON or consolidated workbooks, or a rollup's own JSON, in files, folders, zips, e-mails.
    Offices are told apart by the office code in their results, never by file name. Writes OUT.xlsx
    and OUT.json. Exit 0 when clean, 1 when a file was rejected or holds errors (the outputs are
    still written), 2 on misuse.

    \b
    ตัวอย่าง · example:
      ita-xlsx rollup --expected อปท-บัวลาย.csv --round 6m --out อำเภอบัวลาย.xlsx ผลของ-อปท/
      ita-xlsx rollup --out จังหวัด.xlsx อำเภอ*.json
    """
    from ita_xlsx.rollup.expected import ExpectedListError
    from ita_xlsx.rollup.run import rollup as run_rollup

    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(messages.text("rollup.out-not-xlsx"))
    progress = Progress()
    try:
        with output_refused():
            results, written = run_rollup(
                inputs, out, expected=expected, round_id=round_id, as_of=as_of, progress=progress
            )
    except ExpectedListError as exc:
        progress.close()
        print_problems([exc.problem], err=True)
        raise click.UsageError(exc.problem.message()) from None
    progress.close()
    print_problems(results.problems, err=True)
    t = results.tallies.total
    say(
        "rollup.done",
        expected=t.expected,
        received=t.received,
        rate=t.reporting_rate,
        on_time=t.on_time,
        on_time_rate=t.on_time_rate,
        rejected=t.rejected,
        not_received=t.not_received,
        done_pct=t.done_pct,
        overdue=t.overdue,
        errors=results.counts["error"],
        warnings=results.counts["warning"],
    )
    for path in written:
        say("cli.wrote", path=str(path))
    sys.exit(results.exit_code)
