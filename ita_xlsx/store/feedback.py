"""Problems sent back to divisions, and which of them the next collection finds fixed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ita_xlsx.store.owner import check_owner, claim
from ita_xlsx.store.schema import transaction


@dataclass(frozen=True, slots=True)
class Outcome:
    """For one division: how many of the problems sent back are fixed, and which remain."""

    division: str
    division_name: str
    fixed: int
    remaining: tuple[str, ...]  # the Thai message of each problem still there


def record_feedback(
    conn: sqlite3.Connection, path: str, plan, round_id: str, sent: Iterable[tuple[str, Iterable]]
) -> int:
    """Record the problems sent back: (division code, its problems) for each workbook written."""
    at = dt.datetime.now().replace(microsecond=0).isoformat()
    count = 0
    with transaction(conn, path):
        check_owner(conn, plan, path)
        claim(conn, plan)
        for division, found in sent:
            for p in found:
                conn.execute(
                    """INSERT INTO feedback (at, fiscal_year, round, division, code, measure_id, sheet,
                           cell, message_th) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        at,
                        plan.fiscal_year,
                        round_id,
                        division,
                        p.code,
                        p.measure_id or "",
                        p.sheet or "",
                        p.cell or "",
                        p.message_th,
                    ),
                )
                count += 1
    return count


def feedback_outcome(conn: sqlite3.Connection, run_id: int) -> list[Outcome]:
    """For each division sent feedback in the run's round (its latest batch): fixed and remaining.

    A problem is the same when its code, measure, sheet and cell are; it is fixed when the run
    no longer finds it in the division's file.
    """
    year, round_id = conn.execute(
        "SELECT fiscal_year, round FROM runs WHERE run_id = ?", (run_id,)
    ).fetchone()
    rows = conn.execute(
        """SELECT f.division, f.code, f.measure_id, f.sheet, f.cell, f.message_th,
                  EXISTS (SELECT 1 FROM problems p WHERE p.run_id = ? AND p.division = f.division
                          AND p.code = f.code AND coalesce(p.measure_id, '') = f.measure_id
                          AND coalesce(p.sheet, '') = f.sheet AND coalesce(p.cell, '') = f.cell)
           FROM feedback f
           WHERE f.fiscal_year = ? AND f.round = ?
             AND f.at = (SELECT max(at) FROM feedback g WHERE g.fiscal_year = f.fiscal_year
                         AND g.round = f.round AND g.division = f.division)
           ORDER BY f.division, f.feedback_id""",
        (run_id, year, round_id),
    ).fetchall()
    names = dict(
        conn.execute("SELECT DISTINCT division, division_name FROM records WHERE run_id = ?", (run_id,))
    )
    by_division: dict[str, tuple[int, list[str]]] = {}
    for division, *_key, message, still in rows:
        fixed, remaining = by_division.setdefault(division, (0, []))
        if still:
            remaining.append(message)
        else:
            by_division[division] = (fixed + 1, remaining)
    return [
        Outcome(code, names.get(code, code), fixed, tuple(remaining))
        for code, (fixed, remaining) in by_division.items()
    ]
