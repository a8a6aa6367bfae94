"""ita_xlsx.merge on its own: which of a division's files is used, what is said about the others
(file-superseded, and one conflicting-versions warning at each older file whose values differ), and the records of each division.

Files are built as ``Returned`` values, as the reader leaves them; the plan is the small plan (m1, m2,
m3 and m5 for finance; m1, m3, m4, m6 and m7 for palad; nothing for works).
"""

from __future__ import annotations

import datetime as dt

from ita_xlsx.check import merge
from ita_xlsx.read.returned_file import Entry, Returned

from problem_assert import assert_problems

SHEET = "มาตรการ"


def entry(measure_id: str, row: int, **values) -> Entry:
    cells = {k: f"{col}{row}" for k, col in (("status", "E"), ("action_date", "F"), ("result", "G"))}
    return Entry(measure_id, row, filled=bool(values), cells=cells, **values)


def returned(source: str, generated: str, *entries: Entry, division: str = "finance", **kw) -> Returned:
    return Returned(
        source,
        accepted=kw.pop("accepted", True),
        division=division,
        round_id="6m",
        generated=generated,
        sheet=SHEET,
        entries={e.measure_id: e for e in entries},
        **kw,
    )


DONE = {"status": "done", "action_date": dt.date(2023, 1, 5), "result": "ประชุมแล้ว"}


# --- choosing among versions ----------------------------------------------------------------------
def test_the_newest_identity_wins_and_the_older_file_is_said_superseded():
    old = returned("finance-old.xlsx", "2022-10-01T08:00", entry("m1", 7, **DONE))
    new = returned("finance-new.xlsx", "2022-10-02T08:00", entry("m1", 7, **DONE))
    chosen, found = merge.choose_versions([new, old])
    assert chosen == {"finance": new}
    assert_problems(found, [{"file": "finance-old.xlsx", "division": "finance", "code": "file-superseded"}])


def test_with_the_same_identity_the_file_saved_later_wins():
    first = returned("a.xlsx", "2022-10-01T08:00", modified="2023-01-01T10:00:00Z")
    later = returned("b.xlsx", "2022-10-01T08:00", modified="2023-02-01T10:00:00Z")
    chosen, found = merge.choose_versions([later, first])
    assert chosen["finance"] is later
    assert_problems(found, [{"file": "a.xlsx", "division": "finance", "code": "file-superseded"}])


def test_one_file_per_division_raises_nothing():
    finance = returned("finance.xlsx", "2022-10-01T08:00", entry("m1", 7, **DONE))
    palad = returned("palad.xlsx", "2022-10-01T08:00", entry("m1", 7, **DONE), division="palad")
    chosen, found = merge.choose_versions([finance, palad])
    assert chosen == {"finance": finance, "palad": palad}
    assert_problems(found, [])


def test_a_rejected_file_is_never_chosen_nor_said_superseded():
    good = returned("good.xlsx", "2022-10-01T08:00")
    rejected = returned("bad.xlsx", "2022-12-01T08:00", accepted=False)
    chosen, found = merge.choose_versions([good, rejected])
    assert chosen == {"finance": good}
    assert_problems(found, [])


# --- conflicts between versions -------------------------------------------------------------------
def test_values_changed_between_versions_are_one_warning_at_the_older_file():
    old = returned("old.xlsx", "2022-10-01T08:00", entry("m1", 7, **DONE))
    changed = {**DONE, "action_date": dt.date(2023, 2, 1), "result": "ประชุมสองครั้ง"}
    new = returned("new.xlsx", "2022-10-02T08:00", entry("m1", 9, **changed))
    _, found = merge.choose_versions([old, new])
    assert_problems(
        found,
        [
            {"file": "old.xlsx", "division": "finance", "code": "file-superseded"},
            {"file": "old.xlsx", "sheet": SHEET, "division": "finance", "code": "conflicting-versions"},
        ],
    )
    conflict = next(p for p in found if p.code == "conflicting-versions")
    assert (conflict.cell, conflict.measure_id) == (None, None)
    assert dict(conflict.params) == {"newer": "new.xlsx", "count": 2, "values": "m1 F7, m1 G7"}
    assert conflict.message_en == (
        "2 value(s) in this file differ from the newer file new.xlsx; the newer values were used "
        "(measure and cell in this file: m1 F7, m1 G7)."
    )


def test_many_values_changed_are_counted_and_only_the_first_few_named():
    measures = [f"m{i}" for i in range(1, 9)]
    old = returned("old.xlsx", "2022-10-01T08:00", *(entry(m, 6 + i, **DONE) for i, m in enumerate(measures)))
    changed = {**DONE, "status": "ongoing", "result": "ยังไม่เสร็จ"}
    new = returned(
        "new.xlsx", "2022-10-02T08:00", *(entry(m, 6 + i, **changed) for i, m in enumerate(measures))
    )
    _, found = merge.choose_versions([old, new])
    conflicts = [p for p in found if p.code == "conflicting-versions"]
    assert len(conflicts) == 1
    assert conflicts[0].params["count"] == 16
    assert conflicts[0].params["values"] == "m1 E6, m1 G6, m2 E7, m2 G7, m3 E8, …"


def test_each_older_version_is_compared_with_the_newest_once():
    first = returned("v1.xlsx", "2022-10-01T08:00", entry("m1", 7, status="ongoing"))
    second = returned("v2.xlsx", "2022-10-02T08:00", entry("m1", 7, **DONE))
    third = returned("v3.xlsx", "2022-10-03T08:00", entry("m1", 7, **{**DONE, "result": "ประชุมสามครั้ง"}))
    chosen, found = merge.choose_versions([third, first, second])
    assert chosen == {"finance": third}
    conflicts = [
        (p.file, p.params["newer"], p.params["count"], p.params["values"])
        for p in found
        if p.code == "conflicting-versions"
    ]
    assert conflicts == [("v1.xlsx", "v3.xlsx", 1, "m1 E7"), ("v2.xlsx", "v3.xlsx", 1, "m1 G7")]


def test_a_value_filled_in_only_by_the_newer_version_is_no_conflict():
    old = returned("old.xlsx", "2022-10-01T08:00", entry("m1", 7, status="done"), entry("m2", 8))
    new = returned("new.xlsx", "2022-10-02T08:00", entry("m1", 7, **DONE), entry("m2", 8, **DONE))
    _, found = merge.choose_versions([old, new])
    assert_problems(found, [], codes=["conflicting-versions"])


def test_a_version_put_aside_is_loaded_back_to_be_compared():
    aside = returned("old.xlsx", "2022-10-01T08:00")  # its entries were put aside
    full = returned("old.xlsx", "2022-10-01T08:00", entry("m1", 7, status="ongoing"))
    new = returned("new.xlsx", "2022-10-02T08:00", entry("m1", 7, **DONE))
    _, found = merge.choose_versions([aside, new], load=lambda r: full if r is aside else r)
    at = {"file": "old.xlsx", "sheet": SHEET, "division": "finance"}
    assert_problems(found, [{**at, "code": "conflicting-versions"}], codes=["conflicting-versions"])
    assert next(p for p in found if p.code == "conflicting-versions").params["values"] == "m1 E7"


# --- the records of a division --------------------------------------------------------------------
def test_records_follow_the_plan_order_filled_from_the_chosen_file(small_plan):
    ret = returned("finance.xlsx", "2022-10-01T08:00", entry("m2", 8, **DONE))
    records = list(merge.division_records(small_plan, "finance", ret))
    assert [r.measure_id for r in records] == ["m1", "m2", "m3", "m5"]
    m2 = records[1]
    assert (m2.status, m2.action_date, m2.result, m2.source, m2.sheet, m2.row) == (
        "done",
        dt.date(2023, 1, 5),
        "ประชุมแล้ว",
        "finance.xlsx",
        SHEET,
        8,
    )
    assert m2.cells["action_date"] == "F8"
    assert records[0].status == "missing"  # a row the file does not have


def test_a_division_that_sent_nothing_has_missing_records(small_plan):
    records = list(merge.division_records(small_plan, "palad", None))
    assert [(r.measure_id, r.status, r.source) for r in records] == [
        (m, "missing", None) for m in ("m1", "m3", "m4", "m6", "m7")
    ]
    assert list(merge.division_records(small_plan, "works", None)) == []
