"""Score the shipped stance cross-encoder on the *validation* claims (a carve-out of FNC-1's train split,
never dev), with the figures ``python -m onrecord.training.stance`` prints for a freshly trained one — so
a new training recipe can be compared with the shipped model without reading dev.

Run: ``python benchmarks/stance_validation.py --data ../shared/data/fnc1`` (~3 min on 2 cores: it refits
the deterministic boosting stages to get their out-of-fold probabilities, which the stacker reads).
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
    ap.add_argument("--cross", type=Path, default=stance.XENC_ARTIFACT, help="the int8 ONNX cross-encoder to score")
    args = ap.parse_args()
    split_, bodies = stance.load_split(args.data)
    model, oof2, X = stance.fit_model(split_, bodies, seed=0, progress=True)
    model.cross = minilm.OnnxCrossEncoder(args.cross, models.load("minilm"), MAX_LENGTH)
    print(f"{args.cross.name}: " + stance.format_validation(stance.fit_stacker(model, oof2, X, split_, bodies)))


if __name__ == "__main__":
    main()
