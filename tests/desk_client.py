"""The coordinator's desk in Flask's test client, for the tests: made on a folder of returns with the
sample plan's 6-month round, signed in with the token, files sent as a browser sends them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from ita_xlsx.desk.app import DeskSettings, create_app
from ita_xlsx.desk.guard import Guard
from ita_xlsx.desk.store import open_store
from ita_xlsx.intake.safezip import Limits

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "test-token-of-this-run"
AS_OF = dt.date(2023, 4, 5)  # before the 6-month round's return date, 10 April 2023
ORIGIN = {"Origin": BASE}


def make_desk(
    tmp_path: Path, plan, *, store=None, limits: Limits | None = None, pdf: bool = False, mail_config=None
):
    folder, out_dir = tmp_path / "returns", tmp_path / "outputs"
    folder.mkdir(exist_ok=True)
    out_dir.mkdir(exist_ok=True)
    if store is None or isinstance(store, Path):
        store = open_store(store, plan)
    settings = DeskSettings(
        plan,
        folder,
        out_dir,
        store,
        round_id="6m",
        as_of=AS_OF,
        limits=limits or Limits(),
        pdf=pdf,
        mail_config=mail_config,
    )
    app = create_app(settings, Guard(TOKEN, "127.0.0.1", PORT))
    return app, folder, out_dir


def signed_in(app):
    client = app.test_client()
    response = client.get(f"{BASE}/?token={TOKEN}")
    assert response.status_code == 303
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def upload(client, *files: tuple[str, bytes], headers=ORIGIN):
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"{BASE}/receive", data=data, headers=headers, content_type="multipart/form-data")


def sample(name: str, folder: str = "6m") -> tuple[str, bytes]:
    return name, (SAMPLES / folder / name).read_bytes()


def row_of(page: str, division: str) -> str:
    match = re.search(rf'<tr class="state-\w+" data-division="{division}".*?</tr>', page, re.S)
    assert match, division
    return match.group(0)


def state_of(page: str, division: str) -> str:
    return re.search(r'data-state="(\w+)"', row_of(page, division)).group(1)
