"""What later sheets need of each record, noted while the detail sheet reads the records in order.

The records of a large collection are read from disk each time they are read (see
:class:`~ita_xlsx.report.data.ReportData`): in order that is cheap, one at a time out of order it
is not. The detail sheet reads every record in order; the official report needs each record's
text grouped by measure, in another order. So the detail sheet notes that text as it goes, in a
scratch file beside the workbook's own, and the report sheet reads the notes back by position:
a few bytes each, not a whole record. In memory stays 9 bytes a record.
"""

from __future__ import annotations

import marshal
import mmap
import tempfile
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from ita_xlsx.report.actions import Note, report_note


class RecordNotes:
    """One :data:`~ita_xlsx.report.actions.Note` per record, in the records' order, kept in a
    scratch file in ``folder``; all noted before the first is read back."""

    _GATHER = 1 << 20  # bytes held before they are written

    def __init__(self, folder: str | Path) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close())
        self._ends = array("q")
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._size = 0
        self._map: mmap.mmap | None = None

    def __len__(self) -> int:
        return len(self._ends)

    def note(self, record: Mapping) -> None:
        data = marshal.dumps(report_note(record))
        self._size += len(data)
        self._ends.append(self._size)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self._GATHER:
            self._write_pending()

    def __getitem__(self, position: int) -> Note:
        if self._map is None:
            self._write_pending()
            self._file.flush()
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        start = self._ends[position - 1] if position else 0
        return marshal.loads(self._map[start : self._ends[position]])

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
        self._file.close()

    def _write_pending(self) -> None:
        self._file.write(b"".join(self._pending))
        self._pending.clear()
        self._pending_size = 0
