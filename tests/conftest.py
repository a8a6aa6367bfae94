"""Shared fixtures: the bundled sample plan and the small plan of the template tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"


@pytest.fixture(scope="session")
def sample_plan_path() -> Path:
    return SAMPLE_PLAN


@pytest.fixture(scope="session")
def sample_plan():
    from ita_xlsx.plan import load_plan

    plan, found = load_plan(SAMPLE_PLAN)
    assert plan is not None, [p.message_en for p in found]
    return plan


@pytest.fixture(scope="session")
def small_plan():
    """``tests/golden/plan-small.yaml``: every kind of schedule, finance and palad sharing measures,
    a division (works) without any."""
    from template_books import load_small_plan

    return load_small_plan()
