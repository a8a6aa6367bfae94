"""Write outputs atomically: a temporary file in the same folder, then one rename.

If anything fails before the rename, the file that was there before is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ita_xlsx.core.faults import fault_point
from ita_xlsx.core.scratch import locked_temp_file, sweep_temp_files


@contextlib.contextmanager
def atomic_paths(*targets: str | Path) -> Iterator[tuple[Path, ...]]:
    """Temporary paths beside each of ``targets``; on success each replaces its target, in order.

    Every file is flushed to disk before the first rename, so the renames follow each other
    closely; still, a kill between two renames leaves some targets new and the others old. Files
    written together say which run wrote them (see :mod:`ita_xlsx.read.run_id`) for that case.
    """
    with contextlib.ExitStack() as stack:
        temps = tuple(stack.enter_context(_temporary(Path(target))) for target in targets)
        yield temps
        for tmp in temps:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        for number, (tmp, target) in enumerate(zip(temps, targets, strict=True)):
            if number:
                fault_point("between-renames")
            os.replace(tmp, target)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step."""
    with atomic_paths(target) as (tmp,):
        yield tmp


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    """A new empty file beside ``target`` (``.STEM.RANDOM.tmp``), removed at the end if still there.

    It stays locked while this run uses it; what earlier, killed runs left beside ``target`` (their
    locks gone with them) is removed first.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    check_replaceable(target)
    sweep_temp_files(target.parent, target.stem)
    with locked_temp_file(target.parent, target.stem) as tmp:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        yield tmp


def check_replaceable(target: Path) -> None:
    """Raise an OSError naming ``target`` when a file cannot take its place (a folder is there),
    before anything is written: otherwise the rename at the end would fail, naming a temp file."""
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def input_folder_holding(path: str | Path, inputs: Iterable[str | Path]) -> Path | None:
    """The input folder ``path`` lies in (where the next run would read it as an input), or None."""
    target = _resolved(Path(path))
    for given in inputs:
        folder = Path(given)
        resolved = _resolved(folder)
        if target and resolved and folder.is_dir() and target.is_relative_to(resolved):
            return folder
    return None


class OutputIsInput(ValueError):
    """An output path names one of the inputs: writing it would destroy a division's file."""


class OutputInInputFolder(OutputIsInput):
    """An output lies in a folder of inputs: the next run would read it back as a returned file."""

    def __init__(self, path: str | Path, folder: str | Path) -> None:
        super().__init__(str(path))
        self.path, self.folder = Path(path), Path(folder)


def overwrites_input(path: str | Path, inputs: Iterable[str | Path]) -> Path | None:
    """The input that writing ``path`` would destroy: the same path, the same file under another
    name (a hard link), or a file inside an input folder. None when ``path`` is safe to write."""
    path = Path(path)
    target = _resolved(path)
    for given in inputs:
        source = Path(given)
        resolved = _resolved(source)
        if target is None or resolved is None:  # a symbolic link that loops: nothing can be written
            continue  # through it, nor read (the input is reported as unreadable)
        if target == resolved:
            return source
        if path.exists() and source.exists():
            if resolved.is_dir() and target.is_relative_to(resolved):
                return source
            if source.is_file() and os.path.samefile(path, source):
                return source
    return None


def _resolved(path: Path) -> Path | None:
    """``path`` with its symbolic links followed; None when they loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # "Symlink loop" (Python 3.12 and older), ELOOP (3.13)
        return None
