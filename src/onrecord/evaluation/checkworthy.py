"""Evaluate sentence check-worthiness on CheckThat! files.

Two formats, detected per file:

* **CLEF 2019** transcripts (task 1): no header; ``line_number<TAB>speaker<TAB>sentence<TAB>label``
  (label 1 = check-worthy; a file without the label column is scored but not measured).
  Metrics are the task's ranking measures, each a mean over transcripts: MAP, R-precision,
  P@5, P@10, P@20. Predictions: ``line_number<TAB>score`` lines.
* **CT24** (CheckThat! 2024): header ``Sentence_id<TAB>Text<TAB>class_label`` (Yes/No; the label
  column may be absent). Metrics: positive-class precision, recall and F1 at the model threshold.
  Predictions: header ``Sentence_id<TAB>score<TAB>label``, then one ``Yes|No`` line per sentence.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np

from .. import models
from ..atomic import write_text
from ..checkworthiness import previous_sentences
from ..errors import InputError
from ..textclf import binary_metrics, score_files
from ..readers import labelled
from .metrics import format_interval, grouped_interval, refuse_folders_in_the_way, refuse_same_names, write_json

CLEF2019 = "clef2019"
CT24 = "ct24"
Format = Literal["clef2019", "ct24"]
PRECISION_AT = (5, 10, 20)
HEADERS = {"sentences": "n", "positives": "pos", "average_precision": "AP", "r_precision": "R-prec",
           "precision": "P", "recall": "R", "f1": "F1", "roc_auc": "AUC"}


@dataclass
class CheckworthyFile:
    """The sentences of one input file, with their ids and (when given) gold labels."""

    path: Path
    format: Format
    ids: list[str]
    texts: list[str]
    labels: list[int] | None

    def previous(self) -> list[str]:
        """The sentence before each one: a transcript's previous line (``""`` for its first); CT24's sentences are
        isolated, so each gets ``""``."""
        return previous_sentences(self.texts) if self.format == CLEF2019 else [""] * len(self.texts)


# --------------------------------------------------------------------------- reading

def detect_format(first_line: str) -> Format:
    """Which CheckThat! format a file is in, from its first line."""
    fields = first_line.rstrip("\r\n").split("\t")
    if "sentence_id" in (f.strip().lower() for f in fields):  # CT24's columns, in any order
        return CT24
    if len(fields) >= 3 and fields[0].strip().isdigit():
        return CLEF2019
    raise InputError(f"not a CheckThat! TSV (expected a CT24 header or 'line<TAB>speaker<TAB>sentence<TAB>label'): {first_line[:80]!r}")


def read_file(path: Path) -> CheckworthyFile:
    """Read one CLEF 2019 or CT24 file (format auto-detected)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from None
    if not text.strip():
        raise InputError(f"{path} is empty")
    first = next(line for line in text.lstrip("\ufeff").splitlines() if line.strip())
    with labelled(str(path)):
        fmt = detect_format(first)
    reader = _read_ct24 if fmt == CT24 else _read_clef2019
    try:
        ids, texts, labels = reader(text.lstrip("\ufeff"))
    except (ValueError, IndexError, csv.Error) as e:
        raise InputError(f"{path}: malformed {fmt} file ({e})") from None
    return CheckworthyFile(path, fmt, ids, texts, labels)


def _read_clef2019(text: str) -> tuple[list[str], list[str], list[int] | None]:
    ids: list[str] = []
    texts: list[str] = []
    labels: list[int] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0].strip().isdigit():
            raise ValueError(f"line {n}: expected line_number<TAB>speaker<TAB>sentence[<TAB>label]")
        ids.append(fields[0].strip())
        texts.append(fields[2])
        if len(fields) >= 4:
            if fields[3].strip() not in ("0", "1"):
                raise ValueError(f"line {n}: the label must be 0 or 1, not {fields[3][:20]!r}")
            labels.append(int(fields[3]))
    return ids, texts, _complete(labels, ids)


def _read_ct24(text: str) -> tuple[list[str], list[str], list[int] | None]:
    rows = csv.reader(io.StringIO(text), delimiter="\t", strict=True)  # strict: an unclosed quote is an error
    header = [h.strip().lower() for h in next((r for r in rows if r), [])]
    if "text" not in header:
        raise ValueError("no Text column")
    id_col, text_col = header.index("sentence_id"), header.index("text")
    label_col = header.index("class_label") if "class_label" in header else None
    ids: list[str] = []
    texts: list[str] = []
    labels: list[int] = []
    for row in rows:
        if not row:
            continue
        if len(row) <= max(id_col, text_col):
            raise ValueError(f"row {rows.line_num}: fewer fields than the header")
        if len(row) > len(header):  # an unquoted tab in a sentence
            raise ValueError(f"row {rows.line_num}: {len(row)} fields for the header's {len(header)}")
        ids.append(row[id_col])
        texts.append(row[text_col])
        if label_col is not None and label_col < len(row):
            value = row[label_col].strip().lower()
            if value not in ("yes", "no"):
                raise ValueError(f"class_label {row[label_col]!r} is not Yes/No")
            labels.append(int(value == "yes"))
    if not ids:
        raise ValueError("a header and no sentences")
    return ids, texts, _complete(labels, ids)


def _complete(labels: list[int], ids: list[str]) -> list[int] | None:
    """Labels when every sentence has one, else None (an unlabelled file)."""
    if labels and len(labels) != len(ids):
        raise ValueError("some sentences have a label and others not")
    return labels or None


def expand(paths: Sequence[Path]) -> list[Path]:
    """Input paths with folders replaced by the ``*.tsv`` files inside them (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(p.glob("*.tsv")))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"no such file: {p}")
    if not out:
        raise InputError("no input files")
    return out


# --------------------------------------------------------------------------- ranking metrics

def ranked_labels(labels: Sequence[int], scores: Sequence[float]) -> np.ndarray:
    """Gold labels in the order of descending score (ties keep input order)."""
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    return np.asarray(labels, dtype=int)[order]


def average_precision(ranked: Sequence[int]) -> float:
    """Average precision of a ranking given as gold labels in rank order (0 without positives)."""
    r = np.asarray(ranked, dtype=int)
    if r.sum() == 0:
        return 0.0
    hits = np.cumsum(r)
    return float(np.sum(hits[r == 1] / (np.flatnonzero(r) + 1)) / r.sum())


def precision_at(ranked: Sequence[int], k: int) -> float:
    """Share of check-worthy sentences among the top ``k`` (divided by ``k``, as the CLEF scorer does)."""
    return float(np.sum(np.asarray(ranked[:k], dtype=int)) / k) if k > 0 else 0.0


def r_precision(ranked: Sequence[int]) -> float:
    """Precision at R, R being the number of check-worthy sentences (0 without positives)."""
    r = int(np.sum(ranked))
    return precision_at(ranked, r) if r else 0.0


def ranking_metrics(labels: Sequence[int], scores: Sequence[float]) -> dict[str, float]:
    """CLEF 2019 task 1 measures for one transcript."""
    ranked = ranked_labels(labels, scores)
    out = {"average_precision": average_precision(ranked), "r_precision": r_precision(ranked)}
    out.update({f"p@{k}": precision_at(ranked, k) for k in PRECISION_AT})
    return out


# --------------------------------------------------------------------------- evaluation

def metrics(files: Sequence[CheckworthyFile], scores: Sequence[np.ndarray], threshold: float) -> dict[str, Any]:
    """Metrics of ``scores`` (one array per file) against the files' gold labels."""
    result: dict[str, Any] = {"threshold": threshold}
    clef = [(f, s) for f, s in zip(files, scores) if f.format == CLEF2019 and f.labels is not None]
    if clef:
        per_file = {f.path.name: {"sentences": len(f.texts), "positives": int(sum(f.labels or [])),
                                  **ranking_metrics(f.labels or [], s)} for f, s in clef}
        keys = ["average_precision", "r_precision", *(f"p@{k}" for k in PRECISION_AT)]
        means = {k: float(np.mean([m[k] for m in per_file.values()])) for k in keys}
        aps = np.array([[m["average_precision"], 1.0] for m in per_file.values()])
        result[CLEF2019] = {"transcripts": len(per_file), "map": means.pop("average_precision"), **means,
                            # transcripts resampled: with a handful of them, MAP is known only roughly
                            "map_interval": grouped_interval(aps, lambda t: t[:, 0] / t[:, 1]),
                            "per_file": per_file}
    ct = [(f, s) for f, s in zip(files, scores) if f.format == CT24 and f.labels is not None]
    if ct:
        all_labels = [y for f, _ in ct for y in f.labels or []]
        all_scores = np.concatenate([s for _, s in ct])
        result[CT24] = {**binary_metrics(all_labels, all_scores, threshold),
                        "per_file": {f.path.name: binary_metrics(f.labels or [], s, threshold) for f, s in ct}}
    return result


def print_metrics(result: dict[str, Any]) -> None:
    """Print the metrics as tables (stdout)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if CLEF2019 in result:
        t = Table(title="Check-worthiness — CLEF 2019 transcripts (ranking)")
        cols = ["sentences", "positives", "average_precision", "r_precision", *(f"p@{k}" for k in PRECISION_AT)]
        t.add_column("file", overflow="fold")
        for c in cols:
            t.add_column(HEADERS.get(c, c), justify="right")
        for name, m in result[CLEF2019]["per_file"].items():
            t.add_row(name, *(_fmt(m[c]) for c in cols))
        r = result[CLEF2019]
        t.add_row("[b]mean[/b]", "", "", *(_fmt(r[c]) for c in ["map", "r_precision", *(f"p@{k}" for k in PRECISION_AT)]))
        console.print(t)
        if r.get("map_interval"):
            console.print(f"95 % interval of MAP, transcripts resampled: {format_interval(r['map_interval'])}",
                          highlight=False)
    if CT24 in result:
        t = Table(title=f"Check-worthiness — CT24 (threshold {result['threshold']:.3f})")
        cols = ["n", "positives", "precision", "recall", "f1", "roc_auc"]
        t.add_column("file", overflow="fold")
        for c in cols:
            t.add_column(HEADERS.get(c, c), justify="right")
        rows = dict(result[CT24]["per_file"])
        if len(rows) > 1:
            rows["[b]all[/b]"] = result[CT24]
        for name, m in rows.items():
            t.add_row(name, *(_fmt(m[c]) for c in cols))
        console.print(t)
    if CLEF2019 not in result and CT24 not in result:
        console.print("no labelled input: predictions only")


def _fmt(v: Any) -> str:
    return "–" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)


def prediction_text(f: CheckworthyFile, scores: np.ndarray, threshold: float) -> str:
    """The predictions file for ``f`` in its format (see module docstring)."""
    if f.format == CLEF2019:
        return "".join(f"{i}\t{s:.6f}\n" for i, s in zip(f.ids, scores))
    lines = ["Sentence_id\tscore\tlabel\n"]
    lines += [f"{i}\t{s:.6f}\t{'Yes' if s >= threshold else 'No'}\n" for i, s in zip(f.ids, scores)]
    return "".join(lines)


def write_predictions(folder: Path, files: Sequence[CheckworthyFile], scores: Sequence[np.ndarray],
                      threshold: float) -> None:
    """One predictions file per input file, same name, in ``folder``."""
    targets = [folder / p.name for p in refuse_same_names([f.path for f in files])]  # one name would overwrite another
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--predictions must be a folder: {folder} is a file")
    refuse_folders_in_the_way(targets)
    for target, f, s in zip(targets, files, scores):
        write_text(target, prediction_text(f, s, threshold))


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True) -> dict[str, Any]:
    """Score CheckThat! files with the shipped model, print metrics, optionally write predictions and JSON."""
    files = [read_file(p) for p in refuse_same_names(expand(paths))]
    clf = models.load("checkworthy")
    scores = score_files(clf, files, lambda f: f"{f.format}, {len(f.texts)} sentences", progress,
                         before=CheckworthyFile.previous)
    result = metrics(files, scores, clf.threshold)
    print_metrics(result)
    if predictions is not None:
        write_predictions(predictions, files, scores, clf.threshold)
    if json_out is not None:
        write_json(json_out, result)
    return result
