"""Printing for the command line: problems, summaries, file lists. No library work here."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from ita_xlsx import messages
from ita_xlsx.collect.results import SUBMISSIONS
from ita_xlsx.core.problems import Problem, sort_key
from ita_xlsx.core.textnorm import escaped

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
        line = (
            f"{escaped(where) + ': ' if where else ''}{prefix}: {escaped(problem.message())} [{problem.code}]"
        )
        click.echo(line, err=err)
    return errors, warnings


MAX_UNUSED_SHOWN = 20  # input files listed on screen; the rest are in the sheet ปัญหาข้อมูล


def print_collect_summary(results) -> None:
    """The closing lines of collect and demo: files, records, states, each division that did not
    send or sent a file that could not be used, and each input that was not used, with why."""
    s = results.summary()
    if not s["files_accepted"]:
        say("collect.nothing-accepted", count=len(results.files))
    say(
        "collect.summary",
        accepted=s["files_accepted"],
        rejected=s["files_rejected"],
        records=s["records"],
        percent=s["percent_done"],
        periods_missing=s["periods_missing"],
        overdue=s["overdue"],
        due_soon=s["due_soon"],
        missing=s["missing"],
        errors=s["errors"],
        warnings=s["warnings"],
    )
    divisions = results.submissions()
    counts = {state: sum(d["submission"] == state for d in divisions) for state in SUBMISSIONS}
    say("collect.divisions", total=len(divisions), **counts)
    _print_divisions(results, divisions)
    _print_unused(results)


def _print_divisions(results, divisions: list[dict]) -> None:
    reasons = {report.path: reason for report, reason in results.unused_files()}
    for d in divisions:
        if d["submission"] == "rejected":
            why = next((reasons[f] for f in d["files"] if reasons.get(f)), None)
            say("collect.rejected", name=d["name"], reason=why.message() if why else "-")
    missing = [d["name"] for d in divisions if d["submission"] == "not_received"]
    if missing:
        say("collect.not-received", names=", ".join(missing))


def _print_unused(results) -> None:
    unused = list(results.unused_files())
    if not unused:
        return
    say("collect.unused", count=len(unused))
    for report, reason in unused[:MAX_UNUSED_SHOWN]:
        say("collect.unused-file", path=report.path, reason=reason.message() if reason else "-")
    if len(unused) > MAX_UNUSED_SHOWN:
        say("collect.unused-more", count=len(unused) - MAX_UNUSED_SHOWN)


def print_outcomes(outcomes) -> None:
    """What became of the problems sent back to each division (the office store's record)."""
    for outcome in outcomes:
        say(
            "store.feedback-outcome",
            name=outcome.division_name,
            fixed=outcome.fixed,
            remaining=len(outcome.remaining),
        )
        for message in outcome.remaining:
            say("store.feedback-remaining", message=message)


class Progress:
    """A one-line counter of the files read, on stderr when it is a terminal."""

    def __init__(self) -> None:
        self.count = 0
        self.live = sys.stderr.isatty()

    def __call__(self, source: str) -> None:
        self.count += 1
        if self.live and self.count % 10 == 0:
            click.echo(f"\r{messages.text('collect.progress', count=self.count)}", err=True, nl=False)

    def close(self) -> None:
        if self.live and self.count >= 10:
            click.echo("", err=True)
