"""The plan as YAML: read with line numbers for every problem, written readable and stable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ita_xlsx import problems
from ita_xlsx.plan.build import build_plan
from ita_xlsx.plan.model import Plan
from ita_xlsx.problems import Problem


def read_yaml_plan(path: Path) -> tuple[Plan | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw, lines = _load_with_lines(text)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problems.error("plan-unreadable", file=str(path), reason=str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        cell = f"line {mark.line + 1}" if mark else None
        return None, [
            problems.error(
                "plan-yaml-syntax",
                file=str(path),
                cell=cell,
                reason=getattr(exc, "problem", None) or str(exc),
            )
        ]

    def locate(path_in_plan: tuple) -> dict[str, str | None]:
        for n in range(len(path_in_plan), -1, -1):
            if path_in_plan[:n] in lines:
                return {"cell": f"line {lines[path_in_plan[:n]]}"}
        return {}

    return build_plan(raw, str(path), locate)


def _load_with_lines(text: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML safely and remember the line of every key and list entry."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when the wheel has it: ~10x faster
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}

        def walk(n: yaml.Node, path: tuple) -> object:
            lines[path] = n.start_mark.line + 1
            if isinstance(n, yaml.MappingNode):
                return {
                    loader.construct_object(k): walk(v, (*path, loader.construct_object(k)))
                    for k, v in n.value
                }
            if isinstance(n, yaml.SequenceNode):
                return [walk(v, (*path, i)) for i, v in enumerate(n.value)]
            return loader.construct_object(n, deep=True)

        return (walk(node, ()) if node is not None else None), lines
    finally:
        loader.dispose()


def plan_to_dict(plan: Plan) -> dict:
    """The plan in its file form: the same keys and order as docs/plan-format.md."""
    return {
        "format": plan.format,
        "plan_id": plan.plan_id,
        "office": _fields(plan.office, ("name", "name_en", "district", "province", "coordinator")),
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
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(
    dt.date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", v.isoformat())
)


def dump_yaml(plan: Plan) -> str:
    header = f"# ITA plan {plan.plan_id}: {plan.office.name}, fiscal year {plan.fiscal_year}\n"
    return header + yaml.dump(
        plan_to_dict(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
