"""The evidence register as CSV, ready to paste into the assessment system (UTF-8 with a BOM, so
Excel opens the Thai correctly): one row per link, the assessment items first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from ita_xlsx import messages
from ita_xlsx.core.atomic import atomic_write_bytes
from ita_xlsx.core.textnorm import looks_like_formula
from ita_xlsx.plan import Plan

COLUMNS = (
    "publish.csv.items",
    "publish.csv.url",
    "publish.csv.text",
    "publish.csv.measure",
    "publish.csv.division",
    "publish.csv.where",
    "publish.csv.problems",
)


def csv_path(out: Path) -> Path:
    """OUT_oit.csv beside OUT.xlsx."""
    return out.with_name(f"{out.stem}_oit.csv")


def write_csv(links: Iterable[Mapping], plan: Plan, path: str | Path) -> Path:
    """Write the register (the JSON's ``links``) to ``path``, atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([messages.text(key, "th") for key in COLUMNS])
    for link in links:
        writer.writerow([_safe(value) for value in _row(link, plan)])
    return atomic_write_bytes(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def _row(link: Mapping, plan: Plan) -> list[str]:
    measure = plan.measure(link.get("measure_id") or "")
    division = plan.division(link.get("division") or "")
    where = " › ".join(str(p) for p in (link.get("file"), link.get("sheet"), link.get("cell")) if p)
    found = [messages.text(f"publish.problem.{code}", "th") for code in link.get("problems") or ()]
    return [
        " ".join(measure.items) if measure else "",
        link.get("url") or "",
        link.get("text") or "",
        link.get("measure_id") or "",
        division.name if division else link.get("division") or "",
        where,
        "; ".join(found),
    ]


def _safe(value: str) -> str:
    """A text Excel will not run as a formula when the CSV is opened in it."""
    return "'" + value if looks_like_formula(value) else value
