"""The consolidated workbook in a real LibreOffice: it opens, prints, and its report sheet becomes a PDF.

Not skipped when LibreOffice is missing: these tests fail and say how to install it
(``.ci/install-libreoffice.sh``). PDF text is read with pdftotext; Thai vowel and tone marks come
out of a PDF in a shuffled order, so texts are compared without them and without spaces.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ita_xlsx.core.thaidates import format_thai
from ita_xlsx.report import pdf as report_pdf
from ita_xlsx.report.pdf import export_report_pdf
from ita_xlsx.report.workbook import write_consolidated

from libreoffice import bare
from results_factory import make_results

INSTALL_HINT = "LibreOffice or pdftotext is missing: run `bash .ci/install-libreoffice.sh` (as root)"
REPORT_TITLE = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PERIOD = "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)"
IIT = "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)"
HEADINGS = ("ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีการ/มาตรการ", "การดำเนินการ")


@pytest.fixture(autouse=True, scope="module")
def needs_libreoffice():
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail(INSTALL_HINT, pytrace=False)


@pytest.fixture(scope="module")
def consolidated(sample_plan, tmp_path_factory) -> tuple[Path, dict]:
    results = make_results(sample_plan, hostile=True)
    path = write_consolidated(results, sample_plan, tmp_path_factory.mktemp("lo") / "OUT.xlsx")
    return path, results


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _convert(src: Path, outdir: Path) -> Path:
    """Through the shared helper (tests/libreoffice.py) when it is there."""
    try:
        import libreoffice
    except ImportError:  # the helper is optional for these tests: soffice alone is enough
        found = report_pdf.convert_to_pdf(report_pdf.find_libreoffice(), src, outdir, outdir / "profile", 300)
        assert isinstance(found, Path), found
        return found
    return libreoffice.convert(src, "pdf", outdir)


def test_whole_workbook_prints_with_the_thai_report(consolidated, tmp_path, sample_plan):
    path, results = consolidated
    text = bare(pdf_text(_convert(path, tmp_path)))
    for expected in (
        REPORT_TITLE,
        PERIOD,
        IIT,
        *HEADINGS,
        "องค์การบริหารส่วนตำบลเมืองพะไล",
        "สรุปผลการดำเนินการ",
        "ยังไม่ได้รับรายงาน",
        "อยู่ระหว่างดำเนินการ",
    ):
        assert bare(expected) in text, expected
    done = next(r for r in results["records"] if r["status"] == "done")
    from datetime import date

    on = f"เจ้าหน้าที่ดำเนินการเมื่อวันที่ {format_thai(date.fromisoformat(done['action_date']), 'official')}"
    assert bare(on) in text


def test_export_report_pdf_prints_only_the_report(consolidated, tmp_path):
    path, _ = consolidated
    out = tmp_path / "OUT.pdf"
    assert export_report_pdf(path, out) is None
    text = bare(pdf_text(out))
    assert bare(REPORT_TITLE) in text and bare(PERIOD) in text and bare(IIT) in text
    assert bare("๓. แบบวัดการเปิดเผยข้อมูลสาธารณะ") in text
    assert bare("รายละเอียดผลการดำเนินการรายมาตรการ") not in text  # the detail sheet is not in it
    assert bare("สรุปผลการดำเนินการ") not in text
    whole = _convert(path, tmp_path / "whole")
    assert pdf_pages(out) < pdf_pages(whole)
    assert "หน้า 1 จาก" in pdf_text(out)  # the page numbers of the footer
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_export_report_pdf_keeps_an_old_pdf_when_it_fails(tmp_path):
    import xlsxwriter

    other = tmp_path / "other.xlsx"
    with xlsxwriter.Workbook(other) as wb:
        wb.add_worksheet("Sheet1").write_string(0, 0, "not a consolidated workbook")
    out = tmp_path / "OUT.pdf"
    out.write_bytes(b"%PDF- the previous report")
    problem = export_report_pdf(other, out)
    assert problem is not None and problem.code == "pdf-failed"
    assert "รายงาน" in problem.message_th
    assert out.read_bytes() == b"%PDF- the previous report"


def test_export_report_pdf_time_limit(consolidated, tmp_path):
    """A LibreOffice that does not finish in time is stopped, and the failure is a problem."""
    path, _ = consolidated
    problem = export_report_pdf(path, tmp_path / "OUT.pdf", timeout=0.01)
    assert problem is not None and problem.code == "pdf-failed"
    assert "did not finish" in problem.message_en
    assert not (tmp_path / "OUT.pdf").exists()


def test_report_pdf_pages_render(consolidated, tmp_path):
    """The report pages rasterise (what docs/images/consolidated-summary.png was made with)."""
    if not shutil.which("pdftoppm"):
        pytest.fail(INSTALL_HINT, pytrace=False)
    path, _ = consolidated
    out = tmp_path / "OUT.pdf"
    assert export_report_pdf(path, out) is None
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True
    )
    assert list(tmp_path.glob("page*.png"))
