"""The round's report as a Word document: written by collect --docx and by `ita-xlsx report`
from the JSON (with the plan) or from the consolidated workbook, read back with python-docx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from ita_xlsx.cli import cli
from ita_xlsx.publish.docx_report import FONT

from results_factory import make_results
from workbooks import ROOT

PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
TITLE = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
HEADINGS = [
    "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
    "ผู้รับผิดชอบ",
    "ขั้นตอนหรือวิธีการ/มาตรการ",
    "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
    "การดำเนินการ",
]
SECTIONS = [
    "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)",
    "๒. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency Assessment: EIT)",
    "๓. แบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)",
]


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("docx") / "สรุป.xlsx"
    args = ["collect", "--plan", str(PLAN), "--round", "6m", "--as-of", "2023-03-31", "--docx"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out), str(ROOT / "samples" / "6m")])
    return out, result


def texts(path: Path) -> list[str]:
    """Every paragraph of the document, the tables' cells included, in order."""
    doc = Document(str(path))
    body = [p.text for p in doc.paragraphs]
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return body + cells


def test_collect_docx_writes_the_report_beside_the_workbook(collected):
    out, result = collected
    docx = out.with_suffix(".docx")
    assert result.exit_code == 0, result.output
    assert f"เขียนไฟล์: {docx}" in result.output.splitlines()
    doc = Document(str(docx))
    body = [p.text for p in doc.paragraphs if p.text]
    assert body[:6] == [
        TITLE,
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน",
        "(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)",
        "องค์การบริหารส่วนตำบลเมืองพะไล",
        "อำเภอบัวลาย จังหวัดนครราชสีมา",
        "ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖",
    ]
    assert "สารบัญ" in body
    intro = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสขององค์การบริหารส่วนตำบลเมืองพะไล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
    # in the contents (with a tab before its page number), and as the heading of the introduction
    assert [t.split("\t")[0] for t in body].count(intro) == 2
    assert any(t.startswith("จากการวิเคราะห์ผลการประเมิน") and "พ.ศ. ๒๕๖๕" in t for t in body)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [intro, *SECTIONS]
    assert any("ผู้รายงาน" in t for t in texts(docx)) and any("ผู้อนุมัติ" in t for t in texts(docx))


def test_each_section_is_a_table_of_its_measures_in_the_published_wording(collected, sample_plan):
    doc = Document(str(collected[0].with_suffix(".docx")))
    tables = doc.tables[:3]
    for table, section in zip(tables, ("IIT", "EIT", "OIT"), strict=True):
        measures = [m for m in sample_plan.measures if m.section == section]
        assert [c.text for c in table.rows[0].cells] == HEADINGS
        assert len(table.rows) == 1 + len(measures)
    # the item code opens the second line of the issue column: "IIT ตัวชี้วัดที่ ๒ …\ni7 ท่าน…"
    rows = {r.cells[0].text.split("\n")[1].split()[0]: r.cells[4].text for t in tables for r in t.rows[1:]}
    assert rows["i7"].startswith("เจ้าหน้าที่ดำเนินการเมื่อวันที่ ๓๑ เดือนตุลาคม พ.ศ. ๒๕๖๕\n"), rows["i7"]
    assert rows["O28"].startswith("เจ้าหน้าที่ดำเนินการเมื่อวันที่ ๒๒ เดือนพฤศจิกายน พ.ศ. ๒๕๖๕"), rows["O28"]
    assert rows["e15"].startswith("ดำเนินการเป็นประจำทุกเดือน"), rows["e15"]


def test_header_rows_repeat_and_rows_are_kept_whole(collected):
    doc = Document(str(collected[0].with_suffix(".docx")))
    for table in doc.tables[:3]:
        issue, responsible, steps, reporting, action = (c.width for c in table.columns)
        assert responsible < issue < action < steps == reporting  # as the workbook's report sheet
        assert sum((issue, responsible, steps, reporting, action)) <= doc.sections[-1].page_width
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            whole = row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
            longest = max(len(c.text) for c in row.cells)
            assert whole or longest > 400, longest  # a row taller than a page must split, or be cut


def test_every_script_is_set_in_th_sarabun_new_16(collected):
    doc = Document(str(collected[0].with_suffix(".docx")))
    for name in ("Normal", "Heading 1"):
        rpr = doc.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
        assert fonts.get(qn("w:cstheme")) is None and fonts.get(qn("w:asciiTheme")) is None
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"


def test_the_contents_point_at_each_section(collected):
    doc = Document(str(collected[0].with_suffix(".docx")))
    xml = doc.element.xml
    for mark in ("intro", "0", "1", "2"):
        assert f'w:name="ita_section_{mark}"' in xml
        assert f"PAGEREF ita_section_{mark} \\h" in xml
    assert 'w:fmt="thaiNumbers"' in xml  # page numbers in Thai digits, from the introduction on


def test_report_from_the_json_and_from_the_workbook_say_the_same(collected, tmp_path):
    out, _ = collected
    from_json, from_xlsx = tmp_path / "a.docx", tmp_path / "b.docx"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["report", str(out.with_suffix(".json")), "--plan", str(PLAN), "--out", str(from_json)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"เขียนไฟล์: {from_json}"
    result = runner.invoke(cli, ["report", str(out), "--out", str(from_xlsx)])
    assert result.exit_code == 0, result.output
    assert texts(from_json) == texts(from_xlsx) == texts(out.with_suffix(".docx"))


def test_report_from_the_json_alone_reads_the_workbook_beside_it(collected, tmp_path):
    out, _ = collected
    target = tmp_path / "r.docx"
    result = CliRunner().invoke(cli, ["report", str(out.with_suffix(".json")), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert texts(target) == texts(out.with_suffix(".docx"))


@pytest.mark.parametrize(
    ("source", "extra", "message"),
    [
        ("alone", [], "ต้องใช้ไฟล์แผน ระบุด้วย --plan"),
        ("other", [], "ต้องใช้ไฟล์แผน ระบุด้วย --plan"),
        ("plan", [], "ไม่ใช่ไฟล์สรุปที่ ita-xlsx เขียน"),
        ("json", ["--plan", str(ROOT / "tests" / "golden" / "plan-small.yaml")], "ผลการรวบรวมนี้มาจากแผน"),
        ("broken", ["--plan", str(PLAN)], "อ่านไฟล์"),
    ],
)
def test_report_refuses_what_it_cannot_use_with_exit_2(collected, tmp_path, source, extra, message):
    out, _ = collected
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    template = tmp_path / "plan.xlsx"
    CliRunner().invoke(cli, ["plan", "convert", str(PLAN), str(template)])
    alone = tmp_path / "alone.json"  # no workbook beside it
    alone.write_bytes(out.with_suffix(".json").read_bytes())
    other = tmp_path / "other.json"  # beside the workbook of another day's collection
    data = json.loads(alone.read_text(encoding="utf-8"))
    other.write_text(json.dumps({**data, "as_of": "2023-03-30"}, ensure_ascii=False), encoding="utf-8")
    other.with_suffix(".xlsx").write_bytes(out.read_bytes())
    paths = {
        "json": out.with_suffix(".json"),
        "plan": template,
        "broken": broken,
        "alone": alone,
        "other": other,
    }
    target = tmp_path / "r.docx"
    result = CliRunner().invoke(cli, ["report", str(paths[source]), *extra, "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not target.exists()


def test_report_wants_a_docx_name_and_never_overwrites_its_source(collected, tmp_path):
    out, _ = collected
    result = CliRunner().invoke(cli, ["report", str(out), "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "ต้องลงท้ายด้วย .docx" in result.output
    copy = tmp_path / "same.docx"
    copy.write_bytes(b"x")
    result = CliRunner().invoke(cli, ["report", str(copy), "--out", str(copy)])
    assert result.exit_code == 2 and copy.read_bytes() == b"x"


def test_results_json_records_carry_hyperlinks_and_log_urls(collected):
    data = json.loads(collected[0].with_suffix(".json").read_text(encoding="utf-8"))
    record = next(r for r in data["records"] if r["log"])
    assert record["hyperlinks"] == {}
    assert record["log"][0]["url"] == ""


def test_what_a_clerk_typed_reaches_the_document_as_text(sample_plan, tmp_path):
    """Formula-like texts stay text; characters XML cannot carry are dropped, not fatal."""
    from ita_xlsx.publish.docx_report import write_docx
    from ita_xlsx.publish.report_doc import from_data
    from ita_xlsx.report.data import build

    results = make_results(sample_plan, hostile=True)
    results["records"][0]["result"] = "ประชุม\x01ครั้งที่ ๑\x0bแล้ว"
    path = write_docx(from_data(build(results, sample_plan)), tmp_path / "r.docx")
    written = "\n".join(texts(path))
    assert "ประชุมครั้งที่ ๑แล้ว" in written
    assert '=HYPERLINK("http://evil")' in written


def test_a_measure_over_several_rows_of_the_sheet_is_one_row_of_the_document(sample_plan, tmp_path):
    from ita_xlsx.publish.report_doc import from_data
    from ita_xlsx.publish.report_xlsx import from_workbook
    from ita_xlsx.report.data import build
    from ita_xlsx.report.workbook import write_consolidated

    results = make_results(sample_plan)
    results["records"][0]["result"] = "\n".join(f"ครั้งที่ {n} ประชุมชี้แจงเจ้าหน้าที่" for n in range(120))
    book = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    sheet = load_workbook(book, read_only=True)["รายงาน"]
    first = results["records"][0]["measure_id"]
    rows_of_first = [r for r in sheet.iter_rows(values_only=True) if r[4] and "ครั้งที่ 1" in str(r[4])]
    assert len(rows_of_first) > 1, "the long text runs over several rows of the sheet"
    expected = from_data(build(results, sample_plan))
    read = from_workbook(book)
    assert read.sections == expected.sections
    assert "ครั้งที่ 0 " in read.sections[0].rows[0][4] and "ครั้งที่ 119 " in read.sections[0].rows[0][4], first
