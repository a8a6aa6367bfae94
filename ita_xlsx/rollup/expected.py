"""The list of offices that should report: a CSV or xlsx file with the header
``code,name,district,province,email`` (UTF-8, with or without a byte-order mark).

A file that cannot be read, or lacks the ``code`` or ``name`` column, is a mistake in the command
(:class:`ExpectedListError`); a bad row is a problem named at its line, and the rest is used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ita_xlsx.core import problems, textnorm
from ita_xlsx.core.jsonvalues import text_of
from ita_xlsx.core.problems import Problem
from ita_xlsx.rollup.read import as_code

COLUMNS = ("code", "name", "district", "province", "email")
REQUIRED = ("code", "name")


@dataclass(frozen=True, slots=True)
class ExpectedOffice:
    code: str
    name: str
    district: str = ""
    province: str = ""
    email: str = ""
    line: int = 0


class ExpectedListError(ValueError):
    """The expected list cannot be used at all: the problem says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def read_expected(path: Path) -> tuple[dict[str, ExpectedOffice], list[Problem]]:
    """The expected offices by code, in the file's order, and the problems of its rows."""
    rows = _rows(path)
    header = [textnorm.compact(text_of(h)).lower().lstrip("\ufeff") for h in (rows[0] if rows else [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ExpectedListError(
            problems.error(
                "rollup-expected-header", file=str(path), columns=", ".join(missing), header=",".join(COLUMNS)
            )
        )
    where = {c: header.index(c) for c in COLUMNS if c in header}
    offices: dict[str, ExpectedOffice] = {}
    found: list[Problem] = []
    for line, row in enumerate(rows[1:], start=2):
        values = {c: text_of(row[i]) if i < len(row) else "" for c, i in where.items()}
        if not any(values.values()):
            continue
        code = as_code(row[where["code"]] if where["code"] < len(row) else "")
        if not code or not values["name"]:
            found.append(problems.warning("rollup-expected-bad-row", file=str(path), cell=f"line {line}"))
            continue
        if code in offices:
            found.append(
                problems.warning(
                    "rollup-expected-duplicate",
                    file=str(path),
                    cell=f"line {line}",
                    code=code,
                    first=offices[code].line,
                )
            )
            continue
        offices[code] = ExpectedOffice(
            code,
            values["name"],
            values.get("district", ""),
            values.get("province", ""),
            values.get("email", ""),
            line,
        )
    return offices, found


def _rows(path: Path) -> Sequence[Sequence[object]]:
    """The rows of the first sheet of an xlsx, or of a CSV (UTF-8, BOM or not)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExpectedListError(
            problems.error("rollup-expected-unreadable", file=str(path), reason=exc.strerror or str(exc))
        ) from None
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExpectedListError(
            problems.error("rollup-expected-unreadable", file=str(path), reason="not UTF-8 text")
        ) from None
    return [row for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(path: Path, data: bytes) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [list(r) for r in book.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as exc:  # calamine raises its own errors for a damaged workbook
        raise ExpectedListError(
            problems.error(
                "rollup-expected-unreadable", file=str(path), reason=f"{type(exc).__name__}: {exc}"[:120]
            )
        ) from None
