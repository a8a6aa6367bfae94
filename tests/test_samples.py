"""The bundled samples stay in step with the template format, and the demo runs on them."""

from __future__ import annotations

import io
import subprocess
import sys

from python_calamine import CalamineWorkbook

from ita_xlsx import samples

from workbooks import ROOT, SEED_ACTIONS

SAMPLES = ROOT / "samples"


def test_clean_samples_are_exactly_what_the_script_makes(sample_plan):
    made = samples.clean_workbooks(sample_plan, samples.seed_actions(SEED_ACTIONS))
    on_disk = {p.name: p.read_bytes() for p in (SAMPLES / "6m").glob("*.xlsx")}
    assert set(made) == set(on_disk)
    stale = [name for name, data in made.items() if on_disk[name] != data]
    assert not stale, f"run: python samples/make_samples.py ({stale} are out of date)"


def _values(data: bytes) -> dict:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_samples_with_mistakes_hold_the_same_values_as_the_script_makes(sample_plan):
    made = samples.workbooks_with_mistakes(sample_plan, samples.seed_actions(SEED_ACTIONS))
    on_disk = {p.name: p.read_bytes() for p in (SAMPLES / "with-mistakes").glob("*.xlsx")}
    assert set(made) == set(on_disk)
    for name, data in made.items():
        assert _values(data) == _values(on_disk[name]), f"run: python samples/make_samples.py ({name})"


def test_demo_runs_the_whole_round_trip(tmp_path):
    out = tmp_path / "demo"
    run = subprocess.run(
        [sys.executable, "-m", "ita_xlsx", "demo", "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr + run.stdout
    assert len(list((out / "templates").glob("ITA2566_6m_*.xlsx"))) == 5
    summary = out / "ITA2566_6m_summary.xlsx"
    assert summary.is_file() and summary.with_suffix(".json").is_file()
    assert "ITA2566_6m_summary.xlsx" in run.stdout
    assert "ไฟล์ที่รับ 5 ไม่รับ 0" in run.stdout
