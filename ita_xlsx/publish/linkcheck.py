"""``--check-links``: open each evidence link as an assessor would, and say which do not open.

Only on request (no network otherwise). Each distinct web address is fetched once, a few at a
time, with a time limit, reading at most a bounded number of bytes of the answer. Local paths,
malformed addresses and personal drives are not fetched: the register has said why already.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ita_xlsx.problems import Problem
from ita_xlsx.publish import register
from ita_xlsx.publish.links import Link

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
        return self.code is not None and 200 <= self.code < 400


def fetch(url: str, settings: Settings = Settings()) -> Status:
    """Open ``url`` (GET, redirects followed) and read at most ``settings.max_bytes`` of it."""
    request = urllib.request.Request(register._as_web(url), headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as answer:  # noqa: S310 (http(s) only)
            answer.read(settings.max_bytes)
            return Status(answer.status)
    except urllib.error.HTTPError as exc:
        return Status(exc.code, f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Status(None, str(reason))


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
