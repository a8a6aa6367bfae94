"""The plan as an Excel workbook a clerk can edit: one sheet per table, Thai headings, dropdowns.

Row 1 of each table holds the Thai heading, row 2 the field name a program reads (so a clerk
may reorder columns), data from row 3. The sheet แผน holds single values, one per row.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_xlsx.core import problems, style, thaidates
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.style import FONT_NAME, FONT_SIZE, print_on_a4
from ita_xlsx.plan.as_dict import plan_to_dict
from ita_xlsx.plan.build import build_plan
from ita_xlsx.plan.model import FORMAT, Plan
from ita_xlsx.plan.schedule import KINDS

GUIDE_SHEET = "วิธีกรอก"
SETTINGS_SHEET = "แผน"
FIRST_DATA_ROW = 3  # 1-based
GUIDE_WIDTH = 110
PAGE_WIDTH_UNITS = 150  # a table wider than this prints two pages wide (one would shrink it illegibly)


@dataclass(frozen=True)
class TableColumn:
    field: str
    heading: str
    width: int
    kind: str = "text"  # text, list, date, int, schedule_kind, schedule_detail


@dataclass(frozen=True)
class Table:
    key: str
    sheet: str
    columns: tuple[TableColumn, ...]


SETTINGS = (
    ("format", "รูปแบบไฟล์ (ไม่ต้องแก้)"),
    ("plan_id", "รหัสแผน (อักษรอังกฤษ ตัวเลข -)"),
    ("office.code", "รหัสหน่วยงาน (เช่น รหัส อปท.)"),
    ("office.name", "ชื่อหน่วยงาน"),
    ("office.name_en", "ชื่อหน่วยงาน (อังกฤษ)"),
    ("office.district", "อำเภอ"),
    ("office.province", "จังหวัด"),
    ("office.website", "เว็บไซต์ของหน่วยงาน"),
    ("office.coordinator", "หน่วยงานผู้ประสานงาน (รหัส)"),
    ("fiscal_year", "ปีงบประมาณ (พ.ศ.)"),
)

TABLES = (
    Table(
        "rounds",
        "รอบรายงาน",
        (
            TableColumn("id", "รหัสรอบ", 10),
            TableColumn("name", "ชื่อรอบ", 22),
            TableColumn("name_en", "ชื่อรอบ (อังกฤษ)", 22),
            TableColumn("start", "วันเริ่ม", 20, "date"),
            TableColumn("end", "วันสิ้นสุด", 20, "date"),
            TableColumn("return_by", "ส่งแบบรายงานคืนภายใน", 22, "date"),
        ),
    ),
    Table(
        "divisions",
        "หน่วยงาน",
        (
            TableColumn("code", "รหัส", 12),
            TableColumn("name", "ชื่อหน่วยงาน", 24),
            TableColumn("full_name", "ชื่อเต็ม", 34),
            TableColumn("name_en", "ชื่อภาษาอังกฤษ", 34),
            TableColumn("aliases", "ชื่ออื่นที่ใช้ (คั่นด้วย ,)", 40, "list"),
            TableColumn("emails", "อีเมล (คั่นด้วย ,)", 36, "list"),
        ),
    ),
    Table(
        "sections",
        "ด้าน",
        (
            TableColumn("code", "รหัสด้าน", 10),
            TableColumn("name", "ชื่อ", 50),
            TableColumn("name_en", "ชื่อภาษาอังกฤษ", 50),
        ),
    ),
    Table(
        "indicators",
        "ตัวชี้วัด",
        (
            TableColumn("number", "ตัวชี้วัดที่", 10, "int"),
            TableColumn("section", "ด้าน", 10),
            TableColumn("name", "ชื่อตัวชี้วัด", 40),
            TableColumn("name_en", "ชื่อภาษาอังกฤษ", 40),
        ),
    ),
    Table(
        "measures",
        "มาตรการ",
        (
            TableColumn("id", "รหัสมาตรการ", 10),
            TableColumn("section", "ด้าน", 8),
            TableColumn("indicator", "ตัวชี้วัด", 8, "int"),
            TableColumn("items", "ข้อคำถาม (คั่นด้วย ,)", 12, "list"),
            TableColumn("question", "ประเด็น/ข้อคำถาม", 45),
            TableColumn("divisions", "หน่วยงานที่รับผิดชอบ (รหัส คั่นด้วย , หรือ all)", 22, "list"),
            TableColumn("responsible_text", "ผู้รับผิดชอบ (ตามที่เขียนในแผน)", 22),
            TableColumn("steps", "ขั้นตอนหรือวิธีการ/มาตรการ", 50),
            TableColumn("reporting", "การรายงานผลและการกำกับติดตาม", 50),
            TableColumn("deadline_text", "กำหนดเวลาแล้วเสร็จ (ตามที่เขียน)", 24),
            TableColumn("schedule", "รอบการรายงาน", 16, "schedule_kind"),
            TableColumn("schedule_detail", "รายละเอียดรอบ (วันที่/วัน/เดือน)", 26, "schedule_detail"),
        ),
    ),
)


# -- writing --------------------------------------------------------------------------------
def plan_workbook_bytes(plan: Plan | None) -> bytes:
    """The plan workbook; an empty one (headings, dropdowns, guide) when ``plan`` is None."""
    import xlsxwriter

    data: dict[str, Any] = plan_to_dict(plan) if plan else {"format": FORMAT}
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties({"title": "ITA plan", "created": dt.datetime(2000, 1, 1)})
    fmt = _formats(wb)
    _write_guide(wb, fmt)
    _write_settings(wb, fmt, data)
    for table in TABLES:
        _write_table(wb, fmt, table, data.get(table.key, []))
    wb.close()
    return buffer.getvalue()


def _formats(wb) -> dict:
    base = {"font_name": FONT_NAME, "font_size": FONT_SIZE, "valign": "top", "text_wrap": True}
    return {
        "text": wb.add_format(base),
        "head": wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1}),
        "field": wb.add_format({**base, "font_size": 10, "font_color": "#808080"}),
        "date": wb.add_format({**base, "num_format": thaidates.XL_DATE_FULL}),
        "title": wb.add_format({**base, "bold": True, "font_size": 20, "text_wrap": False}),
    }


def _write_guide(wb, fmt: dict) -> None:
    from ita_xlsx import messages

    ws = wb.add_worksheet(GUIDE_SHEET)
    print_on_a4(ws, _page_numbers(), one_page=True)
    ws.set_column(0, 0, GUIDE_WIDTH)
    ws.write_string(0, 0, messages.text("plan-book.title", "th"), fmt["title"])
    for row, key in enumerate(
        (
            "plan-book.guide-1",
            "plan-book.guide-2",
            "plan-book.guide-3",
            "plan-book.guide-4",
            "plan-book.guide-5",
        ),
        start=2,
    ):
        text = messages.text(key, "th")
        ws.write_string(row, 0, text, fmt["text"])
        ws.set_row(row, _wrapped_height([(text, GUIDE_WIDTH)]))


def _write_settings(wb, fmt: dict, data: dict) -> None:
    ws = wb.add_worksheet(SETTINGS_SHEET)
    print_on_a4(ws, _page_numbers(), repeat_rows=(0, 0))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 34)
    ws.set_column(2, 2, 60)
    for col, heading in enumerate(("field", "หัวข้อ", "ค่า")):
        ws.write_string(0, col, heading, fmt["head"])
    for row, (key, label) in enumerate(SETTINGS, start=1):
        ws.write_string(row, 0, key, fmt["field"])
        ws.write_string(row, 1, label, fmt["text"])
        value = _setting_value(data, key)
        if isinstance(value, int):
            ws.write_number(row, 2, value, fmt["text"])
        elif value is not None:
            ws.write_string(row, 2, str(value), fmt["text"])
        ws.set_row(row, 24)
    ws.data_validation(
        SETTINGS.index(("office.coordinator", "หน่วยงานผู้ประสานงาน (รหัส)")) + 1,
        2,
        SETTINGS.index(("office.coordinator", "หน่วยงานผู้ประสานงาน (รหัส)")) + 1,
        2,
        {"validate": "list", "source": "='หน่วยงาน'!$A$3:$A$200"},
    )


def _page_numbers() -> str:
    from ita_xlsx import messages

    return messages.text("report.official.footer", "th")


def _setting_value(data: dict, key: str) -> object:
    value: object = data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _write_table(wb, fmt: dict, table: Table, rows: list[dict]) -> None:
    ws = wb.add_worksheet(table.sheet)
    wide = sum(c.width for c in table.columns) > PAGE_WIDTH_UNITS
    print_on_a4(ws, _page_numbers(), repeat_rows=(0, FIRST_DATA_ROW - 2), pages_wide=2 if wide else 1)
    for col, column in enumerate(table.columns):
        ws.set_column(col, col, column.width)
        ws.write_string(0, col, column.heading, fmt["head"])
        ws.write_string(1, col, column.field, fmt["field"])
    ws.set_row(0, 48)
    ws.freeze_panes(FIRST_DATA_ROW - 1, 1)
    for r, row in enumerate(rows, start=FIRST_DATA_ROW - 1):
        for col, column in enumerate(table.columns):
            _write_value(ws, fmt, r, col, column, row)
        ws.set_row(r, _row_height(table, row))
    _table_validations(ws, table)


def _row_height(table: Table, row: dict) -> float:
    """Points for a row whose longest text wraps whole (no row ever shows one line of a paragraph)."""
    return _wrapped_height([(_shown(column, row), column.width) for column in table.columns])


def _wrapped_height(cells: list[tuple[str, float]]) -> float:
    """Points for a row of wrapped texts, with a spare line under a paragraph: Thai and numbered
    steps break at words, which the estimate does not see."""
    from ita_xlsx.core import sizing

    height = sizing.height_for([(text, width) for text, width in cells if text])
    return height if height <= sizing.row_height(1) else min(height + style.ROW_HEIGHT_PER_LINE, 409)


def _shown(column: TableColumn, row: dict) -> str:
    value = row.get(column.field)
    if column.kind in ("schedule_kind", "schedule_detail") or column.kind == "date":
        return ""  # short
    return ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)


def _write_value(ws, fmt: dict, r: int, col: int, column: TableColumn, row: dict) -> None:
    if column.kind in ("schedule_kind", "schedule_detail"):
        kind, _, detail = str(row.get("schedule", "")).partition(" ")
        value: Any = kind if column.kind == "schedule_kind" else detail  # a value of the plan's JSON row
    else:
        value = row.get(column.field)
    if value in (None, "", []):
        ws.write_blank(r, col, None, fmt["date" if column.kind == "date" else "text"])
    elif column.kind == "date":
        ws.write_datetime(r, col, dt.datetime.combine(value, dt.time()), fmt["date"])
    elif column.kind == "int":
        ws.write_number(r, col, int(value), fmt["text"])
    elif isinstance(value, list):
        ws.write_string(r, col, ", ".join(value), fmt["text"])
    else:
        ws.write_string(r, col, str(value), fmt["text"])


def _table_validations(ws, table: Table) -> None:
    last = 1000
    for col, column in enumerate(table.columns):
        options: dict[str, object] | None = None
        if column.kind == "schedule_kind":
            options = {
                "validate": "list",
                "source": list(KINDS),
                "input_title": "รอบการรายงาน",
                "input_message": "once=ครั้งเดียว daily=ทุกวัน monthly=ทุกเดือน "
                "quarterly=ทุกไตรมาส twice-yearly=ปีละ 2 ครั้ง "
                "yearly=ปีละครั้ง event=เมื่อมีเหตุ",
            }
        elif column.field == "section" and table.key != "sections":
            options = {"validate": "list", "source": "='ด้าน'!$A$3:$A$100"}
        elif column.kind == "date":
            options = {
                "validate": "date",
                "criteria": ">",
                "value": dt.date(1990, 1, 1),
                "error_message": "กรุณากรอกวันที่ เช่น 1/10/2565",
            }
        if options:
            ws.data_validation(FIRST_DATA_ROW - 1, col, last, col, options)


# -- reading --------------------------------------------------------------------------------
_OPENPYXL_EXTENSION_DROPPED = r".* extension is not supported and will be removed$"


def read_plan_workbook(path: Path) -> tuple[Plan | None, list[Problem]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # Excel's 2010 extensions, which openpyxl drops: nothing wrong
            warnings.filterwarnings("ignore", _OPENPYXL_EXTENSION_DROPPED, UserWarning, module=r"openpyxl\.")
            wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return None, [problems.error("plan-unreadable", file=str(path), reason=str(exc))]
    names = set(wb.sheetnames)
    if SETTINGS_SHEET not in names and sum(table.sheet in names for table in TABLES) <= 1:
        # a division's workbook (it has a มาตรการ sheet too) or a summary: one line, not six
        return None, [problems.error("plan-not-a-plan-workbook", file=str(path), sheet_name=SETTINGS_SHEET)]
    found: list[Problem] = []
    raw, cells = _read_settings(wb, path, found)
    for table in TABLES:
        raw[table.key] = _read_table(wb, path, table, cells, found)
    if found:
        return None, found

    def locate(p: tuple) -> dict[str, str | None]:
        for n in range(len(p), 0, -1):
            if p[:n] in cells:
                return dict(zip(("sheet", "cell"), cells[p[:n]], strict=True))
        return {}

    return build_plan(raw, str(path), locate)


def _read_settings(wb, path: Path, found: list[Problem]) -> tuple[dict, dict]:
    raw: dict = {}
    cells: dict[tuple, tuple[str, str]] = {}
    if SETTINGS_SHEET not in wb.sheetnames:
        found.append(problems.error("plan-sheet-missing", file=str(path), sheet_name=SETTINGS_SHEET))
        return raw, cells
    ws = wb[SETTINGS_SHEET]
    for row in ws.iter_rows(min_row=2):
        key, value = row[0].value, row[2].value if len(row) > 2 else None
        if not isinstance(key, str) or not key.strip():
            continue
        parts = tuple(key.strip().split("."))
        target = raw
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = _cell_value(value)
        cells[parts] = (SETTINGS_SHEET, f"C{row[0].row}")
    return raw, cells


def _read_table(wb, path: Path, table: Table, cells: dict, found: list[Problem]) -> list[dict]:
    if table.sheet not in wb.sheetnames:
        found.append(problems.error("plan-sheet-missing", file=str(path), sheet_name=table.sheet))
        return []
    ws = wb[table.sheet]
    fields = [c.value.strip() if isinstance(c.value, str) else None for c in ws[2]]
    rows: list[dict] = []
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        values = {f: _cell_value(c.value) for f, c in zip(fields, row, strict=False) if f}
        if all(v in (None, "") for v in values.values()):
            continue
        index = len(rows)
        for f, c in zip(fields, row, strict=False):
            if f:
                cells[(table.key, index, "schedule" if f == "schedule_detail" else f)] = (
                    table.sheet,
                    c.coordinate,
                )
        if table.key == "measures":
            detail = values.pop("schedule_detail", None)
            values["schedule"] = " ".join(str(v) for v in (values.get("schedule"), detail) if v)
        rows.append({k: v for k, v in values.items() if v not in (None, "")})
        cells[(table.key, index)] = (table.sheet, f"A{row[0].row}")
    return rows


def _cell_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value
