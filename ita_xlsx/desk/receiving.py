"""Receiving: a file sent to the desk is saved into the folder of returns, never over another file.

The name the browser gives is cut to its last part and cleaned (no folders, no control or
Windows-forbidden characters, no leading dot); a name already taken gets `` (2)``, `` (3)``…
before its suffix, as a copy is named on Windows. The bytes are counted as they are written: a
file over intake's size limit is not kept, with intake's own ``intake-too-large`` problem. What
the file is, and what is wrong in it, is then for ``collect`` to say, like any other returned file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.intake.safezip import Limits

DEFAULT_NAME = "ไฟล์ที่ได้รับ"
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MAX_NAME = 150
_CHUNK = 2**16


@dataclass(frozen=True, slots=True)
class Received:
    """A file sent to the desk: the name it came with, and where it was saved (None: not kept)."""

    original: str
    saved: Path | None
    problem: Problem | None = None

    @property
    def renamed(self) -> bool:
        return self.saved is not None and self.saved.name != self.original


def safe_name(given: str) -> str:
    """A file name to keep in the folder, from whatever the browser said the file was called."""
    name = unicodedata.normalize("NFC", given or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _FORBIDDEN.sub("", name).strip().lstrip(".").rstrip(". ")
    if not name:
        return DEFAULT_NAME
    if _WINDOWS_DEVICES.match(name):
        name = "_" + name
    stem, suffix = os.path.splitext(name)
    if len(name) > _MAX_NAME:
        name = stem[: _MAX_NAME - len(suffix)] + suffix
    return name


def copy_name(name: str, number: int) -> str:
    """``รายงาน.xlsx`` → ``รายงาน (2).xlsx``."""
    stem, suffix = os.path.splitext(name)
    return f"{stem} ({number}){suffix}"


def receive(folder: Path, filename: str, stream: BinaryIO, limits: Limits) -> Received:
    """Save ``stream`` into ``folder`` under a clean name that no file there has yet."""
    original = safe_name(filename)
    fd, tmp_name = tempfile.mkstemp(prefix="~$desk-", dir=folder)  # a lock-file name: intake skips it
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = _copy_capped(stream, out, limits.max_file_bytes)
        if size > limits.max_file_bytes:
            return Received(original, None, _too_large(original, size, limits))
        return Received(original, _place(tmp, folder, original))
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _copy_capped(stream: BinaryIO, out: BinaryIO, limit: int) -> int:
    """Copy until the end or just past ``limit`` bytes; the number of bytes seen."""
    size = 0
    while size <= limit:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size <= limit:
            out.write(chunk)
    return size


def _place(tmp: Path, folder: Path, name: str) -> Path:
    """Give ``tmp`` its name in ``folder``, or the first free copy name; never replace a file."""
    number = 1
    while True:
        target = folder / (name if number == 1 else copy_name(name, number))
        try:
            _link_new(tmp, target)
            return target
        except FileExistsError:
            number += 1


def _link_new(tmp: Path, target: Path) -> None:
    """Make ``target`` hold ``tmp``'s bytes; FileExistsError when it exists (checked atomically)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: an exclusive create, then the bytes
        with open(target, "xb") as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out)


def _too_large(name: str, size: int, limits: Limits) -> Problem:
    """Intake's own words for a file over the limit (the size shown is what was read before stopping)."""
    limit_mb = f"{limits.max_file_bytes / 2**20:.0f}"
    return problems.error("intake-too-large", file=name, size_mb=f"{size / 2**20:.1f}", limit_mb=limit_mb)
