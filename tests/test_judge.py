"""ita_xlsx.judge on its own: one accepted file's records, judged where the file is read; the rules'
problems carry the file's location, the records come in plan order with their states, and the
links typed in them are kept with their cells.
"""

from __future__ import annotations

import datetime as dt

from ita_xlsx.check.judge import Judging, judge
from ita_xlsx.core import packing
from ita_xlsx.read.returned_file import Entry, Returned

from problem_assert import assert_problems

SHEET = "มาตรการ"
JUDGING = Judging(as_of=dt.date(2023, 3, 15))


def entry(measure_id: str, row: int, **values) -> Entry:
    cells = {k: f"{col}{row}" for k, col in (("status", "E"), ("action_date", "F"), ("evidence", "H"))}
    return Entry(measure_id, row, filled=True, cells=cells, **values)


def finance(*entries: Entry) -> Returned:
    return Returned(
        "finance.xlsx",
        accepted=True,
        division="finance",
        round_id="6m",
        sheet=SHEET,
        entries={e.measure_id: e for e in entries},
    )


def test_a_rule_broken_in_the_file_is_said_at_its_cell(small_plan):
    judged = judge(
        small_plan, finance(entry("m2", 8, status="done", action_date=dt.date(2023, 4, 5))), JUDGING
    )
    assert_problems(
        judged.problems,
        [("F8", "date-after-round")],
        file="finance.xlsx",
        sheet=SHEET,
        measure_id="m2",
        division="finance",
    )


def test_a_clean_file_raises_nothing(small_plan):
    judged = judge(
        small_plan, finance(entry("m2", 8, status="done", action_date=dt.date(2022, 12, 1))), JUDGING
    )
    assert_problems(judged.problems, [])


def test_every_measure_of_the_division_has_a_record_in_plan_order_with_its_state(small_plan):
    judged = judge(
        small_plan, finance(entry("m2", 8, status="done", action_date=dt.date(2022, 12, 20))), JUDGING
    )
    assert [(k.measure_id, k.division, k.state) for k in judged.keys] == [
        ("m1", "finance", "missing"),
        ("m2", "finance", "done_late"),
        ("m3", "finance", "missing"),
        ("m5", "finance", "missing"),
    ]
    made = [packing.loads(m) for m in judged.made]
    assert [(r["measure_id"], r["source"]) for r in made][1] == ("m2", "finance.xlsx")
    assert judged.keys[1].days_overdue == 5


def test_the_links_typed_in_the_records_are_kept_with_their_cells(small_plan):
    evidence = "รายงาน https://example.go.th/report.pdf"
    judged = judge(small_plan, finance(entry("m1", 7, status="ongoing", evidence=evidence)), JUDGING)
    assert [(link.url, link.file, link.cell, link.measure_id) for link in judged.links] == [
        ("https://example.go.th/report.pdf", "finance.xlsx", "H7", "m1")
    ]


def test_judging_counts_due_soon_by_the_days_given(small_plan):
    ret = finance(entry("m2", 8, status="in_progress"))
    as_of = dt.date(2022, 12, 5)  # m2 is due on 15 Dec 2022: 10 days on
    soon = judge(small_plan, ret, Judging(as_of, due_soon_days=14)).keys
    later = judge(small_plan, ret, Judging(as_of, due_soon_days=7)).keys
    assert [k.state for k in soon if k.measure_id == "m2"] == ["due_soon"]
    assert [k.state for k in later if k.measure_id == "m2"] == ["pending"]
