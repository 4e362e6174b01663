"""A per-skill linear classifier over the sentence vectors extraction already computes.

For each sentence unit the features are its unit-normalised embedding, a one-hot of the listing part
its line sits in (body, responsibilities, requirements, nice to have: the section-aware prior) and
one flag per core id that an alias of that id occurs in the sentence, and, when the model has a
vocabulary, one flag per word or word pair of it that the sentence holds (``terms``: the lexical cues,
"quota", "commission", "territory", that a sentence embedding blurs). The model is one weight
matrix: ``P(core id | unit) = sigmoid(features @ W.T + b)``, one matrix product per text, and a
core id counts for a unit when its probability reaches that id's threshold.

Weights ship as plain arrays in ``data/skill_model.npz`` (read with ``allow_pickle=False``),
trained by ``scripts/train_skills.py`` on weak labels across the broad posting corpus, the
taxonomy's evidence statements and the dev split of the gold set; thresholds are chosen on
out-of-fold dev predictions.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import DataError

MODEL_FILE = "skill_model.npz"
KINDS = ("body", "responsibilities", "requirements", "nice_to_have")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#&]*")


def terms(text: str) -> set[str]:
    """The words and adjacent word pairs of ``text`` the classifier's vocabulary is made of.

    Lower-cased, a plural ``s`` dropped from words of five letters or more ("quotas" is "quota").
    """
    words = [w[:-1] if len(w) >= 5 and w.endswith("s") and not w.endswith("ss") else w
             for w in _WORD.findall(text.lower())]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def context_mask(texts: Sequence[str], core_ids: Sequence[str], needs: Mapping[str, Sequence[str]]) -> np.ndarray:
    """units × core ids: 0 where an id needs a context word its unit lacks, else 1.

    ``needs`` maps a core id to the words or word pairs (read as :func:`terms` reads text) one of which a
    unit must hold for the classifier to grant the id: the object the guide names ("reports of pipeline,
    bookings, sales or team performance"), which a sentence vector blurs into any report.
    """
    mask = np.ones((len(texts), len(core_ids)), dtype=np.float32)
    wanted = {j: {_term(word) for word in needs[cid]} for j, cid in enumerate(core_ids) if needs.get(cid)}
    for i, text in enumerate(texts):
        have = terms(text)
        for j, words in wanted.items():
            if not have & words:
                mask[i, j] = 0.0
    return mask


def _term(phrase: str) -> str:
    """A word or word pair as :func:`terms` spells it ("Bookings" is "booking")."""
    found = terms(phrase)
    return max(found, key=len) if found else phrase.lower()


@dataclass(frozen=True, eq=False)
class SkillModel:
    """Weights of the per-skill classifier: one row per core id over [embedding, kind, alias flags]."""

    core_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    weights: np.ndarray  # core ids × (dim + kinds + core ids)
    bias: np.ndarray  # core ids
    thresholds: np.ndarray  # core ids
    embedding_model: str  # the encoder the weights were trained on (its folder name)
    trained_on: str
    vocabulary: tuple[str, ...] = ()  # the words and word pairs of the term flags (see :func:`terms`)

    @property
    def dimension(self) -> int:
        return int(self.weights.shape[1] - len(self.kinds) - len(self.core_ids) - len(self.vocabulary))

    def features(self, vectors: np.ndarray, kinds: Sequence[str], alias_ids: Sequence[set[str]],
                 texts: Sequence[str] = ()) -> np.ndarray:
        """The feature matrix of units: their vectors, the one-hot listing part, the alias and term flags.

        ``texts`` (the units' sentences) is needed when the model has a vocabulary.
        """
        n = len(vectors)
        kind_cols = np.zeros((n, len(self.kinds)), dtype=np.float32)
        col = {k: i for i, k in enumerate(self.kinds)}
        for i, kind in enumerate(kinds):
            j = col.get(kind)
            if j is not None:
                kind_cols[i, j] = 1.0
        alias_cols = np.zeros((n, len(self.core_ids)), dtype=np.float32)
        idx = {c: i for i, c in enumerate(self.core_ids)}
        for i, ids in enumerate(alias_ids):
            for cid in ids:
                j = idx.get(cid)
                if j is not None:
                    alias_cols[i, j] = 1.0
        term_cols = np.zeros((n, len(self.vocabulary)), dtype=np.float32)
        if self.vocabulary:
            if len(texts) != n:
                raise ValueError("this skill model needs the units' texts for its term features")
            term_col = self._term_columns
            for i, text in enumerate(texts):
                for t in terms(text):
                    j = term_col.get(t)
                    if j is not None:
                        term_cols[i, j] = 1.0
        return np.hstack([np.asarray(vectors, dtype=np.float32), kind_cols, alias_cols, term_cols])

    @functools.cached_property
    def _term_columns(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.vocabulary)}

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """units × core ids probabilities (the one matrix product)."""
        if len(features) == 0:
            return np.zeros((0, len(self.core_ids)), dtype=np.float32)
        z = features @ self.weights.T + self.bias
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)

    def save(self, path: str) -> None:
        np.savez(path, core_ids=np.array(self.core_ids), kinds=np.array(self.kinds),
                 weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                 thresholds=self.thresholds.astype(np.float32),
                 embedding_model=np.array(self.embedding_model), trained_on=np.array(self.trained_on),
                 vocabulary=np.array(self.vocabulary, dtype=str))

    @classmethod
    def load(cls, source: object) -> SkillModel:
        """Read the weights from a path or a binary file object (no pickle)."""
        try:
            with np.load(source, allow_pickle=False) as z:  # type: ignore[arg-type]
                model = cls(tuple(str(c) for c in z["core_ids"]), tuple(str(k) for k in z["kinds"]),
                            z["weights"].astype(np.float32), z["bias"].astype(np.float32),
                            z["thresholds"].astype(np.float32), str(z["embedding_model"]), str(z["trained_on"]),
                            tuple(str(t) for t in z["vocabulary"]) if "vocabulary" in z.files else ())
        except (OSError, KeyError, ValueError) as e:
            raise DataError(f"cannot read the skill model weights: {e}") from None
        expected = model.dimension + len(model.kinds) + len(model.core_ids) + len(model.vocabulary)
        k = len(model.core_ids)
        if model.dimension <= 0 or model.weights.shape != (k, expected) or model.bias.shape != (k,):
            raise DataError("the skill model weights have the wrong shape")
        return model


@functools.lru_cache(maxsize=1)
def default_model() -> SkillModel | None:
    """The bundled classifier, or None when the package ships none."""
    resource = importlib.resources.files("skillmatch.data").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    with resource.open("rb") as f:
        return SkillModel.load(f)
