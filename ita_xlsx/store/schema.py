"""The store's schema, its versions, and opening a store safely.

One SQLite file per office (WAL journal). The schema version is ``PRAGMA user_version``; a store
of an older version is copied beside itself (``NAME.vN.bak``) and then migrated, each step in one
transaction. A store this program cannot use (damaged, of a newer version, read-only, locked by a
long run) raises :class:`StoreError`, which names a catalogue message: nothing is changed.
See docs/store.md.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

BUSY_SECONDS = 30.0  # how long a second run waits for the first one to finish writing

# Each step takes the store from version i to i + 1. Never edit a step once released: add one.
MIGRATIONS: tuple[str, ...] = (
    # 1: runs, the files each run read, submissions by content, records, problems, decisions
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        plan_fingerprint TEXT NOT NULL,
        office TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        round TEXT NOT NULL,
        round_name TEXT NOT NULL,
        return_by TEXT,
        as_of TEXT NOT NULL,
        records INTEGER NOT NULL,
        percent_done REAL NOT NULL,
        files_accepted INTEGER NOT NULL,
        files_rejected INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL
    );
    CREATE TABLE submissions (
        submission_id INTEGER PRIMARY KEY,
        fiscal_year INTEGER NOT NULL,
        round TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER,
        division TEXT,
        identity TEXT NOT NULL DEFAULT '',
        received TEXT,
        first_run INTEGER NOT NULL REFERENCES runs(run_id),
        first_path TEXT NOT NULL,
        UNIQUE (fiscal_year, round, sha256)
    );
    CREATE TABLE run_files (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        received TEXT,
        accepted INTEGER NOT NULL,
        why_not TEXT,
        division TEXT,
        chosen INTEGER NOT NULL,
        chosen_why TEXT,
        submission_id INTEGER REFERENCES submissions(submission_id),
        PRIMARY KEY (run_id, seq)
    );
    CREATE TABLE records (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        measure_id TEXT NOT NULL,
        division TEXT NOT NULL,
        division_name TEXT NOT NULL,
        section TEXT,
        indicator INTEGER,
        status TEXT NOT NULL,
        action_date TEXT,
        due_date TEXT,
        state TEXT NOT NULL,
        days_overdue INTEGER,
        missed_periods TEXT NOT NULL,
        result TEXT NOT NULL,
        evidence TEXT NOT NULL,
        note TEXT NOT NULL,
        log TEXT NOT NULL,
        source TEXT,
        PRIMARY KEY (run_id, measure_id, division)
    );
    CREATE TABLE problems (
        run_id INTEGER NOT NULL REFERENCES runs(run_id),
        seq INTEGER NOT NULL,
        severity TEXT NOT NULL,
        code TEXT NOT NULL,
        file TEXT,
        sheet TEXT,
        cell TEXT,
        measure_id TEXT,
        division TEXT,
        message_th TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
    );
    CREATE TABLE decisions (
        decision_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        round TEXT NOT NULL,
        division TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('accept', 'reopen')),
        submission_id INTEGER REFERENCES submissions(submission_id),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX runs_round ON runs (fiscal_year, round);
    CREATE INDEX decisions_division ON decisions (fiscal_year, round, division);
    """,
    # 2: the office code and the results' own run id; the identity of a version; feedback sent;
    # each year's measures (their indicator's name, the id they had the year before)
    """
    ALTER TABLE runs ADD COLUMN office_code TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN results_run_id TEXT;
    ALTER TABLE submissions ADD COLUMN generated TEXT NOT NULL DEFAULT '';
    ALTER TABLE submissions ADD COLUMN modified TEXT NOT NULL DEFAULT '';
    CREATE TABLE feedback (
        feedback_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        round TEXT NOT NULL,
        division TEXT NOT NULL,
        code TEXT NOT NULL,
        measure_id TEXT NOT NULL DEFAULT '',
        sheet TEXT NOT NULL DEFAULT '',
        cell TEXT NOT NULL DEFAULT '',
        message_th TEXT NOT NULL
    );
    CREATE INDEX feedback_round ON feedback (fiscal_year, round, division);
    CREATE TABLE plan_measures (
        fiscal_year INTEGER NOT NULL,
        measure_id TEXT NOT NULL,
        previous_id TEXT NOT NULL DEFAULT '',
        section TEXT NOT NULL,
        indicator INTEGER NOT NULL,
        indicator_name TEXT NOT NULL,
        PRIMARY KEY (fiscal_year, measure_id)
    );
    """,
)
VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """A store that cannot be used as asked; ``key`` names the Thai/English message to show."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def connect(
    path: str | Path, *, create: bool = True, busy_seconds: float | None = None
) -> sqlite3.Connection:
    """An open, current store at ``path`` (made when absent and ``create``); migrated after a backup."""
    path = Path(path)
    if path.is_dir():
        raise StoreError("store.is-folder", path=str(path))
    if not path.exists():
        if not create:
            raise StoreError("store.not-found", path=str(path))
        if not os.access(path.parent if str(path.parent) else ".", os.W_OK):
            raise StoreError("store.read-only", path=str(path))
    elif not os.access(path, os.R_OK):
        raise StoreError("store.damaged", path=str(path), reason="permission denied")
    conn = _open(path, busy_seconds)
    try:
        _make_current(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _open(path: Path, busy_seconds: float | None) -> sqlite3.Connection:
    wait = busy_seconds if busy_seconds is not None else float(os.environ.get("ITA_STORE_WAIT", BUSY_SECONDS))
    conn = sqlite3.connect(path, timeout=wait, isolation_level=None)  # transactions are explicit
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StoreError("store.newer", path=str(path), version=version, supported=VERSION)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _make_current(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == VERSION:
            _check_integrity(conn, path)
            return
        if version and not os.access(path, os.W_OK):
            raise StoreError("store.read-only", path=str(path))
        if version:
            _check_integrity(conn, path)
            backup(conn, path, version)
        else:
            _refuse_foreign(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once, when made or migrated
        migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from None


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """A version-0 file that already holds tables is some other program's database."""
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError("store.damaged", path=str(path), reason="not an ita-xlsx store")


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    found = conn.execute("PRAGMA quick_check").fetchone()[0]
    if found != "ok":
        raise StoreError("store.damaged", path=str(path), reason=found)


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A copy of the store as it is (version ``version``), beside it, before it is migrated."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(path, partial)
    os.replace(partial, target)
    return target


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Apply each missing step in a transaction of its own; a step that fails leaves the last version."""
    for number in range(version, VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def translate(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """What SQLite said, as a store error a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError("store.busy", path=str(path))
    if "readonly" in text or "read-only" in text:
        return StoreError("store.read-only", path=str(path))
    if "disk is full" in text or "disk i/o" in text or "unable to open" in text:
        return StoreError("store.write-failed", path=str(path), reason=str(exc))
    return StoreError("store.damaged", path=str(path), reason=str(exc))


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: str | Path):
    """One write transaction, taken at once (a second writer waits here, never halfway)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise translate(exc, path) from None
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
