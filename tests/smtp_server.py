"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), with TLS from a throw-away CA (trustme).

Fixtures:
* ``smtp_server``: STARTTLS required, AUTH required (``USERS``: one ASCII login, one Thai password).
* ``ssl_server``: implicit TLS (the ``ssl`` mode, like port 465), AUTH offered.
* ``ca_file``: the CA certificate (PEM) the client trusts through ``--cafile``.

Each server records what it received (envelope and bytes) and can be told to refuse addresses.
Import the fixtures into a test module: ``from smtp_server import ca_file, mail_env, smtp_server``
(``mail_env`` is autouse: importing it isolates every test of the module from the user's config).
"""

from __future__ import annotations

import email
import json
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER = "ita"
PASSWORD = "s3cret-pass"
THAI_USER = "thai"
THAI_PASSWORD = "รหัสลับ-๑๒๓"  # smtplib cannot send this; ita_xlsx.mail.send.login can
USERS = {USER: PASSWORD, THAI_USER: THAI_PASSWORD}


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on (right now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Handler:
    """Keeps every message; refuses the addresses in ``refuse`` at RCPT TO."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


@dataclass
class Authenticator:
    """Accepts the logins in ``USERS``."""

    handler: Handler

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode("utf-8"), auth_data.password.decode("utf-8")
        ok = USERS.get(login) == password
        if ok:
            self.handler.logins.append(login)
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    """A running test server and how a client reaches it."""

    port: int
    tls: str
    cafile: Path
    handler: Handler
    host: str = HOST
    user: str = USER
    password: str = PASSWORD

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def refuse(self) -> set[str]:
        return self.handler.refuse

    def options(self, *, user: bool = True) -> list[str]:
        """Command-line options that reach this server (the password goes through the environment)."""
        found = ["--smtp-host", self.host, "--smtp-port", str(self.port), "--tls", self.tls]
        found += ["--cafile", str(self.cafile), "--from", "ITA อบต. <ita@mueangphalai.example>"]
        return found + (["--user", self.user] if user else [])


@pytest.fixture(scope="session")
def tls_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(tls_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    tls_ca.cert_pem.write_to_path(str(path))
    return path


def _server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST, "localhost").configure_cert(context)
    return context


def _run(ca: trustme.CA, cafile: Path, tls: str) -> Iterator[SmtpServer]:
    """Start a server on a free port, yield it, stop it."""
    handler = Handler()
    port = free_port()
    context = _server_context(ca)
    if tls == "ssl":  # aiosmtpd sees no STARTTLS here, so it cannot require TLS for AUTH (it is all TLS)
        kwargs = {"ssl_context": context, "auth_require_tls": False}
    else:
        kwargs = {"tls_context": context, "require_starttls": True, "auth_required": True}
    controller = Controller(
        handler,
        hostname=HOST,
        port=port,
        server_hostname=HOST,
        authenticator=Authenticator(handler),
        **kwargs,
    )
    controller.start()
    try:
        yield SmtpServer(port, tls, cafile, handler)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(tls_ca: trustme.CA, ca_file: Path) -> Iterator[SmtpServer]:
    """A server that requires STARTTLS and a login."""
    yield from _run(tls_ca, ca_file, "starttls")


@pytest.fixture
def ssl_server(tls_ca: trustme.CA, ca_file: Path) -> Iterator[SmtpServer]:
    """A server with implicit TLS (the ``ssl`` mode) that requires a login."""
    yield from _run(tls_ca, ca_file, "ssl")


# --- the files the mail commands read -----------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
PLAN_EMAILS = {
    "palad": ["palad@mueangphalai.example"],
    "finance": ["finance@mueangphalai.example", "finance.head@mueangphalai.example"],
    "works": ["works@mueangphalai.example"],
    "education": ["education@mueangphalai.example"],
    "audit": ["audit@mueangphalai.example"],
}
OVERDUE_QUESTION = "ผู้บริหารมีการกำกับ <ติดตาม> & รายงานผล"


def _record(
    measure_id: str,
    division: str,
    name: str,
    state: str,
    due: str | None,
    days: int | None,
    question: str = "",
) -> dict:
    return {
        "measure_id": measure_id,
        "division": division,
        "division_name": name,
        "section": "IIT",
        "indicator": 1,
        "items": [measure_id],
        "question": question or f"คำถามของ {measure_id}",
        "status": "",
        "status_th": "",
        "action_date": None,
        "due_date": due,
        "state": state,
        "state_th": "",
        "days_overdue": days,
        "result": "",
        "evidence": "",
        "note": "",
        "log": [],
        "source": "",
    }


SAMPLE_RECORDS = [
    _record("i1", "finance", "กองคลัง", "done", "2023-03-31", None),
    _record("i7", "finance", "กองคลัง", "overdue", "2023-03-01", 30, OVERDUE_QUESTION),
    _record("i11", "finance", "กองคลัง", "due_soon", "2023-04-15", None),
    _record("e6", "palad", "สำนักปลัด", "overdue", "2023-02-28", 31),
    _record("i2", "works", "กองช่าง", "missing", "2023-03-31", None),
    _record("i3", "works", "กองช่าง", "missing", None, None),
    _record("i12", "education", "กองการศึกษาฯ", "pending", "2023-09-30", None),
    _record("i14", "audit", "หน่วยตรวจสอบภายใน", "missing", "2023-03-31", None),
]
# division code -> the measure ids a reminder to it lists
EXPECTED_REMINDERS = {"palad": {"e6"}, "finance": {"i7", "i11"}, "works": {"i2", "i3"}, "audit": {"i14"}}


def results_data(plan_fingerprint: str = "", records: list[dict] | None = None) -> dict:
    """A results file in the ita-xlsx-results/1 schema."""
    return {
        "format": "ita-xlsx-results/1",
        "plan_id": "mueangphalai-ita-2566",
        "plan_fingerprint": plan_fingerprint,
        "office": "องค์การบริหารส่วนตำบลเมืองพะไล",
        "fiscal_year": 2566,
        "round": "6m",
        "round_name": "รอบ ๖ เดือน",
        "as_of": "2023-03-31",
        "summary": {
            "records": 8,
            "done": 1,
            "done_late": 0,
            "ongoing": 0,
            "pending": 1,
            "due_soon": 1,
            "overdue": 2,
            "missing": 3,
            "not_applicable": 0,
            "percent_done": 12.5,
            "divisions_missing": ["works", "audit"],
            "files_accepted": 3,
            "files_rejected": 0,
        },
        "records": SAMPLE_RECORDS if records is None else records,
        "files": [],
        "problems": [],
    }


def write_workbook(path: Path) -> Path:
    """A small consolidated workbook (its bytes are what the attachment must carry)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("สรุป")
    sheet.write(0, 0, "สรุปผลการดำเนินการตามมาตรการ ITA ปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน")
    for row, record in enumerate(SAMPLE_RECORDS, start=2):
        sheet.write_row(row, 0, [record["measure_id"], record["division_name"], record["state"]])
    workbook.close()
    return path


def write_summary(folder: Path, name: str = "สรุปผล ITA 2566.xlsx", *, with_json: bool = True) -> Path:
    """The consolidated workbook, with the results JSON beside it unless ``with_json`` is False."""
    workbook = write_workbook(folder / name)
    if with_json:
        workbook.with_suffix(".json").write_text(json.dumps(results_data(), ensure_ascii=False), "utf-8")
    return workbook


def write_plan(folder: Path, emails: dict[str, list[str]] | None = None) -> Path:
    """The sample plan with the division addresses of ``emails`` (default PLAN_EMAILS)."""
    data = yaml.safe_load(SAMPLE_PLAN.read_text("utf-8"))
    emails = PLAN_EMAILS if emails is None else emails
    for division in data["divisions"]:
        division["emails"] = emails.get(division["code"], [])
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def write_results(folder: Path, plan: Path, records: list[dict] | None = None) -> Path:
    """The results JSON of the sample, stamped with the plan's fingerprint."""
    from ita_xlsx.plan import load_plan

    loaded, _ = load_plan(plan)
    assert loaded is not None
    path = folder / "ผลรวม.json"
    path.write_text(json.dumps(results_data(loaded.fingerprint(), records), ensure_ascii=False), "utf-8")
    return path


@pytest.fixture(autouse=True)
def mail_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config, no password, no keyring, Thai messages: what a fresh machine has."""
    config_home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("APPDATA", str(config_home))
    monkeypatch.delenv("ITA_SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("ITA_LANG", raising=False)
    monkeypatch.setattr("ita_xlsx.mail.config.password_from_keyring", lambda user: None)
    return config_home
