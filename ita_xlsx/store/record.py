"""Recording a finished collection: the run, every input file, the records and the problems.

Everything goes in one transaction: a run killed at any moment leaves the store as it was. The
records and problems are read from the results one at a time (they lie on disk there), so
recording never holds them all.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ita_xlsx.core import problems, thaidates
from ita_xlsx.store.decisions import Accepted, accepted_returns
from ita_xlsx.store.inputs import InputFile
from ita_xlsx.store.owner import check_owner, claim, office_of
from ita_xlsx.store.schema import transaction

_ERROR = problems.ERROR


@dataclass
class Watch:
    """Passed to ``collect`` as ``hold``: it sees each accepted workbook as it is merged.

    It notes each version's identity (template time, saved time), and holds back a return that a
    division sent after its return for the round was accepted (``submission-after-accept``):
    that file is not used until the coordinator reopens the division.
    """

    accepted: dict[tuple[str, str], Accepted] = field(default_factory=dict)  # (round, division) →
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # file → (generated, modified)
    held: set[str] = field(default_factory=set)

    def __call__(self, ret) -> bool:
        version = (ret.generated or "", ret.modified or "")
        self.versions[ret.source] = version
        accepted = self.accepted.get((ret.round_id or "", ret.division or ""))
        if accepted is None or version <= (accepted.generated, accepted.modified):
            return False  # the accepted version itself, or an older one it supersedes anyway
        when = thaidates.format_thai(dt.date.fromisoformat(accepted.at[:10]))
        ret.report(problems.warning, "submission-after-accept", accepted=when, file_accepted=accepted.path)
        self.held.add(ret.source)
        return True


def watch_for(conn: sqlite3.Connection, plan) -> Watch:
    """A :class:`Watch` that knows every accepted return of the plan's fiscal year."""
    watch = Watch()
    for rnd in plan.rounds:
        for division, accepted in accepted_returns(conn, plan.fiscal_year, rnd.id).items():
            watch.accepted[(rnd.id, division)] = accepted
    return watch


def record_run(
    conn: sqlite3.Connection,
    path: str,
    results,
    inputs: Mapping[str, InputFile],
    watch: Watch | None = None,
    *,
    started: dt.datetime | None = None,
) -> int:
    """Record ``results`` as a new run; its id. Raises StoreError and changes nothing on failure."""
    plan = results.plan
    watch = watch or Watch()
    with transaction(conn, path):
        check_owner(conn, plan, path)
        claim(conn, plan)
        run_id = _insert_run(conn, results, started or dt.datetime.now())
        _keep_measures(conn, plan)
        view = results.view()
        accepted = {d for (r, d) in watch.accepted if r == results.round_id}
        _insert_files(conn, run_id, results, inputs, watch, accepted)
        conn.executemany(_RECORD_SQL, _record_rows(run_id, view["records"]))
        conn.executemany(_PROBLEM_SQL, _problem_rows(run_id, view["problems"]))
    return run_id


def _insert_run(conn: sqlite3.Connection, results, started: dt.datetime) -> int:
    plan, summary = results.plan, results.summary()
    rnd = plan.round(results.round_id)
    name, code = office_of(plan)
    cursor = conn.execute(
        """INSERT INTO runs (started, plan_id, plan_fingerprint, office, office_code, fiscal_year, round,
               round_name, return_by, as_of, records, percent_done, files_accepted, files_rejected,
               errors, warnings, results_run_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            started.replace(microsecond=0).isoformat(),
            plan.plan_id,
            plan.fingerprint(),
            name,
            code,
            plan.fiscal_year,
            results.round_id,
            rnd.name if rnd else results.round_id,
            rnd.return_by.isoformat() if rnd and rnd.return_by else None,
            results.as_of.isoformat(),
            summary["records"],
            summary["percent_done"],
            summary["files_accepted"],
            summary["files_rejected"],
            summary["errors"],
            summary["warnings"],
            getattr(results, "run_id", None),
        ),
    )
    if cursor.lastrowid is None:  # an INSERT always sets it
        raise RuntimeError("the run was not stored")
    return cursor.lastrowid


def _keep_measures(conn: sqlite3.Connection, plan) -> None:
    """The year's measures as the plan of its latest run has them (a few hundred rows at most)."""
    conn.execute("DELETE FROM plan_measures WHERE fiscal_year = ?", (plan.fiscal_year,))
    conn.executemany(
        "INSERT INTO plan_measures VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                plan.fiscal_year,
                m.id,
                getattr(m, "previous_id", "") or "",
                m.section,
                m.indicator,
                _indicator_name(plan, m.indicator),
            )
            for m in plan.measures
        ],
    )


def _indicator_name(plan, number: int) -> str:
    indicator = plan.indicator(number)
    return indicator.name if indicator else ""


def _insert_files(conn, run_id: int, results, inputs, watch: Watch, accepted: set[str]) -> None:
    versions_by_division: dict[str, int] = {}
    for report in results.files:
        if report.accepted and report.division:
            versions_by_division[report.division] = versions_by_division.get(report.division, 0) + 1
    for seq, report in enumerate(results.files):
        info = inputs.get(report.path)
        why, chosen = _choice(report, watch, accepted, versions_by_division)
        submission_id = None
        if info is not None and report.division:
            submission_id = _submission(conn, run_id, results, report, info, watch)
        elif info is not None:  # a copy of a return (intake-duplicate): the same submission
            submission_id = _known(conn, results.plan.fiscal_year, report.round or results.round_id, info)
        conn.execute(
            """INSERT INTO run_files (run_id, seq, path, sha256, size, received, accepted, why_not,
                   division, chosen, chosen_why, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                run_id,
                seq,
                report.path,
                info.sha256 if info else None,
                info.size if info else None,
                info.received if info else None,
                int(report.accepted),
                None if report.accepted else _why_not(report),
                report.division,
                int(chosen),
                why,
                submission_id,
            ),
        )


def _choice(report, watch: Watch, accepted: set[str], versions: dict[str, int]) -> tuple[str | None, bool]:
    """Whether a file's records were used, and why (or why not) as a short code."""
    if report.path in watch.held:
        return "held-after-accept", False
    if not report.accepted or not report.division:
        return None, False
    if report.superseded_by is not None:
        return "superseded", False
    if report.division in accepted:
        return "accepted", True
    return ("newest" if versions.get(report.division, 0) > 1 else "only"), True


def _why_not(report) -> str | None:
    """The code of the first error that kept a file out, or of what it was (a copy, a lock file)."""
    found = list(report.problems)
    for problem in found:
        if problem.severity == _ERROR:
            return problem.code
    return found[0].code if found else None


def _submission(conn, run_id: int, results, report, info: InputFile, watch: Watch) -> int:
    """The return with this content in this round: recorded the first time it is seen."""
    year, round_id = results.plan.fiscal_year, report.round or results.round_id
    generated, modified = watch.versions.get(report.path, ("", ""))
    conn.execute(
        """INSERT OR IGNORE INTO submissions (fiscal_year, round, sha256, size, division, identity,
               received, first_run, first_path, generated, modified)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            year,
            round_id,
            info.sha256,
            info.size,
            report.division,
            f"{results.plan.plan_id} {year} {round_id} {report.division} {generated}".strip(),
            info.received,
            run_id,
            report.path,
            generated,
            modified,
        ),
    )
    submission_id = _known(conn, year, round_id, info)
    if submission_id is None:  # inserted just now, or there already
        raise RuntimeError("the return was not stored")
    return submission_id


def _known(conn, year: int, round_id: str, info: InputFile) -> int | None:
    row = conn.execute(
        "SELECT submission_id FROM submissions WHERE fiscal_year = ? AND round = ? AND sha256 = ?",
        (year, round_id, info.sha256),
    ).fetchone()
    return row[0] if row else None


_RECORD_SQL = """INSERT INTO records (run_id, measure_id, division, division_name, section, indicator,
    status, action_date, due_date, state, days_overdue, missed_periods, result, evidence, note, log, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_PROBLEM_SQL = """INSERT INTO problems (run_id, seq, severity, code, file, sheet, cell, measure_id,
    division, message_th) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def _record_rows(run_id: int, records: Iterable[Mapping]) -> Iterator[tuple]:
    for r in records:
        yield (
            run_id,
            r["measure_id"],
            r["division"],
            r.get("division_name") or r["division"],
            r.get("section"),
            r.get("indicator"),
            r["status"],
            r.get("action_date"),
            r.get("due_date"),
            r["state"],
            r.get("days_overdue"),
            json.dumps(r.get("missed_periods") or [], ensure_ascii=False),
            r.get("result") or "",
            r.get("evidence") or "",
            r.get("note") or "",
            json.dumps(r.get("log") or [], ensure_ascii=False),
            r.get("source"),
        )


def _problem_rows(run_id: int, found: Iterable[Mapping]) -> Iterator[tuple]:
    for seq, p in enumerate(found):
        yield (
            run_id,
            seq,
            p["severity"],
            p["code"],
            p.get("file"),
            p.get("sheet"),
            p.get("cell"),
            p.get("measure_id"),
            p.get("division"),
            p.get("message_th") or "",
        )
