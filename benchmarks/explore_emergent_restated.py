"""Would restated claims lift Emergent's headline stance? Train claims only.

    python benchmarks/explore_emergent_restated.py --shared ../shared [--share 1.0] [--seed 0]

Emergent gives each claim several outlets' headlines, and a headline that asserts the claim ("for") restates it
in other words. A headline's stance towards such a restatement is its stance towards the claim, so each fold's
fit pairs can be extended with (restating headline, headline) pairs
(`onrecord.training.emergent.restated_claim_pairs`; ``--share`` of the fit headlines get one, its restatement
drawn among the other "for" headlines of its claim). This runs the training's own step 2 (pre-training on
FNC-1's pairs of the train claims, then the 4 claim-grouped fold fine-tunes) with and without the extra pairs,
and scores both as the training scores the shipped model: the epoch chosen by the cross-encoder's out-of-fold
accuracy, then the stacker over the logistic regression's and the cross-encoder's out-of-fold inputs, refitted
on 5 claim-grouped folds. Without the extra pairs this is v3's recipe (seed 0: stacked 0.7758). Out-of-fold
logits are cached in ``~/.cache/onrecord/emergent-oof-*.npz`` by ``explore_emergent_seeds.seed_logits``, which
sets the share for each run (the training itself uses ``RESTATED_SHARE``, 0.0: not kept). ~35 min on 2 cores.

The rule, set before the run, as for every Emergent variant since session 6: build it only at >= +0.01 stacked
out-of-fold accuracy over v3's recipe. Dev is never read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from explore_emergent_seeds import seed_logits  # out-of-fold logits by seed and share, cached

from onrecord.training import emergent as te


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--share", type=float, default=1.0, help="share of fit headlines given a restated pair")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    data = args.shared / "data" / "emergent"
    if not data.is_dir() or not (args.shared / "data" / "fnc1").is_dir():
        raise SystemExit(f"explore_emergent_restated: {args.shared}/data has no emergent/ and fnc1/ folders")
    if not 0 < args.share <= 1:
        raise SystemExit("explore_emergent_restated: --share must be in (0, 1]")
    rows = te.load_split(data).train
    y = te._labels(rows)
    _, lr_oof = te.fit_lr(rows, 0, False)
    for share in (args.share, 0.0):
        logits = seed_logits(data, args.seed, share)
        per_epoch, chosen, _, stacked = te.choose_epoch_and_stack(rows, lr_oof, logits)
        print(f"restated share {share:g}: cross-encoder out-of-fold accuracy by epoch "
              f"{[round(a, 4) for a in per_epoch]}, chosen {chosen}; stacked {np.mean(stacked.argmax(1) == y):.4f}",
              flush=True)


if __name__ == "__main__":
    main()
