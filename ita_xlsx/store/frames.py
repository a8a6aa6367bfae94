"""The store for analysts, as pandas DataFrames (pandas is imported here only, never by collect).

>>> from ita_xlsx.store import Store
>>> Store("ita-store.sqlite").records().groupby(["fiscal_year", "round"]).state.value_counts()
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd

from ita_xlsx.store.queries import LATEST_RUNS
from ita_xlsx.store.schema import connect

RECORDS_SQL = f"""
    SELECT u.fiscal_year, u.round, r.measure_id, r.division, r.status, r.action_date, r.due_date,
           r.state, r.run_id
    FROM records r JOIN runs u USING (run_id)
    WHERE r.run_id IN ({LATEST_RUNS})
    ORDER BY u.fiscal_year, u.as_of, u.round, r.division, r.measure_id"""
SUBMISSIONS_SQL = """
    SELECT s.fiscal_year, s.round, s.division, s.submission_id, s.sha256, s.size, s.received,
           CASE WHEN d.return_by IS NULL OR s.received IS NULL THEN NULL
                ELSE CAST(julianday(date(s.received)) - julianday(d.return_by) AS INTEGER) END AS days_late,
           s.first_run, s.first_path, s.generated, s.modified,
           (SELECT max(at) FROM decisions a WHERE a.submission_id = s.submission_id
              AND a.action = 'accept') AS accepted_at
    FROM submissions s
    LEFT JOIN (SELECT fiscal_year, round, max(return_by) AS return_by FROM runs GROUP BY fiscal_year, round) d
         ON d.fiscal_year = s.fiscal_year AND d.round = s.round
    ORDER BY s.fiscal_year, s.round, s.division, s.received, s.submission_id"""
PROBLEMS_SQL = f"""
    SELECT u.fiscal_year, u.round, p.run_id, p.severity, p.code, p.file, p.sheet, p.cell,
           p.measure_id, p.division, p.message_th
    FROM problems p JOIN runs u USING (run_id)
    WHERE p.run_id IN ({LATEST_RUNS})
    ORDER BY u.fiscal_year, u.round, p.seq"""
RUNS_SQL = """
    SELECT run_id, started, office, office_code, plan_id, plan_fingerprint, fiscal_year, round,
           round_name, return_by, as_of, records, percent_done, files_accepted, files_rejected,
           errors, warnings, results_run_id
    FROM runs ORDER BY run_id"""
_DATES = {
    "records": ("action_date", "due_date"),
    "submissions": ("received",),
    "runs": ("started", "return_by", "as_of"),
}


class Store:
    """The office store at ``path``, read as tables; each call reads it afresh."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def records(self) -> pd.DataFrame:
        """One row per (fiscal year, round, measure, division), from the latest run of each round."""
        return self._frame(RECORDS_SQL, "records")

    def submissions(self) -> pd.DataFrame:
        """Every return by content, with when it came, days late (negative: early) and acceptance."""
        return self._frame(SUBMISSIONS_SQL, "submissions")

    def problems(self) -> pd.DataFrame:
        """The problems of the latest run of each round."""
        return self._frame(PROBLEMS_SQL, "problems")

    def runs(self) -> pd.DataFrame:
        """Every collection recorded, oldest first."""
        return self._frame(RUNS_SQL, "runs")

    def _frame(self, sql: str, name: str) -> pd.DataFrame:
        with contextlib.closing(connect(self.path, create=False)) as conn:
            frame = pd.read_sql_query(sql, conn)
        for column in _DATES.get(name, ()):
            frame[column] = pd.to_datetime(frame[column])
        return frame


def tables(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of :class:`Store`, by name."""
    store = Store(path)
    return {name: getattr(store, name)() for name in ("records", "submissions", "problems", "runs")}


__all__ = ["Store", "tables"]
