"""The coordinator's decisions: a division's chosen return accepted, or opened again."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from ita_xlsx.store.schema import StoreError, transaction


@dataclass(frozen=True, slots=True)
class Accepted:
    """A division's accepted return: the version that stays in use until it is reopened."""

    division: str
    submission_id: int
    at: str
    generated: str
    modified: str
    path: str


def accepted_returns(conn: sqlite3.Connection, fiscal_year: int, round_id: str) -> dict[str, Accepted]:
    """The accepted return of each division in a round (the last decision of each is an accept)."""
    rows = conn.execute(
        """
        SELECT d.division, d.submission_id, d.at, s.generated, s.modified, s.first_path
        FROM decisions d JOIN submissions s USING (submission_id)
        WHERE d.fiscal_year = ? AND d.round = ? AND d.action = 'accept'
          AND d.decision_id = (SELECT max(decision_id) FROM decisions e
                               WHERE e.fiscal_year = d.fiscal_year AND e.round = d.round
                                 AND e.division = d.division)
        """,
        (fiscal_year, round_id),
    )
    return {row[0]: Accepted(*row) for row in rows}


def latest_year(conn: sqlite3.Connection, round_id: str) -> int:
    row = conn.execute("SELECT max(fiscal_year) FROM runs WHERE round = ?", (round_id,)).fetchone()
    if row[0] is None:
        raise StoreError("store.no-run", round=round_id)
    return row[0]


def resolve_division(conn: sqlite3.Connection, run_id: int, text: str) -> str:
    """A division's code from its code or its name as the records of a run give them."""
    row = conn.execute(
        "SELECT division FROM records WHERE run_id = ? AND (division = ? OR division_name = ?) LIMIT 1",
        (run_id, text.strip(), text.strip()),
    ).fetchone()
    if row is None:
        raise StoreError("store.unknown-division", division=text)
    return row[0]


def decide(
    conn: sqlite3.Connection,
    path: str,
    action: str,
    round_id: str,
    divisions: list[str],
    *,
    fiscal_year: int | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> list[tuple[str, str]]:
    """Accept (or reopen) each division's return in the round; (division, the file) for each.

    Accepting takes the return chosen in the round's latest run. All or nothing: an unknown
    division, or one with no return to accept or nothing to reopen, changes nothing.
    """
    at = (now or dt.datetime.now()).replace(microsecond=0).isoformat()
    with transaction(conn, path):
        year = fiscal_year or latest_year(conn, round_id)
        run_id = _latest_run(conn, year, round_id)
        accepted = accepted_returns(conn, year, round_id)
        done = []
        for text in divisions:
            code = resolve_division(conn, run_id, text)
            if action == "accept":
                submission_id, file = _chosen(conn, run_id, code)
            else:
                if code not in accepted:
                    raise StoreError("store.not-accepted", division=text, round=round_id)
                submission_id, file = accepted[code].submission_id, accepted[code].path
            conn.execute(
                "INSERT INTO decisions (at, fiscal_year, round, division, action, submission_id, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (at, year, round_id, code, action, submission_id, note),
            )
            done.append((code, file))
    return done


def _latest_run(conn: sqlite3.Connection, year: int, round_id: str) -> int:
    row = conn.execute(
        "SELECT max(run_id) FROM runs WHERE fiscal_year = ? AND round = ?", (year, round_id)
    ).fetchone()
    if row[0] is None:
        raise StoreError("store.no-run", round=round_id)
    return row[0]


def _chosen(conn: sqlite3.Connection, run_id: int, division: str) -> tuple[int, str]:
    row = conn.execute(
        "SELECT submission_id, path FROM run_files WHERE run_id = ? AND division = ? AND chosen = 1",
        (run_id, division),
    ).fetchone()
    if row is None or row[0] is None:
        raise StoreError("store.nothing-to-accept", division=division)
    return row[0], row[1]
