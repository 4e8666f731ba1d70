"""Evaluate the headline clickbait score.

Inputs, detected per file:

* one headline a line, gzip-compressed or plain (the "Stop Clickbait" corpus): the label comes from
  the file name — ``non_clickbait`` → 0, otherwise ``clickbait`` → 1, otherwise unlabelled;
* a JSON array (or JSON lines) of objects with ``post_text`` (or Webis' ``postText``), a string or a
  list of strings, labelled by ``truthClass`` (``clickbait`` / ``no-clickbait``) when present, with
  ``truthMean`` (mean annotator judgement in [0, 1]) also measured as mean squared error;
* a TSV with a header holding ``text`` and optionally ``label`` (0/1), such as the hand-written
  transfer set ``onrecord/data/clickbait_transfer.tsv``.

Metrics over the labelled headlines: ROC AUC, and precision / recall / F1 at the model threshold.
Predictions: JSONL, one ``{"text", "score"}`` line per input headline, in input order.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import models
from ..atomic import write_text
from ..errors import InputError
from ..textclf import binary_metrics, score_files
from .metrics import refuse_same_names, write_json

TRANSFER_SET = Path(__file__).resolve().parent.parent / "data" / "clickbait_transfer.tsv"


@dataclass
class Headlines:
    """The headlines of one input file, with labels (1 = clickbait) and Webis truthMean when known."""

    path: Path
    texts: list[str]
    labels: list[int] | None
    truth_mean: list[float] | None = None


def label_from_name(path: Path) -> int | None:
    """1 for a ``clickbait`` file, 0 for a ``non_clickbait`` one, None when the name says neither."""
    name = path.name.lower()
    if "non_clickbait" in name or "non-clickbait" in name:
        return 0
    return 1 if "clickbait" in name else None


def read_file(path: Path) -> Headlines:
    """Read one input file (format auto-detected, see module docstring)."""
    try:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8").lstrip("\ufeff")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from None
    if not text.strip():
        raise InputError(f"{path} is empty")
    if _looks_json(path, text):
        return _read_json(path, text)
    if path.suffix.lower() == ".tsv":
        return _read_tsv(path, text)
    texts = [line.strip() for line in text.splitlines() if line.strip()]
    label = label_from_name(path)
    return Headlines(path, texts, None if label is None else [label] * len(texts))


def _looks_json(path: Path, text: str) -> bool:
    """JSON by its name (.json, .jsonl), or by a first line that parses as JSON: "[Video] You Will Not Believe …" is
    a headline, not a broken JSON array."""
    if path.suffix.lower() in (".json", ".jsonl"):
        return True
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first[:1] not in ("[", "{"):
        return False
    if first in ("[", "{"):  # a JSON array or object over many lines
        return True
    try:
        json.loads(first)
        return True
    except (ValueError, RecursionError):
        return False


def _read_json(path: Path, text: str) -> Headlines:
    try:
        data = json.loads(text) if text.lstrip().startswith("[") else \
            [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not valid JSON ({e})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    if not isinstance(data, list) or not data:
        raise InputError(f"{path}: expected a non-empty JSON array (or JSON lines) of {{post_text, ...}} objects")
    texts: list[str] = []
    labels: list[int] = []
    means: list[float] = []
    for i, item in enumerate(data):
        post = item.get("post_text", item.get("postText")) if isinstance(item, dict) else None
        if post is None:
            raise InputError(f"{path}: item {i} has no post_text")
        if isinstance(post, list) and all(isinstance(p, str) for p in post):
            texts.append(" ".join(post))
        elif isinstance(post, str):
            texts.append(post)
        else:
            raise InputError(f"{path}: item {i}: post_text must be a string or a list of strings")
        if "truthClass" in item:
            truth_class = str(item["truthClass"]).strip().lower()
            if truth_class not in ("clickbait", "no-clickbait"):
                raise InputError(f"{path}: item {i}: truthClass must be 'clickbait' or 'no-clickbait', "
                                 f"not {str(item['truthClass'])[:40]!r}")
            labels.append(int(truth_class == "clickbait"))
        if "truthMean" in item:
            try:
                mean = float(item["truthMean"])
            except (TypeError, ValueError):
                raise InputError(f"{path}: item {i} has a truthMean that is not a number") from None
            if not 0.0 <= mean <= 1.0:  # Webis-Clickbait-17's mean judgement, in [0, 1] (NaN fails too)
                raise InputError(f"{path}: item {i}: truthMean must lie in [0, 1], not {mean}")
            means.append(mean)
    for name, got in (("truthClass", labels), ("truthMean", means)):
        if got and len(got) != len(texts):
            raise InputError(f"{path}: {len(got)} of {len(texts)} items have a {name}; label all of them or none")
    return Headlines(path, texts, labels or None, means or None)


def _read_tsv(path: Path, text: str) -> Headlines:
    """A header holding ``text`` (and ``label``), then one headline a line; fields split at tabs, quote marks kept
    as written (a headline's opening quote must not swallow the lines after it)."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    header = [h.strip() for h in lines[0][1].split("\t")] if lines else []
    if "text" not in header:
        raise InputError(f"{path}: a TSV input needs a header with a 'text' column")
    rows, numbers = [], []
    for n, line in lines[1:]:
        fields = line.split("\t")
        if len(fields) != len(header):
            raise InputError(f"{path}: line {n} has {len(fields)} fields for the header's {len(header)}")
        rows.append(dict(zip(header, fields)))
        numbers.append(n)
    if not rows:
        raise InputError(f"{path}: a header and no headlines")
    labels = None
    if "label" in header:
        labels = [{"0": 0, "1": 1}.get(r["label"].strip(), -1) for r in rows]
        if -1 in labels:
            raise InputError(f"{path}: line {numbers[labels.index(-1)]}: the label column must hold 0 or 1")
    return Headlines(path, [r["text"] for r in rows], labels)


def metrics(files: Sequence[Headlines], scores: Sequence[np.ndarray], threshold: float) -> dict[str, Any]:
    """Binary metrics per labelled file and over all labelled headlines; MSE against truthMean if given."""
    labelled = [(f, s) for f, s in zip(files, scores) if f.labels is not None]
    result: dict[str, Any] = {"threshold": threshold, "headlines": int(sum(len(f.texts) for f in files))}
    if labelled:
        result.update(binary_metrics([y for f, _ in labelled for y in f.labels or []],
                                     np.concatenate([s for _, s in labelled]), threshold))
        result["per_file"] = {str(f.path.name): binary_metrics(f.labels or [], s, threshold) for f, s in labelled}
    graded = [(f, s) for f, s in zip(files, scores) if f.truth_mean is not None]
    if graded:
        truth = np.concatenate([np.asarray(f.truth_mean) for f, _ in graded])
        result["truth_mean_mse"] = float(np.mean((np.concatenate([s for _, s in graded]) - truth) ** 2))
    result["mean_score"] = float(np.mean(np.concatenate(scores))) if result["headlines"] else None
    return result


def print_metrics(result: dict[str, Any], title: str = "Clickbait") -> None:
    """Print the metrics as a table (stdout)."""
    from rich.console import Console
    from rich.table import Table

    cols = {"n": "n", "positives": "clickbait", "roc_auc": "AUC", "precision": "P", "recall": "R", "f1": "F1",
            "accuracy": "acc"}
    table = Table(title=f"{title} (threshold {result['threshold']:.2f})")
    table.add_column("file", overflow="fold")
    for header in cols.values():
        table.add_column(header, justify="right")
    rows = dict(result.get("per_file", {}))
    if len(rows) > 1:
        rows["[b]all[/b]"] = result
    for name, m in rows.items():
        table.add_row(name, *("–" if m[c] is None else f"{m[c]:.4f}" if isinstance(m[c], float) else str(m[c])
                              for c in cols))
    console = Console()
    console.print(table if rows else f"{result['headlines']} unlabelled headlines")
    if result["mean_score"] is not None:
        console.print(f"mean score {result['mean_score']:.4f}")
    if "truth_mean_mse" in result:
        console.print(f"MSE against truthMean {result['truth_mean_mse']:.4f}")


def write_predictions(path: Path, files: Sequence[Headlines], scores: Sequence[np.ndarray]) -> None:
    """JSONL: one ``{"text", "score"}`` line per headline, in input order."""
    lines = (json.dumps({"text": t, "score": round(float(s), 6)}, ensure_ascii=False)
             for f, ss in zip(files, scores) for t, s in zip(f.texts, ss))
    write_text(path, "".join(line + "\n" for line in lines))


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True) -> dict[str, Any]:
    """Score headline files with the shipped model, print metrics, optionally write predictions and JSON."""
    if not paths:
        raise InputError("no input files")
    files = [read_file(p) for p in refuse_same_names(paths)]
    clf = models.load("clickbait")
    scores = score_files(clf, files, lambda f: f"{len(f.texts)} headlines", progress)
    result = metrics(files, scores, clf.threshold)
    print_metrics(result)
    if predictions is not None:
        write_predictions(predictions, files, scores)
    if json_out is not None:
        write_json(json_out, result)
    return result
