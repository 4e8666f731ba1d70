"""Evaluate the stance model on FNC-1-format files.

``evaluate([BODIES.csv, STANCES.csv])`` predicts every pair with the shipped model (raw strings, no
spaCy), prints the FNC-1 score (raw and as % of the best possible), macro-F1 over the four classes,
per-class precision/recall/F1, the confusion matrix, the expected calibration error and the
throughput, and optionally writes ``Headline,Body ID,Stance`` predictions in input order. A stances
file without a ``Stance`` column is predicted but not scored.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Hashable, Sequence

import numpy as np

from ..errors import InputError
from ..report import STANCE_LABELS
from .fnc import fnc_score, read_bodies, read_stances, write_predictions
from .metrics import format_interval, group_rows, grouped_interval, label_metrics, table_lines, write_json

ECE_BINS = 10


def expected_calibration_error(gold: Sequence[str], proba: np.ndarray, bins: int = ECE_BINS) -> float:
    """Top-label ECE: |accuracy − confidence| of the argmax, averaged over equal-width confidence bins."""
    if len(gold) == 0:
        return 0.0
    conf = proba.max(axis=1)
    correct = np.array([STANCE_LABELS[j] == g for j, g in zip(proba.argmax(axis=1), gold)], dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def classification_metrics(gold: Sequence[str], pred: Sequence[str], proba: np.ndarray | None = None,
                           groups: Sequence[Hashable] | None = None, unit: str = "bodies") -> dict[str, Any]:
    """FNC-1 score, macro-F1, per-class P/R/F1, confusion matrix (rows gold, columns predicted), ECE; with
    ``groups`` (each pair's ``unit``: its Body ID, or its claim), 95 % bootstrap intervals over those units
    (``intervals``, FNC % included)."""
    out: dict[str, Any] = label_metrics(gold, pred, STANCE_LABELS, groups, unit)
    score, best = fnc_score(gold, pred)
    out.update(fnc_score=score, fnc_max=best, fnc_percent=100.0 * score / best if best else 0.0)
    if groups is not None:
        per_pair = np.array([fnc_score([g], [p]) for g, p in zip(gold, pred)]).reshape(-1, 2)
        out["intervals"]["fnc_percent"] = grouped_interval(
            group_rows(groups, per_pair), lambda t: 100.0 * t[:, 0] / np.maximum(t[:, 1], 1e-9))
    if proba is not None:
        out["ece"] = expected_calibration_error(gold, proba)
    return out


def format_metrics(title: str, m: dict[str, Any]) -> str:
    """A readable table of :func:`classification_metrics`' output."""
    lines = [f"== {title} ({m['n']} pairs)",
             f"FNC score {m['fnc_score']:.2f} / {m['fnc_max']:.2f} = {m['fnc_percent']:.2f} %   "
             f"macro-F1 {m['macro_f1']:.4f}   accuracy {m['accuracy']:.4f}"
             + (f"   ECE {m['ece']:.4f}" if "ece" in m else ""),
             ]
    if "intervals" in m:
        iv = m["intervals"]
        lines.append(f"95 % interval, {iv['unit']} resampled: FNC {format_interval(iv['fnc_percent'], digits=2)} %"
                     f"   macro-F1 {format_interval(iv['macro_f1'])}   disagree F1 {format_interval(iv['f1']['disagree'])}")
    return "\n".join(lines + table_lines(m))


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True, jobs: int = 1) -> dict[str, Any]:
    """Predict and score FNC-1 files ``[BODIES.csv, STANCES.csv]``; see the module docstring. ``jobs``:
    worker processes for the prediction (:func:`onrecord.analyzers.stance.predict_proba`; same scores)."""
    from ..analyzers.stance import PARALLEL_MIN_PAIRS, labels, predict_proba, processes

    if len(paths) != 2:
        raise InputError("stance evaluation takes two FNC-1 files: BODIES.csv STANCES.csv")
    bodies_path, stances_path = (Path(p) for p in paths)
    bodies = read_bodies(bodies_path)
    pairs = read_stances(stances_path)
    missing = sorted({p.body_id for p in pairs} - bodies.keys())
    if missing:
        raise InputError(f"{stances_path.name}: Body ID {missing[0]} is not in {bodies_path.name} ({len(missing)} missing)")

    jobs = processes(len(pairs), jobs)
    if progress:
        print(f"stance: predicting {len(pairs)} pairs over {len(bodies)} bodies"
              + (f" with {jobs} workers" if jobs > 1 else "") + "…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    heads, texts = [p.headline for p in pairs], [bodies[p.body_id] for p in pairs]
    if progress and len(pairs) >= PARALLEL_MIN_PAIRS:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(file=sys.stderr)) as bar:
            task = bar.add_task("stance", total=len(pairs))
            proba = predict_proba(heads, texts, jobs=jobs, progress=lambda n: bar.advance(task, n))
    else:
        proba = predict_proba(heads, texts, jobs=jobs)
    seconds = time.perf_counter() - start
    pred = labels(proba) if len(pairs) else []
    rate = len(pairs) / seconds if seconds > 0 else float("inf")

    labeled = bool(pairs) and all(p.stance is not None for p in pairs)
    result: dict[str, Any] = {"n": len(pairs), "seconds": seconds, "pairs_per_second": rate, "jobs": jobs}
    if labeled:
        result.update(classification_metrics([p.stance for p in pairs], pred, proba,  # type: ignore[misc]
                                             groups=[p.body_id for p in pairs]))
        print(format_metrics(f"stance on {stances_path.name}", result))
    else:
        print(f"== stance on {stances_path.name} ({len(pairs)} pairs): no Stance column, predictions only")
    print(f"{len(pairs)} pairs in {seconds:.1f} s = {rate:.0f} pairs/s")
    if predictions is not None:
        write_predictions(predictions, pairs, pred)
    if json_out is not None:
        write_json(json_out, result)
    return result
