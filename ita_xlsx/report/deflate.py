"""The deflate level of the consolidated workbook's package.

xlsxwriter zips the package at zipfile's default level (6) and has no option to change it. For a
workbook of many records, deflating its XML is a sixth of the time it takes to write: level 1
does it in a third of the time, for a file about 40 % larger (100,000 records: 15.7 MB instead of
11.2 MB). The XML inside is the same at any level, and any zip reader opens it. A workbook of
fewer records than :data:`LARGE_RECORDS` keeps the default level, so its bytes do not change.

:class:`LevelledWorkbook` stores its package at the level it is given. xlsxwriter makes its zip
file with ``zipfile.ZipFile`` looked up in its ``workbook`` module at that moment: that name is
given a subclass that takes the level of the workbook being stored (a context variable, so
other workbooks, in other threads too, keep the default). When xlsxwriter no longer makes its
zip file that way, every workbook is stored at the default level.
"""

from __future__ import annotations

import zipfile
from contextvars import ContextVar

from xlsxwriter import workbook as xlsxwriter_workbook
from xlsxwriter.workbook import Workbook

LARGE_RECORDS = 10_000  # from this many records on, the package is deflated at LARGE_LEVEL
LARGE_LEVEL = 1

_LEVEL: ContextVar[int | None] = ContextVar("ita_xlsx_deflate_level", default=None)


def level_for(records: int) -> int | None:
    """The deflate level for a workbook of ``records`` records: None for zipfile's default."""
    return LARGE_LEVEL if records >= LARGE_RECORDS else None


class _LevelledZipFile(zipfile.ZipFile):
    """``zipfile.ZipFile`` at the level of the workbook being stored in this context, if any."""

    def __init__(self, *args, **kwargs) -> None:
        level = _LEVEL.get()
        if level is not None:
            kwargs.setdefault("compresslevel", level)
        super().__init__(*args, **kwargs)


class LevelledWorkbook(Workbook):
    """An xlsxwriter workbook whose package is deflated at ``deflate_level`` (None: the default)."""

    def __init__(self, filename: str, options: dict, *, deflate_level: int | None = None) -> None:
        super().__init__(filename, options)
        self.deflate_level = deflate_level

    def _store_workbook(self) -> None:
        if self.deflate_level is None or not _use_levelled_zip_files():
            super()._store_workbook()
            return
        token = _LEVEL.set(self.deflate_level)
        try:
            super()._store_workbook()
        finally:
            _LEVEL.reset(token)


def _use_levelled_zip_files() -> bool:
    """Have xlsxwriter make its zip files with :class:`_LevelledZipFile` (once; the same as
    ``zipfile.ZipFile`` outside :meth:`LevelledWorkbook._store_workbook`). False when its module
    does not make them with ``zipfile.ZipFile`` any more."""
    current = getattr(xlsxwriter_workbook, "ZipFile", None)
    if current is zipfile.ZipFile:
        xlsxwriter_workbook.ZipFile = _LevelledZipFile
        return True
    return current is _LevelledZipFile
