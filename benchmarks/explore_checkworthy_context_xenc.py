"""Would the fine-tuned check-worthiness network do better reading each sentence with the one before it? (session 44)

CLEF 2019's best systems read a debate sentence with its neighbours; onrecord's network (``checkworthy-xenc-v2``,
``onrecord.training.checkworthy``) reads each sentence alone. This script repeats that training's split and fine-tuning
step exactly — the same fit part and validation carve-out (3 training transcripts + 15 % of CT24 train), MiniLM's first
3 layers, 2 epochs, seed 0 — once with each sentence alone and once with the previous sentence of its transcript as the
second segment (CT24's isolated sentences keep an empty one), and prints the validation group MAP by epoch of both.
Dev is never read: the rule, set before the run, is to build the context model only if its best validation MAP beats
the sentence-alone run's by >= 0.01.

    python benchmarks/explore_checkworthy_context_xenc.py --shared ../shared [--seed 0] [--max-steps N]
        [--around] [--skip-alone] [--skip-previous]

Session 46 added ``--around``: the second segment is the previous line, `` [SEP] ``, and the next line (a debate's
rebuttal often follows a checkable claim), compared with the previous line alone; ``--skip-alone`` leaves out the
sentence-alone run and ``--skip-previous`` the previous-line run, whose figures sessions 44-45 recorded (the
v3 build repeated seed 0's to the last digit).

Both fine-tunings take ~16-25 min each on 2 cores (``--max-steps`` cuts them for a smoke test).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np


def parts(data: Path):
    """The training's fit and validation parts (each :class:`~onrecord.training.checkworthy.Part` holds the previous
    sentence of every transcript sentence)."""
    from onrecord.evaluation import checkworthy as cw
    from onrecord.training import checkworthy as tr

    transcripts = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    ct24_train = tr._one(data / "ct24", "*train*.tsv")
    dev_names = tr.dev_transcripts(transcripts, ct24_train.texts)
    train_files = [f for f in transcripts if f.path.name not in dev_names]
    valid_names = tr.dev_transcripts(train_files, ct24_train.texts, tr.VALID_TRANSCRIPTS)
    dev_text = {tr.normalise(t) for f in transcripts if f.path.name in dev_names for t in f.texts}
    valid_text = {tr.normalise(t) for f in train_files if f.path.name in valid_names for t in f.texts}
    ct24 = [(i, t, y) for i, t, y in zip(ct24_train.ids, ct24_train.texts, ct24_train.labels or [])
            if tr.normalise(t) not in dev_text]
    fit_ct24 = [(t, y) for i, t, y in ct24 if not tr._in_valid_share(i) and tr.normalise(t) not in valid_text]
    valid_ct24 = [(t, y) for i, t, y in ct24 if tr._in_valid_share(i)]
    fit_files = [f for f in train_files if f.path.name not in valid_names]
    valid_files = [f for f in train_files if f.path.name in valid_names]

    return tr.Part.of(fit_ct24, fit_files), tr.Part.of(valid_ct24, valid_files)  # each with its previous sentences


def around(part) -> list[str]:
    """The previous line, `` [SEP] `` and the next line of each transcript sentence (``""`` for CT24's isolated
    sentences; an edge of a transcript gives an empty side)."""
    from onrecord.evaluation import checkworthy as cw

    out = []
    for i, (text, group, before) in enumerate(zip(part.texts, part.groups, part.before)):
        if group == cw.CT24:
            out.append("")
            continue
        after = part.texts[i + 1] if i + 1 < len(part.texts) and part.groups[i + 1] == group else ""
        out.append(f"{before} [SEP] {after}")
    return out


def run(fit, fit_b: list[str], valid, valid_b: list[str], max_steps: int | None, seed: int = 0,
        snapshots: list[dict[str, np.ndarray]] | None = None) -> list[float]:
    """Validation group MAP by epoch of the training's fine-tuning recipe on (sentence, second segment) pairs;
    ``snapshots``, when given, receives every epoch's tensors."""
    from onrecord import models
    from onrecord.training import checkworthy as tr
    from onrecord.training.crossencoder import fine_tune

    def score(y: np.ndarray, logits: np.ndarray) -> float:
        return valid.group_ap(logits[:, 1] - logits[:, 0])

    _, history = fine_tune(models.load("minilm"), list(fit.texts), fit_b, fit.labels,
                           (list(valid.texts), valid_b, valid.labels), score, epochs=tr.CROSS_EPOCHS, seed=seed,
                           progress=False, max_steps=max_steps, n_classes=2, layers=tr.CROSS_LAYERS,
                           snapshots=snapshots)
    return [h["valid_score"] for h in history]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--max-steps", type=int, help="cut each fine-tuning (smoke test)")
    ap.add_argument("--seed", type=int, default=0,
                    help="the fine-tuning's seed (0, the training's, by default; session 45 repeated the run with 1)")
    ap.add_argument("--around", action="store_true", help="also run the previous and the next line as context")
    ap.add_argument("--skip-alone", action="store_true", help="leave out the sentence-alone run")
    ap.add_argument("--skip-previous", action="store_true", help="leave out the previous-line run")
    args = ap.parse_args()
    data = args.shared / "data" / "checkworthy"
    if not (data / "clef2019_train").is_dir():
        sys.exit(f"error: no CLEF 2019 transcripts under {data}")
    fit, valid = parts(data)
    print(f"seed {args.seed}: fit {len(fit.texts)} sentences ({int(fit.labels.sum())} check-worthy); validation {len(valid.texts)} "
          f"({int(valid.labels.sum())})", flush=True)
    runs = [("sentence alone", [""] * len(fit.texts), [""] * len(valid.texts)),
            ("with the previous sentence", fit.before, valid.before)]
    runs = [r for r, skip in zip(runs, (args.skip_alone, args.skip_previous)) if not skip]
    if args.around:
        runs.append(("with the previous and the next line", around(fit), around(valid)))
    for name, fb, vb in runs:
        start = time.perf_counter()
        maps = run(fit, fb, valid, vb, args.max_steps, args.seed)
        print(f"{name}: validation group MAP by epoch {', '.join(f'{m:.4f}' for m in maps)} "
              f"({time.perf_counter() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
