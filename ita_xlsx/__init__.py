"""ita-xlsx: the ITA integrity-measures plan, division templates, collection and reports in Excel."""

__version__ = "0.1.0"
