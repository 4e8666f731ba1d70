"""Is the attribution itself hedged? The report's ``hedged`` flag, measured on news.

The seed case rests on it: "Putin may believe …" is an attribution the author does not assert, and the verdict counts
how many of the holder's beliefs are hedged. PolNeAR marks no such thing, so ``benchmarks/data/news_attribution_hedged.tsv``
holds hand labels for every attribution the analyzer finds in the sentences of ``eval_news_hedging.py``'s sets A, B
and C (windows of 8 body sentences of 45 PolNeAR train articles and 45 FNC-1 train bodies): whether it is an
attribution at all, and whether the author hedges the attribution itself ("may believe", "reportedly said", "is
said to have told") rather than only its content ("officials said the plane may have crashed"). The guideline the
labellers read is ``benchmarks/data/news_attribution_hedged_guideline.md``. No rule was chosen on these labels.

    python benchmarks/eval_news_attribution_hedged.py --shared ../shared [--show]

Rows are matched by article, cue offset and cue text; an attribution the analyzer no longer finds is counted apart.
Reported: the share of found attributions that are attributions, and P / R / F1 of the flag over those that are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import bodies, labelled_sentences, prf  # noqa: E402
from eval_news_hedging import read_labels as _read  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_attribution_hedged.tsv"
LABELLED_SETS = ("A", "B", "C")  # the hedging sets whose attributions were labelled


def found_attributions(shared: Path) -> dict[tuple[str, int, str], object]:
    """(article, cue start, cue text) → the analyzer's attribution, for cues inside the labelled news sentences."""
    from onrecord.analyzers import attribution
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    rows, _, _ = labelled_sentences(shared, [r for r in _read() if r["set"] in LABELLED_SETS])
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        spans.setdefault(r["article"], []).append((int(r["start"]), int(r["end"])))
    articles = [(k, b) for arts in bodies(shared).values() for k, b in arts]
    out = {}
    for (key, _), doc in zip(articles, parse_many(Article(headline="", body=b, id=k) for k, b in articles)):
        for a in attribution.analyze(doc):
            if any(s <= a.cue.start < e for s, e in spans.get(key, ())):
                out[(key, a.cue.start, a.cue.text)] = a
    return out


def score(shared: Path, labels: list[dict[str, str]], show: bool = False) -> dict:
    found = found_attributions(shared)
    n = real = tp = fp = fn = 0
    unmatched = 0
    for r in labels:
        a = found.get((r["article"], int(r["cue_start"]), r["cue"]))
        if a is None:
            unmatched += 1
            continue
        n += 1
        if r["is_attribution"].strip() != "1":
            continue
        real += 1
        gold, got = r["hedged"].strip() == "1", bool(a.hedged)
        tp += gold and got
        fp += got and not gold
        fn += gold and not got
        if show and gold != got:
            print(f"  {'FP' if got else 'FN'} {r['article']} {r['cue_start']} [{a.source.text}] {a.cue.text} | "
                  f"{a.content_text[:90]}")
    return {"found": n, "attributions": real, "hedged_gold": tp + fn, "flagged": tp + fp, **prf(tp, fp, fn),
            "unmatched": unmatched, "new": len(found) - n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--show", action="store_true", help="print the attributions whose flag disagrees with the label")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        sys.exit(f"error: no PolNeAR train texts under {args.shared}/data/polnear/train/text")
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    r = score(args.shared, _read(args.labels), args.show)
    print(f"{r['found']} labelled attributions found, {r['attributions']} of them attributions "
          f"({r['attributions'] / max(1, r['found']):.3f}) | hedged: {r['hedged_gold']} labelled, {r['flagged']} flagged, "
          f"P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f}")
    if r["unmatched"] or r["new"]:
        print(f"{r['unmatched']} labelled attributions no longer found; {r['new']} found that are not labelled")


if __name__ == "__main__":
    main()
