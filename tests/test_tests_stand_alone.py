"""No test module imports another test module: what tests share lives in helper modules (workbooks,
results_factory, template_books, desk_client, problem_assert, ...) or in conftest.py fixtures.

Importing a test module runs its module-level code and, under pytest, can collect its tests twice;
it also hides a helper where nobody looks for one.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def names_of_test_modules(folder: Path = TESTS) -> set[str]:
    return {p.stem for p in folder.glob("test_*.py")}


def imported_test_modules(source: str, test_names: set[str]) -> list[tuple[int, str]]:
    """(line, module) of each import of a test module in ``source``, inside functions too."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):  # from . import test_x
            names = [alias.name for alias in node.names] + ([node.module] if node.module else [])
        else:
            continue
        for name in names:
            parts = name.split(".")
            last = parts[1] if parts[0] == "tests" and len(parts) > 1 else parts[0]
            if last in test_names:
                found.add((node.lineno, last))
    return sorted(found)


def test_no_test_module_imports_another():
    names = names_of_test_modules()
    offenders = [
        f"{path.name}:{line} imports {module}"
        for path in sorted(TESTS.glob("*.py"))
        for line, module in imported_test_modules(path.read_text(encoding="utf-8"), names)
    ]
    assert offenders == [], "move what is shared into a helper module or a conftest fixture:\n" + "\n".join(
        offenders
    )


def test_the_check_sees_every_form_of_import():
    names = {"test_report", "test_templates"}
    source = """
import test_report
from test_templates import PASSWORD
from tests.test_report import make_results
from tests import test_templates
import workbooks
from results_factory import make_results

def later():
    import test_report as tr
"""
    assert imported_test_modules(source, names) == [
        (2, "test_report"),
        (3, "test_templates"),
        (4, "test_report"),
        (5, "test_templates"),
        (10, "test_report"),
    ]
