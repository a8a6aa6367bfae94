"""An office's two years in the store, made once for the store tests: FY2566 round 6m (one
division late, one sending a new version after it was accepted), round 12m prefilled from 6m,
and FY2567 prefilled from FY2566 with one measure renumbered (i7 → i8)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner, Result

from ita_xlsx.cli import cli
from tests.workbooks import edit, filled_workbooks

ROOT = Path(__file__).resolve().parent.parent
PLAN_2566 = ROOT / "workbook_templates" / "plan-2566.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def received(path: Path, when: dt.datetime) -> None:
    """Give a file the time it came in (what the store records as received)."""
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


def plan_2567(folder: Path) -> Path:
    """Next year's plan: the dates a year on, and measure i7 renumbered i8 by the NACC."""
    text = PLAN_2566.read_text(encoding="utf-8")
    text = re.sub(r"\b(202[1-4])-(\d\d-\d\d)\b", lambda m: f"{int(m[1]) + 1}-{m[2]}", text)
    text = text.replace("plan_id: mueangphalai-ita-2566", "plan_id: mueangphalai-ita-2567")
    text = text.replace("fiscal_year: 2566", "fiscal_year: 2567")
    text = text.replace("  - id: i7\n", "  - id: i8\n    previous_id: i7\n")
    path = folder / "plan-2567.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Office:
    root: Path
    store: Path
    plan_2567: Path = None  # type: ignore[assignment]
    steps: dict[str, Result] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)

    def collect(self, name: str, plan: Path, round_id: str, as_of: str, *inputs: Path) -> Result:
        out = self.root / "out" / f"{name}.xlsx"
        result = run(
            "collect",
            "--plan",
            plan,
            "--round",
            round_id,
            "--as-of",
            as_of,
            "--store",
            self.store,
            "--out",
            out,
            *inputs,
        )
        self.steps[name] = result
        return result

    def templates(self, name: str, plan: Path, round_id: str) -> Path:
        folder = self.root / name
        result = run(
            "templates",
            "--plan",
            plan,
            "--round",
            round_id,
            "--out",
            folder,
            "--prefill-store",
            self.store,
            "--password",
            "pw",
        )
        self.steps[name] = result
        self.folders[name] = folder
        return folder


def make_office(root: Path, sample_plan) -> Office:
    office = Office(root, root / "ita-store.sqlite")
    returns = root / "returns-6m"
    returns.mkdir()
    for code, data in filled_workbooks(sample_plan).items():
        path = returns / f"{code}.xlsx"
        path.write_bytes(data)
        late = code == "works"
        received(path, dt.datetime(2023, 4, 15 if late else 5, 9, 0))
    office.collect("6m-first", PLAN_2566, "6m", "2023-03-31", returns)
    office.collect("6m-again", PLAN_2566, "6m", "2023-03-31", returns)
    office.steps["accept"] = run(
        "accept", "--store", office.store, "--round", "6m", "finance", "--note", "ตรวจแล้ว"
    )
    newer = returns / "finance-v2.xlsx"
    newer.write_bytes(edit((returns / "finance.xlsx").read_bytes(), {}))
    received(newer, dt.datetime(2023, 4, 20, 9, 0))
    office.collect("6m-after-accept", PLAN_2566, "6m", "2023-03-31", returns)
    office.steps["reopen"] = run("reopen", "--store", office.store, "--round", "6m", "finance")
    office.collect("6m-reopened", PLAN_2566, "6m", "2023-03-31", returns)
    round_12m = office.templates("templates-12m", PLAN_2566, "12m")
    returns_12m = root / "returns-12m"
    shutil.copytree(round_12m, returns_12m, ignore=shutil.ignore_patterns("*.txt", ".*"))
    for path in returns_12m.iterdir():
        received(path, dt.datetime(2023, 10, 2, 9, 0))
    office.collect("12m", PLAN_2566, "12m", "2023-09-30", returns_12m)
    office.plan_2567 = plan_2567(root)
    year_2567 = office.templates("templates-2567", office.plan_2567, "6m")
    returns_2567 = root / "returns-2567"
    shutil.copytree(year_2567, returns_2567, ignore=shutil.ignore_patterns("*.txt", ".*"))
    for path in returns_2567.iterdir():
        received(path, dt.datetime(2024, 4, 8, 9, 0))
    office.collect("2567-6m", office.plan_2567, "6m", "2024-03-31", returns_2567)
    return office
