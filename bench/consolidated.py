"""Write a consolidated workbook of many records, run as its own process by run.py.

    python bench/consolidated.py RECORDS OUT.xlsx

Makes synthetic results (the benchmark's unit plan, as many units as RECORDS needs: statuses,
dates, Thai text, activity logs and problems in the proportions of a real collection; the
records in the working store, as ``collect`` keeps them) and times writing the consolidated workbook from
them the way ``collect`` does (``Results.view()``). Prints one JSON line of seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
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


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    from ita_xlsx.report.workbook import write_consolidated

    started = time.perf_counter()
    results = synthetic_results(count)
    made = time.perf_counter()
    write_consolidated(results.view(), results.plan, out)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "records": len(results.records),
                "make_seconds": round(made - started, 3),
                "write_seconds": round(done - made, 3),
                "bytes": out.stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
