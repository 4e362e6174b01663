"""Cold start: statement vectors cached on disk per (model, statements), pipelines built once, nothing
heavy at import time. Every test points ``SKILLMATCH_CACHE_DIR`` at its own tmp dir."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from skillmatch.embed import Embedder, get_embedder
from skillmatch.extract.mentions import SkillIndex, unit_texts
from skillmatch.taxonomy import load_taxonomy
from skillmatch.vectors import CACHE_ENV, StatementStore, model_hash

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    return directory


def fresh() -> Embedder:
    """A new embedder, as a new process would have: empty memory, no store opened. It shares the
    loaded model (the real one) so the test does not load it again; ``encoded`` counts its encodes."""
    shared = get_embedder()
    embedder = Embedder(shared.path)
    embedder._model = shared.model
    return embedder


def vector_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("vectors/*/*.npz"))


def test_written_then_reused_by_a_second_embedder(cache):
    taxonomy = load_taxonomy()
    first = fresh()
    built = SkillIndex(taxonomy, first)
    rows = len(built.vectors)
    assert first.encoded == rows > 100
    [path] = vector_files(cache)
    assert path.name.startswith("skills-")
    assert not list(path.parent.glob(".*.tmp"))  # written atomically: no temporary file left

    second = fresh()
    again = SkillIndex(taxonomy, second)
    assert second.encoded == 0  # the model encoded nothing: every row came from disk
    assert second.statements is not None and second.statements.stats.hits == 1
    np.testing.assert_array_equal(again.vectors, built.vectors)
    with np.load(path, allow_pickle=False) as data:
        assert data["vectors"].dtype == np.float32 and data["vectors"].shape == built.vectors.shape


def statements() -> list[str]:
    """A dozen of the taxonomy's evidence statements: a small set keeps these tests quick."""
    return [s for skill in load_taxonomy() for s in skill.evidence][:12]


def test_rebuilt_when_deleted(cache):
    rows = statements()
    first = fresh().encode_statements(rows, kind="skills")
    for path in vector_files(cache):
        path.unlink()
    embedder = fresh()
    np.testing.assert_allclose(embedder.encode_statements(rows, kind="skills"), first, atol=1e-5)
    assert embedder.encoded == len(rows)
    assert len(vector_files(cache)) == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_statements"])
def test_corrupt_or_mismatched_file_is_refused_and_rebuilt(cache, damage):
    rows = statements()
    built = fresh().encode_statements(rows)
    [path] = vector_files(cache)
    if damage == "garbage":
        path.write_bytes(b"not a numpy file at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:1000])
    else:  # a valid file, but of other statements (e.g. copied by hand)
        store = StatementStore(cache, fresh().statements.model_key)  # type: ignore[union-attr]
        other = store.save(rows[:2], built[:2])
        assert other is not None
        other.replace(path)
    embedder = fresh()
    rebuilt = embedder.encode_statements(rows)
    assert embedder.statements is not None and embedder.statements.stats.refused == 1
    assert embedder.encoded == len(rows)
    np.testing.assert_allclose(rebuilt, built, atol=1e-5)
    reader = fresh()
    reader.encode_statements(rows)
    assert reader.encoded == 0  # the rewritten file is good again


def test_a_changed_taxonomy_gets_its_own_key(cache, tmp_path):
    taxonomy = load_taxonomy()
    embedder = fresh()
    SkillIndex(taxonomy, embedder)
    source = ROOT / "data" / "taxonomy.yaml"
    text = source.read_text("utf-8")
    statement = next(s for skill in taxonomy for s in skill.evidence if s in text)
    changed = tmp_path / "taxonomy.yaml"
    changed.write_text(text.replace(statement, statement + " every quarter", 1), encoding="utf-8")
    before = embedder.encoded
    SkillIndex(load_taxonomy(changed), embedder)
    assert len(vector_files(cache)) == 2  # the bundled set's file is kept; the changed set has its own
    assert embedder.encoded - before == 1  # only the changed statement was new to the model


def test_model_hash_is_cached_by_path_size_and_mtime(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.safetensors").write_bytes(b"\x00" * 4096)
    memo = tmp_path / "memo"
    first = model_hash(model, memo)
    assert first == model_hash(model, memo)
    assert first in (memo / "model_hashes.json").read_text()
    (model / "model.safetensors").write_bytes(b"\x01" * 4097)  # other weights: another hash
    assert model_hash(model, memo) != first


def test_the_cache_never_holds_resume_text(cache):
    from skillmatch import analyze_resume, read_document
    from skillmatch.extract.mentions import _skill_index
    from skillmatch.level.infer import _scope_index
    from skillmatch.match import _phrase_vectors

    # the indexes are rebuilt, so this analysis writes the cache (the check below can fail)
    for built in (_skill_index, _scope_index, _phrase_vectors):
        built.cache_clear()
    resume = ROOT / "data" / "examples" / "example_resume.pdf"
    analyze_resume(resume)
    from skillmatch.nlp import _MEMO

    assert not _MEMO  # the per-request memo of tokenized lines is emptied with the memory zone
    files = vector_files(cache)
    assert {f.name.split("-")[0] for f in files} >= {"skills", "scope", "background"}
    text = read_document(resume).text
    sentences = [s for s in {*unit_texts(text), *text.splitlines()} if len(s.split()) >= 4]
    assert sentences
    hashes = {hashlib.sha256(s.encode()).hexdigest() for s in sentences}
    raw = b"".join(f.read_bytes() for f in sorted(cache.rglob("*")) if f.is_file())
    for sentence in sentences:
        assert sentence.encode("utf-8") not in raw and sentence.encode("utf-32-le") not in raw
    for path in files:
        with np.load(path, allow_pickle=False) as data:
            assert not hashes & set(data["keys"].tolist())


def test_pipelines_are_built_once_and_share_one_model():
    from skillmatch.nlp import get_nlp, get_parser

    assert get_nlp() is get_nlp() and get_parser() is get_parser()
    assert get_nlp().vocab is get_parser().vocab and get_nlp().tokenizer is get_parser().tokenizer
    assert get_nlp().get_pipe("senter") is get_parser().get_pipe("senter")
    assert get_nlp().pipe_names == ["senter"]  # the tagger's tok2vec does not run to split sentences


def test_importing_the_cli_loads_nothing_heavy():
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import skillmatch.cli"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    imported = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert "click" in imported  # the check reads the import log
    assert not imported & {"torch", "spacy", "numpy", "sentence_transformers", "transformers", "sklearn"}
