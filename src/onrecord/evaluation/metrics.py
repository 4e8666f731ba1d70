"""Classification metrics shared by the evaluations (stance, Emergent, ...)."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np


def label_metrics(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (rows gold, columns predicted)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    idx = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=int)
    for g, p in zip(gold, pred):
        confusion[idx[g], idx[p]] += 1
    per_class: dict[str, dict[str, float]] = {}
    for label, i in idx.items():
        tp, n_pred, n_gold = confusion[i, i], confusion[:, i].sum(), confusion[i, :].sum()
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": float(precision), "recall": float(recall), "f1": float(f1), "support": int(n_gold)}
    return {
        "n": len(gold),
        "accuracy": float(np.trace(confusion) / len(gold)) if gold else 0.0,
        "macro_f1": float(np.mean([c["f1"] for c in per_class.values()])),
        "per_class": per_class, "labels": list(labels), "confusion": confusion.tolist(),
    }
