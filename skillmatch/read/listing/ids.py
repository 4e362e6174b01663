"""Listing ids: the canonical URL of a job page (tracking parameters dropped) and its sha1."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ...errors import InputError
from .fields import _one_line, _text

# --------------------------------------------------------------------------------------------------
# Canonical URL and id

# Query parameters that name the job itself (Indeed "jk", Greenhouse embeds "gh_jid" ...): kept by
# canonical_url, because dropping them would give every job on such a site the same id.
_ID_PARAMS = frozenset({"jk", "vjk", "gh_jid", "jobid", "job_id", "jid", "currentjobid", "lever-via-id"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The form of a job URL used for its id.

    Args:
        url: an absolute http(s) URL.

    Returns:
        The URL with scheme https, a lower-case host, no default port, no fragment, no trailing
        slash and no query, except parameters that identify the job (``jk``, ``gh_jid``, ``jobId`` ...),
        which are kept, sorted.

    Raises:
        InputError: when ``url`` is not an absolute http(s) URL.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise InputError(f"not a valid URL: {_one_line(url)[:200]} ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise InputError(f"not an absolute http(s) URL: {_one_line(url)[:200]}")
    host = parts.hostname.lower().rstrip(".")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() in _ID_PARAMS)
    return urlunsplit(("https", host, path, urlencode(query), ""))


def listing_id(url: str | None, title: str = "", text: str = "") -> str:
    """The id of a listing: sha1 of its canonical URL, else of its normalised title and text.

    Args:
        url: the job's URL, or None.
        title: the job title (used only without a URL).
        text: the description text (used only without a URL).
    """
    if url:
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + " ".join(f"{title}\n{text}".casefold().split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _page_url(declared: object, base: str | None) -> str | None:
    """A URL the page declares for itself, if it is absolute http(s) and names more than a site root."""
    s = _text(declared)
    if not s:
        return None
    if base:
        s = urljoin(base, s)
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.path.strip("/") == "" and not any(k.lower() in _ID_PARAMS for k, _ in parse_qsl(parts.query)):
        return None
    return s
