"""The references ``collect`` is measured against, each run as its own process by run.py.

    python bench/refs.py openpyxl FOLDER   load every .xlsx the way most scripts do and read its
                                          input cells (openpyxl, read_only=False, data_only=True)
    python bench/refs.py calamine FOLDER   load every .xlsx with python-calamine (the parser collect
                                          uses) and take every sheet's values: parsing, nothing checked
    python bench/refs.py floor FOLDER      read every file's bytes and inflate its sheet XML with
                                          zipfile: the least any reader has to do, nothing parsed

Prints one JSON line: the files done, those that failed, and the seconds of the loop itself.
"""

from __future__ import annotations

import io
import json
import sys
import time
import zipfile
from pathlib import Path

INPUT_NAMES = ("ITA_STATUS", "ITA_ACTION_DATE", "ITA_RESULT", "ITA_EVIDENCE", "ITA_NOTE")
LOG_NAMES = ("ITA_LOG_MEASURE", "ITA_LOG_DATE", "ITA_LOG_DETAIL", "ITA_LOG_EVIDENCE")


def openpyxl_reader(path: Path) -> int:
    """Load the workbook and read the cells of its input ranges; return how many hold a value."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=False, data_only=True)
    filled = 0
    for name in INPUT_NAMES + LOG_NAMES:
        if name not in wb.defined_names:
            continue
        for sheet, ref in wb.defined_names[name].destinations:
            for row in wb[sheet][ref.replace("$", "")]:
                filled += sum(cell.value is not None for cell in row)
    return filled


def calamine_reader(path: Path) -> int:
    """Every sheet's values, parsed by python-calamine; return how many rows were read."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    return sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)


def floor_reader(path: Path) -> int:
    """The bytes of the file and the inflated XML of its sheets; return the bytes inflated."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return sum(
            len(package.read(name))
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


READERS = {"openpyxl": openpyxl_reader, "calamine": calamine_reader, "floor": floor_reader}


def main() -> None:
    kind, folder = sys.argv[1], Path(sys.argv[2])
    reader = READERS[kind]
    if kind == "openpyxl":
        import openpyxl  # noqa: F401 - imported before the clock starts, as collect imports its readers
    elif kind == "calamine":
        import python_calamine  # noqa: F401

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    done = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            reader(path)
            done += 1
        except Exception:  # the PDF, the lock file: a reference reader just skips them
            failed += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"reader": kind, "files": done, "failed": failed, "loop_seconds": seconds}))


if __name__ == "__main__":
    main()
