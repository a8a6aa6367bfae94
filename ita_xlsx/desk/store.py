"""Where the office store plugs into the desk: runs recorded, accepting and reopening, history.

The desk asks a :class:`Store` only what is here. :class:`OfficeStore` is the office store of
``--store`` (ita_xlsx.store): each collection the board runs is recorded as ``collect --store``
records it, decisions and the feedback sent back go into it, and its history is shown.
:class:`NoStore` (no ``--store``) records nothing, accepts nothing and says why.
A store that cannot be used raises the store's own ``StoreError`` (a catalogue key): nothing changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ita_xlsx import messages

ACCEPT, REOPEN = "accept", "reopen"


@dataclass(frozen=True, slots=True)
class Acceptance:
    """A division's return accepted for a round: which file, when."""

    division: str
    file: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class FeedbackOutcome:
    """Of the problems last sent back to a division: how many the latest check found fixed, which remain."""

    fixed: int
    remaining: tuple[str, ...]


@dataclass(frozen=True)
class Recorded:
    """What the store says once a collection is recorded: its run, the acceptances, the feedback followed up."""

    run_id: int | None = None
    acceptances: dict[str, Acceptance] = field(default_factory=dict)
    outcomes: dict[str, FeedbackOutcome] = field(default_factory=dict)


@dataclass(frozen=True)
class History:
    """The store's history: per-round figures and each division's returns over time (see the queries)."""

    rounds: list[
        tuple
    ]  # (fiscal year, round name, as of, records, done, overdue, periods missing, not received)
    returns: list[
        tuple
    ]  # queries.timeline: (division, name, year, round, received, days late, version, used, accepted, path)
    round_names: dict[tuple[int, str], str]


class StoreUnavailable(Exception):
    """Accepting, reopening or the history cannot be had without a store; the message says why."""


class Keeping(Protocol):
    @property
    def hold(self) -> Callable | None: ...

    @property
    def seen(self) -> Callable | None: ...

    def record(self, results, inputs: list[Path]) -> Recorded: ...


class Store(Protocol):
    def note(self) -> str | None:
        """What the page says about the store (None: nothing)."""

    def collecting(self, plan) -> contextlib.AbstractContextManager[Keeping]: ...

    def decide(self, plan, action: str, round_id: str, division: str, note: str = "") -> None: ...

    def feedback_keeper(self, plan) -> Callable[[str, list], None] | None: ...

    def history(self) -> History: ...

    def write_history(self, out: Path) -> Path: ...


class _NotKept:
    hold = None
    seen = None

    def record(self, results, inputs: list[Path]) -> Recorded:
        return Recorded()


class NoStore:
    """No office store: nothing recorded, nothing accepted; accepting and history say why."""

    def note(self) -> str:
        return messages.text("desk.store.none")

    @contextlib.contextmanager
    def collecting(self, plan) -> Iterator[Keeping]:
        yield _NotKept()

    def decide(self, plan, action: str, round_id: str, division: str, note: str = "") -> None:
        raise StoreUnavailable(self.note())

    def feedback_keeper(self, plan) -> None:
        return None

    def history(self) -> History:
        raise StoreUnavailable(self.note())

    def write_history(self, out: Path) -> Path:
        raise StoreUnavailable(self.note())


class _Kept:
    """A collection the board runs, kept in the office store (``collect --store``'s library path)."""

    def __init__(self, collection, plan) -> None:
        self.collection, self.plan = collection, plan
        self.hold = collection.hold
        self.seen = collection.seen

    def record(self, results, inputs: list[Path]) -> Recorded:
        from ita_xlsx.store.decisions import accepted_returns

        run_id, outcomes = self.collection.record(results, inputs)
        accepted = accepted_returns(self.collection.conn, self.plan.fiscal_year, results.round_id)
        return Recorded(
            run_id,
            {code: _acceptance(a) for code, a in accepted.items()},
            {o.division: FeedbackOutcome(o.fixed, o.remaining) for o in outcomes},
        )


def _acceptance(accepted) -> Acceptance:
    return Acceptance(accepted.division, accepted.path, dt.datetime.fromisoformat(accepted.at))


class OfficeStore:
    """The office store at ``path``: opened (made when absent) and checked to be this office's."""

    def __init__(self, path: Path, plan) -> None:
        self.path = Path(path)
        with self._connection(plan):  # refused now, at start, when it cannot be used
            pass

    def note(self) -> None:
        return None

    @contextlib.contextmanager
    def _connection(self, plan=None, *, create: bool = True):
        from ita_xlsx.store import connect
        from ita_xlsx.store.collecting import writable
        from ita_xlsx.store.owner import check_owner

        if create:
            writable(self.path)
        conn = connect(self.path, create=create)
        try:
            if plan is not None:
                check_owner(conn, plan, str(self.path))
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def collecting(self, plan) -> Iterator[Keeping]:
        from ita_xlsx.store import Collection

        with Collection(self.path, plan) as collection:
            yield _Kept(collection, plan)

    def decide(self, plan, action: str, round_id: str, division: str, note: str = "") -> None:
        from ita_xlsx.store.decisions import decide

        with self._connection(plan) as conn:
            decide(
                conn, str(self.path), action, round_id, [division], fiscal_year=plan.fiscal_year, note=note
            )

    def feedback_keeper(self, plan) -> Callable[[str, list], None]:
        """What ``write_feedback`` tells what was sent back (``feedback --store``'s library path)."""
        from ita_xlsx.store.feedback import record_feedback

        def keep(round_id: str, sent: list) -> None:
            with self._connection(plan) as conn:
                record_feedback(conn, str(self.path), plan, round_id, sent)

        return keep

    def history(self) -> History:
        from ita_xlsx.store import queries

        with self._connection() as conn:
            figures = queries.by_round(conn)
            rounds = [
                (year, round_id, name, as_of, *figures.get(run_id, (0, 0, 0, 0, 0)))
                for run_id, year, round_id, name, as_of in queries.rounds(conn)
            ]
            names = {(year, round_id): name for year, round_id, name, *_rest in rounds}
            return History(rounds, queries.timeline(conn), names)

    def write_history(self, out: Path) -> Path:
        from ita_xlsx.store.history import write_history

        with self._connection() as conn:
            return write_history(conn, str(self.path), out)


def open_store(path: Path | None, plan) -> Store:
    """The office store at ``path`` (``--store``), made when absent; :class:`NoStore` without one.

    Raises the store's ``StoreError`` when it cannot be used (another office's, damaged, locked,
    read-only): the command says so and stops, nothing changed.
    """
    if path is None:
        return NoStore()
    return OfficeStore(path, plan)
