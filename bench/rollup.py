"""Speed and memory of ``ita-xlsx rollup``: thousands of offices' results into one workbook.

```console
$ .venv/bin/python bench/rollup.py                      # 800 and 8,000 offices
$ .venv/bin/python bench/rollup.py --offices 300 --offices 8000
```

The corpus (made once, cached in ``bench/out/rollup-corpus-v1-N/``): N expected offices in four
provinces, each with its own variant of the FY2566 plan (some measures dropped, a division fewer
now and then) and its results written by the writer ``collect`` uses (tests/offices.py); one
office in 25 sent nothing, one in 7 sent late, one in 100 sent results of another round, one in
200 sent twice (an older version too). ``rollup`` runs end to end in a child process (start to
exit, R.xlsx and R.json written); the figures are the wall time and the child's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.run import run_child  # noqa: E402

CORPUS_VERSION = 1
ON_TIME, LATE = dt.date(2023, 4, 8), dt.date(2023, 4, 20)


def corpus(offices: int, out: Path) -> Path:
    """The folder of the corpus of ``offices`` offices (``in/`` and ``expected.csv``), made once."""
    import offices as made

    root = out / f"rollup-corpus-v{CORPUS_VERSION}-{offices}"
    if (root / "manifest.json").is_file():
        return root
    (root / "in").mkdir(parents=True, exist_ok=True)
    print(f"generating the results of {offices} offices in {root} (once; cached)", flush=True)
    chunks = [range(i, min(i + 200, offices + 1)) for i in range(1, offices + 1, 200)]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        written = sum(pool.map(_write_chunk, [(root, offices, list(c)) for c in chunks]))
    made.expected_csv(
        root / "expected.csv", [made.expected_row(i, offices) for i in range(1, offices + 1)], bom=True
    )
    (root / "manifest.json").write_text(json.dumps({"offices": offices, "files": written}), encoding="utf-8")
    return root


def _write_chunk(args: tuple[Path, int, list[int]]) -> int:
    import offices as made

    root, offices, indices = args
    base = made.base_plan()
    written = 0
    for i in indices:
        if i % 25 == 0:  # sent nothing
            continue
        results = made.office_results(
            base,
            i,
            offices,
            received=LATE if i % 7 == 0 else ON_TIME,
            round_id="12m" if i % 100 == 1 else "6m",
        )
        made.write_results(results, root / "in" / f"{i // 1000:02d}" / f"ผล-{i:05d}.json")
        written += 1
        if i % 200 == 2:  # an older version sent before
            older = made.office_results(base, i, offices, seed=7, received=dt.date(2023, 3, 25))
            older.as_of = dt.date(2023, 3, 20)
            made.write_results(older, root / "in" / f"{i // 1000:02d}" / f"ผล-{i:05d}-เก่า.json")
            written += 1
    return written


def measure(offices: int, out: Path) -> dict:
    root = corpus(offices, out)
    target = root / "run" / "R.xlsx"
    argv = [
        sys.executable, "-m", "ita_xlsx", "rollup",
        "--expected", str(root / "expected.csv"), "--as-of", "2023-04-30", "--round", "6m",
        "--out", str(target), str(root / "in"),
    ]  # fmt: skip
    seconds, peak_mb, tree_mb, said, code = run_child(argv, ok=(0, 1))
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    figures = {
        "offices": offices,
        "files": manifest["files"],
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "tree_mb": round(tree_mb, 1),
        "xlsx_mb": round(target.stat().st_size / 2**20, 2),
        "json_mb": round(target.with_suffix(".json").stat().st_size / 2**20, 2),
        "exit": code,
        "said": said.strip().splitlines()[0] if said.strip() else "",
    }
    print(
        f"{offices:>6} offices {figures['files']:>6} files  {seconds:6.2f} s  peak RSS {peak_mb:6.1f} MB  "
        f"R.xlsx {figures['xlsx_mb']} MB  R.json {figures['json_mb']} MB  exit {code}",
        flush=True,
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--offices", type=int, action="append", help="offices (repeatable; default 800 and 8000)"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    figures = [measure(n, args.out) for n in args.offices or (800, 8000)]
    (args.out / "rollup-results.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
