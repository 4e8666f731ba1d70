"""Check-worthiness on news: does the model trained on debates and ClaimBuster sentences transfer to news bodies?

The ``checkworthy`` model learns from CheckThat! 2019 debate and speech transcripts and CheckThat! 2024
(ClaimBuster) sentences, and the report scores every news body sentence with it. Nothing measured it on news, so
``benchmarks/data/news_checkworthy.tsv`` holds hand labels, in ClaimBuster's scheme (a check-worthy factual
sentence: a verifiable fact the public would want checked; see ``benchmarks/data/news_checkworthy_guideline.md``,
the guideline the labellers read), of the same news sentences as ``eval_news_hedging.py`` (its sets A, B and C:
windows of 8 body sentences of 45 PolNeAR train articles and 45 FNC-1 train bodies). No rule or setting was chosen
on these labels, so every set is a test set; they are reported apart to show their spread.

    python benchmarks/eval_news_checkworthy.py --shared ../shared            # score the test sets A, B, C
    python benchmarks/eval_news_checkworthy.py --shared ../shared --select   # choose the report's threshold on set D

Per set: average precision over the pooled sentences, ROC AUC, and P / R / F1 of the report's decision (score >=
``report.CHECKWORTHY_THRESHOLD``) and of the model's own threshold (chosen on CT24 at training time); also the mean
over articles of the average precision within the article's window (articles with a check-worthy sentence), the
ranking a reader of one report sees.

``--select`` reads ``benchmarks/data/news_checkworthy_select.tsv``: the sentences of set D (the hedging sets' fourth
window of 15 + 15 articles), each labelled by two helpers independently (one row per sentence and labeller). It
prints their agreement and, for each threshold of a grid, the F1 of each labeller's labels and their mean; the
threshold with the best mean is the report's candidate (session 27: see BENCHMARKS.md). The test sets are not read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import SETS, cohen_kappa, decision, labelled_sentences, read_labels  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_checkworthy.tsv"
SELECT_LABELS = Path(__file__).parent / "data" / "news_checkworthy_select.tsv"
GRID = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))  # thresholds --select compares: 0.05 … 0.95


def _ap(y: np.ndarray, s: np.ndarray) -> float:
    from onrecord.evaluation.checkworthy import average_precision, ranked_labels

    return average_precision(ranked_labels(y, s))


def score(shared: Path, labels: list[dict[str, str]]) -> dict:
    from sklearn.metrics import roc_auc_score

    from onrecord import models
    from onrecord.report import CHECKWORTHY_THRESHOLD

    rows, texts, unmatched = labelled_sentences(shared, labels)
    model = models.load("checkworthy")
    scores = np.asarray(model.scores([" ".join(t.split()) for t in texts]), dtype=float)  # each alone, as the report
    threshold, model_threshold = float(CHECKWORTHY_THRESHOLD), float(model.threshold)
    out: dict = {"threshold": threshold, "model_threshold": model_threshold, "unmatched": unmatched}
    for s in (*SETS, "all"):
        idx = [i for i, r in enumerate(rows) if s == "all" or r["set"] == s]
        if not idx:
            continue
        y = np.array([int(rows[i]["checkworthy"].strip() == "1") for i in idx])
        sc = scores[idx]
        per_article = []
        for key in dict.fromkeys(rows[i]["article"] for i in idx):
            j = [i for i in idx if rows[i]["article"] == key]
            ya = np.array([int(rows[i]["checkworthy"].strip() == "1") for i in j])
            if ya.sum():
                per_article.append(_ap(ya, scores[j]))
        out[s] = {"sentences": len(idx), "checkworthy": int(y.sum()), "AP": _ap(y, sc), "AUC": float(roc_auc_score(y, sc)) if 0 < y.sum() < len(y) else 0.0,
                  **decision(y, sc, threshold), "at_model_threshold": decision(y, sc, model_threshold),
                  "article_MAP": float(np.mean(per_article)) if per_article else 0.0, "articles": len(per_article),
                  "base_rate": float(y.mean())}
    return out


def select(shared: Path, labels: list[dict[str, str]]) -> dict:
    """The report's threshold candidates on the selection labels (set D, two labellers): each labeller's F1 and
    their mean at every threshold of :data:`GRID`, the labellers' agreement, and the threshold of the best mean
    (the lowest, if several tie)."""
    from onrecord import models
    from onrecord.report import CHECKWORTHY_THRESHOLD

    rows, texts, unmatched = labelled_sentences(shared, labels)
    model = models.load("checkworthy")
    scores = np.asarray(model.scores([" ".join(t.split()) for t in texts]), dtype=float)
    by: dict[str, dict[str, tuple[int, float]]] = {}
    for r, sc in zip(rows, scores):
        by.setdefault(r["labeller"], {})[r["hash"] + r["article"]] = (int(r["checkworthy"].strip() == "1"), float(sc))
    labellers = sorted(by)
    if len(labellers) != 2 or set(by[labellers[0]]) != set(by[labellers[1]]):
        sys.exit("error: --select needs the same sentences labelled by exactly two labellers")
    keys = sorted(by[labellers[0]])
    y = {name: np.array([by[name][k][0] for k in keys]) for name in labellers}
    sc = np.array([by[labellers[0]][k][1] for k in keys])
    a, b = y[labellers[0]], y[labellers[1]]
    po, kappa = cohen_kappa(a.tolist(), b.tolist())
    def at(t: float) -> dict:  # each labeller's F1 at threshold t, their mean, and how many sentences t flags
        f1s = {name: decision(y[name], sc, t)["F1"] for name in labellers}
        return {"threshold": t, **f1s, "mean": float(np.mean(list(f1s.values()))), "flagged": int((sc >= t).sum())}

    table = [at(t) for t in GRID]
    best = max(table, key=lambda row: (row["mean"], -row["threshold"]))
    return {"sentences": len(keys), "labellers": labellers, "checkworthy": {n: int(y[n].sum()) for n in labellers},
            "agreement": po, "kappa": kappa, "unmatched": unmatched,
            "table": table, "best": best, "report": at(float(CHECKWORTHY_THRESHOLD)),
            "model": at(float(model.threshold))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--select", action="store_true",
                    help=f"compare the report's thresholds on the selection labels ({SELECT_LABELS.name}, set D) "
                         "instead of scoring the test sets")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        sys.exit(f"error: no PolNeAR train texts under {args.shared}/data/polnear/train/text")
    labels_path = SELECT_LABELS if args.select and args.labels == LABELS else args.labels
    if not labels_path.is_file():
        sys.exit(f"error: no labels file at {labels_path}")
    if args.select:
        sel = select(args.shared, read_labels(labels_path))
        print(f"set D: {sel['sentences']} sentences; check-worthy by labeller "
              + ", ".join(f"{n} {c}" for n, c in sel["checkworthy"].items())
              + f"; agreement {sel['agreement']:.3f}, Cohen's kappa {sel['kappa']:.3f}")
        names = sel["labellers"]
        print("| threshold | " + " | ".join(f"F1 ({n})" for n in names) + " | mean F1 | flagged |")
        print("|---:|" + "---:|" * (len(names) + 2))
        for row in sel["table"]:
            if round(row["threshold"] * 100) % 5 == 0 or row is sel["best"]:
                print(f"| {row['threshold']:.2f} | " + " | ".join(f"{row[n]:.3f}" for n in names)
                      + f" | {row['mean']:.3f} | {row['flagged']} |")
        for what in ("best", "report", "model"):
            r = sel[what]
            print(f"{what}: threshold {r['threshold']:.3f}, mean F1 {r['mean']:.3f}, {r['flagged']} flagged")
        return
    res = score(args.shared, read_labels(labels_path))
    print(f"the report's threshold {res['threshold']:.3f}; the model's (chosen on CT24) {res['model_threshold']:.3f}")
    for s in (*SETS, "all"):
        if s not in res:
            continue
        r = res[s]
        print(f"set {s}: {r['sentences']} sentences, {r['checkworthy']} check-worthy (base rate {r['base_rate']:.3f}) | "
              f"AP {r['AP']:.3f} AUC {r['AUC']:.3f} | report's threshold P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f} "
              f"({r['flagged']} flagged); model's F1 {r['at_model_threshold']['F1']:.3f} "
              f"({r['at_model_threshold']['flagged']} flagged) | per-article MAP {r['article_MAP']:.3f} over {r['articles']}")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled sentences no longer found (text changed)")


if __name__ == "__main__":
    main()
