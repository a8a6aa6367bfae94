"""Intake: everything that happens to a returned file before a spreadsheet parser sees it.

``gather()`` expands files, folders, zip archives, saved e-mails (.eml) and mailboxes (.mbox)
into workbook :class:`Candidate` values, and says a word (a :class:`Problem`) about everything
else: temp and lock files, duplicates, and every file that is not an acceptable workbook.
Types are told by magic bytes, never by extension, and nothing here raises on a bad file.

Inside a zip or a mail, attachments that are plainly something else (a signature image, a
PDF whose name does not claim to be a spreadsheet) are passed over in silence; when a zip or
mail holds no workbook at all, one ``intake-mail-no-workbook`` note lists what it did hold.
A plain zip named like a workbook (.xlsx) is a damaged workbook, not a container, when it is
empty or holds workbook parts (``xl/``, ``_rels/``) without ``[Content_Types].xml``.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import hashlib
import math
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from ita_xlsx.core import own_files, problems
from ita_xlsx.core.os_reasons import os_reason
from ita_xlsx.core.problems import Problem
from ita_xlsx.intake.ole import OLE_MAGIC, ole_kind, ole_what
from ita_xlsx.intake.safezip import DEFAULT_LIMITS, ZIP_MAGICS, Limits, PackageError, SafePackage

__all__ = ["Candidate", "Limits", "gather", "is_temp_name", "sniff"]

_IMAGE_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif")
_IMAGE_KINDS = ("png", "jpeg", "gif", "tiff", "webp", "heic")
_MAIL_HEADERS = {
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"mime-version",
    b"received",
    b"return-path",
    b"delivered-to",
}
_HEADER_NAME = re.compile(rb"[!-9;-~]+:")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r\f\x1b")
_STRICT_MARK = b"purl.oclc.org/ooxml/"
_TEMP_NAMES = {".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini"}
_SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".xlsb", ".ods", ".ots", ".csv")
_OOXML_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_OOXML_PART_FOLDERS = ("xl/", "_rels/", "docprops/")
_OTHER_OFFICE_SUFFIXES = (".doc", ".docx", ".docm", ".dot", ".dotx", ".ppt", ".pptx", ".pptm", ".msg")
_WORKBOOK_KINDS = {"xlsx", "xlsm"}
_CONTAINER_KINDS = {"zip", "eml", "mbox"}
_ALWAYS_RELEVANT = _WORKBOOK_KINDS | _CONTAINER_KINDS | {"xlsb", "ods", "xls"}
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SEP = " › "
# The first key of the JSON collect writes (ita-xlsx-results/1) or rollup writes (ita-xlsx-rollup/1)
_OWN_JSON = re.compile(rb'"format"\s*:\s*"ita-xlsx-(results|rollup)/1"')
OWN_JSON_KINDS = ("ita-results", "ita-rollup")

_REJECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "xlsb": ("intake-xlsb", {}),
    "ods": ("intake-ods", {}),
    "ole-encrypted": ("intake-encrypted", {}),
    "xls": ("intake-xls", {}),
    "pdf": ("intake-pdf", {}),
    "text": ("intake-csv-or-text", {}),
    "unknown": ("intake-unknown-type", {}),
    "docx": (
        "intake-not-spreadsheet-zip",
        {"what_th": "ไฟล์ Word (.docx)", "what_en": "a Word document (.docx)"},
    ),
    "pptx": (
        "intake-not-spreadsheet-zip",
        {"what_th": "ไฟล์ PowerPoint (.pptx)", "what_en": "a PowerPoint presentation (.pptx)"},
    ),
    "office-other": (
        "intake-not-spreadsheet-zip",
        {"what_th": "เอกสารสำนักงานชนิดอื่น", "what_en": "another kind of office document"},
    ),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A workbook to parse: an OOXML spreadsheet package that passed every intake check."""

    source: str  # what a person reads: "returns/กองคลัง.xlsx", "inbox.zip › finance.xlsx"
    name: str  # the file's own name (last part)
    data: bytes = field(repr=False)
    sha256: str
    mtime: float | None  # file, zip entry or mail Date timestamp, when known
    kind: str  # "xlsx" or "xlsm" (templates .xltx/.xltm included); "ita-results"/"ita-rollup" on request
    # A workbook's package as intake checked it, holding the parts it inflated and checked: the
    # reader takes them (SafePackage.take_parts) instead of inflating them again. None for JSON.
    package: SafePackage | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class _Blob:
    """Bytes on their way through intake, with where they came from."""

    source: str
    name: str
    data: bytes
    mtime: float | None
    kind: str | None = None  # set when the container already knows (a message of a mailbox)


def gather(
    inputs: Iterable[str | os.PathLike[str]],
    limits: Limits = DEFAULT_LIMITS,
    *,
    own_json: bool = False,
) -> Iterator[Candidate | Problem]:
    """Expand ``inputs`` (files, folders, zips, .eml, .mbox) into candidates and problems, in order.

    Folders are walked recursively in sorted order. Identical content is passed on once.
    Never raises for a bad file: each becomes a Problem whose ``file`` is its source string.
    ``own_json``: the JSON files collect and rollup write are candidates too (kind ``ita-results``
    or ``ita-rollup``: what ``rollup`` reads), not notes, and so is any other text that starts like
    JSON (kind ``json``: the reader says what it is).
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    run = _Run(limits, own_json)
    given: set[str] = set()
    for raw in inputs:
        where = os.path.realpath(raw)
        if where in given:  # the same file or folder named twice: read once, no note
            continue
        given.add(where)
        yield from run.path_input(raw)


def sniff(data: bytes) -> str:
    """The type of ``data`` by its magic bytes.

    One of "xlsx", "xlsm", "xlsb", "ods", "zip", "docx", "pptx", "office-other",
    "ole-encrypted", "xls", "ole", "pdf", "png", "jpeg", "gif", "tiff", "webp", "heic",
    "eml", "mbox", "ita-results" (the JSON collect writes), "ita-rollup" (the JSON rollup writes),
    "text", "empty", "unknown".
    """
    if not data:
        return "empty"
    if data[:4] in ZIP_MAGICS:
        try:
            package = SafePackage.open(data)
        except PackageError:
            return "zip"
        return _zip_kind(package.names, lambda: package.head("mimetype", 200))
    if data[:8] == OLE_MAGIC:
        return ole_kind(data)
    return _plain_kind(data)


def is_temp_name(name: str) -> bool:
    """Office lock files, LibreOffice locks, temp files and desktop litter."""
    lower = name.lower()
    return (
        name.startswith(("~$", "._"))
        or (name.startswith(".~lock.") and name.endswith("#"))
        or lower.endswith(".tmp")
        or lower in _TEMP_NAMES
    )


# --- telling types apart -------------------------------------------------------------


def _zip_kind(names: Iterable[str], mimetype: Callable[[], bytes]) -> str:
    """The kind of a zip package, from its entry names (and ODF's ``mimetype`` entry)."""
    lower = {name.lower() for name in names}
    if "[content_types].xml" in lower:
        if "xl/workbook.bin" in lower:
            return "xlsb"
        if any(name.startswith("xl/") for name in lower):
            macros = any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lower)
            return "xlsm" if macros else "xlsx"
        if any(name.startswith("word/") for name in lower):
            return "docx"
        if any(name.startswith("ppt/") for name in lower):
            return "pptx"
        return "office-other"
    if "mimetype" in lower:
        declared = mimetype().strip()
        if declared.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "ods"
        if declared.startswith(b"application/vnd.oasis.opendocument"):
            return "office-other"
    return "zip"


def _plain_kind(data: bytes) -> str:
    """PDF, images, mail, text or unknown."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, kind in _IMAGE_MAGICS:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
    if data.startswith(b"From "):
        after = data.find(b"\n") + 1
        if after and _looks_like_mail(data[after : after + 8192]):
            return "mbox"
    if _looks_like_mail(data[:8192]):
        return "eml"
    if data.lstrip()[:1] == b"{" and (mark := _OWN_JSON.search(data[:400])):
        return f"ita-{mark.group(1).decode()}"
    return "text" if _looks_like_text(data[:8192]) else "unknown"


def _looks_like_json(kind: str, data: bytes) -> bool:
    """Text that starts like a JSON object or list (a results file edited or cut short, say)."""
    return kind == "text" and data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _looks_like_mail(head: bytes) -> bool:
    """Header lines up to a blank line, among them at least two that every mail has."""
    lines = head.split(b"\n")
    if len(lines) > 1 and len(head) >= 8192:
        lines.pop()  # cut off mid-line
    found: set[bytes] = set()
    for line in lines:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t") and found:
            continue  # a folded header
        match = _HEADER_NAME.match(line)
        if not match:
            return False
        found.add(match.group()[:-1].lower())
    return len(found & _MAIL_HEADERS) >= 2


def _looks_like_text(sample: bytes) -> bool:
    """A byte-order mark, or no NUL and almost no control characters."""
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or sample[:3] == b"\xef\xbb\xbf":
        return True
    if b"\x00" in sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls * 100 <= len(sample)


def _is_strict(package: SafePackage) -> bool:
    """Strict OOXML: purl.oclc.org namespaces in the root relationships or the workbook part."""
    return any(
        package.has(part) and _STRICT_MARK in package.head(part)
        for part in ("_rels/.rels", "xl/workbook.xml")
    )


def _workbook_damage(names: list[str]) -> str | None:
    """Why a plain zip named like a workbook is a damaged one: no entries, or the parts of one.

    A zip of workbooks renamed .xlsx (some clerks do that) has neither, and is opened as a zip.
    """
    if not names:
        return "the zip holds no files"
    if any(name.lower().startswith(_OOXML_PART_FOLDERS) for name in names):
        return "[Content_Types].xml is missing"
    return None


def _relevant(kind: str, name: str) -> bool:
    """Inside a zip or mail: whether a member deserves a word (it is, or claims to be, a workbook)."""
    lower = name.lower()
    if kind in _ALWAYS_RELEVANT or lower.endswith(_SHEET_SUFFIXES):
        return True
    if kind == "zip-damaged":
        return lower.endswith(".zip")
    return kind == "ole-encrypted" and not lower.endswith(_OTHER_OFFICE_SUFFIXES)


def _own_file(kind: str, blob: _Blob) -> str | None:
    """The note for a file the tool itself wrote (the template password file, a reminder or a
    mail draft), which is not a return; None for anything else."""
    if blob.name == own_files.PASSWORD_FILE and kind == "text":
        return "intake-own-password-file"
    if kind == "eml":
        try:
            headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(blob.data)
        except Exception:  # hostile bytes: the mail reader says what is wrong
            return None
        if own_files.is_own_mail(headers):
            return "intake-own-mail"
    return None


def _rejection(kind: str, blob: _Blob) -> Problem:
    """The error for a file that is not an acceptable workbook."""
    if kind in _IMAGE_KINDS:
        return problems.error("intake-image", file=blob.source, format=kind.upper())
    if kind == "ole":
        what_th, what_en = ole_what(blob.data)
        return problems.error("intake-ole-other", file=blob.source, what_th=what_th, what_en=what_en)
    code, params = _REJECTIONS.get(kind, ("intake-unknown-type", {}))
    return problems.error(code, file=blob.source, **params)


# --- the walk ------------------------------------------------------------------------


class _Run:
    """One call of gather(): the limits, the content seen so far, the clock of the current file."""

    def __init__(self, limits: Limits, own_json: bool = False) -> None:
        self.limits = limits
        self.own_json = own_json
        self.seen: dict[str, str] = {}
        self.deadline = math.inf

    def path_input(self, raw: str | os.PathLike[str]) -> Iterator[Candidate | Problem]:
        """One input path: a file or a folder; a missing path is ``intake-not-found``."""
        path = Path(raw)
        source = _clean(str(path))
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            if path.is_symlink():
                yield problems.error("intake-unreadable", file=source, reason="broken link")
            else:
                yield problems.error("intake-not-found", file=source)
            return
        except (OSError, ValueError) as exc:
            yield problems.error("intake-unreadable", file=source, reason=_reason(exc))
            return
        if stat.S_ISDIR(mode):
            yield from self.folder(path)
        else:
            yield from self.file(path, source)

    def folder(self, root: Path) -> Iterator[Candidate | Problem]:
        """Every file under ``root``, recursively, in sorted order (files before sub-folders)."""
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
            yield from _walk_errors(errors)
            dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX")
            for name in sorted(filenames):
                path = Path(dirpath, name)
                yield from self.file(path, _clean(str(path)))
        yield from _walk_errors(errors)

    def file(self, path: Path, source: str) -> Iterator[Candidate | Problem]:
        """One file on disk: skipped if it is litter, else read (size first) and examined."""
        if is_temp_name(path.name):
            yield problems.info("intake-skipped-temp", file=source)
            return
        self.deadline = time.monotonic() + self.limits.max_seconds_per_file
        try:
            data, mtime = _read_file(path, self.limits.max_file_bytes)
        except PackageError as exc:
            yield _problem(exc, source)
            return
        except OSError as exc:
            yield problems.error("intake-unreadable", file=source, reason=_reason(exc))
            return
        yield from self.guarded(_Blob(source, _clean(path.name), data, mtime), depth=0, quiet=False)

    def guarded(self, blob: _Blob, depth: int, quiet: bool) -> Iterator[Candidate | Problem]:
        """examine(), turning whatever a damaged or hostile file makes go wrong into a Problem.

        A timeout ends the whole input file, so below the top it is passed up.
        """
        try:
            yield from self.examine(blob, depth, quiet)
        except PackageError as exc:
            if exc.code == "intake-timeout" and depth > 0:
                raise
            yield _problem(exc, blob.source)
        except Exception as exc:  # email/zipfile on hostile bytes can raise nearly anything
            yield problems.error("intake-truncated", file=blob.source, detail=_reason(exc))

    def examine(self, blob: _Blob, depth: int, quiet: bool) -> Iterator[Candidate | Problem]:
        """Decide what ``blob`` is and pass it on, open it, or say why not."""
        self.check_clock()
        kind, package, refusal = self.identify(blob)
        if quiet and not _relevant(kind, blob.name) and not (self.own_json and kind in OWN_JSON_KINDS):
            return
        if kind == "empty":
            yield problems.error("intake-empty", file=blob.source)
            return
        own = _own_file(kind, blob)
        if own:
            yield problems.info(own, file=blob.source)
            return
        digest = hashlib.sha256(blob.data).hexdigest()
        first = self.seen.get(digest)
        if first is not None:
            if first != blob.source:  # a file given alone and again in its folder is not a copy
                yield problems.info("intake-duplicate", file=blob.source, first=first)
            return
        self.seen[digest] = blob.source
        if refusal is not None:
            yield _problem(refusal, blob.source)
        elif kind in _WORKBOOK_KINDS:
            yield from self.workbook(blob, package, kind, digest)  # type: ignore[arg-type]
        elif kind in _CONTAINER_KINDS:
            yield from self.container(blob, kind, package, depth)
        elif self.own_json and (kind in OWN_JSON_KINDS or _looks_like_json(kind, blob.data)):
            yield Candidate(
                blob.source, blob.name, blob.data, digest, blob.mtime, kind if kind != "text" else "json"
            )
        elif kind in OWN_JSON_KINDS:  # a JSON collect or rollup wrote, saved among the returns
            yield problems.info("intake-own-output", file=blob.source)
        else:
            yield _rejection(kind, blob)

    def identify(self, blob: _Blob) -> tuple[str, SafePackage | None, PackageError | None]:
        """The kind of a blob, its checked zip package if it is one, or why it cannot be opened."""
        data = blob.data
        if blob.kind:
            return blob.kind, None, None
        if len(data) > self.limits.max_file_bytes:
            return "too-large", None, _too_large(len(data), self.limits.max_file_bytes)
        if data[:4] not in ZIP_MAGICS:
            return sniff(data), None, None
        try:
            package = SafePackage.open(data, self.limits)
        except PackageError as exc:
            return "zip-damaged", None, exc
        kind = _zip_kind(package.names, lambda: package.head("mimetype", 200))
        if kind == "zip" and blob.name.lower().endswith(_OOXML_SUFFIXES):
            damage = _workbook_damage(package.names)
            if damage:
                return "zip-damaged", None, PackageError("intake-truncated", detail=damage)
        return kind, package, None

    def workbook(
        self, blob: _Blob, package: SafePackage, kind: str, digest: str
    ) -> Iterator[Candidate | Problem]:
        """Inflate and check every part, refuse Strict OOXML, warn of macros, pass the workbook on
        with its parts (they go when the candidate does)."""
        package.verify(self.deadline, keep=True)
        if _is_strict(package):
            yield problems.error("intake-strict-ooxml", file=blob.source)
            return
        if kind == "xlsm":
            yield problems.warning("intake-macros", file=blob.source)
        yield Candidate(blob.source, blob.name, blob.data, digest, blob.mtime, kind, package)

    def container(
        self, blob: _Blob, kind: str, package: SafePackage | None, depth: int
    ) -> Iterator[Candidate | Problem]:
        """Open a zip, mail or mailbox and examine what it holds; note when that is no workbook."""
        if depth > self.limits.max_depth:
            yield problems.error("intake-too-deep", file=blob.source, limit=self.limits.max_depth)
            return
        if kind == "zip":
            members = self.zip_members(blob, package)  # type: ignore[arg-type]
        elif kind == "eml":
            members = self.mail_members(blob)
        else:
            members = self.mbox_members(blob)
        names: list[str] = []
        useful = False
        for member in members:
            if isinstance(member, _Blob):
                names.append(member.name)
                if len(names) > self.limits.max_entries:
                    raise PackageError(
                        "intake-zip-too-many-entries", count=len(names), limit=self.limits.max_entries
                    )
                results: Iterable[Candidate | Problem] = self.guarded(
                    member, depth + 1, quiet=member.kind is None
                )
            else:
                results = (member,)
            for item in results:
                useful = useful or _is_useful(item)
                yield item
        if not useful:
            yield problems.info("intake-mail-no-workbook", file=blob.source, names=_name_list(names))

    def zip_members(self, blob: _Blob, package: SafePackage) -> Iterator[_Blob | Problem]:
        """The files of a zip archive (not folders, not macOS resource forks), read with caps."""
        for name in sorted(package.names, key=package.display_name):
            if name.endswith("/") or name.startswith("__MACOSX/"):
                continue
            shown = _clean(package.display_name(name))
            source = blob.source + _SEP + shown
            base = _last_part(shown)
            if is_temp_name(base):
                yield problems.info("intake-skipped-temp", file=source)
                continue
            self.check_clock()
            size = package.info(name).file_size
            if size > self.limits.max_file_bytes:
                yield _problem(_too_large(size, self.limits.max_file_bytes), source)
                continue
            try:
                data = package.read(name, deadline=self.deadline)
            except PackageError as exc:
                if exc.code == "intake-timeout":
                    raise
                yield _problem(exc, source)
                continue
            yield _Blob(source, base, data, package.mtime(name))

    def mail_members(self, blob: _Blob) -> Iterator[_Blob | Problem]:
        """The attachments of a saved e-mail (names decoded from RFC 2231/2047), typed by content."""
        message = email.message_from_bytes(blob.data, policy=email.policy.default)
        when = _mail_time(message)
        for number, part in enumerate(_attachment_parts(message), 1):
            self.check_clock()
            name = _clean(_last_part(part.get_filename() or "")) or f"attachment-{number}"
            payload = part.get_payload(decode=True)  # bytes, or None for a multipart part
            data = payload if isinstance(payload, bytes) else b""
            yield _Blob(blob.source + _SEP + name, name, data, when)

    def mbox_members(self, blob: _Blob) -> Iterator[_Blob | Problem]:
        """The messages of a mailbox, each named by number and subject."""
        for number, raw in enumerate(_split_mbox(blob.data), 1):
            self.check_clock()
            subject = _subject(raw)
            label = f"#{number} {subject}" if subject else f"#{number}"
            yield _Blob(blob.source + _SEP + label, label, raw, None, kind="eml")

    def check_clock(self) -> None:
        """Stop the current input file once it has used up its time."""
        if time.monotonic() > self.deadline:
            raise PackageError("intake-timeout")


# --- small helpers ---------------------------------------------------------------------


def _read_file(path: Path, limit: int) -> tuple[bytes, float]:
    """The bytes and mtime of a regular file, its size checked before reading (FIFOs never block)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise PackageError("intake-unreadable", reason="not a regular file")
        if status.st_size > limit:
            raise _too_large(status.st_size, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data, status.st_mtime


def _attachment_parts(message: EmailMessage) -> Iterator[EmailMessage]:
    """Every leaf part that is not a text body, forwarded messages included."""
    for part in message.walk():
        if part.is_multipart():
            continue
        if (
            part.get_filename() is None
            and part.get_content_disposition() != "attachment"
            and part.get_content_maintype() == "text"
        ):
            continue
        yield part


def _mail_time(message: EmailMessage) -> float | None:
    """The timestamp of a mail's Date header, when it has a readable one."""
    try:
        moment = getattr(message["Date"], "datetime", None)
        return moment.timestamp() if moment is not None else None
    except (ValueError, TypeError, OverflowError, IndexError, AttributeError):
        return None


def _split_mbox(data: bytes) -> Iterator[bytes]:
    """The messages of an mbox (each starts at a line beginning ``From ``), without that line."""
    starts = [match.start() for match in re.finditer(rb"^From ", data, re.MULTILINE)]
    for start, end in zip(starts, [*starts[1:], len(data)], strict=True):
        body = data.find(b"\n", start, end) + 1
        yield data[body:end] if body else b""


def _subject(raw: bytes) -> str:
    """A mail's subject, short and printable, for its source string."""
    try:
        headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
        subject = " ".join(str(headers["Subject"] or "").split())
    except Exception:  # a hostile header must not stop the mailbox
        return ""
    return _clean(subject[:60] + ("…" if len(subject) > 60 else ""))


def _is_useful(item: Candidate | Problem) -> bool:
    """Whether a container yielded something about a workbook (not just skipped litter)."""
    if isinstance(item, Candidate):
        return True
    return item.severity != problems.INFO or item.code in ("intake-duplicate", "intake-mail-no-workbook")


def _walk_errors(errors: list[OSError]) -> Iterator[Problem]:
    """Folders os.walk could not list, as problems (the list is emptied)."""
    for exc in errors:
        yield problems.error("intake-unreadable", file=_clean(str(exc.filename)), reason=_reason(exc))
    errors.clear()


def _problem(exc: PackageError, source: str) -> Problem:
    return problems.error(exc.code, file=source, **exc.params)


def _too_large(size: int, limit: int) -> PackageError:
    return PackageError("intake-too-large", size_mb=f"{size / 2**20:.1f}", limit_mb=f"{limit / 2**20:.0f}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return os_reason(exc)
    return f"{type(exc).__name__}: {exc}"[:200]


def _name_list(names: list[str]) -> str:
    shown = ", ".join(names[:10])
    return shown + (f" … (+{len(names) - 10})" if len(names) > 10 else "") if names else "-"


def _last_part(name: str) -> str:
    return re.split(r"[/\\]", name)[-1]


def _clean(text: str) -> str:
    """Show control, bidi-override and undecodable characters of a name as escapes."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
