"""A sequence whose items are made from another's each time they are read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

U = TypeVar("U")


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
