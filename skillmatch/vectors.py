"""Statement vectors cached on disk: encoded once per (model weights, statement texts).

The taxonomy's evidence statements, the ladder's scope statements, the backgrounds' phrases and the
lint's "not yet responsible for" rows are the same in every process; encoding them is most of a cold
start's first-call cost. :class:`StatementStore` keeps them as numpy ``.npz`` files (no pickle) in
the user cache dir (``platformdirs.user_cache_dir("skillmatch")``, or ``$SKILLMATCH_CACHE_DIR``):

* one folder per model, named by a hash of the model's files (weights, tokenizer, config); that hash
  is computed once and remembered by (path, size, mtime) of every file in ``model_hashes.json``;
* one file per statement set, named by a hash of its texts, holding the vectors and each text's
  hash, so a file that does not match what is asked (corrupt, truncated, another set) is refused and
  rebuilt;
* written atomically (temporary file, then ``os.replace``): the folder is safe to delete at any time.

Only statements from the data files come here; a resume's sentences never do (they go through
:meth:`skillmatch.embed.Embedder.transient`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CACHE_ENV = "SKILLMATCH_CACHE_DIR"
FORMAT = 1  # bump when the file layout changes: older files are then ignored
_CHUNK = 1 << 20
_HASH_LOCK = threading.Lock()
_HASHES: dict[str, str] = {}  # this process's model hashes by file signature


def cache_dir() -> Path:
    """Where skillmatch keeps what it can rebuild: ``$SKILLMATCH_CACHE_DIR`` or the user cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("skillmatch"))


def texts_hash(texts: Sequence[str]) -> str:
    """A hash of an ordered list of texts (each length-prefixed, so joins cannot collide)."""
    h = hashlib.sha256(f"skillmatch-statements-v{FORMAT}\n".encode())
    for t in texts:
        b = t.encode("utf-8")
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _model_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _signature(path: Path, files: Sequence[Path]) -> str:
    """Path, size and mtime of every file: cheap to take, changes whenever a file does."""
    h = hashlib.sha256(str(path.resolve()).encode())
    for f in files:
        st = f.stat()
        h.update(f"{f.relative_to(path) if f != path else f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _content_hash(path: Path, files: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(str(f.relative_to(path) if f != path else f.name).encode() + b"\0")
        with f.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    return h.hexdigest()


def model_hash(path: str | os.PathLike[str], directory: Path | None = None) -> str:
    """A hash of the model's files (weights, tokenizer and config), read once per install.

    The hash is remembered in ``<cache dir>/model_hashes.json`` by the files' path, size and mtime, so
    later processes only ``stat`` the files.
    """
    path = Path(path)
    files = _model_files(path)
    signature = _signature(path, files)
    memo_path = (directory or cache_dir()) / "model_hashes.json"
    with _HASH_LOCK:
        memo = _read_json(memo_path)
        known = memo.get(signature)
        if isinstance(known, str) and len(known) == 64:
            return known
        digest = _HASHES.get(signature) or _content_hash(path, files)
        _HASHES[signature] = digest
        memo[signature] = digest
        with contextlib.suppress(OSError):
            _atomic_write(memo_path, json.dumps(memo, indent=1, sort_keys=True).encode())
        return digest


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temp_beside(path) as tmp:
        tmp.write_bytes(data)
        os.replace(tmp, path)


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[Path]:
    """A temporary file in ``path``'s folder (so ``os.replace`` is atomic), removed if left behind."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@dataclass
class StoreStats:
    """What a store did in this process (tests and benchmarks read it)."""

    hits: int = 0
    misses: int = 0
    refused: int = 0
    written: int = 0


class StatementStore:
    """Vectors of fixed statement sets for one model, as ``<dir>/<model hash>/<kind>-<texts hash>.npz``."""

    def __init__(self, directory: str | os.PathLike[str], model_key: str) -> None:
        self.root = Path(directory)
        self.model_key = model_key
        self.folder = self.root / "vectors" / model_key[:32]
        self.stats = StoreStats()

    def path_for(self, texts: Sequence[str], kind: str = "statements") -> Path:
        return self.folder / f"{kind}-{texts_hash(texts)[:32]}.npz"

    def load(self, texts: Sequence[str], kind: str = "statements") -> np.ndarray | None:
        """The cached vectors of ``texts`` in order, or None (absent, corrupt or not these texts)."""
        path = self.path_for(texts, kind)
        if not path.exists():
            self.stats.misses += 1
            return None
        try:
            with path.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
                vectors = np.asarray(data["vectors"])
                keys = np.asarray(data["keys"])
                model = str(data["model"])
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as e:
            log.debug("refusing cached vectors %s: %s", path, e)
            self.stats.refused += 1
            return None
        expected = np.asarray([_key(t) for t in texts], dtype="<U64")
        ok = (model == self.model_key and vectors.dtype == np.float32 and vectors.ndim == 2
              and vectors.shape[0] == len(texts) and keys.shape == expected.shape
              and bool(np.all(keys == expected)) and bool(np.isfinite(vectors).all()))
        if not ok:
            log.debug("refusing cached vectors %s: they are not these statements' vectors", path)
            self.stats.refused += 1
            return None
        self.stats.hits += 1
        return vectors

    def save(self, texts: Sequence[str], vectors: np.ndarray, kind: str = "statements") -> Path | None:
        """Write the vectors of ``texts`` atomically; None when the cache dir cannot be written."""
        path = self.path_for(texts, kind)
        keys = np.asarray([_key(t) for t in texts], dtype="<U64")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with _temp_beside(path) as tmp:
                with tmp.open("wb") as fh:
                    np.savez(fh, vectors=np.asarray(vectors, dtype=np.float32), keys=keys,
                             model=np.asarray(self.model_key))
                os.replace(tmp, path)
        except OSError as e:
            log.debug("cannot cache statement vectors in %s: %s", path.parent, e)
            return None
        self.stats.written += 1
        return path


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def statement_store(model_path: str | os.PathLike[str], directory: Path | None = None) -> StatementStore | None:
    """The store for the model at ``model_path`` in ``directory`` (:func:`cache_dir` when None); None
    when it cannot be used."""
    directory = directory or cache_dir()
    try:
        return StatementStore(directory, model_hash(model_path, directory))
    except OSError as e:
        log.debug("no statement cache: %s", e)
        return None
