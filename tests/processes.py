"""Child processes of the tests, started as a user's command would be."""

from __future__ import annotations

import signal


def ctrl_c_as_in_a_terminal() -> None:
    """``preexec_fn``: Ctrl-C as a terminal's foreground job has it.

    A shell's background job (the tests run with ``&``, say) starts with SIGINT ignored, and a
    Python started so leaves it ignored: a test of Ctrl-C would see the command finish instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
