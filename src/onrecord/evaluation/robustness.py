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

Run: ``python -m onrecord.evaluation.robustness [FILE]``; with ``--verdict``, each case is audited whole and its
verdict scored (:data:`VERDICTS`): the verdict's own rules (a source's denial, the holder on record) act there too.
"""

from __future__ import annotations

import json
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
# category -> the verdict the whole audit should give: a body that refutes the headline contradicts it, one that
# repeats it without vouching leaves it unsupported, one that confirms it supports it
VERDICTS: dict[str, str] = {
    "negation": "contradicted",
    "denial": "contradicted",
    "hedged_support": "unsupported",
    "paraphrase": "supported",
    "agree": "supported",
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


def score(cases: Sequence[Case], proba: np.ndarray | None, predicted: Sequence[str] | None = None,
          expected: Sequence[str] | None = None) -> dict[str, Any]:
    """Accuracy overall and per category, and the failures, for ``proba`` (rows = cases, columns = labels)
    and the ``predicted`` labels (default: each row's argmax), against each case's ``expected`` label (default:
    its stance; the verdict's are :data:`VERDICTS`); ``proba`` None for predictions without probabilities."""
    if predicted is None:
        assert proba is not None
        predicted = [STANCE_LABELS[j] for j in proba.argmax(axis=1)]
    per_category: dict[str, dict[str, Any]] = {}
    failures: list[dict[str, Any]] = []
    for i, (case, pred) in enumerate(zip(cases, predicted)):
        want = case.expected if expected is None else expected[i]
        cat = per_category.setdefault(case.category, {"n": 0, "correct": 0})
        cat["n"] += 1
        if pred == want:
            cat["correct"] += 1
        else:
            failures.append({"id": case.id, "category": case.category, "expected": want, "predicted": pred,
                             "headline": case.headline})
            if proba is not None:
                failures[-1].update(p_expected=float(proba[i][STANCE_LABELS.index(want)]),
                                    p_predicted=float(proba[i].max()))
    for cat in per_category.values():
        cat["accuracy"] = cat["correct"] / cat["n"]
    correct = sum(c["correct"] for c in per_category.values())
    return {"n": len(cases), "correct": correct, "accuracy": correct / len(cases) if cases else 0.0,
            "per_category": per_category, "failures": failures}


def format_results(title: str, m: dict[str, Any], expected: dict[str, str] | None = None) -> str:
    """A readable table of :func:`score`'s output (``expected``: each category's label, default :data:`CATEGORIES`)."""
    expected = expected or CATEGORIES
    lines = [f"== {title} ({m['n']} pairs): accuracy {m['accuracy']:.3f} ({m['correct']}/{m['n']})",
             f"{'category':<16} {'expected':<12} {'correct':>8} {'accuracy':>9}"]
    for name, c in m["per_category"].items():
        lines.append(f"{name:<16} {expected[name]:<12} {c['correct']:>4}/{c['n']:<3} {c['accuracy']:9.3f}")
    if m["failures"]:
        lines.append("failures:")
        lines += [f"  {f['id']:<8} expected {f['expected']:<12} got {f['predicted']:<12} "
                  + (f"(p {f['p_predicted']:.2f}, expected p {f['p_expected']:.2f})  " if "p_expected" in f else "")
                  + f["headline"] for f in m["failures"]]
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


def evaluate_verdicts(path: Path | None = None, show: bool = True) -> dict[str, Any]:
    """Audit each case of the robustness set whole (``onrecord.audit``: stance, attributions, the verdict's denial and
    on-record rules) and score its verdict against :data:`VERDICTS`; print a table when ``show``."""
    from ..article import Article
    from ..audit import audit

    cases = read_cases(Path(path) if path is not None else ROBUSTNESS_SET)
    verdicts = [audit(Article(headline=c.headline, body=c.body)).verdict.label for c in cases]
    m = score(cases, None, verdicts, [VERDICTS[c.category] for c in cases])
    if show:
        print(format_results("verdict robustness: the whole audit", m, VERDICTS))
    return m


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m onrecord.evaluation.robustness",
                                 description="Score the shipped stance model (or, with --verdict, the whole audit's "
                                             "verdict) on the hand-written robustness set.")
    ap.add_argument("file", nargs="?", type=Path, help="a robustness set in the same JSONL layout (default: the "
                    "shipped onrecord/data/stance_robustness.jsonl)")
    ap.add_argument("--verdict", action="store_true", help="audit each case whole and score its verdict "
                    "(negation / denial → contradicted, hedged support → unsupported, paraphrase / agree → "
                    "supported, unrelated → unrelated)")
    args = ap.parse_args(argv)
    try:
        (evaluate_verdicts if args.verdict else evaluate_robustness)(args.file)
    except InputError as e:
        ap.exit(2, f"{ap.prog}: error: {e}\n")


if __name__ == "__main__":
    main()
