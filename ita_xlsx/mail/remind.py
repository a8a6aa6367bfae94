"""Reminders: one message per division that has not sent its file, sent one that could not be used,
or has overdue, due-soon measures or periods not reported.

Each message goes to the division's addresses in the plan, says why a file it sent could not be
used and what to send instead, and lists exactly that division's records in the states
``missing``, ``overdue``, ``periods_missing`` (with the periods) and ``due_soon``, with their due
dates in the Thai form.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.thaidates import to_thai_digits
from ita_xlsx.mail.body import Block, Items, paragraph
from ita_xlsx.mail.message import ascii_safe, new_message, record_line, thai_date, write_draft
from ita_xlsx.mail.results import REMINDER_STATES, ResultRecord, ResultsForMail
from ita_xlsx.mail.send import Outgoing
from ita_xlsx.messages import th
from ita_xlsx.plan import Division, Plan


@dataclass(frozen=True, slots=True)
class Reminder:
    """What one division is reminded of."""

    division: Division
    records: tuple[ResultRecord, ...]
    not_sent: bool
    rejected: tuple[str, ...] = ()  # why the file it sent could not be used

    @property
    def label(self) -> str:
        """``กองคลัง (finance)``: how outcomes name the division."""
        return f"{self.division.name} ({self.division.code})"

    def in_state(self, state: str) -> tuple[ResultRecord, ...]:
        """The division's records in one state."""
        return tuple(r for r in self.records if r.state == state)


def check_plan(plan: Plan, results: ResultsForMail) -> list[Problem]:
    """An error when the results are of another plan, a warning when the plan changed since."""
    if results.plan_id and results.plan_id != plan.plan_id:
        return [problems.error("mail-remind-other-plan", plan=plan.plan_id, results=results.plan_id)]
    if results.plan_fingerprint and results.plan_fingerprint != plan.fingerprint():
        return [problems.warning("mail-remind-plan-changed", plan=plan.plan_id)]
    return []


def find_reminders(plan: Plan, results: ResultsForMail) -> tuple[list[Reminder], list[Problem]]:
    """The divisions to remind, in plan order; a division without an address is reported, not kept."""
    found = _unknown_divisions(plan, results)
    reminders = []
    for division in plan.divisions:
        reminder = _reminder(division, results)
        if reminder is None:
            continue
        if division.emails:
            reminders.append(reminder)
        else:
            found.append(
                problems.warning(
                    "mail-remind-no-address",
                    division=division.code,
                    name=division.name,
                    count=len(reminder.records),
                )
            )
    return reminders, found


def _reminder(division: Division, results: ResultsForMail) -> Reminder | None:
    """The division's reminder, or None when it has nothing to be reminded of."""
    records = tuple(r for state in REMINDER_STATES for r in results.in_state(state, division.code))
    not_sent = division.code in results.divisions_missing
    rejected: tuple[str, ...] = ()
    if division.code in results.divisions_rejected:
        rejected = results.rejections.get(division.code) or ("-",)
    if not (records or not_sent or rejected):
        return None
    return Reminder(division, records, not_sent, rejected)


def _unknown_divisions(plan: Plan, results: ResultsForMail) -> list[Problem]:
    """A warning for each division of the results that the plan does not know."""
    known = {d.code for d in plan.divisions}
    unknown = dict.fromkeys(
        r.division for r in results.records if r.state in REMINDER_STATES and r.division not in known
    )
    return [problems.warning("mail-remind-unknown-division", division=code, name=code) for code in unknown]


def reminder_subject(results: ResultsForMail, division: Division) -> str:
    """``แจ้งเตือน…มาตรการ ITA ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน: กองคลัง``."""
    year = to_thai_digits(results.fiscal_year) if results.fiscal_year else "-"
    return th("mail.remind.subject", year=year, round=results.round_name, division=division.name)


def reminder_blocks(reminder: Reminder, results: ResultsForMail, plan: Plan) -> list[Block]:
    """Greeting, what is asked, the three lists, and by when to send."""
    year = to_thai_digits(results.fiscal_year) if results.fiscal_year else "-"
    intro = th("mail.remind.intro", date=thai_date(results.as_of), year=year, round=results.round_name)
    blocks: list[Block] = [
        paragraph(th("mail.remind.greeting", division=reminder.division.full_name or reminder.division.name)),
        paragraph(intro, th("mail.remind.not-sent") if reminder.not_sent else ""),
    ]
    if reminder.rejected:
        blocks.append(paragraph(th("mail.remind.rejected", reasons="; ".join(reminder.rejected))))
    for state in REMINDER_STATES:
        lines = tuple(record_line(r, with_division=False) for r in reminder.in_state(state))
        blocks.append(Items(th(f"mail.remind.title.{state}"), lines))
    blocks.append(
        paragraph(_return_by(plan, results), th("mail.remind.closing"), results.office or plan.office.name)
    )
    return blocks


def _return_by(plan: Plan, results: ResultsForMail) -> str:
    """By when to send the report: the round's return_by date, if the plan has one."""
    rnd = plan.round(results.round_id)
    if rnd and rnd.return_by:
        return th("mail.remind.return-by", date=thai_date(rnd.return_by))
    return th("mail.remind.return")


def reminder_message(
    reminder: Reminder, results: ResultsForMail, plan: Plan, *, sender: str | None
) -> EmailMessage:
    """The reminder to one division, addressed to every address of the division in the plan."""
    return new_message(
        sender,
        reminder.division.emails,
        (),
        reminder_subject(results, reminder.division),
        reminder_blocks(reminder, results, plan),
    )


def reminder_filename(reminder: Reminder, results: ResultsForMail) -> str:
    """``ITA2566_6m_finance.eml``: ASCII, one per division and round."""
    parts = [
        f"ITA{results.fiscal_year}" if results.fiscal_year else "ITA",
        ascii_safe(results.round_id, ""),
        ascii_safe(reminder.division.code, "division"),
    ]
    return "_".join(p for p in parts if p) + ".eml"


def write_reminders(
    reminders: list[Reminder], results: ResultsForMail, plan: Plan, out_dir: Path, *, sender: str | None
) -> list[tuple[Reminder, Path]]:
    """Write each reminder as an .eml draft into ``out_dir``; return where each went.

    Every message is made before the first is written: one that cannot be made leaves no drafts.
    """
    made = [(r, reminder_message(r, results, plan, sender=sender)) for r in reminders]
    written = []
    for reminder, msg in made:
        path = out_dir / reminder_filename(reminder, results)
        write_draft(msg, path)
        written.append((reminder, path))
    return written


def outgoing(
    reminders: list[Reminder], results: ResultsForMail, plan: Plan, *, sender: str | None
) -> list[Outgoing]:
    """The reminders as messages to send."""
    return [
        Outgoing(r.label, reminder_message(r, results, plan, sender=sender), r.division.code)
        for r in reminders
    ]
