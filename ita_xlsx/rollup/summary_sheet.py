"""Sheet สรุป of the roll-up workbook. Page 1: the headline and the distribution of % done across
offices; page 2: the ten districts with the least done, with a chart; page 3: the ten offices with
the least and the most done; page 4: the ten with the most overdue measures. Every chart shows
ten bins or ten bars, whatever the number of offices."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from ita_xlsx.messages import th
from ita_xlsx.report import rows
from ita_xlsx.report.common import LINE_PX, merged_text, row_height
from ita_xlsx.report.formats import DONE_FILL, OVERDUE_FILL, Formats
from ita_xlsx.report.rows import RowWriter
from ita_xlsx.rollup.aggregate import RollupResults
from ita_xlsx.rollup.sheet_common import CHART_ROWS, chart, fraction, plain_sheet, titles
from ita_xlsx.rollup.tally import BINS

SUMMARY = "สรุป"
SUMMARY_WIDTHS = (36, 12, 20, 20, 12, 12, 12, 12)
HISTOGRAM_COL = 6  # the histogram's table, right of its chart


def write(wb: Workbook, fmt: Formats, r: RollupResults) -> None:
    """Page 1: headline and the distribution of % done; page 2: the lowest offices, with a chart;
    page 3: the highest and those with the most overdue measures."""
    ws, writer = plain_sheet(wb, SUMMARY, SUMMARY_WIDTHS)
    row = titles(writer, fmt, r, "rollup.summary.title", len(SUMMARY_WIDTHS) - 1) + 1
    row = _headline(writer, fmt, r, row) + 2
    first = _histogram_table(writer, fmt, r, row)
    chart(
        wb,
        ws,
        {"type": "column"},
        th("rollup.summary.chart-histogram"),
        (SUMMARY, first, HISTOGRAM_COL, first + BINS - 1, HISTOGRAM_COL),
        (SUMMARY, first, HISTOGRAM_COL + 1, first + BINS - 1, HISTOGRAM_COL + 1),
        DONE_FILL,
        (row, 0),
        (th("rollup.summary.chart-histogram-x"), th("rollup.col.offices")),
    )
    row += CHART_ROWS + 1
    breaks = [row]
    t = r.tallies
    districts = t.lowest_districts()
    first = row + 2
    row = _ranked_table(
        writer,
        fmt,
        districts,
        row,
        th("rollup.summary.lowest-districts"),
        th("rollup.col.done-pct"),
        True,
        DISTRICT_LABELS,
    )
    if districts:
        chart(
            wb,
            ws,
            {"type": "bar"},
            th("rollup.summary.lowest-districts"),
            (SUMMARY, first, 0, first + len(districts) - 1, 0),
            (SUMMARY, first, 4, first + len(districts) - 1, 4),
            OVERDUE_FILL,
            (row + 1, 0),
            ("", th("rollup.col.done-pct")),
            percent=True,
        )
        row += CHART_ROWS + 1
    breaks.append(row + 1)
    for which, title, value, percent in (
        ("lowest", "rollup.summary.lowest", "rollup.col.done-pct", True),
        ("highest", "rollup.summary.highest", "rollup.col.done-pct", True),
        ("most_overdue", "rollup.summary.most-overdue", "rollup.col.overdue", False),
    ):
        if which == "most_overdue":
            breaks.append(row + 1)
        ranked = [x for x in t.ranked(which) if percent or x[0] > 0]
        row = _ranked_table(writer, fmt, ranked, row + 1, th(title), th(value), percent)
    ws.set_h_pagebreaks(breaks)
    ws.activate()


def _headline(writer: RowWriter, fmt: Formats, r: RollupResults, row: int) -> int:
    """Cards: offices expected, reporting rate, on time, not received, % done, overdue measures."""
    total = r.tallies.total
    cards = (
        ("rollup.summary.expected", total.expected, fmt.headline_label, fmt.headline_value),
        (
            "rollup.summary.reporting-rate",
            fraction(total.reporting_rate),
            fmt.state_header["done"],
            fmt.headline_pct,
        ),
        (
            "rollup.summary.on-time-rate",
            fraction(total.on_time_rate),
            fmt.state_header["ongoing"],
            fmt.headline_pct,
        ),
        (
            "rollup.summary.not-received",
            total.not_received + total.rejected,
            fmt.state_header["missing"],
            fmt.headline_value,
        ),
        ("rollup.summary.done-pct", fraction(total.done_pct), fmt.state_header["done"], fmt.headline_pct),
        ("rollup.summary.overdue", total.overdue, fmt.state_header["overdue"], fmt.headline_value),
    )
    labels = [th(key) for key, *_ in cards]
    writer.write(
        row,
        [rows.text(label, style) for label, (_, _, style, _) in zip(labels, cards, strict=True)],
        first_col=1,
        height=row_height(labels, SUMMARY_WIDTHS[1:7]),
    )
    writer.write(
        row + 1,
        [rows.number(value, style) for _, value, _, style in cards],
        first_col=1,
        height=2 * LINE_PX + 8,
    )
    line = th(
        "rollup.summary.line",
        expected=total.expected,
        received=total.received,
        on_time=total.on_time,
        rejected=total.rejected,
        not_received=total.not_received,
        unexpected=total.unexpected,
        errors=r.counts["error"],
        warnings=r.counts["warning"],
    )
    merged_text(
        writer,
        row + 2,
        0,
        len(SUMMARY_WIDTHS) - 1,
        line,
        fmt.wrap,
        height=row_height([line], [sum(SUMMARY_WIDTHS)]),
    )
    return row + 2


def _histogram_table(writer: RowWriter, fmt: Formats, r: RollupResults, row: int) -> int:
    """Offices by % done, in ten bins (the histogram's data), right of the chart; its first data row."""
    labels = [th("rollup.col.done-band"), th("rollup.col.offices")]
    widths = SUMMARY_WIDTHS[HISTOGRAM_COL : HISTOGRAM_COL + 2]
    writer.write(
        row,
        [rows.text(x, fmt.header) for x in labels],
        first_col=HISTOGRAM_COL,
        height=row_height(labels, widths),
    )
    step = 100 // BINS
    for i, count in enumerate(r.tallies.histogram):
        high = 100 if i == BINS - 1 else (i + 1) * step - 0.1
        label = f"{i * step}–{high:g} %"
        writer.write(
            row + 1 + i, [rows.text(label, fmt.center), rows.number(count, fmt.int)], first_col=HISTOGRAM_COL
        )
    return row + 1


RANK_LABELS = ("rollup.col.name", "rollup.col.code", "rollup.col.district", "rollup.col.province")
DISTRICT_LABELS = ("rollup.col.district", "rollup.col.received-of", "", "")


def _ranked_table(
    writer: RowWriter,
    fmt: Formats,
    ranked: list,
    row: int,
    title: str,
    value_label: str,
    percent: bool,
    columns: tuple[str, ...] = RANK_LABELS,
) -> int:
    """Ten offices (or districts) with a value (% done or overdue measures); the row after the table."""
    merged_text(writer, row, 0, 4, title, fmt.subtitle)
    labels = [*(th(k) if k else "" for k in columns), value_label]
    writer.write(
        row + 1, [rows.text(x, fmt.header) for x in labels], height=row_height(labels, SUMMARY_WIDTHS[:5])
    )
    for i, (value, code, name, district, province) in enumerate(ranked):
        number = rows.number(fraction(value), fmt.pct) if percent else rows.number(value, fmt.int)
        texts = (name, code, district, province)
        writer.write(
            row + 2 + i,
            [*(rows.text(x, fmt.wrap) for x in texts), number],
            height=row_height(list(texts), SUMMARY_WIDTHS[:4]),
        )
    if not ranked:
        writer.write(row + 2, [rows.text(th("rollup.summary.none"), fmt.line)])
        return row + 3
    return row + 2 + len(ranked)
