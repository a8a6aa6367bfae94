"""What the office publishes: the round's report as a Word document, and the OIT evidence register.

``links`` finds the evidence links in what the divisions returned; ``register`` checks them
(well-formed, on the office's own website, not given for two items, not a local path or a
personal drive); ``linkcheck`` fetches them when asked; ``csvfile`` writes the register for the
assessment system; ``docx_report`` writes the report as an editable Word document.
"""
