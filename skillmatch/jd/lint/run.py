"""Lint a JD: read it, score its lines, run the checks, return a :class:`JDLint`."""

from __future__ import annotations

from ...embed import Embedder, get_embedder
from ...errors import DataError, InputError
from ...extract.mentions import extract_skills
from ...level.infer import infer_level, title_level
from ...nlp import memory_zone
from ...read.pay import parse_pay, parse_years
from ...taxonomy import LEVEL_IDS, Ladder, Taxonomy, load_ladder, load_taxonomy
from .checks import _check_lines, _check_pay, _check_skills, _check_title, _check_years
from .lines import _score_lines, content_text, find_title
from .model import SEVERITIES, JDLint
from .settings import load_lint_settings


def lint_jd(
    text: str,
    *,
    title: str | None = None,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
) -> JDLint:
    """Lint a job description: the level of the whole text and of each line, and what disagrees.

    Args:
        text: the JD as Markdown or plain text; finding line numbers count its lines from 1.
        title: the job title; when None, the first line is taken as the title if it is a Markdown
            ``# heading`` or a short line that is not a section heading.
        taxonomy: the skills; the bundled taxonomy when None.
        ladder: the ladder; the bundled one when None.
        embedder: the sentence encoder; the packaged model when None.

    Raises:
        InputError: the text is empty, or holds nothing but a title.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the job description is empty")
    ladder = ladder or load_ladder()
    taxonomy = taxonomy or load_taxonomy()
    embedder = embedder or get_embedder()
    # inside the spaCy memory zone shared with resume analyses, so that a zone closing in another
    # request never evicts strings this lint is still using
    with memory_zone(taxonomy):
        return _lint(text, title, taxonomy, ladder, embedder)


def _lint(text: str, title: str | None, taxonomy: Taxonomy, ladder: Ladder, embedder: Embedder) -> JDLint:
    settings = load_lint_settings()
    if tuple(ladder.ids) != LEVEL_IDS:
        raise DataError(f"the lint needs the levels {', '.join(LEVEL_IDS)}")

    lines = text.splitlines()
    title_line: int | None = None
    if title is not None and title.strip():
        title = " ".join(title.split())
        found = find_title(text)
        if found is not None and found[0].lower() == title.lower():
            title_line = found[1]
    else:
        found = find_title(text)
        title, title_line = found if found is not None else (None, None)
    content = content_text(text, title, title_line)
    if not content.strip():
        raise InputError("the job description has nothing but a title; paste the whole description")
    content_lines = content.splitlines()

    mentions = extract_skills(content, taxonomy=taxonomy, embedder=embedder)
    estimate = infer_level(content, mentions=mentions, ladder=ladder, taxonomy=taxonomy, embedder=embedder,
                           scope=False)
    title_lvl = title_level(title) if title else None
    ref = ladder.get(title_lvl or estimate.level)

    scored = _score_lines(lines, content_lines, ref, ladder, embedder, settings)
    years = parse_years(content)
    pay = parse_pay(content)
    findings = [
        *_check_title(estimate, title_lvl, title_line, title, lines, ladder, settings),
        *_check_lines(scored, ref, ladder, settings),
        *_check_years(years, lines, ref, ladder, settings),
        *_check_pay(pay, lines, ref, ladder, settings),
        *_check_skills(mentions, ref, ladder, taxonomy, settings),
    ]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.line is None, f.line or 0, order[f.severity], f.code))
    return JDLint(level=estimate, title=title, title_level=title_lvl, lines=tuple(s.level for s in scored),
                  findings=tuple(findings), years=years, pay=pay)
