"""Helpers for tests that make and edit returned workbooks the way clerks do."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from ita_xlsx import samples
from ita_xlsx.read import layout

ROOT = Path(__file__).resolve().parent.parent
SEED_ACTIONS = ROOT / "samples" / "seed-actions.yaml"


def filled_workbooks(plan) -> dict[str, bytes]:
    """Division code → bytes of its workbook filled from the seed (as in samples/6m)."""
    books = samples.clean_workbooks(plan, samples.seed_actions(SEED_ACTIONS))
    rnd = plan.round(samples.ROUND)
    return {d.code: books[layout.file_name(plan, rnd, d.code)] for d in plan.divisions}


def named_cell(path_or_bytes, name: str, measure_id: str) -> tuple[str, str]:
    """(sheet, cell) of the ``name`` column in the row of ``measure_id``, found through the names."""
    wb = _load(path_or_bytes)
    id_sheet, id_ref = next(iter(wb.defined_names[layout.NAME_MEASURE_ID].destinations))
    row = next(r[0].row for r in wb[id_sheet][id_ref.replace("$", "")] if r[0].value == measure_id)
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    cell = next(r[0] for r in wb[sheet][ref.replace("$", "")] if r[0].row == row)
    return sheet, cell.coordinate


def edit(
    data: bytes,
    changes: dict[tuple[str, str], object],
    *,
    unprotect: bool = False,
    delete_rows_of: tuple[str, ...] = (),
    rename_sheet: str | None = None,
    drop_names: tuple[str, ...] = (),
) -> bytes:
    """Edit a workbook with openpyxl: cells by (defined name, measure id), deleted rows, renamed sheets."""
    wb = _load(data)
    for (name, measure_id), value in changes.items():
        sheet, cell = named_cell(data, name, measure_id)
        wb[sheet][cell].value = value
        if unprotect:
            wb[sheet].protection.sheet = False
    for measure_id in delete_rows_of:
        sheet, cell = named_cell(data, layout.NAME_MEASURE_ID, measure_id)
        wb[sheet].delete_rows(wb[sheet][cell].row)
        _shrink_names(wb, sheet)  # as Excel does when a row inside a named range is deleted
    for name in drop_names:
        del wb.defined_names[name]
    if rename_sheet:
        wb[layout.MEASURES_SHEET].title = rename_sheet
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def results_json(out_xlsx: Path) -> dict:
    return json.loads(out_xlsx.with_suffix(".json").read_text(encoding="utf-8"))


def _load(path_or_bytes):
    if isinstance(path_or_bytes, bytes | bytearray):
        return load_workbook(io.BytesIO(path_or_bytes))
    return load_workbook(path_or_bytes)


def _shrink_names(wb, sheet: str) -> None:
    import re

    for name in list(wb.defined_names):
        dn = wb.defined_names[name]
        if sheet in dn.attr_text:
            dn.attr_text = re.sub(
                r"(\$[A-Z]+\$)(\d+)$", lambda m: f"{m.group(1)}{int(m.group(2)) - 1}", dn.attr_text
            )
