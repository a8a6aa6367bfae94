"""What a collection keeps in the working store (SQLite on disk), and that what is written from it is unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import random
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from ita_xlsx.collect.pool import Stash, read_inputs
from ita_xlsx.collect.record_table import StoredRecords
from ita_xlsx.collect.run import collect
from ita_xlsx.core import problems, workstore
from ita_xlsx.core.mapped import Mapped
from ita_xlsx.core.problem_table import ProblemTable, StoredProblems
from ita_xlsx.core.problems import sort_key
from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE
from ita_xlsx.core.workstore import WorkStore, WorkTable
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


def test_items_come_back_equal_in_order_and_by_position():
    items = [record(i) for i in range(3000)]
    table = WorkTable(items)
    assert len(table) == 3000
    assert list(table) == items
    assert table[0] == items[0] and table[-1] == items[-1] and table[1234] == items[1234]
    assert table[10:13] == items[10:13]
    assert list(table.take([5, 6, 7, 2999, 0, 1])) == [items[i] for i in (5, 6, 7, 2999, 0, 1)]
    with pytest.raises(IndexError):
        table[3000]


def test_items_not_written_yet_are_read_from_memory_and_written_in_batches(monkeypatch):
    monkeypatch.setattr(workstore, "_BATCH_BYTES", 200)
    table = WorkTable(range(100))
    on_disk = table.store.conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
    assert 0 < on_disk < 100  # written a batch at a time, the rest still in memory
    assert (
        list(table) == list(range(100)) and table[99] == 99 and list(table.take([98, 3, 99])) == [98, 3, 99]
    )
    table.flush()
    assert table.store.conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] == 100


def test_reading_by_position_while_iterating_and_two_iterations_at_once(monkeypatch):
    monkeypatch.setattr(workstore, "_BATCH_BYTES", 1000)
    table = WorkTable(range(5000))
    seen = []
    for number, (a, b) in enumerate(zip(table, reversed(range(5000)), strict=True)):
        assert table[b] == b
        seen.append(a)
        if number == 10:
            for _ in range(1000):  # appended (and written) while iterating: not in this iteration
                table.append(99999)
    assert seen == list(range(5000)) and table[-1] == 99999 and len(table) == 6000


def test_items_larger_than_a_batch(monkeypatch):
    monkeypatch.setattr(workstore, "_BATCH_BYTES", 64)
    items = ["ก" * n for n in (0, 1, 63, 64, 65, 500, 3)]
    table = WorkTable(items)
    assert list(table) == items and [table[i] for i in range(len(items))] == items


def test_mapped_makes_each_item_on_every_read_and_keeps_nothing():
    calls = []
    view = Mapped(WorkTable(range(10)), lambda x: calls.append(x) or x * 2)
    assert list(view) == [x * 2 for x in range(10)] and view[3] == 6 and len(view) == 10
    assert len(calls) == 11


def test_a_closed_table_is_gone_and_its_rows_with_it():
    table = WorkTable([1, 2, 3])
    table.flush()
    name, store = table.name, table.store
    table.close()
    with pytest.raises(ValueError):
        list(table)
    WorkTable()  # tables let go are dropped when the next is made
    assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0] == 0


def test_the_store_is_an_sqlite_file_removed_when_closed(tmp_path):
    store = WorkStore()
    table = WorkTable(["ข้อความ"] * 10, store=store)
    table.flush()
    path = Path(store.path)
    with sqlite3.connect(path) as other:  # a real database another connection can read
        assert other.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] == 10
    store.close()
    assert not path.exists() and not path.parent.exists()


def test_a_forked_process_reads_the_store_while_this_one_writes(monkeypatch):
    monkeypatch.setattr(workstore, "_BATCH_BYTES", 4096)
    table = WorkTable(range(20000))
    assert 0 < table._written < len(table)  # the last items not written yet: read from memory there too
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=lambda: queue.put(list(table) == list(range(20000))))
    child.start()
    other = WorkTable(range(20000))  # written meanwhile, to the same database
    assert queue.get(timeout=60) is True
    child.join()
    assert child.exitcode == 0 and list(other) == list(range(20000)) and list(table) == list(range(20000))


@pytest.mark.parametrize("jobs", [1, 2])  # 2: packed by the worker processes, stored as they are
def test_collect_keeps_each_workbooks_entries_in_the_store_until_the_merge(sample_plan, jobs):
    whole, _ = read_inputs(sample_plan, [SAMPLES / "6m"], jobs=jobs)
    stash = Stash()
    light, _ = read_inputs(sample_plan, [SAMPLES / "6m"], jobs=jobs, stash=stash)
    assert len(light) == len(whole) == 5
    assert all(ret.entries for ret in whole)
    assert all(not ret.entries and not ret.log and ret.packed is None for ret in light)
    for kept, full in zip(light, whole, strict=True):
        assert stash.load(kept) == full


def test_outputs_from_the_store_are_those_of_the_whole_results(sample_plan, tmp_path):
    results = collect(sample_plan, [SAMPLES / "with-mistakes"], round_id="6m", as_of=AS_OF)
    assert isinstance(results.records, StoredRecords)
    whole = results.to_dict()
    assert len(whole["records"]) == len(results.records) > 50
    written, _ = write_outputs(results, tmp_path / "out.xlsx")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == whole
    from_dict = write_consolidated(whole, sample_plan, tmp_path / "from-dict.xlsx")
    assert (tmp_path / "out.xlsx").read_bytes() == from_dict.read_bytes()


def test_problems_in_the_store_read_and_sort_as_the_list_of_them_does():
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
    store = ProblemTable()
    kept = StoredProblems(store, store.add_all(made))
    assert list(kept) == made and kept[5] == made[5] and kept[-1] == made[-1]
    assert list(kept.severities()) == [p.severity for p in made]
    assert list(kept.sorted()) == sorted(made, key=sort_key)
    some = StoredProblems(store, kept.positions[::-3])
    assert list(some.sorted()) == sorted(made[::-3], key=sort_key)


def test_results_with_problems_in_the_store_are_those_with_lists(sample_plan):
    results = collect(sample_plan, [SAMPLES / "with-mistakes"], round_id="6m", as_of=AS_OF)
    assert isinstance(results.problems, StoredProblems) and len(results.problems) > 10
    assert all(isinstance(f.problems, StoredProblems) for f in results.files)
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


def test_a_record_read_back_from_the_store_is_the_record_less_its_cell_references(sample_plan):
    as_dict = RecordDict(sample_plan, STATUS_BY_CODE, STATE_BY_CODE)
    kept = StoredRecords(sample_plan)
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


def test_record_keys_kept_in_columns_are_those_of_the_records(mistakes):
    from ita_xlsx.collect.record_table import KeyColumns
    from ita_xlsx.read.records import KeyMaker, RecordKey

    table = mistakes.records.dicts
    made = list(map(KeyMaker(), table))
    assert list(table.record_keys) == made and len(table.record_keys) == len(made) > 50
    assert [table.record_keys[i] for i in (0, 7, -1)] == [made[0], made[7], made[-1]]
    assert list(table.states()) == [key.state for key in made]
    columns = KeyColumns()
    odd = RecordKey("1", "finance", "overdue", "", 1, None, None)  # a code equal to a number's text
    for key in (*made[:3], odd, RecordKey("m", "d", "done", "ก", 0, 0, "2023-01-31")):
        columns.append(key)
    assert list(columns) == [*made[:3], odd, RecordKey("m", "d", "done", "ก", 0, 0, "2023-01-31")]
    assert [key.state for key in columns][-2:] == ["overdue", "done"]
    many = [RecordKey(f"m{i % 300}", f"u{i}", "done", "", i % 9, i, None) for i in range(70_000)]
    for key in many:  # more divisions and days than a byte, then two bytes, can number
        columns.append(key)
    assert columns[5:] == many and columns[-1] == many[-1] and list(columns)[5:] == many
