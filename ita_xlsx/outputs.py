"""Write what ``collect`` produced: OUT.xlsx (the consolidated workbook), OUT.json, and the PDF.

Every file is written atomically; an output that would overwrite an input is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ita_xlsx.atomic import atomic_write_bytes
from ita_xlsx.problems import Problem
from ita_xlsx.results import Results


class OutputIsInput(ValueError):
    """An output path names one of the inputs."""


def output_paths(out: Path) -> tuple[Path, Path, Path]:
    return out, out.with_suffix(".json"), out.with_suffix(".pdf")


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    resolved = {Path(p).resolve() for p in inputs}
    for path in outputs:
        if path.resolve() in resolved:
            raise OutputIsInput(str(path))


def write_outputs(
    results: Results, out: Path, *, inputs: Iterable[Path] = (), pdf: bool = False
) -> tuple[list[Path], list[Problem]]:
    """Write the JSON and the consolidated workbook (and the PDF when asked)."""
    from ita_xlsx.report import export_report_pdf, write_consolidated

    xlsx_path, json_path, pdf_path = output_paths(out)
    refuse_inputs((xlsx_path, json_path, pdf_path), inputs)
    data = results.to_dict()
    atomic_write_bytes(json_path, results.to_json().encode("utf-8"))
    write_consolidated(data, results.plan, xlsx_path, protected_paths=tuple(inputs))
    written, found = [xlsx_path, json_path], []
    if pdf:
        problem = export_report_pdf(xlsx_path, pdf_path)
        if problem is None:
            written.append(pdf_path)
        else:
            found.append(problem)
    return written, found
