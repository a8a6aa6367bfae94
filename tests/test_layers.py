"""The house: stage packages whose imports point only down the stages, and no import cycles.

The layer contract is in pyproject.toml ([tool.importlinter]); ``lint-imports`` checks it the way CI
does. The cycle check counts every import, those inside functions included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

import ita_xlsx

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(ita_xlsx.__file__).parent
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "demo.py", "samples.py"}


def test_stages_import_only_the_stages_below_them() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("ita_xlsx", cache_dir=None)
    assert _cycles(graph) == []


def test_the_top_level_holds_stage_packages_and_a_handful_of_modules() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules <= TOP_LEVEL_MODULES, modules - TOP_LEVEL_MODULES


def test_one_module_defines_the_results_format() -> None:
    """The results file's format id is written once; its readers go through that module."""
    holding = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if '"ita-xlsx-results/1"' in p.read_text(encoding="utf-8")
    )
    assert holding == ["collect/results_json.py"]


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.find_modules_directly_imported_by(target)))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found
