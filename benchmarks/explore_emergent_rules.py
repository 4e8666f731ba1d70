"""Can the corroboration verdict be made consistent with its own evidence? Train claims only.

    python benchmarks/explore_emergent_rules.py --shared ../shared

The shipped rule (``onrecord.corroborate``) says *refuted* as soon as the weighted mean P(against) over the
outlets reaches ``refute`` — fitted at 0.05, because most Emergent train claims are false. So one outlet whose
headline asserts the claim (P(for) 0.735, P(against) 0.053) makes the claim "refuted": a verdict no outlet in its
own evidence takes. Variants, each fitted on the same grid by veracity accuracy on the train claims' out-of-fold
stacked stances (the shipped model's, recomputed from the seed-0 cache of ``explore_emergent_seeds.py``: the same
inputs the training fits its rules on):

- ``shipped``: the rule as it is (reproduces the shipped parameters and their train accuracy);
- ``witness``: refuted needs at least one counted outlet whose most probable stance is *against*, corroborated
  one whose most probable stance is *for*, contested both;
- ``votes`` (``corroborate.Params.votes``, shipped since): each outlet votes for its most probable stance, so
  ``refute`` is the weighted share of outlets that refute and no verdict lacks an outlet that takes it;
- ``votes + majority`` (session 58, ``corroborate.Params.majority``): also, refuted only when more outlets refute than
  support, corroborated only the reverse (a corpus claim with 0.57 of outlets for and 0.14 against was "refuted").

For each: the fitted parameters, train out-of-fold veracity accuracy and macro-F1, and how many train claims get a
verdict that none of their counted outlets takes. The rule, set before the run: ship the consistent variant with
the better train accuracy. Dev is never read.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from onrecord import corroborate
from onrecord.evaluation.emergent import reports
from onrecord.training import emergent as te

from explore_emergent_seeds import seed_logits  # type: ignore[import-not-found]


def witnessed(label: str, evidence: Sequence[corroborate.OutletEvidence]) -> bool:
    """Whether some counted outlet most likely takes the verdict's side (always, for unverified)."""
    sides = {corroborate.vote(e.counted) for e in evidence}
    return {"refuted": "against" in sides, "corroborated": "for" in sides,
            "contested": {"for", "against"} <= sides}.get(label, True)


def fit_witness(claims: Sequence[Sequence[corroborate.Report]], gold: Sequence[str]
                ) -> tuple[corroborate.Params, float]:
    """The probability-share rule's grid, with a verdict no outlet takes turned into "unverified"."""
    best: tuple[corroborate.Params, float] | None = None
    g = corroborate.GRID
    for values in itertools.product(g["hedge_weight"], g["support"], g["refute"], g["contest"], g["min_outlets"]):
        params = corroborate.Params(*values[:4], int(values[4]), votes=False)  # type: ignore[arg-type]
        right = 0
        for items, t in zip(claims, gold):
            v = corroborate.aggregate(items, params)
            right += corroborate.veracity(v.label if witnessed(v.label, v.evidence) else "unverified") == t
        if best is None or right / len(claims) > best[1]:
            best = (params, right / len(claims))
    assert best is not None
    return best


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    f1s = []
    for k in corroborate.VERACITY_LABELS:
        tp = sum(g == p == k for g, p in zip(gold, pred))
        fp = sum(p == k != g for g, p in zip(gold, pred))
        fn = sum(g == k != p for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def train_stacked(shared: Path) -> tuple[list, np.ndarray, int]:
    """The Emergent train rows, the shipped model's out-of-fold stacked stances for them (from the seed-0 cache of
    ``explore_emergent_seeds.py``: the inputs the training fits its rules on) and the epoch chosen."""
    data = shared / "data" / "emergent"
    rows = te.load_split(data).train
    _, lr_oof = te.fit_lr(rows, 0, False)
    _, chosen, _, stacked = te.choose_epoch_and_stack(rows, lr_oof, seed_logits(data, 0))
    return rows, stacked, chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    rows, stacked, chosen = train_stacked(args.shared)
    print(f"stacked out-of-fold stance accuracy {np.mean(stacked.argmax(1) == te._labels(rows)):.4f} (epoch {chosen})")
    truths = te.claim_truths(rows)
    gold = list(truths.values())
    items = reports(rows, stacked)
    claims = [items[c] for c in truths]
    for name in ("probabilities (until session 21)", "probabilities + witness", "votes", "votes + majority"):
        if name == "votes":
            params, acc = corroborate.fit(claims, gold)
        elif name == "votes + majority":
            params, acc = corroborate.fit(claims, gold, {**corroborate.GRID, "majority": (True,)})
        elif name.endswith("witness"):
            params, acc = fit_witness(claims, gold)
        else:
            params, acc = corroborate.fit(claims, gold, {**corroborate.GRID, "votes": (False,)})
        verdicts = [corroborate.aggregate(c, params) for c in claims]
        labels = [v.label if not name.endswith("witness") or witnessed(v.label, v.evidence) else "unverified"
                  for v in verdicts]
        unbacked = sum(not witnessed(label, v.evidence) for label, v in zip(labels, verdicts))
        print(f"{name}: {params}\n  train out-of-fold veracity accuracy {acc:.4f}, "
              f"macro-F1 {macro_f1(gold, [corroborate.veracity(x) for x in labels]):.4f}, "
              f"verdicts {dict(sorted(Counter(labels).items()))}, verdicts no counted outlet takes: {unbacked} of {len(claims)}")


if __name__ == "__main__":
    main()
