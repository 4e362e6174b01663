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

__all__ = ["CSP", "HEADERS", "InMemoryRequest", "SafeFlask", "access_log", "init_app"]

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


def init_app(app: Flask) -> None:
    """Register the timer and the header/access-log hook on every response, error pages included."""
    app.before_request(_start_timer)
    app.after_request(_finish)
