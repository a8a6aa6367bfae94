"""``--check-links``: open each evidence link as an assessor would, and say which do not open.

Only on request (no network otherwise). Each distinct web address is fetched once, a few at a
time, with a time limit, reading at most a bounded number of bytes of the answer. Local paths,
malformed addresses and personal drives are not fetched: the register has said why already.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ita_xlsx.check import register
from ita_xlsx.check.links import Link
from ita_xlsx.core.problems import Problem

USER_AGENT = "ita-xlsx link check"


@dataclass(frozen=True, slots=True)
class Settings:
    timeout: float = 10.0  # seconds for each connection and each read
    workers: int = 4  # links fetched at the same time
    max_bytes: int = 1_000_000  # of each answer: enough to know the page is there


@dataclass(frozen=True, slots=True)
class Status:
    """What opening a link gave: the HTTP status (None when there was no answer) and why not."""

    code: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.code is not None and 200 <= self.code < 300  # redirects are followed: a 3xx was not


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed to http(s) addresses only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, f"redirect to {newurl.split(':', 1)[0]}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnlyRedirects)
_CHUNK = 64 * 1024


def fetch(url: str, settings: Settings = Settings()) -> Status:
    """Open ``url`` (GET, redirects to web addresses followed) and read at most
    ``settings.max_bytes`` of it, for at most three times the timeout in all."""
    request = urllib.request.Request(register._as_web(url), headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=settings.timeout) as answer:
            _read_some(answer, settings)
            return Status(answer.status)
    except urllib.error.HTTPError as exc:
        return Status(exc.code, f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Status(None, str(reason))


def _read_some(answer, settings: Settings) -> None:
    """Read the answer up to the size bound or the time bound, whichever comes first."""
    deadline = time.monotonic() + 3 * settings.timeout
    left = settings.max_bytes
    while left > 0 and time.monotonic() < deadline:
        chunk = answer.read(min(_CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)


def check_links(
    links: Iterable[Link], settings: Settings = Settings()
) -> tuple[dict[str, Status], list[Problem]]:
    """Fetch each web link the register found nothing against (each address once); a
    ``link-unreachable`` problem at every link that did not open."""
    links = list(links)
    urls = sorted({link.url for link in links if _fetchable(link)})
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        statuses = dict(zip(urls, pool.map(lambda u: fetch(u, settings), urls), strict=True))
    found = []
    for link in links:
        status = statuses.get(link.url)
        if status is not None and not status.ok:
            reason = status.reason or f"HTTP {status.code}"
            found.append(register.add(link, "link-unreachable", url=link.url, reason=reason))
    return statuses, found


_NOT_FETCHED = {"link-local-path", "link-malformed", "link-personal-drive", "link-unreachable"}


def _fetchable(link: Link) -> bool:
    return not _NOT_FETCHED.intersection(link.problems)


def tally(links: Iterable[Link]) -> tuple[int, int, int]:
    """(addresses opened, of which opened fine, of which did not), counted once per address."""
    opened: dict[str, bool] = {}
    for link in links:
        if _fetchable(link) or "link-unreachable" in link.problems:
            opened[link.url] = opened.get(link.url, True) and "link-unreachable" not in link.problems
    good = sum(opened.values())
    return len(opened), good, len(opened) - good
