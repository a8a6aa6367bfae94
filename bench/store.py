"""The office store's cost: ``collect`` with and without ``--store`` at 1,000 and 10,000 returns.

    .venv/bin/python bench/store.py                  # 1,000 and 10,000 returned workbooks
    .venv/bin/python bench/store.py --files 2000 --small 200

For each size, in child processes (wall time, the kernel's peak RSS, and the summed memory of the
process tree sampled ten times a second): ``collect`` alone; ``collect --store`` into a new store
(the run recorded); and ``collect --store`` of the same files again (a second run, no new
submission). The small size is the first files of the large corpus with the same plan, so the
ratio large/small says whether memory grows with the returns. The corpus is bench/corpus.py's.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import corpus as corpora  # noqa: E402
from bench.run import Timing, collect_argv, run_once  # noqa: E402


def measure(corpus: corpora.Corpus, work: Path) -> dict:
    """The three runs on one corpus; their figures and the store's size."""
    store = work / "ita-store.sqlite"
    out = work / "out"
    out.mkdir(parents=True)
    plain = collect_argv(corpus, out, None)
    kept = [*plain[:-1], "--store", str(store), plain[-1]]
    found = {}
    for name, argv in (
        ("collect", plain),
        ("collect --store (new)", kept),
        ("collect --store (again)", kept),
    ):
        timing = Timing(f"{corpus.files} files: {name}")
        run_once(timing, argv, ok=(0, 1))
        found[name] = {
            "seconds": timing.seconds[0],
            "peak_mb": timing.peak_mb[0],
            "tree_mb": timing.tree_mb[0],
        }
    with sqlite3.connect(store) as conn:
        found["store"] = {
            "mb": round(store.stat().st_size / 2**20, 1),
            "runs": conn.execute("SELECT count(*) FROM runs").fetchone()[0],
            "submissions": conn.execute("SELECT count(*) FROM submissions").fetchone()[0],
            "records": conn.execute("SELECT count(*) FROM records").fetchone()[0],
        }
    return found


_PHASES = """
import json, sys, time
from ita_xlsx.collect.run import collect
from ita_xlsx.plan import load_plan
from ita_xlsx.store.inputs import InputFacts
from ita_xlsx.store.record import record_run
from ita_xlsx.store.schema import connect
plan, _ = load_plan(sys.argv[1])
facts = InputFacts()
started = time.perf_counter()
results = collect(plan, [sys.argv[2]], round_id=sys.argv[3], as_of=__import__("datetime").date.fromisoformat(sys.argv[4]), seen=facts)
collected = time.perf_counter()
conn = connect(sys.argv[5])
record_run(conn, sys.argv[5], results, facts.found)
recorded = time.perf_counter()
print(json.dumps({"collect_s": round(collected - started, 2), "record_s": round(recorded - collected, 2)}))
"""


def phases(corpus: corpora.Corpus, work: Path) -> dict:
    """Timed inside one process: the collection (noting each input's facts for the store), then the
    run recorded."""
    argv = [
        sys.executable,
        "-c",
        _PHASES,
        str(corpus.plan_file),
        str(corpus.folder),
        corpora.ROUND,
        corpora.AS_OF.isoformat(),
        str(work / "phases.sqlite"),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus cache and results (bench/out)")
    args = parser.parse_args()
    whole = corpora.corpus(args.files, args.out)
    report = {}
    with tempfile.TemporaryDirectory(prefix="ita-bench-store-") as tmp:
        work = Path(tmp)
        part = corpora.first_files(whole, args.small, work / f"first-{args.small}")
        report[str(part.files)] = measure(part, work / "small")
        report[str(whole.files)] = measure(whole, work / "large")
        for corpus, name in ((part, "small"), (whole, "large")):
            report[str(corpus.files)]["steps"] = phases(corpus, work / name)
    print(json.dumps(report, indent=1))
    small, large = report[str(part.files)], report[str(whole.files)]
    for name in ("collect", "collect --store (new)", "collect --store (again)"):
        a, b = small[name], large[name]
        print(
            f"{name:24} {part.files:>6} files: {a['seconds']:7.1f} s {a['peak_mb']:6.0f} MB (tree {a['tree_mb']:.0f})"
            f" | {whole.files:>6} files: {b['seconds']:7.1f} s {b['peak_mb']:6.0f} MB (tree {b['tree_mb']:.0f})"
            f" | peak ratio {b['peak_mb'] / a['peak_mb']:.2f}, tree ratio {b['tree_mb'] / max(a['tree_mb'], 1):.2f}"
        )
    for corpus in (part, whole):
        steps = report[str(corpus.files)]["steps"]
        print(
            f"{corpus.files:>6} files: collected {steps['collect_s']} s, run recorded {steps['record_s']} s"
        )
    args.out.mkdir(exist_ok=True)
    (args.out / "store.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
