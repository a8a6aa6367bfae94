"""Which run of ``collect`` wrote a file: OUT.xlsx and OUT.json carry the same run id.

The two files are renamed into place one after the other; a run killed between the two renames
leaves this run's workbook beside the last run's JSON. The JSON says ``"run_id"`` at its top, the
workbook has it as the custom document property ``ita_run_id``; whatever reads the JSON beside a
workbook (``mail``, ``remind``, ``templates --prefill``) compares the two and says so when they differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from ita_xlsx.core.problems import Problem

RUN_ID_PROPERTY = "ita_run_id"  # the workbook's custom document property
MAX_WORKBOOK_BYTES = 200 * 2**20  # a consolidated workbook larger than this is not opened to compare


def new_run_id() -> str:
    """A new id, different for every run."""
    return uuid.uuid4().hex


def workbook_run_id(path: Path) -> str | None:
    """The run id in a consolidated workbook's properties; None when it has none or cannot be read."""
    from ita_xlsx.intake.safezip import PackageError, SafePackage
    from ita_xlsx.read.xlsxread import custom_properties

    try:
        if path.stat().st_size > MAX_WORKBOOK_BYTES:
            return None
        package = SafePackage.open(path.read_bytes())
        return custom_properties(package).get(RUN_ID_PROPERTY) or None
    except (OSError, PackageError, ValueError):
        return None


def other_run(json_path: Path, json_run_id: object, said: Callable[..., Problem]) -> Problem | None:
    """``said("results-other-run", ...)`` when the workbook beside ``json_path`` (same name, .xlsx)
    was written by another run than the JSON; None when they agree or there is no workbook."""
    workbook = json_path.with_suffix(".xlsx")
    if not workbook.is_file():
        return None
    mine = str(json_run_id) if json_run_id else None
    theirs = workbook_run_id(workbook)
    if mine == theirs:
        return None
    return said("results-other-run", file=str(json_path), results=str(json_path), workbook=str(workbook))
