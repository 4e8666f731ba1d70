"""The check-worthiness model: what ``artifacts/checkworthy.pkl`` holds (loaded only through
``models.load("checkworthy")``), shared by training (:mod:`onrecord.training.checkworthy`), evaluation
(:mod:`onrecord.evaluation.checkworthy`) and the analyzer (:mod:`onrecord.analyzers.claims`).

Model ``checkworthy-xenc-v3`` (``-v2`` read each sentence alone, ``-v1`` kept all six MiniLM layers): two scorers
of a sentence, stacked.

* a word + character n-gram TF-IDF logistic regression of the sentence alone (:class:`onrecord.textclf.TextClassifier`);
* all-MiniLM-L6-v2, cut to its first three layers, fine-tuned as a two-class classifier over
  ``[CLS] sentence [SEP] previous sentence [SEP]`` — the line before it in its debate transcript, empty for a first or
  isolated sentence (:attr:`CheckworthyModel.context`; a ``-v2`` model has an empty second segment always). The report
  reads a news body's sentences alone: a news sentence's neighbour is not a transcript's previous line, and read with
  it the model scores news far lower (BENCHMARKS.md, session 45). Int8 ONNX, its own artifact
  ``checkworthy_xenc.onnx``, attached as ``cross`` by :mod:`onrecord.models` at load time;
* a logistic regression over the TF-IDF model's log-odds and the fine-tuned model's logit margin
  (:func:`stack_inputs`), fitted on sentences neither scorer was trained on.

A model without a stacker scores with the TF-IDF model alone; so does an older ``checkworthy.pkl`` that
holds a bare :class:`~onrecord.textclf.TextClassifier` (it has the same ``scores`` and ``threshold``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from .minilm import CrossEncoderSlot
from .textclf import TextClassifier


def stack_inputs(tfidf_proba: np.ndarray, cross_logits: np.ndarray) -> np.ndarray:
    """The stacker's inputs, one row per sentence: the TF-IDF model's log-odds (probabilities clipped at
    1e-6) and the fine-tuned model's logit margin (positive minus negative class)."""
    p = np.clip(np.asarray(tfidf_proba, dtype=np.float64), 1e-6, 1 - 1e-6)
    z = np.asarray(cross_logits, dtype=np.float64).reshape(len(p), -1)
    return np.column_stack([np.log(p / (1 - p)), z[:, 1] - z[:, 0]])


def previous_sentences(texts: Sequence[str]) -> list[str]:
    """The line before each of ``texts`` in a transcript: ``""`` for the first."""
    return ["", *texts[:-1]] if len(texts) else []


def sentence_pairs(texts: Sequence[str], before: Sequence[str] | None = None) -> tuple[list[str], list[str]]:
    """The fine-tuned model's input for ``texts``: each sentence with ``before``'s entry as the second segment
    (the previous sentence), or alone (an empty second segment) when ``before`` is None."""
    if before is None:
        return list(texts), [""] * len(texts)
    if len(before) != len(texts):
        raise ValueError(f"{len(texts)} sentences but {len(before)} previous ones")
    return list(texts), list(before)


@dataclass
class CheckworthyModel(CrossEncoderSlot):
    """TF-IDF model + fine-tuned MiniLM + stacker, and the decision threshold chosen at training time."""

    OPTIONAL = ("stacker", "cross", "context")  # read from older pickles as the class default

    text: TextClassifier
    threshold: float
    model_id: str
    info: dict[str, Any] = field(default_factory=dict)
    stacker: LogisticRegression | None = None  # over stack_inputs(); classes_ == [0, 1]
    cross: Any = field(default=None, repr=False, compare=False)  # minilm.OnnxCrossEncoder, attached at load
    # True: the fine-tuned model was trained on (sentence, previous sentence) pairs and reads ``before``; False (v1,
    # v2, and models pickled before the field existed, which take this class default): it reads each sentence alone
    context: bool = False

    def scores(self, texts: Sequence[str], before: Sequence[str] | None = None) -> np.ndarray:
        """Probability that each sentence is check-worthy (float64 in [0, 1]), in input order. ``before`` holds the
        line before each one in its transcript (``""`` for none; see :func:`previous_sentences`);
        a context model given None reads every sentence as a first one, and a model without context ignores it."""
        if len(texts) == 0:
            return np.zeros(0)
        p = self.text.scores(texts)
        if self.stacker is None:
            return p
        logits = self.attached_cross().logits(*sentence_pairs(texts, before if self.context else None))
        return self.stacker.predict_proba(stack_inputs(p, logits))[:, 1]
