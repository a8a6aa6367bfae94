"""``ita-xlsx accept``, ``reopen``, ``history`` and ``export``: the office store's commands."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.output import say


def store_option(*, required: bool):
    """--store (or ITA_STORE): the office store's file."""
    return click.option(
        "--store",
        "store_path",
        envvar="ITA_STORE",
        show_envvar=True,
        required=required,
        default=None,
        type=click.Path(dir_okay=False, path_type=Path),
        help="คลังข้อมูลของสำนักงาน (ไฟล์ .sqlite; สร้างให้เมื่อยังไม่มี) · the office store (made when absent)."
        if not required
        else "คลังข้อมูลของสำนักงาน (.sqlite) · the office store.",
    )


STORE_REQUIRED = store_option(required=True)
ROUND = click.option("--round", "round_id", required=True, help="รอบรายงาน เช่น 6m · the round.")
YEAR = click.option(
    "--year",
    "fiscal_year",
    type=int,
    default=None,
    help="ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีล่าสุดของรอบนี้) · fiscal year (default: the round's latest).",
)
DIVISIONS = click.argument("divisions", nargs=-1, required=True)


@contextlib.contextmanager
def store_errors():
    """A store that cannot be used: its message in the user's language, exit 2, nothing changed."""
    from ita_xlsx.store import StoreError

    try:
        yield
    except StoreError as exc:
        click.echo(messages.text(exc.key, **exc.params), err=True)
        sys.exit(2)


def print_outcomes(outcomes) -> None:
    """What became of the problems sent back to each division."""
    for outcome in outcomes:
        say(
            "store.feedback-outcome",
            name=outcome.division_name,
            fixed=outcome.fixed,
            remaining=len(outcome.remaining),
        )
        for message in outcome.remaining:
            say("store.feedback-remaining", message=message)


def _decide(store_path: Path, action: str, round_id: str, divisions, fiscal_year, note: str) -> list:
    from ita_xlsx.store import connect
    from ita_xlsx.store.collecting import writable
    from ita_xlsx.store.decisions import decide

    with store_errors():
        writable(store_path)
        conn = connect(store_path, create=False)  # nothing to decide in a store that holds no run
        try:
            return decide(
                conn, str(store_path), action, round_id, list(divisions), fiscal_year=fiscal_year, note=note
            )
        finally:
            conn.close()


@click.command()
@STORE_REQUIRED
@ROUND
@YEAR
@click.option("--note", default="", help="บันทึกประกอบ · a note kept with the decision.")
@DIVISIONS
def accept(store_path: Path, round_id: str, fiscal_year: int | None, note: str, divisions) -> None:
    """ยอมรับแบบรายงานของหน่วยงาน · accept divisions' chosen returns for a round.

    DIVISIONS: รหัสหรือชื่อหน่วยงาน · division codes or names. The return chosen in the round's
    latest collection stays in use: a file the division sends later is reported
    (submission-after-accept) and not used until `ita-xlsx reopen`. Exit 0 when recorded, 2 when
    a division is unknown or has no return (nothing is recorded then).

    \b
    ตัวอย่าง · example:
      ita-xlsx accept --store ita-store.sqlite --round 6m finance กองช่าง --note "ตรวจแล้ว"
    """
    for code, file in _decide(store_path, "accept", round_id, divisions, fiscal_year, note):
        say("store.accepted", division=code, round=round_id, file=file)


@click.command()
@STORE_REQUIRED
@ROUND
@YEAR
@click.option("--note", default="", help="บันทึกประกอบ · a note kept with the decision.")
@DIVISIONS
def reopen(store_path: Path, round_id: str, fiscal_year: int | None, note: str, divisions) -> None:
    """เปิดรับแบบรายงานของหน่วยงานใหม่ · reopen divisions whose return was accepted.

    From the next collection on, the division's newest file is used again. Exit 0 when recorded,
    2 when a division is unknown or was not accepted.

    \b
    ตัวอย่าง · example:
      ita-xlsx reopen --store ita-store.sqlite --round 6m finance
    """
    for code, _file in _decide(store_path, "reopen", round_id, divisions, fiscal_year, note):
        say("store.reopened", division=code, round=round_id)


@click.command()
@STORE_REQUIRED
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="ไฟล์ประวัติที่จะเขียน (.xlsx) · the history workbook.",
)
def history(store_path: Path, out: Path) -> None:
    """ประวัติทุกรอบทุกปี · the history workbook: trends across rounds and fiscal years.

    Per division and per ITA indicator: done %, overdue, periods missing, not received; measures
    overdue in consecutive rounds; each division's returns (when, on time or late, versions,
    accepted). Exit 0 when written, 2 when the store cannot be read or holds no collection.

    \b
    ตัวอย่าง · example:
      ita-xlsx history --store ita-store.sqlite --out ประวัติ.xlsx
    """
    from ita_xlsx.store import connect
    from ita_xlsx.store.history import write_history

    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(messages.text("collect.out-not-xlsx"))
    with store_errors():
        conn = connect(store_path, create=False)
        try:
            written = write_history(conn, str(store_path), out)
        finally:
            conn.close()
    say("cli.wrote", path=str(written))


@click.command()
@STORE_REQUIRED
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="โฟลเดอร์ที่จะเขียนไฟล์ CSV · folder for the CSV files.",
)
def export(store_path: Path, out_dir: Path) -> None:
    """ส่งออกคลังข้อมูลเป็น CSV · the store's tables as CSV (UTF-8 with BOM, opens in Excel).

    Writes records.csv, submissions.csv, problems.csv and runs.csv: the same tables as
    `Store(path).records()` and the others give in Python. Exit 0 when written, 2 when the store
    cannot be read.

    \b
    ตัวอย่าง · example:
      ita-xlsx export --store ita-store.sqlite --out ตาราง
    """
    from ita_xlsx.store.export import export_csv

    with store_errors():
        written = export_csv(store_path, out_dir)
    for path in written:
        say("cli.wrote", path=str(path))
