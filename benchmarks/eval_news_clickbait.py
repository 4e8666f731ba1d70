"""Clickbait on news headlines: does the model trained on publisher-labelled headlines transfer?

The ``clickbait`` model learns from Chakraborty et al.'s 2016 headlines, whose labels come from the publisher
(clickbait sites against news sites), so it can learn outlet style instead of clickbait. Its dev split and a
40-headline hand-written set say nothing about real news headlines, which are what the report scores. So
``benchmarks/data/news_clickbait.tsv`` holds hand labels of 100 PolNeAR headlines (train and dev article titles,
``metadata.tsv``) and 100 distinct FNC-1 training headlines, picked by hash, each labelled by two helpers
independently (``benchmarks/data/news_clickbait_guideline.md``), without the model's scores. The file stores each
headline's source key and a hash of its text, never the text: the corpora stay in ``../shared``. No setting was
chosen on these labels.

    python benchmarks/eval_news_clickbait.py --shared ../shared                 # score the model on the labels
    python benchmarks/eval_news_clickbait.py --shared ../shared --dump S.tsv    # a sheet to label

Per labeller and source: ROC AUC of the model's score, and P / R / F1 of its decision (score >= 0.5, as the
report reads it), with the share of headlines labelled clickbait.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import decision, read_labels, text_hash, write_sheet  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_clickbait.tsv"
PER_SOURCE = 100


def _rank(key: str) -> str:
    return hashlib.sha256(f"clickbait-news:{key}".encode()).hexdigest()


def headlines(shared: Path) -> dict[str, str]:
    """key -> headline: PER_SOURCE PolNeAR titles and PER_SOURCE distinct FNC-1 training headlines, by hash."""
    csv.field_size_limit(sys.maxsize)
    with (shared / "data" / "polnear" / "metadata.tsv").open(encoding="utf-8") as fh:
        pol = {f"polnear:{r['filename']}": r["title"] for r in csv.DictReader(fh, delimiter="\t")
               if r["compartment"] in ("train", "dev") and r["title"].strip()}
    with (shared / "data" / "fnc1" / "train_stances.csv").open(encoding="utf-8") as fh:
        fnc = {f"fnc1:{text_hash(r['Headline'])}": r["Headline"] for r in csv.DictReader(fh)}
    out = {}
    for table in (pol, fnc):
        for key in sorted(table, key=_rank)[:PER_SOURCE]:
            out[key] = " ".join(table[key].split())
    return out


def score(shared: Path, labels: list[dict[str, str]]) -> dict:
    """``{"unmatched": n, "by": {(labeller, source): figures}}``, source polnear, fnc1 or all: AUC, P / R / F1 of the
    decision at 0.5, how many headlines are labelled clickbait and how many are flagged."""
    from sklearn.metrics import roc_auc_score

    from onrecord import models

    texts = headlines(shared)
    rows = [r for r in labels if r["key"] in texts and text_hash(texts[r["key"]]) == r["hash"]]
    keys = sorted({r["key"] for r in rows})
    model = models.load("clickbait")
    scores = dict(zip(keys, (float(s) for s in model.scores([texts[k] for k in keys]))))
    by: dict[tuple[str, str], dict] = {}
    for labeller in sorted({r["labeller"] for r in rows}):
        for source in ("polnear", "fnc1", "all"):
            sel = [r for r in rows if r["labeller"] == labeller and (source == "all" or r["key"].startswith(source + ":"))]
            y = np.array([int(r["clickbait"].strip() == "1") for r in sel])
            sc = np.array([scores[r["key"]] for r in sel])
            by[(labeller, source)] = {"n": len(sel), "clickbait": int(y.sum()),
                                       "AUC": float(roc_auc_score(y, sc)) if 0 < y.sum() < len(y) else float("nan"),
                                       **decision(y, sc, 0.5)}
    return {"unmatched": len(labels) - len(rows), "by": by}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--dump", type=Path, help="write a labelling sheet of the sampled headlines here instead")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear" / "metadata.tsv").is_file():
        sys.exit(f"error: no PolNeAR metadata.tsv under {args.shared}/data/polnear")
    if args.dump:
        sampled = sorted(headlines(args.shared).items(), key=lambda kv: _rank(kv[0]))
        write_sheet(args.dump, ["key", "hash", "clickbait", "note", "headline"],
                    [[key, text_hash(text), "", "", text] for key, text in sampled])
        return
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    res = score(args.shared, read_labels(args.labels))
    print("| labeller | source | headlines | labelled clickbait | flagged (score >= 0.5) | AUC | P | R | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, r in res["by"].items():
        print(f"| {key[0]} | {key[1]} | {r['n']} | {r['clickbait']} | {r['flagged']} | {r['AUC']:.3f} | "
              f"{r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} |")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled headlines no longer found (text changed)")


if __name__ == "__main__":
    main()
