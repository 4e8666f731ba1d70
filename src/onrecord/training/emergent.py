"""Train the headline–claim stance model and the corroboration rules (``artifacts/emergent.pkl``) on Emergent.

Dev split (deterministic, the same for every seed), claim-disjoint: the claims of ``edata_train.csv`` are
ordered by ``sha256("emergent-dev:" + claimId)`` and the first 20 % (rounded) are dev; every article goes with
its claim. Nothing below sees the dev claims.

Training, on the train claims only:

* :class:`~onrecord.claimstance.FeatureExtractor` fitted on the train claims and headlines; multinomial
  logistic regression with balanced class weights; its C picked from :data:`C_GRID` by claim-grouped 5-fold
  out-of-fold stance accuracy;
* the corroboration :class:`~onrecord.corroborate.Params` fitted (:func:`onrecord.corroborate.fit`) on the
  train claims' veracity, from the *out-of-fold* stance probabilities at that C — the rules see stances as
  noisy as the ones they will get at inference;
* the final classifier refitted on all train claims.

Reported on dev: stance accuracy / macro-F1 (and the majority class), veracity accuracy from the predicted
stances (and the majority class of the train claims), and, as a ceiling, veracity from the gold stances.

Run: ``python -m onrecord.training.emergent --data ../shared/data/emergent`` (train, report dev, write the
artifact) or ``... --eval-dev`` (report the shipped artifact on dev).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from .. import corroborate, models
from ..atomic import write_bytes
from ..claimstance import LABELS, ClaimStanceModel, FeatureExtractor
from ..evaluation.emergent import (
    Row,
    claims_of,
    predict,
    read_rows,
    report,
    reports,
    score,
)
from . import command_line

DEFAULT_DATA = Path("../shared/data/emergent")
FILE = "edata_train.csv"
DEV_SHARE = 0.20
SPLIT_SALT = "emergent-dev:"
ARTIFACT = models.ARTIFACTS / "emergent.pkl"
MODEL_ID = "emergent-lr-v1"
FOLDS = 5
C_GRID = (0.5, 1.0, 2.0)


@dataclass
class Split:
    train: list[Row]
    dev: list[Row]


def split(rows: Sequence[Row], dev_share: float = DEV_SHARE) -> Split:
    """The claim-disjoint dev split described in the module docstring."""
    claims = sorted(claims_of(rows), key=lambda c: hashlib.sha256((SPLIT_SALT + c).encode()).hexdigest())
    dev = set(claims[:round(dev_share * len(claims))])
    return Split([r for r in rows if r.claim_id not in dev], [r for r in rows if r.claim_id in dev])


def _labels(rows: Sequence[Row]) -> np.ndarray:
    return np.array([LABELS.index(r.stance) for r in rows])  # type: ignore[arg-type]


def _classifier(C: float, seed: int) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)


def out_of_fold(rows: Sequence[Row], C: float, seed: int) -> np.ndarray:
    """Stance probabilities of every row from models fitted on the other folds (folds grouped by claim)."""
    y, groups = _labels(rows), [r.claim_id for r in rows]
    proba = np.zeros((len(rows), len(LABELS)))
    for fit_idx, held_idx in GroupKFold(n_splits=FOLDS).split(rows, y, groups):
        part = [rows[i] for i in fit_idx]
        features = FeatureExtractor().fit([r.claim for r in part], [r.headline for r in part])
        clf = _classifier(C, seed).fit(features.transform([r.claim for r in part], [r.headline for r in part]), y[fit_idx])
        held = [rows[i] for i in held_idx]
        proba[held_idx] = clf.predict_proba(features.transform([r.claim for r in held], [r.headline for r in held]))
    return proba


def claim_truths(rows: Sequence[Row]) -> dict[str, str]:
    return {r.claim_id: r.truth for r in rows}  # type: ignore[misc]


def _log(progress: bool, msg: str) -> None:
    if progress:
        print(msg, file=sys.stderr, flush=True)


def fit_model(train_rows: Sequence[Row], seed: int = 0, progress: bool = True) -> ClaimStanceModel:
    """Choose C and the corroboration parameters out of fold, then fit the final classifier."""
    y = _labels(train_rows)
    oof: dict[float, np.ndarray] = {}
    for C in C_GRID:
        oof[C] = out_of_fold(train_rows, C, seed)
        _log(progress, f"C={C}: out-of-fold stance accuracy {np.mean(oof[C].argmax(axis=1) == y):.4f}")
    best_c = max(C_GRID, key=lambda c: (np.mean(oof[c].argmax(axis=1) == y), -c))
    truths = claim_truths(train_rows)
    items = reports(train_rows, oof[best_c])
    params, acc = corroborate.fit([items[c] for c in truths], list(truths.values()))
    _log(progress, f"chose C={best_c}; corroboration {params} (train out-of-fold veracity accuracy {acc:.4f})")
    features = FeatureExtractor().fit([r.claim for r in train_rows], [r.headline for r in train_rows])
    clf = _classifier(best_c, seed).fit(features.transform([r.claim for r in train_rows], [r.headline for r in train_rows]), y)
    majority = {"stance": Counter(r.stance for r in train_rows).most_common(1)[0][0],
                "veracity": Counter(truths.values()).most_common(1)[0][0]}
    info = {"train_articles": len(train_rows), "train_claims": len(truths), "C": best_c, "seed": seed,
            "majority": majority, "train_oof_stance_accuracy": float(np.mean(oof[best_c].argmax(axis=1) == y)),
            "train_oof_veracity_accuracy": acc}
    return ClaimStanceModel(features, clf, params, MODEL_ID, info)


def dev_report(model: ClaimStanceModel, dev: Sequence[Row]) -> dict[str, Any]:
    """Score ``model`` on the dev rows; also veracity from the gold stances (the aggregation's ceiling)."""
    proba, verdicts = predict(model, dev)
    metrics = score(dev, proba, verdicts, model.info["majority"])
    report(f"dev ({MODEL_ID})", metrics)
    gold = reports(dev, np.eye(len(LABELS))[_labels(dev)])
    truths = claim_truths(dev)
    ceiling = corroborate.accuracy([gold[c] for c in truths], list(truths.values()), model.corroboration)
    print(f"veracity from the gold stances (same rules): accuracy {ceiling:.4f}")
    metrics["veracity_from_gold_stances"] = ceiling
    return metrics


def describe(s: Split) -> str:
    def part(rows: Sequence[Row]) -> str:
        truths = Counter(claim_truths(rows).values())
        stances = Counter(r.stance for r in rows)
        return (f"{len(rows)} headlines ({', '.join(f'{k} {stances[k]}' for k in LABELS)}) / "
                f"{len(claim_truths(rows))} claims ({', '.join(f'{k} {truths[k]}' for k in corroborate.VERACITY_LABELS)})")

    return f"split: train {part(s.train)}; dev {part(s.dev)}"


def load_split(data: Path) -> Split:
    rows = read_rows(Path(data) / FILE)
    if not all(r.stance and r.truth for r in rows):
        raise ValueError(f"{FILE} must have articleHeadlineStance and claimTruth on every row")
    return split(rows)


def train(data: Path = DEFAULT_DATA, seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Rebuild ``artifacts/emergent.pkl`` from Emergent in ``data``; return the dev metrics."""
    s = load_split(data)
    print(describe(s))
    start = time.perf_counter()
    model = fit_model(s.train, seed, progress)
    seconds = time.perf_counter() - start
    print(f"training time {seconds:.0f} s")
    dev = dev_report(model, s.dev)
    model.info.update(dev_stance_accuracy=round(dev["stance"]["accuracy"], 4),
                      dev_veracity_accuracy=round(dev["veracity"]["accuracy"], 4))
    write_bytes(ARTIFACT, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    models.record_artifact("emergent", ARTIFACT, model=MODEL_ID, seed=seed, trained_on="Emergent train claims (dev held out)",
                           dev_stance_accuracy=f"{dev['stance']['accuracy']:.4f}",
                           dev_stance_macro_f1=f"{dev['stance']['macro_f1']:.4f}",
                           dev_veracity_accuracy=f"{dev['veracity']['accuracy']:.4f}")
    models.clear_cache()
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.2f} MB)")
    return {"dev": dev, "train_seconds": seconds, "split": describe(s), "corroboration": vars(model.corroboration)}


def eval_dev(data: Path = DEFAULT_DATA) -> dict[str, Any]:
    """Report the shipped artifact on the dev claims."""
    s = load_split(data)
    print(describe(s))
    return dev_report(models.load("emergent"), s.dev)


def main(argv: Sequence[str] | None = None) -> None:
    command_line("emergent", __doc__, train, data_help="the emergent/ corpus folder", default_data=DEFAULT_DATA, eval_dev=eval_dev, argv=argv)


if __name__ == "__main__":
    main()
