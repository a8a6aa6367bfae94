"""The golden comparison sees what a user would see, and not what a writer may renumber."""

from __future__ import annotations

import io

import xlsxwriter

from golden_compare import part_differences


def _book(order: tuple[str, ...], size: int = 16) -> bytes:
    """Two styled cells whose formats are made in the given order (so numbered differently)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("s")
    made = {}
    for name in order:
        if name == "bold":
            made[name] = book.add_format({"bold": True, "font_name": "TH Sarabun New", "font_size": size})
        else:
            made[name] = book.add_format({"bg_color": "#FFC7CE", "num_format": "0.0%"})
    sheet.write_string("A1", "หัวข้อ", made["bold"])
    sheet.write_number("B1", 0.5, made["red"])
    book.set_properties({"created": None})
    book.close()
    return out.getvalue()


def test_formats_numbered_in_another_order_are_the_same_workbook():
    assert part_differences(_book(("bold", "red")), _book(("red", "bold"))) == []


def test_a_different_font_size_is_a_difference_at_the_cell():
    report = part_differences(_book(("bold", "red"), size=18), _book(("bold", "red")))
    assert len(report) == 1 and "xl/worksheets/sheet1.xml" in report[0] and 'r="A1"' in report[0]
