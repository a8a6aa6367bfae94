"""What one returned workbook says: its entries (one per measure row), its activity log, its
problems; and the defined names each field is read from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ita_xlsx.core.problems import Problem
from ita_xlsx.read import layout as L
from ita_xlsx.read.records import LogEntry

FIELDS = {  # record field → defined name
    "measure_id": L.NAME_MEASURE_ID,
    "question": L.NAME_QUESTION,
    "steps": L.NAME_STEPS,
    "reporting": L.NAME_REPORTING,
    "status": L.NAME_STATUS,
    "action_date": L.NAME_ACTION_DATE,
    "result": L.NAME_RESULT,
    "evidence": L.NAME_EVIDENCE,
    "note": L.NAME_NOTE,
}


LOG_FIELDS = {
    "measure_id": L.NAME_LOG_MEASURE,
    "date": L.NAME_LOG_DATE,
    "detail": L.NAME_LOG_DETAIL,
    "evidence": L.NAME_LOG_EVIDENCE,
}


LOCKED_FIELDS = ("measure_id", "question", "steps", "reporting")


@dataclass(slots=True)
class Entry:
    """The inputs of one measure row, as returned."""

    measure_id: str
    row: int
    status: str | None = None
    action_date: dt.date | None = None
    result: str = ""
    evidence: str = ""
    note: str = ""
    filled: bool = False
    cells: dict[str, str] = field(default_factory=dict)
    hyperlinks: dict[str, str] = field(default_factory=dict)  # input field → the URL of its link


@dataclass(slots=True)
class Returned:
    source: str
    accepted: bool = False
    division: str | None = None
    round_id: str | None = None
    generated: str = ""
    modified: str = ""
    mtime: float | None = None
    sheet: str = L.MEASURES_SHEET
    entries: dict[str, Entry] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    packed: bytes | None = None  # entries and log, pickled by the worker process that read the file
    judged: object = None  # its records and the rules' problems (a Judged, see ita_xlsx.check.judge)

    def report(self, make, code: str, **kw: object) -> None:
        kw.setdefault("division", self.division)
        self.problems.append(make(code, file=self.source, **kw))

    def version_key(self) -> tuple:
        """Newer versions sort later: identity time, then the time the file was saved."""
        return (self.generated, self.modified, self.mtime or 0.0, self.source)
