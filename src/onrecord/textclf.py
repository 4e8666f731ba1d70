"""Light text classifiers: word + character n-gram TF-IDF with logistic regression.

Shared by the check-worthiness and clickbait models (training, evaluation and
their analyzers). A :class:`TextClassifier` is what their artifacts hold: the
fitted scikit-learn pipeline plus the decision threshold chosen at training
time. Also here: the binary metrics both report, and atomic file writing for
their prediction and JSON outputs.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve, roc_auc_score
from sklearn.pipeline import FeatureUnion, Pipeline
from threadpoolctl import threadpool_limits

from . import models
from .atomic import write_bytes


@dataclass(frozen=True)
class Features:
    """Feature and regularisation settings of a :class:`TextClassifier`."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    max_word_features: int = 30_000
    max_char_features: int = 60_000
    min_df: int = 2
    C: float = 4.0


@dataclass
class TextClassifier:
    """A fitted TF-IDF + logistic-regression classifier and its decision threshold."""

    pipeline: Pipeline
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Probability of the positive class for each text (float64 in [0, 1])."""
        if len(texts) == 0:
            return np.zeros(0)
        return self.pipeline.predict_proba(list(texts))[:, 1]


def build_pipeline(features: Features, seed: int = 0) -> Pipeline:
    """An unfitted TF-IDF (word + char n-grams, float32, sublinear tf) + logistic-regression pipeline."""
    common: dict[str, Any] = {"sublinear_tf": True, "min_df": features.min_df, "dtype": np.float32}
    union = FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=features.word_ngrams, max_features=features.max_word_features,
                                 token_pattern=r"(?u)\b\w+\b|[?!\"'“”‘’:]", **common)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=features.char_ngrams,
                                 max_features=features.max_char_features, **common)),
    ])
    model = LogisticRegression(C=features.C, max_iter=2000, solver="liblinear",
                               random_state=seed)  # liblinear shuffles: a fixed seed makes the artifact reproducible
    return Pipeline([("tfidf", union), ("lr", model)])


def fit(texts: Sequence[str], labels: Sequence[int], features: Features = Features(), seed: int = 0) -> TextClassifier:
    """Fit a classifier (threshold 0.5 until the caller sets one).

    Fitting runs on one BLAS/OpenMP thread: the solver's floating-point sums depend on the thread
    count, so this is what makes the artifact byte-identical for a seed on any machine.
    """
    pipeline = build_pipeline(features, seed)
    with threadpool_limits(limits=1):
        pipeline.fit(list(texts), np.asarray(labels, dtype=int))
    lr: LogisticRegression = pipeline.named_steps["lr"]
    lr.coef_ = lr.coef_.astype(np.float32)  # halves the artifact; predictions are unaffected at this precision
    return TextClassifier(pipeline)


def best_f1_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The score threshold that maximises positive-class F1 on ``labels``."""
    precision, recall, thresholds = precision_recall_curve(np.asarray(labels), np.asarray(scores))
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(thresholds[int(np.argmax(f1[:-1]))])


def binary_metrics(labels: Sequence[int], scores: Sequence[float], threshold: float) -> dict[str, float | int | None]:
    """Positive-class precision, recall, F1 and accuracy at ``threshold``; ROC AUC when both classes occur."""
    y = np.asarray(labels, dtype=int)
    s = np.asarray(scores, dtype=float)
    pred = s >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    both = 0 < int(y.sum()) < len(y)
    return {
        "n": len(y), "positives": int(y.sum()),
        "precision": precision, "recall": recall, "f1": f1,
        "accuracy": float(np.mean(pred == (y == 1))) if len(y) else 0.0,
        "roc_auc": float(roc_auc_score(y, s)) if both else None,
    }


def drop_caches(clf: TextClassifier) -> None:
    """Drop what scikit-learn caches in the vectorizers, id(stop_words), a memory address (recomputed on
    use): pickled without it, the artifact is byte-for-byte reproducible."""
    for _, vectorizer in clf.pipeline.named_steps["tfidf"].transformer_list:
        vars(vectorizer).pop("_stop_words_id", None)


def save(clf: TextClassifier, name: str, **info: Any) -> dict[str, Any]:
    """Write ``clf`` as artifact ``name`` and record its checksum in the model manifest."""
    path = models.ARTIFACTS / f"{name}.pkl"
    drop_caches(clf)
    write_bytes(path, pickle.dumps(clf, protocol=pickle.HIGHEST_PROTOCOL))
    digest = models.record_artifact(name, path, **info)
    return {"file": str(path), "bytes": path.stat().st_size, "sha256": digest}


def score_files(clf: Any, files: Sequence[Any], describe: Callable[[Any], str],
                progress: bool = True, before: Callable[[Any], Sequence[str]] | None = None) -> list[np.ndarray]:
    """Scores for each file's ``texts`` (an evaluation's input files), announcing each on stderr; ``before`` gives a
    file's context for a model whose ``scores`` reads one (the check-worthiness model's previous sentences)."""
    scores = []
    for f in files:
        if progress:
            print(f"scoring {f.path.name} ({describe(f)})", file=sys.stderr)
        scores.append(clf.scores(f.texts) if before is None else clf.scores(f.texts, before(f)))
    return scores
