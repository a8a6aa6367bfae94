"""Sheet and workbook protection for the division workbooks.

XlsxWriter protects sheets but has no API for workbook structure protection, so
:class:`ProtectedWorkbook` adds ``<workbookProtection>`` to ``xl/workbook.xml`` right after
``<workbookPr>``, where the schema (CT_Workbook: fileVersion, fileSharing, workbookPr,
workbookProtection, bookViews, ...) wants it. Only the legacy 16-bit hash of the password is
written; the password itself never is.

Protection stops honest mistakes only: the hash is trivially reversible, LibreOffice drops the
structure protection on saving and its scripting interface ignores sheet protection. Returned
files are checked again whatever they claim.
"""

from __future__ import annotations

import xlsxwriter

# What a clerk may do on a protected sheet: select any cell, resize rows and columns to read
# long texts. Inserting or deleting rows and columns, sorting and filtering stay forbidden.
SHEET_OPTIONS = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_rows": True,
    "format_columns": True,
}


def legacy_password_hash(password: str) -> str:
    """The 16-bit password verifier of ECMA-376 Part 4 (§14.7.1 and workbookProtection), hex."""
    digest = 0
    for char in reversed(password):
        digest = ((digest >> 14) & 0x01) | ((digest << 1) & 0x7FFF)
        digest ^= ord(char)
    digest = ((digest >> 14) & 0x01) | ((digest << 1) & 0x7FFF)
    digest ^= len(password)
    digest ^= 0xCE4B
    return f"{digest:X}"


class ProtectedWorkbook(xlsxwriter.Workbook):
    """An XlsxWriter workbook that can lock its structure (no adding, deleting, renaming sheets)."""

    _structure_hash: str | None = None

    def protect_structure(self, password: str) -> None:
        """Lock the workbook structure with ``password`` (stored as its legacy hash)."""
        self._structure_hash = legacy_password_hash(password)

    def _write_workbook_pr(self) -> None:
        super()._write_workbook_pr()
        if self._structure_hash is not None:
            attributes = [("workbookPassword", self._structure_hash), ("lockStructure", 1)]
            self._xml_empty_tag("workbookProtection", attributes)
