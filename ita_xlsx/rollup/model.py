"""What a roll-up knows of one office: its identity, where its results came from, and their counts.

An :class:`OfficeResult` is small (no records): the roll-up keeps thousands of them on disk, in a
working store, and reads them back one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_xlsx.core.packing import compact

RECEIVED, REJECTED, NOT_RECEIVED = "received", "rejected", "not_received"
SUBMISSIONS = (RECEIVED, REJECTED, NOT_RECEIVED)
DONE_STATES = ("done", "done_late", "ongoing")


@compact
@dataclass(slots=True)
class IndicatorTally:
    """One ITA indicator in one office (or summed over offices)."""

    section: str
    number: int
    name: str
    records: int = 0  # applicable records
    done: int = 0
    overdue: int = 0
    offices: int = 1  # offices with the indicator in their plan

    @property
    def done_pct(self) -> float:
        return round(100 * self.done / self.records, 1) if self.records else 0.0


@compact
@dataclass(slots=True)
class OfficeResult:
    """One office's results as the roll-up reads them, or an expected office with none."""

    code: str
    name: str
    district: str = ""
    province: str = ""
    website: str = ""
    email: str = ""
    source: str = ""  # the file the results came from ("" when none came)
    origin: str = ""  # results (collect's JSON), consolidated (its workbook), rollup (a roll-up's JSON)
    plan_id: str = ""
    fiscal_year: int | None = None
    round: str = ""
    round_name: str = ""
    as_of: str | None = None
    deadline: str | None = None  # the round's return_by date in the office's plan, else the round's end
    reported: str | None = None  # when the files used were received, else the results' as-of date
    records: int = 0
    applicable: int = 0
    done: int = 0
    overdue: int = 0
    missing: int = 0
    periods_missing: int = 0
    divisions_missing: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    indicators: tuple[IndicatorTally, ...] = ()
    edited: bool = False  # the results' digest does not match their content
    mtime: float = 0.0  # the file's time: the newest of two results of one office wins
    submission: str = RECEIVED
    on_time: bool | None = None
    reason: str = ""  # why its results were rejected (the problem's Thai message)
    expected: bool = True  # on the list of offices that should report (or, without one, found)

    @property
    def done_pct(self) -> float:
        return round(100 * self.done / self.applicable, 1) if self.applicable else 0.0

    def version_key(self) -> tuple:
        """Newer results sort later: their as-of date, when they were received, the file's time."""
        return (self.as_of or "", self.reported or "", self.mtime, self.source)
