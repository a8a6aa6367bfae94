"""Running the desk: a threaded WSGI server (werkzeug's) on 127.0.0.1, the port known before the app.

The port may be 0 (the system picks a free one); the token's Host check needs the real one, so
the server is made first and the application plugged in once its port is known.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server


class _Plug:
    """A WSGI application set after the server is made."""

    def __init__(self) -> None:
        self.app: Flask | None = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


def listen(host: str, port: int) -> tuple[BaseWSGIServer, Callable[[Flask], None]]:
    """A threaded server bound to ``host:port`` (OSError when it cannot be), and how to give it its app."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request in the window
    plug = _Plug()
    server = make_server(host, port, plug, threaded=True)

    def attach(app: Flask) -> None:
        plug.app = app

    return server, attach


def serve(server: BaseWSGIServer) -> None:
    """Answer requests until Ctrl-C; the socket is closed when it returns.

    werkzeug's ``serve_forever`` takes the KeyboardInterrupt itself and returns.
    """
    try:
        server.serve_forever()
    finally:
        server.server_close()
