"""OLE compound files (MS-CFB): what an old-style Office file is, from its directory of streams.

A password-protected .xlsx is an OLE file holding EncryptionInfo and EncryptedPackage; an old
.xls holds a Workbook stream; a .doc, .ppt or saved Outlook message holds streams of their own.
The directory is read with bounds and loop checks; a damaged one falls back to a raw scan.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_WHAT = (
    ("worddocument", "ไฟล์ Word รุ่นเก่า (.doc)", "an old Word document (.doc)"),
    ("powerpoint document", "ไฟล์ PowerPoint รุ่นเก่า (.ppt)", "an old PowerPoint file (.ppt)"),
    ("__substg1.0_", "อีเมลที่บันทึกจาก Outlook (.msg)", "an Outlook message (.msg)"),
)


def ole_kind(data: bytes) -> str:
    """Password-protected OOXML, an old .xls, or some other OLE compound file."""
    names = _ole_names(data)
    if names & {"encryptioninfo", "encryptedpackage"}:
        return "ole-encrypted"
    if names & {"workbook", "book"}:
        return "xls"
    return "ole"


def _ole_names(data: bytes) -> set[str]:
    """Storage and stream names (lower case) of an OLE file; a raw scan if its tables are damaged."""
    try:
        return _ole_directory_names(data)
    except (ValueError, struct.error):
        found = set()
        for name in ("EncryptionInfo", "EncryptedPackage", "Workbook"):
            if name.encode("utf-16-le") in data:
                found.add(name.lower())
        return found


def _ole_directory_names(data: bytes) -> set[str]:
    """Read the directory of a compound file (MS-CFB): header, FAT, then the directory chain."""
    (shift,) = struct.unpack_from("<H", data, 30)
    if shift not in (9, 12):
        raise ValueError("bad sector size")
    size = 1 << shift
    fat_count, first_dir = struct.unpack_from("<II", data, 44)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)
    fat = _ole_fat_sectors(data, size, fat_count, first_difat, difat_count)
    names = set()
    for sector in _ole_chain(data, size, fat, first_dir):
        base = (sector + 1) * size
        for at in range(base, base + size, 128):
            name_len, kind = struct.unpack_from("<HB", data, at + 64)
            if kind in (1, 2, 5) and 2 <= name_len <= 64:
                names.add(data[at : at + name_len - 2].decode("utf-16-le", "replace").lower())
    return names


def _ole_fat_sectors(data: bytes, size: int, count: int, first_difat: int, difat_count: int) -> list[int]:
    """The sectors holding the FAT: 109 listed in the header, the rest in the DIFAT chain."""
    per_sector = size // 4
    sectors = list(struct.unpack_from("<109I", data, 76))
    following = first_difat
    for _ in range(min(difat_count, len(data) // size)):
        if following >= 0xFFFFFFFA:
            break
        entries = struct.unpack_from(f"<{per_sector}I", data, (following + 1) * size)
        sectors.extend(entries[:-1])
        following = entries[-1]
    return sectors[:count]


def _ole_chain(data: bytes, size: int, fat: list[int], start: int) -> Iterator[int]:
    """Follow a sector chain through the FAT, refusing loops and sectors past the end."""
    per_sector = size // 4
    last = len(data) // size
    seen: set[int] = set()
    sector = start
    while sector < 0xFFFFFFFA:
        if sector in seen or sector >= last:
            raise ValueError("bad sector chain")
        seen.add(sector)
        yield sector
        fat_index, slot = divmod(sector, per_sector)
        if fat_index >= len(fat):
            raise ValueError("sector outside the FAT")
        (sector,) = struct.unpack_from("<I", data, (fat[fat_index] + 1) * size + slot * 4)


def ole_what(data: bytes) -> tuple[str, str]:
    """Thai and English words for an OLE file that is neither a workbook nor encrypted."""
    names = _ole_names(data)
    for mark, thai, english in _WHAT:
        if any(name.startswith(mark) for name in names):
            return thai, english
    return "ไฟล์ Office รุ่นเก่าชนิดอื่น", "another old-style Office file"
