"""Where the time of one ``collect`` goes, run as its own process by run.py.

    python bench/phases.py PLAN FOLDER OUT.xlsx [--jobs N]

The same steps as ``ita-xlsx collect`` (library calls, no printing), each timed: loading the
plan, reading and checking the files with merging and rules (``collect()``), the JSON, and the
consolidated workbook (as ``write_outputs`` does it). Prints one JSON line: the seconds of each step
and this process's peak memory when it ended (workers not included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    seconds: dict[str, float] = {}
    peak_mb: dict[str, float] = {}  # this process's peak memory at the end of each step (Linux)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 3)
        peak_mb[name] = _peak_mb()
        clock = now

    from ita_xlsx.collect.run import collect
    from ita_xlsx.plan import load_plan
    from ita_xlsx.report.workbook import write_consolidated

    lap("imports")
    plan, _ = load_plan(args.plan)
    lap("plan")
    results = collect(plan, [args.folder], round_id="6m", as_of=dt.date(2023, 3, 31), jobs=args.jobs)
    lap("read_check_merge")
    with args.out.with_suffix(".json").open("wb") as stream:
        results.write_json(stream)
    lap("json")
    write_consolidated(results.view(), plan, args.out)
    lap("consolidated")
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    main()
