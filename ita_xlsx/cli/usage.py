"""A mistake in the command, said in Thai: click's own usage errors are English.

click words a missing option, an unknown option or command and a value its types refuse in
English ("Missing option '--out'."). In Thai mode :func:`thai_usage_error` says the same from the
exception's fields and click's few fixed phrases; anything it does not know keeps click's words.
Our own usage errors are already Thai and pass through as they are.
"""

from __future__ import annotations

import re

import click

from ita_xlsx import messages

# click's fixed phrases for values its types refuse (click/types.py), and their catalogue keys
_VALUE_PHRASES = (
    (re.compile(r"^(?:File|Directory|Path) (?P<path>'.*') does not exist\.$"), "usage.value.not-found"),
    (re.compile(r"^File (?P<path>'.*') is a directory\.$"), "usage.value.is-folder"),
    (re.compile(r"^Directory (?P<path>'.*') is a file\.$"), "usage.value.is-file"),
    (
        re.compile(r"^(?:File|Directory|Path) (?P<path>'.*') is not (?:readable|writable)\.$"),
        "usage.value.no-access",
    ),
    (re.compile(r"^(?P<value>.*) is not in the range (?P<range>.*)\.$"), "usage.value.range"),
    (re.compile(r"^(?P<value>.*) is not a valid (?:integer|float)\.$"), "usage.value.not-number"),
    (re.compile(r"^(?P<value>.*) is not one of (?P<choices>.*)\.$"), "usage.value.choice"),
)
_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'.*')\.$")
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((?P<values>.*)\)$")
_NEEDS_VALUE = re.compile(r"^Option (?P<name>'.*') requires (?:an argument|\d+ arguments)\.$")


def thai_usage_error(exc: click.UsageError) -> str:
    """The error in Thai, and where to read how the command is used."""
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "ita-xlsx"
    lines = []
    if ctx is not None:  # "Usage: ita-xlsx collect [OPTIONS] INPUTS...", its first word in Thai
        lines.append(messages.text("usage.usage", "th", usage=ctx.get_usage().partition(" ")[2]))
    lines.append(messages.text("usage.error", "th", message=_message(exc)))
    lines.append(messages.text("usage.help", "th", command=command))
    return "\n".join(lines)


def _message(exc: click.UsageError) -> str:
    if isinstance(exc, click.MissingParameter):
        return messages.text("usage.missing", "th", name=_param_name(exc.param, exc.param_hint))
    if isinstance(exc, click.NoSuchOption):
        said = messages.text("usage.no-such-option", "th", name=exc.option_name)
        if exc.possibilities:
            said += " " + messages.text(
                "usage.did-you-mean", "th", names=", ".join(sorted(exc.possibilities))
            )
        return said
    if isinstance(exc, click.BadParameter):
        name = _param_name(exc.param, exc.param_hint)
        return messages.text("usage.bad-value", "th", name=name, reason=_value_reason(exc.message))
    text = exc.message
    for pattern, key in (
        (_NO_SUCH_COMMAND, "usage.no-such-command"),
        (_EXTRA_ARGUMENTS, "usage.extra-arguments"),
        (_NEEDS_VALUE, "usage.needs-value"),
    ):
        match = pattern.match(text)
        if match:
            return messages.text(key, "th", **match.groupdict())
    if text == "Missing command.":
        return messages.text("usage.missing-command", "th")
    return text


def _value_reason(text: str) -> str:
    for pattern, key in _VALUE_PHRASES:
        match = pattern.match(text)
        if match:
            return messages.text(key, "th", **match.groupdict())
    return text  # ours (Thai already), or a phrase of click's this module does not know


def _param_name(param: click.Parameter | None, hint: object) -> str:
    if param is None or hint:  # a name the error gives itself comes first, as in click's own message
        return str(hint or "")
    if isinstance(param, click.Option):
        return param.opts[0]
    return param.human_readable_name
