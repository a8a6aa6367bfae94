"""``ita-xlsx templates``: write one locked workbook per division for a reporting round."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import store_errors
from ita_xlsx.cli.options import PASSWORD, PLAN, force_option, out_folder, round_option
from ita_xlsx.cli.output import print_problems, say


@click.command()
@PLAN
@out_folder("แบบรายงาน", "the workbooks", required=True)
@round_option(default_th="รอบแรกของแผน", default_en="the plan's first")
@PASSWORD
@force_option("แบบรายงานเดิม", "existing workbooks")
@click.option(
    "--prefill",
    "prefill_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="ไฟล์ JSON ผลรวมรอบก่อน (จาก ita-xlsx collect) · consolidated JSON of the previous round.",
)
@click.option(
    "--prefill-store",
    "prefill_store",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="กรอกล่วงหน้าจากคลังข้อมูล: รอบก่อนของปีเดียวกัน หรือปีก่อน · prefill from the office store "
    "(the round before, or last year).",
)
@click.option(
    "--generated",
    default=None,
    metavar="ISO",
    help="วันเวลาที่สร้าง เช่น 2022-10-01T00:00:00 (ค่าเริ่มต้น: วันเริ่มรอบ) · creation time "
    "(default: the round's start).",
)
def templates(
    plan_file: Path,
    out_dir: Path,
    round_id: str | None,
    password: str | None,
    force: bool,
    prefill_path: Path | None,
    prefill_store: Path | None,
    generated: str | None,
) -> None:
    """สร้างแบบรายงาน (Excel ล็อกไว้) ของแต่ละหน่วยงาน · write one locked workbook per division.

    Each workbook holds only that division's measures. Existing files are never overwritten
    without --force. Exit 0 when written, 1 when problems prevented writing (a prefill file that
    cannot be read), 2 on misuse: a plan that cannot be used, files that exist already.

    \b
    ตัวอย่าง · examples:
      ita-xlsx templates --plan workbook_templates/plan-2566.yaml --out แบบรายงาน
      ita-xlsx templates --plan workbook_templates/plan-2566.yaml --out รอบ2 --round 12m \\
          --prefill สรุป-รอบ6เดือน.json
      ita-xlsx templates --plan plan-2567.yaml --out ปี2567 --prefill-store ita-store.sqlite
    """
    from ita_xlsx.core.problems import has_errors
    from ita_xlsx.plan import load_plan
    from ita_xlsx.template.writer import write_templates

    pinned = _parse_generated(generated)
    plan, found = load_plan(plan_file)
    print_problems(found, err=True)
    if plan is None:  # a plan the command cannot use: misuse, as in every command
        sys.exit(2)
    if round_id is not None and plan.round(round_id) is None:
        rounds = ", ".join(r.id for r in plan.rounds)
        raise click.UsageError(messages.text("template.unknown-round", value=round_id, rounds=rounds))
    if prefill_path is not None and prefill_store is not None:
        raise click.UsageError(messages.text("template.prefill-both"))
    stored = _from_store(prefill_store, plan, round_id or plan.rounds[0].id) if prefill_store else None
    written, found = write_templates(
        plan,
        out_dir,
        round_id=round_id,
        password=password,
        force=force,
        generated=pinned,
        prefill_path=prefill_path,
        prefill=stored,
        prefill_source=str(prefill_store) if prefill_store else None,
    )
    for path in written:
        say("cli.wrote", path=str(path))
    print_problems(found, err=True)
    if has_errors(found) or not written:
        say("template.nothing-written", err=True)
        refused = any(p.code == "template-exists" for p in found)  # an overwrite refused: 2, as everywhere
        sys.exit(2 if refused else 1)
    say("template.summary", count=len(written), out=str(out_dir))


def _from_store(store_path: Path, plan, round_id: str) -> list[dict]:
    """The records to prefill ``round_id`` from, out of the office store; says where they come from."""
    from ita_xlsx.store import connect
    from ita_xlsx.store.prefill import prefill_records, prefill_source

    with store_errors():
        conn = connect(store_path, create=False)
        try:
            source = prefill_source(conn, plan, round_id)
            if source is None:
                say("store.prefill-none", err=True, round=round_id, year=plan.fiscal_year)
                return []
            say("store.prefill-from", year=source[0], round=source[1])
            return prefill_records(conn, plan, *source)
        finally:
            conn.close()


def _parse_generated(value: str | None) -> dt.datetime | None:
    """The --generated option as a datetime; a usage error when it is not ISO."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            messages.text("template.bad-generated", value=value), param_hint="--generated"
        ) from None
