"""Classification metrics shared by the evaluations (stance, Emergent, ...)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Hashable, Sequence

import numpy as np

from ..atomic import write_text
from ..errors import InputError

BOOTSTRAP_SAMPLES = 1000
INTERVAL_LEVEL = 0.95
DRAW_CELLS = 4_000_000  # resampling weights held at once (draws x groups): ~32 MB, whatever the input's size


def _group_ids(groups: Sequence[Hashable]) -> tuple[np.ndarray, int]:
    index: dict[Hashable, int] = {}
    return np.array([index.setdefault(g, len(index)) for g in groups], dtype=int), len(index)


def group_rows(groups: Sequence[Hashable], values: np.ndarray) -> np.ndarray:
    """Sum the rows of ``values`` (one per item) by the item's group: one row per group, in first-appearance order."""
    ids, n = _group_ids(groups)
    out = np.zeros((n, *values.shape[1:]), dtype=float)
    np.add.at(out, ids, values)
    return out


def grouped_interval(per_group: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray],
                     samples: int = BOOTSTRAP_SAMPLES, seed: int = 0, level: float = INTERVAL_LEVEL) -> list[float] | None:
    """Percentile bootstrap interval of a statistic of additive counts, resampling whole groups (bodies,
    claims, articles — the unit the dev split is grouped by) with replacement. ``per_group``: one row of
    counts per group; ``statistic`` maps summed counts, shape ``(samples, *row shape)``, to ``(samples,)``
    values. None with fewer than two groups. Seeded, so an evaluation prints the same interval every run."""
    if len(per_group) < 2:
        return None
    rng = np.random.default_rng(seed)
    n = len(per_group)
    chunk = max(1, min(samples, DRAW_CELLS // n))
    values = []
    for done in range(0, samples, chunk):
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=min(chunk, samples - done))
        values.append(statistic(np.tensordot(weights, per_group, axes=1)))
    low, high = np.quantile(np.concatenate(values), [(1 - level) / 2, (1 + level) / 2])
    return [round(float(low), 4), round(float(high), 4)]


def f1_per_class(confusion: np.ndarray) -> np.ndarray:
    """F1 of each class from confusion matrices (``(..., L, L)``, rows gold): 2·TP / (predicted + gold), 0 if none."""
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)
    total = confusion.sum(axis=-2) + confusion.sum(axis=-1)
    return np.divide(2 * tp, total, out=np.zeros(tp.shape, dtype=float), where=total > 0)


def f1_of_counts(t: np.ndarray) -> np.ndarray:
    """F1 from summed counts ``(right predictions, predictions, gold items found, gold items)``, shape
    ``(samples, 4)``: precision over predictions, recall over gold items, 0 where undefined."""
    p = np.divide(t[:, 0], t[:, 1], out=np.zeros(len(t)), where=t[:, 1] > 0)
    r = np.divide(t[:, 2], t[:, 3], out=np.zeros(len(t)), where=t[:, 3] > 0)
    return np.divide(2 * p * r, p + r, out=np.zeros(len(t)), where=p + r > 0)


def group_confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str],
                    groups: Sequence[Hashable]) -> np.ndarray:
    """One confusion matrix (rows gold, columns predicted) per group, shape ``(groups, L, L)``."""
    idx = {label: i for i, label in enumerate(labels)}
    ids, n = _group_ids(groups)
    out = np.zeros((n, len(labels), len(labels)))
    np.add.at(out, (ids, np.array([idx[g] for g in gold], dtype=int), np.array([idx[p] for p in pred], dtype=int)), 1.0)
    return out


def label_intervals(per_group: np.ndarray, labels: Sequence[str]) -> dict[str, Any]:
    """Bootstrap intervals (:func:`grouped_interval`) of accuracy, macro-F1 and each class's F1, from one
    confusion matrix per group (:func:`group_confusion`)."""
    def accuracy(c: np.ndarray) -> np.ndarray:
        return np.trace(c, axis1=-2, axis2=-1) / np.maximum(c.sum(axis=(-2, -1)), 1)

    return {"accuracy": grouped_interval(per_group, accuracy),
            "macro_f1": grouped_interval(per_group, lambda c: f1_per_class(c).mean(axis=-1)),
            "f1": {label: grouped_interval(per_group, lambda c, i=i: f1_per_class(c)[:, i]) for i, label in enumerate(labels)}}


def format_interval(interval: list[float] | None, digits: int = 3) -> str:
    return "n/a" if interval is None else f"[{interval[0]:.{digits}f}, {interval[1]:.{digits}f}]"


def label_metrics(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str],
                  groups: Sequence[Hashable] | None = None, unit: str = "groups") -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (rows gold, columns predicted); with
    ``groups`` (one per item: its body, claim, document), also ``intervals`` (:func:`label_intervals`), whose
    ``unit`` names what the groups are ("bodies", "claims")."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    if groups is not None and len(groups) != len(gold):
        raise ValueError("groups and gold differ in length")
    per_group = group_confusion(gold, pred, labels, [0] * len(gold) if groups is None else groups)
    confusion = per_group.sum(axis=0).astype(int)
    idx = {label: i for i, label in enumerate(labels)}
    per_class: dict[str, dict[str, float]] = {}
    for label, i in idx.items():
        tp, n_pred, n_gold = confusion[i, i], confusion[:, i].sum(), confusion[i, :].sum()
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": float(precision), "recall": float(recall), "f1": float(f1), "support": int(n_gold)}
    out = {
        "n": len(gold),
        "accuracy": float(np.trace(confusion) / len(gold)) if gold else 0.0,
        "macro_f1": float(np.mean([c["f1"] for c in per_class.values()])),
        "per_class": per_class, "labels": list(labels), "confusion": confusion.tolist(),
    }
    if groups is not None:
        out["intervals"] = {"unit": unit, **label_intervals(per_group, labels)}
    return out


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


def write_json(path: Path | str, data: dict[str, Any]) -> None:
    """Write an evaluation's metrics as indented JSON, atomically (temp file in the same folder, then rename)."""
    write_text(Path(path), json.dumps(data, indent=2) + "\n")


def refuse_same_names(paths: Sequence[Path]) -> Sequence[Path]:
    """``paths``, after refusing two with the same file name: the tables and the JSON are keyed by name, so one would
    hide the other (checked before any model runs)."""
    names = [Path(p).name for p in paths]
    if len(set(names)) < len(names):
        raise InputError(f"two inputs are named {next(n for n in names if names.count(n) > 1)}; rename one")
    return paths


def refuse_folders_in_the_way(paths: Sequence[Path]) -> None:
    """Before a folder of predictions is written file by file: a target that is a folder would fail its write after
    the files before it were written, so it is refused before any is."""
    for p in paths:
        if Path(p).is_dir():
            raise InputError(f"{p}: is a directory, not a file name (no prediction was written)")
