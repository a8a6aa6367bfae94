"""The results file ``ita-xlsx-results/1``: its format id, its streaming writer and its reader.

Every module that writes or reads the JSON of a collection goes through here: collect and the
roll-up write it in pieces (a long list item by item, the content digest last); the mail, the
templates' prefill, the report, the roll-up and the desk read it with ``read_results``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from ita_xlsx.core.digest import DIGEST_KEY, content_digest
from ita_xlsx.core.spool import Mapped, Spool

RESULTS_FORMAT = "ita-xlsx-results/1"


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def json_pieces(fields: list[tuple[str, object]]) -> Iterator[str]:
    """A JSON object of ``fields`` in pieces, each item of a long list on a line of its own, and the
    content digest of them all as its last field."""
    encode = _ENCODER.encode
    yield "{"
    for number, (key, value) in enumerate(fields):
        yield f"{',' if number else ''}\n {encode(key)}: "
        if not long_list(value):
            yield encode(value)
            continue
        empty = True
        for item in value:  # type: ignore[attr-defined]
            yield f"{'[' if empty else ','}\n  "
            yield encode(item)
            empty = False
        yield "[]" if empty else "\n ]"
    yield f",\n {encode(DIGEST_KEY)}: {encode(content_digest(fields))}"
    yield "\n}"


def write_pieces(stream: IO[bytes], pieces: Iterable[str]) -> None:
    """Text pieces written to a binary stream as UTF-8, about a megabyte at a time."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size > 2**20:
            stream.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    stream.write("".join(buffer).encode("utf-8"))


def long_list(value: object) -> bool:
    """The long lists of the results (records, files, problems): made item by item when read."""
    return isinstance(value, Mapped | Spool)
