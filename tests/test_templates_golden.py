"""Golden file and determinism of the division workbooks (in the manner of XlsxWriter's own tests).

``tests/golden/template-small-finance-6m.xlsx`` is the finance workbook of ``tests/golden/plan-small.yaml``
for round 6m, with a fixed password and creation time. The test unzips both files, strips what may
change on every save (core timestamps), sorts relationship entries, and compares part by part,
printing a line diff of the XML of each part that differs.

After an intended change of the layout (or an XlsxWriter upgrade that changes its output),
look at the diff, then regenerate:  ITA_REGEN_GOLDEN=1 pytest tests/test_templates_golden.py
"""

from __future__ import annotations

import difflib
import io
import os
import re
import zipfile

import pytest
from test_templates import GENERATED, GOLDEN, PASSWORD, small_plan

from ita_xlsx.template.writer import build_template

GOLDEN_FILE = GOLDEN / "template-small-finance-6m.xlsx"
_VOLATILE = {
    "docProps/core.xml": re.compile(r"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>"),
}
_RELATIONSHIP = re.compile(r"<Relationship [^>]*/>")


def build_golden() -> bytes:
    return build_template(small_plan(), "6m", "finance", password=PASSWORD, generated=GENERATED)


def normalised_parts(data: bytes) -> dict[str, list[str]]:
    """Each part of an xlsx as lines of XML, volatile content removed, relationships sorted."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in sorted(zf.namelist()):
            text = zf.read(name).decode("utf-8")
            if name in _VOLATILE:
                text = _VOLATILE[name].sub("", text)
            if name.endswith(".rels"):
                rels = sorted(_RELATIONSHIP.findall(text))
                text = _RELATIONSHIP.sub("", text).replace(
                    "</Relationships>", "".join(rels) + "</Relationships>"
                )
            parts[name] = re.sub(r">\s*<", ">\n<", text).splitlines()
    return parts


def part_differences(got: bytes, expected: bytes) -> list[str]:
    """A readable report of every part that is missing, extra, or different."""
    mine, theirs = normalised_parts(got), normalised_parts(expected)
    report = [f"missing part {n}" for n in sorted(theirs.keys() - mine.keys())]
    report += [f"extra part {n}" for n in sorted(mine.keys() - theirs.keys())]
    for name in sorted(mine.keys() & theirs.keys()):
        if mine[name] != theirs[name]:
            diff = difflib.unified_diff(
                theirs[name], mine[name], f"golden/{name}", f"built/{name}", lineterm="", n=2
            )
            report.append("\n".join(list(diff)[:80]))
    return report


def test_template_matches_the_golden_file():
    data = build_golden()
    if os.environ.get("ITA_REGEN_GOLDEN") == "1":
        GOLDEN_FILE.write_bytes(data)
    assert GOLDEN_FILE.exists(), (
        "no golden file yet: run ITA_REGEN_GOLDEN=1 pytest tests/test_templates_golden.py"
    )
    differences = part_differences(data, GOLDEN_FILE.read_bytes())
    assert not differences, "\n\n".join(differences)


def test_the_comparison_would_see_a_change():
    plan = small_plan()
    other = build_template(plan, "6m", "finance", password=PASSWORD + "x", generated=GENERATED)
    report = part_differences(other, build_golden())
    assert report and all("sheetProtection" in r or "workbookProtection" in r for r in report)


@pytest.mark.parametrize(("round_id", "division"), [("6m", "finance"), ("12m", "palad")])
def test_two_builds_give_identical_bytes(round_id, division):
    plan = small_plan()
    first = build_template(plan, round_id, division, password=PASSWORD)
    second = build_template(small_plan(), round_id, division, password=PASSWORD)
    assert first == second


def test_only_the_creation_time_changes_with_generated():
    plan = small_plan()
    later = build_template(plan, "6m", "finance", password=PASSWORD, generated=GENERATED.replace(year=2023))
    report = part_differences(later, build_golden())
    assert report and all("generated" in r or "ita_generated" in r or "2023-10-01" in r for r in report)
