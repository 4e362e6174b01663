"""Safety for every request: response headers, uploads kept in memory, logs that never hold a body.

* Headers: a strict Content-Security-Policy (no inline script or style, nothing from other origins,
  no framing), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``, ``Referrer-Policy``,
  and ``Cache-Control: no-store`` on every page (a report holds personal data).
* Uploads: :class:`InMemoryRequest` keeps every uploaded file in a ``BytesIO`` (Werkzeug would spill a
  large one to a temporary file); the request body is already capped by ``MAX_CONTENT_LENGTH``.
* Logs: one access line per request (method, path without the query, status, time); never a header
  value, form field or body. :class:`SafeFlask` logs an unexpected exception by its type and where it
  happened (file, line, function) only: its message, or a source line, could quote the resume.
"""

from __future__ import annotations

import io
import logging
import time
import traceback
from types import TracebackType
from typing import IO

from flask import Flask, Request, Response, g, request

__all__ = ["CSP", "HEADERS", "LOOPBACK_HOSTS", "InMemoryRequest", "SafeFlask", "access_log", "host_name", "init_app"]

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

access_log = logging.getLogger("skillmatch.web.access")
error_log = logging.getLogger("skillmatch.web.error")


class InMemoryRequest(Request):
    """A request whose uploaded files stay in memory: nothing of a resume touches the disk."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return io.BytesIO()


class SafeFlask(Flask):
    """Flask with in-memory uploads and exception logs that leave out the exception's message."""

    request_class = InMemoryRequest

    def log_exception(
        self, exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None]
    ) -> None:
        exc_type, _exc, tb = exc_info
        name = exc_type.__name__ if exc_type is not None else "error"
        # where it happened (file, line, function), without the message or the source lines
        frames = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)) if tb else ""
        error_log.error("unhandled %s on %s %s (message not logged)\n%s", name, request.method, request.path, frames)


def _start_timer() -> None:
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    started = g.get("started")
    ms = (time.perf_counter() - started) * 1000 if started is not None else 0.0
    access_log.info("%s %s %s %.0fms", request.method, request.path, response.status_code, ms)
    return response


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
"""The default ``ALLOWED_HOSTS``: names that only ever mean this machine."""
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def host_name(host: str) -> str:
    """The name part of a Host header value, lower case: ``[::1]:8000`` -> ``::1``, ``A.test:80`` -> ``a.test``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _check_host_and_origin() -> None:
    """Refuse a Host header this server was not told to answer to (DNS rebinding: 400), and a state-changing
    request sent by a page of another origin (a cross-site form or ``text/plain`` post: 403)."""
    from flask import current_app

    from .errors import FriendlyError

    allowed = current_app.config.get("ALLOWED_HOSTS", LOOPBACK_HOSTS)
    if allowed and "*" not in allowed:
        name = host_name(request.host or "")
        if name not in {host_name(h) for h in allowed}:
            raise FriendlyError("This server does not answer to that host name. Use the address it printed "
                                "when it started (or start it with --allowed-host NAME).", 400)
    if request.method in _SAFE_METHODS:
        return
    origin = request.headers.get("Origin")
    fetch_site = (request.headers.get("Sec-Fetch-Site") or "").lower()
    # the browser's own word that the page is this site's stands even when it sends "Origin: null"
    vouched = fetch_site == "same-origin" and (origin or "").strip().lower() == "null"
    if fetch_site in ("cross-site", "same-site") or (origin is not None and not vouched and not _same_origin(origin)):
        raise FriendlyError("Requests from pages of other sites are refused: use this site's own forms, or "
                            "call the API from a program (without an Origin header).", 403)


def _same_origin(origin: str) -> bool:
    from urllib.parse import urlsplit

    if origin.strip().lower() == "null":
        return False
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    return f"{parts.scheme}://{parts.netloc}".lower() == f"{request.scheme}://{request.host}".lower()


def init_app(app: Flask) -> None:
    """Register the timer, the Host and Origin checks, and the header/access-log hook on every response."""
    app.before_request(_start_timer)
    app.before_request(_check_host_and_origin)
    app.after_request(_finish)
