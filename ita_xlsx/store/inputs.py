"""What each input file is: its content hash, size and when it was received.

The collector hands each input to :class:`InputFacts` as intake gives it (``collect``'s ``seen``),
so the files are read once. Only these small facts stay in memory (about 200 bytes a file).
Without that, :func:`describe_inputs` walks the inputs again with the same intake (zips, saved
e-mails and mailboxes opened the same way, so the names match the collection's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ita_xlsx.core.problems import Problem
from ita_xlsx.intake import gather as intake
from ita_xlsx.intake.gather import Candidate

_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputFile:
    sha256: str
    size: int
    received: str | None  # local time, ISO: the file's mtime, a zip entry's time or the e-mail's Date


class InputFacts:
    """Each input's facts by the name the collection gives it (``folder/x.xlsx``, ``a.zip › x.xlsx``),
    noted as intake gives the inputs (call it with each item)."""

    def __init__(self) -> None:
        self.found: dict[str, InputFile] = {}
        self.noted = 0  # items seen

    def __call__(self, item: Candidate | Problem) -> None:
        self.noted += 1
        found = self.found
        if isinstance(item, Candidate):
            found[item.source] = InputFile(item.sha256, len(item.data), _when(item.mtime))
        elif item.file and item.file not in found:
            first = found.get(str(item.params.get("first"))) if item.code == "intake-duplicate" else None
            described = first or _plain_file(item.file)
            if described is not None:
                found[item.file] = described


def describe_inputs(
    inputs: Iterable[str | Path], limits: intake.Limits | None = None
) -> dict[str, InputFile]:
    """Each input's facts, the inputs walked again (see :class:`InputFacts`)."""
    facts = InputFacts()
    for item in intake.gather(inputs, limits or intake.Limits()):
        facts(item)
    return facts.found


def _plain_file(name: str) -> InputFile | None:
    """A file on disk that was not a workbook (a PDF, a damaged file): hashed as it is."""
    path = Path(name)
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                digest.update(block)
        status = path.stat()
    except OSError:
        return None
    return InputFile(digest.hexdigest(), status.st_size, _when(status.st_mtime))


def _when(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    try:
        return dt.datetime.fromtimestamp(timestamp).replace(microsecond=0).isoformat()
    except (OverflowError, OSError, ValueError):
        return None
