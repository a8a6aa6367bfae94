"""The helper every rule's test goes through compares where and what, and fails both ways."""

from __future__ import annotations

import pytest

from ita_xlsx.core import problems

from problem_assert import assert_problems, located

FOUND = [
    problems.warning(
        "date-missing", file="a.xlsx", sheet="มาตรการ", cell="H5", measure_id="m1", division="x"
    ),
    problems.info("file-superseded", file="b.xlsx", division="x", newer="a.xlsx"),
]


def test_located_is_the_location_and_the_code():
    assert located(FOUND[0]) == ("a.xlsx", "มาตรการ", "H5", "m1", "x", "date-missing")


def test_the_same_problems_in_any_order_and_form_pass():
    superseded = {"file": "b.xlsx", "measure_id": None, "division": "x", "code": "file-superseded"}
    assert_problems(
        FOUND, [superseded, ("มาตรการ", "H5", "date-missing")], file="a.xlsx", measure_id="m1", division="x"
    )
    assert_problems(
        FOUND[:1], [("H5", "date-missing")], file="a.xlsx", sheet="มาตรการ", measure_id="m1", division="x"
    )


@pytest.mark.parametrize(
    "expected",
    [
        [],  # a problem too many
        [("H5", "date-missing"), ("H5", "date-missing")],  # one too few
        [("H6", "date-missing")],  # another cell
        [("H5", "date-after-round")],  # another code
    ],
)
def test_any_difference_fails(expected):
    with pytest.raises(AssertionError):
        assert_problems(FOUND[:1], expected, file="a.xlsx", sheet="มาตรการ", measure_id="m1", division="x")


def test_another_division_or_measure_fails():
    with pytest.raises(AssertionError):
        assert_problems(FOUND[:1], [("H5", "date-missing")], file="a.xlsx", sheet="มาตรการ", measure_id="m1")


def test_codes_narrow_the_comparison():
    assert_problems(FOUND, [], codes=["conflicting-versions"])
    with pytest.raises(AssertionError):
        assert_problems(FOUND, [], codes=["file-superseded"])
