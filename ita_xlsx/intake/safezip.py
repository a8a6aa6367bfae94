"""Read the parts of a zip package without trusting it.

This is the only way the rest of the tool reads parts of a returned workbook. A package is
checked once, up front, from its central directory (entry count, declared sizes and
compression ratio, names, duplicates, encryption, compression methods, overlapping
entries); every read then inflates with a hard cap on the *real* output, checks the size
and the CRC, and never trusts what the headers say. :meth:`SafePackage.verify` can keep the
parts it inflated and checked, so that a reader of the same package does not inflate them again;
they live as long as the package (or are handed over with :meth:`SafePackage.take_parts`).

Everything wrong with a package is raised as :class:`PackageError`, which carries a problem
code of the message catalogue (``intake-zip-bomb``, ``intake-truncated`` ...) and its params.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from operator import attrgetter

__all__ = ["DEFAULT_LIMITS", "Limits", "PackageError", "SafePackage", "ZIP_MAGICS", "xml_prolog_ok"]

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a local header, or the end record of an empty zip
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_LOCAL = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_LOCAL_SIG = b"PK\x03\x04"
_IN_CHUNK = 256 * 2**10  # compressed bytes handed to zlib at a time
_OUT_CHUNK = 2**20  # most bytes one zlib call may produce
_HEAD = 64 * 2**10  # how much of a part is kept to look at its XML prolog
_UNSAFE_NAME = re.compile(r"^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)|[\x00-\x1f]")
_UNICODE_PATH_EXTRA = 0x7075
_METHODS = frozenset((_STORED, _DEFLATED))


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a returned file may cost us before we refuse it.

    ``max_depth`` counts containers inside the input: a zip, mail or mailbox nested
    ``max_depth`` levels deep is still opened, one deeper is not (with 2: zip › eml › zip › xlsx).
    ``min_ratio`` (compressed/uncompressed) applies only to entries larger than
    ``ratio_threshold``: a legitimate part full of 32,767-character cells compresses to 0.25 %.
    """

    max_file_bytes: int = 50 * 2**20
    max_entries: int = 1000
    max_entry_bytes: int = 200 * 2**20
    max_total_bytes: int = 500 * 2**20
    min_ratio: float = 0.002
    ratio_threshold: int = 1 * 2**20
    max_depth: int = 2
    max_seconds_per_file: float = 20.0


DEFAULT_LIMITS = Limits()


class PackageError(Exception):
    """A package we refuse to read; ``code`` is a message-catalogue key, ``params`` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code} ({details})" if details else self.code


class SafePackage:
    """A zip package whose central directory has been checked; parts are read with caps."""

    __slots__ = ("names", "limits", "_data", "_infos", "_exact", "_folded", "_kept")

    def __init__(
        self, data: bytes, infos: list[zipfile.ZipInfo], folded: dict[str, zipfile.ZipInfo], limits: Limits
    ) -> None:
        self._data = data
        self._infos = infos
        self.limits = limits
        self.names: list[str] = [info.filename for info in infos]
        self._exact = {info.filename: info for info in infos}
        self._folded = folded
        self._kept: dict[str, bytes] = {}  # entry name → its bytes, inflated and checked by verify()

    @classmethod
    def open(
        cls, data: bytes, limits: Limits = DEFAULT_LIMITS, *, parts: dict[str, bytes] | None = None
    ) -> SafePackage:
        """Check the central directory of ``data`` and return the package, or raise PackageError.

        ``parts`` are parts of these very bytes that :meth:`verify` inflated and checked (in
        another process: :meth:`take_parts`); they are read from there, not inflated again. A
        part whose length is not the size its entry declares is ignored (inflated when read).
        """
        _precheck_entry_count(data, limits)
        try:
            # closed here, not by the garbage collector: a Ctrl-C in ZipFile.__del__ would be lost
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error, NotImplementedError) as exc:
            raise PackageError("intake-truncated", detail=_detail(exc)) from None
        if len(infos) > limits.max_entries:
            raise PackageError("intake-zip-too-many-entries", count=len(infos), limit=limits.max_entries)
        folded = _check_entries(infos, limits)
        _check_layout(infos, len(data))
        package = cls(data, infos, folded, limits)
        for name, part in (parts or {}).items():
            info = package._exact.get(name)
            if info is not None and len(part) == info.file_size:
                package._kept[name] = part
        return package

    @property
    def data(self) -> bytes:
        """The package's bytes, for a reader that opens them itself after :meth:`verify`."""
        return self._data

    def has(self, name: str) -> bool:
        """Whether the package holds part ``name`` (exactly, or ignoring case as OOXML does)."""
        return name in self._exact or name.casefold() in self._folded

    def info(self, name: str) -> zipfile.ZipInfo:
        """The zip entry of part ``name``; KeyError when there is none."""
        found = self._exact.get(name) or self._folded.get(name.casefold())
        if found is None:
            raise KeyError(f"no part {name!r} in the package")
        return found

    def read(self, name: str, max_bytes: int | None = None, *, deadline: float | None = None) -> bytes:
        """The inflated bytes of part ``name``, at most ``max_bytes`` (and the limits) of them.

        ``deadline`` is a ``time.monotonic()`` value after which reading stops with
        ``intake-timeout``. Raises KeyError for a missing part, PackageError for a bad one.
        """
        info = self.info(name)
        cap = self._cap(max_bytes)
        kept = self._kept.get(info.filename)
        if kept is not None and len(kept) <= cap:
            return kept
        return self._whole(info, cap, deadline)

    def read_xml(self, name: str, max_bytes: int | None = None) -> bytes:
        """``read()``, refusing a part whose prolog holds ``<!DOCTYPE``/``<!ENTITY`` (OOXML never does)."""
        data = self.read(name, max_bytes)
        if not xml_prolog_ok(data, complete=True):
            raise PackageError("xml-doctype-forbidden", part=name)
        return data

    def head(self, name: str, size: int = 4096) -> bytes:
        """The first ``size`` inflated bytes of part ``name`` (no CRC check: the rest is not read)."""
        info = self.info(name)
        kept = self._kept.get(info.filename)
        if kept is not None:
            return kept[:size]
        head = b""
        stream = self._inflate(info, self._cap(None), None)
        for chunk in stream:
            head += chunk[: size - len(head)]
            if len(head) >= size:
                break
        stream.close()
        return head

    def verify(self, deadline: float | None = None, *, keep: bool = False) -> None:
        """Inflate every entry within the caps, check sizes and CRCs, and the prolog of XML parts.

        ``keep``: the parts inflated in one piece (all but those over a MiB, which are streamed)
        are kept, and later reads of them take them from there. They are kept only once every
        entry has passed.
        """
        cap = self._cap(None)
        kept: dict[str, bytes] = {}
        for info in self._infos:
            if info.file_size <= _OUT_CHUNK:
                head = self._whole(info, cap, deadline)
                if keep:
                    kept[info.filename] = head
            else:  # stream it, keeping only the start
                head = b""
                for chunk in self._inflate(info, cap, deadline):
                    if len(head) < _HEAD:
                        head += chunk[: _HEAD - len(head)]
            if _is_xml_part(info.filename) and not xml_prolog_ok(head, complete=len(head) < _HEAD):
                raise PackageError("xml-doctype-forbidden", part=info.filename)
        self._kept.update(kept)

    def take_parts(self) -> dict[str, bytes]:
        """The parts :meth:`verify` kept, handed over: this package inflates them again if asked."""
        kept, self._kept = self._kept, {}
        return kept

    def display_name(self, name: str) -> str:
        """The entry name as its author wrote it (UTF-8, Info-ZIP Unicode path, or Thai cp874)."""
        return _display_name(self.info(name))

    def mtime(self, name: str) -> float | None:
        """The entry's modification time (local time, as zip stores it), when it is valid."""
        try:
            return time.mktime((*self.info(name).date_time, 0, 0, -1))
        except (OverflowError, ValueError):
            return None

    def _cap(self, max_bytes: int | None) -> int:
        cap = self.limits.max_entry_bytes
        return cap if max_bytes is None else min(cap, max_bytes)

    def _whole(self, info: zipfile.ZipInfo, cap: int, deadline: float | None) -> bytes:
        """All of one entry: in one zlib call when it is small (most parts are), else streamed."""
        if info.file_size > cap:
            raise PackageError("intake-zip-bomb", entry=info.filename, detail="declared size over the cap")
        if (
            info.compress_type == _DEFLATED
            and info.file_size <= _OUT_CHUNK
            and info.compress_size <= _IN_CHUNK
        ):
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                data = inflater.decompress(self._payload(info), info.file_size + 1)
            except zlib.error:
                data = b""  # the streaming path below says what is wrong
            if inflater.eof and len(data) == info.file_size and zlib.crc32(data) == info.CRC:
                return data
        chunks = list(self._inflate(info, cap, deadline))
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _inflate(
        self, info: zipfile.ZipInfo, cap: int, deadline: float | None
    ) -> Generator[bytes, None, None]:
        """Yield the inflated chunks of one entry; the real output never exceeds ``cap``."""
        if info.file_size > cap:
            raise PackageError("intake-zip-bomb", entry=info.filename, detail="declared size over the cap")
        payload = self._payload(info)
        if info.compress_type == _STORED:
            chunks: Iterator[bytes] = _stored(payload, info)
        else:
            chunks = _deflated(payload, info, min(cap, info.file_size), deadline)
        crc = 0
        size = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            yield chunk
        if size != info.file_size:
            raise PackageError("intake-truncated", detail=f"{info.filename}: size {size} != {info.file_size}")
        if crc != info.CRC:
            raise PackageError("intake-truncated", detail=f"{info.filename}: bad CRC-32")

    def _payload(self, info: zipfile.ZipInfo) -> memoryview:
        """The compressed bytes of an entry, after checking its local header."""
        data = self._data
        start = info.header_offset
        if start < 0 or start + _LOCAL.size > len(data):
            raise PackageError("intake-truncated", detail=f"{info.filename}: local header missing")
        signature, name_len, extra_len = _LOCAL.unpack_from(data, start)
        name_at = start + _LOCAL.size
        if signature != _LOCAL_SIG or data[name_at : name_at + name_len] != _raw_name(info):
            raise PackageError("intake-truncated", detail=f"{info.filename}: local header does not match")
        begin = name_at + name_len + extra_len
        end = begin + info.compress_size
        if end > len(data):
            raise PackageError("intake-truncated", detail=f"{info.filename}: data cut off")
        return memoryview(data)[begin:end]


def xml_prolog_ok(head: bytes, complete: bool) -> bool:
    """False when the XML prolog holds a ``<!DOCTYPE`` (or any ``<!`` declaration but a comment).

    ``head`` is the start of the part; when it is not ``complete`` a prolog still open at its
    end is refused too (no real OOXML part has 64 KiB of prolog). UTF-16 parts are understood.
    """
    if len(head) > 1024:  # the prolog of a real part ends in its first few hundred bytes
        verdict = xml_prolog_ok(head[:1024], complete=False)
        if verdict:
            return True
    text = _prolog_text(head)
    at, end = 0, len(text)
    while True:
        while at < end and text[at] in " \t\r\n\ufeff":
            at += 1
        if at >= end:
            return complete
        if text.startswith("<?", at):
            opener, closer = "<?", "?>"
        elif text.startswith("<!--", at):
            opener, closer = "<!--", "-->"
        else:
            return not text.startswith("<!", at)
        close = text.find(closer, at + len(opener))
        if close < 0:
            return False
        at = close + len(closer)


def _prolog_text(head: bytes) -> str:
    """The start of an XML part as text: UTF-16 decoded, anything else byte-for-byte."""
    if head[:2] in (b"\xff\xfe", b"<\x00"):
        return head[: len(head) & ~1].decode("utf-16-le", "replace")
    if head[:2] in (b"\xfe\xff", b"\x00<"):
        return head[: len(head) & ~1].decode("utf-16-be", "replace")
    return head.decode("latin-1")


def _precheck_entry_count(data: bytes, limits: Limits) -> None:
    """Refuse a zip whose end record announces too many entries, before zipfile parses them."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return  # zipfile will say what is wrong
    (count,) = struct.unpack_from("<H", data, end + 10)
    if count != 0xFFFF and count > limits.max_entries:
        raise PackageError("intake-zip-too-many-entries", count=count, limit=limits.max_entries)


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Encryption, compression, names, duplicates and declared sizes of every entry.

    Returns the entries by case-folded name. Runs on every package, so it is kept tight.
    """
    folded: dict[str, zipfile.ZipInfo] = {}
    total = 0
    max_entry, threshold, min_ratio = limits.max_entry_bytes, limits.ratio_threshold, limits.min_ratio
    for info in infos:
        name = info.filename
        if info.flag_bits & 1:
            raise PackageError("intake-zip-encrypted-entry", entry=name)
        if info.compress_type not in _METHODS:
            # typeshed lacks zipfile.compressor_names (a module-level dict since Python 3.3)
            names = zipfile.compressor_names  # type: ignore[attr-defined]
            method = names.get(info.compress_type, str(info.compress_type))
            raise PackageError("intake-zip-unsupported-compression", entry=name, method=method)
        if _suspicious(name) and (not name or _UNSAFE_NAME.search(name)):
            raise PackageError("intake-zip-unsafe-name", entry=name)
        key = name.casefold()
        if key in folded:
            raise PackageError("intake-zip-duplicate-name", entry=name)
        folded[key] = info
        size = info.file_size
        if size > max_entry or (size > threshold and info.compress_size < size * min_ratio):
            detail = f"{info.compress_size} bytes inflate to {size}"
            raise PackageError("intake-zip-bomb", entry=name, detail=detail)
        total += size
    if total > limits.max_total_bytes:
        raise PackageError("intake-zip-bomb", entry="*", detail=f"{total} bytes in all")
    return folded


def _suspicious(name: str) -> bool:
    """A cheap filter before the exact pattern: most names have none of these."""
    return not name or ".." in name or ":" in name or name[0] in "/\\" or not name.isprintable()


def _check_layout(infos: list[zipfile.ZipInfo], length: int) -> None:
    """Refuse entries whose data overlap or run past the end of the file.

    Overlapping entries are the trick of non-recursive zip bombs, but the declared sizes have
    already been capped by then; what is left is a damaged (or doctored) archive.
    """
    end = 0
    for info in sorted(infos, key=attrgetter("header_offset")):
        if info.header_offset < end:
            raise PackageError("intake-truncated", detail=f"{info.filename}: entries overlap")
        end = info.header_offset + _LOCAL.size + len(info.orig_filename) + info.compress_size
    if end > length:
        raise PackageError("intake-truncated", detail="entries run past the end of the file")


def _stored(payload: memoryview, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The bytes of a stored entry, in chunks."""
    if len(payload) != info.file_size:
        raise PackageError("intake-truncated", detail=f"{info.filename}: stored size mismatch")
    for at in range(0, len(payload), _OUT_CHUNK):
        yield bytes(payload[at : at + _OUT_CHUNK])


def _deflated(
    payload: memoryview, info: zipfile.ZipInfo, cap: int, deadline: float | None
) -> Iterator[bytes]:
    """Inflate a deflate stream chunk by chunk; stop as soon as the output passes ``cap``."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    at, total, end = 0, 0, len(payload)
    pending: bytes | memoryview = b""
    try:
        while not inflater.eof:
            if not pending and at < end:
                pending = payload[at : at + _IN_CHUNK]
                at += _IN_CHUNK
            chunk = inflater.decompress(pending, min(cap + 1 - total, _OUT_CHUNK))
            if not chunk and not pending:
                raise PackageError("intake-truncated", detail=f"{info.filename}: compressed data cut off")
            pending = inflater.unconsumed_tail
            total += len(chunk)
            if total > cap:
                raise PackageError(
                    "intake-zip-bomb", entry=info.filename, detail=f"inflates past {cap} bytes"
                )
            if deadline is not None and time.monotonic() > deadline:
                raise PackageError("intake-timeout")
            yield chunk
    except zlib.error as exc:
        raise PackageError("intake-truncated", detail=f"{info.filename}: {exc}") from None


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    """The entry name as stored in the zip, to compare with the local header."""
    if info.orig_filename.isascii():
        return info.orig_filename.encode("ascii")
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    try:
        return info.orig_filename.encode(encoding)
    except UnicodeEncodeError:
        return info.orig_filename.encode("utf-8")


def _display_name(info: zipfile.ZipInfo) -> str:
    """Undo zipfile's cp437 guess for names written by Thai Windows (cp874) or UTF-8 tools."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    unicode_path = _unicode_path_extra(info.extra)
    if unicode_path:
        return unicode_path
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp874", "replace")


def _unicode_path_extra(extra: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (0x7075), if there is one."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == _UNICODE_PATH_EXTRA and size > 5 and extra[at + 4] == 1:
            return extra[at + 9 : at + 4 + size].decode("utf-8", "replace")
        at += 4 + size
    return None


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
