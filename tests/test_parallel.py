"""Reading in worker processes: the same results as a serial run, a crash loses no other file,
Ctrl-C leaves no output, and a few files never start workers."""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ita_xlsx import samples
from ita_xlsx.cli import cli
from ita_xlsx.collect import pool as collect_module
from ita_xlsx.collect.run import collect

from processes import ctrl_c_as_in_a_terminal
from workbooks import ROOT

AS_OF = dt.date(2023, 3, 31)
SAMPLES = ROOT / "samples"
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"

forked_workers = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the reader is patched in this process, which only forked workers inherit",
)


def variant(data: bytes, n: int) -> bytes:
    """The same workbook with another zip comment: other bytes (not a duplicate), same content."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as package:
        package.comment = f"copy {n}".encode()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """Returns of every kind: clean, with mistakes, versions, duplicates, a zip, litter."""
    folder = tmp_path_factory.mktemp("inbox")
    shutil.copytree(SAMPLES / "6m", folder / "6m")
    shutil.copytree(SAMPLES / "with-mistakes", folder / "with-mistakes")
    books = sorted((SAMPLES / "6m").glob("*.xlsx"))
    with zipfile.ZipFile(folder / "ส่งรวม.zip", "w") as package:
        for n, book in enumerate(books[:3]):
            package.writestr(f"รอบแรก/{n}_{book.name}", variant(book.read_bytes(), n))
        package.writestr("หนังสือนำส่ง.pdf", b"%PDF-1.4\n%%EOF\n")
    for n, book in enumerate(books * 3):
        (folder / "versions").mkdir(exist_ok=True)
        (folder / "versions" / f"{n:02d}_{book.name}").write_bytes(variant(book.read_bytes(), 100 + n))
    (folder / "versions" / "~$lock.xlsx").write_bytes(b"\0" * 165)
    (folder / "versions" / "empty.xlsx").write_bytes(b"")
    (folder / "versions" / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    (folder / "versions" / "เสียระหว่างส่ง.xlsx").write_bytes(bad_crc(books[0].read_bytes()))
    return folder


def bad_crc(data: bytes) -> bytes:
    """The workbook with one byte of its measures sheet's compressed data changed: the zip's
    directory is intact, the part does not check out (a file damaged on its way)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    local = info.header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    middle = local + 30 + name_length + extra_length + info.compress_size // 2
    return data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1 :]


def without_run_id(json_text: str | bytes) -> str | bytes:
    """The JSON of a run without its run id, which is new for every run."""
    pattern = rb'\n "run_id": "[0-9a-f]+",' if isinstance(json_text, bytes) else r'\n "run_id": "[0-9a-f]+",'
    return re.sub(pattern, b"" if isinstance(json_text, bytes) else "", json_text, count=1)


def run_collect(inbox: Path, out: Path, *jobs: str) -> bytes:
    args = ["collect", "--plan", str(PLAN), "--round", "6m", "--as-of", AS_OF.isoformat(), *jobs]
    result = CliRunner().invoke(cli, [*args, "--out", str(out), str(inbox)])
    assert result.exit_code == 1, result.output  # the mistakes are errors; both outputs are written
    return without_run_id(out.with_suffix(".json").read_bytes())


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_parallel_json_is_the_serial_json_byte_for_byte(inbox, tmp_path, monkeypatch, start_method):
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} here")
    monkeypatch.setattr(collect_module, "_START_METHOD", start_method)  # spawn: as on Windows and macOS
    monkeypatch.setattr(collect_module, "_CHUNK", 3)  # many tasks, so that order matters
    serial = run_collect(inbox, tmp_path / "serial" / "out.xlsx", "--jobs", "1")
    parallel = run_collect(inbox, tmp_path / "parallel" / "out.xlsx", "--jobs", "2")
    assert parallel == serial
    assert b'"intake-duplicate"' in serial and b'"file-superseded"' in serial  # the corpus has them
    damaged = next(f for f in json.loads(serial)["files"] if f["path"].endswith("เสียระหว่างส่ง.xlsx"))
    assert not damaged["accepted"] and [p["code"] for p in damaged["problems"]] == ["intake-truncated"]


def test_auto_reads_a_few_files_here_and_many_in_workers(inbox, sample_plan, monkeypatch):
    serial = without_run_id(collect(sample_plan, [inbox], round_id="6m", as_of=AS_OF, jobs=1).to_json())
    started: list[int] = []
    real_pool = collect_module._Pool

    def counting_pool(*args):
        started.append(1)
        return real_pool(*args)

    monkeypatch.setattr(collect_module, "_Pool", counting_pool)
    monkeypatch.setattr(collect_module, "PARALLEL_AFTER", 1000)
    assert without_run_id(collect(sample_plan, [inbox], round_id="6m", as_of=AS_OF).to_json()) == serial
    assert not started
    monkeypatch.setattr(collect_module, "PARALLEL_AFTER", 4)
    monkeypatch.setattr(collect_module, "default_jobs", lambda: 2)
    assert without_run_id(collect(sample_plan, [inbox], round_id="6m", as_of=AS_OF).to_json()) == serial
    assert started


@pytest.mark.parametrize("jobs", [1, 2])
def test_records_judged_as_files_are_read_are_those_of_the_merge(sample_plan, tmp_path, jobs):
    """Each file's records are made and judged where it is read (a worker), before anyone knows
    which file wins or which round most files are for; what lands must be what merging the chosen
    files afterwards gives. Here the 12-month files are the most, so the 6-month ones are set
    aside after they were judged, and three divisions sent their 12-month file twice."""
    from ita_xlsx.check import rules
    from ita_xlsx.check.merge import choose_versions, division_records
    from ita_xlsx.core.status import STATE_BY_CODE, STATUS_BY_CODE
    from ita_xlsx.read.records import RecordDict
    from ita_xlsx.template.writer import build_template

    shutil.copytree(SAMPLES / "with-mistakes", tmp_path / "in" / "6m")
    actions = samples.seed_actions(SAMPLES / "seed-actions.yaml")
    year = samples.records_from_seed(sample_plan, actions, "12m")
    divisions = ["palad", "finance", "works", "education", "audit", "palad", "finance", "works"]
    for n, division in enumerate(divisions):
        data = build_template(
            sample_plan,
            "12m",
            division,
            password=samples.PASSWORD,
            generated=dt.datetime(2023, 10, n + 1, 9, 0),
            prefill=year,
        )
        (tmp_path / "in" / f"12m-{n}-{division}.xlsx").write_bytes(data)
    results = collect(sample_plan, [tmp_path / "in"], as_of=dt.date(2023, 9, 1), jobs=jobs)
    assert results.round_id == "12m" and results.summary()["files_accepted"] == 8

    returned, _ = collect_module.read_inputs(sample_plan, [tmp_path / "in"], jobs=1)  # entries kept
    for ret in returned:
        ret.accepted = ret.accepted and ret.round_id == "12m"
    chosen, _ = choose_versions(returned)
    assert [Path(chosen[d].source).name for d in ("palad", "finance", "works")] == [
        "12m-5-palad.xlsx",
        "12m-6-finance.xlsx",
        "12m-7-works.xlsx",
    ]
    as_dict = RecordDict(sample_plan, STATUS_BY_CODE, STATE_BY_CODE)
    expected_records, expected_problems = [], []
    made_here = (
        record
        for division in sample_plan.divisions
        for record in division_records(sample_plan, division.code, chosen.get(division.code))
    )
    for record in made_here:
        measure = sample_plan.measure(record.measure_id)
        found = rules.evaluate(record, measure, sample_plan, sample_plan.round("12m"), dt.date(2023, 9, 1))
        expected_problems += [p.to_dict() for p in found]
        expected_records.append(as_dict(record))
    assert list(results.records.dicts) == expected_records
    kept = results.records.dicts  # the set-aside files' records lie among these, unlisted
    assert len(kept.store) > len(kept) and [kept[i] for i in range(len(kept))] == expected_records
    rule_codes = {p["code"] for p in expected_problems}
    assert {"period-without-action", "date-missing"} <= rule_codes  # the rules had things to say
    landed = [p.to_dict() for p in results.problems if p.code in rule_codes]
    assert sorted(map(str, landed)) == sorted(map(str, expected_problems))


@forked_workers
def test_a_worker_crash_is_reported_on_its_file_and_loses_no_other(inbox, sample_plan, monkeypatch):
    serial = collect(sample_plan, [inbox / "6m"], round_id="6m", as_of=AS_OF, jobs=1)
    parent = os.getpid()
    real_read = collect_module.read_returned

    def crashing_read(source, *args, **kwargs):
        if "finance" in source and os.getpid() != parent:
            os._exit(7)  # as a segfault in a reader library would end the worker
        return real_read(source, *args, **kwargs)

    monkeypatch.setattr(collect_module, "read_returned", crashing_read)
    results = collect(sample_plan, [inbox / "6m"], round_id="6m", as_of=AS_OF, jobs=2)
    by_path = {Path(f.path).name: f for f in results.files}
    crashed = [name for name, f in by_path.items() if "finance" in name]
    assert len(crashed) == 1 and not by_path[crashed[0]].accepted
    assert [p.code for p in by_path[crashed[0]].problems] == ["intake-truncated"]
    others = {Path(f.path).name: (f.accepted, [p.code for p in f.problems]) for f in serial.files}
    assert {
        n: (f.accepted, [p.code for p in f.problems]) for n, f in by_path.items() if n not in crashed
    } == {n: v for n, v in others.items() if n not in crashed}


_SLOW_COLLECT = """
import os, sys, time
from pathlib import Path
from ita_xlsx.collect import pool as collect
real = collect.read_returned
marker = Path(sys.argv[1])
def slow(*args, **kwargs):
    marker.touch()  # a worker is reading: time for Ctrl-C
    time.sleep(0.05)
    return real(*args, **kwargs)
collect.read_returned = slow
sys.argv = ["ita-xlsx", *sys.argv[2:]]
from ita_xlsx.cli import main
main()
"""


@forked_workers
def test_ctrl_c_while_workers_read_leaves_no_output(inbox, tmp_path):
    out = tmp_path / "out" / "สรุป.xlsx"
    out.parent.mkdir()
    started = tmp_path / "reading"
    argv = ["collect", "--plan", str(PLAN), "--round", "6m", "--jobs", "2", "--out", str(out), str(inbox)]
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_COLLECT, str(started), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    deadline = time.monotonic() + 60
    while not started.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started.exists(), child.communicate()
    os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C sends: to the whole group, workers too
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err.decode()
    assert list(out.parent.iterdir()) == []
    with pytest.raises(ProcessLookupError):  # no worker is left behind
        for _ in range(100):
            os.killpg(child.pid, 0)
            time.sleep(0.05)


def test_jobs_must_be_at_least_one(tmp_path):
    result = CliRunner().invoke(
        cli, ["collect", "--plan", str(PLAN), "--jobs", "0", "--out", str(tmp_path / "o.xlsx"), str(tmp_path)]
    )
    assert result.exit_code == 2
