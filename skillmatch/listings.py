"""Job listings from saved pages and ATS payloads: one :class:`Listing` per job.

Where each field comes from, in order of trust:

1. schema.org ``JobPosting`` JSON-LD in the page (any ``<script type="application/ld+json">``, also
   inside ``@graph`` arrays and lists): title, hiring organisation, address, ``TELECOMMUTE``,
   ``baseSalary``, ``experienceRequirements``, the description HTML, ``datePosted``, ``employmentType``.
2. ATS JSON: a Greenhouse job (``content``, HTML-entity-escaped), a Lever posting (``descriptionPlain``,
   ``lists``, ``salaryRange``) or an Ashby job (``descriptionHtml``, ``compensation``).
3. The visible HTML (beautifulsoup4): the job title (``<h1>``, og:title, ``<title>``), the company and
   location where the page marks them, and the main description container only, so "similar jobs"
   cards and page chrome never reach the text.

Pay and years come from the structured fields when there are any, else from the description text with
:func:`skillmatch.pay.parse_pay` and :func:`skillmatch.pay.parse_years`.

The id of a listing is the sha1 of its canonical URL (:func:`canonical_url`), or of its normalised title
and text when it has no URL, so the same job fetched twice gets the same id.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag
from bs4.dammit import UnicodeDammit

from .errors import InputError
from .pay import PERIODS, Pay, Years, _period_by_size, parse_pay, parse_years

__all__ = [
    "MAX_INPUT_BYTES",
    "Listing",
    "canonical_url",
    "html_to_text",
    "listing_id",
    "parse_listing",
    "parse_listings",
]

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""Pages and payloads larger than this are refused (a real job page is well under 1 MB)."""

SOURCES = ("jsonld", "greenhouse", "lever", "ashby", "html")


@dataclass(frozen=True)
class Listing:
    """One job listing, whatever it was read from.

    Args:
        id: sha1 of ``"url:" + canonical URL`` when there is a URL, else of ``"text:" +`` the
            normalised title and text (see :func:`listing_id`).
        title: the job title as posted.
        company: the hiring company, when the source names it (Lever and Ashby payloads do not).
        location: the location as posted ("Camberwell, VIC, AU", "Remote, Italy").
        remote: True for a remote job, False for hybrid or on-site, None when the source does not say.
        text: the description as plain text, one line per paragraph, heading or bullet; bullets start
            with ``"- "``. Boilerplate (benefits, EEO) is kept.
        html: the description HTML as found (unescaped, not sanitised); None when there is none.
        pay: base pay from the structured salary fields, else the one stated in the text.
        years: years of experience from ``experienceRequirements``, else the one stated in the text.
        url: the job's own URL (or the one the caller gave), as found.
        source: "jsonld", "greenhouse", "lever", "ashby" or "html".
        date_posted: ISO date (YYYY-MM-DD) when known.
        employment_type: schema.org code ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY",
            "INTERN" ...) when recognised, else the value as posted.
    """

    id: str
    title: str
    company: str | None
    location: str | None
    remote: bool | None
    text: str
    html: str | None
    pay: Pay | None
    years: Years | None
    url: str | None
    source: str
    date_posted: str | None
    employment_type: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "remote": self.remote,
            "text": self.text,
            "html": self.html,
            "pay": self.pay.to_dict() if self.pay else None,
            "years": self.years.to_dict() if self.years else None,
            "url": self.url,
            "source": self.source,
            "date_posted": self.date_posted,
            "employment_type": self.employment_type,
        }


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


# --------------------------------------------------------------------------------------------------
# HTML -> text

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "head",
     "nav", "header", "footer"}
)  # fmt: skip
_PAGE_DROP_TAGS = _DROP_TAGS | {"aside", "form", "button", "select", "dialog"}
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
     "tfoot", "thead", "tr", "ul"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_BULLET = re.compile(r"^(?:[•·▪◦●○■□‣⁃∙➢➤►▶✓✔]|[-–—*](?=\s))\s*")
_TAG_LIKE = re.compile(r"<[a-zA-Z!/]")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z]")


class _LineWriter:
    """Collects inline text into lines; a block boundary ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._prefix = ""

    def add(self, s: str) -> None:
        self._buf.append(s)

    def bullet(self) -> None:
        self.end()
        self._prefix = "- "

    def end(self) -> None:
        line = _clean_line("".join(self._buf))
        self._buf = []
        if not line:
            return
        if self._prefix:
            body = _BULLET.sub("", line)
            if not body:
                return  # a bare bullet sign: the item's text is still to come
            line = self._prefix + body
            self._prefix = ""
        self.lines.append(line)

    def end_bullet(self) -> None:
        self.end()
        self._prefix = ""


def _clean_line(s: str) -> str:
    s = _WS.sub(" ", _INVISIBLE.sub("", s)).strip()
    m = _BULLET.match(s)
    if m and m.end() < len(s):
        s = "- " + s[m.end() :]
    return s


def _lines_of(root: Tag | BeautifulSoup, drop: frozenset[str]) -> list[str]:
    """Walk the tree without recursion (pages nest deeply) and write one line per block."""
    out = _LineWriter()
    pre = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, _SKIP_STRINGS):
                continue
            if pre:
                first, *rest = str(node).split("\n")
                out.add(first)
                for piece in rest:
                    out.end()
                    out.add(piece)
            else:
                out.add(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower() if node.name else ""
        if leaving:
            if name == "li":
                out.end_bullet()
            elif name in _BLOCK_TAGS:
                out.end()
            elif name in _CELL_TAGS:
                out.add(" ")
            if name == "pre":
                pre -= 1
            continue
        if name in drop:
            continue
        if name == "li":
            out.bullet()
        elif name in _BLOCK_TAGS:
            out.end()
        if name == "pre":
            pre += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    out.end()
    return out.lines


def _soup(markup: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns when markup looks like a URL or a file name
        try:
            return BeautifulSoup(markup, "lxml")
        except Exception:  # lxml missing or failing on odd markup: the stdlib parser always works
            return BeautifulSoup(markup, "html.parser")


def _unescape_markup(markup: str) -> str:
    """Greenhouse sends ``&lt;p&gt;...``: unescape once when the markup holds no real tag."""
    if _ESCAPED_TAG.search(markup) and not _TAG_LIKE.search(markup):
        return html_lib.unescape(markup)
    return markup


def _plain_lines(text: str) -> list[str]:
    return [line for line in (_clean_line(x) for x in text.splitlines()) if line]


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page, one line per paragraph, heading or list item.

    Args:
        markup: HTML (entity-escaped HTML, as Greenhouse sends it, is unescaped first). A string with
            no tags at all is treated as plain text: its own line breaks are kept.

    Returns:
        The visible text; list items start with ``"- "`` (so do lines that began with a bullet sign);
        scripts, styles, navigation, headers and footers are dropped.
    """
    markup = _unescape_markup(markup)
    if not _TAG_LIKE.search(markup):
        return "\n".join(_plain_lines(html_lib.unescape(markup)))
    return "\n".join(_lines_of(_soup(markup), _DROP_TAGS))


# --------------------------------------------------------------------------------------------------
# Small field helpers


def _one_line(s: object) -> str:
    return _WS.sub(" ", str(s)).strip()


def _text(value: object) -> str | None:
    """A display string from a JSON value: unescaped, whitespace collapsed, None when empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    s = _WS.sub(" ", _INVISIBLE.sub("", html_lib.unescape(value))).strip()
    return s or None


def _name(value: object) -> str | None:
    """``"Acme"``, ``{"name": "Acme"}`` or a list of either -> "Acme"."""
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("legalName"))
    return _text(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        s = re.sub(r"[^\d.]", "", value.replace(",", ""))
        try:
            v = float(s)
        except ValueError:
            return None
        return v if v > 0 else None
    return None


_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def _iso_date(value: object) -> str | None:
    """An ISO date: "2026-08-06T07:39:35Z" -> "2026-08-06"; epoch seconds or milliseconds -> the UTC date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if m:
        return m.group(1)
    from dateutil import parser as date_parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return date_parser.parse(value).date().isoformat()
        except (ValueError, OverflowError):
            return None


_EMPLOYMENT = {
    "fulltime": "FULL_TIME", "parttime": "PART_TIME", "contract": "CONTRACTOR", "contractor": "CONTRACTOR",
    "contracttemp": "CONTRACTOR", "temporary": "TEMPORARY", "temp": "TEMPORARY", "intern": "INTERN",
    "internship": "INTERN", "volunteer": "VOLUNTEER", "perdiem": "PER_DIEM", "other": "OTHER",
}  # fmt: skip


def _employment(value: object) -> str | None:
    """A schema.org code: "Full-time", "Full time", "FullTime" -> "FULL_TIME"; a list -> codes joined by ", "."""
    if isinstance(value, list):
        codes = [c for c in (_employment(v) for v in value) if c]
        return ", ".join(dict.fromkeys(codes)) or None
    s = _text(value)
    if s is None:
        return None
    return _EMPLOYMENT.get(re.sub(r"[\s_\-/]+", "", s).lower(), s)


_REMOTE_NO = re.compile(r"\b(?:hybrid|on[- ]?site|in[- ]office|office[- ]based)\b", re.I)
_REMOTE_YES = re.compile(r"\b(?:remote|telecommute|work from home|wfh|anywhere)\b", re.I)


def _remote_from(*values: str | None) -> bool | None:
    """True when a location or workplace string says remote, False for hybrid or on-site, else None."""
    joined = " | ".join(v for v in values if v)
    if _REMOTE_NO.search(joined):
        return False
    if _REMOTE_YES.search(joined):
        return True
    return None


# --------------------------------------------------------------------------------------------------
# Structured pay

_UNITS = (("year", "year"), ("annu", "year"), ("yr", "year"), ("month", "month"), ("week", "week"),
          ("day", "day"), ("daily", "day"), ("hour", "hour"))  # fmt: skip


def _period(unit: object) -> str | None:
    """One of pay.PERIODS from "YEAR", "per-year-salary", "1 HOUR", "hourly" ..."""
    s = _text(unit)
    if s is None:
        return None
    s = s.lower()
    for key, period in _UNITS:
        if key in s:
            return period
    return None


def _money(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def _structured_pay(lo: float | None, hi: float | None, currency: object, unit: object) -> Pay | None:
    """A :class:`Pay` from structured salary fields; None when the figures or the currency are missing.

    Args:
        lo: the lower bound, or None.
        hi: the upper bound, or None.
        currency: an ISO 4217 code.
        unit: the period as the source spells it; when absent it is judged from the size of the figure.
    """
    code = _text(currency)
    if code is None or not re.fullmatch(r"[A-Za-z]{3}", code) or (lo is None and hi is None):
        return None
    code = code.upper()
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    period = _period(unit) if unit is not None else None
    if period is None:
        ref = hi if hi is not None else lo
        period = _period_by_size(ref, code) if ref is not None else None
        if period is None:
            return None
    assert period in PERIODS
    if lo is not None and hi is not None:
        span = _money(lo) if lo == hi else f"{_money(lo)}–{_money(hi)}"
        text = f"{code} {span} per {period}"
    elif lo is not None:
        text = f"{code} {_money(lo)}+ per {period}"
    else:
        assert hi is not None
        text = f"up to {code} {_money(hi)} per {period}"
    return Pay(lo, hi, code, period, "base", text)


def _jsonld_pay(salary: object, fallback_currency: object) -> Pay | None:
    """schema.org ``baseSalary``: a MonetaryAmount (value a QuantitativeValue or a number), or a list."""
    if isinstance(salary, list):
        return next((p for p in (_jsonld_pay(s, fallback_currency) for s in salary) if p), None)
    if isinstance(salary, int | float | str) and not isinstance(salary, bool):
        v = _number(salary)
        return _structured_pay(v, v, fallback_currency, None)
    if not isinstance(salary, dict):
        return None
    currency = salary.get("currency") or fallback_currency
    value = salary.get("value")
    unit = salary.get("unitText")
    if isinstance(value, dict):
        currency = currency or value.get("currency")
        unit = value.get("unitText") or unit
        lo, hi = _number(value.get("minValue")), _number(value.get("maxValue"))
        single = _number(value.get("value"))
    else:
        lo, hi = _number(salary.get("minValue")), _number(salary.get("maxValue"))
        single = _number(value)
    if lo is None and hi is None and single is not None:
        lo = hi = single
    return _structured_pay(lo, hi, currency, unit)


# --------------------------------------------------------------------------------------------------
# Input decoding


def _decode(page: str | bytes) -> str:
    if isinstance(page, bytes | bytearray):
        data = bytes(page)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"input is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            guessed = UnicodeDammit(data, is_html=True).unicode_markup
            if guessed is None:
                raise InputError("input is not text in a known encoding") from None
            text = guessed
    elif isinstance(page, str):
        text = page
        if len(text) > MAX_INPUT_BYTES:
            raise InputError(f"input is {len(text):,} characters; the limit is {MAX_INPUT_BYTES:,}")
        text = text.removeprefix("\ufeff")
    else:
        raise InputError(f"expected HTML or JSON as str or bytes, got {type(page).__name__}")
    if not text.strip():
        raise InputError("input is empty")
    if "\x00" in text[:4096]:
        raise InputError("input is binary data, not an HTML page or a JSON payload")
    return text


MAX_JSON_DEPTH = 64
"""Deepest JSON nesting read (JobPosting JSON-LD and ATS payloads need well under 10 levels)."""


def json_depth_problem(text: str, limit: int = MAX_JSON_DEPTH) -> str | None:
    """A message when ``text`` nests arrays and objects deeper than ``limit``, else None.

    Counts brackets outside strings without parsing, so 100,000 nested arrays cost a scan, not the
    parser's recursion (a RecursionError).
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > limit:
                return f"JSON nested more than {limit} levels deep"
        elif ch in "]}":
            depth -= 1
    return None


_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


def _json_loads(text: str, *, strict: bool = True) -> Any:
    """``json.loads``, with nesting over :data:`MAX_JSON_DEPTH` and bad JSON as :class:`InputError`."""
    problem = json_depth_problem(text)
    if problem:
        raise InputError(f"refused: {problem}")
    try:
        return json.loads(text, strict=strict)
    except json.JSONDecodeError as e:
        raise InputError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise InputError(f"refused: JSON nested more than {MAX_JSON_DEPTH} levels deep") from None


_HTML_START = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|div|p|h[1-6]|main|article|section|script|span|ul|table)\b", re.I
)


def _load(page: str | bytes | dict[str, Any] | list[Any]) -> tuple[str, Any]:
    """("json", value) or ("html", markup)."""
    if isinstance(page, dict | list):
        return "json", page
    text = _decode(page)
    head = text.lstrip()
    if head[:1] in "{[":
        return "json", _json_loads(head)
    if _HTML_START.search(text[:200_000]):
        return "html", text
    raise InputError("input is neither an HTML page nor a JSON payload")


# --------------------------------------------------------------------------------------------------
# JSON-LD


def _is_type(node: dict[str, Any], name: str) -> bool:
    t = node.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for x in types)


def _find_postings(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting node in a JSON-LD value (top level, lists, @graph, nested containers)."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _find_postings(item, depth + 1)
    elif isinstance(value, dict):
        if _is_type(value, "JobPosting"):
            yield value
            return
        for key, child in value.items():
            if key in ("@context",) or not isinstance(child, dict | list):
                continue
            yield from _find_postings(child, depth + 1)


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$")


def _jsonld_blocks(soup: BeautifulSoup) -> Iterator[Any]:
    for script in soup.find_all("script", attrs={"type": re.compile(r"^\s*application/ld\+json\s*$", re.I)}):
        raw = _CDATA.sub("", script.string or script.get_text() or "")
        if not raw.strip():
            continue
        problem = json_depth_problem(raw)
        if problem:
            raise InputError(f"refused: a JSON-LD block is {problem}")
        try:
            yield json.loads(raw, strict=False)
        except json.JSONDecodeError:
            continue  # a broken block on the page must not hide the visible listing


def _jsonld_location(posting: dict[str, Any]) -> str | None:
    places = posting.get("jobLocation")
    found: list[str] = []
    for place in places if isinstance(places, list) else [places]:
        if isinstance(place, str):
            found.append(place)
            continue
        if not isinstance(place, dict):
            continue
        address = place.get("address")
        if isinstance(address, dict):
            parts = [_name(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
            joined = ", ".join(dict.fromkeys(p for p in parts if p))
            if joined:
                found.append(joined)
                continue
        text = _text(address) if isinstance(address, str) else _name(place)
        if text:
            found.append(text)
    if not found:
        req = _name(posting.get("applicantLocationRequirements"))
        return req
    return "; ".join(dict.fromkeys(_one_line(f) for f in found))


def _jsonld_years(req: object) -> Years | None:
    """experienceRequirements: OccupationalExperienceRequirements (monthsOfExperience), text, or a list."""
    if isinstance(req, list):
        return next((y for y in (_jsonld_years(r) for r in req) if y), None)
    if isinstance(req, dict):
        months = req.get("monthsOfExperience")
        if not isinstance(months, bool) and isinstance(months, int | float | str):
            try:
                m = float(str(months).strip())
            except ValueError:
                m = -1.0
            if m >= 0:
                label = _text(req.get("description")) or f"{m:g} months of experience"
                return Years(round(m / 12, 2), None, label)
        desc = _text(req.get("description"))
        return parse_years(desc) if desc else None
    text = _text(req)
    return parse_years(text) if text else None


def _from_jsonld(posting: dict[str, Any], url: str | None, page_url: str | None = None) -> Listing | None:
    title = _text(posting.get("title")) or _text(posting.get("name"))
    if title is None:
        return None
    description = posting.get("description")
    markup = _unescape_markup(description) if isinstance(description, str) else None
    text = html_to_text(markup) if markup else ""
    pay = _jsonld_pay(posting.get("baseSalary"), posting.get("salaryCurrency")) or parse_pay(text)
    years = _jsonld_years(posting.get("experienceRequirements")) or parse_years(text)
    location_type = posting.get("jobLocationType")
    types = location_type if isinstance(location_type, list) else [location_type]
    location = _jsonld_location(posting)
    remote = True if any(isinstance(t, str) and t.upper() == "TELECOMMUTE" for t in types) else None
    own_url = url or _page_url(posting.get("url"), None) or page_url
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_name(posting.get("hiringOrganization")),
        location=location,
        remote=remote,
        text=text,
        html=markup,
        pay=pay,
        years=years,
        url=own_url,
        source="jsonld",
        date_posted=_iso_date(posting.get("datePosted")),
        employment_type=_employment(posting.get("employmentType")),
    )


# --------------------------------------------------------------------------------------------------
# ATS payloads


def _is_greenhouse(job: dict[str, Any]) -> bool:
    return isinstance(job.get("title"), str) and any(
        k in job for k in ("absolute_url", "internal_job_id", "requisition_id", "content", "pay_input_ranges")
    )


def _is_lever(job: dict[str, Any]) -> bool:
    return isinstance(job.get("text"), str) and any(
        k in job for k in ("hostedUrl", "categories", "descriptionPlain", "lists", "salaryRange")
    )


def _is_ashby(job: dict[str, Any]) -> bool:
    return isinstance(job.get("title"), str) and any(
        k in job for k in ("descriptionHtml", "descriptionPlain", "jobUrl", "isRemote", "compensation")
    )


def _ats_kind(job: object) -> str | None:
    if not isinstance(job, dict):
        return None
    if _is_lever(job):
        return "lever"
    if _is_ashby(job):
        return "ashby"
    if _is_greenhouse(job):
        return "greenhouse"
    return None


def _ats_listing(kind: str, job: dict[str, Any], url: str | None) -> Listing:
    if kind == "greenhouse":
        return _from_greenhouse(job, url)
    if kind == "lever":
        return _from_lever(job, url)
    return _from_ashby(job, url)


def _job_url(value: object, fallback: str | None) -> str | None:
    s = _text(value)
    if s and re.match(r"https?://", s, re.I):
        return s
    return fallback


def _require_title(value: object, kind: str) -> str:
    title = _text(value)
    if title is None:
        raise InputError(f"{kind} job has no title")
    return title


def _from_greenhouse(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("title"), "Greenhouse")
    content = job.get("content")
    markup = _unescape_markup(content) if isinstance(content, str) and content.strip() else None
    text = html_to_text(markup) if markup else ""
    pay: Pay | None = None
    ranges = job.get("pay_input_ranges")
    for r in ranges if isinstance(ranges, list) else []:
        if isinstance(r, dict):
            lo, hi = _number(r.get("min_cents")), _number(r.get("max_cents"))
            pay = _structured_pay(
                lo / 100 if lo else None, hi / 100 if hi else None, r.get("currency_type"), r.get("interval")
            )
            if pay:
                break
    location = _name(job.get("location"))
    employment = None
    for field in job.get("metadata") or []:
        if isinstance(field, dict) and re.search(r"employment|commitment|job type", str(field.get("name")), re.I):
            employment = _employment(field.get("value"))
    own_url = _job_url(job.get("absolute_url"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_text(job.get("company_name")),
        location=location,
        remote=_remote_from(location),
        text=text,
        html=markup,
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="greenhouse",
        date_posted=_iso_date(job.get("first_published")),
        employment_type=employment,
    )


def _from_lever(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("text"), "Lever")
    pieces: list[str] = []
    description = job.get("description")
    if isinstance(description, str) and description.strip():
        pieces.append(description)
    else:
        for key in ("opening", "descriptionBody"):
            if isinstance(job.get(key), str) and job[key].strip():
                pieces.append(job[key])
    for item in job.get("lists") or []:
        if isinstance(item, dict):
            heading = _text(item.get("text"))
            body = item.get("content") if isinstance(item.get("content"), str) else ""
            pieces.append((f"<h3>{html_lib.escape(heading)}</h3>" if heading else "") + f"<ul>{body}</ul>")
    for key in ("salaryDescription", "additional"):
        if isinstance(job.get(key), str) and job[key].strip():
            pieces.append(job[key])
    markup = "\n".join(pieces) or None
    if markup:
        text = html_to_text(markup)
    else:
        plain = [job.get(k) for k in ("descriptionPlain", "salaryDescriptionPlain", "additionalPlain")]
        text = "\n".join(_plain_lines("\n".join(p for p in plain if isinstance(p, str))))
    pay = None
    salary = job.get("salaryRange")
    if isinstance(salary, dict) and "one-time" not in str(salary.get("interval", "")):
        pay = _structured_pay(
            _number(salary.get("min")), _number(salary.get("max")), salary.get("currency"), salary.get("interval")
        )
    raw_categories = job.get("categories")
    categories: dict[str, Any] = raw_categories if isinstance(raw_categories, dict) else {}
    location = _text(categories.get("location"))
    if location is None and isinstance(categories.get("allLocations"), list):
        location = _text(", ".join(str(x) for x in categories["allLocations"]))
    workplace = _text(job.get("workplaceType"))
    own_url = _job_url(job.get("hostedUrl"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=None,
        location=location,
        remote=_remote_from(workplace) if workplace and workplace != "unspecified" else _remote_from(location),
        text=text,
        html=markup,
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="lever",
        date_posted=_iso_date(job.get("createdAt")),
        employment_type=_employment(categories.get("commitment")),
    )


def _ashby_pay(compensation: object) -> Pay | None:
    """The Salary component of an Ashby ``compensation`` block (summary first, then the first tier)."""
    if not isinstance(compensation, dict):
        return None
    components: list[Any] = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, dict):
            components.extend(tier.get("components") or [])
    for c in components:
        if not isinstance(c, dict):
            continue
        kind = str(c.get("compensationType") or c.get("componentType") or "")
        if kind.lower() != "salary":
            continue
        pay = _structured_pay(
            _number(c.get("minValue")), _number(c.get("maxValue")), c.get("currencyCode"), c.get("interval")
        )
        if pay:
            return pay
    return None


def _from_ashby(job: dict[str, Any], url: str | None) -> Listing:
    title = _require_title(job.get("title"), "Ashby")
    described = job.get("descriptionHtml")
    markup = described if isinstance(described, str) and described.strip() else None
    if markup:
        text = html_to_text(markup)
    else:
        plain = job.get("descriptionPlain")
        text = "\n".join(_plain_lines(plain)) if isinstance(plain, str) else ""
    location = _name(job.get("location"))
    workplace = _text(job.get("workplaceType"))
    remote = _remote_from(workplace) if workplace else None
    if remote is None and isinstance(job.get("isRemote"), bool):
        remote = job["isRemote"]
    own_url = _job_url(job.get("jobUrl"), url)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=_text(job.get("organizationName")),
        location=location,
        remote=remote,
        text=text,
        html=markup,
        pay=_ashby_pay(job.get("compensation")) or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="ashby",
        date_posted=_iso_date(job.get("publishedAt")),
        employment_type=_employment(job.get("employmentType")),
    )


# --------------------------------------------------------------------------------------------------
# Visible HTML

# Where job boards put each field; the generic selectors come last. A selector is (tag name or "",
# attribute or "", value); the attribute "class" matches any one of the classes.
_Sel = tuple[str, str, str]
_TITLE_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-title"),  # Seek
    ("h1", "class", "top-card-layout__title"),  # LinkedIn
    ("h1", "class", "topcard__title"),
    ("", "data-testid", "jobsearch-JobInfoHeader-title"),  # Indeed
    ("", "itemprop", "title"),  # microdata
    ("h1", "", ""),
)
_COMPANY_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "advertiser-name"),
    ("", "class", "topcard__org-name-link"),
    ("", "data-testid", "inlineHeader-companyName"),
    ("", "itemprop", "hiringOrganization"),
    ("", "class", "company-name"),
    ("", "class", "companyName"),
)
_LOCATION_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-location"),
    ("", "class", "topcard__flavor--bullet"),
    ("", "data-testid", "inlineHeader-companyLocation"),
    ("", "itemprop", "jobLocation"),
    ("", "class", "job-location"),
    ("", "class", "location"),
)
_EMPLOYMENT_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-work-type"),
    ("", "itemprop", "employmentType"),
    ("", "class", "employment-type"),
)
_SALARY_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "job-detail-salary"),
    ("", "class", "compensation__salary"),
    ("", "id", "salaryInfoAndJobType"),
    ("", "itemprop", "baseSalary"),
    ("", "class", "job-salary"),
)
_DESCRIPTION_SEL: tuple[_Sel, ...] = (
    ("", "data-automation", "jobAdDetails"),
    ("", "class", "show-more-less-html__markup"),
    ("", "class", "description__text"),
    ("", "id", "jobDescriptionText"),
    ("", "itemprop", "description"),
    ("", "id", "job-description"),
    ("", "class", "job-description"),
    ("", "id", "job-details"),
    ("", "class", "job-details"),
    ("article", "", ""),
    ("main", "", ""),
    ("", "role", "main"),
)
_INDEX_ATTRS = ("id", "itemprop", "data-automation", "data-testid", "role")
_INDEX_NAMES = frozenset({"h1", "h3", "h4", "dt", "th", "article", "main", "meta", "link"})
# Sections about other jobs: nothing in them describes this one.
_OTHER_JOBS = re.compile(r"similar|related|recommend|also[-_ ]viewed|more[-_ ]jobs|other[-_ ]jobs", re.I)


def _in_other_jobs(tag: Tag) -> bool:
    for el in [tag, *tag.parents]:
        if isinstance(el, Tag) and el.attrs:
            marks = " ".join(el.get_attribute_list("class") or []) + " " + str(el.get("id") or "")
            if _OTHER_JOBS.search(marks):
                return True
    return False


class _PageIndex:
    """The tags of a page by name, by class and by a few attributes, built in one pass.

    CSS selection (soupsieve) walks the whole tree once per selector, which takes seconds on a big
    page; this looks each selector up in a dict instead.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        self.by_name: dict[str, list[Tag]] = {}
        self.by_attr: dict[tuple[str, str], list[Tag]] = {}
        for tag in soup.find_all(True):
            if tag.name in _INDEX_NAMES:
                self.by_name.setdefault(tag.name, []).append(tag)
            for attr in _INDEX_ATTRS:
                value = tag.get(attr)
                if isinstance(value, str):
                    self.by_attr.setdefault((attr, value), []).append(tag)
            for cls in tag.get_attribute_list("class") or []:
                if cls:
                    self.by_attr.setdefault(("class", cls), []).append(tag)

    def tags(self, sel: _Sel) -> list[Tag]:
        name, attr, value = sel
        if attr:
            return [t for t in self.by_attr.get((attr, value), []) if not name or t.name == name]
        return self.by_name.get(name, [])

    def first(self, selectors: Iterable[_Sel]) -> Tag | None:
        """The first tag, by selector priority then page order, that has text and is not about other jobs."""
        for sel in selectors:
            for tag in self.tags(sel):
                if tag.get_text(strip=True) and not _in_other_jobs(tag):
                    return tag
        return None

    def text(self, selectors: Iterable[_Sel]) -> str | None:
        tag = self.first(selectors)
        if tag is None:
            return None
        if tag.get("itemprop"):  # microdata: <div itemprop="hiringOrganization"><span itemprop="name">
            inner = tag.find(None, {"itemprop": "name"})
            if isinstance(inner, Tag) and inner.get_text(strip=True):
                tag = inner
        return _text(tag.get_text(" "))

    def meta(self, prop: str) -> str | None:
        for tag in self.by_name.get("meta", []):
            if prop in (tag.get("property"), tag.get("name")):
                return _text(tag.get("content"))
        return None

    def canonical(self) -> str | None:
        for tag in self.by_name.get("link", []):
            if "canonical" in (tag.get_attribute_list("rel") or []):
                return _text(tag.get("href"))
        return None

    def criteria(self, label: str) -> str | None:
        """A value shown as "label / value" (LinkedIn job criteria, <dt>/<dd> and <th>/<td> pairs)."""
        want = label.casefold()
        for name in ("h3", "h4", "dt", "th"):
            for head in self.by_name.get(name, []):
                if _one_line(head.get_text(" ")).casefold().rstrip(":") != want:
                    continue
                value = head.find_next_sibling()
                if isinstance(value, Tag):
                    return _text(value.get_text(" "))
        return None


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


def _declared_url(index: _PageIndex) -> str | None:
    """The page's own URL: <link rel="canonical">, else og:url."""
    return _page_url(index.canonical(), None) or _page_url(index.meta("og:url"), None)


def _complete(listing: Listing, index: _PageIndex) -> Listing:
    """Fill what a page's JSON-LD left out (description, company, location) from the visible page."""
    changes: dict[str, Any] = {}
    if not listing.text:
        container = index.first(_DESCRIPTION_SEL)
        text = "\n".join(_lines_of(container, _PAGE_DROP_TAGS)) if container is not None else ""
        if text:
            changes.update(text=text, html=str(container))
            changes["pay"] = listing.pay or parse_pay(text)
            changes["years"] = listing.years or parse_years(text)
            changes["id"] = listing_id(listing.url, listing.title, text)
    if listing.company is None:
        changes["company"] = index.text(_COMPANY_SEL)
    if listing.location is None:
        changes["location"] = index.text(_LOCATION_SEL)
    return replace(listing, **changes) if changes else listing


def _from_html(soup: BeautifulSoup, index: _PageIndex, url: str | None) -> Listing:
    title = index.text(_TITLE_SEL) or index.meta("og:title")
    if title is None and soup.title is not None:
        title = _text(soup.title.get_text(" "))
    container: Tag | BeautifulSoup | None = index.first(_DESCRIPTION_SEL)
    if container is None:
        container = soup.body if soup.body is not None else soup
    text = "\n".join(_lines_of(container, _PAGE_DROP_TAGS))
    if title is None or not text:
        raise InputError("no job listing found in the page (no JobPosting JSON-LD, no title or description)")
    location = index.text(_LOCATION_SEL)
    salary = index.text(_SALARY_SEL)
    pay = parse_pay(f"Salary: {salary}") if salary else None
    own_url = url or _declared_url(index)
    return Listing(
        id=listing_id(own_url, title, text),
        title=title,
        company=index.text(_COMPANY_SEL),
        location=location,
        remote=_remote_from(location, title),
        text=text,
        html=str(container),
        pay=pay or parse_pay(text),
        years=parse_years(text),
        url=own_url,
        source="html",
        date_posted=None,
        employment_type=_employment(index.text(_EMPLOYMENT_SEL) or index.criteria("Employment type")),
    )


# --------------------------------------------------------------------------------------------------
# Public entry points


def _check_url(url: str | None) -> str | None:
    if url is None:
        return None
    canonical_url(url)  # raises InputError on a bad URL
    return url


def _html_postings(markup: str) -> tuple[BeautifulSoup, list[dict[str, Any]]]:
    soup = _soup(markup)
    postings = [p for block in _jsonld_blocks(soup) for p in _find_postings(block)]
    return soup, postings


def _json_listing(value: Any, url: str | None) -> Listing:
    postings = list(_find_postings(value))
    if postings:
        listing = _from_jsonld(postings[0], url)
        if listing is not None:
            return listing
    kind = _ats_kind(value)
    if kind is not None:
        return _ats_listing(kind, value, url)
    jobs = _board_jobs(value)
    if len(jobs) == 1:
        return _ats_listing(jobs[0][0], jobs[0][1], url)
    if jobs:
        raise InputError(f"the payload is a job board with {len(jobs)} jobs; use parse_listings")
    raise InputError("no job found in the JSON (not a JobPosting, Greenhouse, Lever or Ashby job)")


def _board_jobs(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """(kind, job) for each job of a board payload; InputError for an entry that is not a job."""
    if isinstance(value, dict) and isinstance(value.get("jobs"), list):
        entries: list[Any] = value["jobs"]
    elif isinstance(value, list):
        entries = []
        for item in value:  # Lever "?group=team" nests postings under each group
            if isinstance(item, dict) and isinstance(item.get("postings"), list) and not _ats_kind(item):
                entries.extend(item["postings"])
            else:
                entries.append(item)
    else:
        return []
    out: list[tuple[str, dict[str, Any]]] = []
    for i, job in enumerate(entries):
        kind = _ats_kind(job)
        if kind is None:
            raise InputError(f"entry {i} of the payload is not a Greenhouse, Lever or Ashby job")
        out.append((kind, job))
    return out


def parse_listing(page: str | bytes | dict[str, Any], url: str | None = None) -> Listing:
    """Read one job listing from a saved page or an ATS job payload.

    Args:
        page: an HTML page, or the JSON of one job (a JobPosting JSON-LD object, a Greenhouse job, a
            Lever posting, an Ashby job), as text, bytes or an already-parsed dict.
        url: where the page was fetched from. For pages it becomes the listing's URL (else the page's
            canonical link or og:url is used); ATS jobs keep their own URL and use this only without one.

    Returns:
        The listing, from JSON-LD first, then ATS JSON, then the visible HTML.

    Raises:
        InputError: empty, binary, too large (over 5 MB), neither HTML nor JSON, a board payload with
            several jobs, or no job found.
    """
    url = _check_url(url)
    kind, value = _load(page)
    if kind == "json":
        return _json_listing(value, url)
    soup, postings = _html_postings(value)
    index = _PageIndex(soup)
    for posting in postings:
        listing = _from_jsonld(posting, url, _declared_url(index))
        if listing is not None:
            return _complete(listing, index)
    return _from_html(soup, index, url)


def parse_listings(payload: str | bytes | dict[str, Any] | list[Any], url: str | None = None) -> list[Listing]:
    """Read every job of a board payload (or of a page).

    Args:
        payload: a Greenhouse ``{"jobs": [...]}`` payload (with or without ``content``), a Lever
            postings array (also the ``group=`` form), an Ashby ``{"jobs": [...]}`` payload, a single
            job, or an HTML page (every JobPosting in its JSON-LD, else its one visible listing).
        url: where the payload was fetched from. It is the job's URL only for a single job or page; a
            job of a board without a URL of its own gets an id from its text, never from this URL.

    Returns:
        One listing per job, in payload order; an empty list for a board with no open jobs.

    Raises:
        InputError: empty, binary, too large, not HTML or JSON, or an entry that is not a job.
    """
    url = _check_url(url)
    kind, value = _load(payload)
    if kind == "html":
        soup, postings = _html_postings(value)
        index = _PageIndex(soup)
        many = len(postings) > 1
        page_url = None if many else url or _declared_url(index)
        found = [x for x in (_from_jsonld(p, None if many else url, page_url) for p in postings) if x is not None]
        if len(found) == 1:
            found = [_complete(found[0], index)]
        return found or [_from_html(soup, index, url)]
    if isinstance(value, dict) and not isinstance(value.get("jobs"), list):
        postings = list(_find_postings(value))
        if len(postings) > 1:
            return [x for x in (_from_jsonld(p, None) for p in postings) if x is not None]
        return [_json_listing(value, url)]
    if not isinstance(value, dict | list):
        raise InputError(f"expected a job board payload (object or array), got {type(value).__name__}")
    if isinstance(value, list) and value and all(isinstance(v, dict) and _is_type(v, "JobPosting") for v in value):
        return [x for x in (_from_jsonld(p, None) for p in value) if x is not None]
    return [_ats_listing(kind_, job, None) for kind_, job in _board_jobs(value)]
