"""Does what the stance cross-encoder reads matter? Scores the shipped cross-encoder on the *validation*
claims (a carve-out of FNC-1's train split, never dev) with passages chosen by
:func:`onrecord.stance_features.evidence_passage` at several ``cue_bonus`` values — the fine-tuned weights
unchanged, only the passage selection — and prints the figures ``python -m onrecord.training.stance`` judges a
recipe by (cross-encoder macro-F1, stacked out-of-fold macro-F1 with and without decision weights).

Run: ``python benchmarks/explore_stance_passages.py --data ../shared/data/fnc1 [--bonus 0 0.3 1]`` (~3 min on
2 cores: the deterministic boosting stages are refitted once for their out-of-fold probabilities).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from onrecord import minilm, models
from onrecord.training import stance
from onrecord.training.crossencoder import MAX_LENGTH


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=stance.DEFAULT_DATA, help="folder with FNC-1's train CSV files")
    ap.add_argument("--bonus", type=float, nargs="+", default=[0.0, 0.3, 1.0],
                    help="evidence_passage cue_bonus values to compare (0 = the shipped selection)")
    args = ap.parse_args()
    split_, bodies = stance.load_split(args.data)
    model, oof2, X = stance.fit_model(split_, bodies, seed=0, progress=False)
    model.cross = minilm.OnnxCrossEncoder(stance.XENC_ARTIFACT, models.load("minilm"), MAX_LENGTH)
    for bonus in args.bonus:
        model.passage_cue_bonus = bonus
        print(f"cue_bonus {bonus:g}: " + stance.format_validation(stance.fit_stacker(model, oof2, X, split_, bodies)),
              flush=True)


if __name__ == "__main__":
    main()
