"""What later sheets need of each record, noted while the detail sheet reads the records in order.

The records of a large collection are read from disk each time they are read (see
:class:`~ita_xlsx.report.data.ReportData`): in order that is cheap, one at a time out of order it
is not. The detail sheet reads every record in order; the overdue sheet needs some of them most
late first, and the official report each record's text grouped by measure. So the detail sheet
notes what they need as it goes, in scratch files beside the workbook's own, and those sheets
read the notes back by position: a few hundred bytes each, not a whole record. In memory stays
8 bytes a record for each.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any


class RecordNotes:
    """``make(record)`` of each record (plain values: str, numbers, None, lists, tuples, dicts),
    in the records' order, kept in a scratch file in ``folder``; all noted before the first is
    read back."""

    _GATHER = 1 << 20  # bytes held before they are written

    def __init__(self, folder: str | Path, make: Callable[[Mapping], Any]) -> None:
        self.make = make
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close())
        self._ends = array("q")
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._size = 0

    def __len__(self) -> int:
        return len(self._ends)

    def note(self, record: Mapping) -> None:
        data = marshal.dumps(self.make(record))
        self._size += len(data)
        self._ends.append(self._size)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self._GATHER:
            self._write_pending()

    def __getitem__(self, position: int) -> Any:
        if self._pending:
            self._write_pending()
            self._file.flush()
        start = self._ends[position - 1] if position else 0
        return marshal.loads(self._read(start, self._ends[position] - start))

    def close(self) -> None:
        self._file.close()

    def _read(self, offset: int, size: int) -> bytes:
        """Bytes of the file, read where they are (not mapped: the memory would grow with the file)."""
        if _pread is not None:
            return _pread(self._file.fileno(), size, offset)
        self._file.seek(offset)
        return self._file.read(size)

    def _write_pending(self) -> None:
        self._file.write(b"".join(self._pending))
        self._pending.clear()
        self._pending_size = 0


_pread = getattr(os, "pread", None)  # POSIX; elsewhere a seek and a read
