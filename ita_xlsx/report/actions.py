"""Column 5 of the official report, การดำเนินการ: what was done, in the office's own words.

Each record becomes a phrase ("เจ้าหน้าที่ดำเนินการเมื่อวันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", "ดำเนินการเป็นประจำทุกเดือน",
"อยู่ระหว่างดำเนินการ", "ยังไม่ได้รับรายงาน") followed by the result the division wrote. A measure
of several divisions gets one paragraph per group of divisions that reported the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache

from ita_xlsx.core import thaidates
from ita_xlsx.messages import th
from ita_xlsx.report.data import parse_iso

RHYTHMS = ("daily", "monthly", "quarterly", "twice-yearly", "yearly")
_STATUS_KEYS = {
    "in_progress": "report.action.in-progress",
    "not_started": "report.action.not-started",
    "not_applicable": "report.action.not-applicable",
    "missing": "report.action.missing",
}


def rhythm(schedule: str | None) -> str:
    """The rhythm word of a schedule: "monthly day 10" → "ทุกเดือน"; one-off and event-driven → ""."""
    kind = (schedule or "").split(" ", 1)[0].lower()
    return th(f"report.rhythm.{kind}") if kind in RHYTHMS else ""


def phrase(record: Mapping) -> str:
    """What the division's status says was done, in the report's wording."""
    status = record.get("status")
    if status == "done":
        return _phrase(status, record.get("action_date"), None)
    if status == "ongoing":
        return _phrase(status, None, record.get("schedule"))
    return _phrase(status, None, None)


@lru_cache(maxsize=4096)
def _phrase(status: str | None, action_date: str | None, schedule: str | None) -> str:
    """:func:`phrase` of a status, with the date of a done one and the schedule of an ongoing one
    (the same few phrases make the whole report: made once each)."""
    if status == "done":
        day = parse_iso(action_date)
        if day:
            return th("report.action.done-on", date=thaidates.format_thai(day, "official"))
        return th("report.action.done")
    if status == "ongoing":
        return th("report.action.ongoing", rhythm=rhythm(schedule))
    return th(_STATUS_KEYS.get(status or "", "report.action.missing"))


def record_text(record: Mapping) -> str:
    """The phrase, then the division's own result text on the next line."""
    result = str(record.get("result") or "").strip()
    said = phrase(record)
    return f"{said}\n{result}" if result else said


Note = tuple[str, bool, str]  # a record in the report: its text, not applicable?, its division


def report_note(record: Mapping) -> Note:
    """What the report's action column needs of a record."""
    return record_text(record), record.get("status") == "not_applicable", record["division"]


def measure_paragraphs(records: Iterable[Mapping], division_name: Callable[[str], str]) -> Iterator[str]:
    """The action cell of one measure, paragraph by paragraph (see :func:`noted_paragraphs`)."""
    return noted_paragraphs(map(report_note, records), division_name)


def noted_paragraphs(notes: Iterable[Note], division_name: Callable[[str], str]) -> Iterator[str]:
    """The action cell of one measure from its records' notes (:func:`report_note`), paragraph by
    paragraph: one per group of divisions that reported alike (a paragraph may hold a line break:
    the phrase, then the result).

    Divisions for which the measure is not applicable are left out unless all are. When every
    division reported the same, the text stands alone, as in the office's published reports.
    The records are read once, one at a time. In a plan of thousands of units the cell runs over
    thousands of rows: it is given a paragraph at a time, and only the groups are held, never the
    whole text.
    """
    applicable: dict[str, list[str]] = {}
    not_applicable: dict[str, list[str]] = {}
    for text, is_not_applicable, division in notes:
        groups = not_applicable if is_not_applicable else applicable
        groups.setdefault(text, []).append(division_name(division))
    groups = applicable or not_applicable
    if not groups:
        yield th("report.action.missing")
        return
    if len(groups) == 1:
        yield next(iter(groups))
        return
    for text, names in groups.items():
        yield th("report.action.division", divisions=", ".join(names), text=text)
