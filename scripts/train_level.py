#!/usr/bin/env python3
"""Train the level model: an ordinal (proportional-odds) logit over the seniority features.

    python scripts/train_level.py                   # every real source + ours, write data/level_model.json
    python scripts/train_level.py --sources level_postings,broad,resumes   # real texts only

Real texts come from ../shared/data (read at run time, never committed; see scripts/level_corpus.py).
The model is one weight vector and three ordered cut points, fitted with scipy by penalised maximum
likelihood; its temperature is then fitted on out-of-fold predictions (grouped by company or
category) so the probabilities are calibrated. It is written as plain JSON, read by
skillmatch.level.model with numpy only: no pickle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np
from level_corpus import ROOT, Item, labelled
from scipy.optimize import minimize, minimize_scalar
from scipy.special import expit

from skillmatch.level.model import OrdinalModel
from skillmatch.taxonomy import LEVEL_IDS

# the features the model reads (level_features computes a few more, for the report), each with the
# sign its weight must have: +1 can only push toward senior, -1 only toward junior, 0 either way.
# The signs are what the seniority reading means; the labels (levels from titles) are too noisy to be
# trusted with them ("Product Manager" manages a product, not people).
MODEL_SIGNS: dict[str, int] = {
    "sen_lines": 0, "sen_share": 0, "lines_log": 0,
    "agency_mean": +1, "agency_high": +1, "agency_support": -1, "agency_known": 0,
    "reach_mean": +1, "reach_high": +1, "reach_record": -1, "reach_known": 0,
    "audience_frontline": -1, "audience_leadership": 0, "audience_executive": +1, "audience_board": +1,
    "audience_owners": +1,
    "people_mentor": +1, "people_team": +1, "people_organization": +1,
    "score_mean": +1, "score_p75": +1, "score_top3": +1, "score_hi": +1, "score_vhi": +1, "score_lo": -1,
    "years_known": 0, "years_log": +1,
    # a range or a cue says "this level", not "more senior": no sign, except at the ends of the ladder
    "years_in_analyst": -1, "years_in_manager": 0, "years_in_director": 0, "years_in_vp": +1,
    "cue_analyst": -1, "cue_manager": 0, "cue_director": 0, "cue_vp": +1,
    "is_resume": 0, "roles_log": 0, "recent_score": +1, "recent_known": 0, "recent_people": +1, "progression": 0,
}
MODEL_FEATURES: tuple[str, ...] = tuple(MODEL_SIGNS)
L2 = 1.0
BALANCE_POWER = 0.5
CUT_SOURCES: tuple[str, ...] = ("synthetic", "level_postings")
SOURCE_WEIGHT = {"synthetic": 1.0, "level_postings": 1.0, "broad": 1.0, "resumes": 1.0}
ENGINEERING_WEIGHT = 0.5  # engineering titles name levels too ("Lead", "Manager"), but noisier for us


def item_weights(items: list[Item], y: np.ndarray, balance: bool = True) -> np.ndarray:
    w = np.asarray([SOURCE_WEIGHT[i.source] * (ENGINEERING_WEIGHT if i.family == "engineering" else 1.0)
                    for i in items])
    if balance:  # rarer levels weigh more: by 1/sqrt(count), halfway to every level weighing the same
        counts = Counter(y.tolist())
        w = w * np.asarray([counts[c] ** -BALANCE_POWER for c in y.tolist()])
    return w / w.mean()


def _unpack(theta: np.ndarray, d: int) -> tuple[np.ndarray, np.ndarray]:
    beta = theta[:d]
    cuts = np.cumsum(np.concatenate([theta[d:d + 1], np.exp(theta[d + 1:])]))
    return beta, cuts


def fit_ordinal(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[np.ndarray, np.ndarray]:
    """Weights and cut points of P(y <= k) = sigmoid(cut_k - x·beta), by penalised weighted likelihood."""
    n, d = x.shape
    k = len(LEVEL_IDS) - 1

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        beta, cuts = _unpack(theta, d)
        s = x @ beta
        upper = np.concatenate([cuts, [np.inf]])[y] - s  # cut_y - s
        lower = np.concatenate([[-np.inf], cuts])[y] - s  # cut_{y-1} - s
        fu, fl = expit(upper), expit(lower)
        p = np.clip(fu - fl, 1e-12, None)
        nll = -(w * np.log(p)).sum() / n + l2 * (beta @ beta) / (2 * n)
        # gradients: d/dz sigmoid = f(1-f)
        gu, gl = fu * (1 - fu), fl * (1 - fl)
        g_s = (w * (gu - gl) / p) / n  # d nll / d s
        g_beta = x.T @ g_s + l2 * beta / n
        g_cuts = np.zeros(k)
        for j in range(k):
            g_cuts[j] = -(w * ((y == j) * gu - (y == j + 1) * gl) / p).sum() / n
        # chain rule through the cumulative parametrisation
        g_theta_c = np.empty(k)
        g_theta_c[0] = g_cuts.sum()
        for j in range(1, k):
            g_theta_c[j] = g_cuts[j:].sum() * np.exp(theta[d + j])
        return float(nll), np.concatenate([g_beta, g_theta_c])

    theta0 = np.concatenate([np.zeros(d), [-1.0], np.zeros(k - 1)])
    signs = [MODEL_SIGNS[f] for f in MODEL_FEATURES] if d == len(MODEL_FEATURES) else [0] * d
    bounds = [(0.0, None) if sg > 0 else (None, 0.0) if sg < 0 else (None, None) for sg in signs]
    bounds += [(None, None)] * k
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 3000})
    return _unpack(res.x, d)


def fit_temperature(s: np.ndarray, y: np.ndarray, cuts: np.ndarray) -> float:
    def nll(log_t: float) -> float:
        t = np.exp(log_t)
        up = np.concatenate([cuts, [np.inf]])[y]
        lo = np.concatenate([[-np.inf], cuts])[y]
        p = np.clip(expit((up - s) / t) - expit((lo - s) / t), 1e-12, None)
        return float(-np.log(p).mean())

    return float(np.exp(minimize_scalar(nll, bounds=(-2, 2), method="bounded").x))


def fit_cuts(s: np.ndarray, y: np.ndarray, w: np.ndarray, init: np.ndarray) -> np.ndarray:
    """Cut points for fixed scores ``s``: where the rungs sit on the seniority score."""
    k = len(init)

    def nll(theta: np.ndarray) -> float:
        cuts = np.cumsum(np.concatenate([theta[:1], np.exp(theta[1:])]))
        up = np.concatenate([cuts, [np.inf]])[y] - s
        lo = np.concatenate([[-np.inf], cuts])[y] - s
        p = np.clip(expit(up) - expit(lo), 1e-12, None)
        return float(-(w * np.log(p)).sum() / w.sum())

    theta0 = np.concatenate([init[:1], np.log(np.maximum(np.diff(init), 1e-3))])
    res = minimize(nll, theta0, method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-4, "fatol": 1e-7})
    return np.cumsum(np.concatenate([res.x[:1], np.exp(res.x[1:])]))[:k]


def prepare(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.nan_to_num(x, nan=0.0)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return (x - mean) / scale, mean, scale


def train(items: list[Item], x: np.ndarray, y: np.ndarray, *, balance: bool = True, l2: float = L2,
          calibrate_folds: int = 5) -> OrdinalModel:
    """Fit the model on ``items``; the temperature from grouped out-of-fold scores."""
    xs, mean, scale = prepare(x)
    w = item_weights(items, y, balance)
    beta, cuts = fit_ordinal(xs, y, w, l2)
    ladder_texts = np.asarray([i.source in CUT_SOURCES for i in items])
    if CUT_SOURCES and ladder_texts.sum() >= 20:
        # the real texts say which wording is senior and how much (the weights); our texts, written
        # to the ladder, say where its rungs sit on that score (the cut points)
        cuts = fit_cuts(xs[ladder_texts] @ beta, y[ladder_texts], w[ladder_texts], cuts)
    temperature = 1.0
    if calibrate_folds > 1:
        groups = np.asarray([f"{i.source}:{i.group}" for i in items])
        oof = np.zeros(len(y))
        uniq = np.unique(groups)
        fold_of = {g: j % calibrate_folds for j, g in enumerate(np.random.default_rng(0).permutation(uniq))}
        fold = np.asarray([fold_of[g] for g in groups])
        for f in range(calibrate_folds):
            tr, te = fold != f, fold == f
            b, c = fit_ordinal(xs[tr], y[tr], w[tr], l2)
            oof[te] = xs[te] @ b + (cuts.mean() - c.mean())  # align the folds' cut points
        temperature = fit_temperature(oof, y, cuts)
    return OrdinalModel(MODEL_FEATURES, LEVEL_IDS, mean, scale, beta, cuts, temperature, {})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default="synthetic,level_postings,broad,resumes",
                    help="comma-separated sources to train on (default: all)")
    ap.add_argument("--no-balance", action="store_true", help="do not weigh the levels equally")
    args = ap.parse_args()
    sources = tuple(args.sources.split(","))
    items, x, y = labelled(sources, list(MODEL_FEATURES))
    model = train(items, x, y, balance=not args.no_balance)
    counts = Counter(i.source for i in items)
    meta = {"trained_on": dict(sorted(counts.items())), "texts": len(items), "l2": L2,
            "balanced": not args.no_balance, "script": "scripts/train_level.py"}
    model = OrdinalModel(model.feature_names, model.classes, model.mean, model.scale, model.weights, model.cuts,
                         model.temperature, meta)
    path = ROOT / "data" / "level_model.json"
    path.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"trained on {len(items)} texts ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
          f"temperature {model.temperature:.2f}; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
