"""What in a plan would break a later step: found by ``plan check``, before any workbook is made.

- a line break or other control character in a one-line field (a name, an e-mail address) would
  make a mail header that cannot be sent, or a draft with another header smuggled in: an error;
- a text longer than a cell holds (32,767 characters) would be cut in the template, and every
  untouched return then read as tampered: an error;
- a division name too long for a file name is shortened there (a warning); a code that long is
  an error (the code keeps file names apart);
- bidirectional control characters (U+202E …) are left out of file names (a warning);
- two divisions whose names look the same but differ in their characters are confused by
  people and programs alike (a warning).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ita_xlsx.core import problems, textnorm
from ita_xlsx.core.textnorm import escaped
from ita_xlsx.plan.model import Plan
from ita_xlsx.plan.texts import question_text, reporting_text  # composed as the templates write them

MAX_CELL_CHARS = 32_767  # Excel's limit for the text of one cell
MAX_CODE_CHARS = 40  # a division code, in every file name of its division
FILE_NAME_PART_BYTES = 120  # of a division's name in a file name (UTF-8; 40 Thai characters)
_CONTROL = textnorm.CONTROL  # may not stand in a one-line field
BIDI_CONTROLS = textnorm.BIDI_CONTROLS

Report = Callable[..., None]  # report(make, code, path, **params)


def check_plan(plan: Plan, report: Report) -> None:
    """Report every hazard of ``plan``; paths are those of the raw plan (e.g. ("divisions", 2, "name"))."""
    _one_line_fields(plan, report)
    _division_names(plan, report)
    _look_alikes(plan, report)
    _cell_lengths(plan, report)


def _one_line_fields(plan: Plan, report: Report) -> None:
    """Fields that go into mail headers (subjects, addresses) and file names."""
    fields: list[tuple[tuple, str]] = [(("office", "name"), plan.office.name)]
    fields += [(("rounds", i, "name"), r.name) for i, r in enumerate(plan.rounds)]
    for i, d in enumerate(plan.divisions):
        fields.append((("divisions", i, "name"), d.name))
        fields += [(("divisions", i, "emails"), email) for email in d.emails]
    for path, value in fields:
        if value and _CONTROL.search(value):
            report(problems.error, "plan-control-character", path, key=path[-1], value=escaped(value))


def _division_names(plan: Plan, report: Report) -> None:
    for i, d in enumerate(plan.divisions):
        if len(d.code) > MAX_CODE_CHARS:
            report(
                problems.error,
                "plan-code-too-long",
                ("divisions", i, "code"),
                value=d.code,
                limit=MAX_CODE_CHARS,
            )
        if BIDI_CONTROLS.search(d.name):
            report(problems.warning, "plan-bidi-control", ("divisions", i, "name"), value=escaped(d.name))
        if len(d.name.encode()) > FILE_NAME_PART_BYTES:
            report(problems.warning, "plan-name-too-long", ("divisions", i, "name"), length=len(d.name))


def _look_alikes(plan: Plan, report: Report) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for i, d in enumerate(plan.divisions):
        for name in dict.fromkeys((d.name, d.full_name, *d.aliases)):
            if not name:
                continue
            key = textnorm.compact(BIDI_CONTROLS.sub("", name))
            other = seen.setdefault(key, (i, name))
            if other[0] != i and other[1] != name:
                report(
                    problems.warning,
                    "plan-names-look-alike",
                    ("divisions", i, "name"),
                    value=escaped(name),
                    other=escaped(other[1]),
                    other_code=plan.divisions[other[0]].code,
                )


def _cell_lengths(plan: Plan, report: Report) -> None:
    for path, text in _cell_texts(plan):
        if len(text) > MAX_CELL_CHARS:
            report(
                problems.error,
                "plan-text-too-long",
                path,
                key=path[-1],
                length=len(text),
                limit=MAX_CELL_CHARS,
            )


def _cell_texts(plan: Plan) -> Iterator[tuple[tuple, str]]:
    """Each text the templates write into one cell, with the plan field it comes from."""
    for i, m in enumerate(plan.measures):
        yield ("measures", i, "question"), question_text(plan, m)
        yield ("measures", i, "steps"), m.steps
        yield ("measures", i, "reporting"), reporting_text(m)
        yield ("measures", i, "responsible_text"), m.responsible_text or ""
    for i, d in enumerate(plan.divisions):
        for key in ("name", "full_name", "name_en"):
            yield ("divisions", i, key), getattr(d, key) or ""
    yield ("office", "name"), plan.office.name
