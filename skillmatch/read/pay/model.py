"""Pay and Years: what the pay and years readers return, and the periods a pay is stated in."""

from __future__ import annotations

from dataclasses import dataclass

PERIODS = ("year", "month", "week", "day", "hour")
_ANNUAL = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


@dataclass(frozen=True)
class Pay:
    """One pay statement.

    Args:
        min: lower bound in ``currency`` per ``period``; None for "up to X".
        max: upper bound; None for an open top ("X+", "at least X", "minimum salary of X", "X or
            more", "from X depending on experience"). A single figure gives ``min == max``, also
            where the pay is said to start ("starts at X", "starting from X").
        currency: ISO 4217 code ("USD" when only a bare "$" is seen).
        period: "year", "month", "week", "day" or "hour".
        kind: "base", or "ote" for on-target earnings.
        text: the verbatim span of the posting it was read from.
    """

    min: float | None
    max: float | None
    currency: str
    period: str
    kind: str
    text: str

    def _annual(self, value: float | None) -> float | None:
        return None if value is None else value * _ANNUAL[self.period]

    @property
    def annual_min(self) -> float | None:
        """The lower bound per year (hour x 2080, day x 260, week x 52, month x 12)."""
        return self._annual(self.min)

    @property
    def annual_max(self) -> float | None:
        """The upper bound per year."""
        return self._annual(self.max)

    def to_dict(self) -> dict[str, object]:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "kind": self.kind,
            "annual_min": self.annual_min,
            "annual_max": self.annual_max,
            "text": self.text,
        }


@dataclass(frozen=True)
class Years:
    """A years-of-experience requirement.

    Args:
        min: the lower bound ("3-5 years" -> 3, "5+ years" -> 5).
        max: the upper bound of a range ("3-5 years" -> 5, "2-4+ years" -> 4); None for a lone
            figure ("5+ years", "at least 5 years", "5 years of ...").
        text: the verbatim span it was read from.
    """

    min: float
    max: float | None
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"min": self.min, "max": self.max, "text": self.text}
