"""The desk's web application (Flask): server-rendered pages, plain forms, a few lines of script.

One coordinator at a time: the board, uploads and actions run one after another under one lock.
The board is built again only when a file in the folder changed (or the day did).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException

from ita_xlsx import messages
from ita_xlsx.core import thaidates
from ita_xlsx.desk import actions
from ita_xlsx.desk.board import Board, build_board
from ita_xlsx.desk.guard import Guard, Refused, secure_headers
from ita_xlsx.desk.receiving import Received, receive
from ita_xlsx.desk.store import ACCEPT, REOPEN, NoStore, Store, StoreUnavailable
from ita_xlsx.intake.safezip import Limits
from ita_xlsx.plan import Plan
from ita_xlsx.store import StoreError

UPLOAD_FILES_AT_ONCE = 4  # a request may carry this many files of the largest size intake reads
RECEIPTS_KEPT = 50
NOTE_CHARS = 500  # a note kept with an acceptance
HISTORY_NAME = "ประวัติ_ITA.xlsx"  # the history workbook, in the output folder
_HTTP_MESSAGES = {
    404: "desk.error.not-found",
    405: "desk.error.method",
    413: "desk.error.too-large",
}


@dataclass
class DeskSettings:
    """Everything the desk needs, decided by the command line."""

    plan: Plan
    folder: Path  # the round's returned files
    out_dir: Path  # what the desk writes
    store: Store = field(default_factory=NoStore)
    round_id: str | None = None
    as_of: dt.date | None = None
    limits: Limits = field(default_factory=Limits)
    mail_config: Path | None = None
    pdf: bool = False  # LibreOffice is there: offer the PDF report
    debug: bool = False


class Desk:
    """The desk's state: the settings, the last board, the receipts of recent uploads."""

    def __init__(self, settings: DeskSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self._board: Board | None = None
        self._seen: tuple | None = None
        self.receipts: OrderedDict[int, list[Received]] = OrderedDict()
        self._numbers = itertools.count(1)

    def board(self) -> Board:
        """The board of the folder as it is now (built again only when a file changed)."""
        s = self.settings
        with self.lock:
            seen = (_listing(s.folder), s.as_of or dt.date.today())
            if self._board is None or seen != self._seen:
                self._board = build_board(s.plan, s.folder, round_id=s.round_id, as_of=s.as_of, store=s.store)
                self._seen = seen
            return self._board

    def forget(self) -> None:
        """The store changed: build the board again on the next look."""
        with self.lock:
            self._board = None

    def keep_receipt(self, received: list[Received]) -> int:
        number = next(self._numbers)
        self.receipts[number] = received
        while len(self.receipts) > RECEIPTS_KEPT:
            self.receipts.popitem(last=False)
        return number


def _listing(folder: Path) -> tuple:
    """Name, size and time of every file under ``folder``: what the board depends on."""
    found = []
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            try:
                st = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            found.append((dirpath, name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


def create_app(settings: DeskSettings, guard: Guard) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.limits.max_file_bytes * UPLOAD_FILES_AT_ONCE
    app.config["MAX_FORM_MEMORY_SIZE"] = 2**20
    desk = Desk(settings)
    app.extensions["ita_desk"] = desk
    _helpers(app, settings)
    _security(app, guard, settings)
    _pages(app, desk)
    _actions(app, desk)
    return app


def _helpers(app: Flask, settings: DeskSettings) -> None:
    @app.context_processor
    def words() -> dict:
        return {
            "t": messages.text,
            "lang": messages.get_language(),
            "settings": settings,
            "date": _date,
            "when": _when,
            "digits": _digits,
            "iso_date": _iso_date,
            "iso_time": _iso_time,
            "in_folder": lambda path: _in_folder(path, settings.folder),
        }


def _digits(value: object) -> str:
    """A year as the page's language writes it (๒๕๖๖ in Thai)."""
    return thaidates.to_thai_digits(str(value)) if messages.get_language() == "th" else str(value)


def _in_folder(path: str, folder: Path) -> str:
    """A file as the store names it, relative to the folder of returns when it lies there."""
    prefix = str(folder) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else path


def _iso_date(value: str | None) -> dt.date | None:
    """A date the store keeps as text (``2023-03-31``)."""
    return dt.date.fromisoformat(value[:10]) if value else None


def _iso_time(value: str | None) -> dt.datetime | None:
    """A time the store keeps as text (``2023-04-05T09:00:00``)."""
    return dt.datetime.fromisoformat(value).replace(microsecond=0) if value else None


def _date(value: dt.date | None, style: str = "full") -> str:
    if value is None:
        return "-"
    return thaidates.format_thai(value, style) if messages.get_language() == "th" else value.isoformat()


def _when(value: dt.datetime | None) -> str:
    """``๑๒ เม.ย. ๖๖ ๐๙:๐๕ น.``: a date and time short enough for a table cell."""
    if value is None:
        return "-"
    clock = value.strftime("%H:%M")
    if messages.get_language() == "th":
        return f"{_date(value.date(), 'abbr')} {thaidates.to_thai_digits(clock)} น."
    return f"{value.date().isoformat()} {clock}"


def _security(app: Flask, guard: Guard, settings: DeskSettings) -> None:
    @app.before_request
    def door():
        return guard.check(request)

    app.after_request(secure_headers)

    @app.errorhandler(Refused)
    def refused(exc: Refused):
        return _error_page(messages.text(exc.reason, **exc.params), exc.status)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        key = _HTTP_MESSAGES.get(exc.code or 400, "desk.error.bad-request")
        limit_mb = f"{app.config['MAX_CONTENT_LENGTH'] / 2**20:.0f}"
        return _error_page(messages.text(key, limit_mb=limit_mb), exc.code or 400)

    @app.errorhandler(StoreUnavailable)
    def no_store(exc: StoreUnavailable):
        return _error_page(str(exc), 409)

    @app.errorhandler(StoreError)
    def store_error(exc: StoreError):  # the store's own words: locked, damaged, nothing to accept…
        return _error_page(messages.text(exc.key, **exc.params), 503 if exc.key == "store.busy" else 409)

    @app.errorhandler(OSError)
    def os_error(exc: OSError):  # a workbook open in Excel, a full disk: said as the commands say it
        from ita_xlsx.core.os_reasons import os_reason

        if exc.filename:
            said = messages.text("cli.os-error", path=str(exc.filename), reason=os_reason(exc))
        else:
            said = messages.text("cli.os-error-no-path", reason=os_reason(exc))
        return _error_page(said, 500)

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):  # our own bug: one line in the window, never a trace on the page
        if settings.debug:
            traceback.print_exc(file=sys.stderr)
        else:
            print(messages.text("cli.internal-error", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return _error_page(messages.text("desk.error.internal"), 500)


def _error_page(message: str, status: int):
    return render_template("error.html", message=message), status


def _pages(app: Flask, desk: Desk) -> None:
    s = desk.settings

    @app.get("/")
    def board_page():
        return render_template("board.html", board=desk.board(), store_note=s.store.note())

    @app.get("/file")
    def file_page():
        name = request.args.get("name", "")
        board = desk.board()
        return render_template("file.html", board=board, name=name, views=board.file(name))

    @app.get("/received/<int:number>")
    def received_page(number: int):
        received = desk.receipts.get(number)
        if received is None:
            abort(404)
        board = desk.board()
        shown = [(r, board.file(_relative(r.saved, s.folder)) if r.saved else []) for r in received]
        return render_template("received.html", board=board, shown=shown)

    @app.get("/history")
    def history_page():
        note = s.store.note()
        history = None if note else s.store.history()
        return render_template("history.html", board=desk.board(), history=history, store_note=note)

    @app.get("/outputs")
    def outputs_page():
        return render_template("outputs.html", board=desk.board(), outputs=_outputs(s.out_dir))

    @app.get("/download/<area>/<path:name>")
    def download(area: str, name: str):
        base = {"outputs": s.out_dir, "returns": s.folder}.get(area)
        if base is None or not _inside(base, name):
            abort(404)
        return send_from_directory(base, name, as_attachment=True)


def _actions(app: Flask, desk: Desk) -> None:
    s = desk.settings

    @app.post("/receive")
    def receive_files():
        chosen = [f for f in request.files.getlist("files") if f.filename]
        with desk.lock:
            received = [receive(s.folder, f.filename or "", f.stream, s.limits) for f in chosen]
            number = desk.keep_receipt(received)
        return redirect(url_for("received_page", number=number), code=303)

    @app.post("/write")
    def write():
        with desk.lock:
            done = actions.write_consolidated(
                desk.board(), s.folder, s.out_dir, pdf=s.pdf and "pdf" in request.form
            )
        return _done_page(done, s)

    @app.post("/feedback")
    def feedback():
        division = request.form.get("division") or None
        if division is not None and s.plan.division(division) is None:
            raise Refused("desk.error.no-division", 400, division=division[:40])
        with desk.lock:
            keep = s.store.feedback_keeper(s.plan)
            done = actions.write_division_feedback(desk.board(), s.folder, s.out_dir, division, sent=keep)
        return _done_page(done, s)

    @app.post("/remind")
    def remind():
        send = request.form.get("mode") == "send"
        with desk.lock:
            done = actions.remind(desk.board(), s.folder, s.out_dir, send=send, config=s.mail_config)
        return _done_page(done, s)

    @app.post("/accept")
    def accept():
        division = request.form.get("division", "")
        if s.plan.division(division) is None:
            raise Refused("desk.error.no-division", 400, division=division[:40])
        action = REOPEN if request.form.get("action") == REOPEN else ACCEPT
        note = request.form.get("note", "").strip()[:NOTE_CHARS]
        with desk.lock:
            s.store.decide(s.plan, action, desk.board().round.id, division, note)
            desk.forget()
        return redirect(url_for("board_page"), code=303)

    @app.post("/history")
    def write_history():
        with desk.lock:
            s.out_dir.mkdir(parents=True, exist_ok=True)
            written = s.store.write_history(s.out_dir / HISTORY_NAME)
        return _done_page(actions.Done([written]), s)


def _done_page(done: actions.Done, s: DeskSettings):
    written = [_relative(p, s.out_dir) for p in done.written]
    return render_template("done.html", done=done, written=written)


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def _inside(base: Path, name: str) -> bool:
    """``name`` is a regular file under ``base``, links resolved (nothing outside is ever served)."""
    if any(part.startswith(".") for part in Path(name).parts):  # the saved sheet password, litter
        return False
    root = os.path.realpath(base)
    target = os.path.realpath(os.path.join(root, name))
    return os.path.commonpath([root, target]) == root and target != root and os.path.isfile(target)


def _outputs(out_dir: Path) -> list[tuple[str, int, dt.datetime]]:
    """Every file the desk wrote (or that lies in its output folder), newest first."""
    found = []
    for dirpath, _, filenames in os.walk(out_dir):
        for name in filenames:
            path = Path(dirpath, name)
            if name.startswith("."):  # the saved sheet password stays private
                continue
            st = path.stat()
            found.append((_relative(path, out_dir), st.st_size, dt.datetime.fromtimestamp(st.st_mtime)))
    return sorted(found, key=lambda item: item[2], reverse=True)
