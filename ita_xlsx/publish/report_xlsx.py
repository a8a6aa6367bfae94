"""The official report read back from the consolidated workbook's รายงาน sheet, for a coordinator
who has the workbook and not the JSON.

The sheet (see :mod:`ita_xlsx.report.official`) holds the title lines, the column headings, and
for each section a heading row across the table, then its measures; a long measure runs over
several rows, the first with a border on top. Only what was written there is read: it is the
same text the JSON and the plan would give.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl

from ita_xlsx import messages
from ita_xlsx.core import thaidates
from ita_xlsx.publish.report_doc import COLUMNS, OfficialReport, ReportSection, headings
from ita_xlsx.report.official import SHEET


class NotConsolidated(ValueError):
    """The workbook is not a consolidated workbook of ita-xlsx (or cannot be read)."""


def from_workbook(path: str | os.PathLike) -> OfficialReport:
    """The report on the รายงาน sheet of the consolidated workbook ``path``."""
    path = Path(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotConsolidated(messages.text("publish.docx.bad-input", path=str(path), reason=exc)) from None
    try:
        if SHEET not in book.sheetnames:
            raise NotConsolidated(messages.text("publish.docx.not-consolidated", path=str(path), sheet=SHEET))
        return _read(book[SHEET], path)
    finally:
        book.close()


def same_collection(path: Path, results: dict) -> bool:
    """Whether ``path`` is the consolidated workbook of the same collection as ``results`` (the
    JSON): the same plan, round and as-of date in its document properties."""
    if not path.is_file():
        return False
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return False
    try:
        props = {p.name: str(p.value) for p in book.custom_doc_props.props}
    finally:
        book.close()
    keys = ("plan_id", "plan_fingerprint", "round", "as_of")
    return all(props.get(f"ita_{key}") == str(results.get(key)) for key in keys)


def _read(ws, path: Path) -> OfficialReport:
    labels = headings()
    title: list[str] = []
    sections: list[ReportSection] = []
    in_table = False
    for row in ws.iter_rows(max_col=COLUMNS):
        texts = [_text(c.value) for c in row] + [""] * (COLUMNS - len(row))
        if not in_table:
            if texts[0] == labels[0]:
                in_table = True
            elif texts[0]:
                title.append(texts[0])
            continue
        if _is_heading(row, texts):
            sections.append(ReportSection(texts[0]))
        elif not sections or not any(texts):
            continue
        elif _starts_measure(row) or not sections[-1].rows:
            sections[-1].rows.append(texts)
        else:  # the same measure, continued on the next row of the sheet
            _continue(sections[-1].rows[-1], texts)
    if not in_table or len(title) < 3:
        raise NotConsolidated(messages.text("publish.docx.not-consolidated", path=str(path), sheet=SHEET))
    return _report(title, labels, sections)


def _report(title: list[str], labels: list[str], sections: list[ReportSection]) -> OfficialReport:
    """Title lines as the sheet has them: title, period, office, [place,] as-of."""
    place = title[3] if len(title) > 4 else ""
    return OfficialReport(
        title=title[0],
        period=title[1],
        office=title[2],
        place=place,
        as_of=title[-1],
        fiscal_year=_year(title[1]),
        headings=labels,
        sections=sections,
    )


def _year(period: str) -> int | None:
    """The fiscal year in "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ …"."""
    digits = thaidates.to_arabic_digits(period.partition("พ.ศ.")[2].strip()[:4])
    return int(digits) if digits.isdigit() else None


def _is_heading(row, texts: list[str]) -> bool:
    """A section heading: one bold text across the table."""
    font = getattr(row[0], "font", None)
    return bool(texts[0]) and not any(texts[1:]) and bool(font is not None and font.b)


def _starts_measure(row) -> bool:
    border = getattr(row[0], "border", None)
    return bool(border is not None and border.top is not None and border.top.style)


def _continue(texts: list[str], more: list[str]) -> None:
    for i, text in enumerate(more):
        if text:
            texts[i] = f"{texts[i]}\n{text}" if texts[i] else text


def _text(value: object) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n")
