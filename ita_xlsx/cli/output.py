"""Printing for the command line: problems, summaries, file lists. No library work here."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ita_xlsx import messages
from ita_xlsx.problems import Problem, sort_key
from ita_xlsx.textnorm import escaped

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def say(key: str, *, err: bool = False, **params: object) -> None:
    click.echo(messages.text(key, **params), err=err)


def print_problems(found: Iterable[Problem], *, err: bool = False) -> tuple[int, int]:
    """Print each problem on a line (location, severity, message); return (errors, warnings)."""
    errors = warnings = 0
    for problem in sorted(found, key=sort_key):
        errors += problem.severity == "error"
        warnings += problem.severity == "warning"
        label = messages.text(f"cli.severity.{problem.severity}")
        where = problem.location()
        prefix = click.style(label, fg=_COLOURS[problem.severity], bold=True)
        line = f"{escaped(where) + ': ' if where else ''}{prefix}: {escaped(problem.message())} [{problem.code}]"
        click.echo(line, err=err)
    return errors, warnings


def print_collect_summary(results) -> None:
    """The closing lines of collect and demo: files, records, states, and who has not sent."""
    s = results.summary()
    say(
        "collect.summary",
        accepted=s["files_accepted"],
        rejected=s["files_rejected"],
        records=s["records"],
        percent=s["percent_done"],
        overdue=s["overdue"],
        due_soon=s["due_soon"],
        missing=s["missing"],
        errors=s["errors"],
        warnings=s["warnings"],
    )
    if s["divisions_missing"]:
        names = [results.plan.division(code).name for code in s["divisions_missing"]]
        say("collect.not-received", names=", ".join(names))
