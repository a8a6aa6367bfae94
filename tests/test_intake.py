"""Intake: hostile and broken returned files become (source, code) problems; good ones pass on."""

from __future__ import annotations

import io
import os
import re
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from ita_xlsx import messages
from ita_xlsx.core import problems
from ita_xlsx.intake import gather as intake
from ita_xlsx.intake.gather import Candidate, Limits, gather, sniff
from ita_xlsx.intake.safezip import DEFAULT_LIMITS, PackageError, SafePackage, xml_prolog_ok

try:
    import hostile
except ImportError:  # tests/ collected as a package
    from tests import hostile

SEP = " › "


def _run(
    *inputs: Path | str, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Candidate], list[problems.Problem]]:
    items = list(gather(list(inputs), limits))
    return [i for i in items if isinstance(i, Candidate)], [
        i for i in items if isinstance(i, problems.Problem)
    ]


def _codes(found: list[problems.Problem]) -> set[tuple[str | None, str]]:
    return {(p.file, p.code) for p in found}


# --- every single-file case ------------------------------------------------------------


@pytest.mark.parametrize("case", hostile.CASES, ids=lambda case: case.build.__name__)
def test_case(case: hostile.Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    candidates, found = _run(path)
    if case.code is None:
        assert found == []
    else:
        source = str(path) + (SEP + case.member if case.member else "")
        assert (source, case.code) in _codes(found), [(p.file, p.code, dict(p.params)) for p in found]
    if case.code in (None, "intake-macros"):
        [candidate] = candidates
        assert (candidate.source, candidate.name, candidate.data) == (str(path), path.name, path.read_bytes())
    else:
        assert candidates == []


def test_everything_at_once_never_raises_and_every_message_renders(tmp_path: Path) -> None:
    for number, case in enumerate(hostile.CASES):
        folder = tmp_path / f"{number:02d}"
        folder.mkdir()
        case.build(folder)
    candidates, found = _run(tmp_path, tmp_path / "missing.xlsx")
    assert len(candidates) == 3
    assert (str(tmp_path / "missing.xlsx"), "intake-not-found") in _codes(found)
    for problem in found:
        for text in (problem.message_th, problem.message_en):
            assert text and "{" not in text, (problem.code, text)


def test_every_code_used_is_in_the_catalogue() -> None:
    root = Path(intake.__file__).parent
    source = "".join(p.read_text() for p in sorted(root.glob("*.py")))
    used = set(re.findall(r'"((?:intake|xml)-[a-z0-9-]+)"', source))
    assert used and all(messages.has(code) for code in used), used - set(messages.catalogue())


def test_thai_messages_say_what_to_do() -> None:
    thai = messages.text("intake-encrypted", "th")
    assert "รหัสผ่าน" in thai and ".xlsx" in thai and "ส่งใหม่" in thai


# --- sources, order, duplicates --------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    returns = tmp_path / "returns"
    (returns / "ฝ่าย ข").mkdir(parents=True)
    (returns / "ฝ่าย ข" / "b.xlsx").write_bytes(hostile.workbook_bytes("b"))
    (returns / "c.xlsx").write_bytes(hostile.workbook_bytes("c"))
    (returns / "a.xlsx").write_bytes(hostile.workbook_bytes("a"))
    (returns / "~$a.xlsx").write_bytes(b"lock")
    (returns / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    monkeypatch.chdir(tmp_path)
    candidates, found = _run("returns")
    assert [c.source for c in candidates] == ["returns/a.xlsx", "returns/c.xlsx", "returns/ฝ่าย ข/b.xlsx"]
    assert _codes(found) == {
        ("returns/~$a.xlsx", "intake-skipped-temp"),
        ("returns/.DS_Store", "intake-skipped-temp"),
    }
    assert all(c.kind == "xlsx" and c.mtime and len(c.sha256) == 64 for c in candidates)


def test_the_same_file_twice_gives_one_candidate_and_a_duplicate_note(tmp_path: Path) -> None:
    first = hostile.good_thai_name(tmp_path)
    copy = tmp_path / "copy of it.xlsx"
    shutil.copy(first, copy)
    candidates, found = _run(first, copy)
    assert [c.source for c in candidates] == [str(first)]
    [note] = found
    assert (note.file, note.code, note.severity, note.params["first"]) == (
        str(copy),
        "intake-duplicate",
        "info",
        str(first),
    )


def test_a_duplicate_inside_a_mail_names_the_file_seen_first(tmp_path: Path) -> None:
    data = hostile.workbook_bytes("twice")
    (tmp_path / "a.xlsx").write_bytes(data)
    mail = tmp_path / "b.eml"
    mail.write_bytes(hostile.mail_bytes([("ส่งซ้ำ.xlsx", data, hostile.XLSX_TYPE)]))
    candidates, found = _run(tmp_path / "a.xlsx", mail)
    assert len(candidates) == 1
    assert _codes(found) == {(f"{mail}{SEP}ส่งซ้ำ.xlsx", "intake-duplicate")}


def test_a_single_path_string_is_one_input(tmp_path: Path) -> None:
    path = hostile.good_thai_name(tmp_path)
    assert [c.source for c in gather(str(path))] == [str(path)]


def test_control_and_bidi_characters_in_names_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "invoice\u202excod.xlsx"
    path.write_bytes(b"%PDF-1.4\n")
    _, found = _run(path)
    assert found[0].file == str(tmp_path / "invoice\\u202excod.xlsx")


# --- mail and archives -----------------------------------------------------------------


def test_eml_with_a_thai_rfc2231_attachment(tmp_path: Path) -> None:
    path = hostile.eml_thai_attachment(tmp_path)
    candidates, found = _run(path)
    name = "ผลการดำเนินงาน กองคลัง ไตรมาส 2 ปีงบประมาณ 2568.xlsx"
    [candidate] = candidates
    assert (candidate.source, candidate.name) == (f"{path}{SEP}{name}", name)
    assert candidate.mtime == hostile.MAIL_DATE.timestamp()
    assert candidate.data == hostile.workbook_bytes("eml")
    assert found == []  # the signature image is nobody's business


def test_eml_rfc2047_name_in_quotes(tmp_path: Path) -> None:
    path = hostile.eml_rfc2047_name(tmp_path)
    candidates, _ = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}กองช่าง.xlsx"]


def test_eml_unnamed_octet_stream_is_typed_by_content(tmp_path: Path) -> None:
    path = hostile.eml_octet_stream(tmp_path)
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}attachment-1"]
    assert found == []


def test_eml_without_a_workbook_lists_what_it_carried(tmp_path: Path) -> None:
    path = hostile.eml_no_workbook(tmp_path)
    _, [note] = _run(path)
    assert (note.code, note.severity) == ("intake-mail-no-workbook", "info")
    assert note.params["names"] == "scan.pdf, photo.jpg"


def test_mbox_with_two_mails(tmp_path: Path) -> None:
    path = hostile.mbox_two_mails(tmp_path)
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [
        f"{path}{SEP}#1 ITA กองคลัง{SEP}กองคลัง.xlsx",
        f"{path}{SEP}#2 ITA กองช่าง{SEP}กองช่าง.xlsx",
    ]
    assert found == []


def test_zip_of_workbooks(tmp_path: Path) -> None:
    path = hostile.zip_of_workbooks(tmp_path)
    candidates, found = _run(path)
    assert [(c.source, c.name) for c in candidates] == [
        (f"{path}{SEP}finance.xlsx", "finance.xlsx"),
        (f"{path}{SEP}ส่งคืน/กองช่าง.xlsx", "กองช่าง.xlsx"),  # cp874 name, no UTF-8 flag
    ]
    assert candidates[0].data == hostile.workbook_bytes("zip finance")
    assert _codes(found) == {(f"{path}{SEP}~$finance.xlsx", "intake-skipped-temp")}


def test_zip_nested_in_eml(tmp_path: Path) -> None:
    path = hostile.zip_in_eml(tmp_path)
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}returns.zip{SEP}a.xlsx"]
    assert found == []


def test_a_hostile_member_does_not_stop_its_siblings(tmp_path: Path) -> None:
    bad = hostile.zip_bytes([hostile.Entry("xl/../../x", b"")])
    entries = [
        hostile.Entry("1-bad.xlsx", bad),
        hostile.Entry("2-empty.xlsx", b""),
        hostile.Entry("3-good.xlsx", hostile.workbook_bytes("sibling")),
    ]
    path = tmp_path / "mixed.zip"
    path.write_bytes(hostile.zip_bytes(entries))
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}3-good.xlsx"]
    assert _codes(found) == {
        (f"{path}{SEP}1-bad.xlsx", "intake-zip-unsafe-name"),
        (f"{path}{SEP}2-empty.xlsx", "intake-empty"),
    }


def _without_content_types(data: bytes) -> bytes:
    """A real returned workbook re-zipped without its ``[Content_Types].xml``."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        entries = [hostile.Entry(i.filename, book.read(i)) for i in book.infolist()]
    return hostile.zip_bytes(e for e in entries if e.name != "[Content_Types].xml")


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("กองคลัง.xlsx", lambda: _without_content_types(hostile.real_workbook("finance"))),
        ("กองช่าง.XLSM", lambda: _without_content_types(hostile.real_workbook("works"))),
        ("empty zip renamed.xlsx", lambda: hostile.zip_bytes([])),
    ],
    ids=["no-content-types", "no-content-types-upper-xlsm", "empty-zip"],
)
def test_a_damaged_workbook_is_an_error_not_an_empty_zip(tmp_path: Path, name: str, build) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    candidates, found = _run(path)
    assert candidates == []
    assert [(p.file, p.code, p.severity) for p in found] == [(str(path), "intake-truncated", "error")]


def test_a_damaged_workbook_inside_a_zip_is_an_error_at_its_entry(tmp_path: Path) -> None:
    entries = [
        hostile.Entry("กองคลัง.xlsx", _without_content_types(hostile.real_workbook("finance"))),
        hostile.Entry("กองช่าง.xlsx", hostile.workbook_bytes("sibling")),
    ]
    path = tmp_path / "returns.zip"
    path.write_bytes(hostile.zip_bytes(entries))
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}กองช่าง.xlsx"]
    assert _codes(found) == {(f"{path}{SEP}กองคลัง.xlsx", "intake-truncated")}


@pytest.mark.parametrize(
    "entries",
    [[], [hostile.Entry("scan.pdf", b"%PDF-1.4\n"), hostile.Entry("xl/readme.txt", b"hello")]],
    ids=["empty", "no-workbook"],
)
def test_a_real_zip_without_a_workbook_keeps_its_note(tmp_path: Path, entries) -> None:
    path = tmp_path / "returns.ZIP"
    path.write_bytes(hostile.zip_bytes(entries))
    candidates, found = _run(path)
    assert candidates == []
    assert [(p.file, p.code, p.severity) for p in found] == [(str(path), "intake-mail-no-workbook", "info")]


def test_a_zip_of_workbooks_named_xlsx_is_opened_as_a_zip(tmp_path: Path) -> None:
    """Some clerks zip their returns and name the zip .xlsx: the workbooks inside are read."""
    entries = [
        hostile.Entry("finance.xlsx", hostile.workbook_bytes("zip finance")),
        hostile.Entry("works.xlsx", hostile.workbook_bytes("zip works")),
    ]
    path = tmp_path / "ส่งคืนทั้งหมด.xlsx"
    path.write_bytes(hostile.zip_bytes(entries))
    candidates, found = _run(path)
    assert [c.source for c in candidates] == [f"{path}{SEP}finance.xlsx", f"{path}{SEP}works.xlsx"]
    assert found == []


def test_check_fails_a_workbook_without_content_types(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ita_xlsx.cli import cli

    path = tmp_path / "กองคลัง.xlsx"
    path.write_bytes(_without_content_types(hostile.real_workbook("finance")))
    plan = Path(__file__).resolve().parent.parent / "workbook_templates" / "plan-2566.yaml"
    run = CliRunner().invoke(cli, ["--lang", "en", "check", "--plan", str(plan), str(path)])
    assert run.exit_code == 1, run.output
    assert "[intake-truncated]" in run.output and "intake-mail-no-workbook" not in run.output


# --- zip bombs: fast and light -----------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    "declared", [None, 4096, 150 * 2**20], ids=["honest", "lies-small", "lies-plausible"]
)
def test_real_size_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path, declared: int | None) -> None:
    path = hostile.real_bomb(tmp_path, declared)
    assert path.stat().st_size < 5 * 2**20
    before, started = _peak_mb(), time.perf_counter()
    candidates, found = _run(path)
    elapsed, grown = time.perf_counter() - started, _peak_mb() - before
    assert candidates == []
    assert [(p.file, p.code, p.params["entry"]) for p in found] == [
        (str(path), "intake-zip-bomb", "xl/worksheets/sheet1.xml")
    ]
    assert elapsed < 3, elapsed
    assert grown < 200, grown


def test_real_size_bomb_is_a_real_bomb(tmp_path: Path) -> None:
    """What the bomb would do to a naive reader: its sheet really declares and holds 1.1 GB."""
    import zipfile

    with zipfile.ZipFile(hostile.real_bomb(tmp_path)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        assert info.file_size > 2**30 and info.compress_size < 4 * 2**20
        with archive.open(info) as stream:
            start = stream.read(20 * 2**20)
    assert start.startswith(b"<?xml") and start.count(b"<row>") > 300_000


def test_lowered_limits_catch_a_smaller_bomb(tmp_path: Path) -> None:
    path = hostile.big_sheet(tmp_path)
    assert _run(path)[0], "a 3 MiB sheet at a 18 % ratio is fine under the default limits"
    _, [problem] = _run(path, limits=Limits(max_entry_bytes=2**20))
    assert (problem.code, problem.params["entry"]) == ("intake-zip-bomb", "xl/worksheets/sheet1.xml")
    _, [problem] = _run(path, limits=Limits(max_total_bytes=2 * 2**20))
    assert (problem.code, problem.params["entry"]) == ("intake-zip-bomb", "*")


def test_long_legitimate_cells_are_not_taken_for_a_bomb(tmp_path: Path) -> None:
    """Cells of 32,767 characters of real text compress to about 0.25 %: above min_ratio."""
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sentence = "ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริตผ่านเว็บไซต์ของหน่วยงาน "
    for row in range(100):
        sheet.write_string(row, 0, (f"{row} " + sentence * 600)[:32767])
    book.close()
    path = tmp_path / "long-cells.xlsx"
    path.write_bytes(buffer.getvalue())
    candidates, found = _run(path)
    assert len(candidates) == 1 and found == []


# --- paths that cannot be read -----------------------------------------------------------


def test_missing_input(tmp_path: Path) -> None:
    _, [problem] = _run(tmp_path / "ไม่มี.xlsx")
    assert (problem.code, problem.file) == ("intake-not-found", str(tmp_path / "ไม่มี.xlsx"))


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    _, [problem] = _run(tmp_path)
    assert (problem.code, problem.file, problem.params["reason"]) == (
        "intake-unreadable",
        str(fifo),
        "not a regular file",
    )


def test_broken_link(tmp_path: Path) -> None:
    link = tmp_path / "gone.xlsx"
    link.symlink_to(tmp_path / "nowhere.xlsx")
    _, [problem] = _run(link)
    assert (problem.code, problem.params["reason"]) == ("intake-unreadable", "broken link")


def test_unreadable_file_names_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = hostile.good_thai_name(tmp_path)
    path.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root reads everything: refuse as the OS would
        real_open = os.open

        def refuse(name, flags, *args, **kwargs):
            if Path(name) == path:
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    _, [problem] = _run(path)
    assert (problem.code, problem.params["reason"]) == ("intake-unreadable", "Permission denied")


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = hostile.good_thai_name(tmp_path)
    _, [problem] = _run(path, limits=Limits(max_file_bytes=1000))
    assert problem.code == "intake-too-large"


def test_timeout(tmp_path: Path) -> None:
    path = hostile.zip_of_workbooks(tmp_path)
    candidates, found = _run(path, limits=Limits(max_seconds_per_file=-1))
    assert candidates == []
    assert _codes(found) == {(str(path), "intake-timeout")}


# --- sniff ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"%PDF-1.4", "pdf"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"GIF89a", "gif"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "webp"),
        (b"\0\0\0\x18ftypheic", "heic"),
        ("a,b\r\nก,ข\r\n".encode("cp874"), "text"),
        ("\ufeffa\tb\r\n".encode("utf-16"), "text"),
        (b"From: a@b\nSubject: x\n\nbody", "eml"),
        (b"From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\nDate: x\n\nbody", "mbox"),
        (b"From: a,b,c\n1,2,3\n", "text"),
        (b"PK\x03\x04 not really", "zip"),
        (bytes(range(256)), "unknown"),
    ],
)
def test_sniff_plain(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_sniff_packages() -> None:
    assert sniff(hostile.workbook_bytes()) == "xlsx"
    assert sniff(hostile.workbook_bytes(macros=True)) == "xlsm"
    assert sniff(hostile.zip_bytes([hostile.Entry("a.txt", b"x")])) == "zip"
    assert sniff(hostile.ole_bytes({"EncryptionInfo": b"", "EncryptedPackage": b""})) == "ole-encrypted"
    assert sniff(hostile.ole_bytes({"Workbook": b"\x09\x08"})) == "xls"
    assert sniff(hostile.ole_bytes({"__substg1.0_0037001F": b""})) == "ole"


def test_sniff_a_real_encrypted_workbook(tmp_path: Path) -> None:
    """Check against what msoffcrypto-tool (like Excel) writes for a password-protected workbook."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    plain, locked = io.BytesIO(hostile.workbook_bytes("secret")), io.BytesIO()
    OOXMLFile(plain).encrypt("รหัส", locked)
    assert sniff(locked.getvalue()) == "ole-encrypted"


# --- SafePackage -------------------------------------------------------------------------


def test_package_parts_are_found_ignoring_case() -> None:
    package = SafePackage.open(hostile.workbook_bytes())
    assert "xl/workbook.xml" in package.names
    assert package.has("XL/Workbook.XML") and not package.has("xl/missing.xml")
    assert package.read("XL/WORKBOOK.XML") == package.read("xl/workbook.xml")
    assert package.read_xml("xl/workbook.xml").startswith(b"<?xml")
    assert package.head("xl/workbook.xml", 5) == b"<?xml"
    with pytest.raises(KeyError):
        package.read("xl/missing.xml")


def test_read_stops_at_the_cap() -> None:
    package = SafePackage.open(hostile.workbook_bytes())
    with pytest.raises(PackageError) as caught:
        package.read("xl/styles.xml", max_bytes=100)
    assert caught.value.code == "intake-zip-bomb"


def test_read_xml_refuses_doctype() -> None:
    data = hostile.zip_bytes([hostile.Entry("xl/workbook.xml", hostile.BILLION_LAUGHS)])
    package = SafePackage.open(data)
    assert package.read("xl/workbook.xml") == hostile.BILLION_LAUGHS
    with pytest.raises(PackageError) as caught:
        package.read_xml("xl/workbook.xml")
    assert (caught.value.code, caught.value.params) == ("xml-doctype-forbidden", {"part": "xl/workbook.xml"})
    assert messages.has(caught.value.code)


@pytest.mark.parametrize(
    ("head", "ok"),
    [
        (b'<?xml version="1.0"?>\n<worksheet/>', True),
        (b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><?pi x?>\r\n<a/>", True),
        (b"", True),
        (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a/>', False),
        (b"<!ENTITY x 'y'><a/>", False),
        (b"<!-- never closed", False),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a><a/>'.encode("utf-16"), False),
        ("<?xml version='1.0'?><a>&lt;!DOCTYPE</a>".encode("utf-16-le"), True),
    ],
)
def test_xml_prolog(head: bytes, ok: bool) -> None:
    assert xml_prolog_ok(head, complete=True) is ok


def test_package_error_codes_render() -> None:
    for data, code in [
        (b"PK\x03\x04broken", "intake-truncated"),
        (hostile.zip_bytes([hostile.Entry("a", b""), hostile.Entry("A", b"")]), "intake-zip-duplicate-name"),
    ]:
        with pytest.raises(PackageError) as caught:
            SafePackage.open(data)
        assert caught.value.code == code
        assert "{" not in problems.error(code, file="x", **caught.value.params).message_en


def test_safe_package_overhead_is_small() -> None:
    """open + read of three parts, against plain zipfile doing the same (CRC-checked) work."""
    import io
    import zipfile

    data = hostile.workbook_bytes()
    parts = ("xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml")

    def ours() -> None:
        package = SafePackage.open(data)
        for part in parts:
            package.read(part)

    def plain() -> None:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for part in parts:
            archive.read(part)

    def best(run) -> float:
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(200):
                run()
            timings.append((time.perf_counter() - started) / 200)
        return min(timings)

    assert best(ours) < best(plain) + 100e-6


# --- damage anywhere -----------------------------------------------------------------------


def test_randomly_damaged_files_never_raise(tmp_path: Path) -> None:
    """Flip, cut and insert bytes in workbooks, mails and archives: every outcome is an item."""
    import random

    seeds = [
        hostile.workbook_bytes("fuzz", macros=True),
        hostile.eml_thai_attachment(tmp_path).read_bytes(),
        hostile.mbox_two_mails(tmp_path).read_bytes(),
        hostile.zip_in_eml(tmp_path).read_bytes(),
        hostile.ole_bytes({"EncryptionInfo": b"x" * 100, "EncryptedPackage": b"y" * 5000}),
    ]
    rng = random.Random(2568)
    path = tmp_path / "damaged.xlsx"
    for _ in range(300):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 200)]
        path.write_bytes(bytes(data))
        for item in gather([path]):
            assert isinstance(item, Candidate | problems.Problem)
            if isinstance(item, Candidate):  # whatever passes intake reads cleanly
                package = SafePackage.open(item.data)
                for name in package.names:
                    package.read(name)


def test_a_file_named_twice_or_again_inside_its_folder_is_read_once_without_a_note(tmp_path):
    """Only a true copy (another file with the same bytes) is worth the duplicate note."""
    folder = tmp_path / "returns"
    folder.mkdir()
    sample = next((Path(__file__).resolve().parent.parent / "samples" / "6m").glob("*.xlsx"))
    shutil.copy(sample, folder / "a.xlsx")
    given = folder / "a.xlsx"
    found = list(gather([given, given, str(folder) + "/", folder / "." / "a.xlsx"]))
    assert [type(item) for item in found] == [Candidate]
    shutil.copy(sample, folder / "b.xlsx")
    found = list(gather([folder]))
    assert [item.code for item in found if isinstance(item, problems.Problem)] == ["intake-duplicate"]


# --- the parts intake checked, read again without inflating them ------------------------------
def test_a_workbook_is_read_from_the_parts_intake_checked(tmp_path: Path, sample_plan) -> None:
    from ita_xlsx.read.returned import read_returned

    path = tmp_path / "finance.xlsx"
    path.write_bytes(hostile.real_workbook("finance"))
    [candidate], found = _run(path)
    assert found == []
    assert candidate.package is not None
    parts = candidate.package.take_parts()
    with zipfile.ZipFile(path) as archive:
        assert parts == {name: archive.read(name) for name in archive.namelist()}
    assert candidate.package.take_parts() == {}  # handed over once
    # a part that is not what the package declares is inflated again from the package
    damaged = {**parts, "xl/workbook.xml": b"<workbook/>"}
    with_parts = read_returned(str(path), candidate.data, sample_plan, verified=True, parts=damaged)
    without = read_returned(str(path), candidate.data, sample_plan)
    assert with_parts.accepted and with_parts.division == "finance"
    assert (with_parts.entries, with_parts.problems) == (without.entries, without.problems)


def test_a_package_that_fails_verification_keeps_none_of_its_parts() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", "<a/>")
        archive.writestr("b.xml", '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY x "y">]><b/>')
    package = SafePackage.open(buffer.getvalue())
    with pytest.raises(PackageError) as refused:
        package.verify(keep=True)
    assert refused.value.code == "xml-doctype-forbidden"
    assert package.take_parts() == {}
