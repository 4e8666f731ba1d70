"""Measure a bag of MiniLM cue taggers, or of role taggers (logits averaged), inside the whole attribution analyzer.

The shipped cue tagger (seed 0) and a second fine-tune of the same recipe with another seed
(``cue_tagger.train(..., seed=1)``, in a scratch worktree: its ONNX graph is passed with ``--extra``) are run alone and
as a bag, on the carve-out (the 107 PolNeAR train articles neither MiniLM tagger saw) and on dev. The analyzer runs in
this process (one worker) with the bag substituted for the registry's cue tagger; ``MINILM_CUE_MIN_PROB`` stays as
shipped.

    python benchmarks/explore_cue_bag.py --shared ../shared --extra /tmp/wt_seed1/src/onrecord/artifacts/attribution_cues.onnx

With ``--role``, the extra graphs are role taggers (``role_tagger.train(..., seed=1)``), bagged with the shipped one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from onrecord import models  # noqa: E402
from onrecord import token_tagger as tt  # noqa: E402
from onrecord.evaluation import attribution as ea  # noqa: E402
from onrecord.training import cue_tagger  # noqa: E402


class Bag:
    """Several token taggers over one base, their logits averaged."""

    def __init__(self, taggers: list) -> None:
        self.taggers = taggers
        self.base = taggers[0].base

    def logits(self, ws: list) -> list[np.ndarray]:
        outs = [t.logits(ws) for t in self.taggers]
        return [np.mean(np.stack(group), axis=0) for group in zip(*outs)]

    def spans(self, text: str, min_b: float = 0.0) -> list[tuple[int, int]]:
        ws = tt.windows(self.base.tokenizer, text)
        return tt.decode(ws, [tt.tags(lg, min_b) for lg in self.logits(ws)])


class RoleBag:
    """Several role taggers over one base, their logits averaged (as ``OnnxRoleTagger.roles``)."""

    def __init__(self, taggers: list) -> None:
        self.taggers = taggers
        self.base = taggers[0].base

    def roles(self, text: str, cues: list) -> list:
        first = self.taggers[0]
        ws = [tt.role_window(self.base.tokenizer, text, cue) for cue in cues]
        table = self.base.w["embeddings.word_embeddings.weight"]
        out: list = [([], [])] * len(ws)
        order = sorted(range(len(ws)), key=lambda i: (len(ws[i].ids), i))
        for k in range(0, len(order), tt.ROLE_BATCH):
            idx = [i for i in order[k:k + tt.ROLE_BATCH] if ws[i].ids]
            if not idx:
                continue
            ids, types, mask, _ = tt.role_arrays([ws[i] for i in idx], first.cls, first.sep)
            feed = {"embeds": table[ids], "types": types, "mask": mask}
            res = np.mean([t.session.run(None, feed)[0] for t in self.taggers], axis=0)
            for r, i in enumerate(idx):
                out[i] = tt.decode_roles(ws[i], res[r, 1:len(ws[i].ids) + 1].argmax(axis=1))
        return out


def run(items: list[ea.Item], tagger: object, name: str = "cue_tagger") -> dict:
    with models.substituted(name, tagger):
        start = time.perf_counter()
        preds = list(ea.predict(items, progress=False))
        seconds = time.perf_counter() - start
    m = ea.score((it.text, p, ea.read_gold(it)) for it, p in zip(items, preds) if it.gold_path)
    out = {k: round(m[k]["exact"]["f1"], 4) for k in ("Source", "Cue", "Content", "Attribution")}
    out["seconds"] = round(seconds, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--extra", type=Path, action="append", required=True, help="another cue tagger's ONNX graph")
    ap.add_argument("--splits", default="carve,dev")
    ap.add_argument("--role", action="store_true", help="the extra graphs are role taggers")
    args = ap.parse_args()
    polnear = args.shared / "data" / "polnear"
    name = "role_tagger" if args.role else "cue_tagger"
    shipped = models.load(name)
    kind, bag = (tt.OnnxRoleTagger, RoleBag) if args.role else (tt.OnnxTokenTagger, Bag)
    extras = [kind(p, models.load("minilm")) for p in args.extra]
    variants = {"shipped": shipped, **{f"extra{i}": e for i, e in enumerate(extras)}, "bag": bag([shipped, *extras])}
    for split in args.splits.split(","):
        if split == "carve":
            items = [i for i in ea.discover([polnear / "train"]) if cue_tagger.in_validation(i.name)]
        else:
            items = ea.discover([polnear / split])
        for variant, tagger in variants.items():
            print(split, variant, run(items, tagger, name), flush=True)


if __name__ == "__main__":
    main()
