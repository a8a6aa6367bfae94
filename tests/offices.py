"""Offices' results for roll-up tests and the roll-up benchmark: the JSON ``collect`` writes
(through :class:`ita_xlsx.collect.results.Results`, the writer ``collect`` uses), one office each.

Each office runs its own variant of the bundled FY2566 plan: its own code, name, district and
province, some measures dropped, one division fewer now and then. Its records' states are drawn
with the office's own diligence; a division that sent nothing has every record ``missing``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

from ita_xlsx.collect.results import FileReport, Results
from ita_xlsx.core import problems, thaidates
from ita_xlsx.plan import Plan, load_plan
from ita_xlsx.read.records import Record

ROOT = Path(__file__).resolve().parent.parent
PLAN_FILE = ROOT / "workbook_templates" / "plan-2566.yaml"
ROUND = "6m"
AS_OF = dt.date(2023, 3, 31)
RETURN_BY = dt.date(2023, 4, 10)
PROVINCES = ("จังหวัดนครราชสีมา", "จังหวัดบุรีรัมย์", "จังหวัดชัยภูมิ", "จังหวัดขอนแก่น")
DISTRICTS_PER_PROVINCE = 8


def base_plan() -> Plan:
    plan, found = load_plan(PLAN_FILE)
    assert plan is not None, found
    return plan


def office_code(index: int) -> str:
    return f"{5300000 + index}"


def office_name(index: int) -> str:
    return f"องค์การบริหารส่วนตำบลทดสอบที่ {thaidates.to_thai_digits(index)}"


def office_area(index: int, offices: int) -> tuple[str, str]:
    """(district, province) of office ``index`` among ``offices``: provinces and districts in blocks."""
    per_province = max(1, -(-offices // len(PROVINCES)))
    province = PROVINCES[min(index // per_province, len(PROVINCES) - 1)]
    district = (index % per_province) * DISTRICTS_PER_PROVINCE // per_province
    return f"อำเภอที่ {thaidates.to_thai_digits(district + 1)}", province


def office_plan(base: Plan, index: int, offices: int, rng: random.Random) -> Plan:
    """The office's own plan: its identity, some of the base plan's measures, maybe a division fewer."""
    district, province = office_area(index, offices)
    office = dataclasses.replace(
        base.office, code=office_code(index), name=office_name(index), district=district, province=province
    )
    divisions = base.divisions
    if rng.random() < 0.3:  # no education division in this office
        divisions = tuple(d for d in divisions if d.code != "education")
    codes = {d.code for d in divisions}
    measures = tuple(
        dataclasses.replace(
            m, divisions=m.divisions if m.for_all else tuple(c for c in m.divisions if c in codes)
        )
        for m in base.measures
        if rng.random() < 0.85
    )
    measures = tuple(m for m in measures if m.divisions)
    return dataclasses.replace(
        base, plan_id=f"office-{office.code}", office=office, divisions=divisions, measures=measures
    )


def office_results(
    base: Plan,
    index: int,
    offices: int,
    *,
    seed: int = 0,
    received: dt.date | None = RETURN_BY,
    fiscal_year: int | None = None,
    round_id: str = ROUND,
    silent_divisions: int | None = None,
) -> Results:
    """Office ``index``'s results (``received``: the date its files came, on or before the deadline by default)."""
    rng = random.Random(seed * 100_003 + index)
    plan = office_plan(base, index, offices, rng)
    if fiscal_year is not None:
        plan = dataclasses.replace(plan, fiscal_year=fiscal_year)
    diligence = rng.random()
    silent_count = silent_divisions if silent_divisions is not None else int(rng.random() < 0.15)
    silent = {d.code for d in rng.sample(plan.divisions, silent_count)} if silent_count else set()
    records = []
    for measure in plan.measures:
        due = measure.due_in(plan.round(ROUND), plan.fiscal_year)
        for division in plan.division_codes(measure):
            records.append(_record(measure.id, division, due.due_date, division in silent, diligence, rng))
    files = [
        FileReport(
            f"ITA{plan.fiscal_year}_{ROUND}_{d.code}.xlsx", True, d.code, round_id, received=_iso(received)
        )
        for d in plan.divisions
        if d.code not in silent
    ]
    found = (
        [
            problems.warning(
                "date-from-text",
                file=files[0].path,
                sheet="มาตรการ",
                cell="H7",
                value="3 ต.ค. 65",
                read="๓ ตุลาคม ๒๕๖๕",
            )
        ]
        if files and rng.random() < 0.3
        else []
    )
    return Results(plan, round_id, AS_OF, 14, records, files, found)


def _record(
    measure_id: str, division: str, due: dt.date | None, silent: bool, diligence: float, rng
) -> Record:
    if silent:
        return Record(measure_id, division, status="missing", due_date=due, state="missing")
    draw = rng.random()
    if draw < 0.05:
        return Record(measure_id, division, status="not_applicable", due_date=due, state="not_applicable")
    if draw < 0.05 + 0.9 * diligence:
        state = rng.choice(("done", "done", "ongoing", "done_late"))
        status = "ongoing" if state == "ongoing" else "done"
        return Record(measure_id, division, status=status, action_date=due, due_date=due, state=state)
    if due is not None and due < AS_OF:
        return Record(
            measure_id,
            division,
            status="in_progress",
            due_date=due,
            state="overdue",
            days_overdue=(AS_OF - due).days,
        )
    return Record(measure_id, division, status="in_progress", due_date=due, state="pending")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def write_results(results: Results, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        results.write_json(stream)
    return path


def expected_csv(path: Path, rows: list[tuple[str, str, str, str, str]], *, bom: bool = False) -> Path:
    lines = ["code,name,district,province,email", *(",".join(r) for r in rows)]
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_row(index: int, offices: int) -> tuple[str, str, str, str, str]:
    district, province = office_area(index, offices)
    return (office_code(index), office_name(index), district, province, f"saraban{index}@example.go.th")
