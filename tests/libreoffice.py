"""Drive a real, headless LibreOffice from the tests, the way a clerk would.

Needs Debian's libreoffice-calc, python3-uno, fonts-thai-tlwg and poppler-utils: run
``.ci/install-libreoffice.sh``. The UNO work runs in ``tests/lo_uno_worker.py`` under the system
Python (the venv cannot import ``uno``), talking JSON over stdin/stdout.

API:
  available()                                   LibreOffice and Python-UNO are installed
  convert(src, fmt, outdir) -> Path             ``soffice --convert-to`` (fmt "pdf", "xlsx", ...)
  fill_and_save(src, dst, edits, as_user=True)  type (or API-write) cells, save as .xlsx; a Link
                                                value is inserted as Insert > Link does
  try_user_write(src, sheet, cell, text)        did LibreOffice let a user type there?
  open_without_repair(src) -> list[str]         load as a spreadsheet, return its sheet names

Every call works on a private copy of ``src`` (so a stale ``.~lock.NAME#`` beside it, which makes
a headless load silently return nothing, cannot matter). One soffice per locale listens on a
private pipe with its own profile and is reused for the whole process; a failed or timed-out call
kills its process group and the next call starts a fresh one. The profile's locale is th-TH (a
Thai clerk's machine): it decides how typed dates are read (day first).
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

UNO_PYTHON = os.environ.get("LO_UNO_PYTHON", "/usr/bin/python3")
WORKER = Path(__file__).with_name("lo_uno_worker.py")
LOCALE = "th-TH"
TIMEOUT = 120.0
INSTALL_HINT = "run `bash .ci/install-libreoffice.sh` (as root) to install LibreOffice for the tests"

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
</oor:items>
"""


@dataclass(frozen=True)
class Link:
    """A cell link as Insert > Link makes it: ``text`` shown, ``url`` opened on a click."""

    url: str
    text: str


class LibreOfficeError(RuntimeError):
    """LibreOffice failed, timed out or produced nothing; the message carries its output."""


@functools.cache
def available() -> bool:
    """True if ``soffice`` is on PATH and the system Python can ``import uno``."""
    if not shutil.which("soffice"):
        return False
    try:
        probe = subprocess.run(
            [UNO_PYTHON, "-c", "import uno"], env=_clean_env(), capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def convert(src: Path, fmt: str, outdir: Path, *, timeout: float = TIMEOUT, locale: str = LOCALE) -> Path:
    """Convert ``src`` with ``soffice --convert-to fmt`` into ``outdir``; return the new file.

    ``fmt`` is what --convert-to takes: "pdf", "xlsx", "csv:Text - txt - csv (StarCalc):44,34,76".
    """
    src, outdir = Path(src), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    out.unlink(missing_ok=True)
    with _lock, tempfile.TemporaryDirectory(prefix="lo-src-") as tmp:
        copy = Path(tmp) / src.name
        shutil.copyfile(src, copy)
        cmd = [_soffice(), "--headless", "--norestore", "--nologo", "--nolockcheck"]
        cmd += [f"-env:UserInstallation={_profile('convert', locale).as_uri()}"]
        cmd += ["--convert-to", fmt, "--outdir", str(outdir), str(copy)]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            output, _ = proc.communicate()
            raise LibreOfficeError(
                f"soffice --convert-to {fmt} {src.name} timed out after {timeout} s:\n{output}"
            ) from None
    if not out.is_file():
        raise LibreOfficeError(
            f"soffice --convert-to {fmt} {src.name} made no {out.name} (exit {proc.returncode}):\n{output}"
        )
    return out


def fill_and_save(
    src: Path,
    dst: Path,
    edits: list[tuple[str, str, object]],
    *,
    as_user: bool = True,
    locale: str = LOCALE,
    timeout: float = TIMEOUT,
) -> list[bool]:
    """Open ``src`` in LibreOffice, apply ``(sheet, "B5", value)`` edits, save as .xlsx to ``dst``.

    ``as_user=True`` types each value on the keyboard into the document window, then Return, as a
    clerk does: protection, validation, AutoInput and the cell's number format apply, and a refused
    edit leaves the cell unchanged (no error). A str is typed as is ("3/10/2565", Thai text, "=1+1"),
    a date as ISO "2022-10-03" (LibreOffice reads that as a date in every locale), a number as
    str(), None as the Delete key. ``as_user=False`` writes through the API (setString / setValue /
    setFormula, clearContents for None), which ignores protection and validation. A :class:`Link`
    is inserted as Insert > Link does (a URL field with its display text), whatever ``as_user``.

    Returns, per edit, whether the cell's content changed.
    """
    edits_json = [[sheet, cell, _action(value, as_user)] for sheet, cell, value in edits]
    results = _call(
        "fill",
        locale,
        timeout,
        src=Path(src),
        dst=str(Path(dst).resolve()),
        as_user=as_user,
        edits=edits_json,
    )
    return [r["changed"] for r in results]


def try_user_write(
    src: Path, sheet: str, cell: str, text: str, *, locale: str = LOCALE, timeout: float = TIMEOUT
) -> bool:
    """Type ``text`` + Return into ``sheet!cell`` as a user; True if the cell changed.

    False means LibreOffice refused: a locked cell on a protected sheet, a cell the cursor may not
    reach, or a validation stop. Use a text that differs from what the cell already holds.
    """
    results = _call(
        "fill", locale, timeout, src=Path(src), dst=None, as_user=True, edits=[[sheet, cell, {"type": text}]]
    )
    return results[0]["changed"]


def open_without_repair(src: Path, *, locale: str = LOCALE, timeout: float = TIMEOUT) -> list[str]:
    """Load ``src`` headless without repair; return its sheet names (hidden ones too), in order.

    Raises LibreOfficeError if it does not load as a spreadsheet.
    """
    return _call("sheets", locale, timeout, src=Path(src))


# --- internals -----------------------------------------------------------------------------------

_lock = threading.RLock()
_offices: dict[str, _Office] = {}


@functools.cache
def _tmp_root() -> Path:
    """Per-process scratch dir holding the profiles and soffice logs; removed at exit."""
    return Path(tempfile.mkdtemp(prefix="ita-lo-"))


def _profile(kind: str, locale: str) -> Path:
    """A LibreOffice profile dir (UserInstallation) of this process, preset to ``locale``."""
    path = _tmp_root() / f"profile-{kind}-{locale}"
    xcu = path / "user" / "registrymodifications.xcu"
    if not xcu.exists():
        xcu.parent.mkdir(parents=True, exist_ok=True)
        xcu.write_text(_XCU.format(locale=locale), encoding="utf-8")
    return path


def _soffice() -> str:
    path = shutil.which("soffice")
    if not path:
        raise LibreOfficeError(f"soffice not found: {INSTALL_HINT}")
    return path


def _clean_env() -> dict[str, str]:
    """The environment without the venv's Python settings, for the system Python and soffice."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _kill_group(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the process group of ``proc`` (soffice -> oosplash -> soffice.bin), SIGKILL what is
    left after ``grace`` s, and wait until the whole group is gone."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        deadline = time.monotonic() + wait
        try:
            os.killpg(proc.pid, sig)
            while time.monotonic() < deadline:
                proc.poll()  # reap the launcher, else its zombie keeps the group alive
                os.killpg(proc.pid, 0)
                time.sleep(0.05)
        except ProcessLookupError:
            break
    proc.poll()


class _Office:
    """One soffice of this process listening on a private pipe, with its own profile."""

    def __init__(self, locale: str):
        self.pipe = f"ita_xlsx_lo_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.profile = _profile("uno", locale)
        self.log = self.profile.with_suffix(".log")
        cmd = [_soffice(), "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"]
        cmd += [f"-env:UserInstallation={self.profile.as_uri()}", f"--accept=pipe,name={self.pipe};urp;"]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=_clean_env(),
                start_new_session=True,
            )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        _kill_group(self.proc)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:] if self.log.exists() else ""


@atexit.register
def _stop_all() -> None:
    """Stop this process's soffice instances, then remove their profiles."""
    for office in _offices.values():
        office.stop()
    _offices.clear()
    if _tmp_root.cache_info().currsize:
        shutil.rmtree(_tmp_root(), ignore_errors=True)


def _call(op: str, locale: str, timeout: float, *, src: Path, **fields) -> object:
    """Run one worker request against this process's soffice for ``locale``; return its result."""
    if not available():
        raise LibreOfficeError(f"LibreOffice with Python-UNO is not available: {INSTALL_HINT}")
    with _lock, tempfile.TemporaryDirectory(prefix="lo-src-") as tmp:
        copy = Path(tmp) / src.name
        shutil.copyfile(src, copy)
        office = _offices.get(locale)
        if office is None or not office.alive():
            office = _offices[locale] = _Office(locale)
        request = json.dumps({"op": op, "pipe": office.pipe, "src": str(copy), **fields})
        try:
            proc = subprocess.run(
                [UNO_PYTHON, str(WORKER)],
                input=request,
                capture_output=True,
                text=True,
                timeout=timeout,
                env=_clean_env(),
            )
            try:
                reply = json.loads(proc.stdout)
            except ValueError:
                reply = {
                    "ok": False,
                    "error": f"worker exit {proc.returncode}, no JSON reply: {proc.stdout!r}",
                }
            error = None if reply["ok"] else f"{reply['error']}\n--- worker stderr ---\n{proc.stderr}"
        except subprocess.TimeoutExpired:
            error = f"no answer within {timeout} s"
        if error:  # robustness first: never reuse an instance that failed
            office.stop()
            del _offices[locale]
            raise LibreOfficeError(
                f"LibreOffice {op} {src.name}: {error}\n--- soffice log ---\n{office.log_tail()}"
            )
        return reply["result"]


def _action(value: object, as_user: bool) -> dict:
    """The worker's edit for a Python value: keys to press, or an API write."""
    if isinstance(value, Link):
        return {"link": value.url, "text": value.text}
    if as_user:
        if value is None:
            return {"key": "DELETE"}
        if isinstance(value, bool):
            return {"type": "TRUE" if value else "FALSE"}
        if isinstance(value, dt.date):
            return {"type": value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()}
        return {"type": str(value)}
    if value is None:
        return {"clear": True}
    if isinstance(value, str):
        return {"formula": value} if value.startswith("=") else {"string": value}
    if isinstance(value, dt.datetime):
        return {"value": (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400}
    if isinstance(value, dt.date):
        return {"value": (value - dt.date(1899, 12, 30)).days}
    if isinstance(value, int | float):
        return {"value": float(value)}
    raise TypeError(f"cannot write {type(value).__name__} {value!r} into a cell")


def bare(text: str) -> str:
    """Text without spaces and without Thai marks that sit above or below (PDF order is unreliable)."""
    return "".join(
        ch
        for ch in text
        if not ch.isspace()
        and not unicodedata.combining(ch)
        and ch
        not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
    )
