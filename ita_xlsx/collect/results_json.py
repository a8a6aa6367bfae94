"""The results file ``ita-xlsx-results/1``: its format id, its streaming writer and its reader.

Every module that writes or reads the JSON of a collection goes through here: collect and the
roll-up write it in pieces (a long list item by item, the content digest last); the mail, the
templates' prefill, the report, the roll-up and the desk read it with ``read_results``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TypeGuard

from ita_xlsx import messages
from ita_xlsx.core.digest import DIGEST_KEY, content_digest
from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.workstore import WorkTable

RESULTS_FORMAT = "ita-xlsx-results/1"


class NotResults(ValueError):
    """JSON that is not a results file: ``found`` is the format it declares (None: none, or not an
    object)."""

    def __init__(self, found: object) -> None:
        self.found = found
        super().__init__(messages.text("report.not-results", format=found))


def read_results(path: str | Path, *, max_bytes: int | None = None) -> dict:
    """The results file at ``path``. Raises OSError when it cannot be read (FileNotFoundError when
    it is not there), ValueError when it is larger than ``max_bytes`` or not JSON, and
    :class:`NotResults` when it is JSON of another kind."""
    path = Path(path)
    if max_bytes is not None and path.stat().st_size > max_bytes:
        raise ValueError(messages.text("prefill.too-large", mb=max_bytes // (1024 * 1024)))
    return parse_results(path.read_bytes())


def parse_results(raw: bytes) -> dict:
    """Results from the bytes of a file (a BOM, as Notepad saves, is allowed): the errors of
    :func:`read_results`."""
    data = parse_json(raw)
    if not is_results(data):
        raise _not_results(data)
    return data


def parse_json(raw: bytes) -> object:
    """JSON from the bytes of a file, a BOM allowed. Raises ValueError (bad UTF-8, not JSON)."""
    return json.loads(raw.decode("utf-8-sig"))


def is_results(data: object) -> TypeGuard[dict]:
    return isinstance(data, dict) and data.get("format") == RESULTS_FORMAT


def check_results(data: object) -> None:
    """Raise :class:`NotResults` unless ``data`` is a results object."""
    if not is_results(data):
        raise _not_results(data)


def _not_results(data: object) -> NotResults:
    return NotResults(data.get("format") if isinstance(data, dict) else None)


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
        for item in value:
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


def long_list(value: object) -> TypeGuard[Mapped | WorkTable]:
    """The long lists of the results (records, files, problems): made item by item when read."""
    return isinstance(value, Mapped | WorkTable)
