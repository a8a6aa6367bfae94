"""What stops a command, said the same way by every command: a plan or a round that cannot be
used, an output that would overwrite an input, a store that cannot be used. Exit 2 for each."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from ita_xlsx import messages
from ita_xlsx.cli.output import print_problems


def load_plan_or_stop(plan_file: Path):
    """The plan; its problems printed and a usage error when it cannot be used."""
    from ita_xlsx.plan import load_plan

    plan, found = load_plan(plan_file)
    if plan is None:
        print_problems(found, err=True)
        raise click.UsageError(messages.text("collect.plan-invalid", path=str(plan_file)))
    return plan


def refuse_unknown_round(plan, round_id: str | None) -> None:
    """A usage error for a --round the plan does not have."""
    if round_id and plan.round(round_id) is None:
        rounds = ", ".join(r.id for r in plan.rounds)
        raise click.UsageError(messages.text("collect.unknown-round", round=round_id, rounds=rounds))


@contextlib.contextmanager
def output_refused():
    """An output that would overwrite an input or lie in a folder of returns: a usage error."""
    from ita_xlsx.publish.outputs import OutputInInputFolder, OutputIsInput

    try:
        yield
    except OutputInInputFolder as exc:
        said = messages.text("collect.out-in-input-folder", path=str(exc.path), folder=str(exc.folder))
        raise click.UsageError(said) from None
    except OutputIsInput as exc:
        raise click.UsageError(messages.text("collect.out-is-input", path=str(exc))) from None


@contextlib.contextmanager
def store_errors():
    """A store that cannot be used: its message in the user's language, exit 2, nothing changed."""
    from ita_xlsx.store import StoreError

    try:
        yield
    except StoreError as exc:
        click.echo(messages.text(exc.key, **exc.params), err=True)
        sys.exit(2)
