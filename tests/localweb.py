"""A local HTTP server for the web, feed and CLI tests: no network, every answer scripted.

``serve(routes)`` starts a threaded server on 127.0.0.1 (a free port) in a daemon thread
and returns a :class:`LocalWeb` whose ``url(path)`` builds addresses and whose
``requests`` records every request (path and headers) in order, so tests can check what
was asked for, how often, and with which headers.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional, Union


@dataclass
class Route:
    """One scripted answer. ``body`` may be a callable of the request headers returning
    ``(status, headers, body)`` for answers that depend on the request (conditional GET)."""

    body: Union[bytes, str, Callable] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    gzip: bool = False  # send the body gzip-compressed (Content-Encoding: gzip)


@dataclass
class Request:
    path: str
    headers: dict


class LocalWeb:
    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[Request] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the http.server API
                headers = {k.lower(): v for k, v in self.headers.items()}
                web.requests.append(Request(self.path, headers))
                route = web.routes.get(self.path)
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if callable(route.body):
                    status, extra, body = route.body(headers)
                else:
                    status, extra, body = route.status, {}, route.body
                body = body.encode("utf-8") if isinstance(body, str) else body
                out = {"Content-Type": route.content_type, **route.headers, **extra}
                if route.gzip:
                    body = gzip.compress(body)
                    out["Content-Encoding"] = "gzip"
                self._send(status, out, body)

            def _send(self, status, headers, body):
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def handle(self):
                try:
                    super().handle()
                except (ConnectionResetError, BrokenPipeError):
                    pass  # the client closed a kept-alive connection

            def log_message(self, *args):  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(routes: dict) -> LocalWeb:
    return LocalWeb(routes)


def page(title: str, paragraphs: list[str], *, date: Optional[str] = None, charset: str = "utf-8") -> str:
    """A small news page trafilatura reads: headline, optional date meta, paragraphs."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{meta}</head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


ARTICLE_PARAGRAPHS = [
    "The city council voted on Monday to build a new bridge over the river, ending a debate that lasted years.",
    "\u201cThis bridge will connect two halves of our city,\u201d said Mayor Jane Smith. \u201cWe have waited long enough.\u201d",
    "Critics called the plan a waste of public money and promised to fight it in court next spring.",
]
