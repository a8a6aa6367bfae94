"""Property-based fuzzing of intake, the reader and the cell normalisers, and the regression files.

Hypothesis mutates REAL returned workbooks (bytes of the zip; XML text of their parts, re-zipped;
cell values set with openpyxl) and feeds arbitrary values to the normalisers. The properties:
``collect.read_inputs`` never raises, every problem code is in the message catalogue, and every
problem message renders in Thai and in English.

Runs are reproducible (``derandomize=True``, no example database) and bounded for CI; set
``ITA_FUZZ_EXAMPLES`` (examples per test) to run longer locally, e.g.
``ITA_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``.

Every crash found became a file in tests/regressions/, named after its quirk (``REGRESSIONS``
below says what each must give); each is read in a child process, so that a hang or an abort in
native code fails its test instead of the whole run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_xlsx import messages
from ita_xlsx.collect import run as collect
from ita_xlsx.core import problems, thaidates
from ita_xlsx.core.problems import Problem
from ita_xlsx.read import layout, normalize
from ita_xlsx.read.returned import read_returned

try:
    import hostile
except ImportError:  # tests/ collected as a package
    from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
REGRESSION_DIR = Path(__file__).resolve().parent / "regressions"
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
DIVISIONS = ("palad", "finance", "works", "education", "audit")
EXAMPLES = int(os.environ.get("ITA_FUZZ_EXAMPLES") or 0)
HANG_SECONDS = 20  # a read this long is a hang (a sample workbook reads in about 10 ms)


def fuzz(default_examples: int):
    """Hypothesis settings for CI: reproducible, bounded; ITA_FUZZ_EXAMPLES runs longer."""
    return settings(
        max_examples=EXAMPLES or default_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS):
    """Turn a read that never ends (a Python loop) into a failure of the example."""

    def expire(signum, frame):
        raise TimeoutError(f"reading took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_problems(found: list[Problem]) -> None:
    for problem in found:
        hostile.assert_renders(problem)


def read_all(plan, path: Path) -> None:
    """The property: intake and the reader never raise, and every problem renders in both languages."""
    with hang_guard():
        returned, others = collect.read_inputs(plan, [path])
    check_problems([p for f in others for p in f.problems] + [p for r in returned for p in r.problems])
    for ret in returned:
        if ret.accepted:
            assert set(ret.entries) <= {m.id for m in plan.measures_for(ret.division)}


# Module-level caches rather than fixtures: Hypothesis prints a failing example's arguments.
@functools.cache
def plan():
    from ita_xlsx.plan import load_plan

    loaded, _ = load_plan(PLAN)
    return loaded


@functools.cache
def real(division: str) -> bytes:
    return hostile.real_workbook(division)


@functools.cache
def parts(division: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(real(division))) as book:
        return {info.filename: book.read(info) for info in book.infolist()}


@functools.cache
def finance_book():
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(real("finance")))


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "ผลการดำเนินงาน fuzz.xlsx"


# --- 1. bytes of the zip ----------------------------------------------------------------------

BYTE_EDITS = st.lists(
    st.tuples(
        st.sampled_from(("flip", "insert", "delete")),
        st.integers(min_value=0, max_value=2**31),
        st.binary(min_size=1, max_size=16),
    ),
    min_size=1,
    max_size=6,
)


def mutate_bytes(data: bytes, edits) -> bytes:
    out = bytearray(data)
    for op, at, blob in edits:
        if op == "insert":
            at %= len(out) + 1
            out[at:at] = blob
        elif out:
            at %= len(out)
            if op == "flip":
                out[at] ^= blob[0] or 0xFF
            else:
                del out[at : at + 8 * len(blob)]
    return bytes(out)


@fuzz(400)
@given(division=st.sampled_from(DIVISIONS), edits=BYTE_EDITS)
def test_flipped_inserted_deleted_zip_bytes_never_break_collect(fuzz_file, division, edits) -> None:
    fuzz_file.write_bytes(mutate_bytes(real(division), edits))
    read_all(plan(), fuzz_file)


# --- 2. XML text of the parts, re-zipped -----------------------------------------------------

XML_PARTS = st.sampled_from(
    (
        hostile.MEASURES_PART,
        hostile.MEASURES_PART,
        hostile.LOG_PART,
        "xl/worksheets/sheet5.xml",  # the identity sheet
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "docProps/custom.xml",
        "docProps/core.xml",
    )
)
# Pieces of OOXML a hostile or broken writer might put anywhere. References stay below row 5,000:
# huge extents are the regression files' business (they abort or exhaust the process today).
TOKENS = (
    'r="A1"',
    'r="B4"',
    'r="K4999"',
    'r="AA12"',
    'r=""',
    'r="4"',
    't="s"',
    't="e"',
    't="b"',
    't="d"',
    't="str"',
    't="inlineStr"',
    't="n"',
    's="0"',
    's="9999"',
    's="-1"',
    "<v>0</v>",
    "<v>-1</v>",
    "<v>9999999</v>",
    "<v>1e308</v>",
    "<v>-1e15</v>",
    "<v>nan</v>",
    "<v>inf</v>",
    "<v>abc</v>",
    "<v>44859</v>",
    "<v>2958466</v>",
    "<v></v>",
    "<v>2022-10-03T00:00:00</v>",
    "<is><t>ทดสอบ</t></is>",
    "<f>1+1</f>",
    "</c>",
    "<c>",
    "</row>",
    '<row r="4999">',
    "<row>",
    "</sheetData>",
    "<sheetProtection/>",
    '<sheetProtection sheet="1"/>',
    'state="veryHidden"',
    'state="visible"',
    'date1904="1"',
    'numFmtId="14"',
    'numFmtId="999"',
    'formatCode="[$-107041E]d mmmm yyyy"',
    'formatCode="[$-th-TH,107]d mmmm yyyy"',
    '<definedName name="ITA_STATUS">#REF!</definedName>',
    "<definedName name=\"ITA_MEASURE_ID\">'_ita'!$A$1:$A$30</definedName>",
    "<definedName name=\"ITA_RESULT\">'มาตรการ'!$XFD$4:$XFD$19</definedName>",
    'Target="worksheets/sheet3.xml"',
    'Target="/xl/worksheets/sheet2.xml"',
    'Target="../../etc/passwd"',
    'Id="rId2"',
    'Id="rId99"',
    "<si><t>x</t></si>",
    "<si/>",
    "<t>_x0001_</t>",
    "<t>_x000D_=1+1</t>",
    "<vt:lpwstr>finance</vt:lpwstr>",
    "<vt:lpwstr>ita-xlsx-template/1</vt:lpwstr>",
    "<vt:lpwstr>ITA_STATUS=,ITA_MEASURE_ID=B</vt:lpwstr>",
    "&amp;",
    "&lt;",
    "&#3585;",
    "<![CDATA[=cmd|' /C calc'!A0]]>",
    "\xa0",
    "ก",
)
_PIECE = re.compile(rb'\w+="[^"]*"|<v>[^<]*</v>|<t[^>]*>[^<]*</t>|<[^>]{0,60}>')
XML_EDITS = st.lists(
    st.tuples(
        st.sampled_from(("replace", "insert", "delete", "byte")),
        st.integers(min_value=0, max_value=2**31),
        st.sampled_from(TOKENS),
        st.integers(min_value=1, max_value=255),
    ),
    min_size=1,
    max_size=5,
)


def mutate_xml(body: bytes, edits) -> bytes:
    out = bytes(body)
    for op, at, token, number in edits:
        piece = token.encode("utf-8")
        if op == "replace":
            found = list(_PIECE.finditer(out))
            if found:
                match = found[at % len(found)]
                out = out[: match.start()] + piece + out[match.end() :]
        elif op == "insert":
            at %= len(out) + 1
            out = out[:at] + piece + out[at:]
        elif op == "delete" and out:
            at %= len(out)
            out = out[:at] + out[at + number :]
        elif out:
            at %= len(out)
            out = out[:at] + bytes([number]) + out[at + 1 :]
    return out


@fuzz(400)
@given(division=st.sampled_from(DIVISIONS), part=XML_PARTS, edits=XML_EDITS, more=st.booleans())
def test_mutated_xml_parts_never_break_collect(fuzz_file, division, part, edits, more) -> None:
    changed = dict(parts(division))
    changed[part] = mutate_xml(changed[part], edits)
    if more:  # a second part damaged the same way (names and sheets together, say)
        other = "xl/workbook.xml" if part != "xl/workbook.xml" else hostile.MEASURES_PART
        changed[other] = mutate_xml(changed[other], edits[::-1])
    fuzz_file.write_bytes(hostile.zip_bytes([hostile.Entry(n, d) for n, d in changed.items()]))
    read_all(plan(), fuzz_file)


# --- 3. cell values set with openpyxl ---------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
THAI = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=40)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60).map(
    lambda s: _XML_ILLEGAL.sub("", s)
)
CELL_VALUES = st.one_of(
    st.none(),
    THAI,
    ANY_TEXT,
    st.sampled_from(
        (
            "NaN",
            "nan",
            "-nan",
            "inf",
            "-Infinity",
            "1e309",
            "#N/A",
            "#REF!",
            "N/A",
            "null",
            "None",
            "ดำเนินการแล้ว",
            "ดำเนินการแล้ว\u200b",
            "ดำเนิน การแล้ว",
            "ดําเนินการแล้ว",
            "๓ ตุลาคม ๒๕๖๕",
            "31/2/2566",
            "29/2/2567",
            "0/0/0",
            "1/1/99999",
            "_x0001_",
            "_x000D_=1+1",
            "_x001B_[31m",
            "\u202e\u202d",
            "=1+1",
            "\t",
            " ",
            *hostile.INJECTIONS,
        )
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
)
INPUT_NAMES = (*layout.INPUT_NAMES, layout.NAME_LOG_DATE, layout.NAME_LOG_DETAIL, layout.NAME_LOG_MEASURE)


def _cell_for(book, name: str, number: int):
    if name in layout.INPUT_NAMES:
        ids = [m.id for m in plan().measures_for("finance")]
        return hostile.input_cell(book, name, ids[number % len(ids)])
    return hostile.log_cell(book, name, 4 + number % 200)


@fuzz(120)
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(INPUT_NAMES), st.integers(0, 400), CELL_VALUES), min_size=1, max_size=6
    )
)
def test_cell_values_set_with_openpyxl_never_break_collect(fuzz_file, edits) -> None:
    book = finance_book()
    saved = []
    try:
        for name, number, value in edits:
            cell = _cell_for(book, name, number)
            saved.append((cell, cell.value, cell.data_type))
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text even when it starts with '='
        buffer = io.BytesIO()
        book.save(buffer)
    finally:
        for cell, value, kind in reversed(saved):
            cell.value = value
            cell.data_type = kind
    fuzz_file.write_bytes(buffer.getvalue())
    read_all(plan(), fuzz_file)


# --- 4. the normalisers ------------------------------------------------------------------------

RAW_VALUES = st.one_of(
    CELL_VALUES,
    st.text(),  # surrogates and control characters too: the normalisers take any str
    st.integers(),
    st.text(alphabet=st.sampled_from(list("0123456789๐๑๒๓๔๕๖๗๘๙/-.: ")), max_size=14),
)


@fuzz(3000)
@given(raw=RAW_VALUES, date1904=st.booleans(), is_date_cell=st.booleans())
def test_normalisers_take_anything(raw, date1904, is_date_cell) -> None:
    status = normalize.status(raw)
    assert status.value is None or isinstance(status.value, str)
    if status.code:  # the reader reports it with the cell's value
        said = getattr(problems, status.severity)(status.code, value=str(raw)[:60], read_as=status.read_as)
        hostile.assert_renders(said)
    parsed = normalize.date(raw, date1904=date1904, is_date_cell=is_date_cell)
    assert parsed.value is None or isinstance(parsed.value, dt.date)
    year = str(thaidates.be_year(parsed.value)) if parsed.value else ""
    for code in (*parsed.assumptions, *([parsed.error] if parsed.error else [])):
        hostile.assert_renders(problems.error(code, value=str(raw)[:60], year=year, read=year))
    clean = normalize.cell_text(raw)
    assert isinstance(clean, str) and clean == clean.strip()
    if isinstance(raw, float) and math.isnan(raw):
        assert parsed.value is None


# --- the regression files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Regression:
    """What reading one regression file must give (in a child process)."""

    quirk: str  # what the file does, and what went wrong before
    accepted: bool = True
    same_as_sample: tuple[str, ...] = ("status", "action_date", "result", "evidence", "note")
    codes: frozenset[str] | None = None  # exactly these codes, when given
    max_seconds: float = 20
    max_rss_mb: float | None = None


REGRESSIONS = {
    "sheet-relationship-without-target.xlsx": Regression(
        "the measures sheet's relationship has no Target: the sheet part resolved to 'xl' and reading "
        "it raised KeyError (found by test_mutated_xml_parts_never_break_collect)",
        accepted=False,
        same_as_sample=(),
    ),
    "sheet-relationship-points-nowhere.xlsx": Regression(
        "the measures sheet's relationship names a part that is not in the package: KeyError",
        accepted=False,
        same_as_sample=(),
    ),
    "cell-at-XFD1048576.xlsx": Regression(
        "one cell at XFD1048576 on the log sheet: python-calamine allocates the dense 16,384 x "
        "1,048,576 range (512 GB) and aborts the whole process",
        max_rss_mb=300,
    ),
    "measures-row-at-1048576.xlsx": Regression(
        "one cell at K1048576 on the measures sheet: python-calamine materialises 11.5 M cells (about 550 MB)",
        max_rss_mb=300,
    ),
    "measure-name-past-the-last-row.xlsx": Regression(
        "ITA_MEASURE_ID covers B4:B9999999 (past Excel's last row): the reader looped over ten million "
        "rows, about 27 s for one file",
        max_seconds=8,
    ),
    "column-map-not-a-letter.xlsx": Regression(
        "ITA_STATUS lost and the identity's column map says ITA_STATUS=1: column -15, IndexError",
        same_as_sample=("action_date", "result", "evidence", "note"),
    ),
    "column-map-not-a-letter-utf16-sheet.xlsx": Regression(
        "the same with UTF-16 sheets (calamine refuses them, expat reads them): column_letters(-15) "
        "never returns",
        same_as_sample=("action_date", "result", "evidence", "note"),
        max_seconds=8,
    ),
    "identity-row-map-ethiopic-digit.xlsx": Regression(
        "a row-map cell of the identity sheet holds '፩': str.isdigit() says yes, int() raises ValueError",
    ),
    "utf16-sheet-parts.xlsx": Regression(
        "measures and log sheets declared and encoded as UTF-16 (legal XML): the protection check "
        "searched the raw bytes and reported protection-removed on protected sheets",
        codes=frozenset(),
    ),
    "date-serial-out-of-range.xlsx": Regression(
        "-1e15 in a date cell: python-calamine panics (caught, the reader falls back), but the Rust "
        "panic message and backtrace are printed on the clerk's terminal",
        codes=frozenset({"date-unparseable"}),
        same_as_sample=("status", "result", "evidence", "note"),
    ),
}

_CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from ita_xlsx.collect import run as collect
    from ita_xlsx.plan import load_plan
    plan, _ = load_plan(Path(sys.argv[1]))
    returned, others = collect.read_inputs(plan, [Path(sys.argv[2])])
    problems = [p for f in others for p in f.problems] + [p for r in returned for p in r.problems]
    print(json.dumps({
        "returned": [
            {"accepted": r.accepted, "division": r.division, "entries": {
                m: {"status": e.status, "action_date": e.action_date and e.action_date.isoformat(),
                    "result": e.result, "evidence": e.evidence, "note": e.note}
                for m, e in r.entries.items()}}
            for r in returned],
        "problems": [[p.severity, p.code, p.message_th, p.message_en] for p in problems],
    }))
    """
)


def run_child(path: Path, timeout: float) -> tuple[hostile.ChildRun, dict | None]:
    """Read ``path`` in a child process: how it ended, and what it read (None if it did not finish)."""
    run = hostile.run_measured([sys.executable, "-c", _CHILD, str(PLAN), str(path)], timeout)
    report = json.loads(run.stdout) if run.returncode == 0 and run.stdout.strip() else None
    return run, report


def sample_entries(plan) -> dict[str, dict[str, object]]:
    ret = read_returned("sample", hostile.real_workbook("finance"), plan)
    return {
        m: {
            "status": e.status,
            "action_date": e.action_date and e.action_date.isoformat(),
            "result": e.result,
            "evidence": e.evidence,
            "note": e.note,
        }
        for m, e in ret.entries.items()
    }


def test_every_regression_file_has_an_expectation_and_a_builder() -> None:
    files = {p.name for p in REGRESSION_DIR.glob("*.xlsx")}
    assert files == set(REGRESSIONS) == set(hostile.REGRESSIONS)


@pytest.mark.parametrize("name", sorted(REGRESSIONS), ids=lambda n: n.removesuffix(".xlsx"))
def test_regression_file(name: str, sample_plan) -> None:
    want = REGRESSIONS[name]
    path = REGRESSION_DIR / name
    run, report = run_child(path, timeout=want.max_seconds)
    assert not run.timed_out, f"{want.quirk}: still reading after {want.max_seconds} s"
    assert run.returncode == 0 and report is not None, (
        f"{want.quirk}\nexit {run.returncode}: {run.stderr[-1500:]}"
    )
    if want.max_rss_mb is not None:
        assert run.peak_rss_mb < want.max_rss_mb, f"{want.quirk}: peak RSS {run.peak_rss_mb:.0f} MB"
    for _severity, problem_code, thai, english in report["problems"]:
        assert messages.has(problem_code) and thai and english
    codes = {c for _, c, _, _ in report["problems"]}
    [ret] = report["returned"] or [{"accepted": False, "entries": {}}]
    assert ret["accepted"] is want.accepted, (want.quirk, codes)
    if not want.accepted:
        assert any(s == "error" for s, *_ in report["problems"]), codes
        return
    if want.codes is not None:
        assert codes == want.codes, want.quirk
    expected = sample_entries(sample_plan)
    assert set(ret["entries"]) == set(expected)
    for measure_id, fields in expected.items():
        for field_name in want.same_as_sample:
            assert ret["entries"][measure_id][field_name] == fields[field_name], (measure_id, field_name)


def test_a_calamine_panic_never_reaches_the_terminal() -> None:
    """``ita-xlsx check`` on the out-of-range date: the date is reported, stderr stays clean."""
    path = REGRESSION_DIR / "date-serial-out-of-range.xlsx"
    done = subprocess.run(
        [*hostile.ita_xlsx_argv(), "check", "--plan", str(PLAN), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "[date-unparseable]" in done.stdout
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-1500:]


def test_an_xml_part_declaring_an_encoding_no_codec_has_is_reported_not_crashed(fuzz_file) -> None:
    changed = dict(parts("palad"))
    for name in ("xl/worksheets/sheet2.xml", "xl/workbook.xml"):
        assert b'encoding="UTF-8"' in changed[name][:100]
        changed[name] = changed[name].replace(b'encoding="UTF-8"', b'encoding="TF-8"', 1)
    fuzz_file.write_bytes(hostile.zip_bytes([hostile.Entry(n, d) for n, d in changed.items()]))
    read_all(plan(), fuzz_file)
