"""The look shared by every workbook the tool writes."""

FONT_NAME = "TH Sarabun New"
FONT_SIZE = 16
ROW_HEIGHT_PER_LINE = 24  # points per wrapped line at 16 pt, so Thai upper and lower marks are not clipped

FILL_INPUT = "#FFF2CC"  # cells a division fills in
FILL_HEADER = "#D9E1F2"
FILL_RED = "#F8CBAD"
FILL_ORANGE = "#FCE4D6"
FILL_YELLOW = "#FFF2CC"
FILL_GREEN = "#E2EFDA"
FILL_GREY = "#EDEDED"

PAPER_A4 = 9  # xlsxwriter's paper code


def print_on_a4(
    ws,
    footer: str,
    *,
    repeat_rows: tuple[int, int] | None = None,
    one_page: bool = False,
    pages_wide: int = 1,
) -> None:
    """An xlsxwriter sheet printed on A4 landscape, ``pages_wide`` pages wide (``one_page``: one
    page in all), ``repeat_rows`` (first, last, 0-based) on every page, ``footer`` (page numbers)
    at the foot. A sheet two pages wide repeats its first column and prints across, then down:
    each page of the right half follows the page of the left half it continues."""
    ws.set_paper(PAPER_A4)
    ws.set_landscape()
    ws.fit_to_pages(pages_wide, 1 if one_page else 0)
    if pages_wide > 1:
        ws.repeat_columns(0)
        ws.print_across()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f'&C&"{FONT_NAME},Regular"&14{footer}')
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
