"""R.xlsx: the roll-up in Thai, printable, in the look of the consolidated workbook.

Six sheets: สรุป (:mod:`summary_sheet`), then พื้นที่, หน่วยงาน, ตัวชี้วัด, ยังไม่รายงาน and ปัญหา
(:mod:`table_sheets`). The charts are of distributions and of ten districts or offices at most:
readable at 300 offices and at 8,000. Rows are streamed (constant_memory): the offices are read one
at a time from the working store. The file is the same for the same results: its creation time is the
as-of date.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from xlsxwriter.workbook import Workbook

from ita_xlsx.messages import th
from ita_xlsx.report.formats import Formats, workbook_options
from ita_xlsx.rollup import summary_sheet, table_sheets
from ita_xlsx.rollup.aggregate import RollupResults
from ita_xlsx.rollup.read import ROLLUP_FORMAT
from ita_xlsx.rollup.sheet_common import period


def write_rollup_workbook(results: RollupResults, target: Path) -> None:
    """Write R.xlsx to ``target`` (not atomically: the caller writes to a temporary path)."""
    with tempfile.TemporaryDirectory(prefix="ita-xlsx-") as tmpdir:
        wb = Workbook(str(target), workbook_options(tmpdir))
        _properties(wb, results)
        fmt = Formats(wb)
        summary_sheet.write(wb, fmt, results)
        for write in (
            table_sheets.areas,
            table_sheets.offices,
            table_sheets.indicators,
            table_sheets.not_reported,
            table_sheets.problems,
        ):
            write(wb, fmt, results)
        wb.close()


def _properties(wb: Workbook, r: RollupResults) -> None:
    wb.set_properties(
        {
            "title": period(r),
            "subject": th("rollup.book.title"),
            "author": "ita-xlsx",
            "created": dt.datetime.combine(r.as_of, dt.time()),
        }
    )
    for name, value in (("format", ROLLUP_FORMAT), ("round", r.target.round), ("as_of", r.as_of.isoformat())):
        wb.set_custom_property(f"ita_{name}", str(value or ""), "text")
