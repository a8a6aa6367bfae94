"""How the tool knows its own files when they turn up among the returns.

The template password file, a feedback workbook nobody has filled yet, a reminder or a mail draft
are not a division's return: intake and the reader skip them with a note instead of reporting
an error (or, for a feedback workbook, taking it as the division's newest file).
"""

from __future__ import annotations

PASSWORD_FILE = ".ita-template-password.txt"  # written beside the templates and feedback workbooks
MAIL_HEADER = "X-Mailer"  # on every message the tool writes or sends
MAIL_MARK = "ita-xlsx"
# The core property "last modified by" of a feedback workbook as the tool writes it: Excel,
# LibreOffice and every other program replace it when the clerk saves, so a workbook still
# carrying it is the tool's own, untouched.
FEEDBACK_MARK = "ita-xlsx feedback"


def is_own_mail(headers) -> bool:
    """Whether a message's headers say the tool wrote it."""
    return str(headers.get(MAIL_HEADER) or "").strip().startswith(MAIL_MARK)
