"""A running ``ita-xlsx serve`` for the tests: started as a user starts it, stopped with Ctrl-C."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from processes import ctrl_c_as_in_a_terminal

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
ADDRESS = re.compile(r"^http://127\.0\.0\.1:(\d+)/\?token=([\w-]{20,})$")


class Desk:
    """A running ``ita-xlsx serve``: its address, and a browser-like opener that keeps cookies."""

    def __init__(self, folder: Path, *extra: str, as_of: str = "2023-04-05", browser: bool = False) -> None:
        command = [sys.executable, "-m", "ita_xlsx", *extra, "serve", "--plan", str(PLAN), "--round", "6m"]
        command += ["--as-of", as_of, "--port", "0", *([] if browser else ["--no-browser"]), str(folder)]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            preexec_fn=ctrl_c_as_in_a_terminal,
        )
        self.first_line = self.process.stdout.readline().rstrip("\n")
        match = ADDRESS.match(self.first_line)
        assert match, (self.first_line, self.stop()[1])
        self.port, self.token = int(match.group(1)), match.group(2)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, opener=None) -> tuple[int, str]:
        try:
            with (opener or self.opener).open(f"http://127.0.0.1:{self.port}{path}", timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def stop(self) -> tuple[int, str]:
        """Ctrl-C; the exit code and what it said on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err
