"""The one way tests assert problems: where each one is (file, sheet, cell, measure, division) and its
code, never its wording.

    assert_problems(found, [("F7", "date-after-round")], file="a.xlsx", sheet="มาตรการ", measure_id="m1",
                    division="finance")

Each expected problem is ``(cell, code)``, ``(sheet, cell, code)`` or a dict naming any of the location
fields and the code; the keyword arguments give the fields an entry leaves out. The found and the
expected problems are compared as a whole, in any order: a problem too many fails as a problem too
few does. ``codes`` narrows the comparison to those codes (a rule's own, in a file with other notes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

FIELDS = ("file", "sheet", "cell", "measure_id", "division", "code")


def located(problem) -> tuple:
    """A problem as (file, sheet, cell, measure_id, division, code)."""
    return tuple(getattr(problem, name) for name in FIELDS)


def assert_problems(
    found: Iterable,
    expected: Iterable[tuple | Mapping],
    *,
    codes: Iterable[str] | None = None,
    file: str | None = None,
    sheet: str | None = None,
    measure_id: str | None = None,
    division: str | None = None,
) -> None:
    common = {"file": file, "sheet": sheet, "measure_id": measure_id, "division": division}
    wanted = [_expected(item, common) for item in expected]
    if codes is not None:
        codes = frozenset(codes)
        unknown = {w[-1] for w in wanted} - codes
        assert not unknown, f"expected codes {sorted(unknown)} are outside codes={sorted(codes)}"
    got = [located(p) for p in found if codes is None or p.code in codes]
    missing = Counter(wanted) - Counter(got)
    extra = Counter(got) - Counter(wanted)
    assert not missing and not extra, _explain(missing, extra)


def _expected(item: tuple | Mapping, common: dict) -> tuple:
    if isinstance(item, Mapping):
        unknown = set(item) - set(FIELDS)
        assert not unknown, f"unknown fields {sorted(unknown)} in {item!r}"
        values = {**common, "cell": None, **item}
    elif len(item) == 2:
        values = {**common, "cell": item[0], "code": item[1]}
    elif len(item) == 3:
        values = {**common, "sheet": item[0], "cell": item[1], "code": item[2]}
    else:
        raise AssertionError(f"an expected problem is (cell, code), (sheet, cell, code) or a dict: {item!r}")
    assert values.get("code"), f"an expected problem names its code: {item!r}"
    return tuple(values[name] for name in FIELDS)


def _explain(missing: Counter, extra: Counter) -> str:
    lines = ["problems differ as (file, sheet, cell, measure_id, division, code):"]
    lines += [f"  missing: {where}" for where in sorted(missing.elements(), key=repr)]
    lines += [f"  not expected: {where}" for where in sorted(extra.elements(), key=repr)]
    return "\n".join(lines)
