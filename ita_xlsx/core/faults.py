"""Named points of a run where a test may stop the process, as a power cut or ``kill -9`` would.

Set ``ITA_XLSX_FAULT_POINT`` to a point's name (``file-read``, ``workbook-sheets-written``,
``before-renames``, ``between-renames``, ``after-renames``), or to ``NAME:N`` for the N-th time the
run passes it, and the process kills itself there with SIGKILL: nothing is cleaned up, nothing
is flushed. Unset, a point costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

FAULT_ENV = "ITA_XLSX_FAULT_POINT"
_passed: Counter = Counter()


def fault_point(name: str) -> None:
    """Die here, at once, when the environment names this point (and this is the time it names)."""
    wanted = os.environ.get(FAULT_ENV)
    if not wanted or not wanted.startswith(name):
        return
    point, _, times = wanted.partition(":")
    if point != name:
        return
    _passed[name] += 1
    if _passed[name] >= int(times or 1):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
