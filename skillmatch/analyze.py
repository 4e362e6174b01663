"""``analyze_resume``: a resume in, a :class:`Report` out."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from .embed import Embedder, get_embedder
from .extract.mentions import extract_skills, unit_texts
from .level.infer import infer_level, scope_texts
from .match import (
    background_candidates,
    detect_background,
    found_cores,
    level_fits,
    pay_band,
    pillar_coverage,
    rank_gaps,
    settle_background,
)
from .nlp import memory_zone
from .read.document import Document, read_document
from .report.model import ListingMatch, Report, group_mentions
from .report.rules import drop_role_relations, too_little_evidence
from .taxonomy import Backgrounds, Ladder, Taxonomy, load_backgrounds, load_ladder, load_taxonomy

if TYPE_CHECKING:
    from .match import MarketPay


class ListingSource(Protocol):
    """What the report reads from a listings database (:class:`skillmatch.listings.store.Store`)."""

    def skill_demand(self, level: str) -> dict[str, float]: ...

    def market_pay(self, level: str) -> MarketPay | None: ...

    def best_listings(self, skill_ids: Iterable[str], level: str, limit: int = 5) -> Sequence[tuple[object, float]]:
        ...


class _ModelFreeze:
    """Python's cyclic garbage collector stops walking the models' objects: once they are loaded (by a
    first analysis), the next analysis to start while none is in flight collects and moves every object
    alive to the collector's permanent generation (``gc.freeze``), once per process.

    The models hold half a million objects; each full collection an analysis sets off walked all of
    them (measured on 24 real PDFs, interleaved: 1.12x and 1.36x the raw encode with the collector on,
    1.19x and 1.24x with it off during analyses, 1.03x and 1.14x frozen). After the freeze the collector
    stays on: an analysis' own cyclic garbage (and any resume text in it) is collected as it always was,
    and nothing of a resume is frozen, since none is being read when the freeze is made (a ``Document``
    handed in is alive, but holds no cycle: freed by its last reference as before). Before it (the
    models loading inside a cold process's first analysis) the collector is held off.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._paused = 0  # analyses running before the freeze, with the collector held off
        self._owned = False  # whether the collector was on when the first of them came in
        self.done = False

    @contextlib.contextmanager
    def __call__(self, loaded: bool) -> Iterator[None]:
        with self._lock:
            if loaded and not self.done and self._users == 0:
                gc.collect()
                gc.freeze()
                self.done = True
            # before the freeze (a cold process: the models load inside the first analysis) the collector
            # is held off, as it would walk the models' objects while they are made; the last of those
            # analyses out collects the young generations, which hold all it made (and any resume text)
            pause = not self.done
            if pause:
                if self._paused == 0:
                    self._owned = gc.isenabled()
                    gc.disable()
                self._paused += 1
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if pause:
                    self._paused -= 1
                    if self._paused == 0 and self._owned:
                        gc.collect(1)
                        gc.enable()


_model_freeze = _ModelFreeze()


def _demand(store: ListingSource | None, level: str, taxonomy: Taxonomy) -> dict[str, float] | None:
    """Share of stored listings at ``level`` asking for each core skill (0 for the others); None without any."""
    demand = store.skill_demand(level) if store is not None else {}
    return {s.id: 0.0 for s in taxonomy.core()} | demand if demand else None


def analyze_resume(
    source: str | os.PathLike[str] | bytes | Document,
    *,
    taxonomy_path: str | os.PathLike[str] | None = None,
    ladder_path: str | os.PathLike[str] | None = None,
    backgrounds_path: str | os.PathLike[str] | None = None,
    store: ListingSource | None = None,
) -> Report:
    """Read a resume and say where it stands.

    Args:
        source: a path, the file's bytes, or a :class:`Document` already read.
        taxonomy_path: a taxonomy file of your own (the bundled one when None).
        ladder_path: a ladder file of your own.
        backgrounds_path: a backgrounds file of your own.
        store: a listings database: gaps are ranked by how often its listings at the level ask for
            them, the band gets the observed market pay, and the report lists the best-fitting listings.
    """
    taxonomy = load_taxonomy(taxonomy_path)
    ladder = load_ladder(ladder_path)
    backgrounds = load_backgrounds(backgrounds_path, taxonomy_path)
    embedder = get_embedder()
    # nothing of the resume outlives the call: its sentences leave the encoding cache and its words
    # spaCy's string store when the report is made (tests/test_privacy.py)
    with _model_freeze(embedder.loaded), memory_zone(taxonomy), embedder.transient():
        document = source if isinstance(source, Document) else read_document(source)
        return _analyze(document, taxonomy, ladder, backgrounds, embedder, store)


def _analyze(document: Document, taxonomy: Taxonomy, ladder: Ladder, backgrounds: Backgrounds,
             embedder: Embedder, store: ListingSource | None) -> Report:
    # every sentence the stages below encode, in one batch: each stage then reads the cache
    lines = document.text.splitlines()
    embedder.encode(list(dict.fromkeys([*unit_texts(document.text, resume=True), *scope_texts(document.text),
                                        *(t for _, t in background_candidates(lines))])))
    # working with a role ("worked with the Salesforce administrator") is not evidence of being one
    mentions = drop_role_relations(extract_skills(document.text, taxonomy=taxonomy, embedder=embedder, resume=True),
                                   taxonomy)
    estimate = infer_level(document.text, mentions=mentions, ladder=ladder, taxonomy=taxonomy, embedder=embedder,
                           document=document)
    skills = group_mentions(mentions, taxonomy)
    note = too_little_evidence(estimate.sentences, estimate.thin, len(skills))
    if note is not None:  # no level, no band, no gaps: nothing to claim them from
        return Report(skills=skills, model=embedder.model_id, taxonomy_version=taxonomy.version,
                      document=document.to_dict(), pillars=pillar_coverage(mentions, taxonomy, ladder),
                      listings=() if store is not None else None, evidence_note=note)
    background = detect_background(document, backgrounds, ladder, embedder=embedder)
    nxt = ladder.next(estimate.level)
    level = estimate.level
    demand = _demand(store, level, taxonomy)
    demand_next = _demand(store, nxt.id, taxonomy) if nxt else None
    matches = None
    if store is not None:
        cores = sorted(found_cores(mentions, taxonomy)) + sorted({m.skill_id for m in mentions})
        matches = tuple(ListingMatch.from_stored(x, fit) for x, fit in store.best_listings(cores, level))
    gaps_current = tuple(rank_gaps(mentions, level, taxonomy, background=background, listing_demand=demand))
    gaps_next = tuple(rank_gaps(mentions, nxt.id, taxonomy, only_new=True, background=background,
                                listing_demand=demand_next)) if nxt else ()
    return Report(
        skills=skills,
        model=embedder.model_id,
        taxonomy_version=taxonomy.version,
        document=document.to_dict(),
        estimate=estimate,
        levels=tuple(level_fits(mentions, estimate, ladder, taxonomy)),
        gaps_current=gaps_current,
        gaps_next=gaps_next,
        next_level=nxt.id if nxt else None,
        # its typical gaps the person shows become strengths; a gap is never also a strength
        background=settle_background(background, mentions, gaps_current + gaps_next, taxonomy),
        band=pay_band(level, ladder, market=store.market_pay(level) if store is not None else None),
        pillars=pillar_coverage(mentions, taxonomy, ladder),
        listings=matches,
    )
