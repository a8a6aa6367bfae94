"""The content digest of a results file: a fingerprint of what it says, not of how it is laid out.

``collect`` writes it as the last field (``digest``); a reader recomputes it over the parsed JSON.
The canonical form is each top-level field but the digest and the run id (which names the run, not
what it found: two runs over the same files say the same and have one digest), in key order, as ``key=value`` lines with
the value in compact JSON (keys sorted, no spaces, UTF-8): re-indenting or reordering the file
keeps the digest; changing a value, adding or removing a field does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import cast

DIGEST_KEY = "digest"
_NOT_CONTENT = (DIGEST_KEY, "run_id")
PREFIX = "sha256:"
_WHOLE = (str, int, float, bool, dict, list, tuple, type(None))  # encoded in one call


def _canonical(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_digest(fields: Iterable[tuple[str, object]]) -> str:
    """``sha256:…`` over ``fields`` (key, value) without the digest itself and the run id.

    A long list may be any iterable (a table of the working store read item by item): it is never made whole here.
    """
    digest = hashlib.sha256()
    for key, value in sorted((kv for kv in fields if kv[0] not in _NOT_CONTENT), key=lambda kv: kv[0]):
        digest.update(_canonical(key) + b"=")
        if isinstance(value, _WHOLE):  # a list as one call: the same bytes as item by item
            digest.update(_canonical(value))
        else:
            digest.update(b"[")
            for number, item in enumerate(cast("Iterable[object]", value)):  # a long list, item by item
                digest.update(b"," + _canonical(item) if number else _canonical(item))
            digest.update(b"]")
        digest.update(b"\n")
    return PREFIX + digest.hexdigest()


def digest_state(data: Mapping[str, object]) -> str:
    """``ok`` when the file's digest matches its content, ``edited`` when not, ``none`` without one."""
    written = data.get(DIGEST_KEY)
    if not isinstance(written, str) or not written.startswith(PREFIX):
        return "none"
    return "ok" if content_digest(data.items()) == written else "edited"
