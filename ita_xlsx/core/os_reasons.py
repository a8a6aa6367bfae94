"""Why the system refused to read or write a file, in the reader's language.

The operating system words its refusals in English ("No space left on device"). A clerk reads
the common ones in Thai, with the system's own words after them for whoever helps.
"""

from __future__ import annotations

import errno

from ita_xlsx import messages

_KEYS = {
    errno.ENOSPC: "os.no-space",
    errno.EDQUOT: "os.no-space",
    errno.EFBIG: "os.too-large",
    errno.EACCES: "os.no-access",
    errno.EPERM: "os.no-access",
    errno.EROFS: "os.read-only",
    errno.ENOENT: "os.not-found",
    errno.EISDIR: "os.is-folder",
    errno.ENOTDIR: "os.not-folder",
    errno.ENAMETOOLONG: "os.name-too-long",
    errno.EBUSY: "os.busy",
}


def os_reason(exc: BaseException, lang: str | None = None) -> str:
    """``exc``'s reason: in Thai as well when the language is Thai and the error a common one."""
    english = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    code = getattr(exc, "errno", None)
    key = None if code is None else _KEYS.get(code)
    if key is None or (lang or messages.get_language()) != "th":
        return english
    return f"{messages.text(key, 'th')} ({english})"
