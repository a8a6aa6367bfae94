"""The collector's benchmark: ``ita-xlsx collect`` over thousands of returned workbooks.

    .venv/bin/python bench/run.py                    # 2,000 files, 3 runs of each timing
    .venv/bin/python bench/run.py --files 500 --repeat 1
    .venv/bin/python bench/run.py --memory           # also peak memory at 1,000 and 10,000 files
    .venv/bin/python bench/run.py --memory-only --memory-files 5000,50000 --versions 5

In one run, on the same files: ``ita-xlsx collect`` end to end (a process, from start to exit,
both outputs written), a plain openpyxl reader, python-calamine parsing every sheet, and the
floor (bytes read and sheet XML inflated, nothing parsed), then ``ita-xlsx --help``,
``ita-xlsx demo`` and a consolidated workbook of 100,000 records. Every figure comes from a child process: wall time from start to exit, peak
memory from the kernel (``wait4``); with worker processes, the summed memory of the process tree
is sampled as well. Timings are medians; on a shared machine compare the ratios of one run.
The figures are printed and written to bench/out/results.json.

The corpus (bench/corpus.py) is generated on first use and kept in bench/out/ (git-ignored):
one file per unit, or with ``--versions N`` every unit sending N versions (or N-1).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import corpus as corpora  # noqa: E402

HEAVY_MODULES = ("pandas", "openpyxl", "xlsxwriter", "python_calamine", "yaml")


@dataclass
class Timing:
    """Runs of one child process: wall seconds and peak memory of each run."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)  # the largest single process (wait4)
    tree_mb: list[float] = field(default_factory=list)  # the process and its workers, PSS summed (sampled)
    output: str = ""  # the last run's stdout
    exit_codes: list[int] = field(default_factory=list)
    load: list[float] = field(default_factory=list)  # the machine's load average before each run

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def summary(self) -> dict:
        data = asdict(self)
        data.pop("output")
        data["median_seconds"] = round(self.median, 3)
        data["median_peak_mb"] = round(statistics.median(self.peak_mb), 1)
        data["median_tree_mb"] = round(statistics.median(self.tree_mb), 1)
        return data


_TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: the child's own peak memory
_MAXRSS = re.compile(r"^ita-bench-maxrss-kb=(\d+)$", re.MULTILINE)


def run_child(
    argv: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float, float, str, int]:
    """Run ``argv`` to its end: (wall seconds, peak RSS MB, peak tree RSS MB, stdout, exit code).

    The peak is the kernel's (``wait4``) for the largest process of the child's tree. A child
    forked from this process starts its count at this process's size, so it runs under GNU
    time when there is one (a small process whose own peak is measured the same way).
    """
    wrapped = [_TIME, "-f", "ita-bench-maxrss-kb=%M", *argv] if _TIME else argv
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(wrapped, stdout=out, stderr=err, cwd=cwd, start_new_session=True)
        sampler = _TreeSampler(child.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:  # Ctrl-C: leave no benchmark process behind
            os.killpg(child.pid, signal.SIGTERM)
            sampler.stop()
            raise
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        sampler.stop()
        out.seek(0)
        err.seek(0)
        text, errors = (f.read().decode("utf-8", "replace") for f in (out, err))
    if code not in ok:
        raise SystemExit(f"{' '.join(argv)} exited with {code}:\n{errors[-2000:]}")
    found = _MAXRSS.findall(errors)
    peak = int(found[-1]) / 1024 if found else usage.ru_maxrss / 1024  # kilobytes on Linux
    return seconds, peak, sampler.peak_mb, text, code


class _TreeSampler(threading.Thread):
    """The summed memory (PSS) of a process and its children, sampled ten times a second (Linux)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            total = sum(_rss_kb(pid) for pid in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total / 1024)

    def stop(self) -> None:
        self.done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, found = [pid], 0
    while found < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[found]}/task"):
                with open(f"/proc/{pids[found]}/task/{task}/children") as handle:
                    pids.extend(int(p) for p in handle.read().split())
        except OSError:
            pass
        found += 1
    return pids


def _rss_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), else RSS."""
    for part, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{part}") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def timed(
    name: str, argv: list[str], repeat: int, ok: tuple[int, ...] = (0,), cwd: Path | None = None
) -> Timing:
    timing = Timing(name)
    for _ in range(repeat):
        run_once(timing, argv, ok=ok, cwd=cwd)
    return timing


def run_once(timing: Timing, argv: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> None:
    load = os.getloadavg()[0]
    seconds, peak, tree, text, code = run_child(argv, cwd=cwd, ok=ok)
    timing.seconds.append(round(seconds, 3))
    timing.peak_mb.append(round(peak, 1))
    timing.tree_mb.append(round(tree, 1))
    timing.load.append(round(load, 2))
    timing.exit_codes.append(code)
    timing.output = text
    print(
        f"  {timing.name} run {len(timing.seconds)}: {seconds:.2f} s, peak {peak:.0f} MB, load before {load:.2f}",
        file=sys.stderr,
        flush=True,
    )


# -- the commands ---------------------------------------------------------------------------------
def ita_xlsx() -> list[str]:
    """The installed command beside this Python, or the module."""
    script = Path(sys.executable).with_name("ita-xlsx")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ita_xlsx"]


def collect_argv(corpus: corpora.Corpus, out: Path, jobs: int | None) -> list[str]:
    argv = [*ita_xlsx(), "collect", "--plan", str(corpus.plan_file), "--round", corpora.ROUND]
    argv += ["--as-of", corpora.AS_OF.isoformat(), "--out", str(out / "summary.xlsx")]
    if jobs:
        argv += ["--jobs", str(jobs)]
    return [*argv, str(corpus.folder)]


def collect_timing(name: str, corpus: corpora.Corpus, out: Path, jobs: int | None, repeat: int) -> Timing:
    """collect ``repeat`` times (exit 1 is fine: the corpus has clerks' mistakes; outputs are written)."""
    timing = timed(name, collect_argv(corpus, out, jobs), repeat, ok=(0, 1))
    if not (out / "summary.xlsx").is_file() or not (out / "summary.json").is_file():
        raise SystemExit(f"{name}: collect wrote no outputs")
    return timing


def help_imports() -> list[str]:
    """Heavy modules imported by ``ita-xlsx --help`` (none, if the CLI stays lazy)."""
    code = (
        "import sys, contextlib, io\n"
        "from ita_xlsx.cli import main\n"
        "sys.argv = ['ita-xlsx', '--help']\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        f"print(' '.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


# -- the report -------------------------------------------------------------------------------------
def per_file(timing: Timing, files: int) -> dict:
    return {
        "ms_per_file": round(1000 * timing.median / files, 3),
        "files_per_second": round(files / timing.median, 1),
    }


def show(label: str, timing: Timing, files: int | None = None) -> None:
    line = f"{label:34s} {timing.median:8.2f} s"
    if files:
        figures = per_file(timing, files)
        line += f"  {figures['ms_per_file']:7.2f} ms/file  {figures['files_per_second']:7.0f} files/s"
    line += f"  peak {statistics.median(timing.peak_mb):6.0f} MB"
    if statistics.median(timing.tree_mb) > statistics.median(timing.peak_mb) * 1.05:
        line += f" (all processes, PSS {statistics.median(timing.tree_mb):.0f} MB)"
    print(line + f"   runs: {', '.join(f'{s:.2f}' for s in timing.seconds)}", flush=True)


def _without_run_id(path: Path) -> bytes:
    """The results JSON without its run id, which every run makes anew."""
    return re.sub(rb'\n "run_id": "[0-9a-f]+",', b"", path.read_bytes(), count=1)


def main() -> None:
    args = _arguments()
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": _machine(), "versions": args.versions}
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as tmp:
        work = Path(tmp)
        if not args.memory_only:
            corpus = corpora.corpus(args.files, args.out, versions=args.versions)
            print(f"corpus: {corpus.files} files of {corpus.units} units in {corpus.folder}", flush=True)
            report.update({"files": corpus.files, "units": corpus.units})
            report.update(_collect_and_references(args, corpus, work))
            report.update(_commands(args, work))
        if args.memory or args.memory_only:
            report["memory"] = _memory(args, work)
    if not args.memory_only:
        _summary(report)
    if "memory" in report:
        _memory_summary(report["memory"])
    target = args.out / ("results-memory.json" if args.memory_only else "results.json")
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten: {target}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="returned files in the corpus (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is kept")
    parser.add_argument(
        "--jobs", type=int, default=None, help="collect --jobs (default: collect's own choice)"
    )
    parser.add_argument("--records", type=int, default=100_000, help="records in the consolidated workbook")
    parser.add_argument("--memory", action="store_true", help="also peak memory at --memory-files files")
    parser.add_argument("--memory-only", action="store_true", help="peak memory alone, no timings")
    parser.add_argument(
        "--memory-no-steps", action="store_true", help="peak memory of collect alone, not of its steps too"
    )
    parser.add_argument(
        "--memory-files",
        type=_sizes,
        default=(1000, 10_000),
        help="the numbers of files peak memory is measured at, comma-separated (default 1000,10000)",
    )
    parser.add_argument(
        "--versions",
        type=int,
        default=1,
        help="the corpus: 1 (default) one file per unit; N every unit sends N versions (or N-1)",
    )
    parser.add_argument("--skip-openpyxl", action="store_true", help="leave out the slow openpyxl reference")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus cache and results (bench/out)")
    return parser.parse_args()


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(sorted(int(part.replace("_", "")) for part in text.split(",") if part.strip()))
    if len(sizes) < 2 or sizes[0] < 1:
        raise argparse.ArgumentTypeError("give two or more numbers of files, such as 5000,50000")
    return sizes


def _collect_and_references(args: argparse.Namespace, corpus: corpora.Corpus, work: Path) -> dict:
    """collect (as chosen, and serial), the floor, calamine and openpyxl on the same files, then its steps.

    The runs are interleaved (one of each per round), so that a slow minute on a shared machine
    falls on all of them alike; the ratios are taken round by round, then their median.
    """
    runs = {
        "collect": (collect_argv(corpus, work / "auto", args.jobs), (0, 1)),
        "collect --jobs 1": (collect_argv(corpus, work / "serial", 1), (0, 1)),
        "floor": (_ref_argv("floor", corpus), (0,)),
        "calamine": (_ref_argv("calamine", corpus), (0,)),
    }
    if not args.skip_openpyxl:
        runs["openpyxl"] = (_ref_argv("openpyxl", corpus), (0,))
    timings = {name: Timing(name) for name in runs}
    for _ in range(args.repeat):
        for name, (argv, ok) in runs.items():
            run_once(timings[name], argv, ok=ok)
    labels = {
        "collect": "ita-xlsx collect",
        "collect --jobs 1": "ita-xlsx collect --jobs 1",
        "floor": "floor (bytes + inflate sheets)",
        "calamine": "calamine parse, all sheets",
        "openpyxl": "openpyxl load + input cells",
    }
    for name, timing in timings.items():
        show(labels[name], timing, corpus.files)
    auto, serial = timings["collect"], timings["collect --jobs 1"]
    same = _without_run_id(work / "auto" / "summary.json") == _without_run_id(
        work / "serial" / "summary.json"
    )
    steps = timed("steps", _steps_argv(corpus, work / "steps.xlsx", args.jobs), 1)
    refs = {name: t for name, t in timings.items() if name in ("floor", "calamine", "openpyxl")}
    ratios = {f"collect/{name}": _median_ratio(auto, ref) for name, ref in refs.items()}
    ratios["calamine/floor"] = _median_ratio(timings["calamine"], timings["floor"])
    step_seconds = json.loads(steps.output)["seconds"]
    # What one step of collect alone costs, in floors (the steps' run against the floor's median):
    # the room the "within 6x of the floor" target leaves for the rest.
    ratios["workbook_step/floor"] = round(step_seconds["consolidated"] / timings["floor"].median, 3)
    ratios["read_step/floor"] = round(step_seconds["read_check_merge"] / timings["floor"].median, 3)
    return {
        "collect": {**auto.summary(), **per_file(auto, corpus.files)},
        "collect_serial": {**serial.summary(), **per_file(serial, corpus.files), "same_json": same},
        "collect_steps": json.loads(steps.output),
        "references": {
            name: {**t.summary(), **per_file(t, corpus.files), "child": json.loads(t.output)}
            for name, t in refs.items()
        },
        "ratios": {**ratios, "serial/parallel": _median_ratio(serial, auto)},
    }


def _median_ratio(a: Timing, b: Timing) -> float:
    """The median of a/b over rounds run side by side."""
    return round(statistics.median(x / y for x, y in zip(a.seconds, b.seconds, strict=True)), 3)


def _commands(args: argparse.Namespace, work: Path) -> dict:
    """--help, demo (with and without the PDF) and the consolidated workbook of many records."""
    help_timing = timed("--help", [*ita_xlsx(), "--help"], max(5, args.repeat))
    show("ita-xlsx --help", help_timing)
    demo = timed("demo", [*ita_xlsx(), "demo", "--out", str(work / "demo")], args.repeat, cwd=work)
    show("ita-xlsx demo", demo)
    no_pdf = [*ita_xlsx(), "demo", "--no-pdf", "--out", str(work / "demo2")]
    demo_no_pdf = timed("demo --no-pdf", no_pdf, args.repeat, cwd=work)
    show("ita-xlsx demo --no-pdf", demo_no_pdf)
    argv = [sys.executable, str(HERE / "consolidated.py"), str(args.records), str(work / "big.xlsx")]
    consolidated = timed("consolidated", argv, args.repeat)
    show(f"consolidated workbook, {args.records:,} records", consolidated)
    return {
        "help": {**help_timing.summary(), "heavy_imports": help_imports()},
        "demo": demo.summary(),
        "demo_no_pdf": demo_no_pdf.summary(),
        "consolidated": {**consolidated.summary(), "child": json.loads(consolidated.output)},
    }


def _steps_argv(corpus: corpora.Corpus, out: Path, jobs: int | None) -> list[str]:
    argv = [sys.executable, str(HERE / "phases.py"), str(corpus.plan_file), str(corpus.folder), str(out)]
    return argv + (["--jobs", str(jobs)] if jobs else [])


def _ref_argv(kind: str, corpus: corpora.Corpus) -> list[str]:
    return [sys.executable, str(HERE / "refs.py"), kind, str(corpus.folder)]


def _summary(report: dict) -> None:
    print("\nratios, round by round side by side (median):")
    for name in report["references"]:
        ratio = report["ratios"][f"collect/{name}"]
        told = f"{1 / ratio:.2f}x faster" if ratio <= 1 else f"{ratio:.2f}x slower"
        print(f"collect / {name:9s} = {ratio:6.2f}   (collect {told})")
    ratios = report["ratios"]
    print(
        f"calamine / floor   = {ratios['calamine/floor']:6.2f}   (parsing alone, nothing checked, one core)"
    )
    print(
        f"steps / floor: reading, checking and merging {ratios['read_step/floor']:.2f},"
        f" the consolidated workbook alone {ratios['workbook_step/floor']:.2f}"
    )
    same = report["collect_serial"]["same_json"]
    print(
        f"serial / parallel  = {report['ratios']['serial/parallel']:6.2f}   (JSON byte for byte the same: {same})"
    )
    steps = report["collect_steps"]
    print(f"collect step by step (s): {steps['seconds']}")
    print(f"  peak memory after each step (MB): {steps['peak_mb']}")
    print(f"heavy imports on --help: {', '.join(report['help']['heavy_imports']) or 'none'}")


def _memory_summary(memory: dict) -> None:
    small, large, held = memory["small"], memory["large"], memory["held"]
    print(f"\npeak memory, {memory['corpus']}:")
    for key in (small, large, held):
        run = memory[key]
        print(
            f"  {key.replace('_', ' '):>16} files: peak {run['median_peak_mb']:.0f} MB, all processes {run['median_tree_mb']:.0f} MB"
        )
    print(
        f"  {large} / {small} files = {memory['ratio']:.2f} (all processes {memory['tree_ratio']:.2f});"
        f" the plan held ({memory[held]['units']:,} units both): {memory['ratio_plan_held']:.2f}"
        f" (all processes {memory['tree_ratio_plan_held']:.2f})"
    )


def _memory(args: argparse.Namespace, work: Path) -> dict:
    """Peak memory of collect at each of ``--memory-files`` files (the larger corpora take long to
    make once), and at the fewest of them taken from the largest corpus, with its plan."""
    sizes = args.memory_files
    found: dict = {"corpus": _kind(args.versions), "files": list(sizes)}
    for files in sizes:
        corpus = corpora.corpus(files, args.out, versions=args.versions)
        found[str(files)] = _memory_run(str(files), corpus, work, args)
    small, large = str(sizes[0]), str(sizes[-1])
    found.update(small=small, large=large, held=f"{small}_of_{large}")
    found["ratio"] = round(found[large]["median_peak_mb"] / found[small]["median_peak_mb"], 2)
    found["tree_ratio"] = round(found[large]["median_tree_mb"] / found[small]["median_tree_mb"], 2)
    # The corpus has a unit per file (or per few files), so its plan grows with the files. With the
    # plan held: the fewest files taken from the largest corpus, against its plan.
    whole = corpora.corpus(sizes[-1], args.out, versions=args.versions)
    part = corpora.first_files(whole, sizes[0], work / f"first-{small}")
    held = found[found["held"]] = {
        **_memory_run(f"{small} of {large}", part, work, args),
        "units": part.units,
    }
    found["ratio_plan_held"] = round(found[large]["median_peak_mb"] / held["median_peak_mb"], 2)
    found["tree_ratio_plan_held"] = round(found[large]["median_tree_mb"] / held["median_tree_mb"], 2)
    return found


def _memory_run(name: str, corpus: corpora.Corpus, work: Path, args: argparse.Namespace) -> dict:
    """collect once (peak of the largest process and of all processes), then its steps (phases.py)."""
    slug = name.replace(" ", "-")
    timing = collect_timing(f"collect {name}", corpus, work / f"m{slug}", args.jobs, 1)
    show(f"ita-xlsx collect, {name} files, plan of {corpus.units:,} units", timing, corpus.files)
    found = {**timing.summary(), **per_file(timing, corpus.files)}
    if not args.memory_no_steps:
        steps = timed(f"steps {name}", _steps_argv(corpus, work / f"s{slug}.xlsx", args.jobs), 1)
        found["steps"] = json.loads(steps.output)
        print(f"  peak memory after each step (MB): {found['steps']['peak_mb']}", flush=True)
    return found


def _kind(versions: int) -> str:
    return "one file per unit" if versions == 1 else f"{versions - 1}-{versions} versions per unit"


def _machine() -> dict:
    import openpyxl
    import python_calamine
    import xlsxwriter

    return {
        "cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "openpyxl": openpyxl.__version__,
        "xlsxwriter": xlsxwriter.__version__,
        "python_calamine": getattr(python_calamine, "__version__", "?"),
        "libreoffice": bool(shutil.which("soffice") or shutil.which("libreoffice")),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


if __name__ == "__main__":
    main()
