"""Clickbait: how much the headline reads like clickbait.

The score comes from the ``clickbait`` model (TF-IDF + logistic regression trained on the "Stop
Clickbait" headlines, see :mod:`onrecord.training.clickbait`). Those labels come from the publisher,
so the score measures "reads like BuzzFeed/Upworthy rather than a newspaper" as much as clickbait.
"""

from __future__ import annotations

from .. import models
from ..nlp import Document


def analyze(doc: Document) -> float:
    """Probability in [0, 1] that ``doc``'s headline is clickbait (0.0 for an empty headline)."""
    headline = doc.headline_text.strip()
    if not headline:
        return 0.0
    return float(models.load("clickbait").scores([headline])[0])
