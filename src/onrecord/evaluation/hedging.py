"""Evaluate the hedging analyzer on Szeged Uncertainty Corpus XML files.

For each file (and over all files together) it reports:

* sentence level — precision, recall and F1 of the *uncertain* class (a sentence is uncertain iff
  it holds at least one cue);
* cue level, exact — a predicted cue is right when a gold cue has exactly its offsets;
* cue level, overlap — a predicted cue is right when it shares a character with a gold cue, and a
  gold cue is found when some predicted cue overlaps it (precision and recall count each side).

Each sentence is parsed alone with the shared pipeline. ``subset="dev"`` (or ``"train"``) keeps only
the sentences of documents on that side of :func:`onrecord.evaluation.szeged.dev_split`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from ..analyzers import hedging
from ..atomic import write_text
from ..errors import InputError
from . import szeged
from .metrics import f1_of_counts, format_interval, group_rows, grouped_interval, refuse_same_names, write_json

SUBSETS = ("all", "train", "dev")


@dataclass
class Prediction:
    """The analyzer's output for one corpus sentence (offsets into the sentence text)."""

    sentence: szeged.CorpusSentence
    uncertain: bool
    score: float
    cues: list[tuple[int, int]]

    def to_json(self) -> dict[str, Any]:
        s = self.sentence
        return {"file": s.file, "doc": s.doc, "index": s.index, "text": s.text,
                "uncertain": self.uncertain, "score": self.score, "cues": [list(c) for c in self.cues]}


class Counts:
    """Precision over predicted items and recall over gold items, with F1.

    ``tp`` counts predicted items judged right, ``fp`` the other predicted items and ``fn`` the gold
    items no prediction found (for overlap matching a gold cue can be found by a prediction that is
    counted right for another cue, so recall is ``(gold - fn) / gold`` rather than ``tp / (tp + fn)``).
    """

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.gold = 0

    def add(self, right: int, predicted: int, found: int, gold: int) -> None:
        self.tp += right
        self.fp += predicted - right
        self.fn += gold - found
        self.gold += gold

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = (self.gold - self.fn) / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def sentence_counts(pred: Prediction) -> tuple[int, int, int, int]:
    """One sentence's (right, predicted, found, gold) for the sentence-level :class:`Counts`."""
    both = int(pred.uncertain and bool(pred.sentence.cues))
    return both, int(pred.uncertain), both, int(bool(pred.sentence.cues))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Scorer:
    """Accumulates sentence- and cue-level counts."""

    def __init__(self) -> None:
        self.sentences = 0
        self.uncertain = 0
        self.sentence = Counts()
        self.cue_exact = Counts()
        self.cue_overlap = Counts()

    def add(self, pred: Prediction) -> None:
        gold = {(c.start, c.end) for c in pred.sentence.cues}
        cues = set(pred.cues)
        self.sentences += 1
        self.uncertain += bool(gold)
        self.sentence.add(*sentence_counts(pred))
        exact = len(cues & gold)
        self.cue_exact.add(exact, len(cues), exact, len(gold))
        right = sum(any(_overlaps(p, g) for g in gold) for p in cues)
        found = sum(any(_overlaps(p, g) for p in cues) for g in gold)
        self.cue_overlap.add(right, len(cues), found, len(gold))

    def as_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "uncertain": self.uncertain, "sentence": self.sentence.as_dict(),
                "cue_exact": self.cue_exact.as_dict(), "cue_overlap": self.cue_overlap.as_dict()}


def predict(sentences: Sequence[szeged.CorpusSentence], progress: bool = False) -> Iterator[Prediction]:
    """Run the analyzer over corpus sentences, in order."""
    scored: Iterable = hedging.score_texts(s.text for s in sentences)
    if progress:
        from rich.console import Console
        from rich.progress import track

        scored = track(scored, total=len(sentences), description="hedging", console=Console(stderr=True),
                       transient=True)
    for sentence, (result, hedges) in zip(sentences, scored):
        yield Prediction(sentence, result.speculative, result.score, [(h.start, h.end) for h in hedges])


def _select(sentences: list[szeged.CorpusSentence], subset: str) -> list[szeged.CorpusSentence]:
    if subset == "all":
        return sentences
    train, dev = szeged.dev_split(sentences)
    return dev if subset == "dev" else train


def _print_table(metrics: dict[str, Any], subset: str) -> None:
    head = f"{'file':<18}{'sents':>7}{'unc':>6} | {'sentence P':>10}{'R':>7}{'F1':>7} | " \
           f"{'exact P':>8}{'R':>7}{'F1':>7} | {'overlap P':>9}{'R':>7}{'F1':>7}"
    print(f"hedging — Szeged uncertainty ({subset} sentences)")
    print(head)
    print("-" * len(head))
    rows = [*metrics["files"].items()] + ([("all", metrics["all"])] if len(metrics["files"]) > 1 else [])
    for name, m in rows:
        cells = [f"{m[k]['precision']:>{w}.3f}{m[k]['recall']:>7.3f}{m[k]['f1']:>7.3f}"
                 for k, w in (("sentence", 10), ("cue_exact", 8), ("cue_overlap", 9))]
        print(f"{name:<18}{m['sentences']:>7}{m['uncertain']:>6} | " + " | ".join(cells))
    if "intervals" in metrics:
        shown = {name: iv for name, iv in metrics["intervals"]["sentence_f1"].items()
                 if name != "all" or len(metrics["files"]) > 1}
        print("95 % intervals of the sentence F1, documents resampled: "
              + ", ".join(f"{name} {format_interval(iv)}" for name, iv in shown.items()))


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True, subset: str = "all") -> dict[str, Any]:
    """Score the hedging analyzer on Szeged XML files; print a table, return the metrics.

    ``predictions`` receives JSONL, one line per evaluated sentence in input order:
    ``{"file", "doc", "index", "text", "uncertain", "score", "cues": [[start, end], ...]}``.
    """
    if subset not in SUBSETS:
        raise InputError(f"subset must be one of {', '.join(SUBSETS)}, not {subset!r}")
    if not paths:
        raise InputError("no Szeged XML files given")
    refuse_same_names(paths)
    total = Scorer()
    per_file: dict[str, Scorer] = {}
    lines: list[str] = []
    sentence_rows: list[tuple[int, int, int, int]] = []  # (right, predicted, found, gold) per sentence
    groups: list[tuple[str, str]] = []  # its document group, the unit the dev split is grouped by
    for path in paths:
        sentences = _select(szeged.read(Path(path)), subset)
        scorer = per_file.setdefault(Path(path).name, Scorer())
        for pred in predict(sentences, progress=progress):
            scorer.add(pred)
            total.add(pred)
            sentence_rows.append(sentence_counts(pred))
            groups.append((Path(path).name, szeged.doc_group(pred.sentence.doc)))
            if predictions is not None:
                lines.append(json.dumps(pred.to_json(), ensure_ascii=False) + "\n")
    metrics = {"subset": subset, "files": {k: v.as_dict() for k, v in per_file.items()}, "all": total.as_dict()}
    per_group = group_rows(groups, np.array(sentence_rows, dtype=float).reshape(-1, 4))
    group_file = np.array([file for file, _ in dict.fromkeys(groups)])  # group_rows' order: first appearance
    metrics["intervals"] = {"unit": "documents", "sentence_f1": {
        **{name: grouped_interval(per_group[group_file == name], f1_of_counts) for name in per_file},
        "all": grouped_interval(per_group, f1_of_counts)}}
    _print_table(metrics, subset)
    if predictions is not None:
        write_text(Path(predictions), "".join(lines))
    if json_out is not None:
        write_json(json_out, metrics)
    return metrics
