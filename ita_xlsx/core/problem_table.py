"""Problems kept in the working store, as ``collect`` finds them: tens of thousands with thousands of files.

A :class:`ProblemTable` holds the problems themselves (a :class:`~ita_xlsx.core.workstore.WorkTable`),
and in memory only each one's severity and the number of its file (9 bytes). A
:class:`StoredProblems` is a sequence of some of them in a given order (a file's own, or all of
a collection): 8 bytes a problem. Reading one reads it from the store; :meth:`StoredProblems.sorted` gives them in
:func:`~ita_xlsx.core.problems.sort_key` order holding one file's problems at a time.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator

from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.problems import SEVERITIES, Problem, sort_key
from ita_xlsx.core.workstore import WorkTable

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class ProblemTable:
    """Problems in the working store; each is known by its position, given when it is added."""

    def __init__(self) -> None:
        self.table: WorkTable[Problem] = WorkTable()
        self.severity = array("b")  # rank in SEVERITIES, by position
        self.file_of = array("l")  # number of the problem's file (in ``files``), by position
        self.files: list[str] = []
        self._file_numbers: dict[str, int] = {}
        self.dicts: WorkTable[dict] | None = None  # their JSON objects, once made (see StoredProblems.dicts)
        self.dict_at = array("l")  # by position: where its JSON object is in ``dicts`` (-1: not there)

    def add(self, problem: Problem) -> int:
        """Keep ``problem``; its position."""
        position = len(self.table)
        self.table.append(problem)
        self.severity.append(_SEVERITY_RANK[problem.severity])
        file = sys.intern(problem.file or "")  # the one copy of the name, shared with its file's report
        number = self._file_numbers.get(file)
        if number is None:
            number = self._file_numbers[file] = len(self.files)
            self.files.append(file)
        self.file_of.append(number)
        return position

    def add_all(self, problems: Iterable[Problem]) -> array:
        """Keep each of ``problems``; their positions."""
        return array("l", map(self.add, problems))


class StoredProblems(Mapped):
    """Some problems of a :class:`ProblemTable`, in the order of ``positions`` (read when read)."""

    def __init__(self, store: ProblemTable, positions: array) -> None:
        super().__init__(positions, store.table.__getitem__)
        self.store = store
        self.positions = positions

    def __iter__(self) -> Iterator[Problem]:
        return self.store.table.take(self.positions)  # runs of neighbours read at once

    def severities(self) -> Iterator[str]:
        """The severity of each problem, from memory (no problem is read)."""
        severity = self.store.severity
        return (SEVERITIES[severity[p]] for p in self.positions)

    def sorted(self) -> StoredProblems:
        """The same problems in ``sorted(self, key=sort_key)`` order.

        ``sort_key`` begins with the severity and the file: the problems are sorted one file at a
        time, files in order, and each goes after the others of its severity.
        """
        store = self.store
        by_file: dict[int, array] = {}
        for position in self.positions:
            number = store.file_of[position]
            found = by_file.get(number)
            if found is None:
                found = by_file[number] = array("l")
            found.append(position)
        by_severity = [array("l") for _ in SEVERITIES]
        for number in sorted(by_file, key=store.files.__getitem__):
            positions = by_file.pop(number)
            problems = list(store.table.take(positions))
            for i in sorted(range(len(problems)), key=lambda i: sort_key(problems[i])):  # stable
                by_severity[store.severity[positions[i]]].append(positions[i])
        order = array("l")
        for positions in by_severity:
            order.extend(positions)
        return StoredProblems(store, order)

    def dicts(self) -> WorkTable[dict]:
        """The problems' JSON objects (``Problem.to_dict``) in ``sorted()`` order, made once into a
        table that reads back faster than a Problem is made and its messages written."""
        store = self.store
        made: WorkTable[dict] = WorkTable()
        store.dicts = made
        store.dict_at = array("l", [-1]) * len(store.table)
        order = self.sorted().positions
        for index, (position, problem) in enumerate(zip(order, store.table.take(order), strict=True)):
            made.append(problem.to_dict())
            store.dict_at[position] = index
        return made

    def made_dicts(self) -> list[dict] | None:
        """These problems' JSON objects in ``sort_key`` order, when :meth:`dicts` of problems
        that include them was called (read back, not made again); else None."""
        store = self.store
        if store.dicts is None:
            return None
        found = sorted(store.dict_at[p] for p in self.positions)
        if found and found[0] < 0:
            return None
        return list(store.dicts.take(found))

    def __repr__(self) -> str:
        return f"<{len(self)} stored problems>"
