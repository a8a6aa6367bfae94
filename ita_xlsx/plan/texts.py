"""A measure's texts as the templates and the official report write them.

The question (with its section, indicator and item codes) and the reporting text (with the
deadline as the office wrote it): composed here once, so the plan's checks measure what the
workbooks will hold and the reader compares with what the writer wrote.
"""

from __future__ import annotations

from ita_xlsx.core import thaidates
from ita_xlsx.plan.model import Measure, Plan


def question_text(plan: Plan, measure: Measure) -> str:
    """Column 1 of the report: section, indicator, item code(s) and question."""
    indicator = plan.indicator(measure.indicator)
    heading = f"{measure.section} ตัวชี้วัดที่ {thaidates.to_thai_digits(measure.indicator)}"
    if indicator:
        heading += f" {indicator.name}"
    return f"{heading}\n{' '.join(measure.items)} {measure.question}"


def reporting_text(measure: Measure) -> str:
    """Column 4: reporting and follow-up, and the deadline as the office wrote it."""
    if measure.deadline_text and measure.deadline_text not in measure.reporting:
        return f"{measure.reporting}\nกำหนดเวลา: {measure.deadline_text}"
    return measure.reporting
