"""collect on workbooks a clerk filled and saved in a real LibreOffice (tests/libreoffice.py).

LibreOffice is required: without it these tests fail (never skip) and say how to install it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ita_xlsx.collect.run import collect
from ita_xlsx.read import layout

import libreoffice as lo
from workbooks import filled_workbooks, named_cell

AS_OF = dt.date(2023, 3, 31)
RESULT = "จัดทำบันทึกแจ้งแผนการใช้จ่ายงบประมาณ ให้เจ้าหน้าที่ทราบทุกคน “เผยแพร่แล้ว”"


@pytest.fixture(scope="module", autouse=True)
def _libreoffice_required():
    if not lo.available():
        pytest.fail(f"LibreOffice is required for these tests: {lo.INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="module")
def saved_by_libreoffice(sample_plan, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The finance workbook with i7 filled by typing in LibreOffice, then saved as .xlsx."""
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "finance.xlsx"
    source.write_bytes(filled_workbooks(sample_plan)["finance"])
    cells = {
        name: named_cell(source, name, "i7")[1]
        for name in (layout.NAME_STATUS, layout.NAME_ACTION_DATE, layout.NAME_RESULT)
    }
    target = folder / "ส่งคืน กองคลัง.xlsx"
    changed = lo.fill_and_save(
        source,
        target,
        [
            (layout.MEASURES_SHEET, cells[layout.NAME_STATUS], "อยู่ระหว่างดำเนินการ"),
            (layout.MEASURES_SHEET, cells[layout.NAME_ACTION_DATE], "3/11/2565"),
            (layout.MEASURES_SHEET, cells[layout.NAME_RESULT], RESULT),
        ],
    )
    assert all(changed)
    return target, cells


def test_a_workbook_saved_by_libreoffice_is_accepted_with_the_typed_values(sample_plan, saved_by_libreoffice):
    path, cells = saved_by_libreoffice
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    report = next(f for f in results.files if f.path == str(path))
    assert report.accepted and report.division == "finance"
    i7 = next(r for r in results.records if r.measure_id == "i7" and r.division == "finance")
    assert (i7.status, i7.result) == ("in_progress", RESULT)
    # LibreOffice stores the typed 3/11/2565 as the year 2565: 543 years are taken off once, and said so.
    assert i7.action_date == dt.date(2022, 11, 3)
    assert any(
        p.code == "date-be-stored-as-ce" and p.cell == cells[layout.NAME_ACTION_DATE]
        for p in results.problems
    )
    # what LibreOffice changes (identity sheet merely hidden, structure protection dropped) is no error
    assert not [p for p in results.problems if p.severity == "error"]
    assert not [
        p
        for p in results.problems
        if p.code in ("protection-removed", "locked-text-changed", "names-missing", "identity-sheet-visible")
    ]
    others = {r.measure_id: r for r in results.records if r.division == "finance"}
    assert others["i12"].status == "done" and others["i12"].action_date == dt.date(2022, 12, 15)
