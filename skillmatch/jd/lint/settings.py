"""The lint's thresholds, severities and messages, read from ``data/jd_lint.yaml`` (:class:`LintSettings`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import DataError
from ...level.infer import strip_level_words
from ...taxonomy import DataFile, Level
from .model import SEVERITIES


@dataclass(frozen=True)
class LintSettings:
    version: str
    body_min_words: int
    temperature: float
    years_line_min_words: int
    years_generic: tuple[re.Pattern[str], ...]
    pay_line: re.Pattern[str]
    support: re.Pattern[str]
    negation: re.Pattern[str]
    checks: dict[str, dict[str, Any]]
    not_yet_phrasings: dict[str, dict[str, tuple[str, ...]]]

    def not_yet_rows(self, level: Level) -> tuple[list[str], list[int]]:
        """The level's "not yet" items and their extra phrasings, with the item index of each row."""
        rows: list[str] = []
        owners: list[int] = []
        extra = self.not_yet_phrasings.get(level.id, {})
        for k, item in enumerate(level.not_yet):
            for text in (item, *extra.get(item, ())):
                rows.append(strip_level_words(text))
                owners.append(k)
        return rows, owners

    def check(self, code: str) -> dict[str, Any]:
        return self.checks[code]


_CHECK_KEYS = {
    "title_level_mismatch": ("error_confidence", "error_rungs", "message"),
    "scope_above_level": ("min_score", "error_min_score", "warning_margin", "error_margin", "message",
                          "support_message"),
    "scope_below_level": ("min_score", "info_margin", "warning_margin", "message"),
    "not_yet_owned": ("warning_score", "error_score", "message", "support_message"),
    "wording_level": ("above_rungs", "below_rungs", "above_message", "below_message"),
    "line_level": ("rungs", "min_confidence", "above_message", "below_message"),
    "years_out_of_range": ("error_years", "message"),
    "pay_missing": ("severity", "message"),
    "pay_out_of_band": ("message", "other_currency"),
    "tier_skills_missing": ("severity_own_tier", "severity_lower_tier", "message"),
}


def _support_pattern(phrases: Sequence[str], anywhere: Sequence[str]) -> re.Pattern[str]:
    alternatives = []
    for phrase in phrases:
        first, *rest = phrase.lower().split()
        stem = first[:-1] if first.endswith("e") else first
        forms = "|".join(re.escape(f) for f in dict.fromkeys(
            (first, first + "s", first + "es", stem + "ing", stem + "ed", first + "d")))
        alternatives.append(rf"^\W*(?:{forms})" + "".join(rf"\s+{re.escape(w)}" for w in rest) + r"\b")
    return re.compile("|".join([*alternatives, *anywhere]), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def load_lint_settings() -> LintSettings:
    """The bundled lint settings, validated."""
    reader = DataFile(None, "jd_lint.yaml")
    name, raw = reader.name, reader.data
    try:
        lines = raw["lines"]
        checks = raw["checks"]
        for code, keys in _CHECK_KEYS.items():
            missing = [k for k in keys if k not in checks[code]]
            if missing:
                raise DataError(f"{name}: checks.{code}: missing {missing[0]!r}")
        severities = [checks["pay_missing"]["severity"], checks["tier_skills_missing"]["severity_own_tier"],
                      checks["tier_skills_missing"]["severity_lower_tier"]]
        if any(s not in SEVERITIES for s in severities):
            raise DataError(f"{name}: a severity must be one of {', '.join(SEVERITIES)}")
        return LintSettings(
            version=str(raw["version"]),
            body_min_words=int(lines["body_min_words"]),
            temperature=float(lines["temperature"]),
            years_line_min_words=int(lines["years_line_min_words"]),
            years_generic=tuple(re.compile(p, re.IGNORECASE) for p in lines.get("years_generic") or ()),
            pay_line=re.compile(lines["pay_line"], re.IGNORECASE),
            support=_support_pattern(raw["support_phrases"], raw.get("support_anywhere") or []),
            negation=re.compile(raw["negation"], re.IGNORECASE),
            checks={str(k): dict(v) for k, v in checks.items()},
            not_yet_phrasings={str(lvl): {str(item): tuple(str(t) for t in texts) for item, texts in items.items()}
                               for lvl, items in (raw.get("not_yet_phrasings") or {}).items()},
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataError(f"{name}: cannot read the lint settings: {e}") from None
