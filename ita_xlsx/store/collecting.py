"""A collection kept in the store: opened before the files are read, recorded when they are."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from ita_xlsx.store.feedback import Outcome, feedback_outcome
from ita_xlsx.store.inputs import InputFacts, describe_inputs
from ita_xlsx.store.owner import check_owner
from ita_xlsx.store.record import Watch, record_run, watch_for
from ita_xlsx.store.schema import StoreError, connect


def writable(path: str | Path) -> None:
    """Refuse, before any work, a store that could be read but not written (nor its journal)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a new store in a new folder, as for outputs
    except OSError:
        raise StoreError("store.read-only", path=str(path)) from None
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(path.parent, os.W_OK):
        raise StoreError("store.read-only", path=str(path))


class Collection:
    """The store of one ``collect``: checked first (whose it is, writable), then the run recorded.

    ``hold`` is what ``collect`` calls on each accepted workbook (see :class:`Watch`), ``seen`` what
    it calls with each input (its hash, size and time, noted as the files are read).
    """

    def __init__(self, path: str | Path, plan) -> None:
        self.path = str(path)
        writable(path)
        self.started = dt.datetime.now()
        self.conn = connect(path)
        try:
            check_owner(self.conn, plan, self.path)
            self.hold: Watch = watch_for(self.conn, plan)
            self.seen = InputFacts()
        except BaseException:
            self.conn.close()
            raise

    def record(self, results, inputs: Iterable[str | Path], limits=None) -> tuple[int, list[Outcome]]:
        """Record the finished collection; its run id and what became of the feedback sent."""
        # Noted while collecting; walked again only when the collection was run without ``seen``.
        described = self.seen.found if self.seen.noted else describe_inputs(inputs, limits)
        run_id = record_run(self.conn, self.path, results, described, self.hold, started=self.started)
        return run_id, feedback_outcome(self.conn, run_id)

    def held_problems(self, results) -> list:
        """Why each return sent after its division's was accepted is not used."""
        return [
            p
            for report in results.files
            if report.path in self.hold.held
            for p in report.problems
            if p.code == "submission-after-accept"
        ]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
