"""Does the outlet say something the headline does not? An outlet-prior feature for the Emergent stacker, train claims only.

    python benchmarks/explore_emergent_outlets.py --shared ../shared [--seeds 0 1]

Outlets differ in how they headline a rumour (on the train claims: www.mirror.co.uk and metro.co.uk assert it in
three headlines of four, www.washingtonpost.com in one of three). Each headline gets its outlet's smoothed stance
distribution against the overall one, log p(stance | outlet) / p(stance) with ``alpha`` pseudo-headlines of the
overall distribution, and log(1 + the outlet's headline count). Out of fold, as the training stacks: 5
claim-grouped folds; the counts come from the fold's fit headlines only, and for a fit headline without its own
claim's headlines, so no headline's feature holds its own label. The cross-encoder's out-of-fold logits are those of
``explore_emergent_seeds.py`` (cached in ``~/.cache/onrecord``; ~20 min a seed to recompute). Dev is not read.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explore_emergent_seeds import seed_logits  # noqa: E402

from onrecord.claimstance import stack_inputs  # noqa: E402
from onrecord.training import emergent as te  # noqa: E402

ALPHAS = (2.0, 5.0, 10.0, 20.0)


def outlet_prior(y: np.ndarray, outlets: np.ndarray, claims: np.ndarray, fit: np.ndarray, rows: np.ndarray,
                 alpha: float) -> np.ndarray:
    """Per row of ``rows``: log p(stance | outlet) / p(stance) from the ``fit`` rows (a fit row's own claim left
    out), smoothed with ``alpha``, and log(1 + the outlet's count)."""
    overall = np.bincount(y[fit], minlength=3) + 1.0
    overall /= overall.sum()
    by_outlet: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3))
    by_outlet_claim: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(3))
    for i in fit:
        by_outlet[outlets[i]][y[i]] += 1
        by_outlet_claim[(outlets[i], claims[i])][y[i]] += 1
    fit_set = set(fit.tolist())
    out = np.zeros((len(rows), 4))
    for k, i in enumerate(rows):
        counts = by_outlet.get(outlets[i], np.zeros(3)).copy()
        if i in fit_set:
            counts -= by_outlet_claim[(outlets[i], claims[i])]
        p = (counts + alpha * overall) / (counts.sum() + alpha)
        out[k, :3] = np.log(p / overall)
        out[k, 3] = np.log1p(counts.sum())
    return out


def stacked_accuracy(Z: np.ndarray, y: np.ndarray, claims: np.ndarray, outlets: np.ndarray,
                     alpha: float | None, C: float = 1.0) -> float:
    """Out-of-fold accuracy (the training's claim-grouped folds) of a logistic-regression stacker over ``Z``, plus
    the outlet prior with ``alpha`` (computed inside each fold from its fit headlines) unless ``alpha`` is None."""
    proba = np.zeros((len(y), 3))
    for fit, held in GroupKFold(n_splits=te.FOLDS).split(Z, y, claims):
        zf, zh = Z[fit], Z[held]
        if alpha is not None:
            zf = np.hstack([zf, outlet_prior(y, outlets, claims, fit, fit, alpha)])
            zh = np.hstack([zh, outlet_prior(y, outlets, claims, fit, held, alpha)])
        proba[held] = LogisticRegression(C=C, max_iter=3000).fit(zf, y[fit]).predict_proba(zh)
    return float(np.mean(proba.argmax(1) == y))


def train_claims(shared: Path, script: str) -> tuple[Path, list, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The Emergent folder, its train headlines, their labels, claims and outlets, and the logistic regression's
    out-of-fold probabilities; a one-line exit naming ``script`` when the corpora are missing."""
    data = shared / "data" / "emergent"
    if not (data / te.FILE).is_file() or not (shared / "data" / "fnc1").is_dir():
        raise SystemExit(f"{script}: {shared}/data has no emergent/{te.FILE} and fnc1/")
    rows = te.load_split(data).train
    _, lr_oof = te.fit_lr(rows, 0, False)
    return (data, rows, te._labels(rows), np.array([r.claim_id for r in rows]), np.array([r.outlet for r in rows]),
            lr_oof)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = ap.parse_args()
    data, rows, y, claims, outlets, lr_oof = train_claims(args.shared, "explore_emergent_outlets")
    print(f"{len(rows)} train headlines from {len(set(outlets.tolist()))} outlets")
    print("| seed | shipped stacker | " + " | ".join(f"+ outlet prior, alpha {a:g}" for a in ALPHAS) + " |")
    print("|---:|---:|" + "---:|" * len(ALPHAS))
    for seed in args.seeds:
        by_epoch = seed_logits(data, seed)
        _, chosen, _, _ = te.choose_epoch_and_stack(rows, lr_oof, by_epoch)
        Z = stack_inputs(lr_oof, by_epoch[chosen - 1])
        cells = [stacked_accuracy(Z, y, claims, outlets, a) for a in (None, *ALPHAS)]
        print(f"| {seed} | " + " | ".join(f"{c:.4f}" for c in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
