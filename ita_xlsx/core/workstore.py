"""The working store: what a collection (or a roll-up) keeps while it runs, in SQLite on disk.

Thousands of workbooks make hundreds of thousands of records, log rows and problems; held in
memory they would make memory grow with every file. They go to a scratch SQLite database
instead (:class:`WorkStore`): a file of this run in a scratch folder of its own, removed when the
run ends (and by the next run when this one is killed, see :mod:`ita_xlsx.core.scratch`). Each :class:`WorkTable` is a table of it that gives its items back in order (``for``),
by position (``table[i]``) or by a list of positions (:meth:`WorkTable.take`), as often as asked.
Nothing of an item stays in memory once it is written: its position is its row id.

Items are packed by :mod:`ita_xlsx.core.packing`; a table only ever reads back what this program
wrote. Writes are batched (a transaction a megabyte); what is not written yet is read from memory,
so reading never writes. A forked process (the one writing the JSON beside the workbook) reads
through a connection of its own; the database is in WAL mode, so it reads while this one writes.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import shutil
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

from ita_xlsx.core.packing import dumps, loads
from ita_xlsx.core.scratch import scratch_folder

T = TypeVar("T")

_BATCH_BYTES = 1 << 20  # bytes written in one transaction, or read in one query
_BATCH_ROWS = 256  # rows read in one query at most (a few hundred KB)


class WorkStore:
    """A scratch SQLite database, removed with its folder when dropped or when the program ends."""

    def __init__(self) -> None:
        scratch = contextlib.ExitStack()  # the folder, locked while this process (or a fork) lives
        self.folder = str(scratch.enter_context(scratch_folder("work-")))
        self.path = os.path.join(self.folder, "work.sqlite")
        self.lock = threading.RLock()  # one writer at a time; the desk collects in a thread
        self._owner = os.getpid()
        try:
            with disk_errors(self.folder):
                self._conn = _connect(self.path)
        except BaseException:
            scratch.close()
            raise
        self._forked: tuple[int, sqlite3.Connection] | None = None
        self._numbers = itertools.count(1)
        self._unused: list[str] = []  # tables of dropped WorkTables, dropped at the next chance
        self._remove = weakref.finalize(self, _remove, self._conn, scratch, self._owner)

    @property
    def conn(self) -> sqlite3.Connection:
        """This process's connection: a forked process opens its own (it only reads)."""
        pid = os.getpid()
        if pid == self._owner:
            return self._conn
        if self._forked is None or self._forked[0] != pid:
            with disk_errors(self.folder):
                self._forked = (pid, _connect(self.path))
        return self._forked[1]

    @property
    def owned(self) -> bool:
        """Whether this process made the store (only it writes)."""
        return os.getpid() == self._owner

    def new_table(self) -> str:
        name = f"t{next(self._numbers)}"
        with self.lock, disk_errors(self.folder):
            self._drop_unused()
            self._conn.execute(f"CREATE TABLE {name} (item BLOB NOT NULL)")
        return name

    def drop_later(self, name: str) -> None:
        """Drop a table when it is safe (not while a read of it may be going on)."""
        if self.owned:
            self._unused.append(name)

    def _drop_unused(self) -> None:
        while self._unused:
            with contextlib.suppress(sqlite3.Error):  # gone with a full disk: the folder goes anyway
                self._conn.execute(f"DROP TABLE IF EXISTS {self._unused.pop()}")

    def close(self) -> None:
        """Remove the database now (it is removed anyway when dropped or when the program ends)."""
        self._remove()


@contextlib.contextmanager
def disk_errors(folder: str) -> Iterator[None]:
    """SQLite's word that it could not write or read the store, as the OSError the program reports
    (a full disk says so, exit 2), not as an internal error."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        name = getattr(exc, "sqlite_errorname", "")
        if name == "SQLITE_FULL" or _nearly_full(folder):
            code = errno.ENOSPC
        elif _at_size_limit(folder):
            code = errno.EFBIG
        else:
            code = errno.EIO
        raise OSError(code, os.strerror(code)) from exc  # the scratch folder's name says nothing to anyone


def _nearly_full(folder: str) -> bool:
    try:
        return shutil.disk_usage(folder).free < _BATCH_BYTES
    except OSError:
        return False


def _at_size_limit(folder: str) -> bool:
    """Whether a file of the store is as large as this process may write one (RLIMIT_FSIZE)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    try:
        return any(entry.stat().st_size + _BATCH_BYTES > limit for entry in os.scandir(folder))
    except OSError:
        return False


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")  # a forked reader beside the writer
    conn.execute("PRAGMA synchronous = OFF")  # scratch: nothing to keep after a crash
    conn.execute("PRAGMA temp_store = FILE")
    return conn


def _remove(conn: sqlite3.Connection, scratch: contextlib.ExitStack, owner: int) -> None:
    if os.getpid() != owner:  # a forked copy of the object: the store is its maker's to remove
        return
    with contextlib.suppress(sqlite3.Error):
        conn.close()
    scratch.close()


_DEFAULT: list[WorkStore] = []
_DEFAULT_LOCK = threading.Lock()


def default_store() -> WorkStore:
    """The working store of this process, made when first needed."""
    with _DEFAULT_LOCK:
        if not _DEFAULT or _DEFAULT[0]._remove.alive is False:
            _DEFAULT[:] = [WorkStore()]
        return _DEFAULT[0]


class WorkTable(Sequence, Generic[T]):
    """Append items, then read them back in order (``for``) or by position (``table[i]``)."""

    def __init__(self, items: Iterable[T] = (), store: WorkStore | None = None) -> None:
        self.store = store or default_store()
        self.name = self.store.new_table()
        self._written = 0  # items in the database
        self._pending: list[bytes] = []  # appended, not written yet
        self._pending_bytes = 0
        self._closed = False
        self._drop = weakref.finalize(self, self.store.drop_later, self.name)
        self._select_one = f"SELECT item FROM {self.name} WHERE rowid = ?"
        self._select_run = f"SELECT item FROM {self.name} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
        self.extend(items)

    def append(self, item: T) -> None:
        self.append_packed(dumps(item))

    def append_packed(self, data: bytes) -> None:
        """Append an item already packed by :func:`~ita_xlsx.core.packing.dumps` (in a worker, say)."""
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes >= _BATCH_BYTES:
            self.flush()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def flush(self) -> None:
        """Write what was appended (done by itself every megabyte)."""
        if not self._pending or not self.store.owned:
            return
        self._check_open()
        start = self._written + 1
        rows = zip(itertools.count(start), self._pending)
        with self.store.lock, disk_errors(self.store.folder):
            conn = self.store.conn
            conn.execute("BEGIN")
            try:
                conn.executemany(f"INSERT INTO {self.name} (rowid, item) VALUES (?, ?)", rows)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        self._written += len(self._pending)
        self._pending, self._pending_bytes = [], 0

    def __len__(self) -> int:
        return self._written + len(self._pending)

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
            raise IndexError("work table index out of range")
        if index >= self._written:
            return loads(self._pending[index - self._written])
        self._check_open()
        with disk_errors(self.store.folder):
            row = self.store.conn.execute(self._select_one, (index + 1,)).fetchone()
        return loads(row[0])

    def __iter__(self) -> Iterator[T]:
        """The items in order, read a batch at a time; items appended meanwhile are not included."""
        return self._run(0, len(self) - 1)

    def take(self, positions: Iterable[int]) -> Iterator[T]:
        """The items at ``positions`` (valid, not negative), in that order; a run of consecutive
        positions is read in one query."""
        first = last = -1
        for position in positions:
            if first >= 0 and (position != last + 1 or last - first >= _BATCH_ROWS):
                yield from self._run(first, last)
                first = -1
            if first < 0:
                first = position
            last = position
        if first >= 0:
            yield from self._run(first, last)

    def _run(self, first: int, last: int) -> Iterator[T]:
        """The items ``first`` to ``last`` (both included), in order."""
        written = self._written
        pending = self._pending  # the list of now: a flush meanwhile makes a new one
        while first <= min(last, written - 1):
            end = min(last, written - 1, first + _BATCH_ROWS - 1)
            self._check_open()
            with disk_errors(self.store.folder):
                rows = self.store.conn.execute(self._select_run, (first + 1, end + 1)).fetchall()
            for (data,) in rows:
                yield loads(data)
            first = end + 1
        for position in range(max(first, written), last + 1):
            yield loads(pending[position - written])

    def close(self) -> None:
        """Drop the table now (it is dropped anyway when the table object is dropped)."""
        self._closed = True
        self._pending = []
        self._drop()

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError("work table closed")

    def __repr__(self) -> str:
        return f"<WorkTable {self.name} of {len(self)} items>"
