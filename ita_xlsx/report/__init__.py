"""The consolidated workbook (OUT.xlsx) and the PDF of its official report.

``workbook.write_consolidated(results, plan, path)`` writes the workbook from ``Results.view()`` (or ``to_dict()``, or the JSON);
``pdf.export_report_pdf(xlsx_path, pdf_path)`` prints its รายงาน sheet to PDF through LibreOffice.

The package imports none of its modules: loading ``report.rows`` does not load every sheet.
"""
