"""Mail settings: a ``[mail]`` table in the user's config file, overridden by command-line options.

The password is never a setting: it comes from the environment variable ``ITA_SMTP_PASSWORD`` or
from the system keyring (service ``ita-xlsx``, user name = the SMTP login), and the command line may
ask for it. Nothing here writes it anywhere.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ita_xlsx.core import problems
from ita_xlsx.core.os_reasons import os_reason
from ita_xlsx.core.problems import Problem

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_TIMEOUT = 30.0
PASSWORD_ENV = "ITA_SMTP_PASSWORD"
KEYRING_SERVICE = "ita-xlsx"
CONFIG_TABLE = "mail"
# config key -> MailSettings field
CONFIG_KEYS = {
    "smtp_host": "smtp_host",
    "smtp_port": "smtp_port",
    "tls": "tls",
    "user": "user",
    "from": "sender",
    "timeout": "timeout",
    "cafile": "cafile",
}


@dataclass(frozen=True, slots=True)
class MailSettings:
    """How to reach the SMTP server and who the mail is from. ``smtp_port`` None means the TLS default."""

    smtp_host: str | None = None
    smtp_port: int | None = None
    tls: str = "starttls"
    user: str | None = None
    sender: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cafile: Path | None = None
    config_file: Path | None = None

    @property
    def port(self) -> int:
        """The port to connect to: the one set, or the usual one for the TLS mode."""
        return self.smtp_port or DEFAULT_PORTS[self.tls]

    @property
    def envelope_sender(self) -> str | None:
        """The bare address of ``from``, or the login when it is an address."""
        address = parseaddr(self.sender or "")[1]
        if "@" in address:
            return address
        return self.user if self.user and "@" in self.user else None

    @property
    def from_header(self) -> str | None:
        """The From header: ``from`` as written (it may carry a Thai display name), or the login address."""
        return self.sender or self.envelope_sender


def default_config_path(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """``%APPDATA%\\ita-xlsx\\config.toml`` on Windows, else ``$XDG_CONFIG_HOME`` or ``~/.config``."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith("win") and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "ita-xlsx" / "config.toml"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ita-xlsx" / "config.toml"


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, object] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[MailSettings, list[Problem]]:
    """Settings from ``config_file`` (or the default file, if it exists), then ``overrides``.

    ``overrides`` are MailSettings field names; None values are ignored. Errors mean the
    settings cannot be trusted (the command should stop); warnings are worth printing.
    """
    path = config_file or default_config_path(env)
    found: list[Problem] = []
    settings = MailSettings()
    if config_file is not None or path.is_file():
        settings, found = _read_config(path)
    # field name -> value, each of its field's type (the options and _config_value see to it)
    given: dict[str, Any] = {k: v for k, v in (overrides or {}).items() if v is not None}
    settings = replace(settings, **given)
    found += _check_cafile(settings)
    return settings, found


def _read_config(path: Path) -> tuple[MailSettings, list[Problem]]:
    """The ``[mail]`` table of one TOML file as settings, with what is wrong in it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        return MailSettings(), [
            problems.error("mail-config-unreadable", file=str(path), reason=os_reason(exc))
        ]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return MailSettings(), [problems.error("mail-config-syntax", file=str(path), reason=str(exc))]
    table = data.get(CONFIG_TABLE, {})
    if not isinstance(table, dict):
        return MailSettings(), [problems.error("mail-config-no-table", file=str(path))]
    values, found = _config_values(table, path)
    return MailSettings(config_file=path, **values), found


def _config_values(table: Mapping[str, object], path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Check each key of the table; return the valid ones as MailSettings fields (each of its type)."""
    values: dict[str, Any] = {}
    found: list[Problem] = []
    for key, value in table.items():
        if key == "password":
            found.append(problems.warning("mail-config-password", file=str(path), env=PASSWORD_ENV))
        elif key not in CONFIG_KEYS:
            found.append(
                problems.warning(
                    "mail-config-unknown-key", file=str(path), key=key, allowed=", ".join(CONFIG_KEYS)
                )
            )
        else:
            checked = _config_value(key, value, path)
            if isinstance(checked, Problem):
                found.append(checked)
            else:
                values[CONFIG_KEYS[key]] = checked
    return values, found


def _config_value(key: str, value: object, path: Path) -> object:
    """One value, converted to its field's type, or a problem saying what is expected."""
    bad = problems.error(
        "mail-config-bad-value", file=str(path), key=key, value=repr(value), expected=_EXPECTED[key]
    )
    if key == "smtp_port":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536
        return value if ok else bad
    if key == "timeout":
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
        return bad
    if not isinstance(value, str) or not value.strip():
        return bad
    if key == "tls":
        return value.lower() if value.lower() in TLS_MODES else bad
    if key == "cafile":
        return path.parent / Path(value).expanduser()
    return value.strip()


_EXPECTED = {
    "smtp_host": "smtp.gmail.com",
    "smtp_port": "587",
    "tls": " | ".join(TLS_MODES),
    "user": "name@example.go.th",
    "from": "อบต.ตัวอย่าง <name@example.go.th>",
    "timeout": "30",
    "cafile": "ca.pem",
}


def _check_cafile(settings: MailSettings) -> list[Problem]:
    """An error when the CA file is set but missing."""
    if settings.cafile is None or Path(settings.cafile).is_file():
        return []
    return [problems.error("mail-cafile-missing", file=str(settings.cafile))]


def sending_problems(settings: MailSettings) -> list[Problem]:
    """What is missing or risky before sending (not needed for drafts and dry runs); errors stop it."""
    found = []
    if not settings.smtp_host:
        found.append(problems.error("mail-no-host"))
    if not settings.envelope_sender:
        found.append(problems.error("mail-no-sender"))
    if settings.tls == "none" and settings.user:
        found.append(problems.warning("mail-plaintext-login", user=settings.user))
    return found


def find_password(settings: MailSettings, env: Mapping[str, str] | None = None) -> str | None:
    """The password from ``ITA_SMTP_PASSWORD``, else from the system keyring, else None."""
    env = os.environ if env is None else env
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    if settings.user:
        return password_from_keyring(settings.user)
    return None


def password_from_keyring(user: str) -> str | None:
    """The keyring's password for ``user`` under the service ``ita-xlsx``, when keyring is installed."""
    try:
        import keyring  # optional: used only when the user has installed it
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # no usable backend, locked store: fall back to a prompt
        return None
