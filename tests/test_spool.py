"""Records kept on disk while collecting: the spool, and that what is written from it is unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import random
import sys
import time

import pytest

from ita_xlsx.collect.pool import Stash, read_inputs
from ita_xlsx.collect.record_spool import SpooledRecords
from ita_xlsx.collect.run import collect
from ita_xlsx.core import problems
from ita_xlsx.core import spool as spool_module
from ita_xlsx.core.problem_spool import ProblemSpool, SpooledProblems
from ita_xlsx.core.problems import sort_key
from ita_xlsx.core.spool import Mapped, Spool
from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE
from ita_xlsx.publish import outputs
from ita_xlsx.publish.outputs import write_outputs
from ita_xlsx.read.records import LogEntry, Record, RecordDict, record_from_dict
from ita_xlsx.report.workbook import write_consolidated

from workbooks import ROOT

AS_OF = dt.date(2023, 3, 31)
SAMPLES = ROOT / "samples"


def record(i: int) -> Record:
    return Record(
        f"i{i}",
        "palad",
        status="done",
        action_date=dt.date(2022, 10, 1) + dt.timedelta(days=i % 300),
        result=f"ดำเนินการครั้งที่ {i} ๑๒๓ " * (i % 7),
        log=[LogEntry(f"i{i}", dt.date(2022, 11, 1), "ประชุม", "", cell=f"B{i}")],
        cells={"status": f"E{i}"},
    )


def test_items_come_back_equal_in_order_and_by_position(reads):
    items = [record(i) for i in range(3000)]
    spool = Spool(items)
    assert len(spool) == 3000
    assert list(spool) == items
    assert spool[0] == items[0] and spool[-1] == items[-1] and spool[1234] == items[1234]
    assert spool[10:13] == items[10:13]
    with pytest.raises(IndexError):
        spool[3000]


@pytest.fixture(params=["pread", "seek"])
def reads(request, monkeypatch):
    """Both ways a spool reads its file: os.pread (POSIX), and seek + read (Windows has no pread)."""
    if request.param == "seek":
        monkeypatch.setattr(spool_module, "_pread", None)
    return request.param


def test_reading_by_position_while_iterating_and_two_iterations_at_once(reads):
    spool = Spool(range(5000))
    seen = []
    for number, (a, b) in enumerate(zip(spool, reversed(range(5000)), strict=True)):
        assert spool[b] == b  # moves the file position under the iteration
        seen.append(a)
        if number == 10:
            spool.append(99999)  # appended while iterating: not part of this iteration
    assert seen == list(range(5000)) and spool[-1] == 99999


def test_items_larger_than_a_block(monkeypatch, reads):
    monkeypatch.setattr(spool_module, "_BLOCK", 64)
    items = ["ก" * n for n in (0, 1, 63, 64, 65, 500, 3)]
    spool = Spool(items)
    assert list(spool) == items and [spool[i] for i in range(len(items))] == items


def test_mapped_makes_each_item_on_every_read_and_keeps_nothing():
    calls = []
    view = Mapped(Spool(range(10)), lambda x: calls.append(x) or x * 2)
    assert list(view) == [x * 2 for x in range(10)] and view[3] == 6 and len(view) == 10
    assert len(calls) == 11


def test_a_closed_spool_is_gone():
    spool = Spool([1, 2, 3])
    spool.close()
    with pytest.raises(ValueError):
        list(spool)


@pytest.mark.parametrize("jobs", [1, 2])  # 2: packed by the worker processes, stored as they are
def test_collect_keeps_each_workbooks_entries_on_disk_until_the_merge(sample_plan, jobs):
    whole, _ = read_inputs(sample_plan, [SAMPLES / "6m"], jobs=jobs)
    stash = Stash()
    light, _ = read_inputs(sample_plan, [SAMPLES / "6m"], jobs=jobs, stash=stash)
    assert len(light) == len(whole) == 5
    assert all(ret.entries for ret in whole)
    assert all(not ret.entries and not ret.log and ret.packed is None for ret in light)
    for kept, full in zip(light, whole, strict=True):
        assert stash.load(kept) == full


def test_outputs_from_the_spool_are_those_of_the_whole_results(sample_plan, tmp_path):
    results = collect(sample_plan, [SAMPLES / "with-mistakes"], round_id="6m", as_of=AS_OF)
    assert isinstance(results.records, SpooledRecords)
    whole = results.to_dict()
    assert len(whole["records"]) == len(results.records) > 50
    written, _ = write_outputs(results, tmp_path / "out.xlsx")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == whole
    from_dict = write_consolidated(whole, sample_plan, tmp_path / "from-dict.xlsx")
    assert (tmp_path / "out.xlsx").read_bytes() == from_dict.read_bytes()


def test_problems_on_disk_read_and_sort_as_the_list_of_them_does(reads):
    rng = random.Random(7)
    makers = (problems.error, problems.warning, problems.info)
    made = [
        rng.choice(makers)(
            rng.choice(("date-missing", "period-without-action", "status-misspelt")),
            file=rng.choice((None, "", "ก.xlsx", "b.xlsx", "a/ข.xlsx")),
            sheet=rng.choice((None, "มาตรการ", "บันทึก")),
            cell=rng.choice((None, "E4", "E12", "AA3", "E100")),
            n=i,  # many problems share a sort key: their order must be kept
        )
        for i in range(600)
    ]
    store = ProblemSpool()
    kept = SpooledProblems(store, store.add_all(made))
    assert list(kept) == made and kept[5] == made[5] and kept[-1] == made[-1]
    assert list(kept.severities()) == [p.severity for p in made]
    assert list(kept.sorted()) == sorted(made, key=sort_key)
    some = SpooledProblems(store, kept.positions[::-3])
    assert list(some.sorted()) == sorted(made[::-3], key=sort_key)


def test_results_with_problems_on_disk_are_those_with_lists(sample_plan):
    results = collect(sample_plan, [SAMPLES / "with-mistakes"], round_id="6m", as_of=AS_OF)
    assert isinstance(results.problems, SpooledProblems) and len(results.problems) > 10
    assert all(isinstance(f.problems, SpooledProblems) for f in results.files)
    listed = dataclasses.replace(
        results,
        problems=list(results.problems),
        files=[dataclasses.replace(f, problems=list(f.problems)) for f in results.files],
    )
    assert results.summary()["errors"] > 0
    made_here = [f.to_dict() for f in results.files]  # before the view: each file's made from its Problems
    assert results.to_dict() == listed.to_dict()
    assert results.problems.store.dicts is not None  # the view made them; the files read theirs back
    assert [f.to_dict() for f in results.files] == made_here == [f.to_dict() for f in listed.files]


def test_a_record_read_back_from_the_spool_is_the_record_less_its_cell_references(sample_plan):
    as_dict = RecordDict(sample_plan, STATUS_BY_CODE, STATE_BY_CODE)
    kept = SpooledRecords(sample_plan)
    originals = []
    for i, measure in enumerate(sample_plan.measures):
        r = record(i)
        r.measure_id = measure.id
        r.log = [dataclasses.replace(e, measure_id=measure.id) for e in r.log]
        r.state, r.days_overdue, r.due_date = "overdue", i, dt.date(2023, 1, 31)
        r.missed_periods = ["2022-10-31"]
        originals.append(r)
        kept.append(r)
    back = list(kept)
    assert back == [
        dataclasses.replace(r, cells={}, log=[dataclasses.replace(e, cell=None) for e in r.log])
        for r in originals
    ]
    assert [as_dict(r) for r in back] == [as_dict(r) for r in originals] == list(kept.dicts)
    assert record_from_dict(kept.dicts[3]) == kept[3] == back[3]


# -- the JSON written by a forked process while the workbook is written -------------------------
@pytest.fixture
def mistakes(sample_plan):
    return collect(sample_plan, [SAMPLES / "with-mistakes"], round_id="6m", as_of=AS_OF)


def split(monkeypatch, records: int) -> None:
    monkeypatch.setattr(outputs, "SPLIT_AFTER_RECORDS", records)
    monkeypatch.setattr(outputs, "default_jobs", lambda: 2)


def test_outputs_written_in_two_processes_are_those_written_in_one(mistakes, tmp_path, monkeypatch):
    split(monkeypatch, 10**9)
    write_outputs(mistakes, tmp_path / "one.xlsx")
    split(monkeypatch, 1)
    children, finish = [], outputs._JsonInChild.finish
    monkeypatch.setattr(outputs._JsonInChild, "finish", lambda self: children.append(self) or finish(self))
    write_outputs(mistakes, tmp_path / "two.xlsx")
    assert len(children) == 1 and children[0].process.exitcode == 0  # the child wrote the JSON
    for suffix in (".json", ".xlsx"):
        assert (tmp_path / f"two{suffix}").read_bytes() == (tmp_path / f"one{suffix}").read_bytes()


def test_when_the_child_fails_the_json_is_written_here(mistakes, tmp_path, monkeypatch):
    split(monkeypatch, 1)
    monkeypatch.setattr(outputs, "_json_child", lambda results, view, path: sys.exit(1))
    write_outputs(mistakes, tmp_path / "out.xlsx")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == mistakes.to_dict()


def test_when_the_workbook_fails_nothing_is_written_and_the_child_is_stopped(mistakes, tmp_path, monkeypatch):
    from ita_xlsx.report import workbook

    split(monkeypatch, 1)
    monkeypatch.setattr(outputs, "_json_child", lambda results, view, path: time.sleep(60))

    def broken(report, target):
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "write_workbook", broken)
    started = time.monotonic()
    with pytest.raises(OSError, match="disk full"):
        write_outputs(mistakes, tmp_path / "out.xlsx")
    assert time.monotonic() - started < 30  # not waiting for the child
    assert list(tmp_path.iterdir()) == []
    assert multiprocessing.active_children() == []
