"""Scratch files and folders that a killed run cannot leave behind for good.

A run holds a lock on each of its scratch files and folders for as long as it uses them; the
system drops the lock when the process ends, however it ends. The next run removes what matches
its own pattern and is no longer locked: a run still working keeps its lock, so nothing of it is
touched. Where the system has no such locks (Windows), nothing is swept.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

SCRATCH_PREFIX = "ita-xlsx-"  # folders in the system's temporary folder
OWNER_FILE = "owner.lock"  # inside each folder, locked by the run using it
UNOWNED_AGE = 3600.0  # seconds: a folder with no lock file this old was left by an older version
_UNOWNED_NAME = re.compile(r"ita-xlsx-(?:pdf-)?[a-z0-9_]{8}")  # the names that version gave them


def locked(fd: int) -> bool:
    """Lock the open file ``fd`` for this process (released when it is closed or the process ends);
    False when another process holds it, or when the system has no such locks."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


# What this process holds: never looked at by its own sweeps. Where locks belong to the process
# rather than to the open file (NFS emulates flock with fcntl locks), testing a lock of our own
# would find it free, and closing the test's descriptor would drop it.
_HELD: set[str] = set()


def _free(path: Path) -> bool:
    """Whether no process holds the lock on ``path`` (taken, then released, to find out)."""
    if os.path.abspath(path) in _HELD:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return locked(fd)
    finally:
        os.close(fd)


# -- temporary files beside an output -----------------------------------------------------------
_TEMP_NAME = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")  # .STEM.XXXXXXXX.tmp, as mkstemp names them
# Per folder, the temporaries found there the first time this process wrote into it, by stem:
# one listing of a folder, however many outputs (thousands of templates) go into it.
_FOUND: dict[str, dict[str, list[str]]] = {}


@contextlib.contextmanager
def locked_temp_file(folder: Path, stem: str) -> Iterator[Path]:
    """A new empty file ``.STEM.XXXXXXXX.tmp`` in ``folder``, locked while the context lasts, then
    removed if still there."""
    while True:
        fd, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
        locked(fd)
        if os.fstat(fd).st_nlink:  # not swept by another run in the moment before it was locked
            break
        os.close(fd)
    _HELD.add(os.path.abspath(name))
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        _HELD.discard(os.path.abspath(name))
        os.close(fd)


def sweep_temp_files(folder: Path, stem: str) -> list[Path]:
    """Remove the temporary files of killed runs beside an output named ``stem``; those removed."""
    if fcntl is None:
        return []
    removed = []
    for name in _temporaries(folder).pop(stem, ()):
        path = Path(folder, name)
        if _free(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _temporaries(folder: Path) -> dict[str, list[str]]:
    key = os.path.abspath(folder)
    found = _FOUND.get(key)
    if found is None:
        found = _FOUND[key] = {}
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                match = _TEMP_NAME.fullmatch(entry.name)
                if match and entry.is_file(follow_symlinks=False):
                    found.setdefault(match[1], []).append(entry.name)
    return found


# -- scratch folders in the temporary folder ----------------------------------------------------
@contextlib.contextmanager
def scratch_folder(kind: str = "") -> Iterator[Path]:
    """A new folder ``ita-xlsx-KIND…`` in the temporary folder, removed at the end; a later run
    removes it if this one is killed. Stale folders of killed runs are removed first."""
    sweep_scratch_folders()
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX + kind))
    owner = os.path.abspath(folder / OWNER_FILE)
    _HELD.add(owner)
    fd = _own(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _HELD.discard(owner)
        if fd is not None:
            os.close(fd)


def _own(folder: Path) -> int | None:
    """Put an already-locked lock file in ``folder``: a sweeper never sees it unlocked."""
    if fcntl is None:
        return None
    fd, name = tempfile.mkstemp(dir=folder, prefix=".owner.")
    locked(fd)
    os.replace(name, folder / OWNER_FILE)
    return fd


def sweep_scratch_folders(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders of killed runs (this user's, unlocked); those removed."""
    if fcntl is None:
        return []
    root = Path(root or tempfile.gettempdir())
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if entry.name.startswith(SCRATCH_PREFIX) and _stale_folder(entry):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _stale_folder(entry: os.DirEntry) -> bool:
    try:
        if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
            return False
        owner = Path(entry.path) / OWNER_FILE
        if owner.exists():
            return _free(owner)
        old = time.time() - entry.stat(follow_symlinks=False).st_mtime > UNOWNED_AGE
        return old and _UNOWNED_NAME.fullmatch(entry.name) is not None
    except OSError:
        return False
