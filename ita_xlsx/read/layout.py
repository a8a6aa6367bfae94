"""The contract between the template writer and the collector.

Sheet names, defined names, identity keys and the text of the locked cells are decided here
once. The writer lays workbooks out from it; the collector finds cells through the defined
names (never by position) and recomputes fingerprints with the same functions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ita_xlsx.core import textnorm
from ita_xlsx.plan.hazards import FILE_NAME_PART_BYTES
from ita_xlsx.plan.model import Measure, Plan, Round
from ita_xlsx.plan.texts import question_text, reporting_text

TEMPLATE_FORMAT = "ita-xlsx-template/1"
ACCEPTED_FORMATS = (TEMPLATE_FORMAT,)
CONSOLIDATED_FORMAT = "ita-xlsx-consolidated/1"  # the consolidated workbook's ita_format property

INSTRUCTIONS_SHEET = "คำชี้แจง"
MEASURES_SHEET = "มาตรการ"
LOG_SHEET = "บันทึกการดำเนินการ"
LISTS_SHEET = "_lists"  # hidden: dropdown sources longer than Excel's inline limit
IDENTITY_SHEET = "_ita"  # very hidden: the workbook's identity
FEEDBACK_SHEET = "สิ่งที่ต้องแก้ไข"  # first in a feedback workbook: what to fix

# Defined names over the measure rows (workbook scope). Input columns first.
NAME_MEASURE_ID = "ITA_MEASURE_ID"
NAME_STATUS = "ITA_STATUS"
NAME_ACTION_DATE = "ITA_ACTION_DATE"
NAME_RESULT = "ITA_RESULT"
NAME_EVIDENCE = "ITA_EVIDENCE"
NAME_NOTE = "ITA_NOTE"
INPUT_NAMES = (NAME_STATUS, NAME_ACTION_DATE, NAME_RESULT, NAME_EVIDENCE, NAME_NOTE)
# Locked text columns, named too so the collector can compare them with the plan.
NAME_QUESTION = "ITA_QUESTION"
NAME_STEPS = "ITA_STEPS"
NAME_REPORTING = "ITA_REPORTING"
NAME_DUE_DATE = "ITA_DUE_DATE"
LOCKED_NAMES = (NAME_MEASURE_ID, NAME_QUESTION, NAME_STEPS, NAME_REPORTING)
# The activity log.
NAME_LOG_MEASURE = "ITA_LOG_MEASURE"
NAME_LOG_DATE = "ITA_LOG_DATE"
NAME_LOG_DETAIL = "ITA_LOG_DETAIL"
NAME_LOG_EVIDENCE = "ITA_LOG_EVIDENCE"
LOG_NAMES = (NAME_LOG_MEASURE, NAME_LOG_DATE, NAME_LOG_DETAIL, NAME_LOG_EVIDENCE)
LOG_ROWS = 200

# Identity: key/value rows on the identity sheet, from A1 down; then the row map.
IDENTITY_KEYS = (
    "format",
    "plan_id",
    "plan_fingerprint",
    "office",
    "fiscal_year",
    "round",
    "division",
    "generated",
    "measure_count",
    "columns",
)
# The "columns" value says where each named range lies, for when the names are lost:
# "ITA_MEASURE_ID=B,ITA_STATUS=G,...,ITA_LOG_MEASURE=A,..." (column letters; the log names on LOG_SHEET).
ROW_MAP_HEADER = ("row", "measure_id", "fingerprint")
# Custom document properties (strings: LibreOffice turns integers into floats).
PROPERTY_PREFIX = "ita_"

# Where a returned date may sensibly lie, relative to the fiscal year (years).
DATE_WINDOW_YEARS_BEFORE = 1
DATE_WINDOW_YEARS_AFTER = 1


def locked_texts(plan: Plan, measure: Measure) -> tuple[str, str, str, str]:
    """The locked cells of one measure row: id, question, steps, reporting."""
    return measure.id, question_text(plan, measure), measure.steps, reporting_text(measure)


def fingerprint_texts(texts: tuple[object, ...]) -> str:
    """Digest of a row's locked cells, insensitive to spacing and invisible characters."""
    joined = "\u241e".join(textnorm.compact(str(t)) if t is not None else "" for t in texts)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def measure_fingerprint(plan: Plan, measure: Measure) -> str:
    return fingerprint_texts(locked_texts(plan, measure))


def file_name(plan: Plan, rnd: Round, division_code: str) -> str:
    """A readable, Windows-safe name: ITA2566_6m_finance_กองคลัง.xlsx.

    The division's name is shortened to :data:`FILE_NAME_PART_BYTES` (official names run to 86
    characters, 258 bytes: more than a file name may hold); the code before it keeps the names of
    two divisions apart. Invisible and bidirectional formatting characters are left out.
    """
    division = plan.division(division_code)
    thai = _shortened(_file_safe(division.name if division else ""), FILE_NAME_PART_BYTES)
    stem = _file_safe(f"ITA{plan.fiscal_year}_{rnd.id}_{division_code}_{thai}").rstrip(". ")
    return f"{stem}.xlsx"


def _file_safe(text: str) -> str:
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # bidi controls, zero widths
    return re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u2028\u2029]', "", text).replace(" ", "_")


def _shortened(text: str, max_bytes: int) -> str:
    """``text`` cut to ``max_bytes`` of UTF-8, never between a letter and its marks."""
    if len(text.encode()) <= max_bytes:
        return text
    end = len(text.encode()[:max_bytes].decode(errors="ignore"))
    while end > 0 and unicodedata.category(text[end]).startswith("M"):
        end -= 1  # the letter whose vowel or tone mark would be cut off goes too
    return text[:end].rstrip("_.")
