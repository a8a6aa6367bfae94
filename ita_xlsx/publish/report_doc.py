"""The official report as the Word document is written from it: the title page's lines, the five
column headings, and each section's table, one row per measure.

Made from the results and the plan (:func:`from_data`, through the same code as the workbook's
รายงาน sheet), or read back from the consolidated workbook's รายงาน sheet
(:mod:`ita_xlsx.publish.report_xlsx`) when that is all the coordinator has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_xlsx import messages
from ita_xlsx.report import official
from ita_xlsx.report.data import ReportData

COLUMNS = 5


@dataclass(slots=True)
class ReportSection:
    heading: str  # "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal …: IIT)"
    rows: list[list[str]] = field(default_factory=list)  # five texts a measure; lines split by "\n"


@dataclass(slots=True)
class OfficialReport:
    title: str
    period: str  # "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)"
    office: str
    place: str  # "อำเภอบัวลาย จังหวัดนครราชสีมา", or ""
    as_of: str  # "ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖"
    fiscal_year: int | None  # Buddhist era, for the introduction
    headings: list[str]
    sections: list[ReportSection] = field(default_factory=list)


def headings() -> list[str]:
    return [messages.text(key, "th") for key in official.HEADINGS]


def from_data(data: ReportData) -> OfficialReport:
    """The report of ``data`` (results and plan), with the workbook's own texts."""
    sections = [
        ReportSection(heading, [[*texts, "\n".join(action)] for texts, action in measures])
        for heading, measures in official.report_sections(data)
    ]
    return OfficialReport(
        title=messages.text("report.official.title", "th"),
        period=data.period_text,
        office=data.plan.office.name,
        place=official.place_text(data),
        as_of=messages.text("report.as-of", "th", date=data.as_of_text),
        fiscal_year=data.plan.fiscal_year,
        headings=headings(),
        sections=sections,
    )
