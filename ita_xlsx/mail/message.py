"""Building messages: the summary with the workbook attached, the test message, drafts and previews.

Messages are ``email.message.EmailMessage`` objects with the SMTP policy (CRLF, RFC 2047 for a Thai
subject and display names), a plain-text body and an HTML alternative. The body is in Thai whatever
the language of the command line, because it is written for the office's executives.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid, parseaddr
from pathlib import Path

from ita_xlsx.core.atomic import atomic_write_bytes
from ita_xlsx.core.own_files import MAIL_HEADER, MAIL_MARK
from ita_xlsx.core.thaidates import format_thai, to_thai_digits
from ita_xlsx.mail.body import Block, Items, paragraph, render_html, render_plain
from ita_xlsx.mail.config import MailSettings
from ita_xlsx.mail.results import ResultRecord, ResultsForMail
from ita_xlsx.messages import th

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MAX_LISTED = 50  # overdue measures listed in the summary body; the workbook has them all
MAX_QUESTION = 120  # characters of a measure's question shown in a list
TH = "th"


def thai_number(value: int | float) -> str:
    """``83.9`` → ``๘๓.๙``; whole numbers without decimals."""
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return to_thai_digits(text)


def thai_date(value: dt.date | None) -> str:
    """A date in full Thai form with the BE year (``๓๑ มีนาคม ๒๕๖๖``), or a dash."""
    return format_thai(value) if value else "-"


# --- names -----------------------------------------------------------------------------------------
def ascii_safe(text: str, fallback: str = "ITA_summary") -> str:
    """Letters, digits, ``.``, ``-`` and ``_`` only, so that Outlook shows the name (not ATT00001)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", folded).strip("._-")
    return safe if any(ch.isalnum() for ch in safe) else fallback


def attachment_filename(results: ResultsForMail | None, workbook: Path) -> str:
    """``ITA2566_6m_summary.xlsx`` from the results, else the workbook's stem made ASCII-safe."""
    if results and results.fiscal_year:
        parts = [f"ITA{results.fiscal_year}", ascii_safe(results.round_id, ""), "summary"]
        return "_".join(p for p in parts if p) + ".xlsx"
    return ascii_safe(workbook.stem) + ".xlsx"


def summary_subject(results: ResultsForMail | None, workbook: Path) -> str:
    """The default subject: title, fiscal year, round and as-of date, all in Thai."""
    if results is None:
        return th("mail.subject.no-summary", name=workbook.name)
    parts = [th("mail.title")]
    if results.fiscal_year:
        parts.append(th("mail.subject.year", year=to_thai_digits(results.fiscal_year)))
    if results.round_name:
        parts.append(results.round_name)
    if results.as_of:
        parts.append(th("mail.subject.as-of", date=thai_date(results.as_of)))
    return " ".join(parts)


# --- the summary -----------------------------------------------------------------------------------
def summary_blocks(results: ResultsForMail | None, attachment: str) -> list[Block]:
    """The summary body: what the office needs to know before opening the workbook."""
    closing = paragraph(th("mail.body.see-attachment", name=attachment), th("mail.body.signature"))
    if results is None:
        return [paragraph(th("mail.title-long"), strong=True), paragraph(th("mail.body.no-summary")), closing]
    return [
        _heading(results),
        _figures(results),
        _overdue_list(results),
        _state_list(results, "periods_missing", "mail.body.periods-missing-title"),
        closing,
    ]


def _heading(results: ResultsForMail) -> Block:
    """Title, office, fiscal year, round and as-of date."""
    year = th("mail.subject.year", year=to_thai_digits(results.fiscal_year)) if results.fiscal_year else ""
    office_line = " ".join(p for p in (results.office, year, results.round_name) if p)
    as_of = th("mail.subject.as-of", date=thai_date(results.as_of)) if results.as_of else ""
    return paragraph(th("mail.title-long"), office_line, as_of, strong=True)


def _figures(results: ResultsForMail) -> Block:
    """Percent done (of what), the counts by state, and the divisions whose file did not come or
    could not be used."""
    pct = results.percent_done
    missing = [results.division_name(code) for code in results.divisions_missing]
    lines = [
        th("mail.body.percent", percent=thai_number(pct), records=thai_number(results.count("records")))
        if pct is not None
        else th("mail.body.percent-unknown"),
        th("mail.body.overdue-count", count=thai_number(results.count("overdue"))),
        th("mail.body.periods-missing-count", count=thai_number(results.count("periods_missing"))),
    ]
    if missing:
        lines.append(th("mail.body.divisions-missing", names=", ".join(missing)))
    for code in results.divisions_rejected:
        reasons = "; ".join(results.rejections.get(code, ())) or "-"
        lines.append(th("mail.body.division-rejected", name=results.division_name(code), reason=reasons))
    if not missing and not results.divisions_rejected:
        lines.append(th("mail.body.all-divisions-sent"))
    return paragraph(*lines)


def _overdue_list(results: ResultsForMail) -> Block:
    """The overdue measures, at most MAX_LISTED of them."""
    return _state_list(results, "overdue", "mail.body.overdue-title")


def _state_list(results: ResultsForMail, state: str, title: str) -> Block:
    """The records in one state, at most MAX_LISTED of them."""
    found = results.in_state(state)
    items = [record_line(r, with_division=True) for r in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        items.append(th("mail.body.more", count=thai_number(len(found) - MAX_LISTED)))
    return Items(th(title), tuple(items))


def record_line(record: ResultRecord, *, with_division: bool) -> str:
    """``i7 กองคลัง: question (กำหนด ๓๑ มีนาคม ๒๕๖๖, เกินมา ๕ วัน)``."""
    head = f"{record.measure_id} {record.division_name}" if with_division else record.measure_id
    question = _shorten(record.question)
    if record.missed_periods:  # periods that ended without a report: named, not counted as days late
        periods = ", ".join(format_thai(d, "abbr") for d in record.missed_periods)
        details = [th("mail.body.periods-missing", periods=periods)]
    else:
        details = [
            th("mail.body.due", date=thai_date(record.due_date))
            if record.due_date
            else th("mail.body.no-due")
        ]
    if record.days_overdue:
        details.append(th("mail.body.days-overdue", days=thai_number(record.days_overdue)))
    return f"{head}: {question} ({', '.join(details)})" if question else f"{head} ({', '.join(details)})"


def _shorten(text: str) -> str:
    """A question on one line, cut at MAX_QUESTION characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUESTION else text[: MAX_QUESTION - 1].rstrip() + "…"


def summary_message(
    workbook: Path,
    results: ResultsForMail | None,
    *,
    sender: str | None,
    to: Sequence[str],
    cc: Sequence[str] = (),
    subject: str | None = None,
) -> EmailMessage:
    """The consolidated workbook as an attachment with a Thai summary of the results."""
    name = attachment_filename(results, workbook)
    msg = new_message(
        sender, to, cc, subject or summary_subject(results, workbook), summary_blocks(results, name)
    )
    attach_workbook(msg, workbook.read_bytes(), name)
    return msg


def make_test_message(
    settings: MailSettings,
    *,
    to: Sequence[str],
    cc: Sequence[str] = (),
    subject: str | None = None,
    now: dt.datetime | None = None,
) -> EmailMessage:
    """A short message that proves the settings work."""
    now = now or dt.datetime.now()
    when = f"{thai_date(now.date())} {to_thai_digits(now.strftime('%H:%M'))}"
    blocks = [
        paragraph(th("mail.test.body"), strong=True),
        paragraph(
            th("mail.test.server", host=settings.smtp_host or "-", port=settings.port, tls=settings.tls),
            th("mail.test.user", user=settings.user or "-"),
            th("mail.test.when", when=when),
        ),
        paragraph(th("mail.body.signature")),
    ]
    return new_message(settings.from_header, to, cc, subject or th("mail.test.subject"), blocks)


# --- parts -------------------------------------------------------------------------------------------
def new_message(
    sender: str | None, to: Sequence[str], cc: Sequence[str], subject: str, blocks: Sequence[Block]
) -> EmailMessage:
    """A message with headers, a plain body and its HTML alternative."""
    msg = EmailMessage(policy=policy.SMTP)
    if sender:
        msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=_domain(sender))
    msg[MAIL_HEADER] = MAIL_MARK  # how collect knows a reminder or draft saved among the returns
    msg.set_content(render_plain(blocks))
    msg.add_alternative(render_html(blocks), subtype="html")
    return msg


def _domain(sender: str | None) -> str:
    """The sender's domain for the Message-ID, or a placeholder."""
    address = parseaddr(sender or "")[1]
    domain = address.rpartition("@")[2]
    return domain if domain and domain.isascii() else "ita-xlsx.invalid"


def attach_workbook(msg: EmailMessage, data: bytes, filename: str) -> None:
    """Attach an .xlsx under an ASCII name (in both ``filename=`` and the older ``name=``)."""
    maintype, subtype = XLSX_TYPE
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename, params={"name": filename})


def recipients(msg: EmailMessage) -> tuple[str, ...]:
    """The envelope recipients: every address in To and Cc, once each."""
    pairs = getaddresses([str(v) for v in (*msg.get_all("To", []), *msg.get_all("Cc", []))])
    return tuple(dict.fromkeys(addr for _, addr in pairs if addr))


def draft_bytes(msg: EmailMessage) -> bytes:
    """The message as an .eml draft: ``X-Unsent: 1`` makes Outlook open it for editing and sending."""
    del msg["X-Unsent"]
    msg["X-Unsent"] = "1"
    return msg.as_bytes(policy=policy.SMTP)


def write_draft(msg: EmailMessage, path: Path) -> Path:
    """Write the draft atomically."""
    return atomic_write_bytes(path, draft_bytes(msg))


# --- previews ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Preview:
    """What a dry run shows of a message."""

    sender: str
    to: str
    cc: str
    subject: str
    attachments: tuple[tuple[str, int], ...]
    plain: str


def preview(msg: EmailMessage) -> Preview:
    """The headers, attachments (name, size in bytes) and plain body of a message."""
    plain = msg.get_body(preferencelist=("plain",))
    attachments = tuple(
        (part.get_filename() or "", len(part.get_content())) for part in msg.iter_attachments()
    )
    return Preview(
        str(msg.get("From", "")),
        str(msg.get("To", "")),
        str(msg.get("Cc", "")),
        str(msg.get("Subject", "")),
        attachments,
        plain.get_content() if plain else "",
    )
