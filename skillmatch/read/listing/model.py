"""Listing: one job from a page or an ATS payload, with where each field came from; the input size cap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pay import Pay, Years

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
