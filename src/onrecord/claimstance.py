"""Stance of a headline towards a claim (for / against / observing): features and the fitted model.

Shared by training (:mod:`onrecord.training.emergent`) and inference (:mod:`onrecord.evaluation.emergent`,
and later the corpus ``claim`` command). Works on raw strings, no spaCy. A :class:`ClaimStanceModel` is what
``artifacts/emergent.pkl`` holds (loaded only through ``models.load("emergent")``); it also carries the
corroboration parameters fitted on the same training claims.

Features of a (claim, headline) pair, after Ferreira & Vlachos (2016), minus the parser- and PPDB-based ones:

* the headline's words: TF-IDF over word 1–2-grams (the question mark and quotes kept as tokens), fitted on
  training headlines only;
* cue words (refuting, negation, hedging/reporting, confirming — the word lists of
  :mod:`onrecord.stance_features`, plus a few headline-specific hedges): per group, the count in the headline,
  in the claim, and in the headline but not the claim (a claim that itself says "hoax" makes "hoax" in a
  headline agreeing, not refuting); each cue word present in the headline and not in the claim;
* shape: question mark, quotes, a colon, the headline starting with a hedge ("Report:", "Rumor:");
* overlap: share of the claim's content words (and of its numbers) found in the headline, Jaccard overlap,
  and the TF-IDF cosine of claim and headline.

From model ``emergent-xenc-v1`` on, the logistic regression over these features is one of two inputs to a
small stacking logistic regression (:func:`stack_inputs`): its log-probabilities, and the three logits of a
fine-tuned MiniLM cross-encoder reading ``[CLS] claim [SEP] headline [SEP]``. The cross-encoder's weights are
their own artifacts (from ``emergent-xenc-v3`` on, four int8 ONNX graphs whose logits are averaged);
:mod:`onrecord.models` attaches them as ``cross`` at load time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .corroborate import Params
from .minilm import CrossEncoderSlot
from .stance_features import CUE_GROUPS, content_words, tokenize

LABELS: tuple[str, ...] = ("for", "against", "observing")  # column order of every probability array here

# Headline-specific hedges that the FNC-1 body lists do not have.
HEADLINE_HEDGES = ("rumor", "rumors", "rumour", "rumours", "report", "reports", "reportedly", "allegedly",
                   "claims", "could", "may", "might", "possible", "possibly", "apparently", "purportedly", "supposedly")
GROUPS: dict[str, frozenset[str]] = {g: frozenset(w) for g, w in CUE_GROUPS.items()}
GROUPS["hedging"] = GROUPS["hedging"] | frozenset(HEADLINE_HEDGES)
CUES: tuple[str, ...] = tuple(sorted(frozenset().union(*GROUPS.values())))
_CUE_INDEX = {w: i for i, w in enumerate(CUES)}
_QUOTES = frozenset("\"“”‘’'")


def _numbers(tokens: Sequence[str]) -> set[str]:
    return {t for t in tokens if t.isdigit()}


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(whole) if whole else 0.0


def dense_features(claim: str, headline: str) -> np.ndarray:
    """The cue, shape and overlap features of one pair (everything but the TF-IDF parts)."""
    c_tok, h_tok = tokenize(claim), tokenize(headline)
    c_set, h_set = set(c_tok), set(h_tok)
    groups: list[float] = []
    for words in GROUPS.values():
        in_h, in_c = h_set & words, c_set & words
        groups += [float(sum(t in words for t in h_tok)), float(len(in_c)), float(len(in_h - in_c))]
    cues = np.zeros(len(CUES))
    for w in h_set - c_set:
        if w in _CUE_INDEX:
            cues[_CUE_INDEX[w]] = 1.0
    c_words, h_words = content_words(c_tok), content_words(h_tok)
    stripped = headline.strip()
    first = h_tok[0] if h_tok else ""
    shape = [
        float("?" in headline), float(any(ch in _QUOTES for ch in headline)), float(":" in headline),
        float(first in GROUPS["hedging"]), float(stripped.lower().startswith(("report", "rumor", "rumour"))),
        _share(h_words, c_words), _share(_numbers(h_tok), _numbers(c_tok)),
        len(c_words & h_words) / len(c_words | h_words) if c_words | h_words else 0.0,
        min(len(h_tok), 40) / 40.0,
    ]
    return np.concatenate([groups, cues, shape])


@dataclass
class FeatureExtractor:
    """TF-IDF spaces fitted on training text, plus :func:`dense_features`."""

    min_df: int = 2
    headline_bow: TfidfVectorizer = field(init=False)
    similarity: TfidfVectorizer = field(init=False)

    def fit(self, claims: Sequence[str], headlines: Sequence[str]) -> FeatureExtractor:
        self.headline_bow = TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True,
                                            token_pattern=r"(?u)\b\w+\b|[?\"“”:]", dtype=np.float64)
        self.headline_bow.fit(list(headlines))
        self.similarity = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float64)
        self.similarity.fit(list(dict.fromkeys(claims)) + list(headlines))
        for v in (self.headline_bow, self.similarity):
            # The pruned terms, kept for introspection only: a set, pickled in per-process hash order.
            vars(v).pop("stop_words_", None)
        return self

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without scikit-learn's cached id(stop_words) (a memory address, reset on every transform and
        recomputed on use), so the artifact is byte-for-byte reproducible."""
        for v in (self.headline_bow, self.similarity):
            vars(v).pop("_stop_words_id", None)
        return vars(self).copy()

    def transform(self, claims: Sequence[str], headlines: Sequence[str]) -> sparse.csr_matrix:
        """One row per (claim, headline) pair."""
        if len(claims) != len(headlines):
            raise ValueError("one claim per headline")
        c_vec = self.similarity.transform(list(claims))
        h_vec = self.similarity.transform(list(headlines))
        cosine = np.asarray(c_vec.multiply(h_vec).sum(axis=1)).reshape(-1, 1)
        dense = np.array([dense_features(c, h) for c, h in zip(claims, headlines)]).reshape(len(claims), -1)
        return sparse.hstack([self.headline_bow.transform(list(headlines)), sparse.csr_matrix(dense),
                              sparse.csr_matrix(cosine)], format="csr")


def stack_inputs(lr_proba: np.ndarray, cross_logits: np.ndarray) -> np.ndarray:
    """The stacker's inputs: the logistic regression's log-probabilities (clipped at 1e-6), the cross-encoder's
    logits — the same at training and at inference."""
    return np.hstack([np.log(np.clip(lr_proba, 1e-6, 1.0)), np.asarray(cross_logits, dtype=np.float64)])


@dataclass
class ClaimStanceModel(CrossEncoderSlot):
    """The shipped headline–claim stance classifier and the corroboration parameters fitted with it.

    Without a ``stacker`` (model ``emergent-lr-v1``) the probabilities are the logistic regression's; with one,
    the stacker's over :func:`stack_inputs`, which needs ``cross`` (a :class:`onrecord.minilm.CrossEncoder`,
    attached by :mod:`onrecord.models` when it loads the model, never pickled).
    """

    features: FeatureExtractor
    classifier: LogisticRegression
    corroboration: Params
    model_id: str
    info: dict[str, Any] = field(default_factory=dict)
    stacker: LogisticRegression | None = None  # over stack_inputs(); classes_ == [0, 1, 2]
    cross: Any = field(default=None, repr=False, compare=False)  # minilm.CrossEncoder, attached at load

    def lr_proba(self, claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
        """The logistic regression's probabilities alone (the whole model when there is no stacker)."""
        return self.classifier.predict_proba(self.features.transform(claims, headlines))

    def predict_proba(self, claims: Sequence[str], headlines: Sequence[str]) -> np.ndarray:
        """Probabilities in :data:`LABELS` order, one row per pair."""
        if len(headlines) == 0:
            return np.zeros((0, len(LABELS)))
        proba = self.lr_proba(claims, headlines)
        if self.stacker is None:
            return proba
        logits = self.attached_cross().logits(list(claims), list(headlines))
        return self.stacker.predict_proba(stack_inputs(proba, logits))
