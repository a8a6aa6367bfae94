"""Where the office store plugs into the desk: accepting a division, reopening it, its history.

The desk asks a :class:`Store` only these questions. This version keeps no store:
:class:`NoStore` answers that nothing was accepted and refuses to accept, with the reason to show.
A real store implements the same four methods and is returned by :func:`open_store`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ita_xlsx import messages


@dataclass(frozen=True, slots=True)
class Acceptance:
    """A division's return accepted for a round: which file, when."""

    division: str
    file: str
    at: dt.datetime


class StoreUnavailable(Exception):
    """Accepting or reopening cannot be done; the message says why, in the user's words."""


class Store(Protocol):
    def acceptance(self, round_id: str, division: str) -> Acceptance | None: ...

    def accept(self, round_id: str, division: str, file: str) -> Acceptance: ...

    def reopen(self, round_id: str, division: str) -> None: ...

    def note(self) -> str | None:
        """What the page says about the store (None: nothing)."""


class NoStore:
    """No office store: nothing is accepted, and accepting says why it cannot be done."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def acceptance(self, round_id: str, division: str) -> Acceptance | None:
        return None

    def accept(self, round_id: str, division: str, file: str) -> Acceptance:
        raise StoreUnavailable(self.note())

    def reopen(self, round_id: str, division: str) -> None:
        raise StoreUnavailable(self.note())

    def note(self) -> str:
        if self.path is None:
            return messages.text("desk.store.none")
        return messages.text("desk.store.not-kept", path=str(self.path))


def open_store(path: Path | None) -> Store:
    """The office store at ``path`` (the ``--store`` option); this version has none to open."""
    return NoStore(path)
