"""The office's yearly plan: model, file forms (YAML and Excel) and checks."""

from __future__ import annotations

from pathlib import Path

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan.model import (
    ALL_DIVISIONS,
    Division,
    Indicator,
    Measure,
    MeasureDue,
    Office,
    Plan,
    Round,
    Section,
)
from ita_xlsx.plan.schedule import Occurrence, Schedule, ScheduleError, parse_schedule

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx",)

__all__ = [
    "ALL_DIVISIONS",
    "Division",
    "Indicator",
    "Measure",
    "MeasureDue",
    "Occurrence",
    "Office",
    "Plan",
    "Round",
    "Schedule",
    "ScheduleError",
    "Section",
    "load_plan",
    "parse_schedule",
    "save_plan",
]


def load_plan(path: str | Path) -> tuple[Plan | None, list[Problem]]:
    """Read a plan from YAML or from a plan workbook. The plan is None when it has errors."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return None, [problems.error("plan-not-found", file=str(path))]
    if suffix in YAML_SUFFIXES:
        from ita_xlsx.plan.yaml_io import read_yaml_plan

        return read_yaml_plan(path)
    if suffix in XLSX_SUFFIXES:
        from ita_xlsx.plan.xlsx_io import read_plan_workbook

        return read_plan_workbook(path)
    return None, [problems.error("plan-unknown-file-type", file=str(path))]


def save_plan(plan: Plan, path: str | Path) -> Path:
    """Write the plan as YAML or as a plan workbook, chosen by the file's suffix, atomically."""
    from ita_xlsx.core.atomic import atomic_write_bytes

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        from ita_xlsx.plan.yaml_io import dump_yaml

        return atomic_write_bytes(path, dump_yaml(plan).encode("utf-8"))
    if suffix in XLSX_SUFFIXES:
        from ita_xlsx.plan.xlsx_io import plan_workbook_bytes

        return atomic_write_bytes(path, plan_workbook_bytes(plan))
    raise ValueError(f"unknown plan file type {path.suffix!r}: use .yaml or .xlsx")
