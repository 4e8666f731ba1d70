"""Check-worthiness: how much each body sentence reads like a claim worth fact-checking.

Scores come from the ``checkworthy`` model (a TF-IDF logistic regression stacked with a fine-tuned
MiniLM that reads the sentence with the one before it, trained on CheckThat! 2019 transcripts and CheckThat! 2024 sentences; see
:mod:`onrecord.checkworthiness` and :mod:`onrecord.training.checkworthy`).
"""

from __future__ import annotations

from .. import models
from ..checkworthiness import previous_sentences
from ..nlp import Document


def analyze(doc: Document) -> list[float]:
    """A check-worthiness probability in [0, 1] for each entry of ``doc.sentences``, in order; a model trained with
    context reads each sentence with the body sentence before it."""
    if not doc.sentences:
        return []
    texts = [s.text for s in doc.sentences]
    scores = models.load("checkworthy").scores(texts, previous_sentences(texts))
    return [float(s) for s in scores]


def threshold() -> float:
    """The model's own decision threshold, chosen on CT24 at training time (``onrecord eval checkworthy`` decides
    at it). The report counts a news sentence as a check-worthy claim from ``report.CHECKWORTHY_THRESHOLD`` instead,
    checked on news labels: at this one the model flags about 1.4 times too many news sentences (BENCHMARKS.md)."""
    return float(models.load("checkworthy").threshold)
