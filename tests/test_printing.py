"""Every workbook the tool writes prints legibly on A4 in LibreOffice (issue 18, part 6).

Each kind (templates, consolidated, feedback, ``plan new``, ``plan convert``) is written by its
command, printed to PDF by a real LibreOffice and read back with pdfinfo and pdftotext: pages are
A4, their count stays in bounds (the empty activity log is one page, not seven), table headings
are repeated on the pages after the first, a sheet fitted to the page width keeps its first and
last columns on one page, no table heading stands alone at a page's foot, and file names are not
cut. Thai vowel and tone marks come out of a PDF shuffled, so texts are compared without them and
without spaces. LibreOffice is required: without it these tests fail (never skip).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ita_xlsx.cli import cli
from ita_xlsx.read import layout

import libreoffice as lo
from libreoffice import bare
from workbooks import ROOT

PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
MISTAKES = ROOT / "samples" / "with-mistakes"
A4_LANDSCAPE = (841.89, 595.30)


@pytest.fixture(scope="module", autouse=True)
def _libreoffice_required():
    if not (lo.available() and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.fail(f"LibreOffice and poppler-utils are required: {lo.INSTALL_HINT}", pytrace=False)


class Printed:
    """A workbook printed to PDF: its pages' sizes and (bare) texts."""

    def __init__(self, pdf: Path) -> None:
        info = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        self.sizes = [
            (float(m[1]), float(m[2])) for m in re.finditer(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
        ]
        self.raw = [_page_text(pdf, n) for n in range(1, len(self.sizes) + 1)]
        self.pages = [bare(text) for text in self.raw]

    def with_text(self, text: str) -> list[int]:
        """The (0-based) pages whose text holds ``text``."""
        return [n for n, page in enumerate(self.pages) if bare(text) in page]

    def assert_a4_landscape(self) -> None:
        for width, height in self.sizes:
            assert (round(width, 1), round(height, 1)) == (
                round(A4_LANDSCAPE[0], 1),
                round(A4_LANDSCAPE[1], 1),
            )


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _print(path: Path, outdir: Path) -> Printed:
    return Printed(lo.convert(path, "pdf", outdir))


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """One workbook of each kind, written by its command."""
    out = tmp_path_factory.mktemp("printed")
    _run("templates", "--plan", str(PLAN), "--round", "6m", "--out", str(out / "templates"))
    args = ["--plan", str(PLAN), "--as-of", "2023-03-31"]
    _run("collect", *args, "--round", "6m", "--out", str(out / "สรุป.xlsx"), str(MISTAKES))
    _run("feedback", *args, "--out", str(out / "feedback"), str(MISTAKES))
    _run("plan", "new", str(out / "แผนเปล่า.xlsx"))
    _run("plan", "convert", str(PLAN), str(out / "แผน.xlsx"))
    return {
        "template": next((out / "templates").glob("*palad*.xlsx")),
        "consolidated": out / "สรุป.xlsx",
        "feedback": next((out / "feedback").glob("*works*.xlsx")),
        "plan-new": out / "แผนเปล่า.xlsx",
        "plan": out / "แผน.xlsx",
    }


def test_a_template_prints_its_measures_with_headings_and_the_empty_log_on_one_page(written, tmp_path):
    printed = _print(written["template"], tmp_path)
    printed.assert_a4_landscape()
    assert 3 <= len(printed.pages) <= 6
    measures = printed.with_text("ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา")
    assert len(measures) >= 2  # the measures run over pages, each with the table's headings
    for page in measures:  # fitted to the width: the first and the last column on every page
        assert bare("ลำดับ") in printed.pages[page] and bare("หมายเหตุ") in printed.pages[page]
    log = printed.with_text("สิ่งที่ดำเนินการ")
    assert len(log) == 1  # 200 empty rows, but one page (the print area)


def test_the_consolidated_workbook_prints_legibly(written, tmp_path):
    printed = _print(written["consolidated"], tmp_path)
    printed.assert_a4_landscape()
    assert 10 <= len(printed.pages) <= 30
    # the summary: each table heading on the page of its table, never alone at a page's foot
    for heading, follows in (("ผลการดำเนินการรายหน่วยงาน", "กองคลัง"), ("ผลการดำเนินการรายด้านและตัวชี้วัด", "IIT")):
        (page,) = printed.with_text(heading)
        after = printed.pages[page].split(bare(heading), 1)[1]
        assert bare(follows) in after, heading
    # the detail: two pages wide, the question and division repeated on the right-hand page
    detail = printed.with_text("วันที่ดำเนินการ")[0]
    right = printed.pages[detail + 1]
    assert bare("ไฟล์ต้นทาง") in right and bare("ประเด็นการประเมิน") in right and bare("หน่วยงาน") in right
    assert bare("วันที่ดำเนินการ") not in right
    # the data problems: the headings on every page, and file names whole (wrapped, not cut)
    problems = printed.with_text("รหัสปัญหา")
    assert len(problems) >= 2
    for page in problems:  # fitted to the width: the first column with the last
        assert bare("ระดับ") in printed.pages[page]
    text = "".join(printed.pages[page] for page in problems)
    named = text.count(bare("ITA2566_6m_finance_"))
    assert named and text.count(bare("คลัง.xlsx")) >= named  # each name printed to its end


def test_a_feedback_workbook_prints_its_fixes_and_a_short_log(written, tmp_path):
    printed = _print(written["feedback"], tmp_path)
    printed.assert_a4_landscape()
    assert len(printed.with_text("สิ่งที่ต้องแก้ไข")) >= 1
    assert 4 <= len(printed.pages) <= 8
    assert len(printed.with_text("สิ่งที่ดำเนินการ")) <= 2


@pytest.mark.parametrize("kind", ["plan-new", "plan"])
def test_a_plan_workbook_prints_its_tables_with_repeated_headings(written, tmp_path, kind):
    printed = _print(written[kind], tmp_path)
    printed.assert_a4_landscape()
    assert len(printed.pages) <= (10 if kind == "plan-new" else 24)
    guide = printed.with_text("แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    assert guide == [0]
    for words in ("event", "plan check"):  # the ends of the guide's longest lines: not cut
        assert bare(words) in printed.pages[0]
    left, right = printed.with_text("responsible_text"), printed.with_text("deadline_text")  # field names
    assert left and right and not set(left) & set(right)  # the measures table: two pages wide
    assert all(page + 1 in right for page in left)  # across, then down: each half beside the other
    if kind == "plan":  # the id column repeated: each page names the measures of its rows
        for page in left + right:
            assert re.search(r"\b[ieO]\d{1,2}\b", printed.raw[page]), page


def test_the_log_of_a_template_is_its_own_print_area(written):
    log = load_workbook(written["template"])[layout.LOG_SHEET]
    assert log.print_area.endswith("$A$1:$E$25")
