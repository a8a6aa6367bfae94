"""``ita-xlsx feedback``: a marked-up workbook for each division whose returned file had problems."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import load_plan_or_stop, refuse_unknown_round, store_errors
from ita_xlsx.cli.options import AS_OF, INPUTS, PASSWORD, PLAN, ROUND, STORE, out_folder, warn_far_as_of
from ita_xlsx.cli.output import print_problems, say


@click.command()
@PLAN
@out_folder("ไฟล์ให้แก้ไข", "the feedback workbooks", required=True)
@ROUND
@AS_OF
@PASSWORD
@STORE
@INPUTS
def feedback(
    plan_file: Path,
    out_dir: Path,
    round_id: str | None,
    as_of: dt.date | None,
    password: str | None,
    store_path: Path | None,
    inputs: tuple[Path, ...],
) -> None:
    """ส่งไฟล์ให้หน่วยงานแก้ไข · a workbook of what to fix for each division with problems.

    INPUTS: ไฟล์ โฟลเดอร์ ไฟล์ .zip หรืออีเมล (.eml, .mbox) ที่ส่งกลับ · the returned files.
    For each division whose file has errors or warnings, writes OUT/แก้ไข_<template name>.xlsx:
    a fresh workbook prefilled with what the division sent, the problem cells marked with a
    colour and a Thai comment, and a first sheet listing every fix. It replaces the division's
    previous file when returned. With --store, the problems sent back are recorded, and the next
    `collect --store` says which were fixed and which remain. Rejected files get no workbook: they are listed with the reason.
    Exit 0 when no division needs feedback, 1 when feedback was written or a file was rejected,
    2 on misuse.

    \b
    ตัวอย่าง · example:
      ita-xlsx feedback --plan workbook_templates/plan-2566.yaml --round 6m \\
          --as-of 2023-03-31 --out ให้แก้ไข ไฟล์ที่ส่งกลับ/
    """
    from ita_xlsx.core.atomic import OutputInInputFolder, OutputIsInput
    from ita_xlsx.core.problems import ERROR
    from ita_xlsx.feedback.workbook import write_feedback

    plan = load_plan_or_stop(plan_file)
    refuse_unknown_round(plan, round_id)
    keep = _store_keeper(store_path, plan)
    try:
        written, found = write_feedback(
            plan,
            inputs,
            out_dir,
            round_id=round_id,
            as_of=warn_far_as_of(as_of, plan),
            password=password,
            sent=keep,
        )
    except OutputInInputFolder as exc:
        raise click.UsageError(messages.text("feedback.out-is-input", path=str(exc))) from None
    except OutputIsInput as exc:
        raise click.UsageError(messages.text("collect.out-is-input", path=str(exc))) from None
    print_problems(found, err=True)
    rejected = {p.file for p in found if p.severity == ERROR and p.file}
    if rejected:
        say("feedback.rejected", err=True, count=len(rejected))
    for path in written:
        say("cli.wrote", path=str(path))
    say("feedback.summary" if written else "feedback.none-needed", count=len(written), out=str(out_dir))
    sys.exit(1 if written or rejected else 0)


def _store_keeper(store_path: Path | None, plan):
    """What records the problems sent back in the store (checked now, before anything is written)."""
    if store_path is None:
        return None
    from ita_xlsx.store import connect
    from ita_xlsx.store.collecting import writable
    from ita_xlsx.store.feedback import record_feedback
    from ita_xlsx.store.owner import check_owner

    with store_errors():
        writable(store_path)
        conn = connect(store_path)
        check_owner(conn, plan, str(store_path))

    def keep(round_id: str, sent: list) -> None:
        with store_errors():
            try:
                count = record_feedback(conn, str(store_path), plan, round_id, sent)
            finally:
                conn.close()
        say("store.feedback-recorded", count=count, path=str(store_path))

    return keep
