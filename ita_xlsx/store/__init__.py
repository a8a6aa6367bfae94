"""The office store: every round of every year in one SQLite file (see docs/store.md).

``Collection`` keeps a ``collect`` run; ``decide`` records the coordinator's accept and reopen;
``write_history`` makes the history workbook; ``Store`` (pandas) gives analysts its tables.
Nothing here imports pandas until ``Store`` is used, so the collect path never does.
"""

from __future__ import annotations

from ita_xlsx.store.collecting import Collection
from ita_xlsx.store.schema import VERSION, StoreError, connect

__all__ = ["VERSION", "Collection", "Store", "StoreError", "connect"]


def __getattr__(name: str):
    if name == "Store":
        from ita_xlsx.store.frames import Store

        return Store
    raise AttributeError(name)
