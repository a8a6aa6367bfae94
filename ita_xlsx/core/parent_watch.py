"""Worker processes end when the process that started them dies, even by SIGKILL.

A parent killed outright cannot stop its workers; left alone they would go on reading (and holding
memory) for nothing. On Linux the kernel sends the worker SIGKILL when its parent dies (prctl
``PR_SET_PDEATHSIG``); everywhere, a watcher thread also sees the parent gone (the worker's parent
id changes) and ends the worker within a fraction of a second.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.25


def exit_with_parent(parent_pid: int) -> None:
    """Make this process end as soon as ``parent_pid`` (its parent) is gone."""
    _ask_the_kernel()
    if os.getppid() != parent_pid:  # gone already, before the request was made
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _ask_the_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)
