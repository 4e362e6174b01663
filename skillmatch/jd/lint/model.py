"""What the lint returns: :class:`JDLint` with its :class:`LineLevel` per line and :class:`Finding` list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...level.infer import LevelEstimate
from ...level.lines import LineSeniority
from ...read.pay import Pay, Years

SEVERITIES = ("error", "warning", "info")
_KIND = {"responsibilities": "responsibility", "requirements": "requirement", "nice_to_have": "requirement",
         "body": "responsibility"}


@dataclass(frozen=True)
class Finding:
    """Something in a JD that disagrees with the ladder or with the rest of the JD.

    Args:
        code: what is wrong (``title_level_mismatch``, ``scope_above_level``, ``scope_below_level``,
            ``years_out_of_range``, ``pay_missing``, ``pay_out_of_band``, ``tier_skills_missing``,
            ``not_yet_owned``).
        severity: ``error``, ``warning`` or ``info``.
        line: the 1-based line of the input it is about; None for the whole document.
        message: what is wrong and how to fix it.
        text: the verbatim line.
    """

    code: str
    severity: str
    line: int | None
    message: str
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "line": self.line, "message": self.message,
                "text": self.text}


@dataclass(frozen=True)
class LineLevel:
    """The level one responsibility or requirement line describes.

    Args:
        line: its 1-based line number.
        text: the verbatim line.
        kind: ``requirement`` or ``responsibility`` (the section it sits in).
        level: the level whose statements it is closest to.
        confidence: the probability of that level.
        probabilities: every level's probability (a softmax over the line's best similarity per level).
    """

    line: int
    text: str
    kind: str
    level: str
    confidence: float
    probabilities: dict[str, float]
    seniority: LineSeniority | None = None  # the line's wording: agency, reach, audience, people

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "kind": self.kind, "level": self.level,
                "confidence": round(self.confidence, 4),
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
                "seniority": self.seniority.to_dict() if self.seniority else None}


@dataclass(frozen=True)
class JDLint:
    """The lint of one job description (see :func:`lint_jd`)."""

    level: LevelEstimate
    title: str | None
    title_level: str | None
    lines: tuple[LineLevel, ...]
    findings: tuple[Finding, ...]
    years: Years | None
    pay: Pay | None

    @property
    def reference_level(self) -> str:
        """The level the JD is held to: the title's when it names one, else the content's."""
        return self.title_level or self.level.level

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "title_level": self.title_level,
            "reference_level": self.reference_level,
            "level": self.level.to_dict(),
            "years": None if self.years is None else self.years.to_dict(),
            "pay": None if self.pay is None else self.pay.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.counts(),
        }
