"""Sample returned workbooks: the five divisions' reports of round 6m, FY2566, from the seed.

The clean samples are the real templates filled with what the office's published report says
(column 5: a date, or a recurring practice). ``with-mistakes`` holds the same office with the
mistakes clerks really make. ``samples/make_samples.py`` writes both into ``samples/``; the demo
and the benchmark use the same functions.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import yaml

from ita_xlsx.core import thaidates
from ita_xlsx.plan import Plan
from ita_xlsx.read import layout

ROUND = "6m"
PASSWORD = "sample"  # the samples are public examples; their sheets are protected like real ones
GENERATED = dt.datetime(2022, 10, 1, 8, 30)
MEETING_DAY = 25  # the monthly meeting of the seed ("ประชุมประจำเดือนทุกเดือน")


def seed_actions(path: Path) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def records_from_seed(plan: Plan, actions: dict[str, str], round_id: str = ROUND) -> list[dict]:
    """Prefill records (the results-JSON form) saying what the seed report says was done."""
    rnd = plan.round(round_id)
    records = []
    for measure in plan.measures:
        text = actions.get(measure.id, "")
        for division in plan.division_codes(measure):
            records.append(_record(measure.id, division, text, rnd))
    return records


def _record(measure_id: str, division: str, text: str, rnd) -> dict:
    result = re.sub(r"^[๑1]\.\s*", "", text).strip()
    record = {
        "measure_id": measure_id,
        "division": division,
        "result": result,
        "evidence": "",
        "note": "",
        "log": [],
    }
    parsed = thaidates.parse_date(text)
    if parsed.value and "ทุก" not in text:
        return {
            **record,
            "status": "done",
            "action_date": parsed.value.isoformat(),
            "evidence": f"บันทึกข้อความ ที่ นม ๘๗๖๐๑/{parsed.value.month:02d}{parsed.value.day:02d}",
        }
    if "ทุกวัน" in text or "ทุกเดือน" in text:
        log = [
            {
                "measure_id": measure_id,
                "date": d.isoformat(),
                "detail": _monthly_detail(text),
                "evidence": f"รายงานประจำเดือน ครั้งที่ {i}/{thaidates.be_year(d)}",
            }
            for i, d in enumerate(_monthly_dates(rnd), 1)
        ]
        return {**record, "status": "ongoing", "action_date": log[-1]["date"], "log": log}
    return {**record, "status": "ongoing", "action_date": None}


def _monthly_dates(rnd) -> list[dt.date]:
    dates, year, month = [], rnd.start.year, rnd.start.month
    while dt.date(year, month, 1) <= rnd.end:
        dates.append(dt.date(year, month, min(MEETING_DAY, thaidates.month_end(year, month).day)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [d for d in dates if d <= rnd.end]


def _monthly_detail(text: str) -> str:
    if "ประชุม" in text:
        return "ประชุมประจำเดือน"
    return "ปฏิบัติงานเป็นประจำทุกวัน สรุปรายงานประจำเดือน" if "ทุกวัน" in text else "ดำเนินการประจำเดือน"


def clean_workbooks(plan: Plan, actions: dict[str, str]) -> dict[str, bytes]:
    """File name → bytes of each division's filled workbook."""
    from ita_xlsx.template.writer import build_template, plan_round

    records = records_from_seed(plan, actions)
    rnd = plan_round(plan, ROUND)
    return {
        layout.file_name(plan, rnd, d.code): build_template(
            plan, ROUND, d.code, password=PASSWORD, generated=GENERATED, prefill=records
        )
        for d in plan.divisions
    }


# -- the mistakes clerks make -----------------------------------------------------------------
def workbooks_with_mistakes(plan: Plan, actions: dict[str, str]) -> dict[str, bytes]:
    """The same office, with each planted mistake in a known cell (see MISTAKES)."""
    from ita_xlsx.template.writer import plan_round

    clean = clean_workbooks(plan, actions)
    rnd = plan_round(plan, ROUND)
    name = {d.code: layout.file_name(plan, rnd, d.code) for d in plan.divisions}
    out: dict[str, bytes] = {}
    out[name["palad"]] = edit_cells(
        clean[name["palad"]],
        [
            (layout.NAME_ACTION_DATE, "e10", "๗ ต.ค. ๒๕๖๕"),  # Thai-digit text date
            (layout.NAME_ACTION_DATE, "e6", dt.datetime(2565, 10, 4)),  # BE year typed as CE
            (layout.NAME_STATUS, "e9", "ดำเนนการแล้ว"),  # misspelt status
            (layout.NAME_ACTION_DATE, "O2", None),  # empty required date
        ],
    )
    out[name["finance"]] = clean[name["finance"]]
    out["ส่งแล้ว final (2).xlsx"] = clean[name["works"]]  # a renamed file
    out[name["education"]] = edit_cells(
        clean[name["education"]],
        [
            (layout.NAME_QUESTION, "i2", "ข้อความที่แก้ไขเอง"),  # locked text edited
        ],
        unprotect=True,
    )
    out["สำเนา " + name["education"]] = out[name["education"]]  # the same file sent twice
    # audit sent nothing.
    return out


def edit_cells(data: bytes, edits: list[tuple], *, unprotect: bool = False) -> bytes:
    """Change cells found through the defined names, as a clerk (or a careless script) would."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ids = _named_cells(wb, layout.NAME_MEASURE_ID)
    for name, measure_id, value in edits:
        row = next(c.row for c in ids if c.value == measure_id)
        target = next(c for c in _named_cells(wb, name) if c.row == row)
        target.value = value
        if unprotect:
            target.parent.protection.sheet = False
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _named_cells(wb, name: str) -> list:
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return [row[0] for row in wb[sheet][ref.replace("$", "")]]


def write_samples(plan: Plan, actions: dict[str, str], folder: Path) -> list[Path]:
    """Write the clean samples into ``folder/6m`` and the mistakes into ``folder/with-mistakes``."""
    from ita_xlsx.core.atomic import atomic_write_bytes

    written = []
    for sub, books in (
        ("6m", clean_workbooks(plan, actions)),
        ("with-mistakes", workbooks_with_mistakes(plan, actions)),
    ):
        for file_name, data in books.items():
            written.append(atomic_write_bytes(folder / sub / file_name, data))
    return written
