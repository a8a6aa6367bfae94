"""The office store: two years of rounds, versions, the coordinator's decisions, prefill,
the analyst tables, the history workbook; and a store that cannot be used."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ita_xlsx.read import layout
from ita_xlsx.store import Store
from tests.store_scenario import PLAN_2566, ROOT, make_office, run
from tests.workbooks import named_cell

SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def office(tmp_path_factory, sample_plan):
    return make_office(tmp_path_factory.mktemp("office"), sample_plan)


def _rows(store: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute(sql, params).fetchall()


def _cell(path: Path, name: str, measure_id: str) -> object:
    sheet, cell = named_cell(path, name, measure_id)
    return load_workbook(path)[sheet][cell].value


def test_each_collection_is_a_run_of_its_year_and_round(office):
    assert {name: r.exit_code for name, r in office.steps.items()} == dict.fromkeys(office.steps, 0)
    runs = _rows(office.store, "SELECT run_id, fiscal_year, round, as_of FROM runs ORDER BY run_id")
    assert [(y, r, a) for _, y, r, a in runs] == [
        *[(2566, "6m", "2023-03-31")] * 4,
        (2566, "12m", "2023-09-30"),
        (2567, "6m", "2024-03-31"),
    ]
    assert "บันทึกการรวบรวมครั้งที่ 1 ลงในคลังข้อมูล" in office.steps["6m-first"].output


def test_the_same_files_collected_again_add_a_run_and_no_submission(office):
    first = _rows(
        office.store, "SELECT path, sha256, submission_id FROM run_files WHERE run_id = 1 ORDER BY seq"
    )
    again = _rows(
        office.store, "SELECT path, sha256, submission_id FROM run_files WHERE run_id = 2 ORDER BY seq"
    )
    assert first == again and len(first) == 5
    assert _rows(office.store, "SELECT count(*) FROM submissions WHERE first_run = 2") == [(0,)]
    assert _rows(office.store, "SELECT count(*) FROM records WHERE run_id = 2") == [(56,)]


def test_returns_are_on_time_or_late_by_days_against_return_by(office):
    frame = Store(office.store).submissions()
    first_6m = frame[(frame.fiscal_year == 2566) & (frame["round"] == "6m") & (frame.first_run == 1)]
    late = dict(zip(first_6m.division, first_6m.days_late, strict=True))
    assert late["works"] == 5  # received 15 April, return by 10 April
    assert late["finance"] == -5 and late["palad"] == -5


def test_a_return_after_accept_is_reported_and_not_used_until_reopened(office):
    held = office.steps["6m-after-accept"].output
    assert "finance-v2.xlsx" in held and "[submission-after-accept]" in held
    assert "ยอมรับแบบรายงานของ finance รอบ 6m" in office.steps["accept"].output
    used = "SELECT path, chosen_why FROM run_files WHERE run_id = ? AND division = 'finance' AND chosen = 1"
    assert [(Path(p).name, why) for p, why in _rows(office.store, used, 3)] == [("finance.xlsx", "accepted")]
    refused = _rows(
        office.store, "SELECT why_not FROM run_files WHERE run_id = 3 AND path LIKE '%finance-v2%'"
    )
    assert refused == [("submission-after-accept",)]
    assert [(Path(p).name, why) for p, why in _rows(office.store, used, 4)] == [("finance-v2.xlsx", "newest")]
    sources = _rows(
        office.store, "SELECT DISTINCT source FROM records WHERE run_id = 3 AND division = 'finance'"
    )
    assert [Path(s).name for (s,) in sources] == ["finance.xlsx"]


def test_round_12m_is_prefilled_from_6m_and_the_next_year_from_the_last(office):
    assert "กรอกข้อมูลล่วงหน้าจากรอบ '6m' ปีงบประมาณ 2566" in office.steps["templates-12m"].output
    result_6m = _rows(
        office.store,
        "SELECT result FROM records WHERE run_id = 4 AND measure_id = 'i7' AND division = 'finance'",
    )[0][0]
    assert result_6m
    finance_12m = next(office.folders["templates-12m"].glob("*_finance_*.xlsx"))
    assert _cell(finance_12m, layout.NAME_RESULT, "i7") == result_6m
    # FY2567 renumbered i7 as i8 (previous_id: i7): last year's result is carried over, its date not
    finance_2567 = next(office.folders["templates-2567"].glob("*_finance_*.xlsx"))
    assert _cell(finance_2567, layout.NAME_RESULT, "i8") == result_6m
    assert _cell(finance_2567, layout.NAME_ACTION_DATE, "i8") is None


def test_a_renumbered_measure_is_one_measure_across_years(office):
    from ita_xlsx.store import connect
    from ita_xlsx.store.queries import measure_lineage

    conn = connect(office.store, create=False)
    try:
        lineage = measure_lineage(conn)
    finally:
        conn.close()
    assert lineage[(2566, "i7")] == "i7" and lineage[(2567, "i8")] == "i7 → i8"
    assert lineage[(2567, "i1")] == "i1"


def test_pandas_tables_give_the_latest_run_of_each_round(office):
    store = Store(office.store)
    records = store.records()
    assert list(records.columns) == [
        "fiscal_year",
        "round",
        "measure_id",
        "division",
        "status",
        "action_date",
        "due_date",
        "state",
        "run_id",
    ]
    assert not records.duplicated(["fiscal_year", "round", "measure_id", "division"]).any()
    assert records.groupby(["fiscal_year", "round"]).run_id.unique().map(list).to_dict() == {
        (2566, "12m"): [5],
        (2566, "6m"): [4],
        (2567, "6m"): [6],
    }
    assert len(store.runs()) == 6 and set(store.problems().run_id) <= {4, 5, 6}


def test_export_writes_each_table_as_csv_with_a_bom(office, tmp_path):
    result = run("export", "--store", office.store, "--out", tmp_path / "csv")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == ["problems.csv", "records.csv", "runs.csv", "submissions.csv"]
    data = (tmp_path / "csv" / "runs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "องค์การบริหารส่วนตำบลเมืองพะไล" in data.decode("utf-8-sig")


def test_history_workbook_reads_back_and_renders(office, tmp_path):
    out = tmp_path / "ประวัติ.xlsx"
    result = run("history", "--store", office.store, "--out", out)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["แนวโน้ม", "รายหน่วยงาน", "รายตัวชี้วัด", "เกินกำหนดซ้ำ", "การส่งแบบรายงาน"]
    trend = wb["แนวโน้ม"]
    assert [trend.cell(r, 2).value for r in (5, 6, 7)] == ["รอบ ๖ เดือน", "รอบ ๑๒ เดือน", "รอบ ๖ เดือน"]
    assert [trend.cell(r, 1).value for r in (5, 6, 7)] == ["๒๕๖๖", "๒๕๖๖", "๒๕๖๗"]
    assert trend._charts, "the trend chart"
    returns = [[c.value for c in row] for row in wb["การส่งแบบรายงาน"].iter_rows(min_row=5)]
    works = [row for row in returns if row[0] == "กองช่าง" and row[2] == "รอบ ๖ เดือน" and row[1] == "๒๕๖๖"]
    assert works[0][4] == "ล่าช้า ๕ วัน"
    finance = [row for row in returns if row[0] == "กองคลัง" and row[1] == "๒๕๖๖" and row[2] == "รอบ ๖ เดือน"]
    assert [row[5] for row in finance] == [1, 2] and finance[1][4] == "ล่าช้า ๑๐ วัน"
    assert finance[0][7] is not None  # accepted on
    indicators = [row[0].value for row in wb["รายตัวชี้วัด"].iter_rows(min_row=5)]
    assert "IIT ๑ การปฏิบัติหน้าที่" in indicators
    repeated = [[c.value for c in row] for row in wb["เกินกำหนดซ้ำ"].iter_rows(min_row=5)]
    assert repeated and all(row[2] >= 2 for row in repeated)
    from tests import libreoffice

    pdf = libreoffice.convert(out, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().count(b"/Type /Page") >= 5 or pdf.read_bytes().count(b"/Type/Page") >= 5


def test_collect_never_imports_pandas(tmp_path):
    code = (
        "import sys\n"
        "import ita_xlsx.collect.run\n"
        "assert 'pandas' not in sys.modules, 'import'\n"
        "from ita_xlsx.cli import main\n"
        f"sys.argv = ['ita-xlsx', 'collect', '--plan', {str(PLAN_2566)!r}, '--round', '6m', '--as-of',"
        f" '2023-03-31', '--store', {str(tmp_path / 's.sqlite')!r}, '--out', {str(tmp_path / 'o.xlsx')!r},"
        f" {str(SAMPLES / '6m')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "assert code == 0, code\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("False")


def test_without_a_store_collect_says_once_how_to_keep_history(tmp_path):
    result = run(
        "collect",
        "--plan",
        PLAN_2566,
        "--round",
        "6m",
        "--as-of",
        "2023-03-31",
        "--out",
        tmp_path / "o.xlsx",
        SAMPLES / "6m",
    )
    assert result.exit_code == 0
    assert result.output.count("--store") == 1 and "เคล็ดลับ" in result.output


def test_the_store_names_the_bytes_that_were_collected_when_a_file_changes_after(tmp_path, sample_plan):
    """A clerk saves over a return while the round is being collected: the store records the
    version that was used (its hash and size), as intake read it, not what lies there later."""
    import datetime as dt
    import hashlib
    import shutil

    from ita_xlsx.collect.run import collect
    from ita_xlsx.store import Collection

    folder = tmp_path / "returns"
    shutil.copytree(SAMPLES / "6m", folder)
    changed = sorted(folder.glob("*.xlsx"))[0]
    used = changed.read_bytes()
    store = tmp_path / "office.sqlite"
    with Collection(store, sample_plan) as kept:
        results = collect(
            sample_plan, [folder], round_id="6m", as_of=dt.date(2023, 3, 31), hold=kept.hold, seen=kept.seen
        )
        changed.write_bytes(used + b"saved again")
        kept.record(results, [folder])
    rows = dict(_rows(store, "SELECT path, sha256 || ' ' || size FROM run_files"))
    assert len(rows) == 5
    assert rows[str(changed)] == f"{hashlib.sha256(used).hexdigest()} {len(used)}"
