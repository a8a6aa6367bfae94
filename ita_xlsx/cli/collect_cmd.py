"""``ita-xlsx collect`` and ``ita-xlsx check``: read returned workbooks, check, merge, report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import load_plan_or_stop, output_refused, refuse_unknown_round, store_errors
from ita_xlsx.cli.options import AS_OF, INPUTS, JOBS, PLAN, ROUND, STORE, out_file, warn_far_as_of
from ita_xlsx.cli.output import Progress, print_collect_summary, print_outcomes, print_problems, say


def say_judged_today(plan, round_id: str | None, as_of_given: bool) -> None:
    """Without --as-of, when today lies outside the round: say that states are as of today, and
    when the round ran."""
    from ita_xlsx.collect.run import judged_today

    note = None if as_of_given else judged_today(plan, round_id, dt.date.today())
    if note is not None:
        print_problems([note], err=True)


@click.command()
@PLAN
@out_file(
    "สรุป",
    "the consolidated workbook",
    ".xlsx",
    also_th="; เขียน .json ชื่อเดียวกันด้วย",
    also_en=" (and its .json)",
)
@ROUND
@AS_OF
@click.option(
    "--due-soon-days",
    default=14,
    show_default=True,
    type=click.IntRange(0, 365),
    help="จำนวนวันก่อนกำหนดที่ถือว่าใกล้ถึงกำหนด · days before a due date that count as due soon.",
)
@click.option(
    "--pdf", is_flag=True, help="เขียนรายงานเป็น PDF ด้วย (ต้องมี LibreOffice) · also write the report as PDF."
)
@click.option(
    "--docx",
    is_flag=True,
    help="เขียนรายงานเป็นไฟล์ Word (.docx) ด้วย · also write the report as a Word document.",
)
@click.option(
    "--check-links",
    is_flag=True,
    help="เปิดลิงก์หลักฐานทุกลิงก์เพื่อดูว่าเปิดได้ (ใช้อินเทอร์เน็ต) · open every evidence link to see that it works "
    "(uses the network; off by default).",
)
@JOBS
@STORE
@INPUTS
def collect(
    plan_file: Path,
    out: Path,
    round_id: str | None,
    as_of: dt.date | None,
    due_soon_days: int,
    pdf: bool,
    docx: bool,
    check_links: bool,
    jobs: int | None,
    store_path: Path | None,
    inputs: tuple[Path, ...],
) -> None:
    """รวบรวม ตรวจ และรวมแบบรายงานที่ส่งกลับ · collect, check and merge returned workbooks.

    INPUTS: ไฟล์ โฟลเดอร์ ไฟล์ .zip หรืออีเมล (.eml, .mbox) · files, folders, zips, saved e-mails.
    Writes OUT.xlsx and OUT.json, and OUT_oit.csv (the OIT evidence register) when the divisions
    gave links; with --store, also records the run in the office store (history, versions, the
    coordinator's decisions: see docs/store.md). Exit 0 when all is clean, 1 when a file was rejected or holds
    errors (the outputs are still written from everything that was good), 2 on misuse.

    \b
    ตัวอย่าง · example:
      ita-xlsx collect --plan workbook_templates/plan-2566.yaml --round 6m \\
          --as-of 2023-03-31 --out สรุป2566.xlsx ไฟล์ที่ส่งกลับ/
    """
    from ita_xlsx.check import linkcheck
    from ita_xlsx.collect.run import collect as run_collect
    from ita_xlsx.publish.outputs import output_paths, publish_paths, refuse_inputs, write_outputs

    plan = load_plan_or_stop(plan_file)
    refuse_unknown_round(plan, round_id)
    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(messages.text("collect.out-not-xlsx"))
    protected = (*inputs, plan_file)
    with output_refused():  # before reading thousands of files, and again when writing
        store = [store_path] if store_path else []
        refuse_inputs((*output_paths(out), *publish_paths(out), *store), protected)
    kept = _open_store(store_path, plan)
    progress = Progress()
    results = run_collect(
        plan,
        inputs,
        round_id=round_id,
        as_of=warn_far_as_of(as_of, plan),
        due_soon_days=due_soon_days,
        progress=progress,
        jobs=jobs,
        link_check=linkcheck.Settings() if check_links else None,
        hold=kept.hold if kept else None,
        seen=kept.seen if kept else None,
    )
    progress.close()
    with output_refused():
        written, found = write_outputs(results, out, inputs=protected, pdf=pdf, docx=docx)
    print_problems(found, err=True)
    print_collect_summary(results)
    if check_links:
        count, ok, bad = linkcheck.tally(results.links)
        say("publish.links.checked", count=count, ok=ok, bad=bad)
    say_judged_today(plan, results.round_id, as_of is not None)
    for path in written:
        say("cli.wrote", path=str(path))
    _record(kept, results, inputs)
    summary = results.summary()
    sys.exit(1 if summary["files_rejected"] or summary["errors"] else 0)


def _open_store(store_path: Path | None, plan):
    """The office store, checked before any file is read."""
    if store_path is None:
        return None
    from ita_xlsx.store import Collection

    with store_errors():
        return Collection(store_path, plan)


def _record(kept, results, inputs) -> None:
    """The run recorded in the office store; without one (once the outputs are written), a hint
    how to keep history."""
    if kept is None:
        say("store.hint", err=True)
        return
    print_problems(kept.held_problems(results), err=True)
    with store_errors(), kept:
        run_id, outcomes = kept.record(results, inputs)
    say("store.recorded", run=run_id, path=kept.path)
    print_outcomes(outcomes)


@click.command()
@PLAN
@AS_OF
@INPUTS
def check(plan_file: Path, as_of: dt.date | None, inputs: tuple[Path, ...]) -> None:
    """ตรวจแบบรายงานก่อนส่ง โดยไม่รวมผล · check returned workbooks without merging.

    What a clerk runs before sending the file back. Exit 0 when clean, 1 when a file has errors
    or no workbook was found to check.

    \b
    ตัวอย่าง · example:
      ita-xlsx check --plan workbook_templates/plan-2566.yaml ITA2566_6m_finance_กองคลัง.xlsx
    """
    from ita_xlsx.collect.run import check as run_check

    plan = load_plan_or_stop(plan_file)
    reports = run_check(plan, inputs, as_of=warn_far_as_of(as_of, plan))
    failed = checked = False
    for report in reports:
        errors, warnings = print_problems(report.problems)
        if report.accepted and not errors:
            verdict = "check.file-ok"
        elif report.accepted or report.rejected or errors:
            verdict, failed = "check.file-bad", True
        else:  # a copy of a file already checked, a lock file, a mail without a workbook: a note says
            verdict = "check.file-skipped"
        say(verdict, path=report.path, errors=errors, warnings=warnings)
        checked |= verdict != "check.file-skipped"
    if not checked:  # an empty folder, or only copies and temp files: that is not "clean"
        say("check.nothing", err=True, inputs=", ".join(str(p) for p in inputs))
    rounds = [r.round for r in reports if r.accepted and r.round]
    say_judged_today(plan, rounds[0] if rounds else None, as_of is not None)
    sys.exit(1 if failed or not checked else 0)
