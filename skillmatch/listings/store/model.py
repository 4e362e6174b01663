"""What the store hands back (:class:`StoredListing`, :class:`StoreStats`, :class:`RunConflict`) and the
small helpers its writes share (columns, hashes, id chunks, timestamps)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import InputError

if TYPE_CHECKING:
    from ...read.listing import Listing



ENV_DB = "SKILLMATCH_DB"
CHUNK = 500  # ids per "IN (...)" query, well under SQLite's variable limit

_LISTING_COLUMNS = (
    "id", "url", "source", "title", "company", "location", "remote", "text", "html", "pay_min", "pay_max",
    "currency", "period", "pay_kind", "pay_text", "annual_min", "annual_max", "years_min", "years_max",
    "years_text", "date_posted", "employment_type", "content_hash", "fetched_at", "run_id",
    "family", "in_family", "relevance_score", "relevance_evidence",
)
_SCORE_COLUMNS = ("title_level", "level", "level_confidence", "disagree", "pay_vs_band", "scored_at", "ladder_level")


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def listing_hash(listing: Listing) -> str:
    """A hash of everything a listing says: a re-fetched listing that changed gets scored again."""
    raw = json.dumps(listing.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _relevance_columns(x: Listing) -> dict[str, Any]:
    from ..relevance import relevance

    rel = relevance(x.title, x.text)
    return {"family": rel.family, "in_family": int(rel.in_family), "relevance_score": round(rel.score, 4),
            "relevance_evidence": json.dumps(rel.to_dict(), ensure_ascii=False, sort_keys=True)}


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass(frozen=True)
class StoredListing:
    """A listing as stored, with its latest score.

    Args:
        id: :attr:`Listing.id`.
        remote: True, False, or None when the source does not say.
        pay_min, pay_max, currency, period, pay_kind: the stated pay ("base" or "ote"), None without pay.
        annual_min, annual_max: the stated pay per year.
        title_level: the level the title names; level, level_confidence: the level the content reads as
            (None until scored); disagree: the two differ.
        skills: (skill id, the listing line that shows it), one per skill, in line order.
        fetched_at: when the listing was first stored, or last changed (ISO 8601, UTC).
        pay_vs_band: "below", "within" or "above" the ladder band of ``level``.
        family, in_family: the listing's job family (:mod:`skillmatch.listings.relevance`); a listing outside the
            sales-ops families has no ``level`` (``level_note`` says why) and keeps the ladder's reading in
            ``ladder_level``; relevance: the family's reason and evidence (``Relevance.to_dict()``).
    """

    id: str
    url: str | None
    source: str
    title: str
    company: str | None
    location: str | None
    remote: bool | None
    text: str
    html: str | None
    pay_min: float | None
    pay_max: float | None
    currency: str | None
    period: str | None
    pay_kind: str | None
    annual_min: float | None
    annual_max: float | None
    years_min: float | None
    years_max: float | None
    title_level: str | None
    level: str | None
    level_confidence: float | None
    disagree: bool | None
    skills: tuple[tuple[str, str], ...]
    fetched_at: str
    pay_vs_band: str | None = None
    date_posted: str | None = None
    employment_type: str | None = None
    family: str | None = None
    in_family: bool | None = None
    ladder_level: str | None = None
    relevance: dict[str, Any] | None = None

    @property
    def level_note(self) -> str | None:
        """"not levelled: outside sales ops (the reason)" for a listing outside the family, else None."""
        if self.in_family is not False:
            return None
        reason = (self.relevance or {}).get("reason") or f"family {self.family}"
        return f"not levelled: outside sales ops ({reason})"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["skills"] = [{"id": s, "line": t} for s, t in self.skills]
        d["level_note"] = self.level_note
        return d


@dataclass(frozen=True)
class StoreStats:
    """What the database holds."""

    path: str
    schema_version: int
    listings: int
    scored: int
    pending: int | None
    by_level: dict[str, int]
    by_source: dict[str, int]
    with_pay: int
    disagree: int
    skills: int
    embeddings: int
    runs: int
    last_run: dict[str, Any] | None
    size_bytes: int
    top_skills: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    by_family: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    """Listings outside the sales-ops families (not levelled; left out of the counts above unless
    ``include_other``)."""
    include_other: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


class RunConflict(InputError):
    """Another process is running the same kind of run on the same database."""
