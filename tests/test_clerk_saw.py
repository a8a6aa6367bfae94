"""The record holds what the clerk saw: links, values as displayed, text as typed (issue 18, part 4).

Links and typed values go through a real LibreOffice (tests/libreoffice.py), the client whose
behaviour the point is about; files that another program rewrote are made with openpyxl, the way
a pandas or openpyxl round trip rewrites them. LibreOffice is required: without it these tests
fail (never skip).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ita_xlsx.cli import cli
from ita_xlsx.collect.run import collect
from ita_xlsx.core import displayed
from ita_xlsx.read import layout

import libreoffice as lo
from workbooks import ROOT, edit, filled_workbooks, named_cell, results_json

AS_OF = dt.date(2023, 3, 31)
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
O2_URL = "https://www.phalai.go.th/oit/o2-2566.pdf"
O2_TEXT = "ประกาศ O2 บนเว็บไซต์"
NEWS_URL = "https://www.phalai.go.th/news/123"
LOG_URL = "https://www.phalai.go.th/report/meeting-10.pdf"
EMOJI = "ประชุมแล้ว 👨\u200d👩\u200d👧 👍🏽 ข\u0e49\u0e38อ\u200bความ"  # a ZWJ family, a skin tone, a tone mark before its vowel


@pytest.fixture(scope="module")
def books(sample_plan) -> dict[str, bytes]:
    return filled_workbooks(sample_plan)


@pytest.fixture(scope="module")
def linked(sample_plan, books, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The finance workbook with links and formatted values made in LibreOffice, saved as .xlsx."""
    if not lo.available():
        pytest.fail(f"LibreOffice is required for these tests: {lo.INSTALL_HINT}", pytrace=False)
    folder = tmp_path_factory.mktemp("linked")
    source = folder / "finance.xlsx"
    source.write_bytes(books["finance"])
    cells = {
        "evidence": named_cell(source, layout.NAME_EVIDENCE, "i7")[1],
        "note": named_cell(source, layout.NAME_NOTE, "i7")[1],
        "percent": named_cell(source, layout.NAME_RESULT, "i12")[1],
        "date_text": named_cell(source, layout.NAME_RESULT, "i20")[1],
        "log_evidence": _first_cell(source, layout.NAME_LOG_EVIDENCE),
    }
    returns = folder / "returns"
    returns.mkdir()
    target = returns / "กองคลัง ส่งคืน.xlsx"
    changed = lo.fill_and_save(
        source,
        target,
        [
            (layout.MEASURES_SHEET, cells["evidence"], lo.Link(O2_URL, O2_TEXT)),  # Insert > Link
            (layout.MEASURES_SHEET, cells["note"], f'=HYPERLINK("{NEWS_URL}";"ข่าวประชาสัมพันธ์")'),
            (layout.MEASURES_SHEET, cells["percent"], "50%"),
            (layout.MEASURES_SHEET, cells["date_text"], "3/10/2565"),
            (layout.LOG_SHEET, cells["log_evidence"], lo.Link(LOG_URL, "รายงานการประชุม")),
        ],
    )
    assert all(changed)
    return target, cells


def _first_cell(path: Path, name: str) -> str:
    wb = load_workbook(path)
    _, ref = next(iter(wb.defined_names[name].destinations))
    return ref.replace("$", "").split(":")[0]


def _finance(results, measure_id: str):
    return next(r for r in results.records if r.division == "finance" and r.measure_id == measure_id)


# -- links ---------------------------------------------------------------------------------------
def test_a_link_inserted_in_libreoffice_keeps_its_url_and_text(sample_plan, linked):
    path, cells = linked
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    i7 = _finance(results, "i7")
    assert i7.evidence == O2_TEXT
    assert i7.hyperlinks == {"evidence": O2_URL, "note": NEWS_URL}
    assert i7.note == "ข่าวประชาสัมพันธ์"  # the HYPERLINK formula's text, never the formula
    first_log = next(e for e in _finance(results, "i1").log if e.url)
    assert (first_log.evidence, first_log.url) == ("รายงานการประชุม", LOG_URL)
    assert _finance(results, "i12").hyperlinks == {}


def test_links_reach_the_json_the_detail_sheet_and_the_feedback_workbook(linked, tmp_path):
    path, cells = linked
    out = tmp_path / "สรุป.xlsx"
    args = ["--plan", str(PLAN), "--as-of", "2023-03-31"]
    result = CliRunner().invoke(cli, ["collect", *args, "--round", "6m", "--out", str(out), str(path.parent)])
    assert result.exit_code in (0, 1), result.output
    records = {(r["division"], r["measure_id"]): r for r in results_json(out)["records"]}
    assert records["finance", "i7"]["hyperlinks"] == {"evidence": O2_URL, "note": NEWS_URL}
    assert records["palad", "i3"]["hyperlinks"] == {}  # always there: {} when none
    assert any(e["url"] == LOG_URL for e in records["finance", "i1"]["log"])
    assert all(e["url"] == "" for e in records["finance", "i2"]["log"])

    detail = load_workbook(out)["รายละเอียด"]
    linked_cells = {(c.value, c.hyperlink.target) for row in detail.iter_rows() for c in row if c.hyperlink}
    assert (O2_TEXT, O2_URL) in linked_cells and ("ข่าวประชาสัมพันธ์", NEWS_URL) in linked_cells
    assert not any(str(c.value).startswith("=") for row in detail.iter_rows() for c in row if c.value)

    folder = tmp_path / "ส่งกลับ"
    result = CliRunner().invoke(cli, ["feedback", *args, "--out", str(folder), str(path.parent)])
    assert result.exit_code in (0, 1), result.output
    fed_back = next(folder.glob("*finance*.xlsx"))
    sheet = load_workbook(fed_back)[layout.MEASURES_SHEET]
    evidence = sheet[named_cell(fed_back, layout.NAME_EVIDENCE, "i7")[1]]
    assert (evidence.value, evidence.hyperlink.target) == (O2_TEXT, O2_URL)


# -- values as displayed -------------------------------------------------------------------------
def test_a_percent_or_a_date_typed_into_a_text_column_is_kept_as_displayed(sample_plan, linked):
    path, cells = linked
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    assert _finance(results, "i12").result == "50.00%"  # LibreOffice shows 50.00%, not 0.5
    assert _finance(results, "i20").result == "03/10/65"  # what LibreOffice made of 3/10/2565
    noted = {(Path(p.file or "").name, p.sheet, p.cell, p.code, p.severity) for p in results.problems}
    for key in ("percent", "date_text"):
        assert (path.name, layout.MEASURES_SHEET, cells[key], "text-cell-formatted", "info") in noted


def test_free_text_is_stored_exactly_as_typed(sample_plan, books, tmp_path):
    data = edit(books["finance"], {(layout.NAME_NOTE, "i7"): f"  {EMOJI} ", (layout.NAME_RESULT, "i12"): "-"})
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    assert _finance(results, "i7").note == EMOJI  # only the spaces at the ends go
    assert _finance(results, "i12").result == "-"


# -- "nothing" on a measure that does not apply --------------------------------------------------
@pytest.mark.parametrize("typed", ["-", "ไม่มี", None])
def test_nothing_typed_as_the_date_of_a_not_applicable_measure_is_no_error(
    sample_plan, books, tmp_path, typed
):
    changes = {(layout.NAME_STATUS, "i7"): "ไม่เกี่ยวข้อง", (layout.NAME_ACTION_DATE, "i7"): typed}
    path = tmp_path / "f.xlsx"
    path.write_bytes(edit(books["finance"], changes))
    results = collect(sample_plan, [path], round_id="6m", as_of=AS_OF)
    i7 = _finance(results, "i7")
    assert (i7.status, i7.state, i7.action_date) == ("not_applicable", "not_applicable", None)
    date_cell = named_cell(path, layout.NAME_ACTION_DATE, "i7")[1]
    assert not [p for p in results.problems if p.cell == date_cell and p.measure_id == "i7"]


# -- files another program rewrote ---------------------------------------------------------------
def _without_names(data: bytes) -> bytes:
    """A round trip through openpyxl (as pandas writes with it) that loses every defined name."""
    wb = load_workbook(io.BytesIO(data))
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _names_widened_to_the_headings(data: bytes) -> bytes:
    """Names rewritten from the top of their column, headings included (as some programs save them)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = re.sub(
        r"(!\$[A-Z]+\$)\d+(:\$[A-Z]+\$\d+</definedName>)", r"\g<1>1\2", xml
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return buffer.getvalue()


@pytest.mark.parametrize("rewrite", [_without_names, _names_widened_to_the_headings])
def test_a_workbook_whose_names_were_lost_or_rewritten_reads_no_heading_as_data(
    sample_plan, books, tmp_path, rewrite
):
    original = tmp_path / "original.xlsx"
    original.write_bytes(books["finance"])
    rewritten = tmp_path / "returns" / "finance.xlsx"
    rewritten.parent.mkdir()
    rewritten.write_bytes(rewrite(books["finance"]))
    before = collect(sample_plan, [original], round_id="6m", as_of=AS_OF)
    after = collect(sample_plan, [rewritten], round_id="6m", as_of=AS_OF)
    assert not {"log-unknown-measure", "row-unknown", "row-inserted"} & {p.code for p in after.problems}
    assert [(r.status, r.action_date, r.result, len(r.log)) for r in after.records] == [
        (r.status, r.action_date, r.result, len(r.log)) for r in before.records
    ]
    result = CliRunner().invoke(cli, ["check", "--plan", str(PLAN), str(rewritten)])
    assert "รหัสมาตรการ" not in result.output and "[log-unknown-measure]" not in result.output
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (0.5, "0%", "50%"),
        (0.125, "0.00%", "12.50%"),
        (1234567.0, "#,##0", "1,234,567"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234567.0, "General", "1234567"),
        (0.1 + 0.2, "General", "0.3"),
        (dt.datetime(2565, 10, 3), "dd/mm/yy", "03/10/65"),
        (dt.date(2022, 10, 3), "[$-107041E]d\\ mmmm\\ yyyy", "3 ตุลาคม 2565"),
        (dt.date(2022, 10, 3), "[$-107041E]d mmm yy", "3 ต.ค. 65"),
        (dt.datetime(2022, 10, 3, 9, 30), "d/m/yyyy h:mm", "3/10/2022"),
    ],
)
def test_a_value_is_recorded_as_its_number_format_shows_it(value, code, shown):
    assert displayed.shown(value, code) == shown


def test_an_error_value_typed_into_a_date_cell_is_reported_at_its_cell(sample_plan, books, tmp_path):
    """A formula typed into a date cell that ends in an error (#DIV/0!) is no date and says so:
    python-calamine, the fast reader, gives such a cell as empty, as if nothing had been typed."""
    source = tmp_path / "finance.xlsx"
    source.write_bytes(books["finance"])
    cell = named_cell(source, layout.NAME_ACTION_DATE, "i7")[1]
    returned = tmp_path / "returns" / "กองคลัง.xlsx"
    returned.parent.mkdir()
    # the cell's validation refuses a formula typed by hand: pasted, or through the API, it lands
    edit = [(layout.MEASURES_SHEET, cell, "=1/0")]
    assert lo.fill_and_save(source, returned, edit, as_user=False) == [True]
    results = collect(sample_plan, [returned], round_id="6m", as_of=AS_OF)
    found = [
        (p.sheet, p.cell, p.measure_id, p.code) for p in results.problems if p.code == "cell-error-value"
    ]
    assert found == [(layout.MEASURES_SHEET, cell, "i7", "cell-error-value")]
    assert "#DIV/0!" in next(p for p in results.problems if p.code == "cell-error-value").message_th
