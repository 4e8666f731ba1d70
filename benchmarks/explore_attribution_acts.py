"""Could a learned model tell acts from statements among the report's unlisted ``belief`` rows? A measurement.

Session 32's word-list rule failed on set B of ``benchmarks/data/attribution_acts.tsv`` (see
``benchmarks/eval_attribution_acts.py`` and BENCHMARKS.md): the acts are a long tail of verbs. This script tries a
logistic regression over the all-MiniLM-L6-v2 sentence embedding (onrecord's NumPy encoder) of each labelled row —
the text "SOURCE CUE CONTENT" and, separately, the cue alone — to predict the first labeller's "A" (an act). It
prints, per training / test split of the labelled sets (each set is a different sample of FNC-1 bodies, so a set is
held out whole), ROC AUC and, at a probability (``--threshold``, 0.5), how many rows would be hidden and how many
of those are acts (A) or garbled rows (X) — the figures the word-list rule was judged by (hidden rows A or X >= 80 %,
acts caught >= 30 %). Nothing is shipped from it; writes nothing.

Session 39 added ``benchmarks/data/action_rows.tsv`` (three more sets of such rows, from FNC-1 bodies chosen by
sha256 of "s39a:" / "s39b:" / "s39c:" + Body ID, labelled say / think / act by two helpers with
``benchmarks/data/action_rows_guideline.md``): they are sets ``a``, ``b`` and ``c`` here (lower case), say / think / act
read as S / B / A. Training rows from a body that a test row comes from are left out, so a test body is unseen.
``--sentence`` adds the MiniLM embedding of the row's sentence.

    python benchmarks/explore_attribution_acts.py [--train A --test B] [--sentence]
    python benchmarks/explore_attribution_acts.py --train ABCDab --test c --sentence
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval_attribution_acts import read_labels  # noqa: E402

ACTION_ROWS = Path(__file__).parent / "data" / "action_rows.tsv"
_NEW_LABELS = {"say": "S", "think": "B", "act": "A"}


def read_all() -> list[dict[str, str]]:
    """The rows of ``attribution_acts.tsv`` and of ``action_rows.tsv`` (sets a-c, labels read as S / B / A)."""
    import csv

    rows = read_labels()
    with ACTION_ROWS.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append({"set": r["id"][0].lower(), "fnc1_body_id": r["body_id"], "source": r["source"], "cue": r["cue"],
                         "content": r["content"], "sentence": r["sentence"], "label_1": _NEW_LABELS[r["label_1"]],
                         "label_2": _NEW_LABELS[r["label_2"]]})
    return rows


def features(rows: list[dict[str, str]], sentence: bool = False) -> np.ndarray:
    """Each row's MiniLM embeddings of "source cue content" and of the cue (and of its sentence), side by side."""
    from onrecord import models

    enc = models.load("minilm")
    whole = enc.embed([f"{r['source']} {r['cue']} {r['content']}" for r in rows])
    cue = enc.embed([r["cue"] for r in rows])
    return np.hstack([whole, cue] + ([enc.embed([r["sentence"] for r in rows])] if sentence else []))


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default="A", help="labelled sets to fit on (letters, e.g. AB)")
    ap.add_argument("--test", default="B", help="labelled sets to score")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.5, help="hide a row at this probability of an act")
    ap.add_argument("--sentence", action="store_true", help="add the embedding of the row's sentence")
    args = ap.parse_args(argv)
    rows = read_all()
    x = features(rows, args.sentence)
    act = np.array([r["label_1"] == "A" for r in rows])
    test = np.array([r["set"] in args.test for r in rows])
    test_bodies = {r["fnc1_body_id"] for r, t in zip(rows, test) if t}
    train = np.array([r["set"] in args.train and r["fnc1_body_id"] not in test_bodies for r in rows])
    if not train.any() or not test.any():
        print("error: no labelled rows in the train or test sets")
        return 2
    model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced").fit(x[train], act[train])
    p = model.predict_proba(x[test])[:, 1]
    labels = [r["label_1"] for r, t in zip(rows, test) if t]
    hidden = p >= args.threshold
    n_hidden = int(hidden.sum())
    bad = sum(1 for h, lab in zip(hidden, labels) if h and lab in "AX")
    caught = sum(1 for h, lab in zip(hidden, labels) if h and lab == "A")
    n_act = labels.count("A")
    print(f"fit on {args.train} ({int(train.sum())} rows, {int(act[train].sum())} acts), "
          f"scored on {args.test} ({int(test.sum())} rows, {n_act} acts)")
    print(f"ROC AUC (act or not) {roc_auc_score(act[test], p):.3f}")
    print(f"at {args.threshold}: hidden {n_hidden}, of them acts or garbled {bad} "
          f"({bad / n_hidden if n_hidden else 0:.2f}); acts caught {caught} of {n_act} "
          f"({caught / n_act if n_act else 0:.2f}); statements or beliefs hidden {n_hidden - bad}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
