"""Load and validate the data files: the ladder, the skill taxonomy and the adjacent backgrounds.

The defaults ship inside the package (``skillmatch/data``); a user may pass their own files. Every
file carries a ``version``. A file that does not validate raises :class:`DataError` naming the file,
the entry and what is wrong.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import yaml

from .errors import DataError

LEVEL_IDS = ("analyst", "manager", "director", "vp")
TIERS = ("foundational", "technical", "strategic")
CORE_IDS = (
    "crm_literacy", "spreadsheets", "documentation", "pipeline_reporting", "cross_team_communication",
    "sql", "bi_tools", "salesforce_admin", "comp_plan_design", "territory_quota_modeling",
    "gtm_model_design", "capacity_planning", "change_management", "board_narrative",
    "cross_functional_alignment", "forecasting", "deal_desk", "data_quality", "sales_tech_stack",
    "process_optimization",
)
BACKGROUND_IDS = ("business_analyst", "crm_admin", "marketing_ops", "fpa", "sales_analyst", "former_rep")


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Band:
    """A level's pay band: base salary range plus the bonus range, with where the figures come from."""

    min: int
    max: int
    currency: str
    open_ended: bool
    bonus_min_pct: float
    bonus_max_pct: float
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    rank: int
    titles: tuple[str, ...]
    years_min: float
    years_max: float | None
    band: Band
    theme: str
    focus_pillars: tuple[str, ...]
    responsibilities: tuple[str, ...]
    owns: str
    not_yet: tuple[str, ...]
    scope_statements: tuple[str, ...]

    def years_fit(self, years: float) -> bool:
        """Whether ``years`` of experience falls in this level's range."""
        return years >= self.years_min and (self.years_max is None or years <= self.years_max)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["band"] = self.band.to_dict()
        return d


@dataclass(frozen=True)
class Ladder:
    version: str
    source: str
    currency: str
    pillars: tuple[Pillar, ...]
    levels: tuple[Level, ...]

    def get(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def next(self, level_id: str) -> Level | None:
        """The level above ``level_id``, or None at the top."""
        rank = self.get(level_id).rank
        return self.levels[rank + 1] if rank + 1 < len(self.levels) else None

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    tier: str
    pillar: str
    parent: str | None
    expected_from: str
    weight: float
    aliases: tuple[str, ...]
    cased_aliases: tuple[str, ...]
    evidence: tuple[str, ...]
    refs: tuple[tuple[str, str], ...]

    @property
    def core_id(self) -> str:
        """The core skill this one counts as (itself for a core skill)."""
        return self.parent or self.id

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["refs"] = dict(self.refs)
        return d


@dataclass(frozen=True)
class Taxonomy:
    version: str
    attribution: tuple[str, ...]
    skills: tuple[Skill, ...]
    sales_tools: tuple[str, ...] = ()
    not_skills: tuple[str, ...] = ()

    def get(self, skill_id: str) -> Skill | None:
        return self._by_id.get(skill_id)

    @functools.cached_property
    def _by_id(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    def core(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.skills if s.parent is None)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills)

    def __len__(self) -> int:
        return len(self.skills)


@dataclass(frozen=True)
class Background:
    id: str
    name: str
    titles: tuple[str, ...]
    phrases: tuple[str, ...]
    strengths: tuple[str, ...]
    typical_gaps: tuple[str, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Backgrounds:
    version: str
    items: tuple[Background, ...]

    def get(self, background_id: str) -> Background | None:
        return next((b for b in self.items if b.id == background_id), None)

    def __iter__(self) -> Iterator[Background]:
        return iter(self.items)


class DataFile:
    """Reads one YAML file (a user's, or the bundled ``default``) into ``data``: a mapping with a
    ``version``; problems are reported as :class:`DataError` naming the file and the entry."""

    def __init__(self, path: str | os.PathLike[str] | None, default: str) -> None:
        if path is None:
            resource = importlib.resources.files("skillmatch.data").joinpath(default)
            self.name = f"skillmatch/data/{default}"
            text = resource.read_text(encoding="utf-8")
        else:
            self.name = os.fspath(path)
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except OSError as e:
                raise DataError(f"{self.name}: cannot read: {e.strerror or e}") from None
            except UnicodeDecodeError:
                raise DataError(f"{self.name}: not UTF-8 text") from None
        try:
            self.data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C parser: 6x faster
        except yaml.YAMLError as e:
            where = getattr(e, "problem_mark", None)
            at = f" (line {where.line + 1})" if where is not None else ""
            raise DataError(f"{self.name}: not valid YAML{at}") from None
        if not isinstance(self.data, dict):
            raise DataError(f"{self.name}: expected a mapping at the top level")
        if not self.data.get("version"):
            raise DataError(f"{self.name}: missing 'version'")

    def fail(self, entry: str, problem: str) -> DataError:
        return DataError(f"{self.name}: {entry}: {problem}")

    def entries(self, key: str) -> list[dict[str, Any]]:
        items = self.data.get(key)
        if not isinstance(items, list) or not items:
            raise DataError(f"{self.name}: '{key}' must be a non-empty list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise self.fail(f"{key}[{i}]", "each entry needs a string 'id'")
        ids = [item["id"] for item in items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise self.fail(key, f"duplicate id {dupes[0]!r}")
        return items

    @staticmethod
    def strings(item: dict[str, Any], key: str, entry: str, reader: DataFile, *, required: bool = True
                ) -> tuple[str, ...]:
        value = item.get(key, [] if not required else None)
        if value is None:
            raise reader.fail(entry, f"missing '{key}'")
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise reader.fail(entry, f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    def pattern(self, value: Any, entry: str, flags: int = 0) -> re.Pattern[str]:
        """``value`` compiled as a regular expression; a bad one names the file, the entry and the error."""
        try:
            return re.compile(value, flags)
        except re.error as e:
            raise self.fail(entry, f"bad pattern {value!r}: {e}") from None

    def text(self, item: dict[str, Any], key: str, entry: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(entry, f"missing or empty '{key}'")
        return value


def _number(reader: DataFile, value: Any, entry: str, what: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise reader.fail(entry, f"'{what}' must be a number")
    return float(value)


def _parse_ladder(reader: DataFile) -> Ladder:
    pillars = tuple(
        Pillar(p["id"], reader.text(p, "name", f"pillars[{p['id']}]"), str(p.get("description", "")))
        for p in reader.entries("pillars")
    )
    pillar_ids = {p.id for p in pillars}
    currency = str(reader.data.get("currency", "USD"))
    source = str(reader.data.get("source", ""))
    levels = []
    items = reader.entries("levels")
    if tuple(item["id"] for item in items) != LEVEL_IDS:
        raise reader.fail("levels", f"must be exactly {', '.join(LEVEL_IDS)} in that order")
    for rank, item in enumerate(items):
        entry = f"levels[{item['id']}]"
        years = item.get("years") or {}
        base = item.get("base") or {}
        bonus = item.get("bonus_pct") or {}
        years_min = _number(reader, years.get("min"), entry, "years.min")
        years_max = _number(reader, years.get("max"), entry, "years.max", optional=True)
        base_min = _number(reader, base.get("min"), entry, "base.min")
        base_max = _number(reader, base.get("max"), entry, "base.max")
        assert years_min is not None and base_min is not None and base_max is not None
        if base_min > base_max:
            raise reader.fail(entry, "base.min is above base.max")
        if years_max is not None and years_min > years_max:
            raise reader.fail(entry, "years.min is above years.max")
        focus = DataFile.strings(item, "focus_pillars", entry, reader)
        unknown = [p for p in focus if p not in pillar_ids]
        if unknown:
            raise reader.fail(entry, f"focus pillar {unknown[0]!r} is not a pillar id")
        band = Band(
            min=int(base_min), max=int(base_max), currency=currency,
            open_ended=bool(base.get("open_ended", False)),
            bonus_min_pct=_number(reader, bonus.get("min", 0), entry, "bonus_pct.min") or 0.0,
            bonus_max_pct=_number(reader, bonus.get("max", 0), entry, "bonus_pct.max") or 0.0,
            source=source,
        )
        levels.append(Level(
            id=item["id"], name=reader.text(item, "name", entry), rank=rank,
            titles=DataFile.strings(item, "titles", entry, reader),
            years_min=years_min, years_max=years_max, band=band,
            theme=reader.text(item, "theme", entry), focus_pillars=focus,
            responsibilities=DataFile.strings(item, "responsibilities", entry, reader),
            owns=reader.text(item, "owns", entry),
            not_yet=DataFile.strings(item, "not_yet", entry, reader, required=False),
            scope_statements=DataFile.strings(item, "scope_statements", entry, reader),
        ))
    return Ladder(str(reader.data["version"]), source, currency, pillars, tuple(levels))


def _parse_taxonomy(reader: DataFile, pillar_ids: set[str]) -> Taxonomy:
    items = reader.entries("skills")
    ids = {item["id"] for item in items}
    skills = []
    seen_alias: dict[str, str] = {}
    for item in items:
        entry = f"skills[{item['id']}]"
        tier = item.get("tier")
        if tier not in TIERS:
            raise reader.fail(entry, f"tier {tier!r} is not one of {', '.join(TIERS)}")
        pillar = item.get("pillar")
        if pillar not in pillar_ids:
            raise reader.fail(entry, f"pillar {pillar!r} is not one of {', '.join(sorted(pillar_ids))}")
        parent = item.get("parent")
        if parent is not None and (parent not in ids or parent not in CORE_IDS):
            raise reader.fail(entry, f"parent {parent!r} is not a core skill id")
        if item["id"] in CORE_IDS and parent is not None:
            raise reader.fail(entry, "a core skill has no parent")
        if item["id"] not in CORE_IDS and parent is None:
            raise reader.fail(entry, "a skill that is not a core id must name its core skill in 'parent'")
        expected = item.get("expected_from")
        if expected not in LEVEL_IDS:
            raise reader.fail(entry, f"expected_from {expected!r} is not one of {', '.join(LEVEL_IDS)}")
        weight = _number(reader, item.get("weight", 1.0), entry, "weight") or 0.0
        if not 0 < weight <= 1:
            raise reader.fail(entry, "weight must be in (0, 1]")
        evidence = DataFile.strings(item, "evidence", entry, reader)
        if not 3 <= len(evidence) <= 10:
            raise reader.fail(entry, f"needs 3-10 evidence statements, has {len(evidence)}")
        aliases = DataFile.strings(item, "aliases", entry, reader, required=False)
        cased = DataFile.strings(item, "cased_aliases", entry, reader, required=False)
        for alias in (*aliases, *cased):
            key = alias.lower()
            if key in seen_alias and seen_alias[key] != item["id"]:
                raise reader.fail(entry, f"alias {alias!r} is also an alias of {seen_alias[key]!r}")
            seen_alias[key] = item["id"]
        refs = item.get("refs") or {}
        if not isinstance(refs, dict):
            raise reader.fail(entry, "'refs' must be a mapping")
        skills.append(Skill(
            id=item["id"], name=reader.text(item, "name", entry), tier=tier, pillar=pillar, parent=parent,
            expected_from=expected, weight=weight, aliases=aliases, cased_aliases=cased,
            evidence=evidence, refs=tuple((str(k), str(v)) for k, v in refs.items()),
        ))
    missing = [c for c in CORE_IDS if c not in ids]
    if missing:
        raise reader.fail("skills", f"missing core skill {missing[0]!r}")
    attribution = reader.data.get("attribution") or []
    sales_tools = DataFile.strings(reader.data, "sales_tools", "sales_tools", reader, required=False)
    unknown = [t for t in sales_tools if t.lower() not in seen_alias]
    if unknown:
        raise reader.fail("sales_tools", f"{unknown[0]!r} is not an alias of any skill")
    not_skills = DataFile.strings(reader.data, "not_skills", "not_skills", reader, required=False)
    return Taxonomy(str(reader.data["version"]), tuple(str(a) for a in attribution), tuple(skills),
                    sales_tools, not_skills)


def _parse_backgrounds(reader: DataFile, taxonomy: Taxonomy) -> Backgrounds:
    items = reader.entries("backgrounds")
    got = tuple(sorted(item["id"] for item in items))
    if got != tuple(sorted(BACKGROUND_IDS)):
        raise reader.fail("backgrounds", f"must be exactly {', '.join(BACKGROUND_IDS)}")
    result = []
    for item in items:
        entry = f"backgrounds[{item['id']}]"
        strengths = DataFile.strings(item, "strengths", entry, reader)
        gaps = DataFile.strings(item, "typical_gaps", entry, reader)
        for sid in (*strengths, *gaps):
            if taxonomy.get(sid) is None:
                raise reader.fail(entry, f"skill {sid!r} is not in the taxonomy")
        result.append(Background(
            id=item["id"], name=reader.text(item, "name", entry),
            titles=DataFile.strings(item, "titles", entry, reader),
            phrases=DataFile.strings(item, "phrases", entry, reader),
            strengths=strengths, typical_gaps=gaps, note=str(item.get("note", "")),
        ))
    return Backgrounds(str(reader.data["version"]), tuple(result))


PathArg = str | os.PathLike[str] | None


def _key(path: PathArg) -> str | None:
    return None if path is None else os.fspath(path)


@functools.lru_cache(maxsize=8)
def _ladder(path: str | None) -> Ladder:
    return _parse_ladder(DataFile(path, "ladder.yaml"))


@functools.lru_cache(maxsize=8)
def _taxonomy(path: str | None) -> Taxonomy:
    pillar_ids = {p.id for p in _ladder(None).pillars}
    return _parse_taxonomy(DataFile(path, "taxonomy.yaml"), pillar_ids)


@functools.lru_cache(maxsize=8)
def _backgrounds(path: str | None, taxonomy: str | None) -> Backgrounds:
    return _parse_backgrounds(DataFile(path, "backgrounds.yaml"), _taxonomy(taxonomy))


def load_ladder(path: PathArg = None) -> Ladder:
    """Load the career ladder (cached per path).

    Args:
        path: a ladder YAML file; the bundled ``ladder.yaml`` when None.
    """
    return _ladder(_key(path))


def load_taxonomy(path: PathArg = None) -> Taxonomy:
    """Load the skill taxonomy (cached per path).

    Args:
        path: a taxonomy YAML file; the bundled ``taxonomy.yaml`` when None.
    """
    return _taxonomy(_key(path))


def load_backgrounds(path: PathArg = None, taxonomy: PathArg = None) -> Backgrounds:
    """Load the adjacent backgrounds, checking their skill ids against the taxonomy.

    Args:
        path: a backgrounds YAML file; the bundled ``backgrounds.yaml`` when None.
        taxonomy: the taxonomy file the skill ids refer to; the bundled one when None.
    """
    return _backgrounds(_key(path), _key(taxonomy))
