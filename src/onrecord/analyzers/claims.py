"""Check-worthiness: how much each body sentence reads like a claim worth fact-checking.

Scores come from the ``checkworthy`` model (a TF-IDF logistic regression stacked with a fine-tuned
MiniLM, trained on CheckThat! 2019 transcripts and CheckThat! 2024 sentences; see
:mod:`onrecord.checkworthiness` and :mod:`onrecord.training.checkworthy`).
"""

from __future__ import annotations

from .. import models
from ..nlp import Document


def analyze(doc: Document) -> list[float]:
    """A check-worthiness probability in [0, 1] for each entry of ``doc.sentences``, in order."""
    if not doc.sentences:
        return []
    scores = models.load("checkworthy").scores([s.text for s in doc.sentences])
    return [float(s) for s in scores]


def threshold() -> float:
    """The score from which a sentence counts as a check-worthy claim (chosen at training time)."""
    return float(models.load("checkworthy").threshold)
