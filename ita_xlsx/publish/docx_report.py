"""The round's report as an editable Word document (.docx), in the layout of the published report.

A title page (title, fiscal year, round and its months, office, district and province), the
contents (each entry with the page it is on, as a PAGEREF field Word and LibreOffice fill in),
the office's introduction, then one table per section (IIT, EIT, OIT) with the report's five
columns, and a signature block. TH Sarabun New 16 pt for every script (Thai is a complex script
in Word: its font and size are set as well, or Word would use another); where the font is not
installed the system's stand-in is used (fontconfig maps it to Laksaman on Debian). The column
headings repeat on every page, and a row is not split across pages unless it is taller than a
page (it would be cut off).

Built with python-docx; the few properties it does not expose (repeated header rows, rows kept
whole, complex-script fonts, fields and bookmarks) are set through its oxml API.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from ita_xlsx import messages
from ita_xlsx.core import thaidates
from ita_xlsx.core.atomic import atomic_path
from ita_xlsx.core.textnorm import xml_safe
from ita_xlsx.publish.report_doc import OfficialReport, ReportSection
from ita_xlsx.report.common import lines_needed
from ita_xlsx.report.official import WIDTHS

FONT = "TH Sarabun New"
SIZE = Pt(16)
# Column widths: those of the workbook's รายงาน sheet (WIDTHS), in proportion.
PAGE_LINES = 15  # wrapped lines a landscape A4 page holds below the heading: taller rows may split
# The sheet prints at about 75 %; the document at 100 % holds three quarters of a line's characters.
SCALE = 0.75
BOOKMARK = "ita_section_{}"


def write_docx(report: OfficialReport, path: str | os.PathLike, *, created: dt.date | None = None) -> Path:
    """Write ``report`` to ``path`` as .docx, atomically (a failure leaves an older file as it was)."""
    path = Path(path)
    doc = build(report, created=created)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


def build(report: OfficialReport, *, created: dt.date | None = None) -> DocumentObject:
    doc = Document()
    _set_fonts(doc)
    _set_properties(doc, report, created)
    first = doc.sections[0]
    _page(first, landscape=False)
    _title_page(doc, report)
    _contents(doc, report)
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(body, landscape=True)
    _page_numbers(body)
    _introduction(doc, report)
    for number, section in enumerate(report.sections):
        _section(doc, report, section, number)
    _signatures(doc)
    _update_fields_on_open(doc)
    return doc


# --- fonts and page ----------------------------------------------------------------------------
def _set_fonts(doc: DocumentObject) -> None:
    """TH Sarabun New 16 for Latin, East Asian and complex scripts, in the defaults and every style used."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _font_of(rpr)
    for name in ("Normal", "Heading 1", "Heading 1 Char", "Table Grid"):
        style = doc.styles[name]
        if name != "Table Grid":
            style.font.size = SIZE
            style.font.color.rgb = RGBColor(0, 0, 0)
        _font_of(style.element.get_or_add_rPr())
    heading = doc.styles["Heading 1"]
    heading.font.bold = True
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(6)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0


def _font_of(rpr) -> None:
    fonts = _child(rpr, "w:rFonts")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), "32")
    _child(rpr, "w:lang").set(qn("w:bidi"), "th-TH")


# The order of a run's properties (w:rPr) in the schema: a child goes before those after it.
_RPR_ORDER = [
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
]


def _child(rpr, tag: str):
    """The ``tag`` child of a w:rPr, added in its place in the schema's order when missing."""
    found = rpr.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        rpr.insert_element_before(found, *_RPR_ORDER[_RPR_ORDER.index(tag) + 1 :])
    return found


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Cm(21.0), Cm(29.7)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(1.8)
    section.header_distance = section.footer_distance = Cm(1.0)


def _text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _set_properties(doc: DocumentObject, report: OfficialReport, created: dt.date | None) -> None:
    props = doc.core_properties
    props.title = f"{report.title} {report.period}"
    props.subject = report.office
    props.author = props.last_modified_by = "ita-xlsx"
    props.comments = report.as_of
    if created is not None:
        props.created = props.modified = dt.datetime.combine(created, dt.time())
    props.revision = 1


# --- title page, contents, introduction ------------------------------------------------------
def _title_page(doc: DocumentObject, report: OfficialReport) -> None:
    period, _, months = report.period.partition(" (")
    lines = [(report.title, 24, True), (period, 20, True)]
    if months:
        lines.append(("(" + months, 20, True))
    lines += [
        ("", 16, False),
        (report.office, 20, True),
        (report.place, 18, False),
        (report.as_of, 16, False),
    ]
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(150)
    for text, size, bold in lines:
        if text or size:
            _centred(doc, text, size, bold)


def _centred(doc: DocumentObject, text: str, size: int, bold: bool) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(xml_safe(text))
    run.font.size = Pt(size)
    run.font.bold = bold
    _complex_size(run, size, bold)
    return paragraph


def _complex_size(run, size: int, bold: bool) -> None:
    """The size and weight Word uses for Thai (a complex script): w:szCs and w:bCs."""
    rpr = run._r.get_or_add_rPr()
    _child(rpr, "w:szCs").set(qn("w:val"), str(size * 2))
    if bold:
        _child(rpr, "w:bCs")


def _contents(doc: DocumentObject, report: OfficialReport) -> None:
    """สารบัญ: the introduction and each section, with the page each starts on (PAGEREF fields)."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centred(doc, messages.text("publish.docx.contents", "th"), 20, True)
    width = _text_width(doc.sections[0])
    head = _contents_line(doc, width)
    head.add_run(messages.text("publish.docx.contents-subject", "th")).bold = True
    head.add_run("\t")
    head.add_run(messages.text("publish.docx.contents-page", "th")).bold = True
    entries = [(_intro_title(report), "intro")] + [
        (section.heading, str(number)) for number, section in enumerate(report.sections)
    ]
    for text, mark in entries:
        line = _contents_line(doc, width, dots=True)
        line.add_run(xml_safe(text))
        line.add_run("\t")
        _field(line, f"PAGEREF {BOOKMARK.format(mark)} \\h", "")


def _contents_line(doc: DocumentObject, width: int, *, dots: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    leader = WD_TAB_LEADER.DOTS if dots else WD_TAB_LEADER.SPACES
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, leader)
    paragraph.paragraph_format.right_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph


def _intro_title(report: OfficialReport) -> str:
    year = thaidates.to_thai_digits(str(report.fiscal_year or ""))
    return messages.text("publish.docx.measures-title", "th", office=report.office, year=year)


def _introduction(doc: DocumentObject, report: OfficialReport) -> None:
    title = doc.add_paragraph(style="Heading 1")
    _bookmarked(title, _intro_title(report), "intro")
    previous = thaidates.to_thai_digits(str(report.fiscal_year - 1)) if report.fiscal_year else ""
    text = messages.text("publish.docx.introduction", "th", previous=previous, office=report.office)
    paragraph = doc.add_paragraph(xml_safe(text))
    paragraph.paragraph_format.first_line_indent = Cm(1.5)
    paragraph.paragraph_format.space_after = Pt(8)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


# --- the sections' tables --------------------------------------------------------------------
def _section(doc: DocumentObject, report: OfficialReport, section: ReportSection, number: int) -> None:
    heading = doc.add_paragraph(style="Heading 1")
    heading.paragraph_format.page_break_before = number > 0
    heading.paragraph_format.keep_with_next = True
    _bookmarked(heading, section.heading, str(number))
    table = doc.add_table(rows=1, cols=len(WIDTHS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(_text_width(doc.sections[-1]))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the table's grid, which LibreOffice lays out by (Word by the cells)
    _header_row(table, report.headings, widths)
    for texts in section.rows:
        _measure_row(table, texts, widths)


def _column_widths(total: int) -> list[Length]:
    whole = sum(WIDTHS)
    return [Emu(int(total * w / whole)) for w in WIDTHS]


def _header_row(table: Table, labels: list[str], widths: list[Length]) -> None:
    row = table.rows[0]
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))  # (the schema wants it before w:tblHeader)
    trpr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
    for cell, label, width in zip(row.cells, labels, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(label)
        run.bold = True
        _complex_size(run, 16, True)
        _shade(cell, "F2F2F2")


def _measure_row(table: Table, texts: list[str], widths: list[Length]) -> None:
    row = table.add_row()
    lines = max(lines_needed(t, w * SCALE) for t, w in zip(texts, WIDTHS, strict=True))
    if lines <= PAGE_LINES:  # a taller row must split, or what does not fit a page would be cut off
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, text, width in zip(row.cells, texts, widths, strict=True):
        cell.width = width
        paragraphs = xml_safe(text or "").split("\n")
        cell.paragraphs[0].text = paragraphs[0]
        for more in paragraphs[1:]:
            cell.add_paragraph(more)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _signatures(doc: DocumentObject) -> None:
    """ผู้รายงาน and ผู้ตรวจสอบ/ผู้อนุมัติ, side by side in a table without borders, kept together."""
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(18)
    spacer.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, role in zip(table.rows[0].cells, ("reporter", "approver"), strict=True):
        lines = [
            messages.text("publish.docx.signature.line", "th")
            + " "
            + messages.text(f"publish.docx.signature.{role}", "th"),
            messages.text("publish.docx.signature.name", "th"),
            messages.text("publish.docx.signature.position", "th"),
        ]
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(6)


# --- fields and bookmarks ---
def _update_fields_on_open(doc: DocumentObject) -> None:
    """Word fills in the contents' page numbers when the document is opened (it asks first);
    LibreOffice always does."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = doc.settings.element
    later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
    settings.insert_element_before(update, *later, "m:mathPr", "w:attachedSchema", "w:themeFontLang")


def _page_numbers(section) -> None:
    """The page number at the bottom centre, counting from the introduction: in Thai digits in Word
    (LibreOffice may not read that numbering format, and then shows 1, 2, 3)."""
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(messages.text("publish.docx.footer", "th"))
    _field(paragraph, "PAGE", "1")
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:fmt"), "thaiNumbers")
    numbering.set(qn("w:start"), "1")
    later = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi")
    section._sectPr.insert_element_before(numbering, *later, "w:rtlGutter", "w:docGrid", "w:printerSettings")
    # The first section (title page, contents) has no number: its own footer stays empty.


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, PAGEREF …): begin, instruction, separate, its last result, end."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")
    paragraph.add_run(shown)
    _field_char(paragraph, "end")


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _bookmarked(paragraph: Paragraph, text: str, mark: str) -> None:
    """``text`` in ``paragraph`` inside a bookmark the contents' PAGEREF fields point at."""
    ident = str(int(mark) + 1) if mark.isdigit() else "0"
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), BOOKMARK.format(mark))
    paragraph._p.append(start)
    paragraph.add_run(xml_safe(text))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    paragraph._p.append(end)
