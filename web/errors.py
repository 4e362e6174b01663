"""Friendly error pages: every error is a page that says what to do (JSON under ``/api/``), never a traceback.

A file that cannot be read (:class:`~skillmatch.errors.InputError`) is a 400 with the reader's one-line
message, one over a reader's limits a 413 (too large) or 422 (too much work to read), work stopped at its
deadline a 503; those messages name the problem and never quote the document. An error page offers the
upload form again (or the way back to the JD form it came from): it is never a dead end.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from skillmatch.errors import (
    DataError,
    DeadlineExceeded,
    InputError,
    ModelError,
    SkillmatchError,
    TooComplexError,
    TooLargeError,
)

__all__ = ["FriendlyError", "init_app"]

# (title, what to do) for the statuses a person may meet
_PAGES: dict[int, tuple[str, str]] = {
    400: ("That request could not be used", "Go back, check the form and try again."),
    404: ("Page not found", "The page or listing does not exist (any more). Start again from the home page."),
    405: ("That does not work here", "This address does not accept that kind of request. Use the form instead."),
    403: ("That request is refused", "Use this site's own pages and forms."),
    413: ("That file is too large", "Files up to 10 MB and a few pages of text are accepted. A resume is usually "
          "well under 1 MB: save it as PDF, DOCX or plain text without images and try again."),
    422: ("That file takes too much work to read", "Save it again from the program that made it (or print it "
          "to PDF), or send it as DOCX or plain text."),
    429: ("One at a time, please", "Wait for your other analyses to finish, then send this one again."),
    500: ("Something went wrong on our side", "The error was logged without any of your data. Try again, or "
          "try the file in another format (PDF, DOCX or plain text)."),
    503: ("Not available right now", "A part skillmatch needs is not installed or cannot load. Ask whoever "
          "runs this server to check the installation."),
}


class FriendlyError(Exception):
    """An error with a status and a message that is safe to show (it holds no user data)."""

    def __init__(self, message: str, status: int = 400, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after
        """Seconds to send as ``Retry-After`` (a 429 or 503), if any."""


def _render(status: int, detail: str | None = None) -> tuple[Response | str, int]:
    title, advice = _PAGES.get(status, (f"Error {status}", "Go back and try again."))
    if request.path.startswith("/api/"):
        return jsonify({"error": detail or title, "status": status}), status
    return render_template("errors/error.html", status=status, title=title, detail=detail, advice=advice,
                           **_next_step()), status


def _next_step() -> dict[str, Any]:
    """What the error page offers next, so it is never a dead end: the upload form again (a resume page),
    or the way back to the JD form the request came from."""
    if request.path.startswith("/jd/"):
        back = ("jd.lint", "Back to checking a job description") if request.path.startswith("/jd/lint") else (
            "jd.draft", "Back to drafting a job description")
        return {"upload_form": None, "back": back}
    try:
        from .forms import ResumeForm

        form: Any = ResumeForm(formdata=None)
    except Exception:  # noqa: BLE001 - the error page must render even if the form cannot be built
        form = None
    return {"upload_form": form, "back": None}


def _http_error(e: HTTPException) -> tuple[Response | str, int]:
    status = e.code or 500
    detail = None
    if status == 413:
        detail = "The upload is over the 10 MB limit."
    elif status == 405:
        detail = f"{request.method} is not allowed here."
    return _render(status, detail)


def _csrf_error(e: CSRFError) -> tuple[Response | str, int]:
    return _render(400, "The form was missing its security token or it expired. Reload the page, then send the "
                        "form again. (Forms only work when cookies are allowed for this site.)")


def _input_error(e: SkillmatchError) -> tuple[Response | str, int]:
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    if isinstance(e, TooLargeError):
        return _render(413, f"The file is refused: {text}.")
    if isinstance(e, TooComplexError):
        return _render(422, f"The file is refused: {text}.")
    if isinstance(e, DeadlineExceeded):
        return _render(503, f"{text}. Try again in a minute, or send a shorter file.")
    if isinstance(e, InputError):
        return _render(400, f"The file could not be read: {text}.")
    if isinstance(e, ModelError | DataError):
        return _render(503, text)
    return _render(400, text)


def _friendly(e: FriendlyError) -> tuple[Response | str, int] | Response:
    body, status = _render(e.status, e.message)
    if e.retry_after is None:
        return body, status
    response = make_response(body, status)
    response.headers["Retry-After"] = str(e.retry_after)
    return response


def _unexpected(e: InternalServerError) -> tuple[Response | str, int]:
    return _render(500)


def _database_error(e: sqlite3.DatabaseError) -> tuple[Response | str, int]:
    return _render(503, "The listings database cannot be read (it is damaged, or was removed). Ask whoever runs "
                        "this server to restore it.")


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(sqlite3.DatabaseError, _database_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(SkillmatchError, _input_error)
    app.register_error_handler(FriendlyError, _friendly)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(HTTPException, _http_error)
