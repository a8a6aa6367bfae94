"""The Word report in a real LibreOffice (Writer): it opens, converts to PDF, every text of the
document is on the pages (nothing clipped), the contents give each section's page, and the page
count agrees with the page numbers printed.

Needs Debian's libreoffice-writer besides what ``.ci/install-libreoffice.sh`` installs for Calc:
not skipped when it is missing, these tests fail and say so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from ita_xlsx.cli import cli
from ita_xlsx.core.thaidates import to_arabic_digits

from workbooks import ROOT

WRITER_HINT = (
    "LibreOffice Writer is missing (it opens .docx): install the Debian package libreoffice-writer "
    "as well as those of `bash .ci/install-libreoffice.sh`"
)


def _bare(text: str) -> str:
    """Without spaces and Thai marks above or below (pdftotext gives them in an unreliable order)."""
    marks = set(
        "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
    )
    return "".join(ch for ch in text if not ch.isspace() and ch not in marks)


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail(WRITER_HINT, pytrace=False)
    folder = tmp_path_factory.mktemp("docx-lo")
    out = folder / "สรุป.xlsx"
    args = ["collect", "--plan", str(ROOT / "workbook_templates" / "plan-2566.yaml"), "--round", "6m"]
    result = CliRunner().invoke(
        cli, [*args, "--as-of", "2023-03-31", "--docx", "--out", str(out), str(ROOT / "samples" / "6m")]
    )
    assert result.exit_code == 0, result.output
    docx = out.with_suffix(".docx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        capture_output=True,
        timeout=300,
    )
    pdf = docx.with_suffix(".pdf")
    if not pdf.is_file():
        pytest.fail(WRITER_HINT, pytrace=False)
    return docx, pdf


def test_every_text_of_the_document_is_on_the_pages(rendered):
    """Nothing clipped: every character of the document is printed (as many times at least), and
    every paragraph's beginning is on a page (a row split across pages may split its text)."""
    docx, pdf = rendered
    doc = Document(str(docx))
    printed = _bare(_run("pdftotext", str(pdf), "-"))
    paragraphs = [p.text.split("\t")[0] for p in doc.paragraphs]
    paragraphs += [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    lost = Counter(_bare("".join(paragraphs))) - Counter(printed)
    # pdftotext loses an odd Thai letter where it reorders the columns of a wrapped row (one in
    # about 40,000 of the sample's); a clipped line or cell would lose dozens.
    assert sum(lost.values()) <= 3, lost
    # A cell's first line may hold four letters ("สำนัก" of "สำนักปลัด" in the narrow column), and
    # pdftotext prints the next line of another column after it: the first four letters are what
    # is sure to stand together.
    missing = [p for p in paragraphs if _bare(p)[:4] not in printed]
    assert not missing, missing[:5]


def _page_number(text: str) -> int:
    """The number in the page's footer ("หน้า ๑๒"; "ปฏิบัติหน้าที่" has no digits after it)."""
    found = re.findall(r"หน้า\s*([๐-๙0-9]+)", text)
    assert len(found) == 1, found
    return int(to_arabic_digits(found[0]))


def test_pages_are_numbered_from_the_introduction_and_the_contents_agree(rendered):
    _, pdf = rendered
    pages = int(next(x.split()[-1] for x in _run("pdfinfo", str(pdf)).splitlines() if x.startswith("Pages:")))
    number = _page_number(_run("pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"))
    assert pages == number + 2  # the title page and the contents have no number
    contents = _run("pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-")
    # "… Assessment: IIT) ........ ๑": the page number after the dot leader
    ends = [re.search(code + r"\)[\s.…]*([๐-๙0-9]+)", contents) for code in ("IIT", "EIT", "OIT")]
    assert all(ends), contents
    starts = [int(to_arabic_digits(m.group(1))) for m in ends]
    assert starts == sorted(starts) and starts[0] >= 1 and starts[-1] <= number
    for section, start in zip(("IIT", "EIT", "OIT"), starts, strict=True):
        page = " ".join(_run("pdftotext", "-f", str(start + 2), "-l", str(start + 2), str(pdf), "-").split())
        assert f"Assessment: {section})" in page
