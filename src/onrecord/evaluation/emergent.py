"""Evaluate headline stance towards a claim, and claim veracity from many outlets, on Emergent CSV files.

``evaluate([FILE.csv])`` reads either Emergent shape — ``url-versions-…csv`` (claimHeadline, articleHeadline,
articleHeadlineStance, articleId, claimId) or ``edata_…csv`` (adds url, source, claimTruth) — predicts every
headline's stance towards its claim with the shipped model (``models.load("emergent")``), aggregates each
claim's articles with :mod:`onrecord.corroborate` (outlet = ``source``, else the URL's host, else the article
itself), and prints:

* with ``articleHeadlineStance``: stance accuracy, macro-F1, per-class P/R/F1, the confusion matrix, and the
  majority-class ("for") accuracy;
* with ``claimTruth``: veracity accuracy, macro-F1 and confusion over claims, against the majority class of
  the training claims.

``--predictions DIR`` writes ``DIR/headlines.csv`` (``articleId,claimId,stance``, input order) and
``DIR/claims.csv`` (``claimId,veracity``, first-appearance order), atomically.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from .. import corroborate
from ..atomic import atomic_open
from ..claimstance import LABELS, ClaimStanceModel
from ..errors import InputError
from .csvfile import read_table
from .metrics import format_interval, label_metrics, refuse_folders_in_the_way, table_lines, write_json

REQUIRED = ("claimHeadline", "articleHeadline", "articleId", "claimId")


@dataclass(frozen=True)
class Row:
    """One article headline and its claim; ``stance`` / ``truth`` are None when the file lacks the column."""

    article_id: str
    claim_id: str
    claim: str
    headline: str
    outlet: str
    stance: str | None = None
    truth: str | None = None


def _outlet(row: dict[str, str]) -> str:
    source = (row.get("source") or "").strip().lower()
    if source:
        return source
    try:
        host = urlsplit((row.get("url") or "").strip()).hostname
    except ValueError:  # "http://[::1/owl": not a URL; the article stands for its own outlet
        host = None
    return host or "article:" + row["articleId"].strip()


def _label(value: str | None, allowed: Sequence[str], column: str, where: str) -> str:
    label = (value or "").strip().lower()
    if label not in allowed:
        raise InputError(f"{where} has unknown {column} {value!r} (expected {' / '.join(allowed)})")
    return label


def read_rows(path: Path) -> list[Row]:
    """The rows of an Emergent CSV, in file order."""
    fields, raw = read_table(path, REQUIRED, "Emergent")
    has_stance, has_truth = "articleHeadlineStance" in fields, "claimTruth" in fields
    rows = []
    for n, r in enumerate(raw, start=2):
        where = f"{path.name}: row {n}"
        if not (r.get("articleId") or "").strip() or not (r.get("claimId") or "").strip():
            raise InputError(f"{where} has no articleId or claimId")
        rows.append(Row(
            article_id=r["articleId"].strip(), claim_id=r["claimId"].strip(),
            claim=r.get("claimHeadline") or "", headline=r.get("articleHeadline") or "", outlet=_outlet(r),
            stance=_label(r.get("articleHeadlineStance"), LABELS, "articleHeadlineStance", where) if has_stance else None,
            truth=_label(r.get("claimTruth"), corroborate.VERACITY_LABELS, "claimTruth", where) if has_truth else None,
        ))
    first: dict[str, tuple[int, str | None]] = {}  # a claim's truth must be one: checked before the model runs
    for n, row in enumerate(rows, start=2):
        m, truth = first.setdefault(row.claim_id, (n, row.truth))
        if truth != row.truth:
            raise InputError(f"{path.name}: rows {m} and {n} give claim {row.claim_id} different claimTruth values")
    return rows


def claims_of(rows: Sequence[Row]) -> dict[str, list[int]]:
    """claimId -> indices of its rows, in first-appearance order."""
    out: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        out.setdefault(r.claim_id, []).append(i)
    return out


def reports(rows: Sequence[Row], proba: np.ndarray,
            hedged: Sequence[bool] | None = None) -> dict[str, list[corroborate.Report]]:
    """claimId -> its articles as corroboration reports (undated: Emergent has no dates); a report is hedged when
    its headline hedges its own claim or asks it (:func:`onrecord.analyzers.headline.hedged_headlines`), unless
    ``hedged`` gives the flags, one a row."""
    if hedged is None:
        from ..analyzers.headline import hedged_headlines

        hedged = hedged_headlines([r.headline for r in rows])
    return {cid: [corroborate.Report(rows[i].outlet, dict(zip(LABELS, map(float, proba[i]))), hedged[i],
                                     article_id=rows[i].article_id, headline=rows[i].headline) for i in idx]
            for cid, idx in claims_of(rows).items()}


def predict(model: ClaimStanceModel, rows: Sequence[Row]) -> tuple[np.ndarray, dict[str, corroborate.Verdict]]:
    """Stance probabilities per row, and the corroboration verdict per claim."""
    proba = model.predict_proba([r.claim for r in rows], [r.headline for r in rows])
    verdicts = {cid: corroborate.aggregate(items, model.corroboration) for cid, items in reports(rows, proba).items()}
    return proba, verdicts


def format_metrics(title: str, m: dict[str, Any], unit: str) -> str:
    """A readable table of :func:`label_metrics`' output plus its majority baseline."""
    lines = [f"== {title} ({m['n']} {unit})",
             (f"accuracy {m['accuracy']:.4f}   macro-F1 {m['macro_f1']:.4f}   "
              f"majority class ({m['majority_class']}) accuracy {m['majority_accuracy']:.4f}"),
             ]
    if "intervals" in m:
        lines.append(f"95 % interval, claims resampled: accuracy {format_interval(m['intervals']['accuracy'])}   "
                     f"macro-F1 {format_interval(m['intervals']['macro_f1'])}")
    return "\n".join(lines + table_lines(m))


def _with_majority(m: dict[str, Any], gold: Sequence[str], majority: str) -> dict[str, Any]:
    m["majority_class"] = majority
    m["majority_accuracy"] = sum(g == majority for g in gold) / len(gold) if gold else 0.0
    return m


def score(rows: Sequence[Row], proba: np.ndarray, verdicts: dict[str, corroborate.Verdict],
          majority: dict[str, str]) -> dict[str, Any]:
    """Stance metrics (when labelled) and veracity metrics (when claim truth is given).

    ``majority`` holds the training set's majority "stance" and "veracity" classes, the baselines.
    """
    out: dict[str, Any] = {"articles": len(rows), "claims": len(verdicts),
                           "verdicts": dict(Counter(v.label for v in verdicts.values()))}
    if rows and all(r.stance is not None for r in rows):
        gold = [r.stance for r in rows]
        pred = [LABELS[j] for j in proba.argmax(axis=1)]
        out["stance"] = _with_majority(label_metrics(gold, pred, LABELS, [r.claim_id for r in rows], "claims"),  # type: ignore[arg-type]
                                       gold, majority["stance"])
    if rows and all(r.truth is not None for r in rows):
        truth: dict[str, str] = {}
        for r in rows:
            if truth.setdefault(r.claim_id, r.truth) != r.truth:  # type: ignore[arg-type]
                raise InputError(f"claim {r.claim_id} has conflicting claimTruth values")
        gold = [truth[cid] for cid in verdicts]
        pred = [corroborate.veracity(v.label) for v in verdicts.values()]
        out["veracity"] = _with_majority(label_metrics(gold, pred, corroborate.VERACITY_LABELS, list(verdicts), "claims"),
                                         gold, majority["veracity"])
    return out


def write_predictions(folder: Path, rows: Sequence[Row], proba: np.ndarray,
                      verdicts: dict[str, corroborate.Verdict]) -> None:
    """``folder/headlines.csv`` (articleId,claimId,stance) and ``folder/claims.csv`` (claimId,veracity)."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder")
    refuse_folders_in_the_way([folder / "headlines.csv", folder / "claims.csv"])
    _write_csv(folder / "headlines.csv", ["articleId", "claimId", "stance"],
               ([r.article_id, r.claim_id, LABELS[j]] for r, j in zip(rows, proba.argmax(axis=1))))
    _write_csv(folder / "claims.csv", ["claimId", "veracity"],
               ([cid, corroborate.veracity(v.label)] for cid, v in verdicts.items()))


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with atomic_open(path) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def report(title: str, metrics: dict[str, Any]) -> None:
    """Print the stance and veracity tables that :func:`score` produced."""
    if "stance" in metrics:
        print(format_metrics(f"headline stance, {title}", metrics["stance"], "headlines"))
    else:
        print(f"== headline stance, {title}: no articleHeadlineStance column, predictions only")
    if "veracity" in metrics:
        print(format_metrics(f"claim veracity, {title}", metrics["veracity"], "claims"))
    else:
        print(f"== claim veracity, {title}: no claimTruth column, predictions only")
    print("verdicts: " + ", ".join(f"{k} {metrics['verdicts'].get(k, 0)}" for k in corroborate.VERDICTS))


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True) -> dict[str, Any]:
    """Predict and score Emergent CSV files (their rows together); see the module docstring."""
    from .. import models

    if not paths:
        raise InputError("emergent evaluation takes one or more Emergent CSV files")
    rows = [r for p in paths for r in read_rows(Path(p))]
    model: ClaimStanceModel = models.load("emergent")
    if progress:
        print(f"emergent: predicting {len(rows)} headlines…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    proba, verdicts = predict(model, rows)
    seconds = time.perf_counter() - start
    metrics = score(rows, proba, verdicts, model.info["majority"])
    metrics.update(seconds=seconds, model=model.model_id)
    report(", ".join(Path(p).name for p in paths), metrics)
    print(f"{len(rows)} headlines, {len(verdicts)} claims in {seconds:.2f} s"
          + (f" ({len(rows) / seconds:.0f} headlines/s)" if seconds > 0 else ""))
    if predictions is not None:
        write_predictions(Path(predictions), rows, proba, verdicts)
    if json_out is not None:
        write_json(json_out, metrics)
    return metrics
