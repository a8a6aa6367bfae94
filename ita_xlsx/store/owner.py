"""Whose store this is: one office, and one plan for each fiscal year."""

from __future__ import annotations

import sqlite3

from ita_xlsx.store.schema import StoreError


def office_of(plan) -> tuple[str, str]:
    """The office's name and official code (empty when the plan has none)."""
    return plan.office.name, str(getattr(plan.office, "code", "") or "")


def check_owner(conn: sqlite3.Connection, plan, path: str) -> None:
    """Refuse a plan of another office, or another plan of a fiscal year the store already holds."""
    name, code = office_of(plan)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    if "office" in meta:
        same = code == meta.get("office_code") if code and meta.get("office_code") else name == meta["office"]
        if not same:
            raise StoreError("store.other-office", path=path, found=meta["office"], expected=name)
    row = conn.execute(
        "SELECT plan_id FROM runs WHERE fiscal_year = ? AND plan_id <> ? LIMIT 1",
        (plan.fiscal_year, plan.plan_id),
    ).fetchone()
    if row is not None:
        raise StoreError(
            "store.other-plan", path=path, year=plan.fiscal_year, found=row[0], expected=plan.plan_id
        )


def claim(conn: sqlite3.Connection, plan) -> None:
    """Write the office into a new store (inside the caller's transaction)."""
    name, code = office_of(plan)
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('office', ?)", (name,))
    if code:
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('office_code', ?)", (code,))
