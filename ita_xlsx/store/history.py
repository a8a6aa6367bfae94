"""The history workbook: every round of every year in the store, as executives ask about it.

Sheets: the trend of the office (with a chart), each division and each ITA indicator round by
round, the measures overdue in consecutive rounds, and each division's returns (when they came,
on time or late, which version, accepted when). Thai, A4, the look of the consolidated workbook.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from ita_xlsx.core.atomic import atomic_path
from ita_xlsx.core.thaidates import to_thai_digits as thai_digits
from ita_xlsx.messages import th
from ita_xlsx.report.common import LINE_PX, setup_sheet
from ita_xlsx.report.formats import Formats, workbook_options
from ita_xlsx.report.rows import Style
from ita_xlsx.store import queries
from ita_xlsx.store.schema import StoreError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_COUNT_COLUMNS = ("history.col.done", "history.col.overdue", "history.col.periods-missing")


def write_history(conn: sqlite3.Connection, path: str, out: str | Path) -> Path:
    """Write the history workbook of the store to ``out`` (atomically); StoreError when it is empty."""
    rounds = queries.rounds(conn)
    if not rounds:
        raise StoreError("store.nothing-stored", path=path)
    office = conn.execute("SELECT office FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()[0]
    runs = conn.execute("SELECT count(*) FROM runs").fetchone()[0]
    with tempfile.TemporaryDirectory(prefix="ita-xlsx-") as tmpdir, atomic_path(out) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), workbook_options(tmpdir))
        book = _Book(
            wb, Formats(wb), rounds, th("history.office", office=office, runs=thai_digits(str(runs)))
        )
        book.trend(queries.by_round(conn))
        book.grouped(
            "history.sheet.divisions", "history.col.division", _division_rows(queries.by_division(conn))
        )
        book.grouped("history.sheet.indicators", "history.col.indicator", _indicator_rows(conn))
        book.repeated(queries.overdue_runs(conn))
        book.timeline(queries.timeline(conn))
        wb.close()
    return Path(out)


def _division_rows(found: dict) -> list[tuple[str, dict]]:
    return sorted(((name, counts) for (_code, name), counts in found.items()), key=lambda item: item[0])


def _indicator_rows(conn: sqlite3.Connection) -> list[tuple[str, dict]]:
    names = queries.indicator_names(conn)
    return [
        (f"{section} {thai_digits(str(number))} {names.get((number, section), '')}".strip(), counts)
        for (number, section), counts in sorted(queries.by_indicator(conn).items())
    ]


class _Book:
    def __init__(self, wb, fmt: Formats, rounds: Sequence[tuple], subtitle: str) -> None:
        self.wb, self.fmt, self.rounds, self.subtitle = wb, fmt, rounds, subtitle
        self.order = {run_id: i for i, (run_id, *_rest) in enumerate(rounds)}

    def sheet(self, key: str, widths: Sequence[float], header_row: int = 3):
        ws = self.wb.add_worksheet(th(key))
        setup_sheet(ws, repeat_row=header_row)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.set_row_pixels(0, 2 * LINE_PX)
        _text(ws, 0, 0, th("history.title") + " · " + th(key), self.fmt.title)
        _text(ws, 1, 0, self.subtitle, self.fmt.line)
        return ws

    def header(self, ws, row: int, keys: Sequence[str]) -> None:
        ws.set_row_pixels(row, 2 * LINE_PX)
        for col, key in enumerate(keys):
            _text(ws, row, col, th(key), self.fmt.header)
        ws.freeze_panes(row + 1, 0)

    def round_cells(self, ws, row: int, col: int, run_id: int) -> None:
        _run_id, year, _round, name, as_of = self.rounds[self.order[run_id]]
        _text(ws, row, col, thai_digits(str(year)), self.fmt.center)
        _text(ws, row, col + 1, name, self.fmt.cell)
        ws.write_datetime(row, col + 2, dt.datetime.fromisoformat(as_of), self.fmt.date.plain)

    def counts(self, ws, row: int, col: int, counts: tuple) -> int:
        """Records, done %, overdue and periods missing from ``col`` on; the divisions not received."""
        applicable, done, overdue, periods_missing, not_received = counts
        ws.write_number(row, col, applicable, self.fmt.int.plain)
        ws.write_number(row, col + 1, done / applicable if applicable else 0, self.fmt.pct.plain)
        ws.write_number(row, col + 2, overdue, self.fmt.int.plain)
        ws.write_number(row, col + 3, periods_missing, self.fmt.int.plain)
        return not_received

    def trend(self, by_round: dict[int, tuple]) -> None:
        ws = self.sheet("history.sheet.trend", (14, 22, 24, 14, 16, 14, 18, 18))
        keys = (
            "history.col.year",
            "history.col.round",
            "history.col.as-of",
            "history.col.measures",
            *_COUNT_COLUMNS,
            "history.col.not-received",
        )
        self.header(ws, 3, keys)
        row = 4
        for run_id, *_rest in self.rounds:
            self.round_cells(ws, row, 0, run_id)
            not_received = self.counts(ws, row, 3, by_round.get(run_id, (0, 0, 0, 0, 0)))
            ws.write_number(row, 7, not_received, self.fmt.int.plain)
            row += 1
        self.chart(ws, 4, row - 1, row + 1)

    def chart(self, ws, first: int, last: int, at: int) -> None:
        sheet = th("history.sheet.trend")
        font = {"name": "TH Sarabun New", "size": 14}
        columns = self.wb.add_chart({"type": "column"})
        columns.add_series(
            {
                "name": th("history.chart-overdue"),
                "categories": [sheet, first, 0, last, 1],
                "values": [sheet, first, 5, last, 5],
                "fill": {"color": "#FFC7CE"},
                "border": {"color": "#7F7F7F"},
                "y2_axis": True,
            }
        )
        line = self.wb.add_chart({"type": "line"})
        line.add_series(
            {
                "name": th("history.chart-done"),
                "categories": [sheet, first, 0, last, 1],
                "values": [sheet, first, 4, last, 4],
                "marker": {"type": "circle", "size": 7},
                "line": {"color": "#548235", "width": 2.5},
                "data_labels": {"value": True, "num_format": "0%", "font": font, "position": "above"},
            }
        )
        line.combine(columns)
        line.set_title({"name": th("history.chart-title"), "name_font": {**font, "size": 18, "bold": True}})
        line.set_y_axis({"min": 0, "max": 1, "num_format": "0%", "num_font": font})
        columns.set_y2_axis({"num_font": font, "name": th("history.chart-overdue"), "name_font": font})
        line.set_x_axis({"num_font": font})
        line.set_legend({"position": "bottom", "font": font})
        line.set_chartarea({"border": {"none": True}})
        line.set_size({"width": 960, "height": 420})
        ws.insert_chart(at, 0, line, {"x_offset": 8, "y_offset": 4, "object_position": 1})

    def grouped(self, key: str, label_key: str, groups: list[tuple[str, dict]]) -> None:
        ws = self.sheet(key, (30, 14, 22, 24, 14, 16, 14, 18, 16))
        per_division = key == "history.sheet.divisions"
        last = "history.col.received-flag" if per_division else "history.col.not-received"
        self.header(
            ws,
            3,
            (
                label_key,
                "history.col.year",
                "history.col.round",
                "history.col.as-of",
                "history.col.measures",
                *_COUNT_COLUMNS,
                last,
            ),
        )
        row = 4
        for label, counts in groups:
            for run_id, *_rest in self.rounds:
                if run_id not in counts:
                    continue
                _text(ws, row, 0, label, self.fmt.wrap)
                self.round_cells(ws, row, 1, run_id)
                not_received = self.counts(ws, row, 4, counts[run_id])
                if per_division:
                    said = "history.received-no" if not_received else "history.received-yes"
                    _text(ws, row, 8, th(said), self.fmt.center)
                else:
                    ws.write_number(row, 8, not_received, self.fmt.int.plain)
                row += 1

    def repeated(self, overdue: dict[tuple[str, str, str], set[int]]) -> None:
        ws = self.sheet("history.sheet.repeated", (16, 30, 20, 60))
        self.header(
            ws, 3, ("history.col.measure", "history.col.division", "history.col.streak", "history.col.rounds")
        )
        rows = []
        for (measure_id, _code, name), runs in overdue.items():
            streak = _longest_streak(sorted(self.order[r] for r in runs))
            if streak >= 2:
                rows.append((-streak, name, measure_id, runs))
        if not rows:
            _text(ws, 4, 0, th("history.none-repeated"), self.fmt.line)
        for row, (streak, name, measure_id, runs) in enumerate(sorted(rows), start=4):
            _text(ws, row, 0, measure_id, self.fmt.cell)
            _text(ws, row, 1, name, self.fmt.wrap)
            ws.write_number(row, 2, -streak, self.fmt.int.plain)
            labels = [self.round_label(r) for r in sorted(runs, key=self.order.__getitem__)]
            _text(ws, row, 3, ", ".join(labels), self.fmt.wrap)

    def round_label(self, run_id: int) -> str:
        _run_id, year, _round, name, _as_of = self.rounds[self.order[run_id]]
        return th("history.round-label", name=name, year=thai_digits(str(year)))

    def timeline(self, returns: list[tuple]) -> None:
        ws = self.sheet("history.sheet.timeline", (26, 12, 20, 24, 18, 10, 16, 24, 50))
        self.header(
            ws,
            3,
            (
                "history.col.division",
                "history.col.year",
                "history.col.round",
                "history.col.received",
                "history.col.timeliness",
                "history.col.version",
                "history.col.used",
                "history.col.accepted",
                "history.col.file",
            ),
        )
        names = {(year, rid): name for _run, year, rid, name, _as_of in self.rounds}
        for row, item in enumerate(returns, start=4):
            _code, name, year, round_id, received, late, version, used, accepted, path = item
            _text(ws, row, 0, name, self.fmt.wrap)
            _text(ws, row, 1, thai_digits(str(year)), self.fmt.center)
            _text(ws, row, 2, names.get((year, round_id), round_id), self.fmt.cell)
            _date(ws, row, 3, received, self.fmt)
            _text(ws, row, 4, _timeliness(late), self.fmt.center)
            ws.write_number(row, 5, version, self.fmt.int.plain)
            _text(ws, row, 6, th("history.yes" if used else "history.no"), self.fmt.center)
            _date(ws, row, 7, accepted, self.fmt)
            _text(ws, row, 8, path, self.fmt.wrap)


def _longest_streak(positions: list[int]) -> int:
    """The longest run of consecutive round positions."""
    best = run = 0
    previous = None
    for position in positions:
        run = run + 1 if previous is not None and position == previous + 1 else 1
        best, previous = max(best, run), position
    return best


def _timeliness(late: int | None) -> str:
    if late is None:
        return th("history.no-deadline")
    return th("history.late", days=thai_digits(str(late))) if late > 0 else th("history.on-time")


def _date(ws, row: int, col: int, value: str | None, fmt: Formats) -> None:
    if value:
        ws.write_datetime(row, col, dt.datetime.fromisoformat(value[:10]), fmt.date.plain)
    else:
        _text(ws, row, col, "-", fmt.center)


def _text(ws, row: int, col: int, value: str, style: Style) -> None:
    """Text exactly as stored: never a formula, a number or a link (quote-prefixed when it looks like one)."""
    value = value or ""
    ws.write_string(row, col, value, style.quoted if value.startswith(_FORMULA_START) else style.plain)
