"""skillmatch web UI: a small Flask app over the library (imported as ``skillmatch.web``).

``create_app()`` is the factory (the Flask tutorial's pattern): defaults, then ``config.py`` in the
instance folder if there is one, then ``test_config``. One blueprint per page:

* ``resume``: ``/`` (upload form) and ``/report`` (the report for an uploaded resume)
* ``jd``: ``/jd/draft`` and ``/jd/lint``
* ``listings``: ``/listings`` and ``/listings/<id>``
* ``api``: ``/api/analyze``, ``/api/jd/lint``, ``/api/listings``, ``/api/openapi.json``

Safety lives in :mod:`skillmatch.web.security` (headers, in-memory uploads, CSRF, logs without request
bodies) and :mod:`skillmatch.web.errors` (friendly error pages, never a traceback). Nothing heavy is
imported here: the models load on the first analysis (``skillmatch serve`` warms them up first).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from .db import get_db
from .limits import MAX_UPLOAD

__all__ = ["MAX_UPLOAD", "create_app", "get_db"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app.

    Args:
        test_config: settings that override the defaults and the instance config, e.g.
            ``{"TESTING": True, "DATABASE": "listings.db"}``. Keys used: ``DATABASE`` (path of the
            listings store, or None for no store), ``SECRET_KEY`` (signs the CSRF session cookie; a
            random one per process when unset), ``MAX_CONTENT_LENGTH``, ``WTF_CSRF_ENABLED``,
            ``ALLOWED_HOSTS`` (Host header names answered; loopback names by default, ``"*"`` for any),
            ``WORK_THREADS``, ``WORK_BUDGET`` and ``WORK_PER_CLIENT`` (analyses at once; seconds per request;
            analyses per client address, see ``web.work``).

    Returns:
        The Flask app.
    """
    from flask_wtf.csrf import CSRFProtect

    from . import api, db, errors, jd, listings, plan, present, resume, security, work

    app = security.SafeFlask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SKILLMATCH_SECRET_KEY") or os.urandom(32),
        DATABASE=os.environ.get("SKILLMATCH_DB") or None,
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session cookie (the browser session)
        ALLOWED_HOSTS=security.LOOPBACK_HOSTS,  # Host names answered (DNS rebinding); "*" for any
        WORK_THREADS=work.WORK_THREADS,  # analyses and lints at once
        WORK_BUDGET=work.WORK_BUDGET,  # seconds one request may wait and work
        WORK_PER_CLIENT=work.WORK_PER_CLIENT,  # analyses one client address may have in the pool
    )
    app.config.from_pyfile("config.py", silent=True)
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # same key order as the CLI's JSON

    csrf = CSRFProtect(app)
    app.register_blueprint(resume.bp)
    app.register_blueprint(jd.bp)
    app.register_blueprint(listings.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(plan.bp)
    # The API takes JSON or a file from programs, not forms: no cookie authenticates anything here (the
    # app has no accounts and changes no server state on a POST), so a cross-site request gains nothing
    # and cannot read the answer (no CORS). Every HTML form keeps its CSRF token.
    csrf.exempt(api.bp)
    db.init_app(app)
    errors.init_app(app)
    present.init_app(app)
    security.init_app(app)
    work.init_app(app)
    return app
