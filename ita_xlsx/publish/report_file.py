"""``ita-xlsx report``: the Word report from what ``collect`` wrote, the JSON or the workbook.

The JSON holds what the divisions reported; the plan gives the other columns (steps, reporting,
who is responsible). The consolidated workbook holds all five columns on its รายงาน sheet: given
the JSON without the plan, the workbook ``collect`` wrote beside it is read instead, when it is
the same collection (same plan, round and as-of date).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ita_xlsx import messages
from ita_xlsx.collect.results_json import NotResults, read_results
from ita_xlsx.core.atomic import overwrites_input
from ita_xlsx.plan import Plan
from ita_xlsx.publish.docx_report import write_docx
from ita_xlsx.publish.report_doc import OfficialReport, from_data
from ita_xlsx.publish.report_xlsx import NotConsolidated, from_workbook, same_collection
from ita_xlsx.report.data import build

__all__ = ["NotConsolidated", "write_report"]


def write_report(source: str | os.PathLike, out: str | os.PathLike, plan: Plan | None = None) -> Path:
    """Write the report of ``source`` (results .json, with ``plan``; or a consolidated .xlsx) to
    ``out`` (.docx). Raises :class:`NotConsolidated` (a ValueError) for a source it cannot use."""
    source, out = Path(source), Path(out)
    if overwrites_input(out, [source]) is not None:
        raise NotConsolidated(messages.text("report.protected-path", path=str(source)))
    report, created = _report(source, plan)
    return write_docx(report, out, created=created)


def _report(source: Path, plan: Plan | None) -> tuple[OfficialReport, dt.date | None]:
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        return from_workbook(source), None
    try:
        results = read_results(source)
    except NotResults as exc:
        raise NotConsolidated(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise NotConsolidated(messages.text("publish.docx.bad-input", path=str(source), reason=exc)) from None
    if plan is None:
        beside = source.with_suffix(".xlsx")
        if not same_collection(beside, results):
            raise NotConsolidated(messages.text("publish.docx.needs-plan"))
        return from_workbook(beside), None
    data = build(results, plan)  # ValueError for another plan or not results
    return from_data(data), data.as_of
