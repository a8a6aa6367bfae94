"""Faults: kills at many points of a run, a disk that fills up, and what must hold after each.

Every run is the real command in a subprocess, killed with SIGKILL at a named point of the run
(``ITA_XLSX_FAULT_POINT``, see ita_xlsx/core/faults.py), as a power cut or ``kill -9`` would stop it:
- OUT.xlsx and OUT.json are always one run's, or the readers of the pair say they are not;
- the next run removes what the killed one left (temporary files, scratch folders);
- worker processes do not outlive their killed parent.
Then a looping symbolic link as an input; a small tmpfs that fills up under the outputs or under
TMPDIR (root only: skipped with the reason otherwise); and scripted SMTP servers on 127.0.0.1 that
close with 421, drip their greeting or never end it. Each subprocess is bounded by a timeout.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
import zipfile
from pathlib import Path

import pytest

try:
    import hostile
except ImportError:  # tests/ collected as a package
    from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "workbook_templates" / "plan-2566.yaml"
SAMPLES = ROOT / "samples" / "6m"
AS_OF = "2023-03-31"
TIMEOUT = 180  # seconds any one command may take before the test fails
KILLED = -signal.SIGKILL


def run(*args: str, env: dict | None = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*hostile.ita_xlsx_argv(), *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def collect(out: Path, *inputs: Path, env: dict, jobs: str = "1") -> subprocess.CompletedProcess:
    args = ["collect", "--plan", str(PLAN), "--round", "6m", "--as-of", AS_OF, "--jobs", jobs]
    return run(*args, "--out", str(out), *map(str, inputs), env=env)


def environment(tmp_path: Path, fault: str | None = None) -> dict:
    """The user's environment, with a temporary folder of the test's own (to see what is left in it)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "ITA_LANG": "th", "TMPDIR": str(scratch)}
    env.pop("ITA_XLSX_FAULT_POINT", None)
    if fault:
        env["ITA_XLSX_FAULT_POINT"] = fault
    return env


def json_run_id(out: Path) -> str | None:
    return json.loads(out.with_suffix(".json").read_text(encoding="utf-8")).get("run_id")


def workbook_run_id(out: Path) -> str | None:
    with zipfile.ZipFile(out) as package:
        custom = package.read("docProps/custom.xml").decode()
    marker = 'name="ita_run_id"'
    if marker not in custom:
        return None
    return custom.split(marker, 1)[1].split("<vt:lpwstr>", 1)[1].split("</vt:lpwstr>", 1)[0]


def litter(tmp_path: Path, out: Path) -> list[str]:
    """What runs left behind: temporary files beside the outputs, scratch folders in TMPDIR."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(".OUT.") and p.name.endswith(".tmp")]
    scratch = [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith("ita-xlsx-")]
    return sorted(beside + scratch)


@pytest.fixture()
def first_run(tmp_path) -> Path:
    """OUT.xlsx and OUT.json of a finished run of the five sample returns."""
    out = tmp_path / "out" / "OUT.xlsx"
    done = collect(out, SAMPLES, env=environment(tmp_path))
    assert done.returncode in (0, 1), done.stderr
    assert json_run_id(out) and json_run_id(out) == workbook_run_id(out)
    return out


# -- kills at many points ---------------------------------------------------------------------
BEFORE_ANY_RENAME = ("file-read:3", "workbook-sheets-written", "before-renames")


@pytest.mark.parametrize("point", [*BEFORE_ANY_RENAME, "between-renames", "after-renames"])
def test_a_kill_leaves_one_runs_pair_or_says_so_and_the_next_run_clears_the_litter(
    tmp_path, first_run, point
):
    out = first_run
    old = (out.read_bytes(), out.with_suffix(".json").read_bytes(), json_run_id(out))
    killed = collect(out, SAMPLES, env=environment(tmp_path, point))
    assert killed.returncode == KILLED, killed.stderr
    if point in BEFORE_ANY_RENAME:  # the last run's pair, untouched
        assert (out.read_bytes(), out.with_suffix(".json").read_bytes()) == old[:2]
    elif point == "between-renames":  # this run's workbook beside the last run's JSON: they differ
        assert json_run_id(out) == old[2] and workbook_run_id(out) not in (None, old[2])
    else:  # both of this run
        assert json_run_id(out) == workbook_run_id(out) != old[2]
    if point == "workbook-sheets-written":
        assert litter(tmp_path, out), "a kill while the workbook is written leaves its files"
    again = collect(out, SAMPLES, env=environment(tmp_path))
    assert again.returncode in (0, 1), again.stderr
    assert litter(tmp_path, out) == []
    assert json_run_id(out) == workbook_run_id(out) != old[2]


def test_the_readers_of_a_pair_from_two_runs_say_so(tmp_path, first_run):
    """mail sends the workbook without the other run's summary; remind and prefill refuse it."""
    out = first_run
    env = environment(tmp_path)
    killed = collect(out, SAMPLES, env=environment(tmp_path, "between-renames"))
    assert killed.returncode == KILLED
    mailed = run("mail", str(out), "--to", "nayok@example.go.th", "--dry-run", env=env)
    assert mailed.returncode == 0, mailed.stderr
    assert "[results-other-run]" in mailed.stderr and "มาจากการรวบรวมคนละครั้ง" in mailed.stderr
    assert "ดำเนินการแล้ว" not in mailed.stdout  # no figures of the other run in the body
    reminded = run(
        "remind",
        "--plan",
        str(PLAN),
        "--results",
        str(out.with_suffix(".json")),
        "--out",
        str(tmp_path / "drafts"),
        env=env,
    )
    assert reminded.returncode == 1 and "[results-other-run]" in reminded.stderr
    assert not (tmp_path / "drafts").exists()
    prefilled = run(
        "templates",
        "--plan",
        str(PLAN),
        "--round",
        "12m",
        "--out",
        str(tmp_path / "t"),
        "--prefill",
        str(out.with_suffix(".json")),
        env=env,
    )
    assert prefilled.returncode == 1 and "[results-other-run]" in prefilled.stderr
    fixed = collect(out, SAMPLES, env=env)
    assert fixed.returncode in (0, 1)
    mailed = run("mail", str(out), "--to", "nayok@example.go.th", "--dry-run", env=env)
    assert "results-other-run" not in mailed.stderr


def test_what_a_live_run_holds_is_left_alone(tmp_path, first_run):
    """Only what no run holds is removed: a temporary file or scratch folder still locked stays."""
    from ita_xlsx.core.scratch import OWNER_FILE, locked

    out = first_run
    held_file = out.parent / ".OUT.held0001.tmp"  # as a run that is still writing holds them
    held_file.write_bytes(b"half a workbook")
    fd = os.open(held_file, os.O_RDONLY)
    assert locked(fd)
    held_folder, dead_folder = tmp_path / "tmp" / "ita-xlsx-live", tmp_path / "tmp" / "ita-xlsx-dead"
    for folder in (held_folder, dead_folder):
        folder.mkdir()
        (folder / OWNER_FILE).touch()
        (folder / "rows.bin").write_bytes(b"x" * 1000)
    owner = os.open(held_folder / OWNER_FILE, os.O_RDONLY)
    assert locked(owner)
    young_unowned = tmp_path / "tmp" / "ita-xlsx-abcd1234"  # an older version's, maybe still running
    young_unowned.mkdir()
    try:
        done = collect(out, SAMPLES, env=environment(tmp_path))
        assert done.returncode in (0, 1), done.stderr
        assert held_file.exists() and held_folder.exists() and young_unowned.exists()
        assert not dead_folder.exists()
    finally:  # let go as by a killed run: the locks dropped, the files left
        os.close(fd)
        os.close(owner)

    collect(out, SAMPLES, env=environment(tmp_path))
    assert not held_file.exists() and not held_folder.exists()
    assert young_unowned.exists()


# -- orphans ----------------------------------------------------------------------------------
def _processes_marked(mark: str) -> list[int]:
    """Processes whose environment holds ``mark`` (a run and the workers it forked)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                    if state != "Z":
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the workers")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    books = sorted(SAMPLES.glob("*.xlsx"))
    for n in range(60):  # other bytes for each (a zip comment): none is a duplicate
        copy = inbox / f"{n:02d}_{books[n % len(books)].name}"
        shutil.copy(books[n % len(books)], copy)
        with zipfile.ZipFile(copy, "a") as package:
            package.comment = f"copy {n}".encode()
    mark = f"ITA_TEST_RUN={uuid.uuid4().hex}"
    env = {**environment(tmp_path, "file-read:20"), "ITA_TEST_RUN": mark.split("=")[1]}
    args = [
        "collect",
        "--plan",
        str(PLAN),
        "--round",
        "6m",
        "--jobs",
        "2",
        "--out",
        str(tmp_path / "OUT.xlsx"),
    ]
    with open(tmp_path / "said.txt", "wb") as said:  # a file, not a pipe a surviving worker would hold
        killed = subprocess.run(
            [*hostile.ita_xlsx_argv(), *args, str(inbox)], stdout=said, stderr=said, env=env, timeout=TIMEOUT
        )
    assert killed.returncode == KILLED, (tmp_path / "said.txt").read_text()
    deadline = time.monotonic() + 30
    while _processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _processes_marked(mark)
    for pid in left:  # not left running after the test
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_the_run_id_is_new_for_each_run(tmp_path, first_run):
    first = json_run_id(first_run)
    done = collect(first_run, SAMPLES, env=environment(tmp_path))
    assert done.returncode in (0, 1)
    assert json_run_id(first_run) == workbook_run_id(first_run) != first


# -- hostile inputs ---------------------------------------------------------------------------
def test_a_looping_symbolic_link_is_a_problem_on_that_input(tmp_path):
    (tmp_path / "ก").symlink_to(tmp_path / "ข")
    (tmp_path / "ข").symlink_to(tmp_path / "ก")
    out = tmp_path / "out" / "OUT.xlsx"
    done = collect(out, tmp_path / "ก", SAMPLES, env=environment(tmp_path))
    assert done.returncode == 1, done.stderr
    assert "ผิดพลาดภายใน" not in done.stderr and "Symlink loop" not in done.stderr
    found = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [(p["file"], p["code"]) for p in found["problems"] if p["severity"] == "error"] == [
        (str(tmp_path / "ก"), "intake-unreadable")
    ]
    assert found["summary"]["files_accepted"] == 5


# -- a disk that fills up ---------------------------------------------------------------------
@pytest.fixture()
def small_disk(tmp_path):
    """Mount a tmpfs of a given size (root only); unmounted at the end."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8); CI runs these tests as root")
    mounted: list[Path] = []

    def mount(name: str, size: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30)


FULL_DISK = "พื้นที่ในดิสก์เต็ม"


@pytest.mark.parametrize("size", ["8k", "40k", "120k"])
def test_outputs_on_a_full_disk_give_only_the_clear_message(tmp_path, small_disk, size):
    disk = small_disk("out", size)
    out = disk / "OUT.xlsx"
    done = collect(out, SAMPLES, env=environment(tmp_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and FULL_DISK in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert list(disk.iterdir()) == []  # no half-written file, no temporary


@pytest.mark.parametrize("size", ["8k", "16k", "24k"])
def test_a_full_temporary_folder_gives_only_the_clear_message(tmp_path, small_disk, size):
    disk = small_disk("tmp-disk", size)
    out = tmp_path / "out" / "OUT.xlsx"
    env = {**environment(tmp_path), "TMPDIR": str(disk)}
    done = collect(out, SAMPLES, env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and FULL_DISK in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and list(disk.iterdir()) == []  # no scratch folder left in it
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


# -- SMTP servers that misbehave --------------------------------------------------------------
class ScriptedServer:
    """A server on 127.0.0.1 that runs ``script(connection, number)`` for each connection."""

    def __init__(self, script) -> None:
        self.script = script
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.delivered: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        number = 0
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            number += 1
            threading.Thread(target=self._run, args=(connection, number), daemon=True).start()

    def _run(self, connection: socket.socket, number: int) -> None:
        connection.settimeout(30)
        with contextlib.suppress(OSError), connection:
            self.script(self, connection, number)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()

    def options(self) -> list[str]:
        return [
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            str(self.port),
            "--tls",
            "none",
            "--from",
            "ita@example.go.th",
        ]


@pytest.fixture()
def scripted():
    servers: list[ScriptedServer] = []

    def start(script) -> ScriptedServer:
        servers.append(ScriptedServer(script))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def dialogue(
    server: ScriptedServer, connection: socket.socket, number: int, *, closing_at_first_mail: bool
) -> None:
    """Plain SMTP; on the first connection, MAIL FROM gets "421 closing" and the line is dropped."""
    lines = connection.makefile("rb")
    connection.sendall(b"220 scripted ESMTP\r\n")
    for line in lines:
        verb = line[:4].upper()
        if verb == b"EHLO":
            connection.sendall(b"250-scripted\r\n250 8BITMIME\r\n")
        elif verb == b"MAIL" and closing_at_first_mail and number == 1:
            connection.sendall(b"421 4.3.2 Service shutting down, closing channel\r\n")
            return
        elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
            connection.sendall(b"250 OK\r\n")
        elif verb == b"DATA":
            connection.sendall(b"354 go on\r\n")
            body = b"".join(iter(lines.readline, b".\r\n"))
            server.delivered.append(body)
            connection.sendall(b"250 queued\r\n")
        elif verb == b"QUIT":
            connection.sendall(b"221 bye\r\n")
            return
        else:
            connection.sendall(b"502 no\r\n")


def drip(server: ScriptedServer, connection: socket.socket, number: int) -> None:
    """A greeting that never ends, a byte at a time (well within any one wait's timeout)."""
    connection.sendall(b"220")
    while not server.stopped.is_set():
        connection.sendall(b" ")
        time.sleep(0.2)


def endless_greeting(server: ScriptedServer, connection: socket.socket, number: int) -> None:
    """A multi-line greeting that goes on for ever, as fast as it can be read."""
    line = b"220-" + b"x" * 70 + b"\r\n"
    while not server.stopped.is_set():
        connection.sendall(line * 100)


def test_a_421_costs_one_message_and_the_next_go_on_a_new_connection(scripted):
    from ita_xlsx.mail.config import MailSettings
    from ita_xlsx.mail.message import make_test_message
    from ita_xlsx.mail.send import Outgoing, send_all

    server = scripted(functools.partial(dialogue, closing_at_first_mail=True))
    settings = MailSettings("127.0.0.1", server.port, "none", None, "ita@example.go.th", timeout=10)
    outgoing = [
        Outgoing(f"message {n}", make_test_message(settings, to=[f"d{n}@example.go.th"])) for n in range(3)
    ]
    outcomes = send_all(settings, None, outgoing)
    assert [o.ok for o in outcomes] == [False, True, True]
    assert outcomes[0].problem.code == "mail-sender-refused"
    assert len(server.delivered) == 2


@pytest.mark.parametrize(
    ("script", "code"), [(drip, "mail-too-slow"), (endless_greeting, "mail-reply-too-long")]
)
def test_a_server_that_never_finishes_its_greeting_cannot_hold_mail(scripted, tmp_path, script, code):
    server = scripted(script)
    env = {**environment(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = run(
        "mail",
        "--test",
        "--to",
        "nayok@example.go.th",
        *server.options(),
        "--timeout",
        "1",
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert f"[{code}]" in done.stderr
    assert "ส่งสำเร็จ 0 จาก 1 ข้อความ" in done.stdout
