"""Would a soup of two seeds make a better check-worthiness network at one network's cost? (session 50)

``checkworthy-xenc-v3`` (``onrecord.training.checkworthy``) is one fine-tuning run, seed 0, and its validation group MAP
moves with the seed (0.5471 for seed 0, 0.5486 for seed 1; sessions 44-45). A uniform soup — the weights of several
runs from the same start and recipe averaged, epoch for epoch — often scores above its members when they stay in one
basin, and costs what one network costs at inference, so the report's speed would not change. Session 26 tried a
soup on the FNC-1 stance network with members kept at different epochs, and it fell below both; this soup takes the
same epoch of each seed.

The script repeats the training's split and fine-tuning step exactly (the previous-line input, 3 layers, 2 epochs) for
each seed, keeps every epoch's tensors (cached in ``~/.cache/onrecord/checkworthy-soup-seed{S}.npz``, so a rerun
skips a finished seed), and prints the validation group MAP of each seed by epoch, of the uniform soup at each epoch,
and, for reference only, of the average of the seeds' logits (twice the cost, which the report cannot afford). Dev is
never read. All figures are of the float network; the shipped one is its int8 export.

The rule, set before the run: a soup is worth building only if its validation group MAP at the recipe's last epoch
reaches >= 0.5571 (seed 0's 0.5471 + 0.01) and beats both of its members at that epoch.

    python benchmarks/explore_checkworthy_soup.py --shared ../shared [--seeds 0 1] [--max-steps N]

Each seed's fine-tuning takes ~20 min on 2 cores (``--max-steps`` cuts it for a smoke test, and then caches nothing).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from explore_checkworthy_context_xenc import parts, run  # noqa: E402

CACHE = Path.home() / ".cache" / "onrecord"


def seed_snapshots(fit, valid, seed: int, max_steps: int | None) -> list[dict[str, np.ndarray]]:
    """Every epoch's fine-tuned tensors of one seed (from the cache when a full run is there)."""
    path = CACHE / f"checkworthy-soup-seed{seed}.npz"
    if max_steps is None and path.exists():
        with np.load(path) as z:
            epochs = sorted({int(k.split("/", 1)[0]) for k in z.files})
            return [{k.split("/", 1)[1]: z[k] for k in z.files if int(k.split("/", 1)[0]) == e} for e in epochs]
    snapshots: list[dict[str, np.ndarray]] = []
    start = time.perf_counter()
    by_epoch = ", ".join(f"{m:.4f}" for m in run(fit, fit.before, valid, valid.before, max_steps, seed, snapshots))
    print(f"seed {seed}: fine-tuned in {time.perf_counter() - start:.0f} s (validation group MAP by epoch {by_epoch})",
          flush=True)
    if max_steps is None:
        CACHE.mkdir(parents=True, exist_ok=True)
        np.savez(path, **{f"{e}/{k}": v for e, snap in enumerate(snapshots) for k, v in snap.items()})
    return snapshots


def valid_logits(tensors: dict[str, np.ndarray], valid) -> np.ndarray:
    from onrecord import models
    from onrecord.checkworthiness import sentence_pairs
    from onrecord.training import crossencoder as ce

    enc = models.load("minilm")
    return ce.predict_logits(ce.torch_model(enc, tensors), enc, *sentence_pairs(valid.texts, valid.before))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    ap.add_argument("--max-steps", type=int, help="cut each fine-tuning (smoke test; nothing is cached)")
    args = ap.parse_args()
    data = args.shared / "data" / "checkworthy"
    if not (data / "clef2019_train").is_dir():
        sys.exit(f"error: no CLEF 2019 transcripts under {data}")
    fit, valid = parts(data)
    print(f"fit {len(fit.texts)} sentences; validation {len(valid.texts)} ({int(valid.labels.sum())} check-worthy)",
          flush=True)

    def group_map(logits: np.ndarray) -> float:
        return valid.group_ap(logits[:, 1] - logits[:, 0])

    runs = {seed: seed_snapshots(fit, valid, seed, args.max_steps) for seed in args.seeds}
    n_epochs = min(len(r) for r in runs.values())
    for epoch in range(n_epochs):
        members = [runs[s][epoch] for s in args.seeds]
        logits = [valid_logits(m, valid) for m in members]
        soup = {k: np.mean([m[k] for m in members], axis=0).astype(np.float32) for k in members[0]}
        line = ", ".join(f"seed {s} {group_map(x):.4f}" for s, x in zip(args.seeds, logits))
        print(f"epoch {epoch + 1}: {line}; soup {group_map(valid_logits(soup, valid)):.4f}; "
              f"logits averaged {group_map(np.mean(logits, axis=0)):.4f}", flush=True)


if __name__ == "__main__":
    main()
