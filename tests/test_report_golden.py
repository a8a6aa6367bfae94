"""Golden file of the consolidated workbook, compared part by part (in the manner of XlsxWriter's tests).

``tests/golden/report/consolidated-small.xlsx`` is the workbook of a small plan (four measures of
the sample plan, one of each section, all five divisions) with a mix of states, two hostile texts
and the sample problems. The test unzips both files, strips what may change on a save (core
timestamps), sorts relationship entries and compares part by part, printing a line diff of the
XML of each part that differs.

After an intended change of the layout (or an XlsxWriter upgrade that changes its output), look
at the diff, then regenerate:  ITA_REGEN_GOLDEN=1 pytest tests/test_report_golden.py
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from ita_xlsx.report.workbook import write_consolidated

from golden_compare import part_differences, record_versions, versions_note
from results_factory import HOSTILE, make_results

GOLDEN_FILE = Path(__file__).parent / "golden" / "report" / "consolidated-small.xlsx"
MEASURES = ("i1", "i7", "e9", "O36")


def small_plan(plan):
    """The sample plan cut down to one measure of each section and a multi-division one."""
    keep = tuple(m for m in plan.measures if m.id in MEASURES)
    return dataclasses.replace(plan, measures=keep)


def build(plan, path: Path) -> bytes:
    plan = small_plan(plan)
    results = make_results(plan)
    del results["run_id"]  # new for every run: the golden file has none
    results["records"][0]["result"] = HOSTILE[0]
    results["records"][1]["evidence"] = HOSTILE[-1]
    return write_consolidated(results, plan, path).read_bytes()


def test_consolidated_workbook_matches_golden(sample_plan, tmp_path):
    got = tmp_path / "consolidated-small.xlsx"
    build(sample_plan, got)
    if os.environ.get("ITA_REGEN_GOLDEN"):
        GOLDEN_FILE.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_FILE.write_bytes(got.read_bytes())
        record_versions(GOLDEN_FILE)
        pytest.skip(f"regenerated {GOLDEN_FILE}")
    assert GOLDEN_FILE.is_file(), (
        "no golden file yet: run ITA_REGEN_GOLDEN=1 pytest tests/test_report_golden.py"
    )
    differences = part_differences(got, GOLDEN_FILE)
    assert not differences, "\n\n".join(
        [*differences, versions_note(GOLDEN_FILE), "(intended? ITA_REGEN_GOLDEN=1 to regenerate)"]
    )


def test_golden_case_is_what_it_says(sample_plan, tmp_path):
    """The small case keeps one measure per section, every division, and the hostile texts as text."""
    import openpyxl

    path = tmp_path / "small.xlsx"
    build(sample_plan, path)
    book = openpyxl.load_workbook(path)
    report = [c.value for c in book["รายงาน"]["A"] if c.value]
    assert sum(1 for v in report if re.match(r"^[๑-๙]\. ", v)) == 3
    values = {c.value for row in book["รายละเอียด"].iter_rows() for c in row}
    assert HOSTILE[0] in values and HOSTILE[-1] in values
