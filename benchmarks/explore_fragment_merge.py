"""How much of the exact-match loss is PolNeAR splitting a span at white space: score a predictions folder twice.

Some gold spans are cut into brat fragments with only white space between them ("… started the birther
controversy. ‖ I finished it,”": the annotator selected sentence by sentence), so a prediction covering the same words
in one fragment is not an exact match. This scores ``onrecord eval attribution``'s predictions as the scorer does, then
with fragments that only white space separates joined (gold's and the prediction's alike). It measures the metric;
the shipped scorer is unchanged.

    onrecord eval attribution ../shared/data/polnear/dev --jobs 2 --predictions /tmp/dev_pred
    python benchmarks/explore_fragment_merge.py ../shared/data/polnear/dev /tmp/dev_pred
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from onrecord.evaluation import attribution as ea  # noqa: E402
from onrecord.evaluation.brat import read_ann  # noqa: E402

_shipped = ea._normalize


def joined(frags: tuple, text: str) -> tuple:
    """``frags`` normalised as the scorer does, then those with only white space between them joined."""
    out: list[tuple[int, int]] = []
    for s, e in _shipped(frags, text):
        if out and out[-1][1] <= s and not text[out[-1][1]:s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path, help="a PolNeAR-layout folder with gold")
    ap.add_argument("predictions", type=Path, help="the folder of <name>.ann predictions for it")
    args = ap.parse_args()
    items = [i for i in ea.discover([args.folder]) if i.gold_path]
    pairs = [(i.text, read_ann(args.predictions / f"{i.name}.ann"), ea.read_gold(i)) for i in items]
    split: collections.Counter[str] = collections.Counter()
    for text, pred, gold in pairs:
        for side, atts in (("gold", gold), ("predicted", pred)):
            for a in atts:
                for kind, frags in (("source", a.source or ()), ("cue", a.cue), ("content", a.content)):
                    split[f"{side} {kind}"] += len(_shipped(frags, text)) != len(joined(frags, text))
    print("spans split only at white space:", dict(sorted(split.items())))
    for name, norm in (("scorer as shipped", _shipped), ("white-space gaps joined", joined)):
        ea._normalize = norm
        try:
            m = ea.score(pairs)
        finally:
            ea._normalize = _shipped
        print(f"{name}: exact F1 " + " / ".join(f"{k} {m[k]['exact']['f1']:.4f}"
                                                for k in ("Source", "Cue", "Content", "Attribution")))


if __name__ == "__main__":
    main()
