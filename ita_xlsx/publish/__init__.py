"""What the office publishes: the round's report as a Word document, and the OIT evidence register.

The register: ``links`` finds the evidence links in what the divisions returned; ``register``
checks them (well-formed, on the office's own website, not given for two measures, not a local
path or a personal drive); ``linkcheck`` opens them when asked; ``csvfile`` writes the register
for the assessment system.

The report: ``report_doc`` is the report as the document is written from it, made from the
results (with the same code as the workbook's รายงาน sheet) or read back from the consolidated
workbook (``report_xlsx``); ``docx_report`` writes it as .docx; ``report_file`` is what the
``report`` command runs.
"""
