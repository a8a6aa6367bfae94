"""The desk's door: the per-run token, the Host and Origin checks, and the headers every answer carries.

- Every request needs the token. The first visit carries it as ``?token=…``; the answer sets it in
  an HttpOnly, SameSite=Strict cookie (named after the port: two desks on one machine do not mix)
  and sends the browser to the same address without it.
- The Host header must name this server (no DNS rebinding: a page of another site whose name was
  pointed at 127.0.0.1 sends its own name as Host).
- A request that changes anything (any method but GET and HEAD) must come from the desk's own
  pages: its Origin (or, without one, its Referer) must be the desk's, and ``Sec-Fetch-Site``,
  when the browser sends it, must say so too. The SameSite=Strict cookie already keeps another
  site's page in the same browser out; these checks do not depend on it.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import Request, Response, redirect
from werkzeug.wrappers import Response as AnyResponse  # what flask.redirect makes

SAFE_METHODS = ("GET", "HEAD")
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class Refused(Exception):
    """A request turned away; ``reason`` is a message key (``desk.error.*``), ``status`` the HTTP code."""

    def __init__(self, reason: str, status: int, **params: object) -> None:
        super().__init__(reason)
        self.reason, self.status, self.params = reason, status, params


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Guard:
    token: str
    host: str  # the address the server listens on
    port: int

    @property
    def cookie(self) -> str:
        return f"ita_desk_{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        """What the Host header may say."""
        names = {*LOCAL_NAMES, self.host if ":" not in self.host else f"[{self.host}]"}
        return frozenset(f"{name}:{self.port}".lower() for name in names)

    def url(self) -> str:
        """The address to open: ``http://127.0.0.1:PORT/?token=…``."""
        shown = "127.0.0.1" if self.host in ("127.0.0.1", "0.0.0.0", "") else self.host
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{self.port}/?{urlencode({'token': self.token})}"

    def check(self, request: Request) -> AnyResponse | None:
        """None to let the request in; a redirect that sets the cookie; or raise :class:`Refused`."""
        host = (request.headers.get("Host") or "").lower()
        if host not in self.hosts:
            raise Refused("desk.error.host", 400, host=host[:80] or "-")
        if request.method not in SAFE_METHODS:
            self._check_origin(request)
        given = request.args.get("token")
        if given is not None:
            if not self._is_token(given):
                raise Refused("desk.error.token", 403)
            if request.method in SAFE_METHODS:
                return self._welcome(request)
            return None
        if not self._is_token(request.cookies.get(self.cookie, "")):
            raise Refused("desk.error.token", 403)
        return None

    def _is_token(self, value: str) -> bool:
        return hmac.compare_digest(value.encode(), self.token.encode())

    def _check_origin(self, request: Request) -> None:
        fetch_site = request.headers.get("Sec-Fetch-Site")
        if fetch_site is not None and fetch_site not in ("same-origin", "none"):
            raise Refused("desk.error.origin", 403)
        origin = request.headers.get("Origin")
        if origin is None:
            referer = urlsplit(request.headers.get("Referer") or "")
            origin = f"{referer.scheme}://{referer.netloc}" if referer.netloc else None
        allowed = {f"http://{host}" for host in self.hosts}
        if origin is None or origin.lower() not in allowed:
            raise Refused("desk.error.origin", 403)

    def _welcome(self, request: Request) -> AnyResponse:
        """The token becomes a cookie; the address loses it (not left in the history or the bar)."""
        rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
        target = request.path + (f"?{urlencode(rest)}" if rest else "")
        response = redirect(target, code=303)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
        return response


def secure_headers(response: Response) -> Response:
    """What every answer says about itself: no framing, no sniffing, no scripts but the desk's own."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on a form POST.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response
