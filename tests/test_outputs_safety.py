"""What ``collect`` writes is safe: no formula from input text, atomic files, inputs never overwritten.

Everything runs the real command in a subprocess: formula-injection text from REAL returned
workbooks must come out as text (JSON and every cell of the consolidated workbook); a SIGKILL
while the outputs are written leaves the previous OUT.xlsx/OUT.json as they were; Ctrl-C while
reading leaves nothing behind; an output path naming an input is refused with exit 2.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from ita_xlsx import messages
from ita_xlsx.intake.gather import is_temp_name
from ita_xlsx.read import layout

from processes import ctrl_c_as_in_a_terminal

try:
    import hostile
except ImportError:  # tests/ collected as a package
    from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
AS_OF = "2023-03-31"
ENV = {**os.environ, "ITA_LANG": "th"}
MANY = 200  # returned workbooks for the runs that must last long enough to be interrupted


def collect_argv(out: Path, *inputs: Path) -> list[str]:
    return [
        *hostile.ita_xlsx_argv(),
        "collect",
        "--plan",
        str(PLAN),
        "--round",
        "6m",
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        *map(str, inputs),
    ]


def collect(out: Path, *inputs: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        collect_argv(out, *inputs), capture_output=True, text=True, timeout=timeout, env=ENV
    )


def temp_files(folder: Path, stem: str = "OUT") -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(f".{stem}.") and p.name.endswith(".tmp")
    )


# --- formula injection: text in, text out ---------------------------------------------------


@pytest.fixture(scope="module")
def injected(tmp_path_factory, sample_plan) -> tuple[Path, dict[str, dict[str, str]]]:
    """Five REAL returned workbooks, every input cell of every row holding an injection string.

    Returns the consolidated workbook and, per division and measure, the text each must keep.
    """
    folder = tmp_path_factory.mktemp("injected")
    kept: dict[str, dict[str, str]] = {}
    for offset, division in enumerate(("palad", "finance", "works", "education", "audit")):
        measures = [m.id for m in sample_plan.measures_for(division)]
        values = {
            m: hostile.INJECTIONS[(i + offset) % len(hostile.INJECTIONS)] for i, m in enumerate(measures)
        }
        if division == "audit":
            values[measures[0]] = hostile.LONG_TEXT

        def change(book, values=values) -> None:
            for measure_id, value in values.items():
                for name in layout.INPUT_NAMES:
                    if value is hostile.LONG_TEXT and name != layout.NAME_RESULT:
                        continue
                    hostile.as_text(hostile.input_cell(book, name, measure_id), value)

        data = hostile.clerk_edit(hostile.real_workbook(division), change)
        (folder / "in").mkdir(exist_ok=True)
        (folder / "in" / f"{division} แก้ไข.xlsx").write_bytes(data)
        kept[division] = {m: v.strip() for m, v in values.items()}
    out = folder / "out" / "OUT.xlsx"
    done = collect(out, folder / "in")
    assert done.returncode == 1, done.stderr  # unknown statuses and dates are errors
    assert "Traceback" not in done.stderr
    return out, kept


def test_injection_text_is_text_in_the_json(injected) -> None:
    out, kept = injected
    records = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["records"]
    seen = 0
    for record in records:
        text = kept[record["division"]][record["measure_id"]]
        assert record["result"] == text
        if text != hostile.LONG_TEXT:
            assert record["evidence"] == text and record["note"] == text
            assert record["status"] == "not_started" and record["action_date"] is None
        seen += 1
    assert seen == 56


@pytest.mark.filterwarnings("ignore:.*extension is not supported")
def test_no_cell_of_the_consolidated_workbook_is_a_formula(injected) -> None:
    import openpyxl

    out, kept = injected
    book = openpyxl.load_workbook(out)
    texts: dict[str, list] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.setdefault(cell.value, []).append(cell)
    wanted = {t for division in kept.values() for t in division.values()}
    assert wanted == {v.strip() for v in hostile.INJECTIONS} | {hostile.LONG_TEXT}
    for text in wanted:
        assert text in texts, text[:40]
        for cell in texts[text]:
            assert cell.data_type == "s"
            if text.startswith(("=", "+", "-", "@")):
                assert cell.quotePrefix, (cell.parent.title, cell.coordinate, text)
    [long_cell] = texts[hostile.LONG_TEXT]
    assert len(long_cell.value) == 32767


def test_the_consolidated_workbook_has_no_formula_dde_or_external_link_parts(injected) -> None:
    out, _ = injected
    with zipfile.ZipFile(out) as book:
        names = book.namelist()
        assert not [n for n in names if "externalLink" in n or "connections" in n or n.endswith(".bin")]
        for name in names:
            xml = book.read(name)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                cells = xml[xml.find(b"<sheetData") : xml.find(b"</sheetData>")]
                assert not re.search(rb"<(?:\w+:)?f[ >/]", cells), name  # no cell holds a formula
                assert b"ddeLink" not in xml and b"ddeService" not in xml, name
            if name.endswith(".rels"):
                for target in re.findall(rb'<Relationship\b[^>]*TargetMode="External"[^>]*>', xml):
                    url = re.search(rb'Target="([^"]*)"', target).group(1)
                    assert url.startswith((b"http://", b"https://")), (name, url)


# --- atomic writes under SIGKILL -----------------------------------------------------------------


@pytest.fixture(scope="session")
def many(tmp_path_factory) -> Path:
    """200 distinct returned workbooks: a collect that lasts a couple of seconds."""
    return hostile.many_returns(tmp_path_factory.mktemp("many") / "returns", MANY)


@pytest.fixture
def old_outputs(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a previous OUT.xlsx (a real consolidated workbook) and OUT.json."""
    folder = tmp_path / "out"
    done = collect(folder / "OUT.xlsx", hostile.SAMPLES_6M)
    assert done.returncode == 0, done.stderr
    return folder, {name: (folder / name).read_bytes() for name in ("OUT.xlsx", "OUT.json")}


def assert_old_outputs_intact(folder: Path, old: dict[str, bytes]) -> None:
    import openpyxl

    for name, data in old.items():
        assert (folder / name).read_bytes() == data, f"{name} changed"
    json.loads((folder / "OUT.json").read_text(encoding="utf-8"))
    openpyxl.load_workbook(folder / "OUT.xlsx", read_only=True).close()


def kill_when(proc: subprocess.Popen, ready, timeout: float = 60) -> bool:
    """Poll until ``ready()``; then SIGKILL. False when the process ended first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.wait(timeout=60)
    return False


def test_sigkill_while_writing_leaves_the_old_outputs_untouched(many, old_outputs) -> None:
    folder, old = old_outputs
    proc = subprocess.Popen(
        collect_argv(folder / "OUT.xlsx", many), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    killed = kill_when(proc, lambda: temp_files(folder))
    assert killed, "collect finished before a temporary output file was seen"
    assert proc.returncode == -signal.SIGKILL
    assert_old_outputs_intact(folder, old)
    leftovers = temp_files(folder)
    others = sorted(p.name for p in folder.iterdir() if p.name not in old and p.name not in leftovers)
    assert others == [], others  # only clearly temporary names may be left by a SIGKILL
    assert all(is_temp_name(name) for name in leftovers)

    # The next run writes good outputs; a leftover given as an input (a folder of returns that
    # also holds the outputs) is skipped by intake as a temp file, and removed: no run holds it.
    done = collect(folder / "OUT.xlsx", hostile.SAMPLES_6M, *(folder / name for name in leftovers))
    assert done.returncode == 0, done.stderr
    results = json.loads((folder / "OUT.json").read_text(encoding="utf-8"))
    assert len(results["records"]) == 56
    skipped = {p["file"] for p in results["problems"] if p["code"] == "intake-skipped-temp"}
    assert {str(folder / name) for name in leftovers} <= skipped
    assert temp_files(folder) == []


def test_sigkill_while_the_workbook_is_written_keeps_the_pair_consistent(many, old_outputs) -> None:
    """Killed after OUT.json was replaced but before OUT.xlsx was: the two must not disagree.

    Each file is atomic on its own, but outputs.write_outputs replaces OUT.json first, then
    writes the workbook: a SIGKILL in between leaves a new OUT.json beside the old OUT.xlsx.
    """
    folder, old = old_outputs
    json_path = folder / "OUT.json"
    before = json_path.stat().st_ino
    proc = subprocess.Popen(
        collect_argv(folder / "OUT.xlsx", many), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    kill_when(proc, lambda: json_path.stat().st_ino != before and temp_files(folder))
    # Either nothing was replaced yet (both old) or everything was (both new): never a mix.
    now = {name: (folder / name).read_bytes() for name in old}
    assert (now == old) or all(now[name] != old[name] for name in old), "OUT.json and OUT.xlsx disagree"


# --- Ctrl-C ------------------------------------------------------------------------------------


def test_ctrl_c_while_reading_leaves_nothing_and_exits_130(many, tmp_path) -> None:
    """SIGINT once the progress counter shows reading has begun (stderr is a terminal)."""
    out = tmp_path / "out" / "OUT.xlsx"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        collect_argv(out, many),
        stdout=subprocess.PIPE,
        stderr=slave,
        env=ENV,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    os.close(slave)
    shown = b""
    try:
        deadline = time.monotonic() + 60
        while not shown.strip() and time.monotonic() < deadline:  # the counter: "อ่านแล้ว 10 ไฟล์"
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                shown += os.read(master, 4096)
        assert proc.poll() is None, "collect ended before it could be interrupted"
        os.kill(proc.pid, signal.SIGINT)
        stdout, _ = proc.communicate(timeout=60)
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert proc.returncode == 130
    message = shown.decode("utf-8", "replace")
    assert messages.text("cli.interrupted", "th") in message
    assert "Traceback" not in message
    assert not out.exists() and not out.with_suffix(".json").exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


# --- outputs that would overwrite an input ---------------------------------------------------------


def _snapshot(paths: list[Path]) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}


@pytest.mark.parametrize("sibling", ["xlsx", "json", "pdf"])
def test_an_output_naming_an_input_is_refused_with_exit_2(tmp_path, sibling) -> None:
    """OUT.xlsx, or its OUT.json / OUT.pdf sibling, naming an input: exit 2, the input untouched."""
    folder = tmp_path / "returns"
    folder.mkdir()
    good = folder / "กองคลัง.xlsx"
    good.write_bytes(hostile.real_workbook("finance"))
    victim = folder / f"OUT.{sibling}"
    victim.write_bytes(hostile.real_workbook("works"))  # a workbook, whatever its name says
    before = _snapshot([good, victim])
    done = collect(folder / "OUT.xlsx", good, victim)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert _snapshot([good, victim]) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(["กองคลัง.xlsx", victim.name])


def test_a_pdf_of_an_earlier_run_is_kept_and_said_to_be_stale(tmp_path) -> None:
    """Without --pdf the new workbook would sit beside an old report: kept, with a warning naming it."""
    good = tmp_path / "returns" / "กองคลัง.xlsx"
    good.parent.mkdir()
    good.write_bytes(hostile.real_workbook("finance"))
    out = tmp_path / "out" / "สรุป.xlsx"
    out.parent.mkdir()
    old_pdf = out.with_suffix(".pdf")
    old_pdf.write_bytes(b"%PDF-1.4 the report of last week")
    done = collect(out, good)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert old_pdf.read_bytes() == b"%PDF-1.4 the report of last week"
    assert f"{old_pdf}: คำเตือน: ไฟล์ PDF นี้มาจากการรวบรวมครั้งก่อน" in done.stderr
    assert "[pdf-stale]" in done.stderr
    again = collect(tmp_path / "out" / "อื่น.xlsx", good)  # no PDF of that name: nothing said
    assert "pdf-stale" not in again.stderr


def test_a_folder_where_the_json_goes_stops_the_run_before_the_workbook_is_replaced(tmp_path) -> None:
    """The pair is replaced together or not at all, and the message names the user's path."""
    out = tmp_path / "OUT.xlsx"
    assert collect(out, ROOT / "samples" / "6m").returncode == 0
    before = out.read_bytes()
    json_path = out.with_suffix(".json")
    json_path.unlink()
    json_path.mkdir()  # a folder of that name, made by mistake
    done = collect(out, ROOT / "samples" / "6m")
    assert done.returncode == 2, done.stdout + done.stderr
    assert out.read_bytes() == before
    assert f"{json_path} (" in done.stderr and ".tmp" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT.json", "OUT.xlsx"]


def test_the_plan_is_never_overwritten_by_an_output(tmp_path) -> None:
    plan = tmp_path / "plan.xlsx"
    assert (
        subprocess.run(
            [*hostile.ita_xlsx_argv(), "plan", "convert", str(PLAN), str(plan)], capture_output=True, env=ENV
        ).returncode
        == 0
    )
    before = _snapshot([plan])
    argv = collect_argv(plan, ROOT / "samples" / "6m")
    argv[argv.index("--plan") + 1] = str(plan)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=ENV)
    assert done.returncode == 2, done.stdout + done.stderr
    assert _snapshot([plan]) == before


def test_an_output_inside_an_input_folder_may_not_overwrite_a_returned_file(tmp_path) -> None:
    """``collect --out returns/X.xlsx returns/`` where X.xlsx is a division's file: refused, untouched."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for division in ("finance", "works"):
        (folder / f"{division}.xlsx").write_bytes(hostile.real_workbook(division))
    victim = folder / "finance.xlsx"
    before = _snapshot([victim])
    done = collect(victim, folder)
    assert _snapshot([victim]) == before, "a returned workbook was overwritten by the output"
    assert done.returncode == 2, done.stdout + done.stderr


def test_an_output_hard_linked_to_an_input_is_refused_cleanly(tmp_path) -> None:
    """OUT.xlsx is another name of an input file: exit 2 before anything is written, no internal error."""
    folder = tmp_path / "returns"
    folder.mkdir()
    good = folder / "กองคลัง.xlsx"
    good.write_bytes(hostile.real_workbook("finance"))
    out = tmp_path / "OUT.xlsx"
    os.link(good, out)
    before = _snapshot([good])
    done = collect(out, good)
    assert _snapshot([good]) == before
    assert done.returncode == 2, done.stdout + done.stderr
    assert not out.with_suffix(".json").exists()


# --- a full disk ------------------------------------------------------------------------------


def _small_disk() -> None:
    """In the child: files may not grow past 64 KB, and going past fails a write (EFBIG) instead of killing."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_is_said_plainly_and_the_old_outputs_stay(tmp_path) -> None:
    out = tmp_path / "OUT.xlsx"
    assert collect(out, ROOT / "samples" / "6m").returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = subprocess.run(
        collect_argv(out, ROOT / "samples" / "6m"),
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
        preexec_fn=_small_disk,
    )
    assert done.returncode == 2, done.stderr
    reason = "ไฟล์ใหญ่เกินกว่าที่ระบบยอมให้เขียน (File too large)"  # the system's words after the Thai
    assert messages.text("cli.os-error-no-path", "th", reason=reason) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp file either


def test_a_file_open_in_excel_is_said_in_thai_with_the_way_out() -> None:
    """Windows refuses to replace a workbook open in Excel with a PermissionError (EACCES)."""
    from ita_xlsx.core.os_reasons import os_reason

    refused = PermissionError(13, "Permission denied", "สรุป.xlsx")
    assert os_reason(refused, "th").startswith("ไม่มีสิทธิ์เข้าถึง หรือไฟล์เปิดค้างอยู่ในโปรแกรมอื่น เช่น Excel")
    assert os_reason(refused, "th").endswith("(Permission denied)")
    assert os_reason(refused, "en") == "Permission denied"
