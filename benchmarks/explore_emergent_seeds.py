"""Would a bag of cross-encoders from several seeds lift Emergent's headline stance? Train claims only.

    python benchmarks/explore_emergent_seeds.py --shared ../shared [--seeds 0 1 2]

For each seed, the training's own step 2 (`onrecord.training.emergent`) as v3 ran it, without restated-claim
pairs: pre-training on FNC-1's pairs of the train claims, then the 4 claim-grouped fold fine-tunes, giving
out-of-fold logits of every train headline after each epoch (~15-20 min a seed on 2 cores; cached in
``~/.cache/onrecord/emergent-oof-seed{N}.npz``). A bag of the
first k seeds averages their out-of-fold logits (each headline's logits come only from fold models that never saw
its claim, whatever the seed), chooses the epoch by the bag's own out-of-fold accuracy, and is scored as the
training scores the shipped model: the stacker over the logistic regression's and the bag's out-of-fold inputs,
refitted on 5 claim-grouped folds. The bag would ship 4·k int8 graphs, so inference costs k times more.

The rule, set before the run: a bag is worth building if its stacked out-of-fold accuracy beats seed 0 alone (the
shipped recipe) by >= 0.01, as for every Emergent variant since session 6. Dev is never read.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from onrecord import models
from onrecord.training import cache_dir
from onrecord.training import emergent as te


def seed_logits(data: Path, seed: int, restated_share: float = 0.0) -> np.ndarray:
    """Out-of-fold logits of the train headlines by epoch, (epochs, rows, 3), for one seed (cached), with
    ``restated_share`` of each fold's fit headlines given a restated-claim pair (0: v3's recipe, which the
    bags here were measured on; ``explore_emergent_restated.py`` measures the pairs)."""
    name = f"emergent-oof-seed{seed}.npz" if not restated_share else f"emergent-oof-restated{restated_share:g}-seed{seed}.npz"
    path = cache_dir() / name
    if path.exists():
        with np.load(path) as f:
            return f["by_epoch"]
    s = te.load_split(data)
    start = time.perf_counter()
    pairs = te.pretraining_pairs(data.parent / "fnc1", s.train, s.dev)
    base = te.pretrain(models.load("minilm"), pairs, seed, True, None, reuse=True)
    saved, te.RESTATED_SHARE = te.RESTATED_SHARE, restated_share
    try:
        by_epoch = te.cross_out_of_fold(base, s.train, te.CROSS_EPOCHS, seed, True)
    finally:
        te.RESTATED_SHARE = saved
    print(f"seed {seed}, restated share {restated_share:g}: {time.perf_counter() - start:.0f} s", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, by_epoch=by_epoch)
    return by_epoch


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = ap.parse_args()
    data = args.shared / "data" / "emergent"
    if not data.is_dir() or not (args.shared / "data" / "fnc1").is_dir():
        raise SystemExit(f"explore_emergent_seeds: {args.shared}/data has no emergent/ and fnc1/ folders")
    rows = te.load_split(data).train
    y = te._labels(rows)
    _, lr_oof = te.fit_lr(rows, 0, False)
    logits = [seed_logits(data, seed) for seed in args.seeds]
    for k in range(1, len(logits) + 1):
        per_epoch, chosen, _, stacked = te.choose_epoch_and_stack(rows, lr_oof, np.mean(logits[:k], axis=0))
        print(f"seeds {args.seeds[:k]}: cross-encoder out-of-fold accuracy by epoch "
              f"{[round(a, 4) for a in per_epoch]}, chosen {chosen}; stacked {np.mean(stacked.argmax(1) == y):.4f}",
              flush=True)
    for seed, l in zip(args.seeds, logits):
        per_epoch = [float(np.mean(x.argmax(1) == y)) for x in l]
        print(f"seed {seed} alone: by epoch {[round(a, 4) for a in per_epoch]}")


if __name__ == "__main__":
    main()
