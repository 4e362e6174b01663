"""Score many listings: a pure function of a batch, run here or on a Dask cluster, written to the store.

:func:`score_batch` turns listings into :class:`ScoreRow` values and touches nothing else: the same
function runs in this process (``engine="local"``) or on Dask workers (``engine="dask"``: a
``LocalCluster`` by default, or the scheduler given), and both give the same rows.

:func:`run_scoring` streams the listings that have no score for the current taxonomy version and model
(or a stale one: the listing changed, or the ladder did) from the store, a batch at a time, scores each
batch, and writes its rows and new sentence encodings in one transaction. Scores are upserts keyed on
(listing id, taxonomy version, model id), so a run killed half-way loses at most the batches in flight
and the next run carries on where it stopped, without duplicating a row. Encodings are cached in the
store's ``embeddings`` table, so scoring the same sentences again skips the model.

A listing that cannot be scored (empty text, say) does not stop the run: its batch is scored again one
listing at a time, the others get their rows, and it is recorded in the store's ``score_failures`` with its
reason (:attr:`RunResult.failed`); later runs skip it until it changes, the ladder changes, or ``rescore``.
Only one scoring run goes on per database: a second one is refused (:class:`skillmatch.listings.store.RunConflict`).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..embed import Embedder, get_embedder, one_blas_thread, text_key
from ..errors import InputError, ModelError
from ..taxonomy import Ladder, Taxonomy, load_ladder, load_taxonomy
from .score import ScoreRow, SkillRow, score_row

if TYPE_CHECKING:
    from ..read.listing import Listing
    from .store import Store

__all__ = ["ScoreRow", "SkillRow", "run_scoring", "score_batch", "score_batch_safe", "score_task"]

ENGINES = ("local", "dask")
BATCH_SIZE = 64


class MemoryCache:
    """A :class:`skillmatch.embed.VectorCache` in memory: known vectors in, new vectors collected.

    Args:
        known: text key -> vector, already encoded (e.g. read from the store by the caller).
    """

    def __init__(self, known: Mapping[str, np.ndarray] | None = None) -> None:
        self.known: dict[str, np.ndarray] = dict(known or {})
        self.new: dict[str, np.ndarray] = {}

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self.known[k] for k in keys if k in self.known}

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        self.known.update(items)
        self.new.update(items)


class _StoreReader(MemoryCache):
    """Reads through to the store; new vectors are kept for the batch's write transaction."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found = super().get_many(model_id, keys)
        rest = [k for k in keys if k not in found]
        if rest:
            stored = self.store.get_many(model_id, rest)
            self.known.update(stored)
            found.update(stored)
        return found


def index_texts(taxonomy: Taxonomy, ladder: Ladder) -> list[str]:
    """The statements the skill and scope indexes encode once per process (taxonomy evidence and "not a
    skill" statements, ladder scope statements without level words): cached in the store too, so a
    process whose listings are all cached never loads the model."""
    from ..level.infer import strip_level_words

    rows = [statement for skill in taxonomy for statement in skill.evidence]
    rows += list(taxonomy.not_skills)
    for i, level in enumerate(ladder.levels):
        below = ladder.levels[i - 1].not_yet if i > 0 else ()
        rows += [strip_level_words(x) for x in (*level.scope_statements, *level.responsibilities, *below)]
    return list(dict.fromkeys(rows))


def batch_texts(listings: Iterable[Listing]) -> list[str]:
    """Every sentence scoring ``listings`` encodes (skill units; scoring skips the scope units), each once."""
    from ..extract.mentions import unit_texts

    out: dict[str, None] = {}
    for listing in listings:
        out.update(dict.fromkeys(unit_texts(listing.text)))
    return list(out)


def score_batch(
    listings: Sequence[Listing],
    *,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
    cache: MemoryCache | None = None,
) -> list[ScoreRow]:
    """Score a batch of listings: listings in, rows out, nothing else touched.

    Every sentence of the batch is encoded in one call to the model first (cached ones skipped), then
    each listing is scored with :func:`skillmatch.listings.score.score_listing` from those encodings. Call
    :func:`warm_indexes` first with the same cache, and a batch whose sentences are all cached never
    loads the model.

    Args:
        listings: the batch.
        taxonomy: the bundled taxonomy when None.
        ladder: the bundled ladder when None.
        embedder: the process's embedder when None.
        cache: encodings known already; new encodings are added to it (``cache.new``).

    Returns:
        One row per listing, in order.
    """
    from .score import score_listing

    taxonomy = taxonomy or load_taxonomy()
    ladder = ladder or load_ladder()
    embedder = embedder or get_embedder()
    _encode_cached(embedder, batch_texts(listings), cache)
    one_blas_thread()  # also when every encoding comes from the cache and the model never loads
    return [score_row(score_listing(x, taxonomy=taxonomy, ladder=ladder, embedder=embedder, cache=cache), taxonomy,
                 ladder, embedder.model_id) for x in listings]


def score_batch_safe(
    listings: Sequence[Listing],
    *,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    embedder: Embedder | None = None,
    cache: MemoryCache | None = None,
) -> tuple[list[ScoreRow], dict[str, str]]:
    """:func:`score_batch`, but a listing that cannot be scored (empty text, say) is left out.

    The batch is scored in one go; when that fails, each listing is scored on its own, so the good ones
    still get their rows. A missing model (:class:`ModelError`) is not a listing's fault and is raised.

    Returns:
        The rows of the listings that could be scored, in order, and listing id -> a one-line reason for
        each one that could not.
    """
    try:
        return score_batch(listings, taxonomy=taxonomy, ladder=ladder, embedder=embedder, cache=cache), {}
    except ModelError:
        raise
    except Exception:  # noqa: BLE001 - find out which listing it was, one at a time
        if len(listings) == 1:
            return [], {listings[0].id: _reason(sys.exc_info()[1])}
    rows: list[ScoreRow] = []
    failures: dict[str, str] = {}
    for listing in listings:
        try:
            rows += score_batch([listing], taxonomy=taxonomy, ladder=ladder, embedder=embedder, cache=cache)
        except ModelError:
            raise
        except Exception as e:  # noqa: BLE001 - recorded with its reason, the run goes on
            failures[listing.id] = _reason(e)
    return rows, failures


def _reason(e: BaseException | None) -> str:
    """One line that says why a listing could not be scored (never a traceback)."""
    if e is None:
        return "unknown error"
    text = " ".join(str(e).split())[:300]
    if isinstance(e, InputError):
        return text or "the listing cannot be read"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def warm_indexes(embedder: Embedder, taxonomy: Taxonomy, ladder: Ladder, cache: MemoryCache) -> None:
    """Encode the skill and scope index statements through ``cache`` (see :func:`index_texts`)."""
    _encode_cached(embedder, index_texts(taxonomy, ladder), cache)


def _encode_cached(embedder: Embedder, texts: Sequence[str], cache: MemoryCache | None) -> None:
    """Encode ``texts`` in one call (cached ones skipped); ``cache`` ends up knowing all of them."""
    if texts:
        vectors = embedder.encode(texts, store=cache)
        if cache is not None:
            # the embedder's memory answers first: make sure the cache gets those encodings too
            keys = [text_key(t) for t in texts]
            unknown = {k for k in keys if k not in cache.known}
            if unknown:
                have = cache.get_many(embedder.model_id, sorted(unknown))
                new = {k: v for k, v in zip(keys, vectors, strict=True) if k in unknown and k not in have}
                cache.put_many(embedder.model_id, new)


def score_task(
    listings: Sequence[Listing],
    known: Mapping[str, np.ndarray],
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    index_known: Mapping[str, np.ndarray] | None = None,
) -> tuple[list[ScoreRow], str, dict[str, np.ndarray], dict[str, str]]:
    """What a Dask worker runs: :func:`score_batch_safe` with the encodings the store already has.

    Args:
        listings: the batch.
        known: cached encodings of the batch's sentences.
        taxonomy: the driver's taxonomy (the bundled one when None).
        ladder: the driver's ladder.
        index_known: cached encodings of :func:`index_texts` (sent once to every worker).

    Returns:
        The rows, the worker's model id, the encodings it computed (to cache in the store), and the
        listings that could not be scored (id -> reason).
    """
    embedder = get_embedder()
    cache = MemoryCache({**(index_known or {}), **known})
    warm_indexes(embedder, taxonomy or load_taxonomy(), ladder or load_ladder(), cache)
    rows, failures = score_batch_safe(listings, taxonomy=taxonomy, ladder=ladder, embedder=embedder, cache=cache)
    return rows, embedder.model_id, cache.new, failures


@dataclass(frozen=True)
class RunResult:
    """What a scoring run did."""

    run_id: int
    engine: str
    scored: int
    pending: int
    batches: int
    seconds: float
    model_id: str
    taxonomy_version: str
    failed: tuple[tuple[str, str], ...] = ()
    """(listing id, reason) for each listing this run could not score."""

    @property
    def per_second(self) -> float:
        return self.scored / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "engine": self.engine, "scored": self.scored, "pending": self.pending,
                "batches": self.batches, "seconds": round(self.seconds, 3),
                "listings_per_second": round(self.per_second, 3), "model_id": self.model_id,
                "taxonomy_version": self.taxonomy_version,
                "failed": [{"listing_id": i, "reason": r} for i, r in self.failed]}


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="listing", desc="scoring", file=sys.stderr,
                disable=not enabled or not sys.stderr.isatty())


def run_scoring(
    store: Store,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool = True,
    rescore: bool = False,
    taxonomy: Taxonomy | None = None,
    ladder: Ladder | None = None,
    workers: int | None = None,
    include_other: bool | None = None,
) -> RunResult:
    """Score every listing of ``store`` that has no up-to-date score, and write the rows.

    Listings outside the sales-ops families (:mod:`skillmatch.listings.relevance`) are left unscored unless
    ``include_other`` (:attr:`Store.include_other` when None); scored, they get their skills and the
    ladder's reading, but no level.

    Args:
        store: the listings database.
        engine: "local" (this process) or "dask".
        scheduler: with "dask", the address of a running scheduler (``tcp://host:8786``); a
            ``LocalCluster`` is started (and stopped) when None.
        batch_size: listings per batch (per transaction, per Dask task).
        progress: show a progress bar on stderr (only when stderr is a terminal).
        rescore: score every listing again, even those with an up-to-date score.
        taxonomy: the bundled taxonomy when None.
        ladder: the bundled ladder when None.
        workers: with a LocalCluster, how many worker processes (default: up to 2).
        include_other: also score listings outside the sales-ops families.

    Raises:
        InputError: an unknown engine or a batch size below 1.
        ModelError: the model is not installed, or Dask workers use another model than this machine.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if batch_size < 1:
        raise InputError("the batch size must be at least 1")
    tax = taxonomy or load_taxonomy()
    lad = ladder or load_ladder()
    model_id = get_embedder().model_id
    run_id = store.start_run("score", engine=engine, taxonomy_version=tax.version, model_id=model_id,
                             args={"batch_size": batch_size, "rescore": rescore, "scheduler": scheduler,
                                   "include_other": bool(include_other)},
                             exclusive=True)
    versions: dict[str, Any] = {"taxonomy_version": tax.version, "ladder_version": lad.version,
                                "model_id": model_id, "rescore_run": run_id if rescore else None,
                                "include_other": store.include_other if include_other is None else include_other}
    pending = store.count_pending(**versions)
    started = time.perf_counter()
    counts = {"scored": 0, "batches": 0}
    failed: dict[str, str] = {}
    status = "failed"
    try:
        with _progress(pending, progress) as bar:
            if not pending:
                pass  # nothing to score: no model, no cluster
            elif engine == "local":
                _run_local(store, versions, batch_size, tax, lad, run_id, counts, failed, bar)
            else:
                _run_dask(store, versions, batch_size, tax, lad, run_id, counts, failed, bar, scheduler, workers)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(run_id, status=status, counts={**counts, "pending": pending, "failed": len(failed)})
    return RunResult(run_id, engine, counts["scored"], pending, counts["batches"], time.perf_counter() - started,
                     model_id, tax.version, tuple(failed.items()))


def _pages(store: Store, versions: Mapping[str, Any], batch_size: int) -> Iterable[list[tuple[int, str, Listing]]]:
    after = 0
    while True:
        page = store.pending(**versions, after=after, limit=batch_size)
        if not page:
            return
        after = page[-1][0]
        yield page


def _record(store: Store, versions: Mapping[str, Any], run_id: int, failures: Mapping[str, str],
            hashes: Mapping[str, str], failed: dict[str, str]) -> None:
    if failures:
        store.record_failures(failures, hashes=hashes, taxonomy_version=versions["taxonomy_version"],
                              ladder_version=versions["ladder_version"], model_id=versions["model_id"], run_id=run_id)
        failed.update(failures)


def _run_local(store: Store, versions: Mapping[str, Any], batch_size: int, tax: Taxonomy, lad: Ladder,
               run_id: int, counts: dict[str, int], failed: dict[str, str], bar: Any) -> None:
    embedder = get_embedder()
    for i, page in enumerate(_pages(store, versions, batch_size)):
        if i == 0:  # nothing to score, no model
            reader = _StoreReader(store)
            warm_indexes(embedder, tax, lad, reader)
            store.put_many(embedder.model_id, reader.new)
        listings = [x for _, _, x in page]
        cache = _StoreReader(store)
        rows, failures = score_batch_safe(listings, taxonomy=tax, ladder=lad, embedder=embedder, cache=cache)
        hashes = {x.id: h for _, h, x in page}
        store.write_scores(rows, hashes=hashes, run_id=run_id, vectors={embedder.model_id: cache.new})
        _record(store, versions, run_id, failures, hashes, failed)
        counts["scored"] += len(rows)
        counts["batches"] += 1
        bar.update(len(page))


def _run_dask(store: Store, versions: Mapping[str, Any], batch_size: int, tax: Taxonomy, lad: Ladder,
              run_id: int, counts: dict[str, int], failed: dict[str, str], bar: Any, scheduler: str | None,
              workers: int | None) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ModelError("the dask engine needs dask.distributed: pip install 'skillmatch[dask]'") from None
    model_id = versions["model_id"]
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as e:  # unreachable, refused or a malformed address
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    else:
        n = workers or max(1, min(2, os.cpu_count() or 1))
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        index_keys = [text_key(t) for t in index_texts(tax, lad)]
        index_known = store.get_many(model_id, index_keys)
        tax_f, lad_f, index_f = client.scatter([tax, lad, index_known], broadcast=True)
        index_complete = len(index_known) == len(set(index_keys))
        pages = iter(_pages(store, versions, batch_size))
        hashes: dict[Any, dict[str, str]] = {}

        def submit() -> Any:
            page = next(pages, None)
            if page is None:
                return None
            listings = [x for _, _, x in page]
            known: dict[str, np.ndarray] = {}
            if store.has_embeddings(model_id):
                known = store.get_many(model_id, [text_key(t) for t in batch_texts(listings)])
            future = client.submit(score_task, listings, known, tax_f, lad_f, index_f, pure=False)
            hashes[future.key] = {x.id: h for _, h, x in page}
            return future

        first = [f for f in (submit() for _ in range(slots)) if f is not None]
        queue = as_completed(first)
        for future in queue:
            rows, worker_model, new, failures = future.result()
            if worker_model != model_id:
                raise ModelError(f"the Dask workers use the model {worker_model}, this machine {model_id}: "
                                 "install the same model everywhere")
            page_hashes = hashes.pop(future.key)
            store.write_scores(rows, hashes=page_hashes, run_id=run_id, vectors={model_id: new})
            _record(store, versions, run_id, failures, page_hashes, failed)
            if not index_complete:  # the workers encoded the index statements: send them along from now on
                index_known = store.get_many(model_id, index_keys)
                index_complete = len(index_known) == len(set(index_keys))
                index_f = client.scatter([index_known], broadcast=True)[0]
            counts["scored"] += len(rows)
            counts["batches"] += 1
            bar.update(len(page_hashes))
            nxt = submit()
            if nxt is not None:
                queue.add(nxt)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
