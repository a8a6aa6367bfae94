"""The consolidated workbook (OUT.xlsx) and the PDF of its official report.

``write_consolidated(results, plan, path)`` writes the workbook from ``Results.view()`` (or ``to_dict()``, or the JSON);
``export_report_pdf(xlsx_path, pdf_path)`` prints its รายงาน sheet to PDF through LibreOffice.
"""

from ita_xlsx.report.pdf import export_report_pdf
from ita_xlsx.report.workbook import (
    REPORT_SHEET,
    SHEET_NAMES,
    OutputIsInputError,
    write_consolidated,
)

__all__ = ["REPORT_SHEET", "SHEET_NAMES", "OutputIsInputError", "export_report_pdf", "write_consolidated"]
