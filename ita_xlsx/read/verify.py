"""Verify a returned workbook against the plan: its identity, its structure, its locked texts.

The workbook is identified by its hidden identity (never by its file name): format, plan, fiscal
year, round and division must be this plan's. Its locked cells (id, question, steps, reporting)
are compared with the plan's texts, its rows with the division's measures. Sheet protection is
never taken as proof of anything: a sheet left unprotected is only noted.
"""

from __future__ import annotations

from ita_xlsx.core import problems, textnorm
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout as L
from ita_xlsx.read.cell_text import cell_text
from ita_xlsx.read.plan_index import plan_index
from ita_xlsx.read.returned_file import LOCKED_FIELDS, Returned
from ita_xlsx.read.xlsxread import Cell, Workbook, cell_ref


def read_identity(wb: Workbook) -> tuple[dict[str, str], list[tuple[int, str, str]]]:
    """Identity keys and the row map, from the hidden sheet or, failing that, the properties."""
    info = wb.sheet(L.IDENTITY_SHEET)
    identity: dict[str, str] = {}
    row_map: list[tuple[int, str, str]] = []
    if info:
        cells, _ = wb.read_cells(info, {1, 2, 3}, 1, len(L.IDENTITY_KEYS) + 3 + 5000)
        identity, row_map = _identity_from_cells(cells)
    if not identity.get("format"):
        props = {
            k[len(L.PROPERTY_PREFIX) :]: v
            for k, v in wb.properties.items()
            if k.startswith(L.PROPERTY_PREFIX)
        }
        identity = {**props, **{k: v for k, v in identity.items() if v}}
    return identity, row_map


def _identity_from_cells(cells: dict[tuple[int, int], Cell]) -> tuple[dict, list]:
    identity: dict[str, str] = {}
    row_map: list[tuple[int, str, str]] = []
    in_map = False
    for row in sorted({r for r, _ in cells}):
        a, b, c = (cell_text(cells.get((row, col))) for col in (1, 2, 3))
        if (a, b, c) == L.ROW_MAP_HEADER:
            in_map = True
        elif in_map and a.isascii() and a.isdigit():  # int() refuses '፩', which isdigit() accepts
            row_map.append((int(a), b, c))
        elif not in_map and a:
            identity[a] = b
    return identity, row_map


def accept_identity(identity: dict[str, str], plan: Plan, round_id: str | None, ret: Returned) -> bool:
    if not identity.get("format"):
        ret.report(problems.error, "workbook-no-identity")
        return False
    if identity["format"] == L.CONSOLIDATED_FORMAT:  # collect's own workbook, saved among the returns
        ret.report(problems.info, "intake-own-output")
        return False
    if identity["format"] not in L.ACCEPTED_FORMATS:
        ret.report(problems.error, "workbook-unknown-format", found=identity["format"])
        return False
    if _clean_number(identity.get("plan_id", "")) != plan.plan_id:
        found = _clean_number(identity.get("plan_id", ""))
        ret.report(problems.error, "workbook-other-plan", expected=plan.plan_id, found=found or "-")
        return False
    division = plan_index(plan).divisions.get(identity.get("division", ""))
    ret.division = division.code if division else None  # a division's file of another year or round
    found = _clean_number(identity.get("fiscal_year", ""))
    if found != str(plan.fiscal_year):
        ret.report(problems.error, "workbook-other-year", expected=str(plan.fiscal_year), found=found or "-")
        return False
    ret.round_id = identity.get("round", "")
    if plan.round(ret.round_id) is None or (round_id and ret.round_id != round_id):
        ret.report(
            problems.error,
            "workbook-other-round",
            expected=round_id or "/".join(r.id for r in plan.rounds),
            found=ret.round_id or "-",
        )
        return False
    if division is None:
        ret.report(problems.error, "workbook-unknown-division", found=identity.get("division", "-"))
        return False
    ret.division, ret.generated = division.code, identity.get("generated", "")
    if identity.get("plan_fingerprint") and identity["plan_fingerprint"] != plan.fingerprint():
        ret.report(problems.info, "workbook-plan-edited")
    return True


def _clean_number(text: str) -> str:
    """'2566.0' (a LibreOffice round trip of a number) → '2566'."""
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def check_structure(wb: Workbook, ret: Returned) -> None:
    identity_sheet = wb.sheet(L.IDENTITY_SHEET)
    if identity_sheet and identity_sheet.state == "visible":
        ret.report(problems.warning, "identity-sheet-visible", sheet=L.IDENTITY_SHEET)
    for name in (L.MEASURES_SHEET, L.LOG_SHEET):
        info = wb.sheet(name)
        if info is not None and not wb.is_protected(info):
            ret.report(problems.warning, "protection-removed", sheet=name)


def identify_row(
    plan: Plan, values: dict, expected: list[str], row: int, cols: dict, ret: Returned
) -> str | None:
    raw_id = cell_text(values.get("measure_id"))
    if raw_id in expected:
        return raw_id
    has_input = any(cell_text(values.get(k)) for k in ("status", "action_date", "result", "evidence", "note"))
    if not raw_id and not has_input:
        return None
    texts = tuple(cell_text(values.get(k)) for k in LOCKED_FIELDS[1:])
    for measure_id in expected:  # an id cell overwritten: recognise the row by its locked text
        measure = plan.measure(measure_id)
        assert measure is not None, "the expected rows are the plan's measures"
        if L.locked_texts(plan, measure)[1:] == texts or (
            texts[0] and textnorm.compact(texts[0]) == textnorm.compact(L.question_text(plan, measure))
        ):
            ret.report(
                problems.warning,
                "row-id-changed",
                sheet=ret.sheet,
                cell=cell_ref(row, cols["measure_id"]),
                measure_id=measure_id,
                found=raw_id or "-",
            )
            return measure_id
    code = "row-inserted" if not raw_id else "row-unknown"
    ret.report(
        problems.error, code, sheet=ret.sheet, cell=cell_ref(row, cols["measure_id"]), found=raw_id or "-"
    )
    return None


def _expected_texts(plan: Plan, measure_id: str) -> tuple[tuple[str, str], ...]:
    """(as written, compacted) locked texts of a measure."""
    return plan_index(plan).locked[measure_id]


def verify_locked(plan: Plan, measure_id: str, values: dict, row: int, cols: dict, ret: Returned) -> None:
    expected = _expected_texts(plan, measure_id)
    for key, (raw, want) in zip(LOCKED_FIELDS[1:], expected[1:], strict=True):
        if key not in cols:
            continue
        cell = values.get(key)
        if cell is not None and cell.value == raw:  # intact: the common case, no folding needed
            continue
        if textnorm.compact(cell_text(cell)) != want:
            ret.report(
                problems.error,
                "locked-text-changed",
                sheet=ret.sheet,
                cell=cell_ref(row, cols[key]),
                measure_id=measure_id,
            )


def check_row_set(expected: list[str], seen: list[str], ret: Returned) -> None:
    for measure_id in expected:
        if measure_id not in seen:
            ret.report(problems.error, "row-deleted", sheet=ret.sheet, measure_id=measure_id)
    present = [m for m in expected if m in seen]
    if [m for m in seen if m in expected] != present:
        ret.report(problems.warning, "rows-reordered", sheet=ret.sheet)
