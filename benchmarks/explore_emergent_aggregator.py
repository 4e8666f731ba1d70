"""Would a learned claim-level aggregator call claim veracity better than the fitted rules? Train claims only.

    python benchmarks/explore_emergent_aggregator.py --shared ../shared

The verdict on a claim comes from rules (``onrecord.corroborate``): each outlet counted once votes for its most
probable stance, hedged votes weigh ``hedge_weight``, and thresholds on the weighted shares of outlets that assert
and refute the claim decide; the thresholds are a grid point fitted by veracity accuracy on the train claims. The
alternative measured here is a multinomial logistic regression (true / false / unknown) over the same evidence, per
claim: the shares of counted outlets voting for, against and observing, each split into hedged and not hedged; the
mean P(for) and P(against) of the counted reports; and log(1 + outlets). To keep the verdict consistent with its
evidence (session 21), "true" is only kept when some counted outlet votes for the claim and "false" when one votes
against; otherwise the claim is unverified.

Both are scored the same way, on the shipped model's out-of-fold stacked stances of the train claims (seed-0 cache of
``explore_emergent_seeds.py``, the inputs the training fits its rules on): repeated claim-level 5-fold
cross-validation (``--repeats`` partitions, seeded), the rules' grid and the regression both fitted on four folds'
claims and scored on the fifth's. The in-sample grid accuracy the training reports (0.6042) is not comparable: it is
scored on the claims it was fitted on.

The rule, set before the run: build the learned aggregator only if, at the C fixed beforehand (1.0), its mean
cross-validated veracity accuracy beats the rules' by >= 0.02 (about 4 of 192 claims) and its macro-F1 is not lower.
Other C values are printed for information. Dev is never read.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explore_emergent_rules import macro_f1, train_stacked, witnessed  # noqa: E402

from onrecord import corroborate  # noqa: E402
from onrecord.evaluation.emergent import reports  # noqa: E402
from onrecord.training import emergent as te  # noqa: E402

TRUTHS = ("true", "false", "unknown")


def claim_features(items: Sequence[corroborate.Report]) -> list[float]:
    """The evidence of one claim as numbers: vote shares by stance and hedging, mean probabilities, outlets."""
    evidence = corroborate.by_outlet(items, corroborate.Params(hedge_weight=1.0))
    n = len(evidence)
    shares = []
    for side in ("for", "against", "observing"):
        for hedged in (False, True):
            shares.append(sum(corroborate.vote(e.counted) == side and e.counted.hedged == hedged
                              for e in evidence) / n)
    p_for = float(np.mean([e.counted.stance["for"] for e in evidence]))
    p_against = float(np.mean([e.counted.stance["against"] for e in evidence]))
    return [*shares, p_for, p_against, math.log1p(n)]


VERDICT_OF = {"true": "corroborated", "false": "refuted", "unknown": "unverified"}


def backed(truth: str, items: Sequence[corroborate.Report]) -> str:
    """``truth`` if some counted outlet takes its side (the verdict it stands for is witnessed), else "unknown"."""
    return truth if witnessed(VERDICT_OF[truth], corroborate.by_outlet(items)) else "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    rows, stacked, chosen = train_stacked(args.shared)
    print(f"stacked out-of-fold stance accuracy {np.mean(stacked.argmax(1) == te._labels(rows)):.4f} (epoch {chosen})")
    truths = te.claim_truths(rows)
    gold = np.array(list(truths.values()))
    items = reports(rows, stacked)
    claims = [items[c] for c in truths]
    X = np.array([claim_features(c) for c in claims])
    Cs = (0.1, 0.3, 1.0, 3.0, 10.0)
    results: dict[str, list[tuple[float, float]]] = {"rules": [], **{f"regression C {C:g}": [] for C in Cs}}
    for r in range(args.repeats):
        preds: dict[str, np.ndarray] = {k: np.empty(len(claims), dtype=object) for k in results}
        for fit_idx, test_idx in KFold(5, shuffle=True, random_state=r).split(X):
            params, _ = corroborate.fit([claims[i] for i in fit_idx], list(gold[fit_idx]))
            for i in test_idx:
                preds["rules"][i] = corroborate.veracity(corroborate.aggregate(claims[i], params).label)
            for C in Cs:
                model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000))
                model.fit(X[fit_idx], gold[fit_idx])
                for i, label in zip(test_idx, model.predict(X[test_idx])):
                    preds[f"regression C {C:g}"][i] = backed(str(label), claims[i])
        for k, p in preds.items():
            results[k].append((float(np.mean(p == gold)), macro_f1(list(gold), list(p))))
    print(f"{len(claims)} train claims ({', '.join(f'{t} {int(np.sum(gold == t))}' for t in TRUTHS)}); "
          f"{args.repeats} repeats of claim-level 5-fold cross-validation")
    base = np.mean([a for a, _ in results["rules"]])
    for k, v in results.items():
        acc, f1 = np.mean(v, axis=0)
        sd = np.std([a for a, _ in v])
        print(f"{k:20s} accuracy {acc:.4f} (sd over repeats {sd:.4f}; {acc - base:+.4f} vs the rules)  macro-F1 {f1:.4f}")


if __name__ == "__main__":
    main()
