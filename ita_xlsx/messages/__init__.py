"""The message catalogue: every text a user reads, in Thai and English.

Entries live in the modules of this package, one per area of the tool, each a dict
``MESSAGES = {key: (thai, english)}``. Texts are ``str.format`` templates. Problem
codes (kebab-case) are keys too, so a problem record renders its own message.

The language is Thai unless ``--lang en`` or the environment variable ``ITA_LANG=en``
says otherwise.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping

LANGUAGES = ("th", "en")
_catalogue: dict[str, tuple[str, str]] | None = None
_language: str | None = None


def set_language(lang: str | None) -> None:
    """Choose the language for this process (``th`` or ``en``); ``None`` falls back to ITA_LANG."""
    global _language
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _language = lang


def get_language() -> str:
    if _language:
        return _language
    env = os.environ.get("ITA_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else "th"


def catalogue() -> Mapping[str, tuple[str, str]]:
    """All entries, loaded once from the modules of this package."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for key, pair in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"message key {key!r} defined twice (again in {info.name})")
                merged[key] = pair
        _catalogue = merged
    return _catalogue


def text(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), filled with ``params``."""
    pair = catalogue().get(key)
    if pair is None:
        raise KeyError(f"no message {key!r} in the catalogue")
    template = pair[0] if (lang or get_language()) == "th" else pair[1]
    return template.format(**params) if params else template


def both(key: str, /, **params: object) -> tuple[str, str]:
    """The message in Thai and in English."""
    return text(key, "th", **params), text(key, "en", **params)


def has(key: str) -> bool:
    return key in catalogue()
