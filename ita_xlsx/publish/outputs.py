"""Write what ``collect`` produced: OUT.xlsx (the consolidated workbook), OUT.json, the PDF, the
report as Word (OUT.docx) and the OIT evidence register as CSV (OUT_oit.csv).

Every file is written atomically; an output that would overwrite an input is refused.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

from ita_xlsx.collect.pool import default_jobs
from ita_xlsx.collect.results import Results
from ita_xlsx.core import problems
from ita_xlsx.core.atomic import (
    OutputInInputFolder,
    OutputIsInput,
    atomic_paths,
    check_replaceable,
    input_folder_holding,
    overwrites_input,
)
from ita_xlsx.core.faults import fault_point
from ita_xlsx.core.parent_watch import exit_with_parent
from ita_xlsx.core.problems import Problem


def output_paths(out: Path) -> tuple[Path, Path, Path]:
    return out, out.with_suffix(".json"), out.with_suffix(".pdf")


def publish_paths(out: Path) -> tuple[Path, Path]:
    """The evidence register as CSV (OUT_oit.csv) and the report as Word (OUT.docx)."""
    from ita_xlsx.publish.csvfile import csv_path

    return csv_path(out), out.with_suffix(".docx")


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise :class:`OutputIsInput` when an output would overwrite an input, and
    :class:`OutputInInputFolder` when it would sit inside an input folder."""
    inputs = list(inputs)
    for path in outputs:
        folder = input_folder_holding(path, inputs)
        if folder is not None:
            raise OutputInInputFolder(path, folder)
        if overwrites_input(path, inputs) is not None:
            raise OutputIsInput(str(path))


def write_outputs(
    results: Results, out: Path, *, inputs: Iterable[Path] = (), pdf: bool = False, docx: bool = False
) -> tuple[list[Path], list[Problem]]:
    """Write the JSON and the consolidated workbook together (and the PDF and the Word report
    when asked; the evidence register as CSV when the divisions gave links).

    Both appear only when both were written: a failure or a kill before the end leaves the
    previous pair as it was.
    """
    from ita_xlsx.report.data import build
    from ita_xlsx.report.pdf import export_report_pdf
    from ita_xlsx.report.workbook import write_workbook

    inputs = list(inputs)
    xlsx_path, json_path, pdf_path = output_paths(out)
    csv_path, docx_path = publish_paths(out)
    refuse_inputs((xlsx_path, json_path, pdf_path, csv_path, docx_path), inputs)
    asked = (
        (xlsx_path, True),
        (json_path, True),
        (pdf_path, pdf),
        (csv_path, bool(results.links)),
        (docx_path, docx),
    )
    for path in (path for path, wanted in asked if wanted):
        check_replaceable(path)  # all of them before any is written: the pair is replaced together
    view = results.view()  # made once, read by both writers
    report = build(view, results.plan)
    # The workbook is renamed first: a kill between the two renames leaves the last run's JSON
    # beside this run's workbook, which the run ids in both tell (see ita_xlsx.read.run_id).
    with atomic_paths(xlsx_path, json_path) as (xlsx_tmp, json_tmp):
        json_writer = _JsonInChild.start(results, view, json_tmp) if _pays_to_split(results) else None
        try:
            write_workbook(report, xlsx_tmp)
        except BaseException:  # Ctrl-C included: nothing is written, the child is stopped
            if json_writer is not None:
                json_writer.stop()
            raise
        if json_writer is None or not json_writer.finish():  # here: alone, or again if the child failed
            _write_json(results, view, json_tmp)
        fault_point("before-renames")
    fault_point("after-renames")
    written, found = [xlsx_path, json_path], []
    written += _publish(report, view, csv_path if results.links else None, docx_path if docx else None)
    if pdf:
        problem = export_report_pdf(xlsx_path, pdf_path)
        if problem is None:
            written.append(pdf_path)
        else:
            found.append(problem)
    elif pdf_path.exists():  # an earlier run's report beside the new workbook: say so, delete nothing
        found.append(problems.warning("pdf-stale", file=str(pdf_path)))
    return written, found


def _publish(report, view: dict, csv_path: Path | None, docx_path: Path | None) -> list[Path]:
    """The evidence register as CSV, and the report as Word, when asked."""
    written = []
    if csv_path is not None:
        from ita_xlsx.publish.csvfile import write_csv

        written.append(write_csv(view.get("links") or (), report.plan, csv_path))
    if docx_path is not None:
        from ita_xlsx.publish.docx_report import write_docx
        from ita_xlsx.publish.report_doc import from_data

        written.append(write_docx(from_data(report), docx_path, created=report.as_of))
    return written


# With many records, the JSON is written by a forked process while this one writes the workbook:
# the two take about 1:4 of the time and neither needs the other. Below this many records, or
# where there is no fork (Windows) or one core, both are written here, one after the other.
SPLIT_AFTER_RECORDS = 5_000


def _pays_to_split(results: Results) -> bool:
    return (
        len(results.records) >= SPLIT_AFTER_RECORDS
        and "fork" in multiprocessing.get_all_start_methods()
        and default_jobs() > 1
    )


def _write_json(results: Results, view: dict, path: Path) -> None:
    with open(path, "wb") as stream:
        results.write_json(stream, view)


class _JsonInChild:
    """The JSON written by a forked copy of this process (it reads the same working store through a connection of its own)."""

    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self.process = process

    @classmethod
    def start(cls, results: Results, view: dict, path: Path) -> _JsonInChild | None:
        context = multiprocessing.get_context("fork")
        process = context.Process(target=_json_child, args=(os.getpid(), results, view, path), daemon=True)
        gc.freeze()  # the child's garbage collections leave this process's objects (and pages) alone
        try:
            process.start()
        except OSError:  # no process to be had: written here instead
            return None
        finally:
            gc.unfreeze()
        return cls(process)

    def finish(self) -> bool:
        """Wait for the JSON; False when the child could not write it."""
        self.process.join()
        return self.process.exitcode == 0

    def stop(self) -> None:
        self.process.kill()
        self.process.join()


def _json_child(parent: int, results: Results, view: dict, path: Path) -> None:
    exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends this process
    try:
        _write_json(results, view, path)
    except BaseException:
        sys.exit(1)  # quietly: the parent writes the JSON itself and reports what fails then
