"""How often the report's source kind is right: named, anonymous, pronoun, author, record or description.

PolNeAR marks source spans but not their kinds, so ``benchmarks/data/source_kinds_polnear_dev.tsv`` holds hand
labels of the kinds of onrecord's *predicted* sources in 30 PolNeAR dev articles (see its header for sets A and B).
This script runs the attribution analyzer on those articles, matches each labelled source by (article, source
text, cue) in order, and prints per set: kind accuracy, accuracy over the three classes the report's summary counts
(named / anonymous / other), the precision of "anonymous" (of the sources the report calls anonymous, the share that
are unnamed people), and the confusions. A source the analyzer no longer predicts is counted as unmatched.

    python benchmarks/eval_source_kinds.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

LABELS = Path(__file__).parent / "data" / "source_kinds_polnear_dev.tsv"
NAMED = ("named_person", "named_org")


def coarse(kind: str) -> str:
    """The summary's classes: named, anonymous, or neither."""
    return "named" if kind in NAMED else "anonymous" if kind == "anonymous" else "other"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def predicted_kinds(articles: list[str], dev: Path) -> dict[tuple[str, str, str], list[str]]:
    """(article, source text, cue) → the kinds the analyzer gives, in text order."""
    from onrecord.analyzers import attribution
    from onrecord.evaluation.attribution import as_article, discover
    from onrecord.nlp import parse_many

    wanted = set(articles)
    items = [it for it in discover([dev]) if it.name in wanted]
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for item, doc in zip(items, parse_many(as_article(it) for it in items)):
        for a in attribution.analyze(doc):
            key = (item.name, " ".join(a.source.text.split()), " ".join(a.cue.text.split()))
            out[key].append(a.source.kind)
    return out


def score(labels: list[dict[str, str]], predicted: dict[tuple[str, str, str], list[str]]) -> dict:
    left = {k: list(v) for k, v in predicted.items()}
    n = fine = three = unmatched = called_anon = anon_right = 0
    confusion: Counter = Counter()
    for row in labels:
        if row["kind"] == "junk":
            continue
        kinds = left.get((row["article"], " ".join(row["source"].split()), " ".join(row["cue"].split())))
        if not kinds:
            unmatched += 1
            continue
        kind = kinds.pop(0)
        n += 1
        fine += kind == row["kind"]
        three += coarse(kind) == coarse(row["kind"])
        if kind == "anonymous":
            called_anon += 1
            anon_right += row["kind"] == "anonymous"
        if kind != row["kind"]:
            confusion[(row["kind"], kind)] += 1
    return {"sources": n, "unmatched": unmatched, "kind_accuracy": fine / n if n else 0.0,
            "three_class_accuracy": three / n if n else 0.0, "called_anonymous": called_anon,
            "anonymous_precision": anon_right / called_anon if called_anon else 0.0, "confusion": confusion}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear/dev)")
    args = ap.parse_args()
    dev = args.shared / "data" / "polnear" / "dev"
    if not (dev / "text").is_dir():
        raise SystemExit(f"eval_source_kinds: {dev} is not a PolNeAR folder (give --shared the shared folder)")
    labels = read_labels()
    predicted = predicted_kinds(sorted({r["article"] for r in labels}), dev)
    for name in sorted({r["set"] for r in labels}):
        m = score([r for r in labels if r["set"] == name], predicted)
        print(f"set {name}: {m['sources']} sources ({m['unmatched']} labelled ones not predicted now): kind accuracy "
              f"{m['kind_accuracy']:.3f}, named / anonymous / other {m['three_class_accuracy']:.3f}; called anonymous "
              f"{m['called_anonymous']}, of which unnamed people {m['anonymous_precision']:.3f}")
        for (gold, pred), c in m["confusion"].most_common():
            print(f"    labelled {gold:13s} predicted {pred:13s} {c}")


if __name__ == "__main__":
    main()
