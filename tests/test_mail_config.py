"""Mail settings: where the config file is, what it may hold, options over it, where the password comes from."""

# ruff: noqa: F811  (pytest fixtures imported from smtp_server are test arguments)

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from ita_xlsx.mail import config
from ita_xlsx.mail.config import MailSettings, default_config_path, find_password, load_settings
from ita_xlsx.mail.config import password_from_keyring as real_keyring_lookup  # before mail_env patches it

from smtp_server import mail_env  # noqa: F401  (autouse: no user config, no password)


def write_config(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(found) -> list[str]:
    """The problem codes, after checking that each message renders in Thai and English."""
    assert all(p.message_th and p.message_en for p in found)
    return [p.code for p in found]


# --- where -------------------------------------------------------------------------------------------
def test_config_path_uses_xdg_config_home():
    path = default_config_path({"XDG_CONFIG_HOME": "/cfg"}, "linux")
    assert path == Path("/cfg/ita-xlsx/config.toml")


def test_config_path_falls_back_to_dot_config():
    assert default_config_path({}, "linux") == Path.home() / ".config" / "ita-xlsx" / "config.toml"


def test_config_path_on_windows_is_in_appdata():
    path = default_config_path({"APPDATA": "C:/Users/u/AppData/Roaming"}, "win32")
    assert path == Path("C:/Users/u/AppData/Roaming") / "ita-xlsx" / "config.toml"


# --- what --------------------------------------------------------------------------------------------
def test_no_config_file_gives_defaults(mail_env):
    settings, found = load_settings()
    assert found == []
    assert settings == MailSettings()
    assert (settings.tls, settings.port, settings.timeout) == ("starttls", 587, 30.0)


def test_default_config_file_is_read(mail_env):
    write_config(
        mail_env / "ita-xlsx" / "config.toml",
        '[mail]\nsmtp_host = "smtp.gmail.com"\ntls = "ssl"\nuser = "ita@gmail.com"\n'
        'from = "อบต.เมืองพะไล <ita@gmail.com>"\ntimeout = 10\n',
    )
    settings, found = load_settings()
    assert found == []
    assert settings.smtp_host == "smtp.gmail.com"
    assert (settings.tls, settings.port, settings.timeout) == ("ssl", 465, 10.0)
    assert settings.envelope_sender == "ita@gmail.com"
    assert settings.from_header == "อบต.เมืองพะไล <ita@gmail.com>"


def test_options_override_the_config_file(tmp_path):
    path = write_config(
        tmp_path / "c.toml", '[mail]\nsmtp_host = "a.example"\nsmtp_port = 2525\nuser = "x"\n'
    )
    settings, _ = load_settings(path, {"smtp_host": "b.example", "smtp_port": None, "tls": "none"})
    assert (settings.smtp_host, settings.port, settings.tls, settings.user) == (
        "b.example",
        2525,
        "none",
        "x",
    )


def test_cafile_is_relative_to_the_config_file(tmp_path):
    (tmp_path / "ca.pem").write_text("x")
    path = write_config(tmp_path / "c.toml", '[mail]\ncafile = "ca.pem"\n')
    settings, found = load_settings(path)
    assert found == []
    assert settings.cafile == tmp_path / "ca.pem"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('[mail]\ntls = "tls1.3"\n', "mail-config-bad-value"),
        ("[mail]\nsmtp_port = 0\n", "mail-config-bad-value"),
        ('[mail]\nsmtp_port = "587"\n', "mail-config-bad-value"),
        ("[mail]\ntimeout = -1\n", "mail-config-bad-value"),
        ('[mail]\ncafile = "missing.pem"\n', "mail-cafile-missing"),
        ("[mail\n", "mail-config-syntax"),
        ('mail = "smtp.gmail.com"\n', "mail-config-no-table"),
    ],
)
def test_bad_config_is_an_error(tmp_path, text, code):
    _, found = load_settings(write_config(tmp_path / "c.toml", text))
    assert codes(found) == [code]
    assert found[0].severity == "error"


def test_unknown_key_is_a_warning(tmp_path):
    settings, found = load_settings(write_config(tmp_path / "c.toml", '[mail]\nsmtp-host = "x"\n'))
    assert codes(found) == ["mail-config-unknown-key"]
    assert found[0].severity == "warning"
    assert settings.smtp_host is None


def test_password_in_config_is_ignored_with_a_warning(tmp_path):
    settings, found = load_settings(write_config(tmp_path / "c.toml", '[mail]\npassword = "secret"\n'))
    assert codes(found) == ["mail-config-password"]
    assert "secret" not in repr(settings)


def test_other_tables_are_left_alone(tmp_path):
    path = write_config(tmp_path / "c.toml", '[collect]\nx = 1\n[mail]\nsmtp_host = "h"\n')
    settings, found = load_settings(path)
    assert (settings.smtp_host, found) == ("h", [])


# --- ready to send -----------------------------------------------------------------------------------
def test_sending_needs_a_host_and_a_sender():
    assert codes(config.sending_problems(MailSettings())) == ["mail-no-host", "mail-no-sender"]
    assert config.sending_problems(MailSettings(smtp_host="h", user="me@example.go.th")) == []


def test_envelope_sender_is_the_bare_address():
    settings = MailSettings(sender="อบต. <a@example.go.th>", user="login")
    assert settings.envelope_sender == "a@example.go.th"
    assert MailSettings(user="login").envelope_sender is None


# --- the password ------------------------------------------------------------------------------------
def test_password_from_the_environment_first(monkeypatch):
    monkeypatch.setattr(config, "password_from_keyring", lambda user: "from-keyring")
    settings = MailSettings(user="u")
    assert find_password(settings, {"ITA_SMTP_PASSWORD": "from-env"}) == "from-env"
    assert find_password(settings, {}) == "from-keyring"


def test_no_password_without_environment_or_keyring():
    assert find_password(MailSettings(user="u"), {}) is None


def test_keyring_is_used_only_when_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring fails, as without the package
    assert real_keyring_lookup("u") is None


def test_keyring_lookup_uses_the_service_and_the_login(monkeypatch):
    asked = []
    fake = types.SimpleNamespace(get_password=lambda service, user: asked.append((service, user)) or "pw")
    monkeypatch.setitem(sys.modules, "keyring", fake)
    assert real_keyring_lookup("ita@gmail.com") == "pw"
    assert asked == [("ita-xlsx", "ita@gmail.com")]


def test_a_broken_keyring_is_no_password(monkeypatch):
    def fail(service, user):
        raise RuntimeError("no backend")

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=fail))
    assert real_keyring_lookup("u") is None


def test_login_without_tls_is_a_warning():
    found = config.sending_problems(MailSettings(smtp_host="h", tls="none", user="me@example.go.th"))
    assert [(p.severity, p.code) for p in found] == [("warning", "mail-plaintext-login")]
