"""``ita-xlsx mail`` and ``ita-xlsx remind``: options, password, printing. The work is in ita_xlsx.mail."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ita_xlsx import messages
from ita_xlsx.cli.options import out_folder, plan_option, smtp_options
from ita_xlsx.cli.output import print_problems, say
from ita_xlsx.core import problems
from ita_xlsx.mail.config import PASSWORD_ENV, MailSettings

if TYPE_CHECKING:
    from email.message import EmailMessage

    from ita_xlsx.mail.results import ResultsForMail
    from ita_xlsx.mail.send import Outcome, Outgoing
    from ita_xlsx.plan import Plan

_EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("file", required=False, type=_EXISTING_FILE)
@click.option("--to", "to", multiple=True, metavar="ADDR", help="ผู้รับ (ใส่ซ้ำได้) · recipient, repeatable.")
@click.option("--cc", multiple=True, metavar="ADDR", help="สำเนาถึง (ใส่ซ้ำได้) · copy to, repeatable.")
@click.option("--subject", help="หัวเรื่อง (ค่าเริ่มต้นสร้างจากผลสรุป) · subject.")
@click.option("--test", "test", is_flag=True, help="ส่งข้อความทดสอบการตั้งค่า · send a test message.")
@click.option(
    "--eml",
    type=click.Path(dir_okay=False, path_type=Path),
    help="เขียนเป็นฉบับร่าง .eml แทนการส่ง · write a draft instead of sending.",
)
@click.option("--dry-run", is_flag=True, help="แสดงสิ่งที่จะส่ง โดยไม่ส่ง · show, do not send.")
@smtp_options
def mail(
    file: Path | None,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    subject: str | None,
    test: bool,
    eml: Path | None,
    dry_run: bool,
    config_file: Path | None,
    **smtp: object,
) -> None:
    """ส่งไฟล์สรุปผลทางอีเมล พร้อมสรุปสั้นในเนื้อความ · e-mail the consolidated workbook.

    The summary in the body comes from the .json beside FILE. The password comes from
    ITA_SMTP_PASSWORD, the system keyring (service ita-xlsx) or a prompt. Exit 0 when sent,
    1 when sending failed, 2 for a mistake in the command or the settings.

    \b
    ตัวอย่าง · examples:
      ita-xlsx mail --test --to nayok@example.go.th
      ita-xlsx mail สรุป.xlsx --to nayok@example.go.th --cc palad@example.go.th --dry-run
      ita-xlsx mail สรุป.xlsx --to nayok@example.go.th
      ita-xlsx mail สรุป.xlsx --to nayok@example.go.th --eml ร่าง.eml
    """
    _check_mail_usage(file, to, cc, test, eml, dry_run)
    _refuse_line_breaks([("--subject", subject or "")])
    settings = _settings(config_file, smtp)
    msg, label = _mail_message(file, test, settings, to, cc, subject)
    if dry_run:
        _print_preview(msg)
    elif eml:
        from ita_xlsx.mail.message import write_draft

        write_draft(msg, eml)
        say("cli.wrote", path=str(eml))
    else:
        from ita_xlsx.mail.send import Outgoing

        sys.exit(_send_and_report(settings, [Outgoing(label, msg)]))


def _check_mail_usage(
    file: Path | None, to: Sequence[str], cc: Sequence[str], test: bool, eml: Path | None, dry_run: bool
) -> None:
    """Stop with exit 2 when the options do not make sense together."""
    if test and file:
        raise click.UsageError(messages.text("mail.usage.test-with-file"))
    if not test and not file:
        raise click.UsageError(messages.text("mail.usage.no-file"))
    if file and file.suffix.lower() != ".xlsx":
        raise click.UsageError(messages.text("mail.usage.not-xlsx", path=str(file)))
    if not to:
        raise click.UsageError(messages.text("mail.usage.no-to"))
    if eml and dry_run:
        raise click.UsageError(messages.text("mail.usage.eml-and-dry-run"))
    if eml and eml.suffix.lower() != ".eml":  # never the workbook, its JSON or the plan
        raise click.UsageError(messages.text("mail.usage.eml-not-eml", path=str(eml)))
    _refuse_line_breaks(("--to", a) for a in to)
    _refuse_line_breaks(("--cc", a) for a in cc)
    for address in (*to, *cc):
        if "@" not in parseaddr(address)[1]:
            raise click.UsageError(messages.text("mail.usage.bad-address", address=address))


def _refuse_line_breaks(values: Iterable[tuple[str, str]]) -> None:
    """Stop with exit 2 when a value that goes into a mail header holds a line break."""
    from ita_xlsx.core.textnorm import CONTROL, escaped

    for option, value in values:
        if CONTROL.search(value):
            raise click.UsageError(
                messages.text("mail.usage.line-break", option=option, value=escaped(value))
            )


def _settings(config_file: Path | None, options: Mapping[str, object]) -> MailSettings:
    """Settings from the config file and the options; exit 2 when the config file is wrong."""
    from ita_xlsx.mail.config import load_settings

    settings, found = load_settings(config_file, options)
    print_problems(found, err=True)
    if problems.has_errors(found):
        sys.exit(2)
    _refuse_line_breaks([("--from", settings.sender or ""), ("--user", settings.user or "")])
    return settings


def _mail_message(
    file: Path | None,
    test: bool,
    settings: MailSettings,
    to: Sequence[str],
    cc: Sequence[str],
    subject: str | None,
) -> tuple[EmailMessage, str]:
    """The message to send and its label: the test message, or the workbook with its summary."""
    from ita_xlsx.mail import message
    from ita_xlsx.mail.results import read_results, results_path_for

    if test or file is None:
        msg = message.make_test_message(settings, to=to, cc=cc, subject=subject)
        return msg, messages.text("mail.label.test")
    results, found = read_results(results_path_for(file))
    print_problems(found, err=True)
    msg = message.summary_message(file, results, sender=settings.from_header, to=to, cc=cc, subject=subject)
    return msg, messages.text("mail.label.summary", name=message.attachment_filename(results, file))


def _print_preview(msg: EmailMessage) -> None:
    """What a dry run shows: headers, attachments and the plain body."""
    from ita_xlsx.mail.message import preview

    shown = preview(msg)
    say("mail.dry-run.header")
    say("mail.dry-run.from", value=shown.sender or messages.text("mail.dry-run.unset"))
    say("mail.dry-run.to", value=shown.to)
    if shown.cc:
        say("mail.dry-run.cc", value=shown.cc)
    say("mail.dry-run.subject", value=shown.subject)
    for name, size in shown.attachments:
        say("mail.dry-run.attachment", name=name, size=f"{size:,}")
    click.echo("-" * 60)
    click.echo(shown.plain.rstrip("\n"))


def _password(settings: MailSettings) -> str | None:
    """The password, when a login is set: environment, keyring, or (only at a terminal) a prompt."""
    from ita_xlsx.mail.config import find_password

    if not settings.user:
        return None
    password = find_password(settings)
    if password is not None:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        return click.prompt(messages.text("mail.password-prompt", user=settings.user), hide_input=True)
    print_problems([problems.error("mail-no-password", user=settings.user, env=PASSWORD_ENV)], err=True)
    sys.exit(2)


def _send_and_report(settings: MailSettings, outgoing: list[Outgoing]) -> int:
    """Check the settings, send, print each outcome; return the exit code (0 all sent, 1 any failure)."""
    from ita_xlsx.mail.config import sending_problems
    from ita_xlsx.mail.send import send_all

    found = sending_problems(settings)
    print_problems(found, err=True)
    if problems.has_errors(found):
        sys.exit(2)
    outcomes = send_all(settings, _password(settings), outgoing)
    for outcome in outcomes:
        _print_outcome(outcome)
    sent = sum(o.ok for o in outcomes)
    say("mail.sent-count", sent=sent, total=len(outcomes))
    return int(sent < len(outcomes))


def _print_outcome(outcome: Outcome) -> None:
    """One line for a message sent; for a failure, what failed and what to check."""
    if outcome.sent:
        say("mail.sent", label=outcome.label, to=", ".join(outcome.accepted))
    if outcome.problem is not None:
        failed = ", ".join(a for a in outcome.recipients if a not in outcome.accepted)
        label = click.style(messages.text("mail.failed", label=outcome.label, to=failed), fg="red", bold=True)
        click.echo(f"{label}: {outcome.problem.message()} [{outcome.problem.code}]", err=True)


@click.command()
@plan_option(
    required=False,
    exists=True,
    when_th=" ที่มีอีเมลของหน่วยงาน (ไม่ต้องใช้กับผลของ rollup)",
    when_en=", with division addresses (not for a rollup's results)",
)
@click.option(
    "--results",
    "results_file",
    required=True,
    type=_EXISTING_FILE,
    help="ไฟล์ผล .json ที่ได้จาก ita-xlsx collect หรือ ita-xlsx rollup · the results JSON of collect or rollup.",
)
@out_folder("ฉบับร่าง .eml", "the drafts", default=Path("reminders"))
@click.option("--send", is_flag=True, help="ส่งเลย แทนการเขียนฉบับร่าง · send instead of writing drafts.")
@smtp_options
def remind(
    plan_file: Path, results_file: Path, out_dir: Path, send: bool, config_file: Path | None, **smtp: object
) -> None:
    """เตือนหน่วยงานที่ยังไม่ส่ง หรือมีมาตรการเกินกำหนด/ใกล้ถึงกำหนด · remind divisions.

    One message per division, to its addresses in the plan, listing its missing, overdue and
    due-soon measures. With a rollup's results (no --plan): one message per office that has not
    reported or has overdue measures, to its address in the rollup's --expected list. Without
    --send each message is written as an .eml draft into --out. Exit 1 when a message could not
    be sent or a division or office has no address.

    \b
    ตัวอย่าง · examples:
      ita-xlsx remind --plan workbook_templates/plan-2566.yaml --results สรุป.json
      ita-xlsx remind --plan workbook_templates/plan-2566.yaml --results สรุป.json --send
      ita-xlsx remind --results อำเภอบัวลาย.json
    """
    from ita_xlsx.mail import remind as reminders_lib
    from ita_xlsx.mail.remind_offices import is_rollup

    settings = _settings(config_file, smtp)
    if is_rollup(results_file):
        _remind_offices(results_file, out_dir, send, settings)
    if plan_file is None:
        raise click.UsageError(messages.text("mail.usage.no-plan"))
    plan, results = _load_plan_and_results(plan_file, results_file)
    reminders, found = reminders_lib.find_reminders(plan, results)
    print_problems(found, err=True)
    skipped = int(any(p.code == "mail-remind-no-address" for p in found))
    if not reminders:
        say("mail.remind.none")
        sys.exit(skipped)
    if send:
        outgoing = reminders_lib.outgoing(reminders, results, plan, sender=settings.from_header)
        sys.exit(_send_and_report(settings, outgoing) or skipped)
    written = reminders_lib.write_reminders(reminders, results, plan, out_dir, sender=settings.from_header)
    for reminder, path in written:
        say(
            "mail.remind.wrote",
            label=reminder.label,
            to=", ".join(reminder.division.emails),
            count=len(reminder.records),
            path=str(path),
        )
    sys.exit(skipped)


def _remind_offices(results_file: Path, out_dir: Path, send: bool, settings: MailSettings) -> None:
    """Reminders to the offices of a roll-up; exits."""
    from ita_xlsx.mail import remind_offices as lib

    rollup, found = lib.read_rollup(results_file)
    if rollup is None:
        print_problems(found, err=True)
        sys.exit(1)
    reminders, found = lib.find_office_reminders(rollup)
    print_problems(found, err=True)
    skipped = int(bool(found))
    if not reminders:
        say("mail.remind.none-offices")
        sys.exit(skipped)
    if send:
        sys.exit(
            _send_and_report(settings, lib.office_outgoing(reminders, rollup, sender=settings.from_header))
            or skipped
        )
    for reminder, path in lib.write_office_reminders(reminders, rollup, out_dir, sender=settings.from_header):
        say("mail.remind.wrote-office", label=reminder.label, to=reminder.email, path=str(path))
    sys.exit(skipped)


def _load_plan_and_results(plan_file: Path, results_file: Path) -> tuple[Plan, ResultsForMail]:
    """The plan and the results, or the problems that stop them being used and exit 2 for a plan
    that cannot be used (as in every command), 1 for results that cannot be."""
    from ita_xlsx.mail.remind import check_plan
    from ita_xlsx.mail.results import read_results
    from ita_xlsx.plan import load_plan

    plan, found = load_plan(plan_file)
    results, more = read_results(results_file, required=True)
    found += more
    if plan is not None and results is not None:
        found += check_plan(plan, results)
    print_problems(found, err=True)
    if plan is None:  # an unusable plan (a line break in a division's address or name, say)
        sys.exit(2)
    if results is None or problems.has_errors(found):
        if results is None:
            say("mail.remind.results-needed", err=True)
        sys.exit(2 if plan is None else 1)
    return plan, results
