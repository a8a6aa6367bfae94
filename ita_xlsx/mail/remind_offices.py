"""Reminders from a roll-up: one message per office that has not reported or has overdue measures.

The roll-up's JSON (``ita-xlsx rollup``) names each office with its ``submission``, its counts and
the address the expected list gave it (``email``); the message goes to that address.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.thaidates import to_thai_digits
from ita_xlsx.mail.body import Block, Items, paragraph
from ita_xlsx.mail.message import ascii_safe, new_message, thai_date, write_draft
from ita_xlsx.mail.send import Outgoing
from ita_xlsx.messages import th

ROLLUP_FORMAT = "ita-xlsx-rollup/1"


@dataclass(frozen=True, slots=True)
class OfficeReminder:
    """What one office is reminded of."""

    code: str
    name: str
    email: str
    submission: str  # received, rejected or not_received
    overdue: int
    done_pct: float
    divisions_missing: tuple[str, ...]
    reason: str = ""  # why its results were rejected

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True, slots=True)
class Rollup:
    """The parts of a roll-up's JSON that reminders use."""

    fiscal_year: int | None
    round_name: str
    round_id: str
    as_of: dt.date | None
    offices: tuple[dict, ...]


def is_rollup(path: Path) -> bool:
    """Whether ``path`` is a roll-up's JSON (by its ``format``, read from its first bytes)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(400)
    except OSError:
        return False
    return f'"format": "{ROLLUP_FORMAT}"'.encode() in head


def read_rollup(path: Path) -> tuple[Rollup | None, list[Problem]]:
    """The roll-up, or None with an error when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [problems.error("mail-results-unreadable", file=str(path), reason=str(exc))]
    if not isinstance(data, dict) or data.get("format") != ROLLUP_FORMAT:
        return None, [
            problems.error("mail-results-format", file=str(path), value="-", expected=ROLLUP_FORMAT)
        ]
    offices = tuple(o for o in data.get("offices") or () if isinstance(o, dict))
    as_of = data.get("as_of")
    return (
        Rollup(
            data.get("fiscal_year") if isinstance(data.get("fiscal_year"), int) else None,
            str(data.get("round_name") or data.get("round") or ""),
            str(data.get("round") or ""),
            dt.date.fromisoformat(as_of) if isinstance(as_of, str) and len(as_of) == 10 else None,
            offices,
        ),
        [],
    )


def find_office_reminders(rollup: Rollup) -> tuple[list[OfficeReminder], list[Problem]]:
    """Offices expected to report that have not (or were rejected), or that have overdue measures;
    one without an address is reported, not kept."""
    reminders: list[OfficeReminder] = []
    found: list[Problem] = []
    for o in rollup.offices:
        submission = str(o.get("submission") or "")
        overdue_given = o.get("overdue")
        overdue = overdue_given if isinstance(overdue_given, int) else 0
        if not o.get("expected", True) or (submission == "received" and not overdue):
            continue
        reminder = OfficeReminder(
            str(o.get("code") or ""),
            str(o.get("name") or ""),
            str(o.get("email") or "").strip(),
            submission,
            overdue,
            float(o.get("done_pct") or 0.0),
            tuple(str(d) for d in o.get("divisions_missing") or ()),
            str(o.get("reason") or ""),
        )
        if reminder.email:
            reminders.append(reminder)
        else:
            found.append(
                problems.warning("rollup-remind-no-address", office=reminder.code, name=reminder.name)
            )
    return reminders, found


def office_blocks(reminder: OfficeReminder, rollup: Rollup) -> list[Block]:
    year = to_thai_digits(rollup.fiscal_year) if rollup.fiscal_year else "-"
    blocks: list[Block] = [
        paragraph(th("mail.remind-office.greeting", office=reminder.name)),
        paragraph(
            th("mail.remind-office.intro", date=thai_date(rollup.as_of), year=year, round=rollup.round_name)
        ),
    ]
    if reminder.submission == "received":
        pct = to_thai_digits(f"{reminder.done_pct:g}")
        blocks.append(
            paragraph(th("mail.remind-office.overdue", count=to_thai_digits(reminder.overdue), percent=pct))
        )
        blocks.append(Items(th("mail.remind-office.divisions-missing"), reminder.divisions_missing))
    else:
        blocks.append(paragraph(th(f"mail.remind-office.{reminder.submission}"), reminder.reason))
    blocks.append(paragraph(th("mail.remind.closing")))
    return blocks


def office_message(reminder: OfficeReminder, rollup: Rollup, *, sender: str | None) -> EmailMessage:
    year = to_thai_digits(rollup.fiscal_year) if rollup.fiscal_year else "-"
    subject = th("mail.remind.subject", year=year, round=rollup.round_name, division=reminder.name)
    return new_message(sender, (reminder.email,), (), subject, office_blocks(reminder, rollup))


def office_filename(reminder: OfficeReminder, rollup: Rollup) -> str:
    """``ITA2566_6m_5300328.eml``: ASCII, one per office and round."""
    parts = [
        f"ITA{rollup.fiscal_year}" if rollup.fiscal_year else "ITA",
        ascii_safe(rollup.round_id, ""),
        ascii_safe(reminder.code, "office"),
    ]
    return "_".join(p for p in parts if p) + ".eml"


def write_office_reminders(
    reminders: list[OfficeReminder], rollup: Rollup, out_dir: Path, *, sender: str | None
) -> list[tuple[OfficeReminder, Path]]:
    written = []
    for reminder in reminders:
        path = out_dir / office_filename(reminder, rollup)
        write_draft(office_message(reminder, rollup, sender=sender), path)
        written.append((reminder, path))
    return written


def office_outgoing(reminders: list[OfficeReminder], rollup: Rollup, *, sender: str | None) -> list[Outgoing]:
    return [Outgoing(r.label, office_message(r, rollup, sender=sender)) for r in reminders]
