"""Score the shipped stance model on the hand-written robustness set.

``onrecord/data/stance_robustness.jsonl`` holds short, fictional headline/body pairs, one JSON object a
line: ``{"id", "category", "headline", "body", "expected"}``. The categories probe what FNC-1's dev
figures hide:

* ``negation`` (expected ``disagree``): the body states that the headline's event did not happen, or
  that a negated headline ("X did not ...") is false;
* ``denial`` (``disagree``): the subject denies the headline's claim and the body backs the denial;
* ``hedged_support`` (``discuss``): the body repeats the claim without vouching for it ("may",
  "reportedly", "unconfirmed");
* ``paraphrase`` (``agree``): the body confirms the claim in different words;
* ``agree`` (``agree``): the body confirms the claim in the headline's own words;
* ``unrelated`` (``unrelated``): a body about something else (some share a name or a headline with
  other cases).

The set was written before the model was run on it and is not edited to suit the model. Report its
figures beside the dev figures; with seven cases a category, one case is 14 points.

Run: ``python -m onrecord.evaluation.robustness [FILE]``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..report import STANCE_LABELS

ROBUSTNESS_SET = Path(__file__).resolve().parent.parent / "data" / "stance_robustness.jsonl"
CATEGORIES: dict[str, str] = {  # category -> the label every case in it expects
    "negation": "disagree",
    "denial": "disagree",
    "hedged_support": "discuss",
    "paraphrase": "agree",
    "agree": "agree",
    "unrelated": "unrelated",
}
FIELDS = ("id", "category", "headline", "body", "expected")

Predictor = Callable[[Sequence[str], Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Case:
    """One robustness pair with the label it should get."""

    id: str
    category: str
    headline: str
    body: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    """The cases of a robustness file; InputError for a malformed line, a bad category or label, or a repeated id."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from e
    cases: list[Case] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path.name}: line {n} is not JSON ({e.msg})") from e
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) and row[k].strip() for k in FIELDS):
            raise InputError(f"{path.name}: line {n} needs non-empty string fields {', '.join(FIELDS)}")
        case = Case(**{k: row[k] for k in FIELDS})
        if case.category not in CATEGORIES:
            raise InputError(f"{path.name}: line {n} has unknown category {case.category!r}")
        if case.expected not in STANCE_LABELS:
            raise InputError(f"{path.name}: line {n} has unknown label {case.expected!r}")
        if case.id in seen:
            raise InputError(f"{path.name}: line {n} repeats id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise InputError(f"{path.name}: no cases")
    return cases


def score(cases: Sequence[Case], proba: np.ndarray, predicted: Sequence[str] | None = None) -> dict[str, Any]:
    """Accuracy overall and per category, and the failures, for ``proba`` (rows = cases, columns = labels)
    and the ``predicted`` labels (default: each row's argmax)."""
    if predicted is None:
        predicted = [STANCE_LABELS[j] for j in proba.argmax(axis=1)]
    per_category: dict[str, dict[str, Any]] = {}
    failures: list[dict[str, Any]] = []
    for case, pred, row in zip(cases, predicted, proba):
        cat = per_category.setdefault(case.category, {"n": 0, "correct": 0})
        cat["n"] += 1
        if pred == case.expected:
            cat["correct"] += 1
        else:
            failures.append({"id": case.id, "category": case.category, "expected": case.expected, "predicted": pred,
                             "p_expected": float(row[STANCE_LABELS.index(case.expected)]),
                             "p_predicted": float(row.max()), "headline": case.headline})
    for cat in per_category.values():
        cat["accuracy"] = cat["correct"] / cat["n"]
    correct = sum(c["correct"] for c in per_category.values())
    return {"n": len(cases), "correct": correct, "accuracy": correct / len(cases) if cases else 0.0,
            "per_category": per_category, "failures": failures}


def format_results(title: str, m: dict[str, Any]) -> str:
    """A readable table of :func:`score`'s output."""
    lines = [f"== {title} ({m['n']} pairs): accuracy {m['accuracy']:.3f} ({m['correct']}/{m['n']})",
             f"{'category':<16} {'expected':<10} {'correct':>8} {'accuracy':>9}"]
    for name, c in m["per_category"].items():
        lines.append(f"{name:<16} {CATEGORIES[name]:<10} {c['correct']:>4}/{c['n']:<3} {c['accuracy']:9.3f}")
    if m["failures"]:
        lines.append("failures:")
        lines += [f"  {f['id']:<8} expected {f['expected']:<9} got {f['predicted']:<9} "
                  f"(p {f['p_predicted']:.2f}, expected p {f['p_expected']:.2f})  {f['headline']}" for f in m["failures"]]
    return "\n".join(lines)


def evaluate_robustness(path: Path | None = None, predict: Predictor | None = None, show: bool = True) -> dict[str, Any]:
    """Score ``predict`` (default: the shipped stance model) on the robustness set at ``path``; print a table when ``show``."""
    from .. import models
    from ..analyzers.stance import labels, predict_proba

    cases = read_cases(Path(path) if path is not None else ROBUSTNESS_SET)
    proba = np.asarray((predict or predict_proba)([c.headline for c in cases], [c.body for c in cases]))
    m = score(cases, proba, labels(proba) if predict is None else None)
    m["model"] = models.load("stance").model_id if predict is None else getattr(predict, "__qualname__", "custom")
    if show:
        print(format_results(f"stance robustness: {m['model']}", m))
    return m


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        evaluate_robustness(Path(args[0]) if args else None)
    except InputError as e:
        sys.exit(f"onrecord: error: {e}")


if __name__ == "__main__":
    main()
