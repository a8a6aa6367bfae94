"""``ita-xlsx serve``: the coordinator's desk, a local web page for the whole round."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.errors import load_plan_or_stop, refuse_unknown_round, store_errors
from ita_xlsx.cli.options import AS_OF, PLAN, ROUND, config_option, out_folder, store_option, warn_far_as_of
from ita_xlsx.cli.output import say

OUT_SUFFIX = "_ผลลัพธ์"


@click.command()
@PLAN
@ROUND
@store_option(required=False, note_th="การรับรอง ประวัติ", note_en="acceptances, history")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="พอร์ต (0: ให้ระบบเลือกพอร์ตว่าง) · port (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="ที่อยู่ที่รับคำขอ (เปลี่ยนเมื่อจำเป็นเท่านั้น) · address to listen on (change only if you must).",
)
@click.option("--no-browser", is_flag=True, help="ไม่ต้องเปิดเบราว์เซอร์ · do not open the browser.")
@out_folder("ผลลัพธ์", "the outputs", default_th="FOLDER_ผลลัพธ์ ข้างโฟลเดอร์", default_en="FOLDER_ผลลัพธ์ beside it")
@AS_OF
@config_option(use_th=" สำหรับส่งอีเมลเตือน", use_en=", for sending reminders")
@click.argument("folder", type=click.Path(path_type=Path))
@click.pass_context
def serve(
    ctx: click.Context,
    plan_file: Path,
    round_id: str | None,
    store_path: Path | None,
    port: int,
    host: str,
    no_browser: bool,
    out_dir: Path | None,
    as_of: dt.date | None,
    config_file: Path | None,
    folder: Path,
) -> None:
    """โต๊ะผู้ประสานงาน: ทั้งรอบจากหน้าเว็บในเครื่อง · the coordinator's desk in the browser.

    FOLDER: โฟลเดอร์เก็บไฟล์ที่หน่วยงานส่งกลับ · where the round's returned files are kept.
    Prints the desk's address (with a secret token) as the first line, opens the browser, and
    serves this machine only until Ctrl-C.

    \b
    ตัวอย่าง · example:
      ita-xlsx serve --plan workbook_templates/plan-2566.yaml --round 6m ไฟล์ที่ส่งกลับ/
    """
    from ita_xlsx.desk.app import DeskSettings, create_app
    from ita_xlsx.desk.guard import Guard, new_token
    from ita_xlsx.desk.server import listen, serve
    from ita_xlsx.desk.store import open_store
    from ita_xlsx.report.pdf import find_libreoffice

    plan = load_plan_or_stop(plan_file)
    refuse_unknown_round(plan, round_id)
    folder, out_dir = _folders(folder, out_dir)
    if store_path is not None and folder in store_path.resolve().parents:  # it would be read as a return
        raise click.UsageError(
            messages.text("desk.serve.store-in-folder", store=str(store_path), folder=str(folder))
        )
    with store_errors():  # another office's, damaged, locked: said now, exit 2, nothing changed
        store = open_store(store_path, plan)
    settings = DeskSettings(
        plan,
        folder,
        out_dir,
        store,
        round_id=round_id,
        as_of=warn_far_as_of(as_of, plan),
        mail_config=config_file,
        pdf=find_libreoffice() is not None,
        debug=ctx.obj.get("debug", False) if ctx.obj else False,
    )
    try:
        server, attach = listen(host, port)
    except OSError as exc:
        raise click.UsageError(
            messages.text("desk.serve.port-busy", host=host, port=port, reason=exc.strerror or exc)
        ) from None
    guard = Guard(new_token(), host, server.server_port)
    attach(create_app(settings, guard))
    click.echo(guard.url())
    sys.stdout.flush()
    say("desk.serve.started", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        say("desk.serve.not-local", err=True, host=host)
    if not no_browser:
        _open_browser(guard.url())
    with contextlib.suppress(KeyboardInterrupt):  # serve() returns on Ctrl-C; this is for one outside it
        serve(server)
    say("desk.serve.stopped", err=True)
    sys.exit(130)


def _open_browser(url: str) -> None:
    """Open the page in the user's browser, beside the server: a browser that waits does not stop it."""
    import threading
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


def _folders(folder: Path, out_dir: Path | None) -> tuple[Path, Path]:
    """The folder of returns (made when missing) and the output folder, which must lie outside it."""
    if folder.exists() and not folder.is_dir():
        raise click.UsageError(messages.text("desk.serve.not-folder", path=str(folder)))
    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()
    out_dir = (out_dir or folder.with_name(folder.name + OUT_SUFFIX)).resolve()
    if out_dir == folder or folder in out_dir.parents:
        raise click.UsageError(
            messages.text("desk.serve.out-in-folder", out=str(out_dir), folder=str(folder))
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    return folder, out_dir
