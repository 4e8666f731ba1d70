"""Train the sentence-level hedging model (artifact ``hedging``).

Data (``--data``, the ``uncertainty/`` corpus folder): the Szeged Uncertainty Corpus files
``wiki.xml``, ``bio_bmc.xml``, ``bio_fly.xml`` and ``bio_hbc.xml``. Each file is split by document
group with :func:`onrecord.evaluation.szeged.dev_split`; only the train parts are fitted, and every
dev part is reported.

Model: logistic regression (balanced classes) over :func:`onrecord.analyzers.hedging.features` —
the hand-written rules' cues per type and per word with their weights, and the hedge-lexicon words
present. The decision threshold maximises F1 on out-of-fold predictions over the training
documents (grouped 5-fold), so dev never chooses it; the intercept is then shifted so that this
threshold falls at the analyzer's :data:`hedging.THRESHOLD` (0.5), the same cut-off as the rules'
score. The rules' own verdict is reported beside the
model's on every dev part; the analyzer uses the model only when ``hedging.USE_TRAINED`` is set.

    python -m onrecord.training.hedging --data ../shared/data/uncertainty
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
from scipy.special import logit
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from .. import models
from ..analyzers import hedging
from ..atomic import write_bytes
from ..errors import InputError
from ..evaluation import szeged
from . import command_line

FILES = ("wiki.xml", "bio_bmc.xml", "bio_fly.xml", "bio_hbc.xml")
FOLDS = 5
C = 1.0

Features = list[dict[str, float]]


def sentence_features(sentences: Sequence[szeged.CorpusSentence], progress: bool = False) -> Features:
    """:func:`hedging.features` of each sentence, each parsed alone with the shared pipeline."""
    from ..nlp import get_nlp

    docs: Iterable = get_nlp().pipe((s.text for s in sentences), batch_size=256)
    if progress:
        from rich.console import Console
        from rich.progress import track

        docs = track(docs, total=len(sentences), description="parsing", console=Console(stderr=True), transient=True)
    return [hedging.features(d) for d in docs]


def read_splits(data: Path) -> dict[str, tuple[list[szeged.CorpusSentence], list[szeged.CorpusSentence]]]:
    """Each corpus file's (train, dev) sentences, by file name."""
    missing = [name for name in FILES if not (data / name).exists()]
    if missing:
        raise InputError(f"{data} lacks {', '.join(missing)} (expected the Szeged uncertainty corpus folder)")
    return {name: szeged.dev_split(szeged.read(data / name)) for name in FILES}


def fit(x: Features, y: np.ndarray, seed: int) -> tuple[DictVectorizer, LogisticRegression]:
    """The vectorizer and balanced logistic regression fitted on ``x``, ``y`` (single-threaded)."""
    vectorizer = DictVectorizer(sort=True)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)
    with threadpool_limits(limits=1):
        clf.fit(vectorizer.fit_transform(x), y)
    return vectorizer, clf


def best_threshold(x: Features, y: np.ndarray, groups: Sequence[str], seed: int) -> float:
    """The threshold maximising F1 of out-of-fold probabilities (folds grouped by document)."""
    oof = np.zeros(len(y))
    for fit_idx, held_idx in GroupKFold(n_splits=FOLDS).split(np.zeros(len(y)), y, groups):
        vectorizer, clf = fit([x[i] for i in fit_idx], y[fit_idx], seed)
        oof[held_idx] = clf.predict_proba(vectorizer.transform([x[i] for i in held_idx]))[:, 1]
    candidates = np.round(np.arange(0.05, 0.96, 0.01), 2)
    return float(max(candidates, key=lambda t: (prf(y, oof >= t)["f1"], -abs(t - 0.5))))


def prf(gold: np.ndarray, predicted: np.ndarray) -> dict[str, float | int]:
    """Precision, recall and F1 of the uncertain class."""
    tp = int(np.sum(gold & predicted))
    p = tp / max(int(predicted.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "sentences": len(gold), "uncertain": int(gold.sum())}


def _labels(sentences: Sequence[szeged.CorpusSentence]) -> np.ndarray:
    return np.array([s.uncertain for s in sentences], dtype=bool)


def dev_report(model: dict[str, Any], dev: dict[str, tuple[list[szeged.CorpusSentence], Features]]) -> dict[str, Any]:
    """Sentence P/R/F1 of the rules and of ``model`` on each file's dev part, and the bio mean."""
    out: dict[str, Any] = {}
    for name, (sentences, x) in dev.items():
        gold = _labels(sentences)
        proba = model["classifier"].predict_proba(model["vectorizer"].transform(x))[:, 1]
        rules = np.array([f["rules"] >= hedging.THRESHOLD for f in x], dtype=bool)
        out[name] = {"rules": prf(gold, rules), "trained": prf(gold, proba >= hedging.THRESHOLD)}
    bio = [n for n in out if n.startswith("bio")]
    out["bio_mean_f1"] = {k: round(float(np.mean([out[n][k]["f1"] for n in bio])), 4) for k in ("rules", "trained")}
    return out


def train_on(splits: dict[str, tuple[list[szeged.CorpusSentence], Features, list[szeged.CorpusSentence], Features]],
             seed: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit on the train parts of already featurized splits; return (model, dev report).

    ``splits`` maps a file name to (train sentences, their features, dev sentences, their features).
    """
    x = [f for _, fx, _, _ in splits.values() for f in fx]
    y = np.concatenate([_labels(tr) for tr, _, _, _ in splits.values()])
    groups = [f"{name}:{szeged.doc_group(s.doc)}" for name, (tr, _, _, _) in splits.items() for s in tr]
    threshold = best_threshold(x, y, groups, seed)
    vectorizer, clf = fit(x, y, seed)
    clf.intercept_ += logit(hedging.THRESHOLD) - logit(threshold)
    model = {"vectorizer": vectorizer, "classifier": clf,
             "info": {"seed": seed, "training_sentences": len(y), "C": C, "cv_threshold": threshold}}
    return model, dev_report(model, {name: (dv, dx) for name, (_, _, dv, dx) in splits.items()})


def train(data: Path, seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Rebuild ``artifacts/hedging.pkl`` from the corpus; return the dev metrics (rules vs trained)."""
    def say(msg: str) -> None:
        if progress:
            print(f"[hedging {time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr)

    t0 = time.perf_counter()
    splits = {}
    for name, (tr, dv) in read_splits(data).items():
        splits[name] = (tr, sentence_features(tr, progress), dv, sentence_features(dv, progress))
        say(f"{name}: {len(tr)} train, {len(dv)} dev sentences parsed")
    model, dev = train_on(splits, seed)
    train_seconds = time.perf_counter() - t0
    path = models.ARTIFACTS / "hedging.pkl"
    write_bytes(path, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    digest = models.record_artifact("hedging", path, seed=seed, cv_threshold=model["info"]["cv_threshold"],
                                    wiki_dev_f1=dev["wiki.xml"]["trained"]["f1"],
                                    bio_dev_mean_f1=dev["bio_mean_f1"]["trained"])
    result = {"dev": dev, "cv_threshold": model["info"]["cv_threshold"], "train_seconds": round(train_seconds, 1),
              "artifact": {"file": str(path), "bytes": path.stat().st_size, "sha256": digest}}
    say(f"wrote {path} ({path.stat().st_size / 1e3:.1f} kB)")
    if progress:
        print(json.dumps(dev, indent=2))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    command_line("hedging", __doc__, train, data_help="the uncertainty/ corpus folder", argv=argv)


if __name__ == "__main__":
    main()
