"""Each rule of ita_xlsx.rules on its own: a record built as the merge makes it, the problem the rule
raises at the record's cell (file, sheet, cell, measure, division, code), and none on a clean record.

The plan is the small plan (tests/golden/plan-small.yaml): m1 monthly for palad and finance, m6 due
once before the fiscal year starts and once inside it; the 6-month round runs 1 Oct 2022 - 31 Mar 2023.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ita_xlsx.check import rules
from ita_xlsx.read.records import LogEntry, Record

from problem_assert import assert_problems

FILE, SHEET, DIVISION = "finance.xlsx", "มาตรการ", "finance"
CELLS = {"status": "E7", "action_date": "F7", "result": "G7"}
AS_OF = dt.date(2023, 3, 15)


def record(measure_id: str = "m1", division: str = DIVISION, **values) -> Record:
    return Record(measure_id, division, source=FILE, sheet=SHEET, row=7, cells=dict(CELLS), **values)


def at_date_cell(code: str, record: Record) -> dict:
    return {
        "file": FILE,
        "sheet": SHEET,
        "cell": "F7",
        "measure_id": record.measure_id,
        "division": record.division,
        "code": code,
    }


def run(rule, rec: Record, *args) -> list:
    found: list = []
    rule(rec, *args, rules.reporter(rec, found))
    return found


@pytest.fixture(scope="module")
def rnd(small_plan):
    return small_plan.round("6m")


# --- date-missing ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status", ["done", "ongoing"])
def test_date_missing_at_the_date_cell(status):
    rec = record(status=status)
    assert_problems(run(rules.date_missing, rec), [at_date_cell("date-missing", rec)])


@pytest.mark.parametrize(
    "values",
    [
        {"status": "done", "action_date": dt.date(2023, 1, 5)},
        {"status": "ongoing", "log": [LogEntry("m1", dt.date(2022, 11, 3), "ประชุม", "", "A5")]},
        {"status": "not_started"},
        {"status": "in_progress"},
    ],
    ids=["dated", "with-a-log", "not-started", "in-progress"],
)
def test_date_missing_not_said_with_a_date_a_log_or_nothing_done(values):
    assert_problems(run(rules.date_missing, record(**values)), [])


# --- date-with-not-started ------------------------------------------------------------------------
def test_date_with_not_started_at_the_date_cell():
    rec = record(status="not_started", action_date=dt.date(2023, 1, 5))
    assert_problems(run(rules.date_with_not_started, rec), [at_date_cell("date-with-not-started", rec)])


@pytest.mark.parametrize(
    "values",
    [{"status": "not_started"}, {"status": "done", "action_date": dt.date(2023, 1, 5)}],
    ids=["not-started-undated", "done-dated"],
)
def test_date_with_not_started_not_said_otherwise(values):
    assert_problems(run(rules.date_with_not_started, record(**values)), [])


# --- date-after-round -----------------------------------------------------------------------------
def test_date_after_round_at_the_date_cell(rnd):
    rec = record(status="done", action_date=dt.date(2023, 4, 5))
    assert_problems(run(rules.date_after_round, rec, rnd), [at_date_cell("date-after-round", rec)])


@pytest.mark.parametrize("day", [dt.date(2023, 3, 31), dt.date(2022, 10, 1)], ids=["last-day", "first-day"])
def test_date_after_round_not_said_within_the_round(rnd, day):
    assert_problems(run(rules.date_after_round, record(status="done", action_date=day), rnd), [])


# --- date-after-as-of -----------------------------------------------------------------------------
def test_date_after_as_of_at_the_date_cell(rnd):
    rec = record(status="done", action_date=dt.date(2023, 3, 20))
    assert_problems(run(rules.date_after_as_of, rec, rnd, AS_OF), [at_date_cell("date-after-as-of", rec)])


@pytest.mark.parametrize(
    "day", [AS_OF, dt.date(2023, 4, 5)], ids=["on-the-as-of-date", "after-the-round-said-so-instead"]
)
def test_date_after_as_of_not_said_up_to_the_as_of_date_nor_after_the_round(rnd, day):
    assert_problems(run(rules.date_after_as_of, record(status="done", action_date=day), rnd, AS_OF), [])


# --- date-before-year -----------------------------------------------------------------------------
def test_date_before_year_at_the_date_cell(small_plan):
    rec = record(status="done", action_date=dt.date(2022, 9, 15))
    found = run(rules.date_before_year, rec, small_plan.measure("m1"), small_plan)
    assert_problems(found, [at_date_cell("date-before-year", rec)])


def test_date_before_year_not_said_inside_the_year(small_plan):
    rec = record(status="done", action_date=dt.date(2022, 10, 1))
    assert_problems(run(rules.date_before_year, rec, small_plan.measure("m1"), small_plan), [])


def test_date_before_year_not_said_when_a_deadline_comes_before_the_year(small_plan):
    """m6 is due on 30 Sep 2022 too: acting before the year is acting on time."""
    rec = record("m6", "palad", status="done", action_date=dt.date(2022, 9, 15))
    assert_problems(run(rules.date_before_year, rec, small_plan.measure("m6"), small_plan), [])


# --- period-without-action ------------------------------------------------------------------------
def due(small_plan, rnd, measure_id: str = "m1"):
    return small_plan.measure(measure_id).due_in(rnd, small_plan.fiscal_year)


def test_period_without_action_at_the_date_cell_names_the_periods(small_plan, rnd):
    rec = record(status="done", action_date=dt.date(2023, 1, 10))
    found = run(rules.period_without_action, rec, due(small_plan, rnd), AS_OF)
    assert_problems(found, [at_date_cell("period-without-action", rec)])
    assert rec.missed_periods == ["2022-10-31", "2022-11-30", "2022-12-31", "2023-02-28"]
    assert rec.due_date == dt.date(2022, 10, 31)  # the earliest deadline missed


def test_period_without_action_not_said_when_the_log_covers_every_period(small_plan, rnd):
    months = [(2022, 10), (2022, 11), (2022, 12), (2023, 1), (2023, 2)]
    log = [LogEntry("m1", dt.date(year, month, 15), "ประชุม", "") for year, month in months]
    rec = record(status="ongoing", action_date=dt.date(2023, 3, 1), log=log)
    assert_problems(run(rules.period_without_action, rec, due(small_plan, rnd), AS_OF), [])
    assert rec.missed_periods == []


# --- the rules together, as the collection runs them ---------------------------------------------
def test_evaluate_says_after_the_round_not_also_after_the_as_of_date(small_plan, rnd):
    rec = record("m2", status="done", action_date=dt.date(2023, 4, 5))
    found = rules.evaluate(rec, small_plan.measure("m2"), small_plan, rnd, AS_OF)
    assert_problems(found, [at_date_cell("date-after-round", rec)])
    assert rec.state == "done_late"


def test_evaluate_a_clean_record_raises_nothing(small_plan, rnd):
    rec = record("m2", status="done", action_date=dt.date(2022, 12, 1))
    assert_problems(rules.evaluate(rec, small_plan.measure("m2"), small_plan, rnd, AS_OF), [])
    assert rec.state == "done"


def test_evaluate_a_missing_record_raises_nothing_and_counts_the_days_late(small_plan, rnd):
    rec = Record("m2", DIVISION)
    assert_problems(rules.evaluate(rec, small_plan.measure("m2"), small_plan, rnd, AS_OF), [])
    assert (rec.state, rec.days_overdue) == ("missing", (AS_OF - dt.date(2022, 12, 15)).days)
