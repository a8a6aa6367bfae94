"""The roll-up: many offices' results (collect's JSON, consolidated workbooks, or lower roll-ups)
into one workbook and one JSON for a district, a province or the nation.

Modules: :mod:`run` (a whole roll-up, written), :mod:`read` (an office's results from one
file), :mod:`expected` (the list of offices that should report), :mod:`choose` (one result per office), :mod:`aggregate` (the whole run),
:mod:`tally` (counts per area and indicator), :mod:`json_out` (R.json), :mod:`workbook` (R.xlsx,
with :mod:`summary_sheet`, :mod:`table_sheets` and :mod:`sheet_common`).

The package imports none of its modules: loading one sheet module does not load the run.
"""
