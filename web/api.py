"""The JSON API: the same JSON the CLI prints, described by ``/api/openapi.json``.

* ``POST /api/analyze``: a resume (multipart field ``file``, or the raw file as the body) → the report
  (``skillmatch analyze --format json``).
* ``POST /api/jd/lint``: ``{"text": ..., "title": ...}`` → the lint (``JDLint.to_dict()``).
* ``GET /api/listings``: stored listings matching ``q``, ``level``, ``min_pay``, ``skill``.
* ``GET /api/listings/<id>``: one stored listing.

These endpoints are exempt from CSRF (see :func:`skillmatch.web.create_app`): they serve programs, no
cookie authenticates anything, and no request changes server state. Errors are JSON
``{"error": message, "status": code}``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request

from .db import get_db
from .errors import FriendlyError
from .limits import MAX_UPLOAD
from .listings import parse_filters
from .upload import analyze_upload, upload_bytes

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_LIMIT = 100


@bp.post("/analyze")
def analyze() -> Response:
    """Analyze a resume; the body is read in memory and not kept."""
    if request.mimetype.startswith("multipart/"):
        if request.mimetype != "multipart/form-data" or not request.mimetype_params.get("boundary"):
            raise FriendlyError("A multipart body needs Content-Type: multipart/form-data with a boundary.")
        upload = request.files.get("file")
        if upload is None:
            raise FriendlyError("The multipart body has no field 'file': send the resume as the field 'file'.")
        data, name = upload_bytes(upload)
    else:
        data, name = request.get_data(cache=False), request.args.get("name")
        if not data:
            raise FriendlyError("Send the resume as the request body, or as the multipart field 'file'.")
    report: dict[str, Any] = analyze_upload(data, name, current_app.config.get("DATABASE"), max_size=MAX_UPLOAD,
                                            then=lambda analysis: analysis.report.to_dict())
    return jsonify(report)


@bp.post("/jd/lint")
def jd_lint() -> Response:
    """Lint a job description: ``{"text": "...", "title": "..."}`` (or form fields, or a text/plain body)."""
    from .forms import MAX_JD_CHARS
    from .jd import run_lint

    title: Any = None
    if request.is_json:
        payload = _json_object()
        text, title = payload.get("text"), payload.get("title")
    elif request.mimetype.startswith("multipart/") and not request.mimetype_params.get("boundary"):
        raise FriendlyError("A multipart body needs Content-Type: multipart/form-data with a boundary.")
    elif request.form:
        text, title = request.form.get("text"), request.form.get("title")
    else:
        text = request.get_data(as_text=True)
    if text is None:
        raise FriendlyError('No "text": send {"text": "the job description", "title": "optional"}.')
    if not isinstance(text, str):
        raise FriendlyError(f'"text" must be a string (the job description), not {_json_type(text)}.')
    if not text.strip():
        raise FriendlyError("The job description text is empty.")
    if title is not None and not isinstance(title, str):
        raise FriendlyError("title must be a string.")
    if len(text) > MAX_JD_CHARS:
        raise FriendlyError(f"The job description is longer than {MAX_JD_CHARS:,} characters.")
    from . import work

    lint = work.run("Checking the job description", run_lint, text.replace("\r\n", "\n"), title or None)
    return jsonify(lint.to_dict())


def _json_type(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


MAX_JSON_DEPTH = 16


def _json_object() -> dict[str, Any]:
    """The body as a JSON object; 400 for bad JSON, deep nesting (refused before parsing) or another type."""
    import json

    from skillmatch.read.listing import json_depth_problem

    raw = request.get_data(as_text=True)
    problem = json_depth_problem(raw, MAX_JSON_DEPTH)
    if problem:
        raise FriendlyError(f"The JSON body is refused: {problem}.")
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        raise FriendlyError('The body is not valid JSON. Send {"text": "the job description"}.') from None
    if not isinstance(payload, dict):
        raise FriendlyError('Send a JSON object: {"text": "the job description", "title": "optional"}.')
    return payload


def _store() -> Any:
    store = get_db()
    if store is None:
        raise FriendlyError("No listings database: start the server with --db PATH.", 503)
    return store


def _int(name: str, default: int, lo: int, hi: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FriendlyError(f"{name} must be a whole number.") from None
    if not lo <= value <= hi:
        raise FriendlyError(f"{name} must be between {lo} and {hi}.")
    return value


@bp.get("/listings")
def listings() -> Response:
    """Stored listings matching the filters, newest first as the store orders them."""
    filters, problems = parse_filters(request.args)
    if problems:
        raise FriendlyError(" ".join(problems))
    limit = _int("limit", 20, 1, MAX_LIMIT)
    offset = _int("offset", 0, 0, 10_000_000)
    store = _store()
    found = store.search(**filters.to_kwargs(), limit=limit, offset=offset)
    return jsonify({"total": store.count(**filters.to_kwargs()), "limit": limit, "offset": offset,
                    "listings": [item.to_dict() for item in found]})


@bp.get("/listings/<listing_id>")
def listing(listing_id: str) -> Response:
    """One stored listing."""
    item = _store().get(listing_id)
    if item is None:
        abort(404)
    return jsonify(item.to_dict())


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi_spec())


def _error_responses(*codes: int) -> dict[str, Any]:
    text = {400: "Bad input (unreadable file, bad argument)", 404: "Not found", 413: "Body over 10 MB",
            503: "Not available (no listings database, or a model is not installed)"}
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {str(c): {"description": text[c], "content": error} for c in codes}


def openapi_spec() -> dict[str, Any]:
    """The API description as a dict."""
    from skillmatch import __version__

    from .present import level_ids

    filter_params = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
         "description": "Full-text search over title, company and text."},
        {"name": "level", "in": "query", "schema": {"type": "string", "enum": list(level_ids())}},
        {"name": "min_pay", "in": "query", "schema": {"type": "string"},
         "description": "Lowest yearly pay: 90000, 90,000 or $90K."},
        {"name": "skill", "in": "query", "schema": {"type": "string"},
         "description": "A skill id (`skillmatch taxonomy show`)."},
    ]
    obj = {"type": "object", "additionalProperties": True}
    return {
        "openapi": "3.1.0",
        "info": {"title": "skillmatch", "version": __version__,
                 "description": "Where a resume stands on the sales-operations ladder; job description lint; "
                                "stored listings. The JSON is what the `skillmatch` CLI prints."},
        "paths": {
            "/api/analyze": {"post": {
                "summary": "Analyze a resume (PDF, DOCX, TXT, Markdown, JSON Resume; type sniffed from the bytes)",
                "description": "The resume is read in memory, never stored and never logged.",
                "parameters": [{"name": "name", "in": "query", "schema": {"type": "string"},
                                "description": "File name to record when the body is the raw file."}],
                "requestBody": {"required": True, "content": {
                    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                                       "properties": {"file": {"type": "string", "format": "binary"}}}},
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {"200": {"description": "The report (`skillmatch analyze --format json`)", "content": {
                                          "application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                              **_error_responses(400, 413, 503)}}},
            "/api/jd/lint": {"post": {
                "summary": "Lint a job description: the level each line describes, and findings per line",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                        "text": {"type": "string", "maxLength": 100_000}, "title": {"type": "string"}}}},
                    "text/plain": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "The lint (`JDLint.to_dict()`)",
                                      "content": {"application/json": {"schema": obj}}},
                              **_error_responses(400, 503)}}},
            "/api/listings": {"get": {
                "summary": "Search stored listings",
                "parameters": [*filter_params,
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                          "maximum": MAX_LIMIT, "default": 20}},
                               {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0,
                                                                           "default": 0}}],
                "responses": {"200": {"description": "Matching listings", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["total", "limit", "offset", "listings"], "properties": {
                        "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
                        "listings": {"type": "array", "items": obj}}}}}},
                              **_error_responses(400, 503)}}},
            "/api/listings/{listing_id}": {"get": {
                "summary": "One stored listing",
                "parameters": [{"name": "listing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The listing", "content": {"application/json": {"schema": obj}}},
                              **_error_responses(404, 503)}}},
            "/api/openapi.json": {"get": {"summary": "This description",
                                          "responses": {"200": {"description": "OpenAPI 3.1 document"}}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "status"],
                      "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
            "Report": {"type": "object", "required": ["best_level", "confidence", "levels", "skills", "gaps", "band"],
                       "properties": {"best_level": {"type": ["string", "null"]},
                                      "confidence": {"type": ["number", "null"]},
                                      "levels": obj, "skills": {"type": "array", "items": obj}, "gaps": obj,
                                      "band": {"type": ["object", "null"]}, "pillars": obj}},
        }},
    }
