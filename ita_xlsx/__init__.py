"""ita-xlsx: the ITA integrity-measures plan, division templates, collection and reports in Excel."""

from importlib import metadata

try:
    __version__ = metadata.version("ita-xlsx")
except metadata.PackageNotFoundError:  # run from a folder that was never installed
    __version__ = "0+unknown"
