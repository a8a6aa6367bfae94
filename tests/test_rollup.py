"""ita-xlsx rollup: offices' results into one workbook and JSON, with completeness and timeliness."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ita_xlsx.cli import cli
from ita_xlsx.core.digest import content_digest, digest_state

from offices import (
    RETURN_BY,
    base_plan,
    expected_csv,
    expected_row,
    office_code,
    office_name,
    office_results,
    write_results,
)

ROOT = Path(__file__).resolve().parent.parent
ON_TIME = dt.date(2023, 4, 8)
LATE = dt.date(2023, 4, 20)


def rollup(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["rollup", *args])
    return result.exit_code, result.output


def r_json(out: Path) -> dict:
    return json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def by_code(data: dict) -> dict[str, dict]:
    return {o["code"]: o for o in data["offices"]}


def problem_at(data: dict) -> set[tuple[str, str]]:
    """(file name, code) of each problem."""
    return {(Path(p["file"] or "").name, p["code"]) for p in data["problems"]}


@pytest.fixture(scope="module")
def plan():
    return base_plan()


@pytest.fixture
def area(tmp_path, plan):
    """Nine expected offices; office 7 late, 8 silent, 9 of another year, 3 twice, 10 unexpected,
    a malformed file, an office claiming office 4's code, office 5's results edited by hand;
    some results in a zip and one in a saved e-mail."""
    inbox = tmp_path / "inbox"
    made = {}
    for i in range(1, 8):
        made[i] = office_results(plan, i, 9, received=LATE if i == 7 else ON_TIME)
        write_results(made[i], inbox / f"office{i}.json")
    older = office_results(plan, 3, 9, seed=5, received=dt.date(2023, 3, 20))
    older.as_of = dt.date(2023, 3, 15)
    write_results(older, inbox / "office3-old.json")
    write_results(office_results(plan, 9, 9, fiscal_year=2565), inbox / "office9.json")
    write_results(office_results(plan, 10, 9), inbox / "office10.json")
    impostor = office_results(plan, 11, 9)
    impostor.plan = _renamed(impostor.plan, code=office_code(4))
    write_results(impostor, inbox / "impostor.json")
    (inbox / "broken.json").write_text(
        (inbox / "office2.json").read_text(encoding="utf-8")[:500], encoding="utf-8"
    )
    edited = json.loads((inbox / "office5.json").read_text(encoding="utf-8"))
    edited["records"][0]["state"] = "done" if edited["records"][0]["state"] != "done" else "overdue"
    (inbox / "office5.json").write_text(json.dumps(edited, ensure_ascii=False, indent=1), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "district.zip", "w") as z:
        for i in (1, 2):
            z.write(inbox / f"office{i}.json", f"ผล/office{i}.json")
            (inbox / f"office{i}.json").unlink()
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.go.th", "b@example.go.th", "ผล ITA"
    mail.set_content("แนบผล")
    mail.add_attachment(
        (inbox / "office6.json").read_bytes(), maintype="application", subtype="json", filename="ผล.json"
    )
    (tmp_path / "mail.eml").write_bytes(mail.as_bytes())
    (inbox / "office6.json").unlink()
    listed = expected_csv(tmp_path / "offices.csv", [expected_row(i, 9) for i in range(1, 10)], bom=True)
    return tmp_path, [inbox, tmp_path / "district.zip", tmp_path / "mail.eml"], listed, made


def _renamed(plan, **office):
    import dataclasses

    return dataclasses.replace(plan, office=dataclasses.replace(plan.office, **office))


def test_rollup_counts_completeness_and_timeliness_per_office_and_area(area):
    root, inputs, listed, made = area
    out = root / "out" / "อำเภอ.xlsx"
    code, said = rollup(
        "--expected", str(listed), "--as-of", "2023-04-30", "--out", str(out), *map(str, inputs)
    )
    assert code == 1, said  # errors in some files; the rest rolled up
    assert "หน่วยงานที่ต้องรายงาน 9 ได้รับ 7 (77.8%) ตรงเวลา 6 (66.7%) ไม่รับ 1 ยังไม่ได้รับ 1" in said
    data = r_json(out)
    offices = by_code(data)
    assert {offices[office_code(i)]["submission"] for i in range(1, 8)} == {"received"}
    assert [offices[office_code(i)]["on_time"] for i in range(1, 8)] == [True] * 6 + [False]
    assert offices[office_code(8)]["submission"] == "not_received"
    assert offices[office_code(9)]["submission"] == "rejected"
    assert offices[office_code(10)]["expected"] is False
    assert offices[office_code(10)]["submission"] == "received"
    one = offices[office_code(1)]
    summary = made[1].summary()
    applicable = summary["records"] - summary["not_applicable"]
    assert one["done"] == summary["done"] + summary["done_late"] + summary["ongoing"]
    assert one["overdue"] == summary["overdue"] and one["records"] == summary["records"]
    assert one["done_pct"] == round(100 * one["done"] / applicable, 1)
    assert one["name"] == office_name(1) and one["periods_missing"] == 0
    assert set(one) >= {
        "code",
        "name",
        "district",
        "province",
        "submission",
        "on_time",
        "records",
        "done",
        "overdue",
        "periods_missing",
        "done_pct",
    }
    total = data["summary"]
    assert (
        total["expected"],
        total["received"],
        total["rejected"],
        total["not_received"],
        total["on_time"],
    ) == (9, 7, 1, 1, 6)
    for level in ("provinces", "districts"):
        assert sum(a["expected"] for a in data[level]) == 9
        assert sum(a["received"] for a in data[level]) == 7
        assert sum(a["on_time"] for a in data[level]) == 6
    assert offices[office_code(3)]["source"].endswith("office3.json")


def test_bad_input_is_named_at_its_file_and_the_rest_rolled_up(area):
    root, inputs, listed, _ = area
    out = root / "out" / "R.xlsx"
    rollup("--expected", str(listed), "--out", str(out), *map(str, inputs))
    data = r_json(out)
    found = problem_at(data)
    assert ("office9.json", "rollup-other-year") in found
    assert ("office3-old.json", "rollup-office-twice") in found
    assert ("broken.json", "rollup-malformed-json") in found
    assert ("office10.json", "rollup-office-not-expected") in found
    assert ("impostor.json", "rollup-office-name-mismatch") in found
    assert ("office5.json", "results-edited") in found
    office5 = by_code(data)[office_code(5)]
    assert office5["edited"] is True and office5["submission"] == "received"
    assert by_code(data)[office_code(4)]["name"] == office_name(4)  # the impostor did not replace it
    mailed = by_code(data)[office_code(6)]
    assert mailed["submission"] == "received" and "mail.eml" in mailed["source"]
    assert "district.zip" in by_code(data)[office_code(1)]["source"]
    problem = next(p for p in data["problems"] if p["code"] == "rollup-other-year")
    assert problem["severity"] == "error" and problem["office"] == office_code(9)
    assert "2565" in problem["message_th"] and problem["message_en"]


def test_without_an_expected_list_a_second_name_for_one_code_is_refused(tmp_path, plan):
    write_results(office_results(plan, 1, 2), tmp_path / "in" / "a.json")
    other = office_results(plan, 2, 2)
    other.plan = _renamed(other.plan, code=office_code(1))
    other.as_of = dt.date(2023, 3, 1)  # older: the name of the newest stands
    write_results(other, tmp_path / "in" / "b.json")
    out = tmp_path / "R.xlsx"
    code, _ = rollup("--out", str(out), str(tmp_path / "in"))
    data = r_json(out)
    assert code == 1
    assert ("b.json", "rollup-office-name-conflict") in problem_at(data)
    assert [o["name"] for o in data["offices"]] == [office_name(1)]


def test_results_without_a_code_cannot_be_rolled_up(tmp_path, plan):
    legacy = office_results(plan, 1, 1)
    legacy.plan = _renamed(legacy.plan, code="")
    write_results(legacy, tmp_path / "in" / "old.json")
    write_results(office_results(plan, 2, 2), tmp_path / "in" / "new.json")
    out = tmp_path / "R.xlsx"
    code, said = rollup("--out", str(out), str(tmp_path / "in"))
    assert code == 1 and "[rollup-no-office-code]" in said
    assert [o["code"] for o in r_json(out)["offices"]] == [office_code(2)]


def test_districts_roll_up_into_a_province_with_the_same_command(tmp_path, plan):
    """Two districts rolled up on their own, then together: the same figures as all at once."""
    offices = 16
    rows = {}
    for i in range(1, offices + 1):
        district = "north" if i <= 8 else "south"
        if i % 5 != 0:  # every fifth office sends nothing
            late = i % 3 == 0
            write_results(
                office_results(plan, i, offices, received=LATE if late else ON_TIME),
                tmp_path / district / f"o{i}.json",
            )
        rows.setdefault(district, []).append(expected_row(i, offices))
    outs = []
    for district, listed in rows.items():
        out = tmp_path / "levels" / f"{district}.xlsx"
        rollup(
            "--expected",
            str(expected_csv(tmp_path / f"{district}.csv", listed)),
            "--out",
            str(out),
            str(tmp_path / district),
        )
        outs.append(out.with_suffix(".json"))
    province = tmp_path / "province.xlsx"
    code, said = rollup("--out", str(province), *map(str, outs))
    assert code == 0, said
    everything = tmp_path / "all.xlsx"
    all_rows = rows["north"] + rows["south"]
    rollup(
        "--expected",
        str(expected_csv(tmp_path / "all.csv", all_rows)),
        "--out",
        str(everything),
        str(tmp_path / "north"),
        str(tmp_path / "south"),
    )
    two_levels, one_level = r_json(province), r_json(everything)
    assert two_levels["summary"] == one_level["summary"]
    assert two_levels["indicators"] == one_level["indicators"]
    assert two_levels["districts"] == one_level["districts"]
    assert [(o["code"], o["submission"], o["on_time"], o["done_pct"]) for o in two_levels["offices"]] == [
        (o["code"], o["submission"], o["on_time"], o["done_pct"]) for o in one_level["offices"]
    ]
    assert two_levels["summary"]["not_received"] == 3  # offices 5, 10, 15: still expected one level up


def test_a_consolidated_workbook_rolls_up_like_its_json(tmp_path):
    collect = CliRunner().invoke(
        cli,
        [
            "collect",
            "--plan",
            str(ROOT / "workbook_templates" / "plan-2566.yaml"),
            "--round",
            "6m",
            "--as-of",
            "2023-03-31",
            "--out",
            str(tmp_path / "office" / "สรุป.xlsx"),
            str(ROOT / "samples" / "with-mistakes"),
        ],
    )
    assert collect.exit_code in (0, 1), collect.output
    (tmp_path / "book").mkdir()
    (tmp_path / "office" / "สรุป.xlsx").rename(tmp_path / "book" / "สรุป.xlsx")
    rollup("--out", str(tmp_path / "from-json.xlsx"), str(tmp_path / "office"))
    rollup("--out", str(tmp_path / "from-book.xlsx"), str(tmp_path / "book"))
    from_json = r_json(tmp_path / "from-json.xlsx")["offices"][0]
    from_book = r_json(tmp_path / "from-book.xlsx")["offices"][0]
    keys = (
        "code",
        "name",
        "district",
        "province",
        "records",
        "done",
        "overdue",
        "done_pct",
        "divisions_missing",
    )
    assert [from_book[k] for k in keys] == [from_json[k] for k in keys]
    collected = json.loads((tmp_path / "office" / "สรุป.json").read_text(encoding="utf-8"))
    assert digest_state(collected) == "ok"  # collect's own JSON carries its digest
    book = openpyxl.load_workbook(tmp_path / "book" / "สรุป.xlsx")
    assert "รหัสหน่วยงาน 5300328 · https://www.mueangphalai.go.th" in book["สรุป"]["A2"].value
    assert book.custom_doc_props["ita_office_code"].value == "5300328"
    names = {r["division"]: r["division_name"] for r in collected["records"]}
    assert from_json["code"] == "5300328" and from_json["divisions_missing"] == [
        names[c] for c in collected["summary"]["divisions_missing"]
    ]
    assert (
        r_json(tmp_path / "from-book.xlsx")["indicators"] == r_json(tmp_path / "from-json.xlsx")["indicators"]
    )


def test_collect_writes_a_digest_that_survives_reformatting_not_editing(tmp_path, plan):
    path = write_results(office_results(plan, 1, 1), tmp_path / "r.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["digest"].startswith("sha256:") and digest_state(data) == "ok"
    reordered = json.loads(json.dumps(dict(reversed(list(data.items()))), indent=4, ensure_ascii=True))
    assert digest_state(reordered) == "ok"
    reordered["summary"]["overdue"] += 1
    assert digest_state(reordered) == "edited"
    assert data["office"] == {
        "code": office_code(1),
        "name": office_name(1),
        "district": data["office"]["district"],
        "province": data["office"]["province"],
        "website": "https://www.mueangphalai.go.th",
    }


def test_results_with_periods_missing_and_divisions_are_read(tmp_path, plan):
    """Results that count missing periods and list divisions with their submission."""
    data = json.loads(
        write_results(office_results(plan, 1, 1), tmp_path / "r.json").read_text(encoding="utf-8")
    )
    data["summary"]["periods_missing"] = 3
    data["divisions"] = [
        {"code": "works", "name": "กองช่าง", "submission": "not_received"},
        {"code": "palad", "name": "สำนักปลัด", "submission": "received"},
    ]
    data["digest"] = content_digest(data.items())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _ = rollup("--out", str(tmp_path / "R.xlsx"), str(tmp_path / "in"))
    office = r_json(tmp_path / "R.xlsx")["offices"][0]
    assert code == 0
    assert office["periods_missing"] == 3 and office["divisions_missing"] == ["กองช่าง"]


def test_the_workbook_is_thai_and_its_charts_never_have_a_bar_per_office(area):
    root, inputs, listed, _ = area
    out = root / "R.xlsx"
    rollup("--expected", str(listed), "--as-of", "2023-04-30", "--out", str(out), *map(str, inputs))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["สรุป", "พื้นที่", "หน่วยงาน", "ตัวชี้วัด", "ยังไม่รายงาน", "ปัญหา"]
    offices = wb["หน่วยงาน"]
    codes = [offices.cell(r, 1).value for r in range(6, offices.max_row + 1)]
    assert sorted(codes) == sorted(office_code(i) for i in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
    row7 = codes.index(office_code(7)) + 6
    assert offices.cell(row7, 6).value == "ล่าช้า" and offices.cell(row7, 5).value == "ได้รับแล้ว"
    missing = wb["ยังไม่รายงาน"]
    listed_rows = {missing.cell(r, 1).value: missing.cell(r, 5).value for r in range(6, missing.max_row + 1)}
    assert listed_rows == {office_code(8): "saraban8@example.go.th", office_code(9): "saraban9@example.go.th"}
    row9 = next(r for r in range(6, missing.max_row + 1) if missing.cell(r, 1).value == office_code(9))
    assert "ปีงบประมาณ 2565" in missing.cell(row9, 7).value
    problems_sheet = wb["ปัญหา"]
    codes_listed = {problems_sheet.cell(r, 5).value for r in range(6, problems_sheet.max_row + 1)}
    assert {"rollup-other-year", "results-edited", "rollup-malformed-json"} <= codes_listed
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert charts
        for name in charts:
            xml = z.read(name).decode()
            assert xml.count("<c:ser>") == 1 and xml.count("<c:pt ") <= 2 * 10  # values and categories cached


def test_outputs_never_overwrite_inputs_and_misuse_exits_2(area):
    root, inputs, listed, _ = area
    code, said = rollup("--out", str(inputs[0] / "R.xlsx"), str(inputs[0]))
    assert code == 2 and not (inputs[0] / "R.xlsx").exists()
    code, said = rollup("--out", str(root / "R.csv"), str(inputs[0]))
    assert code == 2
    bad = root / "bad.csv"
    bad.write_text("รหัส,ชื่อ\n1,x\n", encoding="utf-8")
    code, said = rollup("--expected", str(bad), "--out", str(root / "R.xlsx"), str(inputs[0]))
    assert code == 2 and "code, name" in said


def test_the_expected_list_may_be_a_workbook(tmp_path, plan):
    write_results(office_results(plan, 1, 2), tmp_path / "in" / "a.json")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "name", "district", "province", "email"])
    sheet.append([int(office_code(1)), office_name(1), "", "", "a@example.go.th"])
    sheet.append([office_code(2), office_name(2), "", "", "b@example.go.th"])
    book.save(tmp_path / "offices.xlsx")
    rollup(
        "--expected", str(tmp_path / "offices.xlsx"), "--out", str(tmp_path / "R.xlsx"), str(tmp_path / "in")
    )
    data = r_json(tmp_path / "R.xlsx")
    assert {o["code"]: o["submission"] for o in data["offices"]} == {
        office_code(1): "received",
        office_code(2): "not_received",
    }


def test_remind_writes_one_message_per_office_not_reported_or_overdue(area):
    root, inputs, listed, _ = area
    out = root / "R.xlsx"
    rollup("--expected", str(listed), "--out", str(out), *map(str, inputs))
    data = r_json(out)
    due = {
        o["code"]
        for o in data["offices"]
        if o["expected"] and (o["submission"] != "received" or o["overdue"])
    }
    result = CliRunner().invoke(
        cli, ["remind", "--results", str(out.with_suffix(".json")), "--out", str(root / "drafts")]
    )
    assert result.exit_code == 0, result.output
    drafts = sorted((root / "drafts").iterdir())
    assert len(drafts) == len(due) and office_code(8) in {p.stem.split("_")[-1] for p in drafts}
    silent = email.message_from_bytes(
        (root / "drafts" / f"ITA2566_6m_{office_code(8)}.eml").read_bytes(), policy=email.policy.default
    )
    assert silent["To"] == "saraban8@example.go.th"
    assert "ยังไม่ได้รับผลการรวบรวมของหน่วยงานท่าน" in silent.get_body(("plain",)).get_content()
    assert RETURN_BY  # the deadline the offices' plans carry


def test_collect_passes_over_a_rollups_json_among_the_returns(tmp_path, plan):
    from ita_xlsx.intake.gather import sniff

    write_results(office_results(plan, 1, 1), tmp_path / "in" / "a.json")
    out = tmp_path / "R.xlsx"
    rollup("--out", str(out), str(tmp_path / "in"))
    assert sniff(out.with_suffix(".json").read_bytes()) == "ita-rollup"
    returns = tmp_path / "returns"
    returns.mkdir()
    (returns / "R.json").write_bytes(out.with_suffix(".json").read_bytes())
    result = CliRunner().invoke(
        cli,
        ["collect", "--plan", str(ROOT / "workbook_templates" / "plan-2566.yaml"), "--round", "6m",
         "--as-of", "2023-03-31", "--out", str(tmp_path / "c.xlsx"), str(returns)],
    )  # fmt: skip
    files = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["files"]
    assert [(Path(f["path"]).name, [p["code"] for p in f["problems"]]) for f in files] == [
        ("R.json", ["intake-own-output"])
    ]
    assert result.exit_code == 0


def test_a_division_workbook_is_not_an_offices_results(tmp_path):
    out = tmp_path / "R.xlsx"
    code, said = rollup("--out", str(out), str(ROOT / "samples" / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx"))
    assert code == 1 and "[rollup-not-results]" in said
    assert r_json(out)["offices"] == []


def test_an_office_not_on_a_districts_list_stays_unexpected_one_level_up(tmp_path, plan):
    for i in (1, 2):
        write_results(office_results(plan, i, 2), tmp_path / "in" / f"o{i}.json")
    district = tmp_path / "district.xlsx"
    rollup("--expected", str(expected_csv(tmp_path / "one.csv", [expected_row(1, 2)])), "--out", str(district),
           str(tmp_path / "in"))  # fmt: skip
    province = tmp_path / "province.xlsx"
    code, _ = rollup("--out", str(province), str(district.with_suffix(".json")))
    data = r_json(province)
    assert code == 0
    assert {o["code"]: o["expected"] for o in data["offices"]} == {
        office_code(1): True,
        office_code(2): False,
    }
    assert (data["summary"]["expected"], data["summary"]["unexpected"]) == (1, 1)


def test_a_rejected_office_is_told_why(area):
    root, inputs, listed, _ = area
    out = root / "R.xlsx"
    rollup("--expected", str(listed), "--out", str(out), *map(str, inputs))
    CliRunner().invoke(
        cli, ["remind", "--results", str(out.with_suffix(".json")), "--out", str(root / "drafts")]
    )
    draft = root / "drafts" / f"ITA2566_6m_{office_code(9)}.eml"
    text = (
        email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        .get_body(("plain",))
        .get_content()
    )
    assert "ผลที่หน่วยงานท่านส่งมาใช้ไม่ได้" in text and "ปีงบประมาณ 2565" in text


def test_results_saved_again_in_another_key_order_are_read_and_not_edited(tmp_path, plan):
    data = json.loads(
        write_results(office_results(plan, 1, 1), tmp_path / "r.json").read_text(encoding="utf-8")
    )
    (tmp_path / "in").mkdir()
    reordered = {key: data[key] for key in sorted(data, reverse=True)}  # "format" far from the start
    (tmp_path / "in" / "saved-again.json").write_text(json.dumps(reordered, indent=2), encoding="utf-8")
    (tmp_path / "in" / "other.json").write_text('{"name": "not results"}', encoding="utf-8")
    out = tmp_path / "R.xlsx"
    code, said = rollup("--out", str(out), str(tmp_path / "in"))
    data = r_json(out)
    assert [o["code"] for o in data["offices"]] == [office_code(1)] and not data["offices"][0]["edited"]
    assert problem_at(data) == {("other.json", "rollup-not-results")}
    assert code == 1


def test_a_list_may_write_a_name_in_its_short_form(tmp_path, plan):
    write_results(office_results(plan, 1, 1), tmp_path / "in" / "a.json")
    short = office_name(1).replace("องค์การบริหารส่วนตำบล", "อบต. ")
    listed = expected_csv(tmp_path / "offices.csv", [(office_code(1), short, "", "", "a@example.go.th")])
    code, _ = rollup("--expected", str(listed), "--out", str(tmp_path / "R.xlsx"), str(tmp_path / "in"))
    office = r_json(tmp_path / "R.xlsx")["offices"][0]
    assert code == 0 and office["submission"] == "received" and office["name"] == short


def test_an_office_whose_code_another_claims_has_not_reported(tmp_path, plan):
    impostor = office_results(plan, 2, 2)
    impostor.plan = _renamed(impostor.plan, code=office_code(1))
    write_results(impostor, tmp_path / "in" / "impostor.json")
    listed = expected_csv(tmp_path / "offices.csv", [expected_row(1, 2)])
    code, _ = rollup("--expected", str(listed), "--out", str(tmp_path / "R.xlsx"), str(tmp_path / "in"))
    data = r_json(tmp_path / "R.xlsx")
    assert code == 1 and ("impostor.json", "rollup-office-name-mismatch") in problem_at(data)
    assert [(o["code"], o["submission"]) for o in data["offices"]] == [(office_code(1), "not_received")]


def test_an_office_listed_twice_is_a_warning_at_its_line(tmp_path, plan):
    write_results(office_results(plan, 1, 2), tmp_path / "in" / "a.json")
    row = (office_code(1), office_name(1), "", "", "a@example.go.th")
    listed = expected_csv(tmp_path / "offices.csv", [row, row])
    code, output = rollup("--expected", str(listed), "--out", str(tmp_path / "R.xlsx"), str(tmp_path / "in"))
    assert code == 0, output
    found = [p for p in r_json(tmp_path / "R.xlsx")["problems"] if p["code"] == "rollup-expected-duplicate"]
    assert [(Path(p["file"]).name, p["cell"], p["severity"]) for p in found] == [
        ("offices.csv", "line 3", "warning")
    ]
    assert office_code(1) in found[0]["message_th"]
