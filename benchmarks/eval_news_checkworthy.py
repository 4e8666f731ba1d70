"""Check-worthiness on news: does the model trained on debates and ClaimBuster sentences transfer to news bodies?

The ``checkworthy`` model learns from CheckThat! 2019 debate and speech transcripts and CheckThat! 2024
(ClaimBuster) sentences, and the report scores every news body sentence with it. Nothing measured it on news, so
``benchmarks/data/news_checkworthy.tsv`` holds hand labels, in ClaimBuster's scheme (a check-worthy factual
sentence: a verifiable fact the public would want checked; see ``benchmarks/data/news_checkworthy_guideline.md``,
the guideline the labellers read), of the same news sentences as ``eval_news_hedging.py`` (its sets A, B and C:
windows of 8 body sentences of 45 PolNeAR train articles and 45 FNC-1 train bodies). No rule or setting was chosen
on these labels, so every set is a test set; they are reported apart to show their spread.

    python benchmarks/eval_news_checkworthy.py --shared ../shared

Per set: average precision over the pooled sentences, ROC AUC, and P / R / F1 of the report's decision (score >=
the model's threshold); also the mean over articles of the average precision within the article's window (articles
with a check-worthy sentence), the ranking a reader of one report sees.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import SETS, labelled_sentences, prf, read_labels  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_checkworthy.tsv"


def _ap(y: np.ndarray, s: np.ndarray) -> float:
    from onrecord.evaluation.checkworthy import average_precision, ranked_labels

    return average_precision(ranked_labels(y, s))


def score(shared: Path, labels: list[dict[str, str]]) -> dict:
    from sklearn.metrics import roc_auc_score

    from onrecord import models

    rows, texts, unmatched = labelled_sentences(shared, labels)
    sentences = [" ".join(t.split()) for t in texts]
    model = models.load("checkworthy")
    scores = np.asarray(model.scores(sentences), dtype=float)
    threshold = float(model.threshold)
    out: dict = {"threshold": threshold, "unmatched": unmatched}
    for s in (*SETS, "all"):
        idx = [i for i, r in enumerate(rows) if s == "all" or r["set"] == s]
        if not idx:
            continue
        y = np.array([int(rows[i]["checkworthy"].strip() == "1") for i in idx])
        sc = scores[idx]
        pred = sc >= threshold
        tp, fp, fn = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y == 1)).sum())
        per_article = []
        for key in dict.fromkeys(rows[i]["article"] for i in idx):
            j = [i for i in idx if rows[i]["article"] == key]
            ya = np.array([int(rows[i]["checkworthy"].strip() == "1") for i in j])
            if ya.sum():
                per_article.append(_ap(ya, scores[j]))
        out[s] = {"sentences": len(idx), "checkworthy": int(y.sum()), "AP": _ap(y, sc), "AUC": float(roc_auc_score(y, sc)) if 0 < y.sum() < len(y) else 0.0,
                  **prf(tp, fp, fn), "flagged": int(pred.sum()),
                  "article_MAP": float(np.mean(per_article)) if per_article else 0.0, "articles": len(per_article),
                  "base_rate": float(y.mean())}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        sys.exit(f"error: no PolNeAR train texts under {args.shared}/data/polnear/train/text")
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    res = score(args.shared, read_labels(args.labels))
    print(f"threshold {res['threshold']:.3f} (the model's)")
    for s in (*SETS, "all"):
        if s not in res:
            continue
        r = res[s]
        print(f"set {s}: {r['sentences']} sentences, {r['checkworthy']} check-worthy (base rate {r['base_rate']:.3f}) | "
              f"AP {r['AP']:.3f} AUC {r['AUC']:.3f} | at threshold P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f} "
              f"({r['flagged']} flagged) | per-article MAP {r['article_MAP']:.3f} over {r['articles']}")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled sentences no longer found (text changed)")


if __name__ == "__main__":
    main()
