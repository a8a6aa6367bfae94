"""Compare a workbook with its golden file part by part, in the manner of XlsxWriter's own tests.

Both files are unzipped, what may change on every save (core timestamps) is stripped, relationship
entries are sorted, and each part that differs is shown as a line diff of its XML.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from pathlib import Path

_VOLATILE = {"docProps/core.xml": re.compile(r"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")}
_RELATIONSHIP = re.compile(r"<Relationship [^>]*/>")


def normalised_parts(workbook: bytes | Path) -> dict[str, list[str]]:
    """Each part as lines of XML, volatile content removed, relationships sorted."""
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    parts = {}
    with zipfile.ZipFile(source) as zf:
        for name in sorted(zf.namelist()):
            text = zf.read(name).decode("utf-8")
            if name in _VOLATILE:
                text = _VOLATILE[name].sub("", text)
            if name.endswith(".rels"):
                rels = sorted(_RELATIONSHIP.findall(text))
                text = _RELATIONSHIP.sub("", text).replace(
                    "</Relationships>", "".join(rels) + "</Relationships>"
                )
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
