"""The results JSON that ``ita-xlsx collect`` writes beside the consolidated workbook, as mail needs it.

Only what the messages show is read; unknown or missing fields are tolerated so that a newer
collector's file still makes a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ita_xlsx.collect import results_json
from ita_xlsx.collect.results_json import RESULTS_FORMAT as FORMAT
from ita_xlsx.core import problems
from ita_xlsx.core.jsonvalues import date_of as _date
from ita_xlsx.core.jsonvalues import int_of as _int
from ita_xlsx.core.jsonvalues import text_of as _text
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.textnorm import CONTROL
from ita_xlsx.read.run_id import other_run

REMINDER_STATES = ("missing", "overdue", "periods_missing", "due_soon")


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """One measure of one division on the as-of date."""

    measure_id: str
    division: str
    division_name: str
    question: str
    state: str
    due_date: dt.date | None
    days_overdue: int | None
    missed_periods: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class ResultsForMail:
    """The parts of a results file that messages use."""

    plan_id: str
    plan_fingerprint: str
    office: str
    fiscal_year: int | None
    round_id: str
    round_name: str
    as_of: dt.date | None
    summary: Mapping[str, object]
    records: tuple[ResultRecord, ...]
    rejections: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # division → why its files were not used

    def in_state(self, state: str, division: str | None = None) -> tuple[ResultRecord, ...]:
        """Records in ``state``, of one division if given, in file order."""
        return tuple(
            r for r in self.records if r.state == state and (division is None or r.division == division)
        )

    def count(self, key: str) -> int:
        """A count from the summary, or counted from the records when the summary lacks it."""
        value = self.summary.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return len(self.records) if key == "records" else len(self.in_state(key))

    @property
    def percent_done(self) -> float | None:
        """The percent done as the collector computed it, or None."""
        value = self.summary.get("percent_done")
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    @property
    def divisions_missing(self) -> tuple[str, ...]:
        """Codes of the divisions whose file has not arrived."""
        value = self.summary.get("divisions_missing")
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    @property
    def divisions_rejected(self) -> tuple[str, ...]:
        """Codes of the divisions whose file came and could not be used."""
        value = self.summary.get("divisions_rejected")
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    def division_name(self, code: str) -> str:
        """The division's name as the records give it, or its code."""
        return next((r.division_name for r in self.records if r.division == code and r.division_name), code)


def results_path_for(workbook: Path) -> Path:
    """The results JSON beside a consolidated workbook: same stem, ``.json``."""
    return workbook.with_suffix(".json")


def read_results(path: Path, *, required: bool = False) -> tuple[ResultsForMail | None, list[Problem]]:
    """Read a results file; None with a problem when it is missing, not JSON or not a results file.

    The problem is a warning (a mail goes without its summary), an error when the file is
    ``required`` (reminders are made from it).
    """
    said = problems.error if required else problems.warning
    try:
        data = results_json.read_results(path)
    except FileNotFoundError:
        return None, [said("mail-no-summary", file=str(path))]
    except results_json.NotResults as exc:
        value = "-" if exc.found in (None, "") else str(exc.found)[:60]
        return None, [said("mail-results-format", file=str(path), value=value, expected=FORMAT)]
    except (OSError, ValueError) as exc:
        return None, [said("mail-results-unreadable", file=str(path), reason=str(exc))]
    mixed = other_run(path, data.get("run_id"), said)
    if mixed is not None:  # the workbook beside it is of a later run: its summary would be another's
        return None, [mixed]
    return _results(data), []


def _results(data: Mapping[str, object]) -> ResultsForMail:
    """The top level of a results file."""
    summary = data.get("summary")
    records = data.get("records")
    return ResultsForMail(
        plan_id=_text(data.get("plan_id")),
        plan_fingerprint=_text(data.get("plan_fingerprint")),
        office=_line(office_name(data.get("office"))),
        fiscal_year=_int(data.get("fiscal_year")),
        round_id=_text(data.get("round")),
        round_name=_line(data.get("round_name")),
        as_of=_date(data.get("as_of")),
        summary=summary if isinstance(summary, dict) else {},
        records=tuple(_record(r) for r in records if isinstance(r, dict))
        if isinstance(records, list)
        else (),
        rejections=_rejections(data.get("files")),
    )


def _rejections(files: object) -> Mapping[str, tuple[str, ...]]:
    """Division → the Thai messages of the errors of its files that were not used."""
    found: dict[str, list[str]] = {}
    for f in files if isinstance(files, list) else ():
        if not isinstance(f, dict) or f.get("accepted") or not f.get("division"):
            continue
        listed = f.get("problems")
        for p in listed if isinstance(listed, list) else ():
            if isinstance(p, dict) and p.get("severity") == "error":
                said = _text(p.get("message_th")) or _text(p.get("code"))
                reasons = found.setdefault(str(f["division"]), [])
                if said not in reasons:
                    reasons.append(said)
    return MappingProxyType({code: tuple(reasons) for code, reasons in found.items()})


def office_name(value: object) -> str:
    """The office's name: the ``office`` object's name, or the plain text of older results."""
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _record(data: Mapping[str, object]) -> ResultRecord:
    """One record of a results file."""
    return ResultRecord(
        measure_id=_text(data.get("measure_id")),
        division=_text(data.get("division")),
        division_name=_text(data.get("division_name")),
        question=_text(data.get("question")),
        state=_text(data.get("state")),
        due_date=_date(data.get("due_date")),
        days_overdue=_int(data.get("days_overdue")),
        missed_periods=_dates(data.get("missed_periods")),
    )


def _dates(value: object) -> tuple[dt.date, ...]:
    """The dates of a list (the values that are not dates left out); none when it is not a list."""
    if not isinstance(value, list):
        return ()
    return tuple(d for d in map(_date, value) if d is not None)


def _line(value: object) -> str:
    """A value as text on one line (it may go into a subject): line breaks and controls as spaces."""
    return " ".join(CONTROL.sub(" ", _text(value)).split())
