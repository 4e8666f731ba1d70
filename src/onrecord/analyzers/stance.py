"""Stance of the body towards the headline: agree, disagree, discuss or unrelated (FNC-1 labels).

The model (``models.load("stance")``, a :class:`onrecord.stance_features.StanceModel`: gradient
boosting over hand features for related / unrelated, then a stacker over boosting and a fine-tuned
MiniLM cross-encoder for agree / disagree / discuss) reads raw strings, so :func:`predict_proba`
serves batch evaluation without spaCy, and :func:`analyze` gives the same probabilities for a parsed
document. Evidence is the body sentences (``doc.sentences``) most similar to the headline. Callers
depend only on these two functions.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .. import models
from ..nlp import Document
from ..report import STANCE_LABELS, Stance

EVIDENCE_MAX = 3  # at most this many evidence sentences
EVIDENCE_MIN_SIM = 0.1  # word TF-IDF cosine a sentence needs to count as evidence


def predict_proba(headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
    """Probabilities for (headline, body) pairs: one row per pair, columns in ``STANCE_LABELS`` order."""
    return models.load("stance").predict_proba(list(headlines), list(bodies))


def labels(proba: np.ndarray) -> list[str]:
    """The model's decision for rows of :func:`predict_proba` (see ``StanceModel.labels``)."""
    return models.load("stance").labels(proba)


def analyze(doc: Document) -> Stance:
    """The stance of ``doc``'s body towards its headline, with the most relevant body sentences."""
    model = models.load("stance")
    proba = model.predict_proba([doc.headline_text], [doc.body_text])[0]
    scores = {label: float(p) for label, p in zip(STANCE_LABELS, proba)}
    sims = model.features.sentence_similarity(doc.headline_text, [s.text for s in doc.sentences])
    order = np.argsort(-sims, kind="stable")[:EVIDENCE_MAX]
    evidence = [int(i) for i in order if sims[i] >= EVIDENCE_MIN_SIM]
    return Stance(label=model.labels(proba[None, :])[0], scores=scores, evidence=evidence, model=model.model_id)
