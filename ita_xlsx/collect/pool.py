"""Reading every input once: here, or in worker processes when there are many.

This process runs intake (the walk, the hashes, duplicates, package checks) and hands each
workbook's bytes to a worker, which reads it, judges its records when asked, and sends back the
small :class:`Returned` record with its judged records packed. Order, duplicates and results are
exactly those of a serial run. What each workbook says can go to a :class:`Stash` in the working
store (:mod:`ita_xlsx.core.workstore`) as it is read, so memory does not grow with what the files say.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import gc
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import cast

from ita_xlsx.check.judge import Judged, Judging, judge
from ita_xlsx.check.links import Link
from ita_xlsx.collect.record_table import RecordTable
from ita_xlsx.collect.results import FileReport
from ita_xlsx.core import packing, problems
from ita_xlsx.core.faults import fault_point
from ita_xlsx.core.parent_watch import exit_with_parent
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.workstore import WorkTable
from ita_xlsx.intake import gather as intake
from ita_xlsx.intake.gather import Candidate
from ita_xlsx.intake.safezip import SafePackage
from ita_xlsx.plan import Plan
from ita_xlsx.read.records import LogEntry
from ita_xlsx.read.returned import read_returned
from ita_xlsx.read.returned_file import Entry, Returned

Progress = Callable[[str], None]


def read_inputs(
    plan: Plan,
    inputs: Iterable[str | Path],
    *,
    round_id: str | None = None,
    limits: intake.Limits | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    stash: Stash | None = None,
    judging: Judging | None = None,
    seen: Callable[[Candidate | Problem], None] | None = None,
) -> tuple[list[Returned], list[FileReport]]:
    """Every input read once: the workbooks, and a report for each file that was not one.

    ``jobs`` is the number of worker processes. ``None`` (auto) reads the first
    :data:`PARALLEL_AFTER` workbooks here and starts one worker per core only when more come;
    ``1`` reads everything in this process. The outcome is the same whatever ``jobs`` is.
    With a ``stash``, what each workbook says (its entries and log) is put there as it is read
    and the workbooks come back without it: memory does not grow with what the files say.
    With ``judging``, each accepted workbook's records are also made and judged as it is read
    (see :mod:`ita_xlsx.check.judge`), in the workers when there are some; its activity log is then
    in its judged records only. ``seen`` is called with each item intake gives, here, before it is
    read (what the office store keeps of each input: its hash, size and time).
    """
    limits = limits or intake.Limits()
    returned: list[Returned] = []
    others: list[FileReport] = []
    reader = _Reader(plan, round_id, limits, jobs, judging)
    with _fewer_collections():
        gathered = intake.gather(inputs, limits)
        for item in reader.read(gathered if seen is None else _seen(gathered, seen)):
            if isinstance(item, Problem):
                others.append(FileReport(item.file or "", False, problems=[item]))
                continue
            if progress:
                progress(item.source)
            fault_point("file-read")
            returned.append(stash.put(item) if stash else _unpacked(item))
    return returned, _attach_notes(returned, others)


def _seen(
    items: Iterable[Candidate | Problem], seen: Callable[[Candidate | Problem], None]
) -> Iterator[Candidate | Problem]:
    for item in items:
        seen(item)
        yield item


def _attach_notes(returned: list[Returned], others: list[FileReport]) -> list[FileReport]:
    """Intake's word on a workbook that was read (e.g. its macros) goes with that workbook."""
    by_source = {ret.source: ret for ret in returned}
    kept = []
    for report in others:
        ret = by_source.get(report.path)
        if ret is None:
            kept.append(report)
        else:
            ret.problems.extend(report.problems)
    return kept


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while reading: it makes many short-lived objects, few cycles.

    The default (a collection every 700 new objects) costs a fifth of the reading time.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


class Stash:
    """What each workbook said (its entries, and its activity log when it was not judged), kept in
    the working store until the merge, and what judging it found: its records go to ``records`` as they come
    (listed there if the file is chosen; dropped without ``records``), the rules' problems here.

    Only the rest of each :class:`Returned` (file, division, versions, problems) stays in memory;
    the keys of its judged records go to ``records`` with them.
    """

    def __init__(self, records: RecordTable | None = None) -> None:
        self.table: WorkTable[tuple] = WorkTable()
        self.records = records  # where judged records are kept; None: not kept
        self.where: dict[int, int] = {}  # id() of a kept Returned → its position in the table
        # id() of a judged Returned → its first record in ``records``, how many, where its problems are
        self.judged_at: dict[int, tuple[int, int, int]] = {}

    def put(self, ret: Returned) -> Returned:
        """``ret`` without its entries and log, which are kept here (as a worker packed them, if one
        did), nor what judging it found."""
        if ret.judged is not None:
            judged = cast(Judged, ret.judged)  # unpacked with the Returned, where a worker packed it
            ret.judged = None
            first = count = -1
            if self.records is not None:
                first, count = self.records.keep(judged.made, judged.keys)
            self.judged_at[id(ret)] = (first, count, len(self.table))
            self.table.append((judged.problems, judged.links))
        if ret.packed is not None:
            self.where[id(ret)] = len(self.table)
            self.table.append_packed(ret.packed)
            ret.packed = None
        elif ret.entries or ret.log:
            self.where[id(ret)] = len(self.table)
            self.table.append((ret.entries, ret.log))
            ret.entries, ret.log = {}, []
        return ret

    def load(self, ret: Returned) -> Returned:
        """``ret`` with its entries and log back (a copy; ``ret`` itself stays light)."""
        position = self.where.get(id(ret))
        if position is None:
            return ret
        entries, log = self.table[position]
        return dataclasses.replace(ret, entries=entries, log=log)

    def list_judged(self, ret: Returned) -> list[Problem]:
        """List the judged records of ``ret`` in ``records``, after those listed before; the rules'
        problems with them. ``ret`` was accepted and read with ``judging``."""
        first, count, problems_at = self.judged_at[id(ret)]
        assert self.records is not None, "judged records are listed only when kept"
        self.records.list_kept(first, count)
        return self.table[problems_at][0]

    def judged_problems(self, ret: Returned) -> list[Problem]:
        """The problems the rules found in ``ret`` (accepted, read with ``judging``)."""
        return self.table[self.judged_at[id(ret)][2]][0]

    def judged_links(self, ret: Returned) -> list[Link]:
        """The evidence links in the records of ``ret`` (accepted, read with ``judging``)."""
        return self.table[self.judged_at[id(ret)][2]][1]

    def close(self) -> None:
        self.table.close()


_GC_THRESHOLD = 20_000  # new objects between two collections of the youngest generation
# Forked workers start in milliseconds; spawned ones (Windows, macOS) import the package and
# unpickle the plan, about half a second each.
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
# Workbooks read here before workers start (auto): below this, reading them here is faster.
PARALLEL_AFTER = 32 if _START_METHOD == "fork" else 400
_CHUNK = 8  # workbooks per task: fewer round trips, still a fair share for each worker
_QUEUED_PER_WORKER = 3  # tasks waiting per worker: bounds the bytes held in memory


def default_jobs() -> int:
    """Worker processes for ``jobs=None``: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Reader:
    """Reads candidates into Returned records, here or in worker processes, in input order."""

    def __init__(
        self,
        plan: Plan,
        round_id: str | None,
        limits: intake.Limits,
        jobs: int | None,
        judging: Judging | None,
    ) -> None:
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.setup = (plan, round_id, limits, judging)
        self.jobs = default_jobs() if jobs is None else jobs
        self.here_first = PARALLEL_AFTER if jobs is None else 0

    def read(self, items: Iterable[Candidate | Problem]) -> Iterator[Returned | Problem]:
        items = iter(items)
        if self.jobs > 1:
            read_here = 0
            while read_here < self.here_first:
                item = next(items, None)
                if item is None:
                    return
                read_here += isinstance(item, Candidate)
                yield self.read_here(item)
            item = next(items, None)
            if item is None:
                return
            with _Pool(self.jobs, self.setup) as pool:
                yield from pool.read(itertools.chain([item], items))
        else:
            yield from map(self.read_here, items)

    def read_here(self, item: Candidate | Problem) -> Returned | Problem:
        return item if isinstance(item, Problem) else _read(item, *self.setup)


def _read(
    item: Candidate, plan: Plan, round_id: str | None, limits: intake.Limits, judging: Judging | None
) -> Returned:
    return _read_bytes(
        item.source, item.data, item.mtime, None, plan, round_id, limits, judging, item.package
    )


def _read_bytes(
    source: str,
    data: bytes,
    mtime: float | None,
    parts: dict[str, bytes] | None,
    plan: Plan,
    round_id: str | None,
    limits: intake.Limits,
    judging: Judging | None,
    package: SafePackage | None = None,
) -> Returned:
    """One workbook read, and judged when asked and it was accepted. Intake verified it, keeping
    its parts: here, in ``package`` as intake opened it; in a worker, ``parts``."""
    ret = read_returned(
        source,
        data,
        plan,
        round_id=round_id,
        mtime=mtime,
        limits=limits,
        verified=True,
        parts=parts,
        package=package,
    )
    if judging is not None and ret.accepted:
        ret.judged = judge(plan, ret, judging)
        ret.log = []  # in the judged records now; versions are compared by their entries alone
    return ret


class _Pool:
    """Worker processes reading and checking workbooks; results come back in input order.

    Only a few tasks wait per worker, so memory does not grow with the number of files. When a
    worker dies (a crash in a reader library, the out-of-memory killer), the files it may have
    held are read again one at a time in new workers, and a file that kills one again is reported
    as damaged: no other file is lost.
    """

    def __init__(self, jobs: int, setup: tuple) -> None:
        self.jobs = jobs
        self.setup = setup
        self.generation = 0
        self.executor: ProcessPoolExecutor | None = None
        self.start()

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:  # on Ctrl-C too: queued tasks are dropped, running ones end
            self.executor.shutdown(wait=True, cancel_futures=True)

    def start(self) -> None:
        """New workers; when even an empty task fails in them, read the rest in this process."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.generation += 1
        context = multiprocessing.get_context(_START_METHOD)
        self.executor = ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_worker_start, initargs=(os.getpid(), *self.setup)
        )
        try:
            self.executor.submit(_worker_read, []).result()
        except BrokenProcessPool:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def read(self, items: Iterable[Candidate | Problem]) -> Iterator[Returned | Problem]:
        waiting: collections.deque = collections.deque()
        for batch in _batches(items, _CHUNK):
            waiting.append((batch, self.submit(batch), self.generation))
            if len(waiting) > self.jobs * _QUEUED_PER_WORKER:
                yield from self.finish(*waiting.popleft())
        while waiting:
            yield from self.finish(*waiting.popleft())

    def submit(self, batch: list[Candidate | Problem]) -> Future | None:
        tasks = [_task(item) for item in batch if isinstance(item, Candidate)]
        if not tasks or self.executor is None:
            return None
        return self.executor.submit(_worker_read, tasks)

    def finish(self, batch: list, future: Future | None, generation: int) -> Iterator[Returned | Problem]:
        candidates = [item for item in batch if isinstance(item, Candidate)]
        try:
            read = _loads(future.result()) if future else [self.read_alone(c) for c in candidates]
        except BrokenProcessPool:
            if generation == self.generation:  # the first task to see these workers gone
                self.start()
            read = [self.read_alone(c) for c in candidates]
        results = iter(read)
        for item in batch:
            yield next(results) if isinstance(item, Candidate) else item

    def read_alone(self, item: Candidate) -> Returned:
        """One workbook in a task of its own; in this process when no worker can start."""
        if self.executor is None:
            return _read(item, *self.setup)
        try:
            return _loads(self.executor.submit(_worker_read, [_task(item)]).result())[0]
        except BrokenProcessPool:
            self.start()
            return _crashed(item)


def _batches(items: Iterable[Candidate | Problem], size: int) -> Iterator[list[Candidate | Problem]]:
    """Runs of items holding ``size`` candidates each (problems ride along in their places)."""
    batch: list[Candidate | Problem] = []
    count = 0
    for item in items:
        batch.append(item)
        count += isinstance(item, Candidate)
        if count == size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


Task = tuple[str, bytes, float | None, dict[str, bytes] | None]


def _task(item: Candidate) -> Task:
    """What reading a candidate takes: its bytes, and the parts intake inflated and checked (handed
    over: the candidate no longer holds them, and a second reading inflates them again)."""
    return item.source, item.data, item.mtime, item.package.take_parts() if item.package else None


def _crashed(item: Candidate) -> Returned:
    ret = Returned(item.source, mtime=item.mtime)
    ret.report(problems.error, "intake-truncated", detail="the workbook reader stopped on this file")
    return ret


# In a worker: the plan and options, set once when the worker starts.
_WORKER_SETUP: tuple[Plan, str | None, intake.Limits, Judging | None] | None = None


def _worker_start(
    parent: int, plan: Plan, round_id: str | None, limits: intake.Limits, judging: Judging | None
) -> None:
    global _WORKER_SETUP
    exit_with_parent(parent)  # a parent killed outright leaves no worker reading on
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.set_threshold(max(gc.get_threshold()[0], _GC_THRESHOLD))
    _WORKER_SETUP = (plan, round_id, limits, judging)


def _worker_read(tasks: list[Task]) -> bytes:
    setup = _WORKER_SETUP
    assert setup is not None, "set by _worker_start"
    return _dumps([_packed(_read_bytes(*task, *setup)) for task in tasks])


def _packed(ret: Returned) -> Returned:
    """The entries and log pickled here, in the worker: the parent stores the bytes as they are."""
    if ret.entries or ret.log:
        ret.packed = packing.dumps((ret.entries, ret.log))
        ret.entries, ret.log = {}, []
    return ret


def _unpacked(ret: Returned) -> Returned:
    if ret.packed is not None:
        ret.entries, ret.log = packing.loads(ret.packed)
        ret.packed = None
    return ret


# Returned records travel between processes, and lie in the working store, as compact tuples.
for _cls in (Returned, Entry, LogEntry, Problem, Judged, Link):
    packing.compact(_cls)


_dumps = packing.dumps


def _loads(data: bytes) -> list[Returned]:
    return packing.loads(data)
