"""Nothing that arrives can break ``collect``: the hostile corpus, alone and mixed with good files.

The corpus (tests/hostile.py ``CORPUS``) is built once per session. Each case is read on its own
through ``collect.read_inputs`` and must have its stated outcome; then the real command runs in a
subprocess over the whole corpus mixed with samples/6m, and must exit 1 with every bad file
reported, every good file merged exactly as without the corpus, no traceback, and bounded memory.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ita_xlsx import messages
from ita_xlsx.collect import run as collect
from ita_xlsx.core.problems import Problem
from ita_xlsx.read.returned import read_returned
from ita_xlsx.read.returned_file import Returned

try:
    import hostile
except ImportError:  # tests/ collected as a package
    from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
AS_OF = "2023-03-31"
PEAK_RSS_LIMIT_MB = 1024
FIELDS = ("status", "action_date", "result", "evidence", "note")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Case name → the file written for it (all in one folder, built once)."""
    folder = tmp_path_factory.mktemp("corpus")
    return {case.name: path for case, path in hostile.build_corpus(folder)}


@dataclass
class Observed:
    seconds: float
    returned: list[Returned]
    problems: list[Problem]

    @property
    def summary(self) -> str:
        if len(self.returned) == 1 and self.returned[0].accepted:
            ret = self.returned[0]
            return f"accepted {ret.division} {sorted({p.code for p in self.problems}) or '[]'}"
        errors = sorted({p.code for p in self.problems if p.severity == "error"})
        return f"rejected {', '.join(errors) or '(no error!)'}"


@pytest.fixture(scope="session")
def observed(corpus, sample_plan) -> dict[str, Observed]:
    """Each corpus file read on its own, timed (the time is reported, not asserted)."""
    found = {}
    for name, path in corpus.items():
        started = time.perf_counter()
        returned, others = collect.read_inputs(sample_plan, [path])
        seconds = time.perf_counter() - started
        problems = [p for f in others for p in f.problems] + [p for r in returned for p in r.problems]
        found[name] = Observed(seconds, returned, problems)
    return found


@pytest.fixture(scope="session")
def sample_reads(sample_plan) -> dict[str, Returned]:
    """Each division's sample workbook, read as is: what the corpus workbooks are compared with."""
    return {
        division: read_returned(division, hostile.real_workbook(division), sample_plan)
        for division in ("palad", "finance", "works", "education", "audit")
    }


def entries(ret: Returned) -> dict[str, dict[str, object]]:
    return {m: {f: getattr(e, f) for f in FIELDS} for m, e in ret.entries.items()}


def log(ret: Returned) -> list[dict[str, object]]:
    return [
        {"measure_id": x.measure_id, "date": x.date, "detail": x.detail, "evidence": x.evidence}
        for x in ret.log
    ]


def expected_entries(sample: Returned, expect: hostile.Expect) -> tuple[dict, list]:
    want, want_log = entries(sample), log(sample)
    for measure_id, changes in expect.changes.items():
        want[measure_id].update(changes)
    for index, changes in expect.log_changes.items():
        want_log[index].update(changes)
    return want, want_log + [dict(entry) for entry in expect.log_added]


# --- the corpus, file by file ----------------------------------------------------------------


def test_the_corpus_is_large_and_covers_the_issue() -> None:
    names = {case.name for case in hostile.CORPUS}
    assert len(hostile.CORPUS) >= 30
    assert len(names) == len(hostile.CORPUS)
    for part in hostile.READ_PARTS:
        for kind in ("billion-laughs", "external-entity"):
            assert any(c.name.startswith(kind) and c.expect.part == part for c in hostile.CORPUS), (
                kind,
                part,
            )
    assert sum(n.startswith("formula-injection") for n in names) == len(hostile.INJECTIONS)


@pytest.mark.parametrize("case", hostile.CORPUS, ids=lambda case: case.name)
def test_case(case: hostile.CorpusCase, corpus, observed, sample_reads) -> None:
    path, seen, expect = corpus[case.name], observed[case.name], case.expect
    for problem in seen.problems:
        hostile.assert_renders(problem)
        assert problem.file == str(path), (problem.file, problem.code)
    if not expect.accepted:
        assert not any(r.accepted for r in seen.returned), seen.summary
        matching = [p for p in seen.problems if p.code == expect.code and p.severity == "error"]
        assert matching, seen.summary
        if expect.part:
            assert matching[0].params["part"] == expect.part
        return
    [ret] = seen.returned
    assert ret.accepted and ret.division == expect.division, seen.summary
    assert {p.code for p in seen.problems} == expect.codes, seen.summary
    want, want_log = expected_entries(sample_reads[expect.division], expect)
    assert entries(ret) == want
    assert log(ret) == want_log


def test_the_32767_character_cell_is_kept_whole(observed) -> None:
    [ret] = observed["cell-of-32767-characters"].returned
    assert len(hostile.LONG_TEXT) == 32767
    assert ret.entries["i7"].result == hostile.LONG_TEXT


def test_the_1904_workbook_really_is_1904_and_its_dates_are_right(corpus, observed, sample_reads) -> None:
    import zipfile

    with zipfile.ZipFile(corpus["date-system-1904"]) as book:
        assert b'date1904="1"' in book.read("xl/workbook.xml")
    [ret] = observed["date-system-1904"].returned
    sample = sample_reads["finance"]
    dated = [m for m, e in sample.entries.items() if e.action_date]
    assert dated and all(ret.entries[m].action_date == sample.entries[m].action_date for m in dated)


def test_report_the_corpus_table(corpus, observed, capsys) -> None:
    """The table of case → expected → observed, and the slowest file (printed, never asserted)."""
    lines = [f"{'case':50} {'seconds':>8}  expected → observed"]
    for case in hostile.CORPUS:
        seen = observed[case.name]
        lines.append(f"{case.name:50} {seen.seconds:8.3f}  {case.expect.describe()} → {seen.summary}")
    slowest = max(observed, key=lambda name: observed[name].seconds)
    lines.append(f"slowest file: {slowest} {observed[slowest].seconds:.3f} s")
    report = "\n".join(lines)
    path = next(iter(corpus.values())).parent.parent / "corpus-report.txt"
    path.write_text(report, encoding="utf-8")
    with capsys.disabled():  # the whole table with ITA_CORPUS_REPORT=1
        print("\n" + (report if os.environ.get("ITA_CORPUS_REPORT") else f"{lines[-1]} (table: {path})"))


# --- the real command over the corpus mixed with good files ---------------------------------


def run_collect(out: Path, *inputs: Path, timeout: float = 300) -> hostile.ChildRun:
    """``ita-xlsx collect`` in a subprocess; its exit code, output, time and peak RSS."""
    argv = [*hostile.ita_xlsx_argv(), "collect", "--plan", str(PLAN), "--round", "6m", "--as-of", AS_OF]
    child = hostile.run_measured(
        [*argv, "--out", str(out), *map(str, inputs)], timeout, env={**os.environ, "ITA_LANG": "th"}
    )
    assert not child.timed_out, f"collect did not finish in {timeout} s"
    return child


def internal_error_marks() -> list[str]:
    thai, english = messages.catalogue()["cli.internal-error"]
    return [thai.split("{")[0].strip(), english.split("{")[0].strip()]


@pytest.fixture(scope="session")
def mixed_run(corpus, tmp_path_factory) -> tuple[hostile.ChildRun, dict, dict, Path]:
    """samples/6m alone, then the corpus mixed with samples/6m: (mixed run, base json, mixed json, OUT)."""
    work = tmp_path_factory.mktemp("mixed")
    folder = next(iter(corpus.values())).parent
    base = run_collect(work / "base" / "OUT.xlsx", hostile.SAMPLES_6M)
    assert base.returncode == 0, base.stderr
    out = work / "mixed" / "OUT.xlsx"
    run = run_collect(out, folder, hostile.SAMPLES_6M)
    base_json = json.loads((work / "base" / "OUT.json").read_text(encoding="utf-8"))
    mixed_json = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    return run, base_json, mixed_json, out


def test_mixed_run_exits_1_without_traceback_or_internal_error(mixed_run, capsys) -> None:
    run, _, _, _ = mixed_run
    with capsys.disabled():
        print(
            f"\nmixed collect: {run.seconds:.1f} s, peak RSS {run.peak_rss_mb:.0f} MB "
            "(getrusage(RUSAGE_CHILDREN) in a wrapper process around the command)"
        )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    for mark in internal_error_marks():
        assert mark not in run.stderr + run.stdout
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB


def test_mixed_run_merges_the_good_files_exactly_as_without_the_corpus(mixed_run) -> None:
    _, base, mixed, _ = mixed_run
    assert mixed["records"] == base["records"]
    assert len(base["records"]) == 56


def test_mixed_run_reports_every_bad_file_with_a_catalogue_code(corpus, mixed_run) -> None:
    _, _, mixed, _ = mixed_run
    reports: dict[str, list[dict]] = {}
    for report in mixed["files"]:
        reports.setdefault(report["path"], []).append(report)
    for problem in mixed["problems"]:
        assert messages.has(problem["code"]), problem["code"]
        assert problem["message_th"] and problem["message_en"]
    samples = {str(p) for p in hostile.SAMPLES_6M.glob("*.xlsx")}
    for case in hostile.CORPUS:
        found = reports.get(str(corpus[case.name]))
        assert found, f"{case.name}: not in the JSON"
        codes = {p["code"] for r in found for p in r["problems"]}
        if case.expect.accepted:
            winner = [r for r in found if r["accepted"]]
            assert winner and winner[0]["superseded_by"] in samples, (case.name, found)
        else:
            assert not any(r["accepted"] for r in found), case.name
            assert case.expect.code in codes, (case.name, codes)


@pytest.mark.filterwarnings("ignore:.*extension is not supported")
def test_mixed_run_workbook_lists_every_bad_file_and_holds_no_formula(corpus, mixed_run) -> None:
    import openpyxl

    _, _, _, out = mixed_run
    book = openpyxl.load_workbook(out)
    listed: set[tuple[str, str]] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
            if sheet.title == "ปัญหาข้อมูล":
                values = [c.value for c in row]
                listed.add((str(values[1]), str(values[7])))
    for case in hostile.CORPUS:
        if not case.expect.accepted:
            assert (str(corpus[case.name]), case.expect.code) in listed, case.name


def test_the_corpus_folder_is_never_written_to(corpus, mixed_run) -> None:
    """Inputs are read, never re-saved, and no zip entry is ever extracted anywhere."""
    folder = next(iter(corpus.values())).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in corpus.values())
    for root in (folder.parent, Path.cwd(), Path("/tmp")):
        assert not list(root.glob("ita-owned.txt")) and not list(root.glob("evil.xml"))
