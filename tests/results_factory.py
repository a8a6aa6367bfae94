"""Results as the collection makes them, for the sample plan on 10 April 2566: every measure ×
division, a mix of every state, Thai results, URLs and document numbers as evidence, problems; and
formula-like texts wherever a division's text goes (``hostile``). Used by the consolidated workbook's
tests, its golden file, its print tests and the published report's.
"""

from __future__ import annotations

import datetime as dt

from ita_xlsx.collect.results import FileReport, Results
from ita_xlsx.core import problems as P
from ita_xlsx.plan import Plan
from ita_xlsx.read.records import LogEntry, Record

AS_OF = dt.date(2023, 4, 10)
ROUND = "6m"
NOT_SENT = "works"  # the division that sends nothing (its file was rejected)
HOSTILE = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "\tx", "=cmd|' /C calc'!A0"]
STATES = (
    "done",
    "done_late",
    "ongoing",
    "pending",
    "due_soon",
    "periods_missing",
    "overdue",
    "not_applicable",
)
RESULTS_TH = (
    "จัดประชุมชี้แจงเจ้าหน้าที่ ครั้งที่ {n}/๒๕๖๖ ณ ห้องประชุม อบต.",
    "ออกบันทึกข้อความแจ้งเวียนเจ้าหน้าที่ทุกคน เลขที่ นม ๘๘๒๐๑/ว {n}",
    "เผยแพร่ข้อมูลบนเว็บไซต์หน่วยงานและเพจ facebook แล้ว",
)
EVIDENCE = (
    "https://www.mueangphalai.go.th/news/{n}",
    "บันทึกข้อความ ที่ นม ๘๘๒๐๑/{n} ลงวันที่ ๓ ตุลาคม ๒๕๖๕",
    "http://mueangphalai.go.th/ita/2566/o{n}.pdf",
    "ftp://files.example/{n}",
    "",
)


def _record(plan: Plan, measure, division: str, n: int) -> Record:
    """A record of one measure and division in a state chosen by ``n`` (all states appear)."""
    due = measure.due_in(plan.round(ROUND), plan.fiscal_year).due_date or dt.date(2023, 3, 31)
    if division == NOT_SENT:
        return Record(
            measure.id, division, "missing", None, due, "missing", (AS_OF - due).days if due < AS_OF else None
        )
    state = STATES[n % len(STATES)]
    result = RESULTS_TH[n % len(RESULTS_TH)].format(n=n)
    evidence = EVIDENCE[n % len(EVIDENCE)].format(n=n)
    kwargs: dict = {
        "result": result,
        "evidence": evidence,
        "source": f"returns/ITA2566_6m_{division}.xlsx",
        "sheet": "มาตรการ",
        "row": 5 + n % 25,
    }
    if state == "done":
        return Record(measure.id, division, "done", due - dt.timedelta(days=3), due, "done", **kwargs)
    if state == "done_late":
        return Record(measure.id, division, "done", due + dt.timedelta(days=5), due, "done_late", **kwargs)
    if state == "ongoing":
        return Record(measure.id, division, "ongoing", None, due, "ongoing", **kwargs)
    if state == "pending":
        return Record(measure.id, division, "not_started", None, AS_OF + dt.timedelta(days=40), "pending")
    if state == "due_soon":
        return Record(
            measure.id, division, "in_progress", None, AS_OF + dt.timedelta(days=3), "due_soon", **kwargs
        )
    if state == "periods_missing":
        return Record(
            measure.id,
            division,
            "ongoing",
            due - dt.timedelta(days=3),
            dt.date(2022, 11, 10),
            "periods_missing",
            missed_periods=["2022-10-31", "2023-01-31"],
            **kwargs,
        )
    if state == "overdue":
        late = due if due < AS_OF else AS_OF - dt.timedelta(days=n % 30 + 1)
        return Record(
            measure.id,
            division,
            "in_progress",
            None,
            late,
            "overdue",
            (AS_OF - late).days,
            missed_periods=["2023-01-31", "2023-02-28"],
            **kwargs,
        )
    return Record(measure.id, division, "not_applicable", None, None, "not_applicable")


def make_results(plan: Plan, *, hostile: bool = False) -> dict:
    """A realistic ``Results.to_dict()`` for the sample plan on 10 April 2566."""
    records = []
    for measure in plan.measures:
        for division in plan.division_codes(measure):
            records.append(_record(plan, measure, division, len(records)))
    records[0].log.append(LogEntry(records[0].measure_id, dt.date(2022, 10, 25), "ประชุมประจำเดือน", ""))
    files = [
        FileReport(f"returns/ITA2566_6m_{d.code}.xlsx", True, d.code, ROUND)
        for d in plan.divisions
        if d.code != NOT_SENT
    ]
    bad = FileReport(f"returns/ITA2566_6m_{NOT_SENT}.xlsx", False, NOT_SENT, ROUND)
    found = [
        P.warning(
            "date-from-text",
            file=files[0].path,
            sheet="มาตรการ",
            cell="H7",
            measure_id="i1",
            division=files[0].division,
            value="3 ต.ค. 65",
            year=2565,
            read="๓ ตุลาคม ๒๕๖๕",
        ),
        P.error(
            "date-unparseable",
            file=bad.path,
            sheet="มาตรการ",
            cell="H9",
            measure_id="i2",
            division=NOT_SENT,
            value="เมื่อวาน",
            year="",
        ),
        P.info(
            "date-two-digit-year",
            file=files[1].path,
            sheet="มาตรการ",
            cell="H5",
            measure_id="i7",
            division=files[1].division,
            value="31/10/65",
            year=2565,
        ),
        P.error(
            "date-invalid",
            file=files[2].path,
            sheet="มาตรการ",
            cell="H12",
            measure_id="e9",
            division=files[2].division,
            value="31/02/2566",
            year="",
        ),
    ]
    bad.problems = [found[1]]
    results = Results(plan, ROUND, AS_OF, 7, records, [*files, bad], found).to_dict()
    if hostile:
        make_hostile(results)
    return results


def make_hostile(results: dict) -> None:
    """Put formula-like texts wherever a division's text or a problem text goes."""
    for i, record in enumerate(r for r in results["records"] if r["division"] != NOT_SENT):
        text = HOSTILE[i % len(HOSTILE)]
        record["result"], record["evidence"], record["note"] = text, HOSTILE[(i + 1) % len(HOSTILE)], text
        if i >= 2 * len(HOSTILE):
            break
    for i, problem in enumerate(results["problems"]):
        problem["message_th"] = HOSTILE[i % len(HOSTILE)]
        problem["sheet"] = HOSTILE[(i + 2) % len(HOSTILE)]
