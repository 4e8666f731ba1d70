"""Train the headline clickbait model (artifact ``clickbait``).

Data (``--data``, the ``clickbait/`` corpus folder): ``clickbait_data.gz`` and
``non_clickbait_data.gz``, one headline a line. A stratified 80/20 split (``seed``) holds out dev.
Model: word + char n-gram TF-IDF with logistic regression (:mod:`onrecord.textclf`); the classes are
balanced, so the decision threshold is 0.5.

The corpus labels come from the publisher, so a model can learn outlet style rather than
clickbait. Two transfer checks are therefore reported beside the dev metrics: AUC on the
hand-written headlines of ``onrecord/data/clickbait_transfer.tsv``, and the mean score of the
unique FNC-1 headlines (news headlines, mostly not clickbait) when ``<data>/../fnc1`` exists.

    python -m onrecord.training.clickbait --data ../shared/data/clickbait
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.model_selection import train_test_split

from .. import models, textclf
from ..errors import InputError
from ..evaluation import clickbait as cb
from . import command_line

FEATURES = textclf.Features()
THRESHOLD = 0.5
DEV_SHARE = 0.2


def fnc1_headlines(stances_csv: Path) -> list[str]:
    """The unique headlines of an FNC-1 stances file, sorted."""
    with open(stances_csv, encoding="utf-8", newline="") as f:
        return sorted({row["Headline"].strip() for row in csv.DictReader(f) if row["Headline"].strip()})


def transfer_checks(clf: textclf.TextClassifier, data: Path) -> dict[str, Any]:
    """Scores on headlines from outside the training corpus (see module docstring)."""
    hand = cb.read_file(cb.TRANSFER_SET)
    out: dict[str, Any] = {"hand_written": textclf.binary_metrics(hand.labels or [], clf.scores(hand.texts),
                                                                   clf.threshold)}
    stances = data.parent / "fnc1" / "train_stances.csv"
    if stances.exists():
        scores = clf.scores(fnc1_headlines(stances))
        out["fnc1_headlines"] = {"n": len(scores), "mean_score": float(scores.mean()),
                                 "share_above_threshold": float(np.mean(scores >= clf.threshold))}
    return out


def split(data: Path, seed: int = 0) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """The stratified train / dev split: (train texts, dev texts, train labels, dev labels)."""
    files = [cb.read_file(data / name) for name in ("clickbait_data.gz", "non_clickbait_data.gz")
             if (data / name).exists()]
    if len(files) != 2:
        raise InputError(f"{data} needs clickbait_data.gz and non_clickbait_data.gz")
    texts = [t for f in files for t in f.texts]
    labels = np.array([y for f in files for y in f.labels or []])
    fit_x, dev_x, fit_y, dev_y = train_test_split(texts, labels, test_size=DEV_SHARE, random_state=seed,
                                                  stratify=labels)
    return list(fit_x), list(dev_x), fit_y, dev_y


def eval_dev(data: Path) -> dict[str, Any]:
    """The shipped model on its dev split (same seed as at training) and the transfer checks."""
    clf = models.load("clickbait")
    _, dev_x, _, dev_y = split(data, int(clf.info.get("seed", 0)))
    result = {"dev": textclf.binary_metrics(dev_y, clf.scores(dev_x), clf.threshold),
              "transfer": transfer_checks(clf, data)}
    print(json.dumps(result, indent=2))
    return result


def train(data: Path, seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Rebuild ``artifacts/clickbait.pkl`` from the corpus; return dev metrics and transfer checks."""
    def say(msg: str) -> None:
        if progress:
            print(f"[clickbait {time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr)

    t0 = time.perf_counter()
    fit_x, dev_x, fit_y, dev_y = split(data, seed)
    say(f"{len(fit_x)} training headlines, {len(dev_x)} dev")
    clf = textclf.fit(fit_x, fit_y, FEATURES, seed)
    clf.threshold = THRESHOLD
    train_seconds = time.perf_counter() - t0

    result: dict[str, Any] = {"dev": textclf.binary_metrics(dev_y, clf.scores(dev_x), clf.threshold),
                              "transfer": transfer_checks(clf, data)}
    clf.info = {"training_headlines": len(fit_x), "seed": seed}
    saved = textclf.save(clf, "clickbait", seed=seed, dev_auc=round(result["dev"]["roc_auc"], 4),
                         dev_f1=round(result["dev"]["f1"], 4))
    result.update(artifact=saved, train_seconds=round(train_seconds, 1))
    say(f"wrote {saved['file']} ({saved['bytes'] / 1e6:.2f} MB)")
    if progress:
        print(json.dumps({k: result[k] for k in ("dev", "transfer")}, indent=2))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    command_line("clickbait", __doc__, train, data_help="the clickbait/ corpus folder", eval_dev=eval_dev, argv=argv)


if __name__ == "__main__":
    main()
