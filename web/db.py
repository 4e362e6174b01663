"""The listings store for a request: one :class:`skillmatch.listings.store.Store` on ``flask.g``, closed at teardown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app, g

if TYPE_CHECKING:
    from skillmatch.listings.store import Store


def get_db() -> Store | None:
    """The store for ``app.config["DATABASE"]``, opened once per request; None when no database is set.

    Returns:
        The :class:`~skillmatch.listings.store.Store`, or None when the app runs without a listings database.
    """
    path = current_app.config.get("DATABASE")
    if not path:
        return None
    if "db" not in g:
        g.db = open_db(path)
    store: Store = g.db
    return store


def open_db(path: str) -> Store:
    """The store at ``path``, never created: a missing, empty or unreadable file is a DataError (a 503 page).

    Raises:
        DataError: no such file, an empty file, or not a skillmatch database.
    """
    from skillmatch.listings.store import Store

    return Store(path, create=False)


def close_db(exc: BaseException | None = None) -> None:
    """Close the request's store, if one was opened."""
    store = g.pop("db", None)
    close = getattr(store, "close", None)
    if callable(close):
        close()


def init_app(app: Flask) -> None:
    """Register :func:`close_db` to run when each request's app context ends."""
    app.teardown_appcontext(close_db)
