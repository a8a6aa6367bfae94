"""The consolidated workbook (OUT.xlsx): sheets, colours, safety, print setup, atomicity, determinism.

Results dicts are built here with the real ``Results`` class from the sample plan (every measure ×
division, a mix of every state, Thai results, URLs and document numbers as evidence, problems),
then written and read back with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import re
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from ita_xlsx.core.atomic import OutputIsInput
from ita_xlsx.core.thaidates import to_thai_digits as thai
from ita_xlsx.report import rows as report_rows
from ita_xlsx.report.formats import STATE_ORDER
from ita_xlsx.report.workbook import SHEET_NAMES, write_consolidated

from results_factory import HOSTILE, NOT_SENT, make_results


# --- helpers -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def results(sample_plan) -> dict:
    return make_results(sample_plan)


@pytest.fixture(scope="module")
def written(sample_plan, results, tmp_path_factory) -> Path:
    return write_consolidated(results, sample_plan, tmp_path_factory.mktemp("out") / "OUT.xlsx")


@pytest.fixture(scope="module")
def book(written):
    return openpyxl.load_workbook(written)


def data_rows(ws, header_row: int) -> list[list]:
    """The rows under the heading, as values, up to the first empty row."""
    found = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in values):
            break
        found.append(list(values))
    return found


def column(ws, header_row: int, heading: str) -> int:
    """0-based index of the column whose heading is ``heading``."""
    headings = [c.value for c in ws[header_row]]
    return headings.index(heading)


def column_hidden(ws, index: int) -> bool:
    """Whether column ``index`` (1-based) is hidden; xlsxwriter groups equal columns in one <col>."""
    return any(d.min <= index <= d.max and d.hidden for d in ws.column_dimensions.values())


def header_row_of(ws, first_heading: str) -> int:
    for row in ws.iter_rows(min_row=1):
        if row[0].value == first_heading:
            return row[0].row
    raise AssertionError(f"no heading {first_heading!r} in {ws.title}")


def serial(iso: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(iso) if iso else None


# --- the sheets ----------------------------------------------------------------------------------
def test_sheets_and_their_order(book):
    assert book.sheetnames == ["สรุป", "รายละเอียด", "เกินกำหนด", "ปัญหาข้อมูล", "ยังไม่ส่ง", "รายงาน", "หลักฐาน OIT"]
    assert tuple(book.sheetnames) == SHEET_NAMES
    assert book.active.title == "สรุป"


def test_no_formula_anywhere(written):
    """No cell of any sheet holds a formula (so no TODAY() either): every value is fixed."""
    with zipfile.ZipFile(written) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
                assert b"TODAY" not in z.read(name).upper()


# --- detail --------------------------------------------------------------------------------------
def test_detail_has_every_record_with_its_state(book, results):
    ws = book["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    found = data_rows(ws, header)
    assert len(found) == len(results["records"])
    measure, division, state = (column(ws, header, h) for h in ("รหัสมาตรการ", "รหัสหน่วยงาน", "รหัสสถานะ"))
    label = column(ws, header, "สถานะ ณ วันที่ข้อมูล")
    action = column(ws, header, "วันที่ดำเนินการ")
    due = column(ws, header, "กำหนดเวลา")
    for values, record in zip(found, results["records"], strict=True):
        assert (values[measure], values[division]) == (record["measure_id"], record["division"])
        assert values[state] == record["state"]
        if record["state"] == "periods_missing":  # the periods named in the same row
            assert values[label] == "ขาดรายงานบางงวด: ๓๑ ต.ค. ๖๕, ๓๑ ม.ค. ๖๖"
        else:
            assert values[label] == record["state_th"]
        assert values[action] == serial(record["action_date"])
        assert values[due] == serial(record["due_date"])


def test_detail_dates_are_buddhist_era_dates(book):
    ws = book["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    due = column(ws, header, "กำหนดเวลา")
    cell = ws.cell(header + 1, due + 1)
    assert isinstance(cell.value, dt.datetime)
    assert cell.number_format == "[$-107041E]d mmmm yyyy"


def test_detail_colours_follow_the_state_column(book, results):
    """One rule per coloured state, on the whole table, comparing the row's hidden state code."""
    ws = book["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    last = header + len(results["records"])
    state_letter = openpyxl.utils.get_column_letter(column(ws, header, "รหัสสถานะ") + 1)
    assert column_hidden(ws, column(ws, header, "รหัสสถานะ") + 1)
    rules = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            assert str(cf.sqref) == f"A{header + 1}:Q{last}"
            rules[rule.formula[0]] = rule.dxf.fill.bgColor.rgb
    expected = {"done", "ongoing", "done_late", "due_soon", "periods_missing", "overdue", "missing"}
    expected.add("not_applicable")
    assert set(rules) == {f'${state_letter}{header + 1}="{s}"' for s in expected}
    red = rules[f'${state_letter}{header + 1}="overdue"']
    assert red.endswith("FFC7CE")
    for row in ws.iter_rows(min_row=header + 1, max_row=last):
        assert row[column(ws, header, "สถานะ ณ วันที่ข้อมูล")].fill.fgColor.rgb in (None, "00000000")


def test_detail_is_filterable_with_frozen_heading(book, results):
    ws = book["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:Q{header + len(results['records'])}"


def test_detail_links_only_for_http(book, results):
    ws = book["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    evidence = column(ws, header, "หลักฐาน")
    for row, record in zip(ws.iter_rows(min_row=header + 1), results["records"], strict=False):
        cell = row[evidence]
        text = record["evidence"]
        if text.startswith(("http://", "https://")):
            assert cell.hyperlink is not None and cell.hyperlink.target == text, text
        else:
            assert cell.hyperlink is None, text
            assert (cell.value or "") == text


def test_legend_names_every_state(book):
    ws = book["รายละเอียด"]
    labels = [c.value for c in ws[2] if c.value]
    assert labels[0] == "คำอธิบายสี:"
    assert "เกินกำหนด" in labels and "ดำเนินการแล้ว (ล่าช้า)" in labels and "ใกล้ถึงกำหนด" in labels


def test_as_of_date_is_printed(book):
    ws = book["รายละเอียด"]
    assert "๑๐ เมษายน ๒๕๖๖" in ws["A1"].value
    assert "ข้อมูล ณ วันที่ ๑๐ เมษายน ๒๕๖๖" in [c.value for c in book["สรุป"]["A"]]


# --- summary -------------------------------------------------------------------------------------
def _summary_table(ws, first_heading: str) -> dict[str, list]:
    header = header_row_of(ws, first_heading)
    return {values[0]: values for values in data_rows(ws, header)}


def test_summary_headline_equals_the_records(book, results):
    ws = book["สรุป"]
    records = results["records"]
    states = Counter(r["state"] for r in records)
    applicable = len(records) - states["not_applicable"]
    done = states["done"] + states["done_late"] + states["ongoing"]
    labels_row = next(r for r in ws.iter_rows() if r[0].value == "รายการ (มาตรการ × หน่วยงาน)")
    values = {c.column: c.value for c in ws[labels_row[0].row + 1] if c.value is not None}
    labels = {c.column: c.value for c in labels_row if c.value is not None}
    headline = {labels[col]: values[col] for col in labels}
    # one denominator, named: every card counts records (measure × division), but the divisions'
    assert headline["รายการ (มาตรการ × หน่วยงาน)"] == len(records) == results["summary"]["records"]
    assert headline["ดำเนินการแล้ว\n(ร้อยละของรายการ)"] == pytest.approx(done / applicable)
    assert round(100 * headline["ดำเนินการแล้ว\n(ร้อยละของรายการ)"], 1) == results["summary"]["percent_done"]
    assert (
        headline["ขาดรายงานบางงวด\n(รายการ)"]
        == states["periods_missing"]
        == results["summary"]["periods_missing"]
    )
    assert headline["เกินกำหนด (รายการ)"] == states["overdue"]
    assert headline["ใกล้ถึงกำหนด (รายการ)"] == states["due_soon"]
    assert headline["ยังไม่ได้รับ\n(หน่วยงาน)"] == len(results["summary"]["divisions_missing"]) == 0
    assert headline["ส่งแล้วแต่ใช้ไม่ได้\n(หน่วยงาน)"] == len(results["summary"]["divisions_rejected"]) == 1
    counted = ws.cell(labels_row[0].row + 2, 1).value
    measures = len({r["measure_id"] for r in records})
    assert counted.startswith(
        f"นับเป็นรายการ: มาตรการ {thai(measures)} มาตรการ × หน่วยงานที่รับผิดชอบ = {thai(len(records))}"
    )


def test_summary_division_table_recounts(book, results, sample_plan):
    table = _summary_table(book["สรุป"], "หน่วยงาน")
    order = list(STATE_ORDER)
    for division in sample_plan.divisions:
        mine = [r for r in results["records"] if r["division"] == division.code]
        counts = Counter(r["state"] for r in mine)
        row = table[division.name]
        assert row[1:10] == [counts[s] for s in order], division.code
        assert row[10] == len(mine)
        applicable = len(mine) - counts["not_applicable"]
        done = counts["done"] + counts["done_late"] + counts["ongoing"]
        assert row[11] == pytest.approx(done / applicable if applicable else 0)
        assert row[12] == ("ใช้ไม่ได้" if division.code == NOT_SENT else "ส่งแล้ว")
    assert table["รวม"][10] == len(results["records"])


def test_summary_section_table_recounts(book, results, sample_plan):
    table = _summary_table(book["สรุป"], "ด้าน / ตัวชี้วัด")
    for section in sample_plan.sections:
        mine = [r for r in results["records"] if r["section"] == section.code]
        assert table[f"{section.code} {section.name}"][10] == len(mine)
    first = table["ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"]
    assert first[10] == sum(r["indicator"] == 1 for r in results["records"])


def test_summary_chart_is_a_stacked_bar_of_states(written):
    with zipfile.ZipFile(written) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode()
    assert '<c:barDir val="bar"/>' in xml and '<c:grouping val="stacked"/>' in xml
    assert "เกินกำหนด" in xml and "ดำเนินการแล้ว" in xml
    assert "FFC7CE" in xml  # overdue in the colour of overdue rows
    assert "สรุป" in xml and "$A$" in xml


# --- overdue, problems, not received -------------------------------------------------------------
def test_overdue_sheet_most_overdue_first(book, results):
    ws = book["เกินกำหนด"]
    header = header_row_of(ws, "ลำดับ")
    found = data_rows(ws, header)
    expected = [r for r in results["records"] if r["state"] in ("periods_missing", "overdue", "missing")]
    assert len(found) == len(expected)
    days = [row[1] for row in found]
    known = [d for d in days if d is not None]
    assert known == sorted(known, reverse=True)
    assert days[: len(known)] == known  # unknown days last
    assert {row[2] for row in found} == {"ขาดรายงานบางงวด", "เกินกำหนด", "ไม่ได้ส่งรายงาน"}
    lacking = [row for row in found if row[2] == "ขาดรายงานบางงวด"]
    # done, with periods not reported: not counted as days late, the periods named in the row
    assert lacking and all(row[1] is None and row[7] == "๓๑ ต.ค. ๖๕, ๓๑ ม.ค. ๖๖" for row in lacking)
    assert [row[0] for row in found] == list(range(1, len(found) + 1))
    assert all(row[3] for row in found)  # who is responsible


def test_problems_sheet_errors_first(book, results):
    ws = book["ปัญหาข้อมูล"]
    header = header_row_of(ws, "ระดับ")
    found = data_rows(ws, header)
    assert len(found) == len(results["problems"])
    assert [row[0] for row in found] == ["ข้อผิดพลาด", "ข้อผิดพลาด", "คำเตือน", "หมายเหตุ"]
    messages = {p["message_th"] for p in results["problems"]}
    assert {row[6] for row in found} == messages
    assert any(row[2] == "มาตรการ" and row[3] == "H9" for row in found)


def test_not_received_sheet(book, results):
    ws = book["ยังไม่ส่ง"]
    header = header_row_of(ws, "หน่วยงาน")
    found = data_rows(ws, header)
    expected = [r for r in results["records"] if r["division"] == NOT_SENT]
    assert len(found) == len(expected) > 0
    assert {row[0] for row in found} == {"กองช่าง"}
    assert all("ITA2566_6m_works.xlsx" in row[6] for row in found)


# --- the official report -------------------------------------------------------------------------
def test_report_sheet_layout(book, sample_plan):
    ws = book["รายงาน"]
    texts = [c.value for c in ws["A"] if c.value]
    assert texts[0] == "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert texts[1] == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)"
    assert texts[2] == "องค์การบริหารส่วนตำบลเมืองพะไล"
    header = header_row_of(ws, "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา")
    assert [c.value for c in ws[header]] == [
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        "ผู้รับผิดชอบ",
        "ขั้นตอนหรือวิธีการ/มาตรการ",
        "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "การดำเนินการ",
    ]
    headings = [v for v in texts if re.match(r"^[๑-๙]\. ", v)]
    assert headings == [
        "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)",
        "๒. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency Assessment: EIT)",
        "๓. แบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)",
    ]


def report_measures(ws) -> list[tuple[str, list[str]]]:
    """(section code, the five texts) of each measure of the report sheet, in order.

    A measure whose text is too long for one row (409 pt) continues in the next rows, which have
    no top border; their texts are joined back.
    """
    header = header_row_of(ws, "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา")
    section, found = None, []
    for row in ws.iter_rows(min_row=header + 1):
        values = [c.value or "" for c in row[:5]]
        if re.match(r"^[๑-๙]\. ", values[0]):
            section = values[0].split("(")[-1].rstrip(")").split(": ")[-1]
        elif row[0].border.top.style:
            found.append((section, values))
        else:
            found[-1] = (
                section,
                [f"{a}\n{b}" if b else a for a, b in zip(found[-1][1], values, strict=True)],
            )
    return found


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_report_sheet_one_row_per_measure_grouped_by_section(book, sample_plan):
    from ita_xlsx.read.layout import question_text, reporting_text

    found = report_measures(book["รายงาน"])
    assert len(found) == len(sample_plan.measures)
    for (section, texts), measure in zip(found, sample_plan.measures, strict=True):
        assert section == measure.section
        assert squeeze(texts[0]) == squeeze(question_text(sample_plan, measure))
        assert texts[1] == measure.responsible_text
        assert squeeze(texts[2]) == squeeze(measure.steps)
        assert squeeze(texts[3]) == squeeze(reporting_text(measure))


def test_report_long_texts_continue_in_the_next_row(book):
    """The sample's O36 reporting text is too long for one 409 pt row: it goes on in a second row."""
    ws = book["รายงาน"]
    header = header_row_of(ws, "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา")
    continued = [row for row in ws.iter_rows(min_row=header + 1) if row[0].border.top.style is None]
    assert continued
    for row in continued:
        assert all(c.border.left.style for c in row[:5])
        assert ws.row_dimensions[row[0].row].height <= 409


def test_a_text_of_thousands_of_lines_is_cut_into_full_rows_losing_nothing():
    """A measure's text in a plan of thousands of units (every unit's name in one paragraph) goes
    on over as many rows as it needs: every row full but at most 409 pt, nothing lost or repeated."""
    from ita_xlsx.report.common import MAX_LINES, lines_needed, split_text, split_texts

    names = [f"กองคลัง หน่วยที่ {i} https://example.go.th/u{i:05d}/report.pdf" for i in range(6000)]
    text = "ยังไม่ได้รับรายงาน: " + " ".join(names) + "\nหมายเหตุ"
    pieces = split_text(text, 30)
    assert len(pieces) > 300
    assert squeeze("".join(piece for piece, _ in pieces)) == squeeze(text)
    for piece, lines in pieces[:-2]:
        assert lines == lines_needed(piece, 30)
        assert MAX_LINES - 2 <= lines <= MAX_LINES, piece[:40]
    assert pieces[-1] == ("หมายเหตุ", 1)
    # the same pieces when the paragraphs are given one by one, as the report sheet makes them
    given = iter(["ยังไม่ได้รับรายงาน: " + " ".join(names), "หมายเหตุ"])
    assert list(split_texts(given, 30)) == pieces


def test_a_long_action_text_runs_over_rows_as_one_measure(sample_plan, tmp_path):
    """Every division of a measure wrote a long result: the action column goes on over several
    rows, bordered as one measure (a top border on the first row only, a bottom border on the last
    only), each division's result there once and whole, and the next measure starts after it."""
    results = make_results(sample_plan)
    measure_id = next(m.id for m in sample_plan.measures if len(sample_plan.division_codes(m)) >= 3)
    long_results = {}
    for n, r in enumerate(r for r in results["records"] if r["measure_id"] == measure_id):
        words = " ".join(f"ผลการดำเนินงานของหน่วยที่ {n} ขั้นตอน {i}" for i in range(60))
        long_results[r["division"]] = words
        r.update(status="done", state="done", action_date="2023-01-10", result=words)
    out = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    ws = openpyxl.load_workbook(out)["รายงาน"]

    text = _report_action(ws, sample_plan, measure_id)
    for words in long_results.values():
        assert squeeze(text).count(squeeze(words)) == 1
    steps = squeeze(sample_plan.measure(measure_id).steps)
    first = next(row[0].row for row in ws.iter_rows() if squeeze(str(row[2].value or "")) == steps)
    bottoms = [first]
    while not ws.cell(bottoms[-1], 5).border.bottom.style:
        bottoms.append(bottoms[-1] + 1)
        assert not ws.cell(bottoms[-1], 1).border.top.style
    assert len(bottoms) > 2, "the text should need several rows"
    assert ws.cell(bottoms[-1] + 1, 1).border.top.style  # the next measure (or section) begins
    for row in bottoms:
        assert ws.row_dimensions[row].height <= 409
        assert all(ws.cell(row, c).border.left.style for c in range(1, 6))


def _report_action(ws, plan, measure_id: str) -> str:
    steps = squeeze(plan.measure(measure_id).steps)
    return next(texts[4] for _, texts in report_measures(ws) if squeeze(texts[2]) == steps)


def test_report_action_texts(book, results, sample_plan):
    ws = book["รายงาน"]
    by_measure = {}
    for r in results["records"]:
        by_measure.setdefault(r["measure_id"], []).append(r)
    for measure_id, records in by_measure.items():
        text = _report_action(ws, sample_plan, measure_id)
        for r in records:
            if r["status"] == "done":
                day = dt.date.fromisoformat(r["action_date"])
                from ita_xlsx.core.thaidates import format_thai

                assert f"เจ้าหน้าที่ดำเนินการเมื่อวันที่ {format_thai(day, 'official')}" in text
                assert r["result"] in text
            elif r["status"] == "missing":
                assert "ยังไม่ได้รับรายงาน" in text
            elif r["status"] == "in_progress":
                assert "อยู่ระหว่างดำเนินการ" in text
        if len({r["division"] for r in records if r["status"] != "not_applicable"}) > 1:
            assert "กองช่าง: ยังไม่ได้รับรายงาน" in text, measure_id


def test_report_ongoing_monthly_measure(sample_plan, results, tmp_path):
    """ "ดำเนินการเป็นประจำทุกเดือน" for an ongoing monthly measure, from the record's schedule."""
    for r in results["records"]:
        if r["measure_id"] == "i1":
            r.update(status="ongoing", state="ongoing", result="")
    out = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    ws = openpyxl.load_workbook(out)["รายงาน"]
    assert _report_action(ws, sample_plan, "i1") == "ดำเนินการเป็นประจำทุกเดือน"


def test_report_print_setup(book):
    for name in ("รายงาน", "รายละเอียด", "สรุป"):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.paperSize == 9, name  # A4
        wide = 2 if name == "รายละเอียด" else 1  # the detail: two pages wide, question and division repeated
        assert (ws.page_setup.fitToWidth or 1) == wide and ws.page_setup.fitToHeight == 0, (
            name
        )  # 1: the default
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert "&P" in ws.oddFooter.center.text, name
    ws = book["รายงาน"]
    header = header_row_of(ws, "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา")
    assert ws.print_title_rows == f"${header}:${header}"
    assert book["รายละเอียด"].print_title_cols == "$D:$E"


def test_report_rows_have_explicit_heights_for_wrapped_thai(book):
    ws = book["รายงาน"]
    header = header_row_of(ws, "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา")
    for row in ws.iter_rows(min_row=1):
        r = row[0].row
        if all(c.value is None for c in row):
            continue
        height = ws.row_dimensions[r].height
        assert height and height >= 24, r
        if r > header and row[2].value:
            longest = max(len(str(c.value or "")) for c in row)
            assert height >= 24 * min(longest // 120 + 1, 17), r
        for cell in row:
            if cell.value and r > header:
                assert cell.font.name == "TH Sarabun New" and cell.font.size == 16
                assert cell.alignment.wrap_text


# --- safety --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_book(sample_plan, tmp_path_factory):
    results = make_hostile_results(sample_plan)
    path = write_consolidated(results, sample_plan, tmp_path_factory.mktemp("hostile") / "OUT.xlsx")
    return openpyxl.load_workbook(path), path


def make_hostile_results(plan):
    return make_results(plan, hostile=True)


def test_text_from_divisions_never_becomes_a_formula(hostile_book):
    book, path = hostile_book
    seen = Counter()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                value = cell.value
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, (ws.title, cell.coordinate, value)
                if value in HOSTILE:
                    seen[value] += 1
                    assert cell.hyperlink is None
    assert set(seen) == set(HOSTILE)  # every hostile text arrived intact, as text
    with zipfile.ZipFile(path) as z:
        rels = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
    assert "evil" not in rels and "cmd" not in rels


def test_hostile_texts_appear_in_every_sheet_that_shows_them(hostile_book):
    book, _ = hostile_book
    for name in ("รายละเอียด", "ปัญหาข้อมูล"):
        values = {c.value for row in book[name].iter_rows() for c in row}
        assert set(HOSTILE) <= values, name


def test_xml_breaking_text_is_written_as_text(sample_plan, tmp_path):
    """xlsxwriter copies "<r>...</r>" raw into constant_memory files: it must stay plain text."""
    results = make_results(sample_plan)
    smuggled = (
        '<r><t>a</t></r></is></c><c r="Z1"><f>HYPERLINK("http://evil","x")</f></c><c><is><r><t>b</t></r>'
    )
    record = results["records"][0]
    record.update(result=smuggled, note="ok\x00\x07\ud800 bad\r\nline\x1f", evidence="javascript:alert(1)")
    results["problems"][0]["message_th"] = smuggled
    out = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    book = openpyxl.load_workbook(out)
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert values.count(smuggled) >= 2
    assert "ok bad\nline" in values
    assert not any(c.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_long_text_is_cut_with_a_note(sample_plan, tmp_path):
    results = make_results(sample_plan)
    results["records"][0]["note"] = "ก" * 40_000
    out = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    ws = openpyxl.load_workbook(out)["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    note = ws.cell(header + 1, column(ws, header, "หมายเหตุ") + 1).value
    assert len(note) == 32767
    assert note.startswith("กกก") and "ตัดส่วนที่เหลือออก" in note


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://www.mueangphalai.go.th/ita/o2.pdf", True),
        ("http://mueangphalai.go.th/ไฟล์/แผน.pdf", True),
        ("  https://example.go.th/a?b=1#c  ", True),
        ("javascript:alert(1)", False),
        ("file:///C:/Windows/system32/calc.exe", False),
        ("\\\\server\\share\\x.xlsx", False),
        ("https://bank.example@evil.example/", False),
        ("https://example.go.th/a b", False),
        ('https://example.go.th/"onmouseover', False),
        ("https://", False),
        ("https://example.go.th:99999/", False),
        ("mailto:someone@example.go.th", False),
        ("https://example.go.th/" + "a" * 2100, False),
    ],
)
def test_safe_url(url, ok):
    assert (report_rows.safe_url(url) is not None) is ok


# --- misuse, atomicity, determinism --------------------------------------------------------------
def test_refuses_to_overwrite_an_input(sample_plan, results, tmp_path):
    returned = tmp_path / "ITA2566_6m_palad.xlsx"
    returned.write_bytes(b"a division's file")
    with pytest.raises(OutputIsInput, match="ITA2566_6m_palad.xlsx"):
        write_consolidated(results, sample_plan, returned, protected_paths=[returned])
    with pytest.raises(OutputIsInput):
        write_consolidated(
            results, sample_plan, tmp_path / "." / returned.name, protected_paths=[str(returned)]
        )
    assert returned.read_bytes() == b"a division's file"


def test_refuses_results_of_another_plan(sample_plan, results, tmp_path):
    other = dict(results, plan_fingerprint="0" * 16)
    with pytest.raises(ValueError, match="0000000000000000"):
        write_consolidated(other, sample_plan, tmp_path / "OUT.xlsx")
    with pytest.raises(ValueError):
        write_consolidated(dict(results, format="something-else"), sample_plan, tmp_path / "OUT.xlsx")


def test_failure_leaves_the_old_workbook_and_no_temp_file(sample_plan, results, tmp_path, monkeypatch):
    out = tmp_path / "OUT.xlsx"
    write_consolidated(results, sample_plan, out)
    before = out.read_bytes()

    from ita_xlsx.report import overdue

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(overdue, "_cells", explode)  # fails midway: after two sheets are written
    with pytest.raises(RuntimeError, match="disk full"):
        write_consolidated(make_results(sample_plan, hostile=True), sample_plan, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT.xlsx"]


def test_a_full_disk_while_the_package_is_stored_is_one_plain_os_error(sample_plan, results, capfd):
    """xlsxwriter wraps it in FileCreateError (an internal error to the command line) and its
    half-written zip prints a second traceback when let go: an OSError naming the file, and quiet."""
    from ita_xlsx.report.data import build
    from ita_xlsx.report.workbook import write_workbook

    with pytest.raises(OSError) as raised:
        write_workbook(build(results, sample_plan), Path("/dev/full"))  # writing fails: ENOSPC
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == "/dev/full"
    err = capfd.readouterr().err
    assert "Exception ignored" not in err and "Traceback" not in err


def test_same_inputs_same_bytes(sample_plan, results, tmp_path):
    a = write_consolidated(results, sample_plan, tmp_path / "a.xlsx")
    b = write_consolidated(results, sample_plan, tmp_path / "b.xlsx")
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    with zipfile.ZipFile(a) as z:
        core = z.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2023-04-10T00:00:00Z' in core


def test_a_large_workbook_is_deflated_faster_with_the_same_xml(sample_plan, results, tmp_path, monkeypatch):
    """From LARGE_RECORDS records on, the package is deflated at level 1: a larger file, the same
    parts inside. Smaller workbooks, and any other workbook written after one, keep the default."""
    from xlsxwriter.workbook import Workbook

    from ita_xlsx.report import deflate

    usual = write_consolidated(results, sample_plan, tmp_path / "usual.xlsx").read_bytes()
    monkeypatch.setattr(deflate, "LARGE_RECORDS", len(results["records"]))
    large = write_consolidated(results, sample_plan, tmp_path / "large.xlsx")
    with zipfile.ZipFile(large) as z:
        parts = {name: z.read(name) for name in z.namelist()}
        detail = z.getinfo("xl/worksheets/sheet2.xml")
    with zipfile.ZipFile(tmp_path / "usual.xlsx") as z:
        assert parts == {name: z.read(name) for name in z.namelist()}
        assert z.getinfo("xl/worksheets/sheet2.xml").compress_size < detail.compress_size
    assert detail.compress_type == zipfile.ZIP_DEFLATED
    assert detail.compress_size == len(_deflated(parts["xl/worksheets/sheet2.xml"], 1))
    other = Workbook(str(tmp_path / "other.xlsx"))
    other.add_worksheet().write_string(0, 0, "ก" * 5000 + "ข" * 5000)
    other.close()
    with zipfile.ZipFile(tmp_path / "other.xlsx") as z:
        part = z.read("xl/worksheets/sheet1.xml")
        assert z.getinfo("xl/worksheets/sheet1.xml").compress_size == len(_deflated(part, 6))
    monkeypatch.setattr(deflate, "LARGE_RECORDS", len(results["records"]) + 1)
    assert write_consolidated(results, sample_plan, tmp_path / "again.xlsx").read_bytes() == usual


def _deflated(data: bytes, level: int) -> bytes:
    import zlib

    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def test_the_overdue_and_report_sheets_are_the_same_from_the_detail_sheets_notes(
    sample_plan, tmp_path, monkeypatch
):
    """What the overdue and report sheets show, noted as the detail sheet reads the records, is
    what reading the records again gives (as the Word report does)."""
    from ita_xlsx.report import workbook

    results = make_results(sample_plan, hostile=True)
    noted = write_consolidated(results, sample_plan, tmp_path / "noted.xlsx")
    monkeypatch.setattr(workbook, "_noted_for", lambda sheets, module: False)
    read = write_consolidated(results, sample_plan, tmp_path / "read.xlsx")
    with zipfile.ZipFile(noted) as zn, zipfile.ZipFile(read) as zr:
        for sheet in ("xl/worksheets/sheet3.xml", "xl/worksheets/sheet6.xml"):
            assert zn.read(sheet) == zr.read(sheet), sheet
        assert "ยังไม่ได้รับรายงาน".encode() in zn.read("xl/worksheets/sheet6.xml")
    overdue = openpyxl.load_workbook(noted)["เกินกำหนด"]
    assert overdue.max_row > 4  # rows of overdue records, not only the heading


def test_fast_rows_write_what_xlsxwriter_writes(sample_plan, tmp_path, monkeypatch):
    """The row-at-a-time path gives the same bytes as xlsxwriter's own cell writing."""
    results = make_results(sample_plan, hostile=True)
    monkeypatch.setattr(report_rows, "SHARE_REPEATED", False)  # xlsxwriter writes inline strings only
    fast = write_consolidated(results, sample_plan, tmp_path / "fast.xlsx")
    monkeypatch.setattr(report_rows, "supports_fast_rows", lambda ws: False)
    slow = write_consolidated(results, sample_plan, tmp_path / "slow.xlsx")
    with zipfile.ZipFile(fast) as zf, zipfile.ZipFile(slow) as zs:
        assert zf.namelist() == zs.namelist()
        for name in zf.namelist():
            assert zf.read(name) == zs.read(name), name


def _cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [
        (
            ws.title,
            c.coordinate,
            c.value,
            c.data_type,
            c.style_id,
            c.quotePrefix,
            c.hyperlink.target if c.hyperlink else None,
        )
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
    ]


def test_shared_strings_read_back_the_same(sample_plan, tmp_path, monkeypatch):
    """Repeated texts go to the shared-string table: the cells read back exactly as inline ones."""
    results = make_results(sample_plan, hostile=True)
    results["records"][0]["question"] = "<r><t>not rich</t></r>"  # never copied into the table raw
    shared = write_consolidated(results, sample_plan, tmp_path / "shared.xlsx")
    monkeypatch.setattr(report_rows, "SHARE_REPEATED", False)
    inline = write_consolidated(results, sample_plan, tmp_path / "inline.xlsx")
    with zipfile.ZipFile(shared) as z:
        assert "xl/sharedStrings.xml" in z.namelist()
        assert "<r><t>not rich" not in z.read("xl/sharedStrings.xml").decode()
    assert _cells(shared) == _cells(inline)


# --- PDF without LibreOffice ---------------------------------------------------------------------
def test_pdf_without_libreoffice_is_a_problem_saying_how_to_install_it(written, tmp_path, monkeypatch):
    from ita_xlsx.report import pdf as report_pdf
    from ita_xlsx.report.pdf import export_report_pdf

    monkeypatch.setattr(report_pdf, "find_libreoffice", lambda: None)
    problem = export_report_pdf(written, tmp_path / "OUT.pdf")
    assert problem is not None and problem.code == "pdf-no-libreoffice"
    assert "LibreOffice" in problem.message_th and "ติดตั้ง" in problem.message_th
    assert not (tmp_path / "OUT.pdf").exists()


def test_keep_only_sheet_leaves_the_report_alone(written, tmp_path):
    from ita_xlsx.report import pdf as report_pdf

    single = tmp_path / "report.xlsx"
    report_pdf.keep_only_sheet(written, "รายงาน", single)
    book = openpyxl.load_workbook(single)
    assert book.sheetnames == ["รายงาน"]
    original = openpyxl.load_workbook(written)["รายงาน"]
    ws = book["รายงาน"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        [c.value for c in row] for row in original.iter_rows()
    ]
    assert ws.print_title_rows == original.print_title_rows
    with zipfile.ZipFile(single) as z:
        names = z.namelist()
    assert not any(n.startswith("xl/worksheets/sheet") and n != "xl/worksheets/sheet6.xml" for n in names)
    with pytest.raises(ValueError, match="no sheet"):
        report_pdf.keep_only_sheet(written, "ไม่มีชีตนี้", tmp_path / "x.xlsx")


def test_links_beyond_excels_limit_stay_text(sample_plan, tmp_path, monkeypatch):
    """Excel keeps at most 65,530 links a sheet: the ones after that are written as plain text."""
    monkeypatch.setattr(report_rows, "EXCEL_MAX_LINKS", 3)
    results = make_results(sample_plan)
    out = write_consolidated(results, sample_plan, tmp_path / "OUT.xlsx")
    ws = openpyxl.load_workbook(out)["รายละเอียด"]
    header = header_row_of(ws, "ด้าน")
    evidence = column(ws, header, "หลักฐาน")
    cells = [
        row[evidence]
        for row in ws.iter_rows(min_row=header + 1)
        if str(row[evidence].value).startswith("http")
    ]
    assert len(cells) > 3
    assert [c.hyperlink is not None for c in cells] == [True] * 3 + [False] * (len(cells) - 3)
    assert all(c.data_type == "s" for c in cells)
