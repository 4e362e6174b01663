"""Job pages and ATS job boards (Greenhouse, Lever, Ashby) fetched and read into listings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import quote

from ..errors import InputError
from ..read.listing import Listing, parse_listings
from .client import Fetcher
from .model import Response, ScrapeError, ScrapeResult

BOARD_KINDS = ("greenhouse", "lever", "ashby")
_BOARD_URLS = {
    "greenhouse": ("https://boards-api.greenhouse.io", "/v1/boards/{board}/jobs?content=true"),
    "lever": ("https://api.lever.co", "/v0/postings/{board}?mode=json"),
    "ashby": ("https://api.ashbyhq.com", "/posting-api/job-board/{board}?includeCompensation=true"),
}


def board_url(kind: str, board: str, base_url: str | None = None) -> str:
    """The public job-board API URL of a Greenhouse, Lever or Ashby board.

    Args:
        kind: "greenhouse", "lever" or "ashby".
        board: the board's name as it appears in its job-board URL (``boards.greenhouse.io/<board>``,
            ``jobs.lever.co/<board>``, ``jobs.ashbyhq.com/<board>``).
        base_url: a scheme and host to use instead of the ATS's own (for tests and mirrors), e.g.
            ``"http://127.0.0.1:8000"``.

    Returns:
        Greenhouse ``https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true``; Lever
        ``https://api.lever.co/v0/postings/{board}?mode=json``; Ashby
        ``https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true``.

    Raises:
        ScrapeError: an unknown kind or an empty board name.
    """
    if kind not in _BOARD_URLS:
        raise ScrapeError(f"unknown job board kind {kind!r} (expected one of {', '.join(BOARD_KINDS)})")
    name = board.strip()
    if not name:
        raise ScrapeError(f"empty {kind} board name")
    origin, path = _BOARD_URLS[kind]
    if base_url is not None:
        origin = base_url.rstrip("/")
    return origin + path.format(board=quote(name, safe=""))


# --------------------------------------------------------------------------------------------------
# Listings


def _listings_from(response: Response, *, board: bool) -> list[Listing]:
    text = response.text()
    payload: str | bytes = text if text is not None else response.body
    return parse_listings(payload, url=None if board else response.url)


def fetch_listings(
    urls: Iterable[str] = (),
    *,
    greenhouse: Iterable[str] = (),
    lever: Iterable[str] = (),
    ashby: Iterable[str] = (),
    allow_private: bool | Iterable[str] = False,
    user_agent: str | None = None,
    rate: float = 1.0,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    retries: int = 2,
    deadline: float | None = None,
    base_url: str | None = None,
) -> Iterator[ScrapeResult]:
    """Fetch job pages and job boards, one :class:`ScrapeResult` per URL or board, lazily.

    Args:
        urls: job page URLs (HTML with JSON-LD or visible text) or URLs of ATS JSON payloads.
        greenhouse: Greenhouse board names (``boards.greenhouse.io/<name>``).
        lever: Lever board names (``jobs.lever.co/<name>``).
        ashby: Ashby job board names (``jobs.ashbyhq.com/<name>``).
        allow_private: see :class:`Fetcher`.
        user_agent: see :class:`Fetcher`.
        rate: see :class:`Fetcher`.
        timeout: see :class:`Fetcher`.
        max_bytes: see :class:`Fetcher`.
        retries: see :class:`Fetcher`.
        deadline: see :class:`Fetcher`.
        base_url: fetch boards from this scheme and host instead of the ATS's own (see :func:`board_url`).

    Yields:
        The pages first, in order, then Greenhouse, Lever and Ashby boards. A URL that is refused,
        fails or holds no listing gives a result with ``error`` set; nothing is raised for it.

    Raises:
        ScrapeError: bad settings (rate, timeout, max_bytes, allow_private networks) only.
    """
    fetcher = Fetcher(
        allow_private=allow_private,
        user_agent=user_agent,
        rate=rate,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        deadline=deadline,
    )
    jobs: list[tuple[str, str | None, bool]] = [(u, None, False) for u in urls]  # (url or label, error, board)
    for kind, boards in (("greenhouse", greenhouse), ("lever", lever), ("ashby", ashby)):
        for name in boards:
            try:
                jobs.append((board_url(kind, name, base_url), None, True))
            except ScrapeError as e:
                jobs.append((f"{kind}:{name}", str(e), True))
    return _fetch_all(fetcher, jobs)


def _fetch_all(fetcher: Fetcher, jobs: list[tuple[str, str | None, bool]]) -> Iterator[ScrapeResult]:
    for url, error, board in jobs:
        if error is not None:
            yield ScrapeResult(url, [], error)
            continue
        try:
            listings = _listings_from(fetcher.fetch(url), board=board)
        except InputError as e:
            yield ScrapeResult(url, [], " ".join(str(e).split()))
            continue
        except RecursionError:  # a page nested deeper than any reader expects: refuse it, go on with the rest
            yield ScrapeResult(url, [], "refused: the page is nested too deeply to read")
            continue
        yield ScrapeResult(url, listings, None)
