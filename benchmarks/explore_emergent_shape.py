"""Does the headline's shape (asserted / hedged / credited / question) help Emergent's stance stacker? Train claims only.

    python benchmarks/explore_emergent_shape.py --shared ../shared [--seeds 0 1]

Emergent's "observing" headlines report a claim without asserting it — "Apple reportedly buying Beats", "Report:
…", "Is Banksy dead?" — which is what the headline analyzer's shapes name since session 28 (the hedged shape, the
credited ones; ``benchmarks/eval_headline_shape.py``: hedged F1 0.83 on news headlines, against 0.78 for the hedging
model, whose score session 10 tried here: +0.002). Each train headline, read with an empty body, gets three 0/1
features (hedged, credited, question) added to the shipped stacker's inputs; the out-of-fold accuracy is the
training's (5 claim-grouped folds over the train claims), per seed of ``explore_emergent_seeds.py`` (cached in
``~/.cache/onrecord``). Dev is not read. The rule, set before the run: build only at >= +0.01 mean over seeds 0 and 1,
neither seed losing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_headline_shape import predict  # noqa: E402
from explore_emergent_outlets import stacked_accuracy, train_claims  # noqa: E402
from explore_emergent_seeds import seed_logits  # noqa: E402

from onrecord.claimstance import stack_inputs  # noqa: E402
from onrecord.training import emergent as te  # noqa: E402

SHAPES = ("hedged", "credited", "question")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = ap.parse_args()
    data, rows, y, claims, outlets, lr_oof = train_claims(args.shared, "explore_emergent_shape")
    shapes = predict({str(i): r.headline for i, r in enumerate(rows)})
    S = np.array([[float(shapes[str(i)][0] == s) for s in SHAPES] for i in range(len(rows))])
    labels = ("for", "against", "observing")
    for j, s in enumerate(SHAPES):
        sel = S[:, j] == 1
        dist = ", ".join(f"{labels[k]} {np.mean(y[sel] == k):.2f}" for k in range(3)) if sel.any() else "-"
        print(f"{s}: {int(sel.sum())} of {len(rows)} train headlines ({dist})")
    print("| seed | shipped stacker | + shape | + hedged only |")
    print("|---:|---:|---:|---:|")
    table = []
    for seed in args.seeds:
        by_epoch = seed_logits(data, seed)
        _, chosen, _, _ = te.choose_epoch_and_stack(rows, lr_oof, by_epoch)
        Z = stack_inputs(lr_oof, by_epoch[chosen - 1])
        cells = [stacked_accuracy(Z, y, claims, outlets, None), stacked_accuracy(np.hstack([Z, S]), y, claims, outlets, None),
                 stacked_accuracy(np.hstack([Z, S[:, :1]]), y, claims, outlets, None)]
        table.append(cells)
        print(f"| {seed} | " + " | ".join(f"{c:.4f}" for c in cells) + " |", flush=True)
    mean = np.mean(table, axis=0)
    print("| mean | " + " | ".join(f"{c:.4f}" for c in mean) + " |")


if __name__ == "__main__":
    main()
