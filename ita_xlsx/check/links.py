"""The evidence links in what a division returned: URLs typed into the text, and cell hyperlinks.

Each link is found where a clerk put it: the measure's evidence, result and note cells, their
hyperlinks, and the rows of the activity log. A local path or a file share (``C:\\…``,
``\\\\server\\share``, ``file://``) is a link too: the register says why it will not do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypedDict

from ita_xlsx.read.layout import LOG_SHEET
from ita_xlsx.read.records import LogEntry, Record

TEXT_FIELDS = ("evidence", "result", "note")
LOG_FIELDS = ("evidence", "detail")
# A link inside free text: a web address, a file URL, a UNC share or a Windows drive path.
_FOUND = re.compile(
    r"(?:https?://|https?:/|www\.|file:/{1,3}|\\\\[^\\\s]+\\|(?<![A-Za-z])[A-Za-z]:\\)[^\s<>\"'“”]*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>»'\"”’"


@dataclass(slots=True)
class Link:
    """One link a division gave for one measure, where it is, and what is wrong with it.

    ``problems`` holds problem codes (see :mod:`ita_xlsx.check.register`); ``own_domain`` is
    None when the plan does not name the office's website.
    """

    url: str
    text: str
    measure_id: str
    division: str
    file: str | None
    sheet: str | None
    cell: str | None
    own_domain: bool | None = None
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "text": self.text,
            "measure_id": self.measure_id,
            "division": self.division,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "own_domain": self.own_domain,
            "problems": list(self.problems),
        }


def urls_in(text: str) -> list[str]:
    """The links typed in ``text``, in order, without the punctuation that closes a sentence."""
    found: list[str] = []
    if not text or not (":" in text or "." in text or "\\" in text):  # what every link holds
        return found  # most cells: a sentence in Thai, the number of a letter
    for match in _FOUND.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if url and url not in found:
            found.append(url)
    return found


class _Where(TypedDict):
    """Whose a link is: the measure and division, and the file it came in."""

    measure_id: str
    division: str
    file: str | None


def record_links(record: Record) -> Iterator[Link]:
    """Every link of one record: typed in its cells, behind their hyperlinks, and in its log."""
    where: _Where = {"measure_id": record.measure_id, "division": record.division, "file": record.source}
    for name in TEXT_FIELDS:
        text = getattr(record, name) or ""
        cell = record.cells.get(name)
        typed = urls_in(text)
        for url in typed:
            yield Link(url, text, sheet=record.sheet, cell=cell, **where)
        target = (record.hyperlinks.get(name) or "").strip()
        if target and target not in typed:
            yield Link(target, text, sheet=record.sheet, cell=cell, **where)
    for entry in record.log:
        yield from _log_links(entry, {**where, "measure_id": entry.measure_id or record.measure_id})


def _log_links(entry: LogEntry, where: _Where) -> Iterator[Link]:
    text = " ".join(t for t in (entry.detail, entry.evidence) if t)
    seen: list[str] = []
    for name in LOG_FIELDS:
        seen += [u for u in urls_in(getattr(entry, name)) if u not in seen]
    target = (entry.url or "").strip()
    if target and target not in seen:
        seen.append(target)
    for url in seen:
        yield Link(url, text, sheet=LOG_SHEET, cell=entry.cell, **where)
