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


def table_lines(m: dict[str, Any]) -> list[str]:
    """Per-class P / R / F1 / support and the confusion matrix of :func:`label_metrics`' output, as text lines."""
    lines = [f"{'class':<10} {'P':>7} {'R':>7} {'F1':>7} {'support':>8}"]
    for label, c in m["per_class"].items():
        lines.append(f"{label:<10} {c['precision']:7.4f} {c['recall']:7.4f} {c['f1']:7.4f} {c['support']:8d}")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{label:>10}" for label in m["labels"]))
    for label, row in zip(m["labels"], m["confusion"]):
        lines.append(f"{label:<10}" + "".join(f"{v:>10d}" for v in row))
    return lines
