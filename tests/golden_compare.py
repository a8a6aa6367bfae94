"""Compare a workbook with its golden file part by part, in the manner of XlsxWriter's own tests.

Both files are unzipped, what may change on every save (core timestamps) is stripped, relationship
entries are sorted, and each part that differs is shown as a line diff of its XML.

What a writer may renumber without changing what anyone sees is compared by meaning, not by
position: a cell's style index (``s="7"``) is replaced by the style it stands for (number format,
font, fill, border, alignment, protection, quote prefix), so a writer that orders or merges its
fonts and formats differently matches, while any change of how a cell looks still shows. The
``styles.xml`` part itself is then compared for the parts referred to by position (the
differential formats of conditional formatting, the named cell styles).

A golden file records the library versions that made it (``VERSIONS.json`` beside it); a failing
comparison names them next to the versions of the run.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import re
import zipfile
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

_VOLATILE = {"docProps/core.xml": re.compile(r"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")}
_RELATIONSHIP = re.compile(r"<Relationship [^>]*/>")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STYLE_ATTRIBUTE = re.compile(r'(<(?:c|row)\b[^>]*?\bs|<col\b[^>]*?\bstyle)="(\d+)"')
_BUILTIN_FORMATS = {
    "0": "General",
    "1": "0",
    "2": "0.00",
    "3": "#,##0",
    "4": "#,##0.00",
    "9": "0%",
    "10": "0.00%",
    "14": "mm-dd-yy",
    "49": "@",
}
LIBRARIES = ("XlsxWriter", "openpyxl")


def normalised_parts(workbook: bytes | Path) -> dict[str, list[str]]:
    """Each part as lines of XML, volatile content removed, relationships sorted, styles resolved."""
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    parts = {}
    with zipfile.ZipFile(source) as zf:
        names = sorted(zf.namelist())
        styles = _resolved_styles(zf.read("xl/styles.xml")) if "xl/styles.xml" in names else []
        for name in names:
            text = zf.read(name).decode("utf-8")
            if name in _VOLATILE:
                text = _VOLATILE[name].sub("", text)
            if name.endswith(".rels"):
                rels = sorted(_RELATIONSHIP.findall(text))
                text = _RELATIONSHIP.sub("", text).replace(
                    "</Relationships>", "".join(rels) + "</Relationships>"
                )
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                text = _STYLE_ATTRIBUTE.sub(lambda m: f'{m[1]}="{_style_name(styles, m[2])}"', text)
            if name == "xl/styles.xml":
                text = _positional_styles(text)
            parts[name] = re.sub(r">\s*<", ">\n<", text).splitlines()
    return parts


def part_differences(got: bytes | Path, expected: bytes | Path) -> list[str]:
    """A readable report of every part that is missing, extra, or different."""
    mine, theirs = normalised_parts(got), normalised_parts(expected)
    report = [f"missing part {n}" for n in sorted(theirs.keys() - mine.keys())]
    report += [f"extra part {n}" for n in sorted(mine.keys() - theirs.keys())]
    for name in sorted(mine.keys() & theirs.keys()):
        if mine[name] != theirs[name]:
            diff = difflib.unified_diff(
                theirs[name], mine[name], f"golden/{name}", f"new/{name}", lineterm="", n=2
            )
            report.append("\n".join(list(diff)[:80]))
    return report


def library_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in LIBRARIES}


def record_versions(golden: Path) -> None:
    """Note in ``VERSIONS.json`` beside ``golden`` which library versions made it."""
    book = golden.parent / "VERSIONS.json"
    recorded = json.loads(book.read_text(encoding="utf-8")) if book.is_file() else {}
    recorded[golden.name] = library_versions()
    book.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def versions_note(golden: Path) -> str:
    book = golden.parent / "VERSIONS.json"
    recorded = json.loads(book.read_text(encoding="utf-8")).get(golden.name) if book.is_file() else None
    return f"golden made with {recorded or 'unrecorded versions'}; this run: {library_versions()}"


def _canonical(element: ElementTree.Element | None) -> str:
    """An element as text with its children and attributes in a fixed order."""
    if element is None:
        return ""
    children = sorted(_canonical(child) for child in element)
    attributes = " ".join(f"{k}={v}" for k, v in sorted(element.attrib.items()))
    return f"<{element.tag.replace(_NS, '')} {attributes}>{''.join(children)}</>"


def _resolved_styles(xml: bytes) -> list[str]:
    """What each cell format (``cellXfs``) shows, by its content rather than its position."""
    root = ElementTree.fromstring(xml)
    formats = {f.get("numFmtId"): f.get("formatCode") for f in root.iter(f"{_NS}numFmt")}
    tables = {key: [_canonical(e) for e in _children(root, f"{key}s")] for key in ("font", "fill", "border")}
    resolved = []
    for xf in _children(root, "cellXfs"):
        number = xf.get("numFmtId", "0")
        parts = [
            "format=" + formats.get(number, _BUILTIN_FORMATS.get(number, number)),
            *(tables[key][int(xf.get(f"{key}Id", "0"))] for key in ("font", "fill", "border")),
            _canonical(xf.find(f"{_NS}alignment")),
            _canonical(xf.find(f"{_NS}protection")),
            "quotePrefix" if xf.get("quotePrefix") in ("1", "true") else "",
        ]
        resolved.append("|".join(parts))
    return resolved


def _children(root: ElementTree.Element, tag: str) -> list[ElementTree.Element]:
    found = root.find(f"{_NS}{tag}")
    return list(found) if found is not None else []


def _style_name(styles: list[str], index: str) -> str:
    look = styles[int(index)] if int(index) < len(styles) else f"missing style {index}"
    return hashlib.sha1(look.encode("utf-8")).hexdigest()[:10]


def _positional_styles(xml: str) -> str:
    """The parts of styles.xml that are referred to by position: dxfs and the named cell styles."""
    kept = re.findall(r"<dxfs\b.*?</dxfs>|<dxfs\b[^>]*/>|<cellStyles\b.*?</cellStyles>", xml, flags=re.S)
    return "".join(kept)
