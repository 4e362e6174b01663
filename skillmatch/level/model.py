"""The document level model: an ordinal (proportional-odds) logistic model over named features.

One weight vector turns a text's features into a seniority score ``s``; ordered cut points split the
score into the four levels: ``P(level <= k) = sigmoid((cut_k - s) / temperature)``. Errors are
mostly one rung off by construction, and two texts are ordered by their scores. The temperature is
fitted on held-out predictions so the probabilities are calibrated.

Weights are plain JSON (``data/level_model.json``), written by ``scripts/train_level.py`` and read
here with numpy only: no pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataError
from ..taxonomy import LEVEL_IDS


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass(frozen=True)
class OrdinalModel:
    feature_names: tuple[str, ...]
    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    cuts: np.ndarray  # len(classes) - 1, increasing
    temperature: float
    meta: dict[str, Any]

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        return np.asarray([features[name] for name in self.feature_names], dtype=np.float64)

    def score(self, x: np.ndarray) -> np.ndarray:
        """The seniority score of each row of ``x`` (higher is more senior)."""
        return ((x - self.mean) / self.scale) @ self.weights

    def proba_from_score(self, s: np.ndarray) -> np.ndarray:
        cum = _sigmoid((self.cuts[None, :] - np.atleast_1d(s)[:, None]) / self.temperature)
        cum = np.concatenate([np.zeros((cum.shape[0], 1)), cum, np.ones((cum.shape[0], 1))], axis=1)
        p = np.clip(np.diff(cum, axis=1), 1e-9, None)
        return p / p.sum(axis=1, keepdims=True)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.proba_from_score(self.score(np.atleast_2d(x)))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's push on the score (positive: more senior)."""
        return ((x - self.mean) / self.scale) * self.weights

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "ordinal-logit", "feature_names": list(self.feature_names), "classes": list(self.classes),
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "weights": self.weights.tolist(),
                "cuts": self.cuts.tolist(), "temperature": self.temperature, "meta": self.meta}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> OrdinalModel:
        if raw.get("kind") != "ordinal-logit":
            raise KeyError("kind")
        model = cls(tuple(raw["feature_names"]), tuple(raw["classes"]), np.asarray(raw["mean"], dtype=float),
                    np.asarray(raw["scale"], dtype=float), np.asarray(raw["weights"], dtype=float),
                    np.asarray(raw["cuts"], dtype=float), float(raw["temperature"]), dict(raw.get("meta", {})))
        n = len(model.feature_names)
        if not (model.mean.shape == model.scale.shape == model.weights.shape == (n,)
                and model.cuts.shape == (len(model.classes) - 1,) and model.temperature > 0):
            raise ValueError("shapes do not agree")
        return model


@functools.lru_cache(maxsize=1)
def load_level_model() -> OrdinalModel:
    resource = importlib.resources.files("skillmatch.data").joinpath("level_model.json")
    try:
        model = OrdinalModel.from_dict(json.loads(resource.read_text("utf-8")))
    except (OSError, KeyError, ValueError, TypeError) as e:
        raise DataError(f"skillmatch/data/level_model.json: cannot load the level model: {e}") from None
    if model.classes != LEVEL_IDS:
        raise DataError("skillmatch/data/level_model.json: classes differ from the ladder; run scripts/train_level.py")
    return model
