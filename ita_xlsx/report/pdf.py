"""The official report (the รายงาน sheet) as PDF, printed by LibreOffice when it is installed.

LibreOffice prints every visible sheet, so the report sheet is first copied into a workbook of
its own: the same parts, with the other sheets taken out of the package (no cell is rewritten).
Each run uses its own LibreOffice profile (two headless instances sharing one block each other)
and a time limit; the PDF appears atomically. Failing to print is a problem record, not an
exception: the workbook is the main product and stays valid.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from ita_xlsx.core import problems
from ita_xlsx.core.atomic import atomic_path
from ita_xlsx.core.os_reasons import os_reason
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.scratch import scratch_folder

DEFAULT_TIMEOUT = 300.0
MAX_XML_PART = 20_000_000  # workbook.xml, rels and content types are small; refuse anything odd
_KNOWN_LOCATIONS = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_SHEET_RE = re.compile(r"<sheet\b[^>]*/>")
_SHEETS_RE = re.compile(r"<sheets>.*?</sheets>", re.S)
_NAME_RE = re.compile(r"<definedName\b([^>]*)>(.*?)</definedName>", re.S)
_NAMES_RE = re.compile(r"<definedNames>(.*?)</definedNames>", re.S)
_REL_RE = re.compile(r"<Relationship\b[^>]*/>")
_OVERRIDE_RE = re.compile(r"<Override\b[^>]*/>")
_ATTR_RE = re.compile(r'([\w:]+)="([^"]*)"')


def export_report_pdf(
    xlsx_path: str | Path, pdf_path: str | Path, *, timeout: float = DEFAULT_TIMEOUT
) -> Problem | None:
    """Write the รายงาน sheet of the consolidated workbook ``xlsx_path`` to ``pdf_path``.

    Returns None on success, else a warning: ``pdf-no-libreoffice`` (with how to install it) or
    ``pdf-failed`` (with the reason). An existing ``pdf_path`` is only replaced by a whole PDF.
    """
    from ita_xlsx.report.workbook import REPORT_SHEET

    soffice = find_libreoffice()
    if soffice is None:
        return problems.warning("pdf-no-libreoffice", file=str(pdf_path))
    with scratch_folder("pdf-") as tmp:
        single = Path(tmp) / "report.xlsx"
        try:
            keep_only_sheet(xlsx_path, REPORT_SHEET, single)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            return problems.warning("pdf-failed", file=str(xlsx_path), reason=str(exc) or type(exc).__name__)
        made = convert_to_pdf(soffice, single, Path(tmp) / "out", Path(tmp) / "profile", timeout)
        if isinstance(made, str):
            return problems.warning("pdf-failed", file=str(xlsx_path), reason=made)
        try:
            with atomic_path(pdf_path) as out:
                shutil.copyfile(made, out)
        except OSError as exc:  # the workbook and JSON are written by now: the PDF alone is missing
            return problems.warning("pdf-failed", file=str(pdf_path), reason=os_reason(exc))
    return None


def find_libreoffice() -> str | None:
    """The LibreOffice program: ``soffice`` or ``libreoffice`` on PATH, else a usual install place."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_LOCATIONS if os.path.isfile(p) and os.access(p, os.X_OK)), None)


def convert_to_pdf(soffice: str, src: Path, outdir: Path, profile: Path, timeout: float) -> Path | str:
    """Run headless LibreOffice on ``src``; the PDF's path, or why there is none."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf:calc_pdf_Export",
        "--outdir",
        str(outdir),
        str(src),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        **_own_process_group(),
    )
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return f"LibreOffice did not finish within {timeout:g} s"
    pdf = outdir / f"{src.stem}.pdf"
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = err.decode("utf-8", "replace").strip()[-300:]
        return f"LibreOffice exit status {process.returncode}" + (f": {detail}" if detail else "")
    return pdf


def _own_process_group() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill(process: subprocess.Popen) -> None:
    """Stop LibreOffice and the soffice.bin it started (they share the group we gave them)."""
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()


# --- a workbook of one sheet ---------------------------------------------------------------------
def keep_only_sheet(src: str | os.PathLike, sheet_name: str, dst: Path) -> None:
    """Copy the workbook ``src`` to ``dst`` with only the sheet ``sheet_name`` left in it.

    The sheet, styles and other shared parts are copied as they are; the other sheets are taken
    out of workbook.xml, its relationships and the content types, with their defined names.
    Raises ValueError when the workbook has no such sheet.
    """
    with zipfile.ZipFile(src) as zin:
        workbook = _read_text(zin, "xl/workbook.xml")
        rels = _read_text(zin, "xl/_rels/workbook.xml.rels")
        types = _read_text(zin, "[Content_Types].xml")
        sheets = [dict(_ATTR_RE.findall(tag)) for tag in _SHEET_RE.findall(workbook)]
        names = [html.unescape(s.get("name", "")) for s in sheets]
        if sheet_name not in names:
            raise ValueError(f"the workbook has no sheet {sheet_name!r}")
        index = names.index(sheet_name)
        targets = _sheet_targets(rels)
        dropped_ids = {s.get("r:id") for i, s in enumerate(sheets) if i != index}
        dropped = {targets[rid] for rid in dropped_ids if rid in targets} | {"xl/calcChain.xml"}
        parts = {
            "xl/workbook.xml": _workbook_with_one_sheet(workbook, index),
            "xl/_rels/workbook.xml.rels": _without(rels, _REL_RE, lambda a: _rel_target(a) in dropped),
            "[Content_Types].xml": _without(
                types, _OVERRIDE_RE, lambda a: a.get("PartName", "").lstrip("/") in dropped
            ),
        }
        skip = dropped | {_rels_of(p) for p in dropped}
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename in skip:
                    continue
                if info.filename in parts:
                    zout.writestr(info, parts[info.filename])
                else:
                    with zin.open(info) as fin, zout.open(info, "w") as fout:
                        shutil.copyfileobj(fin, fout, 1 << 20)


def _read_text(zin: zipfile.ZipFile, name: str) -> str:
    info = zin.getinfo(name)
    if info.file_size > MAX_XML_PART:
        raise ValueError(f"{name} is too large ({info.file_size} bytes)")
    return zin.read(info).decode("utf-8")


def _rel_target(attrs: dict[str, str]) -> str:
    target = attrs.get("Target", "")
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _sheet_targets(rels: str) -> dict[str | None, str]:
    """Relationship id (None when it has none) → its part in the package."""
    return {a.get("Id"): _rel_target(a) for a in (dict(_ATTR_RE.findall(t)) for t in _REL_RE.findall(rels))}


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _without(xml: str, element: re.Pattern, drop) -> str:
    return element.sub(lambda m: "" if drop(dict(_ATTR_RE.findall(m.group(0)))) else m.group(0), xml)


def _workbook_with_one_sheet(workbook: str, index: int) -> str:
    """workbook.xml with the one sheet, its own defined names (renumbered) and no active-tab index."""
    tags = _SHEET_RE.findall(workbook)
    workbook = _SHEETS_RE.sub(lambda m: f"<sheets>{tags[index]}</sheets>", workbook, count=1)

    def keep_name(m: re.Match) -> str:
        local = dict(_ATTR_RE.findall(m.group(1))).get("localSheetId")
        if local != str(index):
            return ""
        return m.group(0).replace(f'localSheetId="{index}"', 'localSheetId="0"', 1)

    workbook = _NAME_RE.sub(keep_name, workbook)
    workbook = _NAMES_RE.sub(lambda m: m.group(0) if m.group(1).strip() else "", workbook)
    return re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", workbook)
