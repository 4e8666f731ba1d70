"""Measure a bag of MiniLM cue taggers, or of role taggers (logits averaged), inside the whole attribution analyzer.

The shipped cue tagger (seed 0) and a second fine-tune of the same recipe with another seed
(``cue_tagger.train(..., seed=1)``, in a scratch worktree: its ONNX graph is passed with ``--extra``) are run alone and
as a bag, on the carve-out (the 107 PolNeAR train articles neither MiniLM tagger saw) and on dev. The analyzer runs in
this process (one worker) with the bag substituted for the registry's cue tagger; ``MINILM_CUE_MIN_PROB`` stays as
shipped.

    python benchmarks/explore_cue_bag.py --shared ../shared --extra /tmp/wt_seed1/src/onrecord/artifacts/attribution_cues.onnx

With ``--role``, the extra graphs are role taggers (``role_tagger.train(..., seed=1)``), bagged with the shipped one
(:class:`RoleBag`); ``--second-below`` adds the bag read as a cascade at each
threshold given (the extra graphs read only the cues where the shipped one is unsure of some piece).

    python benchmarks/explore_cue_bag.py --shared ../shared --role --extra SEED1.onnx --splits carve \
        --second-below 0.6,0.7,0.8,0.9
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


class RoleBag(tt.OnnxRoleTagger):
    """Several role taggers' graphs over one base, read as a cascade: the first graph reads every cue; where it is
    unsure of some piece of the cue's window (its most probable label below ``second_below``) the other graphs read
    the cue too and the logits of all are averaged. ``second_below`` above 1 is the plain bag (every graph reads every
    cue)."""

    def __init__(self, paths: list[Path], base: object, second_below: float = 2.0) -> None:
        super().__init__(paths[0], base)
        self.others = [tt.OnnxRoleTagger(p, base).session for p in paths[1:]]
        self.second_below = second_below
        self.calls = [0] * len(paths)  # ONNX calls per graph (the cascade's cost)

    def logits(self, ws: list) -> np.ndarray:
        feed = self.feed(ws)
        first = self.session.run(None, feed)[0]
        self.calls[0] += 1
        z = np.exp(first - first.max(axis=2, keepdims=True))
        top = (z.max(axis=2) / z.sum(axis=2))[:, 1:]  # each piece's most probable label's probability
        unsure = [r for r, w in enumerate(ws) if top[r, :len(w.ids)].min() < self.second_below]
        if not unsure:
            return first
        total = first.copy()
        for k, session in enumerate(self.others, 1):
            total += session.run(None, feed)[0]  # the whole batch, as the first graph read it (int8 scales per batch)
            self.calls[k] += 1
        out = first.copy()
        out[unsure] = total[unsure] / (1 + len(self.others))
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
    ap.add_argument("--second-below", default="", help="role bags read as cascades at these thresholds (comma-separated)")
    args = ap.parse_args()
    polnear = args.shared / "data" / "polnear"
    name = "role_tagger" if args.role else "cue_tagger"
    shipped = models.load(name)
    base = models.load("minilm")
    variants = {"shipped": shipped}
    if args.role:
        graphs = [shipped_path(), *args.extra]
        variants["bag"] = RoleBag(graphs, base)  # every cue read by every graph
        for tau in filter(None, args.second_below.split(",")):
            variants[f"cascade {tau}"] = RoleBag(graphs, base, second_below=float(tau))
    else:
        extras = [tt.OnnxTokenTagger(p, base) for p in args.extra]
        variants.update({f"extra{i}": e for i, e in enumerate(extras)}, bag=Bag([shipped, *extras]))
    for split in args.splits.split(","):
        items = split_items(polnear, split)
        for variant, tagger in variants.items():
            figures = run(items, tagger, name)
            calls = f"ONNX calls per graph {tagger.calls}" if hasattr(tagger, "calls") else ""
            if calls:
                tagger.calls = [0] * len(tagger.calls)
            print(split, variant, figures, calls, flush=True)


def split_items(polnear: Path, split: str) -> list[ea.Item]:
    """PolNeAR's articles of ``split``: "carve" is the 107 train articles of the taggers' validation carve-out."""
    if split == "carve":
        return [i for i in ea.discover([polnear / "train"]) if cue_tagger.in_validation(i.name)]
    return ea.discover([polnear / split])


def shipped_path() -> Path:
    """The shipped role tagger's graph."""
    return models.REGISTRY["role_tagger"].files()["model"]


if __name__ == "__main__":
    main()
