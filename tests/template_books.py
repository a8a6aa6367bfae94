"""What the tests of the division workbooks share: the small plan, the password and time they are
built with, and openpyxl readings of a workbook (defined names, identity rows, zip parts).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

from ita_xlsx.plan import load_plan
from ita_xlsx.read import layout

GOLDEN = Path(__file__).resolve().parent / "golden"
SMALL_PLAN = GOLDEN / "plan-small.yaml"
PASSWORD = "Tst-9f3kQ-unlikely-anywhere"
GENERATED = dt.datetime(2022, 10, 1, 8, 30)


def load_small_plan():
    """The small plan: every kind of schedule, finance and palad sharing measures, works without any."""
    plan, found = load_plan(SMALL_PLAN)
    assert plan is not None, [p.message_en for p in found]
    return plan


def open_book(data: bytes | Path) -> openpyxl.Workbook:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return openpyxl.load_workbook(source)


def name_range(wb: openpyxl.Workbook, name: str) -> tuple[str, str]:
    """(sheet, range) a workbook-scoped defined name points at; it must point at one range."""
    defined = wb.defined_names[name]
    assert defined.localSheetId is None, f"{name} must be workbook-scoped"
    destinations = list(defined.destinations)
    assert len(destinations) == 1, destinations
    sheet, ref = destinations[0]
    return sheet, ref.replace("$", "")


def name_cells(wb: openpyxl.Workbook, name: str) -> list:
    sheet, ref = name_range(wb, name)
    return [row[0] for row in wb[sheet][ref]]


def name_values(wb: openpyxl.Workbook, name: str) -> list:
    return [c.value for c in name_cells(wb, name)]


def identity_rows(wb: openpyxl.Workbook) -> list[tuple]:
    ws = wb[layout.IDENTITY_SHEET]
    return [tuple(c.value for c in row) for row in ws.iter_rows(max_col=3)]


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}
