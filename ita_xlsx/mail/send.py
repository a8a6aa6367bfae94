"""Sending over SMTP: one outcome per message, failures turned into problem records.

A message counts as sent only once the server has accepted it. A failure while connecting (host,
TLS, login) fails every message of the batch with the same problem; a failure of one message
(a refused address, a rejected message, a dropped connection, a 421 "closing") fails that message
only, and the next message gets a new connection if needed.

No server holds ``mail`` for ever: besides the ``timeout`` of each wait, each message has a deadline
(:data:`MESSAGE_DEADLINE_FACTOR` times ``timeout``, connecting included) and the whole run the sum
of them; a server still talking when its deadline passes is cut off. What is read from the server
is bounded too: a reply of more than :data:`MAX_REPLY_LINES` lines or :data:`MAX_REPLY_BYTES` bytes
(an endless greeting) ends the connection.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.mail.config import MailSettings
from ita_xlsx.mail.message import recipients


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message to send, with a label for the report (and the division it is for, if any)."""

    label: str
    message: EmailMessage
    division: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one message: the addresses the server accepted, and the problem if any."""

    label: str
    recipients: tuple[str, ...]
    accepted: tuple[str, ...]
    problem: Problem | None = None
    division: str | None = None

    @property
    def ok(self) -> bool:
        """Sent to every recipient."""
        return self.problem is None

    @property
    def sent(self) -> bool:
        """Sent to at least one recipient."""
        return bool(self.accepted)


Connect = Callable[[MailSettings, str | None], smtplib.SMTP]

MESSAGE_DEADLINE_FACTOR = 4  # a message may take this many times ``timeout``, connecting included
MAX_REPLY_LINES = 200  # lines of one server reply (an EHLO reply has about ten)
MAX_REPLY_BYTES = 64 * 1024  # bytes of one server reply


class ReplyTooLong(OSError):
    """The server's reply went on past :data:`MAX_REPLY_LINES` lines or :data:`MAX_REPLY_BYTES` bytes."""


class _BoundedReplies:
    """The server's side of the connection, read line by line, each reply within the bounds."""

    def __init__(self, file) -> None:
        self.file = file
        self.lines = self.size = 0

    def next_reply(self) -> None:
        self.lines = self.size = 0

    def readline(self, limit: int = -1) -> bytes:
        line = self.file.readline(limit)
        self.lines += 1
        self.size += len(line)
        if self.lines > MAX_REPLY_LINES or self.size > MAX_REPLY_BYTES:
            raise ReplyTooLong(f"more than {MAX_REPLY_LINES} lines or {MAX_REPLY_BYTES} bytes in one reply")
        return line

    def close(self) -> None:
        self.file.close()


class _Guard:
    """Cuts the connection when a deadline passes, whatever smtplib is waiting for then."""

    def __init__(self) -> None:
        self.smtp: smtplib.SMTP | None = None
        self.timer: threading.Timer | None = None
        self.expired = False
        self.seconds = 0.0

    def arm(self, seconds: float) -> None:
        self.disarm()
        self.expired, self.seconds = False, seconds
        self.timer = threading.Timer(max(seconds, 0.0), self._cut)
        self.timer.daemon = True
        self.timer.start()

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _cut(self) -> None:
        self.expired = True
        sock = getattr(self.smtp, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError, ValueError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's: TLS state untouched


_GUARD: contextvars.ContextVar[_Guard | None] = contextvars.ContextVar("ita_xlsx_mail_guard", default=None)


class _Guarded:
    """An SMTP session that the current :class:`_Guard` can cut, reading bounded replies."""

    def _get_socket(self, host, port, timeout):
        sock = super()._get_socket(host, port, timeout)
        guard = _GUARD.get()
        if guard is not None:
            guard.smtp = self
        return sock

    def getreply(self):
        if self.file is None and self.sock is not None:
            self.file = _BoundedReplies(self.sock.makefile("rb"))
        if isinstance(self.file, _BoundedReplies):
            self.file.next_reply()
        return super().getreply()


class _SMTP(_Guarded, smtplib.SMTP):
    pass


class _SMTP_SSL(_Guarded, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's name)
    pass


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    """The system's trusted certificates, plus ``cafile`` when set. Verification stays on."""
    context = ssl.create_default_context()
    if settings.cafile:
        context.load_verify_locations(cafile=str(settings.cafile))
    return context


def connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """An SMTP session, encrypted as ``settings.tls`` says and logged in when a user is set."""
    context = tls_context(settings)
    host = settings.smtp_host or ""  # smtplib connects only when a host is given, "" or None alike
    timeout, helo = settings.timeout, _helo_name()
    if settings.tls == "ssl":
        smtp: smtplib.SMTP = _SMTP_SSL(
            host, settings.port, local_hostname=helo, timeout=timeout, context=context
        )
    else:
        smtp = _SMTP(host, settings.port, local_hostname=helo, timeout=timeout)
    try:
        smtp.ehlo()
        if settings.tls == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.user:
            login(smtp, settings.user, password or "")
    except BaseException:
        _close(smtp)
        raise
    return smtp


def login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a non-ASCII user or password (which smtplib cannot send) goes as UTF-8 AUTH PLAIN (RFC 4616)."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    mechanisms = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in mechanisms:
        raise smtplib.SMTPNotSupportedError("AUTH PLAIN, needed for a non-ASCII password, is not offered")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _helo_name() -> str:
    """This computer's name for EHLO, without the DNS lookup of ``socket.getfqdn`` (slow offline)."""
    name = socket.gethostname()
    return name if name and name.isascii() and " " not in name else "localhost"


def send_all(
    settings: MailSettings, password: str | None, outgoing: Sequence[Outgoing], connect: Connect = connect
) -> list[Outcome]:
    """Send each message; return one outcome per message, in order."""
    guard = _Guard()
    token = _GUARD.set(guard)
    try:
        return _send_all(settings, password, outgoing, connect, guard)
    finally:
        guard.disarm()
        _GUARD.reset(token)


def _send_all(
    settings: MailSettings,
    password: str | None,
    outgoing: Sequence[Outgoing],
    connect: Connect,
    guard: _Guard,
) -> list[Outcome]:
    per_message = settings.timeout * MESSAGE_DEADLINE_FACTOR
    run_ends = time.monotonic() + per_message * len(outgoing)
    outcomes: list[Outcome] = []
    smtp: smtplib.SMTP | None = None
    for index, item in enumerate(outgoing):
        guard.arm(min(per_message, run_ends - time.monotonic()))
        if smtp is None:
            try:
                smtp = connect(settings, password)
            except Exception as exc:
                problem = classify(exc, settings, guard)
                return outcomes + [_failed(rest, problem) for rest in outgoing[index:]]
        outcome, healthy = _send_one(smtp, settings, item, guard)
        outcomes.append(outcome)
        if not healthy:
            _close(smtp)
            smtp = None
    if smtp is not None:
        guard.arm(settings.timeout)
        _quit(smtp)
    return outcomes


def _send_one(
    smtp: smtplib.SMTP, settings: MailSettings, item: Outgoing, guard: _Guard
) -> tuple[Outcome, bool]:
    """Send one message; also say whether the connection can be used again."""
    to = recipients(item.message)
    try:
        refused = smtp.send_message(item.message, settings.envelope_sender, list(to))
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
        # still connected, unless the reply was 421 (the server is closing: smtplib closed it too)
        return _failed(item, classify(exc, settings, guard)), smtp.sock is not None and not guard.expired
    except Exception as exc:
        return _failed(item, classify(exc, settings, guard)), False
    accepted = tuple(a for a in to if a not in refused)
    problem = _refused_problem(refused, item.division) if refused else None
    return Outcome(item.label, to, accepted, problem, item.division), True


def _failed(item: Outgoing, problem: Problem) -> Outcome:
    """The outcome of a message nobody received."""
    located = problem.with_location(division=item.division) if item.division else problem
    return Outcome(item.label, recipients(item.message), (), located, item.division)


def _refused_problem(refused: dict[str, tuple[int, bytes]], division: str | None) -> Problem:
    """The problem for refused addresses, with the server's reply for each."""
    reasons = "; ".join(f"{addr}: {_reply(code, msg)}" for addr, (code, msg) in refused.items())
    return problems.error(
        "mail-recipient-refused", division=division, addresses=", ".join(refused), reason=reasons
    )


def classify(exc: BaseException, settings: MailSettings, guard: _Guard | None = None) -> Problem:
    """The problem record for an exception from smtplib, ssl or the network."""
    where = {"host": settings.smtp_host, "port": settings.port, "tls": settings.tls}
    if guard is not None and guard.expired:
        return problems.error("mail-too-slow", seconds=f"{guard.seconds:.0f}", **where)
    if any(isinstance(e, ReplyTooLong) for e in (exc, exc.__cause__, exc.__context__)):
        return problems.error("mail-reply-too-long", lines=MAX_REPLY_LINES, size=MAX_REPLY_BYTES, **where)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return problems.error("mail-auth-failed", user=settings.user, reason=_reason(exc), **where)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return _refused_problem(exc.recipients, None)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return problems.error("mail-sender-refused", sender=settings.envelope_sender, reason=_reason(exc))
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        code = "mail-tls-failed" if "STARTTLS" in str(exc).upper() else "mail-auth-unsupported"
        return problems.error(code, reason=_reason(exc), **where)
    if isinstance(exc, smtplib.SMTPDataError):
        return problems.error("mail-rejected", reason=_reason(exc))
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return problems.error("mail-tls-failed", reason=_reason(exc), **where)
    if _is_timeout(exc):
        return problems.error("mail-timeout", timeout=f"{settings.timeout:g}", **where)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return problems.error("mail-disconnected", reason=_reason(exc), **where)
    if isinstance(exc, OSError):  # refused, unknown host, unreachable, SMTPConnectError, SMTPHeloError
        return problems.error("mail-connect-failed", reason=_reason(exc), **where)
    raise exc


def _is_timeout(exc: BaseException) -> bool:
    """A timeout, also when smtplib reports it as a lost connection (it wraps read errors)."""
    return any(isinstance(e, TimeoutError) for e in (exc, exc.__cause__, exc.__context__))


def _reason(exc: BaseException) -> str:
    """The server's reply (``535 5.7.8 …``) or the system's error text."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    return str(exc) or type(exc).__name__


def _reply(code: int, text: bytes | str) -> str:
    """A server reply as one line: code and text."""
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(message.split())}".strip()


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye to the server; close the socket if that fails."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        _close(smtp)


def _close(smtp: smtplib.SMTP) -> None:
    """Close the connection, ignoring a socket that is already gone."""
    with contextlib.suppress(OSError):
        smtp.close()
