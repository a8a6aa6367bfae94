"""What the store tells: the latest run of each round, and the tables the history and the analyst
views are made of. Plain SQL over the schema of :mod:`ita_xlsx.store.schema`; no pandas here."""

from __future__ import annotations

import json
import sqlite3

# The latest run of each round of each fiscal year: what counts for that round.
LATEST_RUNS = "SELECT max(run_id) AS run_id FROM runs GROUP BY fiscal_year, round"

_APPLICABLE = "r.state <> 'not_applicable'"
_DONE = "r.state IN ('done', 'done_late', 'ongoing')"
_PERIODS_MISSING = "(r.missed_periods <> '[]' OR r.state = 'periods_missing')"
# A division received in a run: a file of it was used.
_RECEIVED = "EXISTS (SELECT 1 FROM run_files f WHERE f.run_id = r.run_id AND f.division = r.division AND f.chosen = 1)"


def rounds(conn: sqlite3.Connection) -> list[tuple]:
    """(run_id, fiscal_year, round, round_name, as_of) of each round's latest run, oldest first."""
    return conn.execute(
        f"""SELECT run_id, fiscal_year, round, round_name, as_of FROM runs
            WHERE run_id IN ({LATEST_RUNS}) ORDER BY fiscal_year, as_of, round"""
    ).fetchall()


def _counts(group: str) -> str:
    return f"""SELECT r.run_id, {group},
                  sum({_APPLICABLE}), sum({_APPLICABLE} AND {_DONE}), sum(r.state = 'overdue'),
                  sum({_PERIODS_MISSING}), count(DISTINCT CASE WHEN NOT {_RECEIVED} THEN r.division END)
               FROM records r WHERE r.run_id IN ({LATEST_RUNS})
               GROUP BY r.run_id, {group}"""


def by_round(conn: sqlite3.Connection) -> dict[int, tuple]:
    """run_id → (applicable, done, overdue, periods missing, divisions not received)."""
    rows = conn.execute(_counts("1")).fetchall()
    return {row[0]: row[2:] for row in rows}


def by_division(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[int, tuple]]:
    """(division, its name) → run_id → (applicable, done, overdue, periods missing, not received)."""
    out: dict[tuple[str, str], dict[int, tuple]] = {}
    for row in conn.execute(_counts("r.division, r.division_name")):
        out.setdefault((row[1], row[2]), {})[row[0]] = row[3:]
    return out


def by_indicator(conn: sqlite3.Connection) -> dict[tuple[int, str], dict[int, tuple]]:
    """(indicator, section) → run_id → (applicable, done, overdue, periods missing, not received)."""
    out: dict[tuple[int, str], dict[int, tuple]] = {}
    for row in conn.execute(_counts("coalesce(r.indicator, 0), coalesce(r.section, '')")):
        out.setdefault((row[1], row[2]), {})[row[0]] = row[3:]
    return out


def overdue_runs(conn: sqlite3.Connection) -> dict[tuple[str, str, str], set[int]]:
    """(measure, division, its name) → the latest runs in which it was behind: overdue, or reported
    done or ongoing with periods not reported (``periods_missing``). A measure the NACC
    renumbered (the plan's ``previous_id``) is one measure, named by its ids in order (i7 → i8)."""
    lineage = measure_lineage(conn)
    out: dict[tuple[str, str, str], set[int]] = {}
    rows = conn.execute(
        f"""SELECT u.fiscal_year, r.measure_id, r.division, r.division_name, r.run_id
            FROM records r JOIN runs u USING (run_id)
            WHERE r.run_id IN ({LATEST_RUNS}) AND r.state IN ('overdue', 'periods_missing')"""
    )
    for year, measure_id, division, name, run_id in rows:
        out.setdefault((lineage.get((year, measure_id), measure_id), division, name), set()).add(run_id)
    return out


def measure_lineage(conn: sqlite3.Connection) -> dict[tuple[int, str], str]:
    """(fiscal year, measure id) → the measure's ids over the years, oldest first ("i7 → i8")."""
    rows = conn.execute("SELECT fiscal_year, measure_id, previous_id FROM plan_measures ORDER BY fiscal_year")
    names: dict[tuple[int, str], str] = {}
    for year, measure_id, previous_id in rows:
        before = names.get((year - 1, previous_id or measure_id))
        if before is None:
            names[(year, measure_id)] = measure_id
        elif before.rsplit(" → ", 1)[-1] == measure_id:
            names[(year, measure_id)] = before
        else:
            names[(year, measure_id)] = f"{before} → {measure_id}"
    return names


def indicator_names(conn: sqlite3.Connection) -> dict[tuple[int, str], str]:
    """(indicator, section) → its name in the latest plan that has it."""
    rows = conn.execute("SELECT indicator, section, indicator_name FROM plan_measures ORDER BY fiscal_year")
    return {(number, section): name for number, section, name in rows if name}


def timeline(conn: sqlite3.Connection) -> list[tuple]:
    """Each division's returns, oldest first: (division, name, fiscal year, round, received, days
    late (negative: early), version number, used in the round's latest run, accepted when, path)."""
    return conn.execute(
        f"""
        WITH names AS (SELECT division, max(division_name) AS name FROM records GROUP BY division),
             due AS (SELECT fiscal_year, round, max(return_by) AS return_by FROM runs GROUP BY fiscal_year, round),
             used AS (SELECT submission_id FROM run_files WHERE chosen = 1 AND run_id IN ({LATEST_RUNS}))
        SELECT s.division, coalesce(n.name, s.division), s.fiscal_year, s.round, s.received,
               CASE WHEN d.return_by IS NULL OR s.received IS NULL THEN NULL
                    ELSE CAST(julianday(date(s.received)) - julianday(d.return_by) AS INTEGER) END,
               row_number() OVER (PARTITION BY s.fiscal_year, s.round, s.division
                                  ORDER BY s.received, s.submission_id),
               s.submission_id IN (SELECT submission_id FROM used),
               (SELECT max(at) FROM decisions a WHERE a.submission_id = s.submission_id
                  AND a.action = 'accept'),
               s.first_path
        FROM submissions s LEFT JOIN names n USING (division)
             LEFT JOIN due d ON d.fiscal_year = s.fiscal_year AND d.round = s.round
        ORDER BY coalesce(n.name, s.division), s.received, s.fiscal_year, s.submission_id
        """
    ).fetchall()


def round_records(conn: sqlite3.Connection, fiscal_year: int, round_id: str) -> list[dict]:
    """The records of a round's latest run as the consolidated JSON gives them (for prefill)."""
    row = conn.execute(
        "SELECT max(run_id) FROM runs WHERE fiscal_year = ? AND round = ?", (fiscal_year, round_id)
    ).fetchone()
    return run_records(conn, row[0]) if row[0] is not None else []


def run_records(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """The records of one run, as the consolidated JSON gives them."""
    rows = conn.execute(
        """SELECT measure_id, division, status, action_date, result, evidence, note, log FROM records
           WHERE run_id = ?""",
        (run_id,),
    )
    names = ("measure_id", "division", "status", "action_date", "result", "evidence", "note")
    return [{**dict(zip(names, row[:7], strict=True)), "log": json.loads(row[7])} for row in rows]


def last_round(conn: sqlite3.Connection, fiscal_year: int) -> str | None:
    """The round of a fiscal year collected last (by its as-of date)."""
    row = conn.execute(
        "SELECT round FROM runs WHERE fiscal_year = ? ORDER BY as_of DESC, run_id DESC LIMIT 1",
        (fiscal_year,),
    ).fetchone()
    return row[0] if row else None
