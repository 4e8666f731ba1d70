"""Do the small Emergent stacker gains add up? Outlet prior, claim context, the headline's speculation score and
its attribution features together, train claims only.

    python benchmarks/explore_emergent_combined.py --shared ../shared [--seeds 0 1]

Sessions 6-16 measured each of these features alone on the stacker's out-of-fold accuracy (5 claim-grouped folds
over the train claims), and each gained less than the +0.01 the project asks of a recipe change: the outlet prior
(alpha 2, ``explore_emergent_outlets.py``) +0.006 over seeds 0 and 1, claim context from the cross-encoder +0.003,
the hedging model's speculation score +0.002, the attribution features +0.002 (seed 0, ``explore_emergent_stacker.py``).
This script stacks them together, per seed, with the cross-encoder's out-of-fold logits of
``explore_emergent_seeds.py`` (cached in ``~/.cache/onrecord``; ~20 min a seed to recompute). The outlet prior is
computed inside each stacking fold from its fit headlines (a fit headline's own claim left out). Dev is not read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explore_emergent_outlets import stacked_accuracy, train_claims  # noqa: E402
from explore_emergent_seeds import seed_logits  # noqa: E402
from explore_emergent_stacker import headline_attributions, others_mean, softmax  # noqa: E402

from onrecord.claimstance import stack_inputs  # noqa: E402
from onrecord.training import emergent as te  # noqa: E402

ALPHA = 2.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = ap.parse_args()
    data, rows, y, claims, outlets, lr_oof = train_claims(args.shared, "explore_emergent_combined")
    from onrecord.analyzers.hedging import score_texts

    speculation = np.array([[s.score] for s, _ in score_texts([r.headline for r in rows])])
    attributed = headline_attributions([r.headline for r in rows])
    names = ["shipped stacker", "+ outlet prior", "+ claim context", "+ speculation", "+ attribution", "all four",
             "all four, C 0.3"]
    print("| seed | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    table = []
    for seed in args.seeds:
        by_epoch = seed_logits(data, seed)
        _, chosen, _, _ = te.choose_epoch_and_stack(rows, lr_oof, by_epoch)
        Z = stack_inputs(lr_oof, by_epoch[chosen - 1])
        context = np.log(others_mean(softmax(by_epoch[chosen - 1]), claims) + 1e-3)
        everything = np.hstack([Z, context, speculation, attributed])
        cells = [stacked_accuracy(Z, y, claims, outlets, None), stacked_accuracy(Z, y, claims, outlets, ALPHA),
                 *(stacked_accuracy(np.hstack([Z, extra]), y, claims, outlets, None)
                   for extra in (context, speculation, attributed)),
                 stacked_accuracy(everything, y, claims, outlets, ALPHA),
                 stacked_accuracy(everything, y, claims, outlets, ALPHA, C=0.3)]
        table.append(cells)
        print(f"| {seed} | " + " | ".join(f"{c:.4f}" for c in cells) + " |", flush=True)
    mean = np.mean(table, axis=0)
    print("| mean | " + " | ".join(f"{c:.4f}" for c in mean) + " |")
    print("gain of each over the shipped stacker (mean): " + ", ".join(f"{n} {m - mean[0]:+.4f}" for n, m in zip(names[1:], mean[1:])))


if __name__ == "__main__":
    main()
