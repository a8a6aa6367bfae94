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
