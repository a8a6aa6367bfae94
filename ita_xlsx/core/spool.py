"""A list kept on disk: items pickled one after another in a temporary file.

A collection of thousands of workbooks makes hundreds of thousands of records and log rows; held
in memory they would make memory grow with every file. A :class:`Spool` keeps them in an unnamed
temporary file instead (gone when it is closed or the program ends, whatever the platform) and
gives them back in order, or one by one by position, as often as asked. Only the positions stay
in memory: 8 bytes an item.

Items are pickled compactly: the project's record types as their field values (see
:func:`compact`), everything else as pickle does it. A spool only ever reads back what this
process wrote, so unpickling it is safe.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import io
import os
import pickle
import tempfile
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import MappingProxyType
from typing import IO, Generic, TypeVar, overload

T = TypeVar("T")
U = TypeVar("U")

_BLOCK = 1 << 20  # bytes read or written at a time
_REDUCERS: dict = {**copyreg.dispatch_table}


def compact(cls: type) -> type:
    """Pickle instances of the dataclass ``cls`` as its field values (half the bytes, twice the speed)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    _REDUCERS[cls] = lambda obj: (cls, tuple(getattr(obj, name) for name in names))
    return cls


def _proxy(params: dict) -> MappingProxyType:
    return MappingProxyType(params)


_REDUCERS[MappingProxyType] = lambda mapping: (_proxy, (dict(mapping),))


def dumps(obj: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(obj)
    return buffer.getvalue()


loads = pickle.loads


class Spool(Sequence, Generic[T]):
    """Append items, then read them back in order (``for``) or by position (``spool[i]``)."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._file = tempfile.TemporaryFile(prefix="ita-xlsx-")  # noqa: SIM115 (lives as long as the spool)
        self._offsets = array("q", [0])  # item i is the bytes offsets[i]:offsets[i + 1]
        self._pending: list[bytes] = []  # appended, not yet written
        self._written = 0  # items in the file
        self._close = weakref.finalize(self, _close, self._file)  # closed when the spool is dropped
        self.extend(items)

    def append(self, item: T) -> None:
        self.append_packed(dumps(item))

    def append_packed(self, data: bytes) -> None:
        """Append an item already pickled by :func:`dumps` (in another process, say)."""
        self._pending.append(data)
        self._offsets.append(self._offsets[-1] + len(data))
        if self._offsets[-1] - self._offsets[self._written] >= _BLOCK:
            self._flush()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("spool index out of range")
        self._flush()
        start = self._offsets[index]
        return loads(self._read(start, self._offsets[index + 1] - start))

    def __iter__(self) -> Iterator[T]:
        """The items in order, read a block at a time; items appended meanwhile are not included."""
        self._flush()
        offsets, count, i = self._offsets, len(self), 0
        while i < count:
            end = max(i + 1, min(count, bisect_right(offsets, offsets[i] + _BLOCK) - 1))
            yield from self._run(i, end - 1)
            i = end

    def take(self, positions: Iterable[int]) -> Iterator[T]:
        """The items at ``positions`` (valid, not negative), in that order; a run of consecutive
        positions is read in one go."""
        self._flush()
        offsets = self._offsets
        first = last = -1
        for position in positions:
            if first >= 0 and (position != last + 1 or offsets[position + 1] - offsets[first] > _BLOCK):
                yield from self._run(first, last)
                first = -1
            if first < 0:
                first = position
            last = position
        if first >= 0:
            yield from self._run(first, last)

    def _run(self, first: int, last: int) -> Iterator[T]:
        offsets = self._offsets
        base = offsets[first]
        block = memoryview(self._read(base, offsets[last + 1] - base))
        for k in range(first, last + 1):
            yield loads(block[offsets[k] - base : offsets[k + 1] - base])

    def close(self) -> None:
        """Remove the file now (it is removed anyway when the spool is dropped or the program ends)."""
        self._close()

    def __repr__(self) -> str:
        return f"<Spool of {len(self)} items>"

    def _flush(self) -> None:
        if self._pending:
            self._file.seek(self._offsets[self._written])
            self._file.write(b"".join(self._pending))
            self._file.flush()
            self._written = len(self)
            self._pending = []

    def _read(self, offset: int, size: int) -> bytes:
        """Bytes of the file; where the system can, without moving a file position that a forked
        process shares with this one (the JSON is written by one while the workbook is written)."""
        if _pread is not None:
            return _pread(self._file.fileno(), size, offset)
        self._file.seek(offset)
        return self._file.read(size)


def _close(file: IO[bytes]) -> None:
    """Close a spool's file; what it still held is not needed, and cannot be written to a full disk."""
    with contextlib.suppress(OSError):  # the write that failed first was reported; it is closed all the same
        file.close()


_pread = getattr(os, "pread", None)  # POSIX; Windows has neither it nor fork


class Mapped(Sequence, Generic[U]):
    """A sequence's items passed through ``function`` each time they are read (nothing else kept)."""

    def __init__(self, items: Sequence, function: Callable[..., U]) -> None:
        self.items = items
        self.function = function

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.function(item) for item in self.items[index]]
        return self.function(self.items[index])

    def __iter__(self) -> Iterator[U]:
        return map(self.function, self.items)
