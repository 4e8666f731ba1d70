"""Check-worthiness: how much each body sentence reads like a claim worth fact-checking.

Scores come from the ``checkworthy`` model (a TF-IDF logistic regression stacked with a fine-tuned
MiniLM, trained on CheckThat! 2019 transcripts and CheckThat! 2024 sentences; see
:mod:`onrecord.checkworthiness` and :mod:`onrecord.training.checkworthy`).
"""

from __future__ import annotations

from .. import models
from ..nlp import Document


def analyze(doc: Document) -> list[float]:
    """A check-worthiness probability in [0, 1] for each entry of ``doc.sentences``, in order. Each body sentence is read
    alone: the model's context is a debate transcript's previous line, which a news body's sentence before is not (read
    with it, the model scores news sentences far lower and flags almost none: BENCHMARKS.md, session 45)."""
    if not doc.sentences:
        return []
    scores = models.load("checkworthy").scores([s.text for s in doc.sentences])
    return [float(s) for s in scores]


def threshold() -> float:
    """The model's own decision threshold, chosen on CT24 at training time (``onrecord eval checkworthy`` decides
    at it). The report counts a news sentence as a check-worthy claim from ``report.CHECKWORTHY_THRESHOLD`` instead,
    checked on news labels: at this one the model flags about 1.4 times too many news sentences (BENCHMARKS.md)."""
    return float(models.load("checkworthy").threshold)
