"""A roll-up run: read the offices' results, roll them up, write R.xlsx and R.json together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from ita_xlsx.core.atomic import atomic_path, check_replaceable
from ita_xlsx.rollup.aggregate import RollupResults, roll_up
from ita_xlsx.rollup.expected import read_expected


def output_pair(out: Path) -> tuple[Path, Path]:
    """R.xlsx and R.json: the same stem."""
    return out, out.with_suffix(".json")


def write_rollup(results: RollupResults, out: Path, *, inputs: Iterable[Path] = ()) -> list[Path]:
    """Write R.xlsx and R.json together, atomically; an output that would overwrite an input is
    refused (:class:`ita_xlsx.core.atomic.OutputIsInput`) before anything is written."""
    from ita_xlsx.publish.outputs import refuse_inputs
    from ita_xlsx.rollup.json_out import write_json
    from ita_xlsx.rollup.workbook import write_rollup_workbook

    xlsx_path, json_path = output_pair(out)
    refuse_inputs((xlsx_path, json_path), list(inputs))
    for path in (xlsx_path, json_path):
        check_replaceable(path)
    with atomic_path(json_path) as json_tmp, atomic_path(xlsx_path) as xlsx_tmp:
        with open(json_tmp, "wb") as stream:
            write_json(results, stream)
        write_rollup_workbook(results, xlsx_tmp)
    return [xlsx_path, json_path]


def rollup(
    inputs: Iterable[str | Path],
    out: Path,
    *,
    expected: Path | None = None,
    round_id: str | None = None,
    as_of: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[RollupResults, list[Path]]:
    """Roll up the offices' results in ``inputs`` and write ``out`` (.xlsx) and its .json."""
    paths = [Path(p) for p in inputs]
    protected = [*paths, *([expected] if expected else [])]
    listed, found = read_expected(expected) if expected else (None, [])
    results = roll_up(
        paths, expected=listed, expected_problems=found, round_id=round_id, as_of=as_of, progress=progress
    )
    return results, write_rollup(results, out, inputs=protected)
