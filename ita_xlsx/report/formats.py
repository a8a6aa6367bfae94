"""The look of the consolidated workbook: formats made once per workbook, and the state colours.

The colours of the states are defined here once and used by the row colouring of the detail
and overdue sheets, their legends, the summary tables and the chart, so that they all match.
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from ita_xlsx.core import style as house
from ita_xlsx.core.status import STATE_BY_CODE
from ita_xlsx.core.thaidates import XL_DATE_FULL
from ita_xlsx.report.rows import Style

# The order states are shown in: good to bad, then not applicable.
STATE_ORDER = (
    "done",
    "ongoing",
    "done_late",
    "pending",
    "due_soon",
    "periods_missing",
    "overdue",
    "missing",
    "not_applicable",
)
DONE_STATES = ("done", "done_late", "ongoing")

# Row fill of each state: green for done and ongoing, orange for done late, yellow for due soon,
# light orange for periods not reported, red for overdue and not reported, grey for not
# applicable; pending rows stay white.
DONE_FILL = "#C6EFCE"
OVERDUE_FILL = "#FFC7CE"
STATE_FILLS: dict[str, str | None] = {
    "done": DONE_FILL,
    "ongoing": house.FILL_GREEN,
    "done_late": "#F8CBAD",
    "pending": None,
    "due_soon": "#FFEB9C",
    "periods_missing": "#FCE4D6",
    "overdue": OVERDUE_FILL,
    "missing": "#FF9B9B",
    "not_applicable": house.FILL_GREY,
}
SEVERITY_FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C"}
CHART_BORDER = "#7F7F7F"
LINK_COLOUR = "#0563C1"
SECTION_FILL = "#F2F2F2"

BASE = {"font_name": house.FONT_NAME, "font_size": house.FONT_SIZE}
_BORDER = {"border": 1, "border_color": "#A6A6A6", "valign": "top"}


def workbook_options(tmpdir: str) -> dict:
    """xlsxwriter options: nothing typed becomes a formula, number or link; rows streamed to disk."""
    return {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "tmpdir": tmpdir,
        "default_format_properties": dict(BASE),
    }


def state_label(state: str) -> str:
    label = STATE_BY_CODE.get(state)
    return label.th if label else state


def chart_fill(state: str) -> str:
    return STATE_FILLS.get(state) or "#FFFFFF"


class Formats:
    """Every cell format of one workbook, created once (never per cell)."""

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._make_text_styles()
        self._make_number_styles()
        self._make_state_styles()

    def _make_text_styles(self) -> None:
        self.title = self.style(bold=True, font_size=20)
        self.subtitle = self.style(bold=True, valign="vcenter")
        self.line = self.style()
        self.alert = self.style(
            bold=True, font_color="#9C0006", bg_color="#FFC7CE", text_wrap=True, valign="vcenter"
        )
        self.header = self.style(
            bold=True,
            text_wrap=True,
            align="center",
            valign="vcenter",
            bg_color=house.FILL_HEADER,
            border=1,
            border_color="#A6A6A6",
        )
        self.cell = self.style(**_BORDER)
        self.wrap = self.style(text_wrap=True, **_BORDER)
        self.center = self.style(align="center", **_BORDER)
        self.link = self.style(font_color=LINK_COLOUR, underline=1, **_BORDER)
        self.section = self.style(bold=True, text_wrap=True, bg_color=SECTION_FILL, **_BORDER)
        self.indent = self.style(indent=1, text_wrap=True, **_BORDER)
        self.total = self.style(**_BORDER, bold=True, bg_color=SECTION_FILL, top=2)
        self.headline_label = self.style(
            bold=True,
            text_wrap=True,
            align="center",
            valign="vcenter",
            bg_color=house.FILL_HEADER,
            border=1,
            border_color="#A6A6A6",
        )
        self.report_title = self.style(bold=True, font_size=18, align="center", valign="vcenter")
        self.report_line = self.style(align="center", valign="vcenter")
        self.report_section = self.style(
            bold=True, text_wrap=True, valign="vcenter", border=1, border_color="#A6A6A6"
        )
        self.report_cell = self.style(text_wrap=True, **_BORDER)
        # (first row of the measure?, last row?) -> the cell style, without borders inside a measure
        self.report_cell_parts = {
            (True, True): self.report_cell,
            (True, False): self.style(text_wrap=True, **_BORDER, bottom=0),
            (False, False): self.style(text_wrap=True, **_BORDER, top=0, bottom=0),
            (False, True): self.style(text_wrap=True, **_BORDER, top=0),
        }

    def _make_number_styles(self) -> None:
        self.date = self.style(num_format=XL_DATE_FULL, align="left", **_BORDER)
        self.int = self.style(num_format="#,##0", align="center", **_BORDER)
        self.pct = self.style(num_format="0.0%", align="center", **_BORDER)
        self.total_int = self.style(
            **_BORDER, num_format="#,##0", align="center", bold=True, bg_color=SECTION_FILL, top=2
        )
        self.total_pct = self.style(
            **_BORDER, num_format="0.0%", align="center", bold=True, bg_color=SECTION_FILL, top=2
        )
        self.section_int = self.style(
            num_format="#,##0", align="center", bold=True, bg_color=SECTION_FILL, **_BORDER
        )
        self.section_pct = self.style(
            num_format="0.0%", align="center", bold=True, bg_color=SECTION_FILL, **_BORDER
        )
        self.headline_value = self.style(
            num_format="#,##0",
            bold=True,
            font_size=28,
            align="center",
            valign="vcenter",
            border=1,
            border_color="#A6A6A6",
        )
        self.headline_pct = self.style(
            num_format="0.0%",
            bold=True,
            font_size=28,
            align="center",
            valign="vcenter",
            border=1,
            border_color="#A6A6A6",
        )

    def _make_state_styles(self) -> None:
        """Legend cells and table headings in each state's colour; conditional-format fills."""
        self.legend: dict[str, Style] = {}
        self.state_header: dict[str, Style] = {}
        self.state_dxf: dict[str, Format] = {}
        for state in STATE_ORDER:
            fill = {"bg_color": STATE_FILLS[state]} if STATE_FILLS[state] else {}
            self.legend[state] = self.style(align="center", text_wrap=True, **fill, **_BORDER)
            self.state_header[state] = self.style(
                bold=True,
                text_wrap=True,
                align="center",
                valign="vcenter",
                border=1,
                border_color="#A6A6A6",
                **(fill or {"bg_color": house.FILL_HEADER}),
            )
            if fill:
                self.state_dxf[state] = self._wb.add_format(fill)
        self.severity_dxf = {sev: self._wb.add_format({"bg_color": c}) for sev, c in SEVERITY_FILLS.items()}

    def style(self, **props: object) -> Style:
        """A :class:`Style`: the format, and its twin with quote-prefix for formula-like text."""
        plain = self._wb.add_format(props)
        quoted = self._wb.add_format({**props, "quote_prefix": True})
        # style indices fixed now, in the order the styles are made, whatever order cells come in
        return Style(plain, quoted, plain._get_xf_index(), quoted._get_xf_index())
