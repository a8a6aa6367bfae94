"""The records of a collection kept in the working store: made once as JSON objects, read back on demand."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.read.records import KeyMaker, Record, RecordDict, RecordKey, record_from_dict


class KeyColumns(Sequence[RecordKey]):
    """Records' keys kept as columns of small numbers, each value once per column: about 12 bytes
    a record, where a list of :class:`RecordKey` tuples takes about 120. A key is made when read."""

    def __init__(self) -> None:
        self.values: tuple[list, ...] = tuple([] for _ in RecordKey._fields)  # each value met, once
        self._numbers: tuple[dict, ...] = tuple({} for _ in RecordKey._fields)  # value → its place
        self.columns = [array("B") for _ in RecordKey._fields]  # widened as the values grow

    def append(self, key: RecordKey) -> None:
        for field, value in enumerate(key):
            numbers = self._numbers[field]
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = len(numbers)
                self.values[field].append(value)
                column = self.columns[field]
                if found > _LARGEST[column.typecode]:
                    self.columns[field] = array(_WIDER[column.typecode], column)
            self.columns[field].append(found)

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return RecordKey._make(
            [values[column[index]] for values, column in zip(self.values, self.columns, strict=True)]
        )

    def __iter__(self) -> Iterator[RecordKey]:
        makers = [values.__getitem__ for values in self.values]
        make = RecordKey._make
        for numbers in zip(*self.columns, strict=True):
            yield make([get(n) for get, n in zip(makers, numbers, strict=True)])


_LARGEST = {"B": 0xFF, "H": 0xFFFF, "I": 0xFFFFFFFF}
_WIDER = {"B": "H", "H": "I", "I": "Q"}


class RecordTable(Mapped):
    """Records' JSON objects in the working store, in the order of ``positions`` in ``store``; the
    key of each in memory (``record_keys``, read from ``kept_keys``: the keys of all records kept,
    by their place in ``store``).

    The collector keeps each file's judged records in ``store`` as the file is read (:meth:`keep`)
    and lists those of the chosen files when it merges (:meth:`list_kept`): they are written once,
    and never copied.
    """

    def __init__(self) -> None:
        self.store: WorkTable[dict] = WorkTable()
        self.positions = array("q")
        super().__init__(self.positions, self.store.__getitem__)
        self.kept_keys = KeyColumns()
        self.record_keys: Sequence[RecordKey] = Mapped(self.positions, self.kept_keys.__getitem__)
        self.key_of = KeyMaker()

    def append(self, item: dict) -> None:
        self.positions.append(len(self.store))
        self.store.append(item)
        self.kept_keys.append(self.key_of(item))

    def keep(self, made: Iterable[bytes], keys: Iterable[RecordKey]) -> tuple[int, int]:
        """Store records' JSON objects pickled by :func:`~ita_xlsx.core.packing.dumps` elsewhere (see
        :mod:`ita_xlsx.check.judge`) and their ``keys``, not listed yet: where the first of them is,
        and how many."""
        first = len(self.store)
        for data in made:
            self.store.append_packed(data)
        for key in keys:
            self.kept_keys.append(key)
        return first, len(self.store) - first

    def list_kept(self, first: int, count: int) -> None:
        """List at the end the ``count`` records kept from ``first`` on (as :meth:`keep` gave them)."""
        self.positions.extend(range(first, first + count))

    def states(self) -> Iterator[str]:
        """The state of each listed record, from memory (no record is read)."""
        state = RecordKey._fields.index("state")
        values, states = self.kept_keys.values[state], self.kept_keys.columns[state]
        return (values[states[position]] for position in self.positions)

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
        return self.dicts.states()
