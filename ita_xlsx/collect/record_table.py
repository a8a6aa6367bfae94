"""The records of a collection kept in the working store: made once as JSON objects, read back on demand."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.read.records import KeyMaker, Record, RecordDict, RecordKey, record_from_dict


class RecordTable(Mapped):
    """Records' JSON objects in the working store, in the order of ``positions`` in ``store``; the key of each in
    memory (``record_keys``).

    The collector keeps each file's judged records in ``store`` as the file is read (:meth:`keep`)
    and lists those of the chosen files when it merges (:meth:`list_kept`): they are written once,
    and never copied.
    """

    def __init__(self) -> None:
        self.store: WorkTable[dict] = WorkTable()
        self.positions = array("q")
        super().__init__(self.positions, self.store.__getitem__)
        self.record_keys: list[RecordKey] = []
        self.key_of = KeyMaker()

    def append(self, item: dict) -> None:
        self.positions.append(len(self.store))
        self.store.append(item)
        self.record_keys.append(self.key_of(item))

    def keep(self, made: Iterable[bytes], keys: Iterable[RecordKey]) -> tuple[int, list[RecordKey]]:
        """Store records' JSON objects pickled by :func:`~ita_xlsx.core.packing.dumps` elsewhere (see
        :mod:`ita_xlsx.check.judge`), not listed yet: where the first of them is, and their ``keys``
        with the codes kept once here."""
        first = len(self.store)
        for data in made:
            self.store.append_packed(data)
        return first, list(map(self.key_of.again, keys))

    def list_kept(self, first: int, keys: Sequence[RecordKey]) -> None:
        """List at the end the records kept from ``first`` on, one for each of ``keys`` (as
        :meth:`keep` gave them)."""
        self.positions.extend(range(first, first + len(keys)))
        self.record_keys.extend(keys)

    def __iter__(self) -> Iterator[dict]:
        return self.store.take(self.positions)  # runs of neighbours (a file's records) read at once


class StoredRecords(Sequence):
    """Records kept in the working store as their JSON objects, as ``collect`` makes them.

    The consolidated workbook and the JSON read the objects (``dicts``) several times over; kept
    as objects, each read costs half of what a Record and its conversion would. Read as
    :class:`Record`, the cell references of the source (used by the rules, before a record is
    kept) are not there.
    """

    def __init__(self, plan) -> None:
        from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE

        self.dicts = RecordTable()
        self.as_dict = RecordDict(plan, STATUS_BY_CODE, STATE_BY_CODE)

    def append(self, record: Record) -> None:
        self.dicts.append(self.as_dict(record))

    def __len__(self) -> int:
        return len(self.dicts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [record_from_dict(d) for d in self.dicts[index]]
        return record_from_dict(self.dicts[index])

    def __iter__(self) -> Iterator[Record]:
        return map(record_from_dict, self.dicts)

    def states(self) -> Iterator[str]:
        """The state of each record, from memory (no record is read)."""
        return (key.state for key in self.dicts.record_keys)
