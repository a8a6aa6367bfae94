"""The plan as YAML: read with line numbers for every problem, written readable and stable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from pathlib import Path

import yaml

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.plan.as_dict import plan_to_dict
from ita_xlsx.plan.build import build_plan
from ita_xlsx.plan.model import Plan


def read_yaml_plan(path: Path) -> tuple[Plan | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = load_yaml(text)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problems.error("plan-unreadable", file=str(path), reason=str(exc))]
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, str(path))]
    except RecursionError:  # a safety net: load_yaml refuses deep nesting before any recursion
        return None, [problems.error("plan-yaml-too-deep", file=str(path))]
    lines: dict[tuple, int] = {}

    def locate(path_in_plan: tuple) -> dict[str, str | None]:
        if not lines:  # only a plan with a problem needs them: parsed again, with every line
            lines.update(_lines(text))
        for n in range(len(path_in_plan), -1, -1):
            if path_in_plan[:n] in lines:
                return {"cell": f"line {lines[path_in_plan[:n]]}"}
        return {}

    return build_plan(raw, str(path), locate)


def _yaml_problem(exc: yaml.YAMLError, source: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    cell = f"line {mark.line + 1}" if mark else None
    if isinstance(exc, _Refused):
        return problems.error(exc.code, file=source, cell=cell, **exc.params)
    if "maximum nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit (PyYAML 6.0.4+)
        return problems.error(_TooDeep.code, file=source, cell=cell)
    return problems.error(
        "plan-yaml-syntax", file=source, cell=cell, reason=getattr(exc, "problem", None) or str(exc)
    )


class _Refused(yaml.composer.ComposerError):
    """YAML a plan has no use for and that could make reading it run away; ``code`` is the problem."""

    code = ""

    def __init__(self, mark: yaml.Mark, **params: object):
        super().__init__(None, None, self.code, mark)
        self.params = params


class _AliasRefused(_Refused):
    """``*name``: a billion laughs takes nine lines of aliases, and ``&a [*a]`` refers to itself."""

    code = "plan-yaml-alias"


class _TooDeep(_Refused):
    """A plan nests four levels deep (measures › measure › divisions); thousands would recurse."""

    code = "plan-yaml-too-deep"


MAX_DEPTH = 32  # lists and mappings inside one another; deeper is refused while reading


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~4x faster
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def load_yaml(text: str) -> object:
    """``yaml.safe_load`` of one document, built from the parser's events as they come.

    PyYAML composes the whole node tree before it builds anything (a node and two marks per
    value): a plan of 10,000 divisions took 160 MB and 2.8 s that way, 44 MB and 0.8 s this way.
    Scalars are resolved and built by PyYAML's safe constructors, so values are the same; a
    collection with an explicit tag (``!!set``, ``!!python/…``) is refused, and ``<<`` merge keys
    are not expanded (a plan has no use for either). Aliases (``*name``) and collections nested
    more than ``MAX_DEPTH`` deep are refused as they come, so reading a hostile file stays cheap.
    """
    loader = _Loader(text)
    constructors = loader.yaml_constructors
    stack: list[list] = []  # [the open list or dict, its pending key (dicts)]
    root: list = []
    no_key = stack  # a marker no key can be

    def add(value: object) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top[0], list):
            top[0].append(value)
        elif top[1] is no_key:
            top[1] = value
        else:
            try:
                top[0][top[1]] = value
            except TypeError:  # a list or a mapping as a key
                raise yaml.constructor.ConstructorError(None, None, "found unhashable key") from None
            top[1] = no_key

    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
                value = (constructors.get(tag) or constructors[None])(loader, node)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag not in _COLLECTION_TAGS:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"a collection tagged {event.tag!r} is not allowed", event.start_mark
                    )
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                value = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                raise _AliasRefused(event.start_mark, name=event.anchor)
            elif kind is yaml.DocumentStartEvent and root:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,
                )
            elif kind is yaml.StreamEndEvent:
                return root[0] if root else None
            else:  # stream and document start and end
                continue
            add(value)
            if kind is not yaml.ScalarEvent:
                stack.append([value, no_key])
    finally:
        loader.dispose()


def _lines(text: str) -> dict[tuple, int]:
    """The line of every key and list entry of the plan, by its path (``("measures", 3, "id")``)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}

        def walk(n: yaml.Node, path: tuple) -> None:
            lines[path] = n.start_mark.line + 1
            if isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    key = loader.construct_object(k)
                    if isinstance(key, Hashable):
                        walk(v, (*path, key))
            elif isinstance(n, yaml.SequenceNode):
                for i, v in enumerate(n.value):
                    walk(v, (*path, i))

        if node is not None:
            walk(node, ())
        return lines
    finally:
        loader.dispose()


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
