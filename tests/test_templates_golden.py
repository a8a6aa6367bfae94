"""Golden file and determinism of the division workbooks (in the manner of XlsxWriter's own tests).

``tests/golden/template-small-finance-6m.xlsx`` is the finance workbook of ``tests/golden/plan-small.yaml``
for round 6m, with a fixed password and creation time. The test unzips both files, strips what may
change on every save (core timestamps), sorts relationship entries, and compares part by part,
printing a line diff of the XML of each part that differs.

After an intended change of the layout (or an XlsxWriter upgrade that changes its output),
look at the diff, then regenerate:  ITA_REGEN_GOLDEN=1 pytest tests/test_templates_golden.py
"""

from __future__ import annotations

import os

import pytest

from ita_xlsx.template.writer import build_template

from golden_compare import part_differences, record_versions, versions_note
from template_books import GENERATED, GOLDEN, PASSWORD, load_small_plan

GOLDEN_FILE = GOLDEN / "template-small-finance-6m.xlsx"


def build_golden() -> bytes:
    return build_template(load_small_plan(), "6m", "finance", password=PASSWORD, generated=GENERATED)


def test_template_matches_the_golden_file():
    data = build_golden()
    if os.environ.get("ITA_REGEN_GOLDEN") == "1":
        GOLDEN_FILE.write_bytes(data)
        record_versions(GOLDEN_FILE)
    assert GOLDEN_FILE.exists(), (
        "no golden file yet: run ITA_REGEN_GOLDEN=1 pytest tests/test_templates_golden.py"
    )
    differences = part_differences(data, GOLDEN_FILE.read_bytes())
    assert not differences, "\n\n".join([*differences, versions_note(GOLDEN_FILE)])


def test_the_comparison_would_see_a_change():
    plan = load_small_plan()
    other = build_template(plan, "6m", "finance", password=PASSWORD + "x", generated=GENERATED)
    report = part_differences(other, build_golden())
    assert report and all("sheetProtection" in r or "workbookProtection" in r for r in report)


@pytest.mark.parametrize(("round_id", "division"), [("6m", "finance"), ("12m", "palad")])
def test_two_builds_give_identical_bytes(round_id, division):
    plan = load_small_plan()
    first = build_template(plan, round_id, division, password=PASSWORD)
    second = build_template(load_small_plan(), round_id, division, password=PASSWORD)
    assert first == second


def test_only_the_creation_time_changes_with_generated():
    plan = load_small_plan()
    later = build_template(plan, "6m", "finance", password=PASSWORD, generated=GENERATED.replace(year=2023))
    report = part_differences(later, build_golden())
    assert report and all("generated" in r or "ita_generated" in r or "2023-10-01" in r for r in report)
