"""The consolidated workbook (OUT.xlsx): written fresh from the merged records, atomically.

Seven sheets, in this order: สรุป (summary), รายละเอียด (detail), เกินกำหนด (overdue), ปัญหาข้อมูล
(data problems), ยังไม่ส่ง (not received), รายงาน (the official report), หลักฐาน OIT (the evidence
register). The file is the same, byte
for byte, for the same results: its creation time is the as-of date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from types import ModuleType

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook

from ita_xlsx import messages
from ita_xlsx.core.atomic import OutputIsInput, atomic_path, overwrites_input
from ita_xlsx.core.faults import fault_point
from ita_xlsx.core.scratch import scratch_folder
from ita_xlsx.plan import Plan
from ita_xlsx.read.layout import CONSOLIDATED_FORMAT
from ita_xlsx.read.run_id import RUN_ID_PROPERTY
from ita_xlsx.report import detail, evidence, not_received, official, overdue, problems, summary
from ita_xlsx.report.actions import report_note
from ita_xlsx.report.data import ReportData, build
from ita_xlsx.report.deflate import LevelledWorkbook, level_for
from ita_xlsx.report.formats import Formats, workbook_options
from ita_xlsx.report.notes import RecordNotes
from ita_xlsx.report.overdue import overdue_note

SHEET_MODULES: tuple[ModuleType, ...] = (summary, detail, overdue, problems, not_received, official, evidence)
SHEET_NAMES = tuple(m.SHEET for m in SHEET_MODULES)
REPORT_SHEET = official.SHEET


def write_consolidated(
    results: Mapping,
    plan: Plan,
    path: str | os.PathLike,
    *,
    protected_paths: Collection[str | Path] = (),
) -> Path:
    """Write the consolidated workbook of ``results`` (``Results.view()``, ``to_dict()`` or the JSON) to ``path``.

    The file appears in one step (a temporary file beside it, then a rename): if anything fails,
    a workbook already at ``path`` is left as it was. Raises :class:`OutputIsInput` when
    ``path`` is one of ``protected_paths`` (the returned workbooks), and ValueError when the
    results are not results, or come from another plan.
    """
    path = Path(path)
    refuse_protected(path, protected_paths)
    data = build(results, plan)
    with atomic_path(path) as tmp:
        write_workbook(data, tmp)
    return path


def refuse_protected(path: Path, protected_paths: Collection[str | Path]) -> None:
    """Raise :class:`OutputIsInput` when writing ``path`` would destroy a protected path."""
    other = overwrites_input(path, protected_paths)
    if other is not None:
        raise OutputIsInput(messages.text("report.protected-path", path=str(other)))


def write_workbook(data: ReportData, target: Path, sheets: Sequence[ModuleType] = SHEET_MODULES) -> None:
    """Write the sheets to ``target`` (not atomically: :func:`write_consolidated` takes care of it)."""
    with scratch_folder() as tmpdir:
        level = level_for(len(data.keys))  # a large workbook is deflated faster
        wb = LevelledWorkbook(str(target), workbook_options(str(tmpdir)), deflate_level=level)
        notes = {
            module.SHEET: RecordNotes(tmpdir, make)
            for module, make in _NOTED.items()
            if _noted_for(sheets, module)
        }
        try:
            data = dataclasses.replace(data, notes=notes)
            _set_properties(wb, data)
            fmt = Formats(wb)
            for module in sheets:
                module.write(wb, fmt, data)
            fault_point("workbook-sheets-written")
            wb.close()
        except FileCreateError as exc:  # the package could not be stored: a full disk, most often
            _abandon(wb)
            raise _os_error(exc, target) from None
        except BaseException:
            _abandon(wb)
            raise
        finally:
            for made in notes.values():
                made.close()


_NOTED = {official: report_note, overdue: overdue_note}  # sheets that read notes, and what they note


def _noted_for(sheets: Sequence[ModuleType], module: ModuleType) -> bool:
    """Whether the detail sheet reads the records before ``module`` needs them again."""
    return detail in sheets and module in sheets and sheets.index(detail) < sheets.index(module)


def _os_error(exc: FileCreateError, target: Path) -> OSError:
    """The OSError inside xlsxwriter's FileCreateError, naming ``target``.

    The half-written package xlsxwriter leaves behind tries once more to write when it is let go,
    and Python would print that second failure as "Exception ignored in ... ZipFile.__del__"
    with a traceback: it is let go here, with that print silenced.
    """
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
    error = OSError(cause.errno, cause.strerror, str(target)) if cause else OSError(str(exc))
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        for dropped in (exc, cause):
            if dropped is not None:
                dropped.__traceback__ = None  # the frames that hold the package
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return error


def _set_properties(wb: Workbook, data: ReportData) -> None:
    """Document properties; the creation time is the as-of date, so the bytes do not change."""
    results, office = data.results, data.plan.office
    wb.set_properties(
        {
            "title": data.period_text,
            "subject": messages.text("report.official.title", "th"),
            "author": "ita-xlsx",
            "company": data.plan.office.name,
            "created": dt.datetime.combine(data.as_of, dt.time()),
        }
    )
    for name, value in (
        ("format", CONSOLIDATED_FORMAT),
        ("plan_id", results.get("plan_id")),
        ("plan_fingerprint", results.get("plan_fingerprint")),
        ("round", results.get("round")),
        ("as_of", results.get("as_of")),
        ("fiscal_year", data.plan.fiscal_year),
        ("return_by", results.get("return_by")),
        ("office_code", office.code),
        ("office_name", office.name),
        ("office_district", office.district),
        ("office_province", office.province),
        ("office_website", office.website),
    ):
        wb.set_custom_property(f"ita_{name}", str(value or ""), "text")
    if results.get("run_id"):  # the JSON written with this workbook says the same (see ita_xlsx.read.run_id)
        wb.set_custom_property(RUN_ID_PROPERTY, str(results["run_id"]), "text")


def _abandon(wb: Workbook) -> None:
    """Close the row files of a workbook that will not be finished, so its temp folder can go."""
    for ws in wb.worksheets():
        handle = getattr(ws, "row_data_fh", None)
        if handle is not None:
            handle.close()
    wb.fileclosed = True
