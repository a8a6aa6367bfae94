"""Write a consolidated workbook of many records, run as its own process by run.py.

    python bench/consolidated.py RECORDS OUT.xlsx

Makes synthetic results (the benchmark's unit plan, as many units as RECORDS needs: statuses,
dates, Thai text, activity logs and problems in the proportions of a real collection; the
records in the working store, as ``collect`` keeps them) and times writing the consolidated workbook from
them the way ``collect`` does (``Results.view()``). Prints one JSON line of seconds.

Then the raw-XML floor of that workbook, what no writer of it can skip: the records read once
from the results (as the writer gets them), and the workbook's own XML parts, already made and
in memory, stored in a zip at the deflate level the writer used. Nothing is formatted, sorted or
measured. ``floor_ratio`` is the writing time over the floor's (the same per record).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import AS_OF, ROUND, unit_plan  # noqa: E402
from ita_xlsx.collect.record_table import StoredRecords  # noqa: E402
from ita_xlsx.collect.results import FileReport, Results
from ita_xlsx.core import problems  # noqa: E402
from ita_xlsx.read.plan_index import plan_index  # noqa: E402
from ita_xlsx.read.records import LogEntry, Record

_STATUSES = ("done", "ongoing", "ongoing", "in_progress", "done", "not_started", "ongoing", "done")
_STATES = {"done": "done", "ongoing": "ongoing", "in_progress": "overdue", "not_started": "due_soon"}


def synthetic_results(count: int) -> Results:
    """Results of ``count`` records: one file per unit, every fourth record with a problem."""
    plan = unit_plan(count // 9 + 1)  # units hold 13 measures on average
    index = plan_index(plan)
    records = StoredRecords(plan)
    files: list[FileReport] = []
    for division in plan.divisions:
        source = f"returned/ITA2566_{ROUND}_{division.code}.xlsx"
        found = []
        for measure in index.measures_for(division.code)[: count - len(records)]:
            record = _record(len(records), measure.id, division.code, source)
            records.append(record)
            if len(records) % 4 == 0:
                found.append(
                    problems.warning(
                        "date-missing",
                        file=source,
                        sheet="มาตรการ",
                        cell=record.cells["action_date"],
                        measure_id=measure.id,
                        division=division.code,
                    )
                )
        files.append(FileReport(source, True, division.code, ROUND, problems=found))
        if len(records) == count:
            break
    found = [p for f in files for p in f.problems]
    return Results(plan, ROUND, AS_OF, 14, records, files, found)


def _record(n: int, measure_id: str, division: str, source: str) -> Record:
    status = _STATUSES[n % len(_STATUSES)]
    day = dt.date(2022, 10, 3) + dt.timedelta(days=n % 170)
    row = 4 + n % 17
    log = []
    if status == "ongoing":
        log = [
            LogEntry(
                measure_id,
                dt.date(2022, 10 + m, 25) if m < 3 else dt.date(2023, m - 2, 25),
                "ประชุมประจำเดือน",
                f"รายงานการประชุม ครั้งที่ {m + 1}/๒๕๖๖",
            )
            for m in range(6)
        ]
    return Record(
        measure_id,
        division,
        status=status,
        action_date=None if status in ("not_started", "in_progress") else day,
        due_date=dt.date(2023, 3, 31),
        state=_STATES[status],
        days_overdue=12 if status == "in_progress" else None,
        result=f"ดำเนินการตามมาตรการ {measure_id} แล้ว จัดทำบันทึกข้อความเสนอผู้บริหาร ครั้งที่ {n % 9 + 1}",
        evidence=f"บันทึกข้อความ ที่ นม ๘๗๖๐๑/{n % 1000:03d}" if n % 3 else "https://www.example.go.th/ita/2566/",
        note="รอผู้บริหารลงนาม" if n % 5 == 0 else "",
        log=log,
        source=source,
        sheet="มาตรการ",
        row=row,
        cells={"status": f"G{row}", "action_date": f"H{row}", "result": f"I{row}"},
    )


def raw_xml_floor(results: Results, written: Path, level: int | None) -> tuple[float, float]:
    """Seconds to read the records once, and to make and store ``written``'s XML (see the top).

    Each worksheet is read back a MB at a time, its rows taken apart into their cells' XML
    (not timed); timed: each row made again with one f-string per cell, encoded and deflated at
    ``level`` (None: zipfile's default, 6) with every other part, into a zip file on disk.
    """
    records = results.view()["records"]
    started = time.perf_counter()
    for _record in records:
        pass
    read = time.perf_counter() - started
    stored = 0.0
    with (
        tempfile.TemporaryDirectory() as folder,
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(Path(folder) / "floor.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z,
    ):
        for info in source.infolist():
            if not info.filename.startswith("xl/worksheets/sheet"):
                data = source.read(info)
                started = time.perf_counter()
                z.writestr(info.filename, data)  # at the level of the zip file
                stored += time.perf_counter() - started
                continue
            with source.open(info) as part, z.open(info.filename, "w") as target:
                stored += _remake_rows(part, target)
    return read, stored


_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)\d+(".*?(?:/>|</c>))', re.S)  # text is escaped: no "/>" inside


def _remake_rows(part, target) -> float:
    """Copy a worksheet's XML to ``target``, its rows made again cell by cell; the seconds timed."""
    timed = 0.0
    pending = ""
    decoder = codecs.getincrementaldecoder("utf-8")()
    while True:
        chunk = part.read(1 << 20)
        text = pending + decoder.decode(chunk, final=not chunk)
        cut = text.rfind("</row>") + len("</row>") if chunk else len(text)
        if chunk and cut < len("</row>"):
            pending = text
            continue
        head, pending = text[:cut], text[cut:]
        pieces, end = [], 0
        for row in _ROW.finditer(head):
            cells = [(col, rest) for col, rest in _CELL.findall(row[3] or "")]
            pieces.append((head[end : row.start()], row[1], row[2], cells))
            end = row.end()
        tail = head[end:]
        started = time.perf_counter()
        out = []
        for before, r, attrs, cells in pieces:
            out.append(before)
            if cells:
                made = "".join([f'<c r="{col}{r}{rest}' for col, rest in cells])
                out.append(f'<row r="{r}"{attrs}>{made}</row>')
            else:
                out.append(f'<row r="{r}"{attrs}/>')
        out.append(tail)
        target.write("".join(out).encode())
        timed += time.perf_counter() - started
        if not chunk:
            return timed


def _level_used(records: int) -> int | None:
    """The deflate level the workbook writer chose for this many records (an older writer: the default)."""
    try:
        from ita_xlsx.report.deflate import level_for
    except ImportError:
        return None
    return level_for(records)


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    from ita_xlsx.report.workbook import write_consolidated

    started = time.perf_counter()
    results = synthetic_results(count)
    made, made_cpu = time.perf_counter(), time.process_time()
    write_consolidated(results.view(), results.plan, out)
    done, done_cpu = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux; before the floor
    level = _level_used(len(results.records))
    read, stored = raw_xml_floor(results, out, level)
    with zipfile.ZipFile(out) as z:
        xml_bytes = sum(info.file_size for info in z.infolist())
    print(
        json.dumps(
            {
                "records": len(results.records),
                "make_seconds": round(made - started, 3),
                "write_seconds": round(done - made, 3),
                "write_cpu_seconds": round(done_cpu - made_cpu, 3),  # on a shared machine, steadier
                "bytes": out.stat().st_size,
                "write_peak_mb": round(peak, 1),
                "xml_bytes": xml_bytes,
                "deflate_level": level if level is not None else 6,
                "floor_read_seconds": round(read, 3),
                "floor_store_seconds": round(stored, 3),
                "floor_seconds": round(read + stored, 3),
                "floor_ratio": round((done - made) / (read + stored), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
