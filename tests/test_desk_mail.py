"""Reminders sent from the desk, through the real SMTP test server, with the mail settings file."""

# ruff: noqa: F811  (pytest fixtures imported from smtp_server are test arguments)
from __future__ import annotations

import shutil

from desk_client import BASE, ORIGIN, SAMPLES, make_desk, signed_in, text
from smtp_server import PASSWORD, ca_file, mail_env, smtp_server, tls_ca  # noqa: F401  (fixtures)


def test_reminders_are_sent_with_the_mail_settings(tmp_path, sample_plan, smtp_server, monkeypatch):
    config = tmp_path / "ita-xlsx.toml"
    config.write_text(
        "[mail]\n"
        f'smtp_host = "{smtp_server.host}"\nsmtp_port = {smtp_server.port}\ntls = "{smtp_server.tls}"\n'
        f'user = "{smtp_server.user}"\nfrom = "ita@mueangphalai.example"\ncafile = "{smtp_server.cafile.as_posix()}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ITA_SMTP_PASSWORD", PASSWORD)
    app, folder, _ = make_desk(tmp_path, sample_plan, mail_config=config)
    shutil.copy(SAMPLES / "6m" / "ITA2566_6m_finance_กองคลัง.xlsx", folder)
    response = signed_in(app).post(f"{BASE}/remind", data={"mode": "send"}, headers=ORIGIN)
    assert response.status_code == 200
    sent_to = {address for got in smtp_server.received for address in got.rcpt_tos}
    assert sample_plan.division("audit").emails[0] in sent_to  # it sent nothing
    page = text(response)
    assert f"ส่งแล้ว {len(smtp_server.received)} จาก {len(smtp_server.received)} ฉบับ" in page


def test_without_a_password_nothing_is_sent_and_the_page_says_why(tmp_path, sample_plan, smtp_server):
    config = tmp_path / "ita-xlsx.toml"
    config.write_text(
        f'[mail]\nsmtp_host = "{smtp_server.host}"\nsmtp_port = {smtp_server.port}\nuser = "{smtp_server.user}"\n'
        'from = "ita@mueangphalai.example"\n',
        encoding="utf-8",
    )
    app, _, _ = make_desk(tmp_path, sample_plan, mail_config=config)
    response = signed_in(app).post(f"{BASE}/remind", data={"mode": "send"}, headers=ORIGIN)
    assert 'data-code="mail-no-password"' in text(response)
    assert smtp_server.received == []
