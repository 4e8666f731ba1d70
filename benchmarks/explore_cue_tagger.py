"""Would the MiniLM cue tagger help the attribution analyzer on articles neither it nor the CRFs saw?

    python benchmarks/explore_cue_tagger.py --shared ../shared [--reuse] [--variants cue-tagger|thresholds|content-bounds|unstated-sources] [--epochs N] [--layers N ...]

The session-7 comparison of ``analyzers.attribution.CUE_TAGGER`` was made on dev (optimistic) and on train articles
the shipped CRFs were fitted on (biased towards the CRF). This one is fair: it takes the split of ``python -m
onrecord.training.attribution --select-pipeline`` (80 % of PolNeAR train fit, 20 % held out by a hash of the name),
fine-tunes the cue tagger on the fit part only (its epoch chosen on a 10 % carve-out of that part; 10 min on 2 cores
with 3 layers, 21 with 6; ``--reuse`` takes the tensors a previous run cached), fits the CRFs on the fit part (once
for all the ``--layers`` given), and scores the whole analyzer on the held-out part for each setting of ``CUE_TAGGER``
/ ``MINILM_CUE_MIN_PROB`` (``--variants cue-tagger``, the default) or with the content-boundary rules off and on
(``--variants content-bounds``; session 11), or without and with the session-12 source rules added one at a time
(``--variants unstated-sources``), exactly as ``onrecord eval attribution`` scores dev. Dev is not read. Writes
nothing in the package.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

from onrecord import models
from onrecord.token_tagger import OnnxTokenTagger
from onrecord.training import attribution as att_training
from onrecord.training import cache_dir
from onrecord.training import cue_tagger

VARIANTS = (
    {"CUE_TAGGER": "crf", "QUOTE_LEAD": False, "CONTINUE_PAST_ASIDES": False, "TAGGER_CONTENT_NEAR": False},  # session 8 rules off
    {"CUE_TAGGER": "crf"},
    {"CUE_TAGGER": "minilm", "MINILM_CUE_MIN_PROB": 0.8},
    {"CUE_TAGGER": "minilm", "MINILM_CUE_MIN_PROB": 0.9},
    {"CUE_TAGGER": "minilm", "MINILM_CUE_MIN_PROB": 0.97},
    {"CUE_TAGGER": "both", "MINILM_CUE_MIN_PROB": 0.9},
)
# The shipped analyzer without and with the content-boundary rules (analyzers.attribution.CONTENT_BOUNDS).
CONTENT_VARIANTS = (
    {"CONTENT_BOUNDS": False},
    {"CONTENT_BOUNDS": True},
)
METRICS = ("Source", "Cue", "Content", "Attribution")
# The session-12 rules added one by one: unstated sources, records as sources, poll frames (analyzers.attribution).
UNSTATED_VARIANTS = (
    {"UNSTATED_SOURCES": False, "EVIDENCE_SOURCES": False, "POLL_FRAMES": False},
    {"UNSTATED_SOURCES": True, "EVIDENCE_SOURCES": False, "POLL_FRAMES": False},
    {"UNSTATED_SOURCES": True, "EVIDENCE_SOURCES": True, "POLL_FRAMES": False},
    {"UNSTATED_SOURCES": True, "EVIDENCE_SOURCES": True, "POLL_FRAMES": True},
)
# The shipped analyzer at three thresholds of the tagger's B probability (session 48: 3 and 6 layers).
THRESHOLD_VARIANTS = tuple({"MINILM_CUE_MIN_PROB": p} for p in (0.8, 0.9, 0.95))
VARIANT_SETS = {"cue-tagger": VARIANTS, "thresholds": THRESHOLD_VARIANTS, "content-bounds": CONTENT_VARIANTS,
                "unstated-sources": UNSTATED_VARIANTS}
SHOWN = ("tagger", "CUE_TAGGER", "MINILM_CUE_MIN_PROB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--reuse", action="store_true", help="take the tagger tensors a previous run cached")
    ap.add_argument("--variants", choices=sorted(VARIANT_SETS), default="cue-tagger",
                    help="which analyzer settings to compare (default: the cue taggers)")
    ap.add_argument("--epochs", type=int, default=cue_tagger.EPOCHS,
                    help=f"fine-tuning epochs of the tagger (default {cue_tagger.EPOCHS}, the shipped recipe); the best "
                         "on the carve-out is kept")
    ap.add_argument("--layers", type=int, nargs="+", default=[cue_tagger.LAYERS],
                    help=f"MiniLM layers the tagger keeps (default {cue_tagger.LAYERS}, the shipped recipe; 6 = all); "
                         "several: one tagger each, compared over the same CRFs")
    args = ap.parse_args()
    data = args.shared / "data" / "polnear"
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    enc = models.load("minilm")
    epochs = "" if args.epochs == cue_tagger.EPOCHS else f"-epochs{args.epochs}"
    fit, valid = cue_tagger.split(data)
    items = [it for it in fit + valid if not att_training._held_out(it.name)]  # the CRFs' fit part
    tagger_fit = [it for it in items if not cue_tagger.in_validation(it.name)]
    tagger_valid = [it for it in items if cue_tagger.in_validation(it.name)]
    with tempfile.TemporaryDirectory() as tmp:
        taggers = {}
        for layers in args.layers:
            cached = cache_dir() / f"cue-tagger-select-split-layers{layers}{epochs}.npz"
            if args.reuse and cached.exists():
                with np.load(cached) as f:
                    tensors = {k: f[k] for k in f.files}
            else:
                tensors, _ = cue_tagger._fine_tune(enc, tagger_fit, tagger_valid, args.epochs, layers, 0, True)
                cached.parent.mkdir(parents=True, exist_ok=True)
                np.savez(cached, **tensors)
            onnx = Path(tmp) / f"cues-{layers}.onnx"
            cue_tagger.export_onnx(enc, tensors, onnx)
            taggers[f"{layers} layers"] = OnnxTokenTagger(onnx, enc)
        say("parsing PolNeAR train …")
        parsed = att_training.parse_split(data / "train")
        rows = att_training.compare_pipeline(parsed, VARIANT_SETS[args.variants], say=say, cue_taggers=taggers)
    print("| tagger | CUE_TAGGER | min B probability | other settings | source | cue | content | whole attribution |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for r in rows:
        other = ", ".join(f"{k}={v}" for k, v in r.items() if k not in SHOWN and k not in METRICS)
        print(f"| {r.get('tagger', '')} | {r.get('CUE_TAGGER', 'minilm (shipped)')} | {r.get('MINILM_CUE_MIN_PROB', '')} | "
              f"{other} | {r['Source']:.4f} | {r['Cue']:.4f} | {r['Content']:.4f} | {r['Attribution']:.4f} |")


if __name__ == "__main__":
    main()
