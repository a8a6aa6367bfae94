"""The bundled sample plan (workbook_templates/plan-2566.yaml) against the report it was transcribed from.

The seed is the office's OCR'd FY2566 6-month report. Every line of every transcribed text
(question, responsible, steps, reporting) must be found in the seed once the seed's HTML tags and all
whitespace are removed, after undoing the OCR corrections listed below for that measure: so every
word of the plan is either the office's or a correction recorded here.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PLAN_PATH = ROOT / "workbook_templates" / "plan-2566.yaml"
ACTIONS_PATH = ROOT / "samples" / "seed-actions.yaml"
SEED_PATH = Path(os.environ.get("ITA_SEED_REPORT") or ROOT / "tests" / "seed" / "report-2566-6m.txt")

IDS = [
    "i1",
    "i2",
    "i3",
    "i7",
    "i11",
    "i12",
    "i14",
    "i15",
    "i20",
    "i21",
    "i23",
    "i24",
    "i28",
    "i29",
    "e6",
    "e7",
    "e9",
    "e10",
    "e11",
    "e12",
    "e14",
    "e15",
    "O2",
    "O28",
    "O36",
]
DIVISIONS = ["palad", "finance", "works", "education", "audit"]
FOUR = ["palad", "finance", "works", "education"]

# measure id -> (corrected text as in the plan, the OCR'd text of the seed), whitespace-insensitive
CORRECTIONS: dict[str, list[tuple[str, str]]] = {
    "i1": [("ประเด็นดังต่อไปนี้", "ประเด็นตั้งต่องานนี้"), ("ผู้บริหารมีการกำกับ", "ผู้บริการมีการกำกับ")],
    "i2": [("อย่างเท่าเทียมกัน", "อย่างง่าเทียมกัน")],
    "i11": [("รายใดรายหนึ่ง", "รายเดียวหนึ่ง")],
    "i15": [("ชี้แจงการคัดเลือก", "ซึ่งแจ้งการคัดเลือก")],
    "i20": [("เพื่อยืมทรัพย์สิน", "เพื่อมีทรัพย์สิน"), ("อนุญาตยืมทรัพย์สิน", "อนุญาตมีทรัพย์สิน")],
    "i21": [("ทราบขั้นตอน", "ครบถ้วนตอน")],
    "e6": [
        ("ที่ท่านติดต่อ", "ที่ทางติดต่อ"),
        ("มากน้อยเพียงใด", "น้อยเพียงใด"),
        ("เบอร์โทรศัพท์ผู้บริหาร", "เบอร์โทรศัพทผู้บริการ"),
        ("ไลน์หน่วยงาน", "โลกหน่วยงาน"),
    ],
    "e7": [("ที่ท่านติดต่อ", "ที่ทางติดต่อ"), ("ประชาสัมพันธ์ทุกเดือน", "ประชาสัมพันธ์ทั้งหมดเดือน")],
    "e10": [
        ("ผู้มาติดต่อร้องเรียน", "ผู้มาติดต่อหรือเรียน"),
        ("แจ้งเรื่องร้องเรียน", "แจ้งเรื่องเรียน"),
        ("ช่องทางร้องเรียน", "ของทางร้องเรียน"),
    ],
}
ACTION_CORRECTIONS = {"i29": [("ทุกครั้งหลัง", "ทุกครึ่งหลัง")]}

# OCR damage that must not survive anywhere in the plan (compared without whitespace)
OCR_ERRORS = [
    "อย่างง่า",
    "ง่าเทียมกัน",
    "ซึ่งแจ้ง",
    "ผู้บริการ",
    "เพื่อมีทรัพย์สิน",
    "อนุญาตมีทรัพย์สิน",
    "ประเด็นตั้งต่องานนี้",
    "โลกหน่วยงาน",
    "ของทางร้องเรียน",
    "ทุกครึ่งหลัง",
    "ทั้งหมดเดือน",
    "ที่ทางติดต่อ",
    "หรือเรียนการทุจริต",
    "เรื่องเรียนการทุจริต",
    "ครบถ้วนตอน",
    "รายเดียวหนึ่ง",
    "โทรศัพทผู้",
]

SCHEDULES = {
    **{
        mid: "monthly"
        for mid in (
            "i1",
            "i2",
            "i11",
            "i14",
            "i20",
            "i21",
            "i23",
            "i24",
            "i28",
            "e7",
            "e11",
            "e12",
            "e14",
            "e15",
        )
    },
    **{mid: "once 2023-03-31" for mid in ("i3", "i7", "i12", "i15")},  # column 4 names no time
    "i29": "event",
    "e6": "quarterly",
    "e10": "quarterly",
    "e9": "twice-yearly 4 10",
    "O2": "yearly 1",
    "O28": "once 2022-11-30",
    "O36": "once 2022-09-30 2023-04-30",
}
DEADLINE_TEXTS = {
    "i1": "ทุกเดือน",
    "i3": "",
    "i7": "",
    "i12": "",
    "i15": "",
    "e6": "อย่างน้อยไตรมาสละ ๑ ครั้ง",
    "e9": "ทุก ๖ เดือนภายในเดือนเมษายน และเดือนตุลาคม",
    "e10": "ทุกไตรมาส",
    "O2": "ภายในเดือนมกราคม",
    "O28": "ภายในเดือนพฤศจิกายน ๒๕๖๕",
}
INDICATORS = {
    "i1": 1,
    "i2": 1,
    "i3": 1,
    "i7": 2,
    "i11": 2,
    "i12": 2,
    "i14": 3,
    "i15": 3,
    "i20": 4,
    "i21": 4,
    "i23": 4,
    "i24": 4,
    "i28": 5,
    "i29": 5,
    "e6": 7,
    "e7": 7,
    "e9": 7,
    "e10": 7,
    "e11": 8,
    "e12": 8,
    "e14": 8,
    "e15": 8,
    "O2": 9,
    "O28": 9,
    "O36": 10,
}
PER_DIVISION = {"palad": 18, "finance": 16, "works": 10, "education": 10, "audit": 2}


def compact(text: str) -> str:
    """NFKC, no HTML tags, no whitespace: the form in which plan and seed are compared."""
    text = unicodedata.normalize("NFKC", text).replace("\u200b", "")
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def raw_text() -> str:
    return PLAN_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(raw_text: str) -> dict:
    return yaml.safe_load(raw_text)


@pytest.fixture(scope="module")
def measures(plan: dict) -> dict[str, dict]:
    return {m["id"]: m for m in plan["measures"]}


@pytest.fixture(scope="module")
def seed() -> str:
    return compact(SEED_PATH.read_text(encoding="utf-8"))


def expand(divisions: object) -> list[str]:
    return list(DIVISIONS) if divisions == "all" else list(divisions)  # type: ignore[arg-type]


# -- shape -------------------------------------------------------------------------------------


def test_file_is_utf8_thai_unescaped_with_header(raw_text: str) -> None:
    assert raw_text.startswith("#")
    header = raw_text.split("\nformat:")[0]
    assert "FY2566 6-month report" in header and "transcribed" in header.lower()
    assert "\\u0e" not in raw_text.lower()
    assert "องค์การบริหารส่วนตำบลเมืองพะไล" in raw_text


def test_top_level(plan: dict) -> None:
    assert plan["format"] == "ita-xlsx-plan/1"
    assert plan["plan_id"] == "mueangphalai-ita-2566"
    assert plan["fiscal_year"] == 2566
    assert plan["office"]["name"] == "องค์การบริหารส่วนตำบลเมืองพะไล"
    assert plan["office"]["coordinator"] == "palad"
    rounds = {r["id"]: (str(r["start"]), str(r["end"]), str(r["return_by"])) for r in plan["rounds"]}
    assert rounds == {
        "6m": ("2022-10-01", "2023-03-31", "2023-04-10"),
        "12m": ("2022-10-01", "2023-09-30", "2023-10-10"),
    }
    assert [d["code"] for d in plan["divisions"]] == DIVISIONS
    assert [s["code"] for s in plan["sections"]] == ["IIT", "EIT", "OIT"]
    assert [i["number"] for i in plan["indicators"]] == list(range(1, 11))
    names = {i["number"]: i["name"] for i in plan["indicators"]}
    assert names[2] == "การใช้งบประมาณ" and names[10] == "การป้องกันการทุจริต"


def test_divisions_have_aliases_and_example_addresses(plan: dict) -> None:
    by_code = {d["code"]: d for d in plan["divisions"]}
    assert by_code["education"]["full_name"] == "กองการศึกษา ศาสนาและวัฒนธรรม"
    palad = {by_code["palad"]["name"], by_code["palad"]["full_name"], *by_code["palad"]["aliases"]}
    assert {"สำนักปลัด", "สำนักงานปลัด", "สำนักปลัด อบต.", "สำนักงานปลัด อบต."} <= palad
    edu = {by_code["education"]["name"], by_code["education"]["full_name"], *by_code["education"]["aliases"]}
    assert {"กองการศึกษา", "กองการศึกษาฯ", "กองการศึกษา ศาสนาและวัฒนธรรม"} <= edu
    for d in plan["divisions"]:
        assert d["name_en"]
        assert d["emails"] and all(e.endswith("@mueangphalai.example") for e in d["emails"])


def test_measure_ids_in_seed_order(plan: dict) -> None:
    assert [m["id"] for m in plan["measures"]] == IDS


def test_sections_and_indicators(measures: dict) -> None:
    counts: dict[str, int] = {}
    for m in measures.values():
        counts[m["section"]] = counts.get(m["section"], 0) + 1
    assert counts == {"IIT": 14, "EIT": 8, "OIT": 3}
    assert {mid: m["indicator"] for mid, m in measures.items()} == INDICATORS
    for mid, m in measures.items():
        expected = ["O36", "O37"] if mid == "O36" else [mid]
        assert m["items"] == expected


def test_measures_per_division(measures: dict) -> None:
    counts = dict.fromkeys(DIVISIONS, 0)
    for m in measures.values():
        for code in expand(m["divisions"]):
            counts[code] += 1
    assert counts == PER_DIVISION
    assert measures["e7"]["divisions"] == "all"
    assert measures["e9"]["divisions"] == ["palad"]
    assert measures["O28"]["divisions"] == ["palad"]
    assert measures["O36"]["divisions"] == ["audit"]
    assert measures["i1"]["divisions"] == FOUR


def test_every_measure_has_texts(measures: dict) -> None:
    for mid, m in measures.items():
        for key in ("question", "steps", "reporting", "responsible_text"):
            assert isinstance(m[key], str) and m[key].strip(), (mid, key)
        assert isinstance(m["deadline_text"], str), mid
        # one step per line, never two numbered steps on one line
        for key in ("steps", "reporting"):
            for line in m[key].splitlines():
                assert len(re.findall(r"(?:^|\s)[๑-๙]\.", line)) <= 1, (mid, key, line)


def test_schedules(measures: dict, raw_text: str) -> None:
    assert {mid: m["schedule"] for mid, m in measures.items()} == SCHEDULES
    lines = [ln for ln in raw_text.splitlines() if "schedule: once 2023-03-31" in ln]
    assert len(lines) == 4
    assert all(ln.rstrip().endswith("# no deadline in the plan: due by the end of round 1") for ln in lines)


def test_deadline_texts(measures: dict) -> None:
    for mid, text in DEADLINE_TEXTS.items():
        assert measures[mid]["deadline_text"] == text, mid
    for mid, m in measures.items():
        if SCHEDULES[mid] == "monthly":
            assert m["deadline_text"] == "ทุกเดือน", mid
        # the deadline words are column 4's own
        for part in filter(None, m["deadline_text"].split(";")):
            assert compact(part) in compact(m["reporting"]), (mid, part)
        if not m["deadline_text"]:
            assert SCHEDULES[mid] == "once 2023-03-31", mid
    assert "ภายในเดือนกันยายน ๒๕๖๕" in measures["O36"]["deadline_text"]
    assert "ภายในเดือนเมษายน ๒๕๖๖" in measures["O36"]["deadline_text"]


# -- against the seed ----------------------------------------------------------------------------


def test_sample_texts_verbatim_in_seed(measures: dict, seed: str) -> None:
    samples = [
        measures["i3"]["question"],
        measures["i3"]["steps"],
        measures["i7"]["steps"],
        measures["i24"]["question"],
        measures["e9"]["steps"],
        measures["e11"]["reporting"],
        measures["O28"]["steps"],
        measures["O36"]["reporting"],
        measures["i12"]["question"],
        measures["i28"]["responsible_text"],
    ]
    for text in samples:
        assert compact(text) in seed, text[:60]


def test_every_line_traceable_to_seed(measures: dict, seed: str) -> None:
    for mid, m in measures.items():
        corrections = CORRECTIONS.get(mid, [])
        fields = {key: compact(m[key]) for key in ("question", "steps", "reporting", "responsible_text")}
        for correct, _ in corrections:  # every recorded correction is really in the plan
            assert any(compact(correct) in text for text in fields.values()), (mid, correct)
        for key in fields:
            for line in m[key].splitlines():
                text = compact(line)
                for correct, ocr in corrections:
                    text = text.replace(compact(correct), compact(ocr))
                assert text in seed, (mid, key, line)


def test_corrections_come_from_the_seed(seed: str) -> None:
    for pairs in (*CORRECTIONS.values(), *ACTION_CORRECTIONS.values()):
        for _, ocr in pairs:
            assert compact(ocr) in seed, ocr


def test_ocr_errors_corrected(measures: dict, raw_text: str) -> None:
    assert "อย่างเท่าเทียมกัน" in measures["i2"]["question"]
    assert "อย่างเท่าเทียมกัน" in measures["i2"]["steps"]
    assert "ไลน์หน่วยงาน" in measures["e6"]["steps"]
    assert "ประเด็นดังต่อไปนี้" in measures["i1"]["question"]
    assert "ยืมทรัพย์สิน" in measures["i20"]["question"]
    assert "ช่องทางร้องเรียน" in measures["e10"]["reporting"]
    texts = raw_text + (ACTIONS_PATH.read_text(encoding="utf-8") if ACTIONS_PATH.is_file() else "")
    assert not re.search(r"</?(?:p|li|ul|br|span|div)\b", texts)  # no HTML left
    whole = compact(texts)
    for error in OCR_ERRORS:
        assert compact(error) not in whole, error


def test_seed_actions(seed: str) -> None:
    actions = yaml.safe_load(ACTIONS_PATH.read_text(encoding="utf-8"))
    assert list(actions) == IDS
    for mid, text in actions.items():
        assert isinstance(text, str) and text.strip(), mid
        compacted = compact(text)
        for correct, ocr in ACTION_CORRECTIONS.get(mid, []):
            compacted = compacted.replace(compact(correct), compact(ocr))
        assert compacted in seed, (mid, text)
    assert actions["i7"] == "ดำเนินการเมื่อวันที่ ๓๑ ตุลาคม ๒๕๖๕"
    assert actions["i1"] == "ดำเนินการเป็นประจำทุกวัน"


# -- through the project's loader ------------------------------------------------------------------


def test_loads_through_plan_loader_without_problems() -> None:
    plan_module = pytest.importorskip("ita_xlsx.plan")
    loaded, found = plan_module.load_plan(PLAN_PATH)
    assert found == [], [(p.severity, p.code, p.cell, p.message_en) for p in found]
    assert loaded is not None
    assert [m.id for m in loaded.measures] == IDS
    assert {code: len(loaded.measures_for(code)) for code in DIVISIONS} == PER_DIVISION
    assert {m.id: str(m.schedule) for m in loaded.measures} == SCHEDULES
