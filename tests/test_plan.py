"""The plan: loading, checking, both file forms, schedules and due dates."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ita_xlsx.cli import cli
from ita_xlsx.plan import load_plan, parse_schedule, save_plan
from ita_xlsx.plan.schedule import ScheduleError
from ita_xlsx.plan.yaml_io import plan_to_dict

D = dt.date


def write_yaml(tmp_path: Path, data: dict, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def raw_plan(sample_plan_path) -> dict:
    return yaml.safe_load(sample_plan_path.read_text(encoding="utf-8"))


# -- checking ---------------------------------------------------------------------------------
def codes_at(found) -> set[tuple[str, str | None]]:
    return {(p.code, p.cell) for p in found}


def test_sample_plan_is_valid(sample_plan):
    assert sample_plan.plan_id == "mueangphalai-ita-2566"
    assert [r.id for r in sample_plan.rounds] == ["6m", "12m"]
    assert len(sample_plan.measures) == 25


def test_every_problem_is_listed_with_its_line(tmp_path, raw_plan):
    raw_plan["measures"][1]["divisions"] = ["palad", "treasury"]
    raw_plan["measures"][2]["id"] = raw_plan["measures"][0]["id"]
    raw_plan["measures"][3]["question"] = "  \u200b "
    raw_plan["measures"][4]["schedule"] = "every full moon"
    raw_plan["rounds"][0]["end"] = "2023-11-30"
    path = write_yaml(tmp_path, raw_plan)
    plan, found = load_plan(path)
    assert plan is None
    codes = {p.code for p in found}
    assert {
        "plan-unknown-division",
        "plan-duplicate-id",
        "plan-empty-text",
        "plan-bad-schedule",
        "plan-round-outside-year",
    } <= codes
    assert all(p.file == str(path) and p.cell and p.cell.startswith("line ") for p in found)
    line_of = {p.code: int(p.cell.split()[1]) for p in found}
    text = path.read_text(encoding="utf-8").splitlines()
    assert (
        "treasury" in text[line_of["plan-unknown-division"] - 1]
        or "treasury" in text[line_of["plan-unknown-division"]]
    )
    assert "every full moon" in text[line_of["plan-bad-schedule"] - 1]


def test_yaml_syntax_error_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("plan_id: [unclosed\n", encoding="utf-8")
    plan, found = load_plan(path)
    assert plan is None and found[0].code == "plan-yaml-syntax"


YAML_CASES = [
    "a: 1\nb: [1, 2.5, true, null, ~, 2023-03-31, '2023-03-31', 0x1F, .inf]\n",
    "base: &b {x: 1, y: [a, b]}\nlist: &l [1, 2]\n",  # anchors are harmless; aliases are refused
    "- ok\n- 'quoted: yes'\n- \"ไทย ๑๒๓\"\n- |\n  two\n  lines\n- >\n  folded\n  text\n",
    "",
    "--- just text\n",
    "nested:\n  - {k: [[], {}]}\n  - !!str 12\n  - !!int '7'\n",
    "[" * 32 + "]" * 32 + "\n",  # as deep as load_yaml goes
]


@pytest.mark.parametrize("text", YAML_CASES)
def test_plan_yaml_is_read_as_pyyaml_reads_it(text):
    from ita_xlsx.plan.yaml_io import load_yaml

    assert load_yaml(text) == yaml.safe_load(text)


def test_the_bundled_plan_is_read_as_pyyaml_reads_it(sample_plan_path):
    from ita_xlsx.plan.yaml_io import load_yaml

    text = sample_plan_path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system ''\n",
        "? [1, 2]\n: unhashable\n",
        "a: 1\n---\nb: 2\n",
        "a: !!set {x, y}\n",
    ],
)
def test_unsafe_or_odd_yaml_is_a_plan_problem(tmp_path, text):
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    plan, found = load_plan(path)
    assert plan is None and [p.code for p in found] == ["plan-yaml-syntax"]


def _billion_laughs(levels: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(['"x"'] * 9) + "]"]
    for before, name in zip("abcdefghij", "bcdefghij"[: levels - 1], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text, line, name",
    [
        (_billion_laughs(), 2, "a"),  # 9**9 "x" once expanded: ran for minutes
        ("a: &a [*a]\n", 1, "a"),  # refers to itself: RecursionError
        ("base: &b {x: 1}\ncopy: *b\n", 2, "b"),
        ("a: *nowhere\n", 1, "nowhere"),
    ],
)
def test_yaml_aliases_are_refused_at_once(tmp_path, text, line, name):
    from ita_xlsx.plan.yaml_io import load_yaml

    with pytest.raises(yaml.YAMLError):
        load_yaml(text)
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    plan, found = load_plan(path)
    result = CliRunner().invoke(cli, ["--lang", "en", "plan", "check", str(path)])
    assert time.perf_counter() - started < 1
    assert plan is None and codes_at(found) == {("plan-yaml-alias", f"line {line}")}
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # not a crash
    assert f"line {line}: error: The plan uses the alias '*{name}'" in result.output
    thai = CliRunner().invoke(cli, ["plan", "check", str(path)])
    assert f"การอ้างถึง (alias) '*{name}'" in thai.output


@pytest.mark.parametrize(
    "text, line",
    [
        ("[" * 10_000 + "]" * 10_000 + "\n", 1),
        ("plan_id: x\nmeasures:\n  - divisions: " + "[" * 10_000 + "]" * 10_000 + "\n", 3),
        ("office:\n" + "".join(" " * i + "- \n" for i in range(1, 40)) + " " * 40 + "x\n", 33),
        ("[" * 33 + "]" * 33 + "\n", 1),
    ],
)
def test_deep_nesting_is_a_plan_problem_not_a_recursion_error(tmp_path, text, line):
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "plan", "check", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert f"line {line}: error: The data in this file is nested too deeply" in result.output
    plan, found = load_plan(path)
    assert plan is None and codes_at(found) == {("plan-yaml-too-deep", f"line {line}")}
    assert "ซ้อนกันลึกเกินไป" in found[0].message("th")


def test_no_plan_message_waits_for_a_location_as_a_parameter():
    """Location fields (file, sheet, cell, ...) are the problem's place, never its message's
    parameters: a message naming one of them is printed with its placeholder unfilled."""
    import string

    from ita_xlsx.messages.plan import MESSAGES

    locations = {"file", "sheet", "cell", "measure_id", "division"}
    for code, pair in MESSAGES.items():
        for template in pair:
            named = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert not named & locations, (code, template)


def test_missing_plan_sheet_is_named_in_both_languages(tmp_path, sample_plan):
    from openpyxl import load_workbook

    xlsx = save_plan(sample_plan, tmp_path / "plan.xlsx")
    wb = load_workbook(xlsx)
    wb["แผน"].title = "แผนเดิม"
    wb["ด้าน"].title = "ด้าน (สำเนา)"
    wb.save(xlsx)
    plan, found = load_plan(xlsx)
    assert plan is None
    assert sorted(p.message("en") for p in found) == [
        "The plan workbook has no sheet 'ด้าน': use a file made by ita-xlsx plan new, "
        "without renaming its sheets",
        "The plan workbook has no sheet 'แผน': use a file made by ita-xlsx plan new, "
        "without renaming its sheets",
    ]
    for lang, said in (("th", "ไม่พบแผ่นงาน 'แผน' ในไฟล์แผน"), ("en", "has no sheet 'แผน'")):
        result = CliRunner().invoke(cli, ["--lang", lang, "plan", "check", str(xlsx)])
        assert result.exit_code == 1 and said in result.output
        assert "{" not in result.output and "[plan-sheet-missing]" in result.output


EXCEL_2010_EXTENSIONS = (
    '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    "<x14:conditionalFormattings/></ext>"
    '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="0"/></ext></extLst>'
)


def test_plan_workbook_saved_by_excel_reads_without_openpyxl_warnings(tmp_path, sample_plan):
    """Excel keeps its 2010 conditional-formatting and validation extensions in every sheet."""
    plain = save_plan(sample_plan, tmp_path / "plain.xlsx")
    xlsx = tmp_path / "excel-2010-extensions.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", EXCEL_2010_EXTENSIONS.encode() + b"</worksheet>")
            dst.writestr(info, data)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        plan, found = load_plan(xlsx)
        warnings.warn("still shown", UserWarning, stacklevel=1)  # only openpyxl's are silenced
    assert plan is not None, [p.message_en for p in found]
    assert [str(w.message) for w in seen] == ["still shown"]


def test_unknown_key_is_reported(tmp_path, raw_plan):
    raw_plan["measures"][0]["colour"] = "red"
    plan, found = load_plan(write_yaml(tmp_path, raw_plan))
    assert plan is None and "plan-unknown-key" in {p.code for p in found}


def test_check_command_exit_codes(tmp_path, raw_plan, sample_plan_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["plan", "check", str(sample_plan_path)])
    assert ok.exit_code == 0, ok.output
    assert "กองคลัง: 16" in ok.output and "IIT" in ok.output
    raw_plan["measures"][0]["divisions"] = ["nowhere"]
    bad = runner.invoke(cli, ["--lang", "en", "plan", "check", str(write_yaml(tmp_path, raw_plan))])
    assert bad.exit_code == 1
    assert "No division with code 'nowhere'" in bad.output


# -- file forms -------------------------------------------------------------------------------
def test_yaml_to_xlsx_to_yaml_loses_nothing(tmp_path, sample_plan):
    xlsx = save_plan(sample_plan, tmp_path / "plan.xlsx")
    back, found = load_plan(xlsx)
    assert back is not None, [p.message_en for p in found]
    assert plan_to_dict(back) == plan_to_dict(sample_plan)
    yaml_again = save_plan(back, tmp_path / "again.yaml")
    final, _ = load_plan(yaml_again)
    assert plan_to_dict(final) == plan_to_dict(sample_plan)
    assert final.fingerprint() == sample_plan.fingerprint()


def test_plan_workbook_problems_name_sheet_and_cell(tmp_path, sample_plan):
    from openpyxl import load_workbook

    xlsx = save_plan(sample_plan, tmp_path / "plan.xlsx")
    wb = load_workbook(xlsx)
    ws = wb["มาตรการ"]
    fields = [c.value for c in ws[2]]
    ws.cell(row=5, column=fields.index("schedule") + 1, value="sometimes")
    wb.save(xlsx)
    plan, found = load_plan(xlsx)
    assert plan is None
    bad = next(p for p in found if p.code == "plan-bad-schedule")
    assert bad.sheet == "มาตรการ" and bad.cell.endswith("5")


def test_plan_new_writes_an_empty_workbook_with_dropdowns(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "new.xlsx"
    result = CliRunner().invoke(cli, ["plan", "new", str(target)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(target)
    assert {"แผน", "รอบรายงาน", "หน่วยงาน", "ด้าน", "ตัวชี้วัด", "มาตรการ"} <= set(wb.sheetnames)
    measures = wb["มาตรการ"]
    assert measures["A1"].value == "รหัสมาตรการ" and measures["A2"].value == "id"
    kinds = [dv for dv in measures.data_validations.dataValidation if dv.type == "list"]
    assert any("monthly" in (dv.formula1 or "") for dv in kinds)
    again = CliRunner().invoke(cli, ["plan", "new", str(target)])
    assert again.exit_code == 2  # refuses to overwrite
    plan, found = load_plan(target)
    assert plan is None and found  # an empty plan is not a valid plan, and says why
    fiscal_year = next(p for p in found if p.cell and p.message("th").startswith("ช่อง 'fiscal_year'"))
    assert fiscal_year.code == "plan-empty-text"  # not "must be a number (found 'None')"


def test_convert_both_ways_by_command(tmp_path, sample_plan_path):
    runner = CliRunner()
    xlsx = tmp_path / "plan.xlsx"
    assert runner.invoke(cli, ["plan", "convert", str(sample_plan_path), str(xlsx)]).exit_code == 0
    back = tmp_path / "plan.yaml"
    assert runner.invoke(cli, ["plan", "convert", str(xlsx), str(back)]).exit_code == 0
    assert load_plan(back)[0] is not None


# -- schedules and due dates ------------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase, kind, first_due, count",
    [
        ("monthly", "monthly", D(2022, 10, 31), 12),
        ("monthly day 10", "monthly", D(2022, 10, 10), 12),
        ("quarterly", "quarterly", D(2022, 12, 31), 4),
        ("twice-yearly 4 10", "twice-yearly", D(2022, 10, 31), 2),
        ("twice-yearly เม.ย. ต.ค.", "twice-yearly", D(2022, 10, 31), 2),
        ("yearly 1", "yearly", D(2023, 1, 31), 1),
        ("once 2022-11-30", "once", D(2022, 11, 30), 1),
        ("once 30/9/2565, 30/4/2566", "once", D(2022, 9, 30), 2),
        ("daily", "daily", D(2022, 10, 1), 365),
        ("event", "event", None, 0),
    ],
)
def test_schedule_occurrences(phrase, kind, first_due, count):
    schedule = parse_schedule(phrase)
    assert schedule.kind == kind
    occurrences = schedule.occurrences(2566)
    assert len(occurrences) == count
    if first_due:
        assert occurrences[0].due == first_due
    assert parse_schedule(str(schedule)) == schedule


@pytest.mark.parametrize(
    "phrase", ["weekly", "monthly day 40", "yearly", "twice-yearly 4", "once", "once 31/2/2566", "daily 3"]
)
def test_bad_schedules_say_why(phrase):
    with pytest.raises(ScheduleError):
        parse_schedule(phrase)


def test_the_line_of_a_yaml_problem_is_said_in_the_users_language(tmp_path, raw_plan):
    raw_plan["measures"][4]["schedule"] = "every full moon"
    path = write_yaml(tmp_path, raw_plan)
    thai = CliRunner().invoke(cli, ["plan", "check", str(path)])
    assert f"{path} › บรรทัด " in thai.output and "› line" not in thai.output
    english = CliRunner().invoke(cli, ["--lang", "en", "plan", "check", str(path)])
    assert f"{path} › line " in english.output


def test_why_a_schedule_is_bad_is_said_in_the_users_language(tmp_path, raw_plan):
    raw_plan["measures"][4]["schedule"] = "twice-yearly 4"
    path = write_yaml(tmp_path, raw_plan)
    thai = CliRunner().invoke(cli, ["plan", "check", str(path)])
    assert thai.exit_code == 1
    assert "ระบุเดือนที่ต่างกัน 2 เดือนพอดี เช่น 4 10 หรือ เม.ย. ต.ค." in thai.output
    assert "different month" not in thai.output
    english = CliRunner().invoke(cli, ["--lang", "en", "plan", "check", str(path)])
    assert "name exactly 2 different month(s), e.g. 4 10 or apr oct" in english.output


def test_due_dates_for_rounds(sample_plan):
    r6, r12 = sample_plan.round("6m"), sample_plan.round("12m")
    o36 = sample_plan.measure("O36").due_in(r6, 2566)
    assert o36.due_date == D(2022, 9, 30) and o36.in_round  # the deadline before the year began
    assert sample_plan.measure("O36").due_in(r12, 2566).due_date == D(2023, 4, 30)
    e9 = sample_plan.measure("e9").due_in(r6, 2566)
    assert e9.due_date == D(2022, 10, 31)
    monthly = sample_plan.measure("i2").due_in(r6, 2566)
    assert len(monthly.occurrences) == 6 and monthly.due_date == D(2023, 3, 31)
    assert [o.end for o in monthly.ended(D(2023, 1, 15))] == [
        D(2022, 10, 31),
        D(2022, 11, 30),
        D(2022, 12, 31),
    ]
    assert sample_plan.measure("i29").due_in(r6, 2566).due_date is None


def test_all_expands_to_every_division(sample_plan):
    e7 = sample_plan.measure("e7")
    assert sample_plan.division_codes(e7) == ("palad", "finance", "works", "education", "audit")
    assert [m.id for m in sample_plan.measures_for("audit")] == ["e7", "O36"]


def test_division_found_by_alias(sample_plan):
    assert sample_plan.find_division("สำนักงานปลัด").code == "palad"
    assert sample_plan.find_division(" กองการศึกษา\u200b").code == "education"
    assert sample_plan.find_division("กองสวัสดิการสังคม") is None


# -- the command line -------------------------------------------------------------------------
def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from ita_xlsx.cli import main; sys.argv=['ita-xlsx','--help'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'openpyxl', 'xlsxwriter') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in ("plan", "templates", "check", "collect", "mail", "remind", "demo"):
        result = runner.invoke(cli, [name, "--help"])
        if result.exit_code == 2 and "No such command" in result.output:
            pytest.fail(f"command {name} is missing")
        assert result.exit_code == 0, (name, result.output)
        assert "ita-xlsx" in result.output and ("ตัวอย่าง" in result.output), name


def test_python_dash_m_runs():
    out = subprocess.run([sys.executable, "-m", "ita_xlsx", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "ita-xlsx" in out.stdout


def test_english_messages_with_lang_and_env(sample_plan_path):
    runner = CliRunner()
    en = runner.invoke(cli, ["--lang", "en", "plan", "check", str(sample_plan_path)])
    assert "The plan is valid." in en.output
    env = runner.invoke(cli, ["plan", "check", str(sample_plan_path)], env={"ITA_LANG": "en"})
    assert "The plan is valid." in env.output


def test_a_division_workbook_given_as_the_plan_is_one_plain_problem():
    division_workbook = (
        Path(__file__).resolve().parent.parent / "samples" / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx"
    )
    plan, found = load_plan(division_workbook)
    assert plan is None
    assert [p.code for p in found] == ["plan-not-a-plan-workbook"]
    assert "ส่วนแบบรายงานของหน่วยงานใช้กับคำสั่ง check หรือ collect" in found[0].message("th")


def test_office_code_and_website_round_trip_through_the_plan_workbook(tmp_path):
    from ita_xlsx.plan import load_plan
    from ita_xlsx.plan.xlsx_io import plan_workbook_bytes

    plan, found = load_plan(Path("workbook_templates/plan-2566.yaml"))
    assert not found and plan.office.code == "5300328"
    assert plan.office.website == "https://www.mueangphalai.go.th"
    book = tmp_path / "แผน.xlsx"
    book.write_bytes(plan_workbook_bytes(plan))
    again, found = load_plan(book)
    assert not [p for p in found if p.severity == "error"]
    assert (again.office.code, again.office.website) == (plan.office.code, plan.office.website)
    assert again.fingerprint() == plan.fingerprint()


def test_office_code_and_website_do_not_change_the_fingerprint():
    import dataclasses

    from ita_xlsx.plan import load_plan

    plan, _ = load_plan(Path("workbook_templates/plan-2566.yaml"))
    bare = dataclasses.replace(plan, office=dataclasses.replace(plan.office, code="", website=""))
    assert bare.fingerprint() == plan.fingerprint()


def test_bad_office_code_and_website_are_named_at_their_keys(tmp_path):
    from ita_xlsx.plan import load_plan

    text = Path("workbook_templates/plan-2566.yaml").read_text(encoding="utf-8")
    text = text.replace('code: "5300328"', "code: อบต เมือง").replace(
        "website: https://www.mueangphalai.go.th", "website: mueangphalai.go.th"
    )
    bad = tmp_path / "plan.yaml"
    bad.write_text(text, encoding="utf-8")
    _, found = load_plan(bad)
    lines = text.splitlines()
    at = {p.code: p.cell for p in found}
    assert at["plan-bad-office-code"] == f"line {lines.index('  code: อบต เมือง') + 1}"
    assert at["plan-bad-website"] == f"line {lines.index('  website: mueangphalai.go.th') + 1}"


def test_plan_new_asks_for_the_office_code_and_website(tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from ita_xlsx.cli import cli

    out = tmp_path / "แผน2567.xlsx"
    assert CliRunner().invoke(cli, ["plan", "new", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["แผน"]
    labels = {row[0].value: row[1].value for row in sheet.iter_rows(min_col=1, max_col=2) if row[0].value}
    assert labels.get("office.code") == "รหัสหน่วยงาน (เช่น รหัส อปท.)"
    assert labels.get("office.website") == "เว็บไซต์ของหน่วยงาน"


def test_an_office_code_in_thai_digits_is_the_same_code(tmp_path):
    from ita_xlsx.plan import load_plan

    text = Path("workbook_templates/plan-2566.yaml").read_text(encoding="utf-8")
    thai = tmp_path / "plan.yaml"
    thai.write_text(text.replace('code: "5300328"', 'code: "๕๓๐๐๓๒๘"'), encoding="utf-8")
    plan, found = load_plan(thai)
    assert not found and plan.office.code == "5300328"
