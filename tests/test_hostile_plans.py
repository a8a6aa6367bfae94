"""A plan that would break a later step is caught by ``plan check``; header injection is refused.

Each plan is the bundled sample plan with one field changed, written as YAML and used through the
real commands: the line printed (location, code, escaped value), the exit code, and what was (not)
written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from ita_xlsx.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook_templates" / "plan-2566.yaml"
LONG_NAME = "กองส่งเสริมการเกษตร การท่องเที่ยว และพัฒนาคุณภาพชีวิตของประชาชนในเขตองค์การบริหารส่วนตำบลเมืองพะไล อำเภอบัวลาย"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env={"ITA_LANG": "th"}, catch_exceptions=False)


def plan_with(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def division(raw: dict, code: str) -> dict:
    return next(d for d in raw["divisions"] if d["code"] == code)


def problem_lines(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f"[{code}]" in line]


# -- line breaks and control characters -------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("name", "กองคลัง\nBcc: all@example.com", "กองคลัง\\nBcc: all@example.com"),
        ("name", "กอง\rคลัง", "กอง\\rคลัง"),
        ("name", "กอง\x00คลัง", "กอง\\x00คลัง"),
        ("emails", ["finance@example.go.th\r\nBcc: all@example.com"], "finance@example.go.th\\r\\nBcc"),
    ],
)
def test_a_control_character_in_a_division_is_an_error_shown_escaped(tmp_path, key, value, shown):
    plan = plan_with(tmp_path, lambda raw: division(raw, "finance").__setitem__(key, value))
    result = run("plan", "check", plan)
    assert result.exit_code == 1
    lines = problem_lines(result.output, "plan-control-character")
    assert len(lines) == 1 and shown in lines[0], result.output
    assert "ข้อผิดพลาด" in lines[0]
    assert "\r" not in result.output and "\x00" not in result.output
    assert "Bcc: all@example.com\n" not in result.output  # never a line of its own


def test_remind_with_such_a_plan_exits_2_and_writes_no_draft(tmp_path, sample_results):
    plan = plan_with(
        tmp_path,
        lambda raw: division(raw, "works").__setitem__(
            "emails", ["works@example.go.th\r\nBcc: x@example.com"]
        ),
    )
    result = run("remind", "--plan", plan, "--results", sample_results, "--out", tmp_path / "drafts")
    assert result.exit_code == 2
    assert problem_lines(result.stderr, "plan-control-character")
    assert not (tmp_path / "drafts").exists()


@pytest.mark.parametrize(
    "options",
    [
        ["--to", "nayok@example.go.th\r\nBcc: all@example.com"],
        ["--to", "nayok@example.go.th", "--cc", "palad@example.go.th\nBcc: all@example.com"],
        ["--to", "nayok@example.go.th", "--subject", "สรุปผล\r\nBcc: all@example.com"],
        ["--to", "nayok@example.go.th", "--from", "palad@example.go.th\nBcc: all@example.com"],
    ],
)
def test_a_line_break_in_a_mail_option_exits_2_with_nothing_written(tmp_path, options):
    draft = tmp_path / "draft.eml"
    result = run("mail", "--test", *options, "--eml", draft)
    assert result.exit_code == 2
    option = next(o for o in options[::-1] if o.startswith("--"))
    assert f"{option} มีการขึ้นบรรทัดใหม่" in result.output
    assert "Internal error" not in result.output and "ผิดพลาดภายใน" not in result.output
    assert not draft.exists()


# -- names that break file names --------------------------------------------------------------
def test_a_name_too_long_for_a_file_name_is_shortened_there_and_kept_whole_inside(tmp_path):
    from openpyxl import load_workbook

    def long_names(raw):
        for code, name in (("finance", LONG_NAME), ("works", LONG_NAME + " ส่วนที่สอง")):
            division(raw, code)["name"] = name
            division(raw, code).pop("full_name", None)

    plan = plan_with(tmp_path, long_names)
    checked = run("plan", "check", plan)
    assert checked.exit_code == 0, checked.output
    warned = problem_lines(checked.output, "plan-name-too-long")
    assert len(warned) == 2 and "บรรทัด" in warned[0]  # the line of the plan
    made = run("templates", "--plan", plan, "--out", tmp_path / "t")
    assert made.exit_code == 0, made.output
    names = sorted(p.name for p in (tmp_path / "t").glob("*.xlsx"))
    assert len(names) == 5 and all(len(n.encode()) <= 200 for n in names)
    finance = next(tmp_path / "t" / n for n in names if "_finance_" in n)
    works = next(n for n in names if "_works_" in n)
    assert finance.name != works
    book = load_workbook(finance)
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert sum(isinstance(t, str) and LONG_NAME in t for t in texts) >= 2  # instructions and titles


def test_bidi_controls_never_reach_a_file_name(tmp_path):
    plan = plan_with(
        tmp_path, lambda raw: division(raw, "audit").__setitem__("name", "หน่วยตรวจ\u202excod.exe")
    )
    checked = run("plan", "check", plan)
    assert checked.exit_code == 0
    (line,) = problem_lines(checked.output, "plan-bidi-control")
    assert "\\u202e" in line and "\u202e" not in checked.output
    made = run("templates", "--plan", plan, "--out", tmp_path / "t")
    assert made.exit_code == 0, made.output
    audit = [p.name for p in (tmp_path / "t").glob("*_audit_*")]
    assert audit == ["ITA2566_6m_audit_หน่วยตรวจxcod.exe.xlsx"]


def test_names_that_look_alike_are_warned_about(tmp_path):
    def look_alike(raw):
        division(raw, "works")["name"] = "สํานักปลัด"  # sara am typed as nikhahit + sara aa

    plan = plan_with(tmp_path, look_alike)
    checked = run("plan", "check", plan)
    (line,) = problem_lines(checked.output, "plan-names-look-alike")
    assert "palad" in line and "คำเตือน" in line


def test_a_text_longer_than_a_cell_holds_is_an_error(tmp_path):
    def long_question(raw):
        raw["measures"][3]["question"] = "ก" * 32_800

    plan = plan_with(tmp_path, long_question)
    checked = run("plan", "check", plan)
    assert checked.exit_code == 1
    (line,) = problem_lines(checked.output, "plan-text-too-long")
    assert "question" in line and "32,767" in line
    made = run("templates", "--plan", plan, "--out", tmp_path / "t")
    assert made.exit_code == 2 and not (tmp_path / "t").exists()


@pytest.fixture()
def sample_results(tmp_path) -> Path:
    out = tmp_path / "collected" / "OUT.xlsx"
    result = run(
        "collect",
        "--plan",
        SAMPLE,
        "--round",
        "6m",
        "--as-of",
        "2023-03-31",
        "--out",
        out,
        ROOT / "samples" / "6m",
    )
    assert result.exit_code in (0, 1), result.output
    return out.with_suffix(".json")


def test_a_line_break_in_a_results_files_round_name_stays_out_of_the_subject(tmp_path, sample_results):
    """A results file written before plan check caught such names: the subject is one line."""
    import json

    data = json.loads(sample_results.read_text(encoding="utf-8"))
    data["round_name"] = "รอบ ๖ เดือน\r\nBcc: all@example.com"
    sample_results.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("mail", sample_results.with_suffix(".xlsx"), "--to", "nayok@example.go.th", "--dry-run")
    assert result.exit_code == 0, result.output
    subject = next(line for line in result.output.splitlines() if "รอบ ๖ เดือน" in line)
    assert "รอบ ๖ เดือน Bcc: all@example.com" in subject
