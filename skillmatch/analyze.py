"""``analyze_resume``: a resume in, a :class:`Report` out."""

from __future__ import annotations

import os

from .documents import Document, read_document
from .embed import get_embedder
from .extract import extract_skills, unit_texts
from .ladder import infer_level, scope_texts
from .match import (
    background_candidates,
    detect_background,
    level_fits,
    pay_band,
    pillar_coverage,
    rank_gaps,
)
from .report import Report, group_mentions
from .taxonomy import load_backgrounds, load_ladder, load_taxonomy


def analyze_resume(
    source: str | os.PathLike[str] | bytes | Document,
    *,
    taxonomy_path: str | os.PathLike[str] | None = None,
    ladder_path: str | os.PathLike[str] | None = None,
    backgrounds_path: str | os.PathLike[str] | None = None,
) -> Report:
    """Read a resume and say where it stands.

    Args:
        source: a path, the file's bytes, or a :class:`Document` already read.
        taxonomy_path: a taxonomy file of your own (the bundled one when None).
        ladder_path: a ladder file of your own.
        backgrounds_path: a backgrounds file of your own.
    """
    document = source if isinstance(source, Document) else read_document(source)
    taxonomy = load_taxonomy(taxonomy_path)
    ladder = load_ladder(ladder_path)
    backgrounds = load_backgrounds(backgrounds_path, taxonomy_path)
    embedder = get_embedder()
    # every sentence the stages below encode, in one batch: each stage then reads the cache
    lines = document.text.splitlines()
    embedder.encode(list(dict.fromkeys([*unit_texts(document.text), *scope_texts(document.text),
                                        *(t for _, t in background_candidates(lines))])))
    mentions = extract_skills(document.text, taxonomy=taxonomy, embedder=embedder)
    estimate = infer_level(document.text, mentions=mentions, ladder=ladder, taxonomy=taxonomy, embedder=embedder)
    background = detect_background(document, backgrounds, ladder, embedder=embedder)
    nxt = ladder.next(estimate.level)
    return Report(
        skills=group_mentions(mentions, taxonomy),
        model=str(embedder.path),
        taxonomy_version=taxonomy.version,
        document=document.to_dict(),
        estimate=estimate,
        levels=tuple(level_fits(mentions, estimate, ladder, taxonomy)),
        gaps_current=tuple(rank_gaps(mentions, estimate.level, taxonomy, background=background)),
        gaps_next=tuple(rank_gaps(mentions, nxt.id, taxonomy, only_new=True, background=background)) if nxt else (),
        next_level=nxt.id if nxt else None,
        background=background,
        band=pay_band(estimate.level, ladder),
        pillars=pillar_coverage(mentions, taxonomy, ladder),
    )
