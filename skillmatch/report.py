"""Report dataclasses and their renderings: JSON (documented schema), Markdown, plain text, HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .extract import SkillMention
from .taxonomy import Taxonomy


@dataclass(frozen=True)
class Evidence:
    text: str
    line: int
    method: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "method": self.method, "score": self.score}


@dataclass(frozen=True)
class SkillFinding:
    """A skill the document shows, with every line that shows it."""

    id: str
    name: str
    tier: str
    pillar: str
    core_id: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "tier": self.tier, "pillar": self.pillar,
                "core_id": self.core_id, "evidence": [e.to_dict() for e in self.evidence]}


def group_mentions(mentions: Sequence[SkillMention], taxonomy: Taxonomy) -> tuple[SkillFinding, ...]:
    """One finding per skill, in taxonomy order, evidence in line order."""
    by_skill: dict[str, list[Evidence]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(Evidence(m.text, m.line, m.method, m.score))
    findings = []
    for skill in taxonomy:
        if skill.id in by_skill:
            evidence = tuple(sorted(by_skill[skill.id], key=lambda e: e.line))
            findings.append(SkillFinding(skill.id, skill.name, skill.tier, skill.pillar, skill.core_id, evidence))
    return tuple(findings)


@dataclass(frozen=True)
class Report:
    """What skillmatch says about one resume. ``to_dict()`` is the documented JSON schema."""

    skills: tuple[SkillFinding, ...]
    model: str
    taxonomy_version: str
    document: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.extra,
            "skills": [s.to_dict() for s in self.skills],
            "document": self.document,
            "model": self.model,
            "taxonomy_version": self.taxonomy_version,
        }


def _evidence_lines(finding: SkillFinding, limit: int = 3) -> list[str]:
    return [f"line {e.line}: {e.text.strip()}" for e in finding.evidence[:limit]]


def to_markdown(report: Report) -> str:
    out = ["# skillmatch report", "", f"Skills found: {len(report.skills)}", "", "## Skills", ""]
    for s in report.skills:
        out.append(f"- **{s.name}** ({s.tier})")
        out.extend(f"  - {line}" for line in _evidence_lines(s))
    out += ["", f"_Model: {report.model}; taxonomy {report.taxonomy_version}_", ""]
    return "\n".join(out)


def to_text(report: Report) -> str:
    out = [f"Skills found: {len(report.skills)}"]
    for s in report.skills:
        out.append(f"  {s.name} [{s.tier}]")
        out.extend(f"      {line}" for line in _evidence_lines(s, 2))
    return "\n".join(out) + "\n"


def to_html(report: Report) -> str:
    """One self-contained HTML page, no script."""
    esc = html.escape
    items = []
    for s in report.skills:
        lines = "".join(f"<li><span class=ln>line {e.line}</span> {esc(e.text.strip())}</li>" for e in s.evidence)
        items.append(f"<li><strong>{esc(s.name)}</strong> <em>{esc(s.tier)}</em><ul>{lines}</ul></li>")
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>skillmatch report</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        ".ln{color:#555;font-size:.85em}</style>"
        f"<h1>skillmatch report</h1><h2>Skills ({len(report.skills)})</h2><ul>{''.join(items)}</ul>"
        f"<p><small>Model {esc(report.model)}; taxonomy {esc(report.taxonomy_version)}</small></p></html>\n"
    )
