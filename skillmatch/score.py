"""Score one job listing: the level its title names, the level its content describes, skills, pay.

* ``title_level``: the level the job title names (:func:`skillmatch.ladder.title_level`), or None;
* ``content``: :func:`skillmatch.ladder.infer_level` of the description, which removes title and level
  words before it reads anything, so a "Senior Manager" title never decides the level;
* ``level``: the level we report, the content level; ``disagree`` when the title names another one;
* ``skills``: :func:`skillmatch.extract.extract_skills` mentions, each with the line that shows it;
* ``band`` and ``pay_vs_band``: the ladder's band for the content level, and whether the listing's
  annual base pay (its midpoint) falls below, within or above it.

Pure library code: no store, no network. :mod:`skillmatch.batch` scores many listings with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .embed import Embedder, VectorCache, get_embedder
from .extract import SkillMention, extract_skills
from .ladder import LevelEstimate, infer_level, title_level
from .listings import Listing
from .match import PayBand, pay_band
from .pay import Pay
from .taxonomy import Ladder, Taxonomy, load_ladder, load_taxonomy

PAY_VS_BAND = ("below", "within", "above")


@dataclass(frozen=True)
class ListingScore:
    """What one listing asks for and pays, against the ladder.

    Args:
        listing_id: :attr:`Listing.id`.
        title_level: the level the title names ("Sales Operations Manager" -> manager); None when none.
        content: the level the description reads as, with probabilities and the lines behind it.
        level: the level we report (the content level).
        disagree: the title names a level and it is not the content level.
        skills: the skills the description asks for, each with its line (1-based, in ``Listing.text``).
        pay: the listing's pay, when stated.
        band: the ladder's band for ``level``.
        pay_vs_band: "below", "within" or "above" the band (annual base midpoint; OTE against base plus
            bonus), or None when there is no pay, or it is in another currency.
    """

    listing_id: str
    title_level: str | None
    content: LevelEstimate
    level: str
    disagree: bool
    skills: tuple[SkillMention, ...]
    pay: Pay | None
    band: PayBand
    pay_vs_band: str | None

    @property
    def confidence(self) -> float:
        return self.content.confidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "listing_id": self.listing_id,
            "title_level": self.title_level,
            "level": self.level,
            "confidence": round(self.content.confidence, 4),
            "disagree": self.disagree,
            "content": self.content.to_dict(),
            "skills": [m.to_dict() for m in self.skills],
            "pay": None if self.pay is None else self.pay.to_dict(),
            "band": self.band.to_dict(),
            "pay_vs_band": self.pay_vs_band,
        }


def annual_midpoint(pay: Pay) -> float | None:
    """The middle of a pay range per year (the one bound when the other is open)."""
    lo, hi = pay.annual_min, pay.annual_max
    if lo is None and hi is None:
        return None
    if lo is None or hi is None:
        return lo if hi is None else hi
    return (lo + hi) / 2


def compare_pay(pay: Pay | None, band: PayBand) -> str | None:
    """Whether ``pay`` sits below, within or above ``band``.

    Base pay is compared with the base band; on-target earnings (OTE) with the base band plus its
    bonus range. None when there is no pay or it is in another currency than the band.

    Args:
        pay: the listing's pay.
        band: the ladder band of the listing's level.
    """
    if pay is None or pay.currency != band.currency:
        return None
    mid = annual_midpoint(pay)
    if mid is None:
        return None
    lo, hi = float(band.base_min), float(band.base_max)
    if pay.kind == "ote":
        lo *= 1 + band.bonus_min_pct / 100
        hi *= 1 + band.bonus_max_pct / 100
    if mid < lo:
        return "below"
    if mid > hi and not band.open_ended:
        return "above"
    return "within"


def score_listing(
    listing: Listing,
    *,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
    cache: VectorCache | None = None,
) -> ListingScore:
    """Score one listing against the ladder.

    Args:
        listing: a parsed listing (:func:`skillmatch.parse_listing`).
        taxonomy: the skills to look for; the bundled taxonomy when None.
        ladder: the ladder; the bundled one when None.
        embedder: the sentence encoder; the packaged model when None.
        cache: a second-level cache of encodings (the store's ``embeddings`` table).

    Returns:
        The title level, the content level (the one reported), skills with their lines, and pay
        against the band.
    """
    taxonomy = taxonomy or load_taxonomy()
    ladder = ladder or load_ladder()
    embedder = embedder or get_embedder()
    mentions = extract_skills(listing.text, taxonomy=taxonomy, embedder=embedder, store=cache)
    # years from structured fields (JSON-LD monthsOfExperience) are passed on; years stated in the text are
    # found again by infer_level, with their line as evidence
    stated = listing.years
    years = stated.min if stated is not None and (not stated.text or stated.text not in listing.text) else None
    content = infer_level(listing.text, mentions=mentions, years=years, title=listing.title, ladder=ladder,
                          taxonomy=taxonomy, embedder=embedder)
    named = title_level(listing.title, ladder)
    # a listing with too little text to read is held to the level its title names, when it names one
    level = named if named is not None and content.thin else content.level
    band = pay_band(level, ladder)
    return ListingScore(
        listing_id=listing.id,
        title_level=named,
        content=content,
        level=level,
        disagree=named is not None and named != content.level,
        skills=tuple(mentions),
        pay=listing.pay,
        band=band,
        pay_vs_band=compare_pay(listing.pay, band),
    )
