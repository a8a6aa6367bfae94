"""The plan in its file form: the dictionary both the YAML and the workbook plan files are written
from, and what the plan's fingerprint digests."""

from __future__ import annotations


def plan_to_dict(plan) -> dict:  # a Plan: its module digests this dictionary
    """The plan in its file form: the same keys and order as docs/plan-format.md."""
    return {
        "format": plan.format,
        "plan_id": plan.plan_id,
        "office": _fields(
            plan.office, ("code", "name", "name_en", "district", "province", "website", "coordinator")
        ),
        "fiscal_year": plan.fiscal_year,
        "rounds": [_fields(r, ("id", "name", "name_en", "start", "end", "return_by")) for r in plan.rounds],
        "divisions": [
            {
                **_fields(d, ("code", "name", "full_name", "name_en")),
                "aliases": list(d.aliases),
                "emails": list(d.emails),
            }
            for d in plan.divisions
        ],
        "sections": [_fields(s, ("code", "name", "name_en")) for s in plan.sections],
        "indicators": [_fields(i, ("number", "section", "name", "name_en")) for i in plan.indicators],
        "measures": [_measure_dict(m) for m in plan.measures],
    }


def _fields(obj: object, names: tuple[str, ...]) -> dict:
    return {n: getattr(obj, n) for n in names if getattr(obj, n) not in ("", None)}


def _measure_dict(m) -> dict:
    out = {
        "id": m.id,
        "section": m.section,
        "indicator": m.indicator,
        "items": list(m.items),
        "question": m.question,
        "divisions": "all" if m.for_all else list(m.divisions),
    }
    out.update(_fields(m, ("responsible_text",)))
    out.update({"steps": m.steps, "reporting": m.reporting})
    out.update(_fields(m, ("deadline_text",)))
    out["schedule"] = str(m.schedule)
    out.update(_fields(m, ("previous_id",)))
    return out
