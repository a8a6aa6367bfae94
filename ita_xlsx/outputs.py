"""Write what ``collect`` produced: OUT.xlsx (the consolidated workbook), OUT.json, and the PDF.

Every file is written atomically; an output that would overwrite an input is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ita_xlsx.atomic import atomic_path, overwrites_input
from ita_xlsx.problems import Problem
from ita_xlsx.results import Results


class OutputIsInput(ValueError):
    """An output path names one of the inputs."""


def output_paths(out: Path) -> tuple[Path, Path, Path]:
    return out, out.with_suffix(".json"), out.with_suffix(".pdf")


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise :class:`OutputIsInput` when an output would overwrite an input (or sit inside an input folder)."""
    inputs = list(inputs)
    for path in outputs:
        if overwrites_input(path, inputs) is not None:
            raise OutputIsInput(str(path))


def write_outputs(
    results: Results, out: Path, *, inputs: Iterable[Path] = (), pdf: bool = False
) -> tuple[list[Path], list[Problem]]:
    """Write the JSON and the consolidated workbook together (and the PDF when asked).

    Both appear only when both were written: a failure or a kill before the end leaves the
    previous pair as it was.
    """
    from ita_xlsx.report import export_report_pdf
    from ita_xlsx.report.data import build
    from ita_xlsx.report.workbook import write_workbook

    inputs = list(inputs)
    xlsx_path, json_path, pdf_path = output_paths(out)
    refuse_inputs((xlsx_path, json_path, pdf_path), inputs)
    report = build(results.view(), results.plan)
    with atomic_path(json_path) as json_tmp, atomic_path(xlsx_path) as xlsx_tmp:
        with open(json_tmp, "wb") as stream:
            results.write_json(stream)
        write_workbook(report, xlsx_tmp)
    written, found = [xlsx_path, json_path], []
    if pdf:
        problem = export_report_pdf(xlsx_path, pdf_path)
        if problem is None:
            written.append(pdf_path)
        else:
            found.append(problem)
    return written, found
