"""The OIT evidence register: every link the divisions gave, checked as an assessor will click it.

Assessors score an OIT item from the link the office gives: it must open a public page or file
on the office's own website. Each finding is a problem at the link's cell:

* ``link-malformed``: not a web address a browser can open ("htps://", "https:/", no domain);
* ``link-local-path``: a path on someone's computer or a file share (``C:\\…``, ``\\\\server``,
  ``file://``);
* ``link-personal-drive``: a personal drive or a chat (Google Drive, OneDrive, Dropbox, LINE,
  Messenger …), which assessors cannot open;
* ``link-not-own-domain``: on another site than the plan's ``office.website``;
* ``link-duplicate``: the same page given for different measures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from ita_xlsx.check.links import Link
from ita_xlsx.core import problems
from ita_xlsx.core.problems import Problem
from ita_xlsx.core.safe_url import safe_url

# Hosts of personal drives, file transfers and chats (a host or any of its subdomains).
PERSONAL_HOSTS = (
    "drive.google.com",
    "docs.google.com",
    "photos.google.com",
    "photos.app.goo.gl",
    "onedrive.live.com",
    "1drv.ms",
    "dropbox.com",
    "db.tt",
    "line.me",
    "lin.ee",
    "m.me",
    "messenger.com",
    "mega.nz",
    "wetransfer.com",
    "we.tl",
    "icloud.com",
)
PERSONAL_SUFFIXES = ("-my.sharepoint.com",)  # OneDrive for work: name-my.sharepoint.com
_LOCAL_STARTS = ("file:", "\\\\")


def check(links: Iterable[Link], website: str = "") -> list[Problem]:
    """Check every link (its ``own_domain`` and ``problems`` are set); the problems found, in order:
    each link's findings, then the pages given for different measures."""
    links = list(links)
    checking = Checking(website)
    found = [p for link in links for p in checking.findings(link)]
    return found + [p for link in links for p in checking.duplicates(link)]


class Checking:
    """The register's check of links given one at a time: all of them to :meth:`findings`, then all
    of them again, in the same order, to :meth:`duplicates` (a large collection's links are read
    from the working store each time; only the pages and their measures are held)."""

    def __init__(self, website: str = "") -> None:
        self.home = site_host(website)
        self.measures: dict[str, list[str]] = defaultdict(list)  # a page → the measures it is given for

    def findings(self, link: Link) -> list[Problem]:
        """What is wrong with ``link`` itself (its ``own_domain`` and ``problems`` set anew)."""
        home = self.home
        link.own_domain = None
        link.problems = []
        found = [_problem(link, code, params) for code, params in _findings(link.url, home)]
        if home and not is_local(link.url):
            link.own_domain = _on_site(link.url, home)
        given = self.measures[same_page_key(link.url)]
        if link.measure_id not in given:
            given.append(link.measure_id)
        return found

    def duplicates(self, link: Link) -> list[Problem]:
        """``link-duplicate`` when its page was given for other measures too."""
        given = self.measures[same_page_key(link.url)]
        if len(given) <= 1:
            return []
        others = ", ".join(m for m in given if m != link.measure_id)
        return [_problem(link, "link-duplicate", {"url": link.url, "others": others})]


def add(link: Link, code: str, **params: object) -> Problem:
    """Record one more finding on ``link`` (the link check's), as a problem at its cell."""
    return _problem(link, code, params)


def _findings(url: str, home: str) -> list[tuple[str, dict]]:
    if is_local(url):
        return [("link-local-path", {"url": url})]
    if not well_formed(url):
        return [("link-malformed", {"url": url})]
    host = host_of(url)
    service = personal_service(url)
    if service:
        return [("link-personal-drive", {"url": url, "service": service})]
    if home and not _on_site(url, home):
        return [("link-not-own-domain", {"url": url, "host": host, "website": home})]
    return []


def _problem(link: Link, code: str, params: Mapping) -> Problem:
    link.problems.append(code)
    where = {
        "file": link.file,
        "sheet": link.sheet,
        "cell": link.cell,
        "measure_id": link.measure_id,
        "division": link.division,
    }
    return problems.warning(code, **where, **params)


def is_local(url: str) -> bool:
    """A file path or share: ``C:\\…``, ``\\\\server\\share``, ``file://…``."""
    s = url.strip()
    return s.lower().startswith(_LOCAL_STARTS) or (len(s) > 2 and s[0].isalpha() and s[1:3] == ":\\")


def _as_web(url: str) -> str:
    s = url.strip()
    return "http://" + s if s.lower().startswith("www.") else s


def well_formed(url: str) -> bool:
    """A web address a browser opens as typed: http(s), a domain with a dot, nothing stray."""
    s = safe_url(_as_web(url))
    if s is None or "://" not in s[:8]:
        return False
    host = urlsplit(s).hostname or ""
    labels = host.split(".")
    return len(labels) > 1 and all(_label_ok(label) for label in labels)


def _label_ok(label: str) -> bool:
    if not label or len(label) > 63 or label.startswith("-") or label.endswith("-"):
        return False
    return all(ch.isalnum() or ch == "-" for ch in label)


def host_of(url: str) -> str:
    try:
        host = urlsplit(_as_web(url)).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def site_host(website: str) -> str:
    """The host of the office's website ("https://www.example.go.th/" → "example.go.th")."""
    s = (website or "").strip()
    if not s:
        return ""
    return host_of(s if "://" in s else "http://" + s)


def _on_site(url: str, home: str) -> bool:
    host = host_of(url)
    return host == home or host.endswith("." + home)


def personal_service(url: str) -> str:
    """The host of the personal drive or chat ``url`` points to, or ""."""
    host = host_of(url)
    for known in PERSONAL_HOSTS:
        if host == known or host.endswith("." + known):
            return known
    if host.endswith(PERSONAL_SUFFIXES):
        return host
    if (host == "facebook.com" or host.endswith(".facebook.com")) and "/messages" in urlsplit(
        _as_web(url)
    ).path:
        return "facebook messenger"
    return ""


def same_page_key(url: str) -> str:
    """What two spellings of one page share: no scheme, no "www.", host in lower case, no final
    slash, no fragment."""
    if is_local(url):
        return url.strip().lower()
    try:
        parts = urlsplit(_as_web(url))
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host_of(url)}{path}{query}"
