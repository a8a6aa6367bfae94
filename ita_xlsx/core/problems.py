"""Problems are data: a record with a stable code, a location and a message in Thai and English.

Every stage of the pipeline returns problems instead of raising; the CLI prints them,
the collector writes them to JSON and to the consolidated workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ita_xlsx import messages

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do about it.

    ``code`` is a kebab-case key of the message catalogue; ``params`` fill its template.
    """

    severity: str
    code: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    measure_id: str | None = None
    division: str | None = None
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.severity not in _SEVERITY_ORDER:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def message_th(self) -> str:
        return messages.text(self.code, "th", **self.params)

    @property
    def message_en(self) -> str:
        return messages.text(self.code, "en", **self.params)

    def message(self, lang: str | None = None) -> str:
        return messages.text(self.code, lang, **self.params)

    def location(self, lang: str | None = None) -> str:
        """Where the problem is, as a person reads it: ``file › sheet › cell`` (a text file's
        "line 12" in the reader's language)."""
        cell = self.cell
        if cell and cell.startswith("line ") and cell[5:].isdigit():
            cell = messages.text("problem.line", lang, line=cell[5:])
        return " › ".join(p for p in (self.file, self.sheet, cell) if p)

    def with_location(self, **where: str | None) -> Problem:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(where)
        return Problem(**values)

    def to_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "measure_id": self.measure_id,
            "division": self.division,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


def error(code: str, /, **kw: object) -> Problem:
    return _make(ERROR, code, kw)


def warning(code: str, /, **kw: object) -> Problem:
    return _make(WARNING, code, kw)


def info(code: str, /, **kw: object) -> Problem:
    return _make(INFO, code, kw)


_LOCATION_FIELDS = ("file", "sheet", "cell", "measure_id", "division")


def _make(severity: str, code: str, kw: dict[str, object]) -> Problem:
    where = {k: kw.pop(k) for k in _LOCATION_FIELDS if k in kw}
    return Problem(severity, code, params=MappingProxyType(kw), **where)  # type: ignore[arg-type]


def sort_key(problem: Problem) -> tuple:
    """Errors first, then by file, sheet and cell."""
    return (
        _SEVERITY_ORDER[problem.severity],
        problem.file or "",
        problem.sheet or "",
        _cell_order(problem.cell),
        problem.code,
    )


def _cell_order(cell: str | None) -> tuple[int, str]:
    if not cell:
        return (0, "")
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits) if digits else 0, letters.rjust(3))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)
