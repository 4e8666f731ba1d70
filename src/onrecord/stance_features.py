"""Headline–body stance: features and the fitted model, shared by training and inference.

Everything here works on raw strings (no spaCy), so evaluation over thousands of FNC-1 pairs is
fast. A :class:`StanceModel` is what ``artifacts/stance.pkl`` holds (loaded only through
``models.load("stance")``); training builds it, :mod:`onrecord.analyzers.stance` uses it.

Features of a (headline, body) pair, computed by :class:`FeatureExtractor`:

* similarity: TF-IDF cosine (word 1–2-grams, and character 3–4-grams within words; both fitted on
  training text only) of the headline with the whole body, with its most similar sentence, the mean
  of its three most similar sentences, and the most similar of the first three sentences; where the
  best sentence lies; the share of sentences that match at all;
* overlap: share of the headline's content words, bigrams, numbers and capitalized words found in
  the body (and in the three most similar sentences); Jaccard overlap of content words;
* cue words (:data:`CUE_WORDS`: refuting/denial, negation, hedging/reporting, confirming): counts of
  each word in the headline and in the three sentences most similar to the headline; per group, the
  counts in headline, top sentences and first three sentences, the rate over the whole body and a
  similarity-weighted mean over all sentences; refutation "polarity" agreement of headline and best
  sentence;
* shape: headline and body length, sentence count, question mark or quotes in the headline.

Per-body and per-headline work is cached (each FNC-1 body appears in ~30 pairs, each headline in
~30): :meth:`FeatureExtractor.transform` vectorizes every distinct text once, then each pair costs
a few small dot products.
"""

from __future__ import annotations

import contextlib
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from threadpoolctl import ThreadpoolController

from . import lexicon
from .minilm import CrossEncoderSlot
from .report import STANCE_LABELS

LABELS: tuple[str, ...] = STANCE_LABELS  # column order of every probability array here

# Cue groups. Each word is counted separately (the classifier weighs them); group sums are features too.
REFUTE = ("fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "debunk", "debunked",
          "bogus", "retract", "retracted", "prank", "pranks", "myth", "untrue", "satire", "satirical",
          "rumor", "rumors", "rumour", "rumours", "doubt", "doubts", "despite", "nope", "lie", "lies",
          "misleading", "photoshopped", "refuted", "dismissed", "rejected", "never")
NEGATION = ("not", "no", "n't", "nothing", "none", "neither", "nor", "without", "cannot")
HEDGING = tuple(sorted(
    {"reportedly", "allegedly", "alleged", "according", "claim", "claims", "claimed", "unconfirmed",
     "unverified", "report", "reports", "reported", "believed", "appears", "appear", "seems", "if",
     "whether", "speculation", "suggests", "suggested", "said", "says", "told", "sources"}
    | lexicon.HEDGE_ADVERBS | lexicon.SPECULATIVE_MODALS))
SUPPORT = ("confirmed", "confirms", "confirm", "officially", "official", "true", "indeed", "revealed",
           "announced", "proof", "evidence", "shows", "showed", "video", "footage", "photos", "real", "actually")
CUE_GROUPS: dict[str, tuple[str, ...]] = {"refute": REFUTE, "negation": NEGATION, "hedging": HEDGING, "support": SUPPORT}
CUE_WORDS: tuple[str, ...] = tuple(dict.fromkeys(w for group in CUE_GROUPS.values() for w in group))
_CUE_INDEX = {w: i for i, w in enumerate(CUE_WORDS)}
_GROUP_COLUMNS = {g: np.array([_CUE_INDEX[w] for w in words]) for g, words in CUE_GROUPS.items()}
_POLARITY_COLUMNS = np.concatenate([_GROUP_COLUMNS["refute"], _GROUP_COLUMNS["negation"]])

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_CAPITALIZED = re.compile(r"\b[A-Z][a-zA-Z]+")
_STOP = ENGLISH_STOP_WORDS - set(CUE_WORDS)

TOP_K = 3  # how many best-matching sentences feed the "top sentences" features
MATCH_SIM = 0.1  # word cosine above which a sentence "matches" the headline
LEAD = 3  # the body's first sentences, which often state the article's stance


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens ("didn't" -> "didn", "'t" kept as "n't" when split by the writer)."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def content_tokens(tokens: Sequence[str]) -> list[str]:
    """Tokens without stop words, in order (for bigrams that skip function words)."""
    return [t for t in tokens if t not in _STOP and len(t) > 1]


def content_words(tokens: Sequence[str]) -> set[str]:
    return set(content_tokens(tokens))


def bigrams(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def split_sentences(body: str) -> list[str]:
    """Sentences of a raw body: every line break ends one, then end punctuation before a capital."""
    out: list[str] = []
    for line in body.splitlines():
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if any(c.isalnum() for c in piece):
                out.append(piece)
    return out


def cue_counts(tokens: Sequence[str]) -> np.ndarray:
    counts = np.zeros(len(CUE_WORDS), dtype=np.float32)
    for t in tokens:
        i = _CUE_INDEX.get(t)
        if i is not None:
            counts[i] += 1
        elif t.endswith("n't"):
            counts[_CUE_INDEX["n't"]] += 1
    return counts


def _numbers(tokens: Sequence[str]) -> set[str]:
    return {t for t in tokens if t.isdigit()}


def _share(part: set[Any], whole: set[Any]) -> float:
    return len(part & whole) / len(part) if part else 0.0


@dataclass
class Headline:
    """Per-headline cache."""

    word: sparse.csr_matrix  # 1 x V, L2-normalized
    char: sparse.csr_matrix
    tokens: list[str]
    content: set[str]
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    capitalized: set[str]
    cues: np.ndarray
    question: bool
    quoted: bool


@dataclass
class Body:
    """Per-body cache: whole-body and per-sentence vectors, token sets and cue counts."""

    word: sparse.csr_matrix  # 1 x V
    char: sparse.csr_matrix
    sent_word: sparse.csr_matrix  # S x V
    sent_char: sparse.csr_matrix
    content: set[str]
    sent_content: list[set[str]]
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    lower_text: str
    sent_cues: np.ndarray  # S x len(CUE_WORDS)
    n_tokens: int


FEATURE_NAMES: tuple[str, ...] = (
    "sim_word_body", "sim_char_body", "sim_word_max", "sim_word_top", "sim_char_max", "sim_char_top",
    "sim_word_lead", "best_position", "share_matching_sentences",
    "overlap_body", "overlap_top", "jaccard", "overlap_bigrams", "overlap_numbers", "n_numbers", "overlap_capitalized",
    "log_headline_tokens", "log_body_tokens", "log_sentences", "headline_question", "headline_quoted",
    "polarity_match",
    *(f"{g}_{where}" for g in CUE_GROUPS for where in ("headline", "top", "body_rate", "similarity_weighted", "lead")),
    *(f"top_{w}" for w in CUE_WORDS),
    *(f"headline_{w}" for w in CUE_WORDS),
)


class FeatureExtractor:
    """TF-IDF spaces fitted on training text, and the pair features listed in the module docstring."""

    def __init__(self) -> None:
        self.word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.5, max_features=40_000,
                                    sublinear_tf=True, stop_words=sorted(_STOP), token_pattern=r"(?u)\b\w\w+\b",
                                    dtype=np.float32)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=3, max_df=0.5,
                                    max_features=40_000, sublinear_tf=True, dtype=np.float32)

    def fit(self, headlines: Sequence[str], bodies: Sequence[str]) -> "FeatureExtractor":
        texts = list(dict.fromkeys([*bodies, *headlines]))
        self.word.fit(texts)
        self.char.fit(texts)
        return self

    def headlines(self, texts: Sequence[str]) -> list[Headline]:
        word, char = self.word.transform(texts), self.char.transform(texts)
        out = []
        for i, text in enumerate(texts):
            toks = tokenize(text)
            out.append(Headline(word[i], char[i], toks, content_words(toks), bigrams(content_tokens(toks)),
                                _numbers(toks), {w.lower() for w in _CAPITALIZED.findall(text)},
                                cue_counts(toks), "?" in text, any(q in text for q in "'\"‘’“”")))
        return out

    def bodies(self, texts: Sequence[str]) -> list[Body]:
        sents = [split_sentences(t) or [t] for t in texts]
        flat = [s for ss in sents for s in ss]
        word, char = self.word.transform(flat), self.char.transform(flat)
        whole_word, whole_char = self.word.transform(texts), self.char.transform(texts)
        out, at = [], 0
        for i, text in enumerate(texts):
            n = len(sents[i])
            sent_tokens = [tokenize(s) for s in sents[i]]
            all_tokens = [t for ts in sent_tokens for t in ts]
            out.append(Body(whole_word[i], whole_char[i], word[at:at + n], char[at:at + n],
                            content_words(all_tokens), [content_words(ts) for ts in sent_tokens],
                            bigrams(content_tokens(all_tokens)), _numbers(all_tokens), text.lower(),
                            np.stack([cue_counts(ts) for ts in sent_tokens]), len(all_tokens)))
            at += n
        return out

    def similarities(self, hs: Sequence[Headline], b: Body) -> list[tuple[np.ndarray, np.ndarray, float, float]]:
        """For each headline of ``hs`` against ``b``: word and char cosine with each sentence, then with
        the whole body — one sparse product per kind for all of a body's headlines."""
        hw = sparse.vstack([h.word for h in hs]).T.tocsc()
        hc = sparse.vstack([h.char for h in hs]).T.tocsc()
        sw, sc = (b.sent_word @ hw).toarray(), (b.sent_char @ hc).toarray()
        ww, wc = (b.word @ hw).toarray()[0], (b.char @ hc).toarray()[0]
        return [(sw[:, j], sc[:, j], float(ww[j]), float(wc[j])) for j in range(len(hs))]

    def pair(self, h: Headline, b: Body, sims: tuple[np.ndarray, np.ndarray, float, float] | None = None) -> np.ndarray:
        """One pair's feature row; ``sims``: its :meth:`similarities` when already computed."""
        sw, sc, whole_w, whole_c = sims if sims is not None else self.similarities([h], b)[0]
        order = np.argsort(-(sw + sc), kind="stable")
        top = order[:TOP_K]
        n = len(sw)
        top_content = set().union(*(b.sent_content[i] for i in top))
        top_cues = b.sent_cues[top].sum(axis=0)
        body_cues = b.sent_cues.sum(axis=0) * (100.0 / max(b.n_tokens, 1))
        polarity_h = h.cues[_POLARITY_COLUMNS].sum() % 2
        polarity_b = b.sent_cues[order[0]][_POLARITY_COLUMNS].sum() % 2
        union = h.content | b.content
        weights = np.clip(sw + sc, 0.0, None)
        weighted_cues = weights @ b.sent_cues / max(float(weights.sum()), 1e-6)
        lead_cues = b.sent_cues[:LEAD].sum(axis=0)
        groups = []
        for cols in _GROUP_COLUMNS.values():
            groups += [h.cues[cols].sum(), top_cues[cols].sum(), body_cues[cols].sum(),
                       weighted_cues[cols].sum(), lead_cues[cols].sum()]
        head = [
            whole_w, whole_c,
            sw.max(), sw[top].mean(), sc.max(), sc[top].mean(),
            sw[:LEAD].max(), order[0] / max(n - 1, 1), float((sw > MATCH_SIM).mean()),
            _share(h.content, b.content), _share(h.content, top_content),
            len(h.content & b.content) / len(union) if union else 0.0,
            _share(h.bigrams, b.bigrams), _share(h.numbers, b.numbers), len(h.numbers),
            sum(c in b.lower_text for c in h.capitalized) / len(h.capitalized) if h.capitalized else 0.0,
            math.log1p(len(h.tokens)), math.log1p(b.n_tokens), math.log1p(n), float(h.question), float(h.quoted),
            float(polarity_h == polarity_b),
        ]
        return np.concatenate([np.asarray(head + groups, dtype=np.float32), top_cues, h.cues])

    def transform(self, headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        """Feature matrix (n_pairs x len(FEATURE_NAMES)); every distinct text is processed once."""
        if len(headlines) != len(bodies):
            raise ValueError("one body per headline")
        h_keys, b_keys = list(dict.fromkeys(headlines)), list(dict.fromkeys(bodies))
        h_cache = dict(zip(h_keys, self.headlines(h_keys))) if h_keys else {}
        b_cache = dict(zip(b_keys, self.bodies(b_keys))) if b_keys else {}
        by_body: dict[str, dict[str, None]] = {}
        for h, b in zip(headlines, bodies):
            by_body.setdefault(b, {})[h] = None
        sims = {(h, b): s for b, hs in by_body.items()
                for h, s in zip(hs, self.similarities([h_cache[h] for h in hs], b_cache[b]))}
        X = np.zeros((len(headlines), len(FEATURE_NAMES)), dtype=np.float32)
        for i, (h, b) in enumerate(zip(headlines, bodies)):
            X[i] = self.pair(h_cache[h], b_cache[b], sims[h, b])
        return X

    def sentence_similarity(self, headline: str, sentences: Sequence[str]) -> np.ndarray:
        """Word TF-IDF cosine of the headline with each sentence (for choosing evidence)."""
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        return (self.word.transform(sentences) @ self.word.transform([headline]).T).toarray().ravel()


def softmax_with_temperature(proba: np.ndarray, temperature: float) -> np.ndarray:
    """Rescale probabilities as softmax(log p / T): same argmax, sharper (T < 1) or softer (T > 1)."""
    logits = np.log(np.clip(proba, 1e-12, 1.0)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


RELATED_LABELS: tuple[str, ...] = LABELS[:3]  # agree, disagree, discuss: stage two's classes, in order
assert LABELS[3] == "unrelated"


@dataclass
class StanceModel(CrossEncoderSlot):
    """What ``artifacts/stance.pkl`` holds: fitted features and two calibrated classifiers.

    Stage one gives P(related); stage two gives P(agree | disagree | discuss given related). The four
    probabilities are P(related)·P(class | related) and 1 − P(related); each stage's probabilities
    are temperature-scaled (:func:`softmax_with_temperature`) with its own temperature.

    With a ``stacker`` (models ``fnc1-xenc-v1`` and later), stage two is a logistic regression over
    the gradient-boosting stage's log-probabilities and the logits of a fine-tuned MiniLM
    cross-encoder reading the headline against :func:`evidence_passage`. The cross-encoder's weights
    live in their own artifact; :mod:`onrecord.models` attaches it as ``cross`` at load time (it is
    never pickled). It runs only on pairs with P(related) >= :data:`CROSS_MIN_RELATED`: for the
    others stage two barely matters, and skipping them keeps unrelated pairs cheap.
    """

    features: FeatureExtractor
    relatedness: Any  # binary classifier, classes_ == [0 (unrelated), 1 (related)]
    stance: Any  # classifier over RELATED_LABELS, classes_ == [0, 1, 2]
    temperatures: tuple[float, float]
    model_id: str
    info: dict[str, Any]
    stacker: Any = None  # LogisticRegression over stack_inputs(...), classes_ == [0, 1, 2]
    decision_weights: tuple[float, ...] | None = None  # per class in LABELS order; see labels()
    cross: Any = field(default=None, repr=False, compare=False)  # minilm.CrossEncoder, attached at load
    stacker_temperature: float | None = None  # softmax(log p / T) on the stacker's output; None: T = 1
    passage_cue_bonus: float = 0.0  # evidence_passage(..., cue_bonus=) the cross-encoder was trained with

    OPTIONAL = ("stacker", "decision_weights", "cross", "stacker_temperature", "passage_cue_bonus")

    def stage2_inputs(self, gbm_proba: np.ndarray, X: np.ndarray, headlines: Sequence[str],
                      bodies: Sequence[str]) -> np.ndarray:
        """The stacker's inputs for some pairs, given the boosting stage's probabilities and the
        feature rows of those pairs (:func:`stack_inputs`, with the cross-encoder's logits)."""
        cross = self.attached_cross()
        logits = cross.logits(list(headlines), [evidence_passage(h, b, cue_bonus=self.passage_cue_bonus)
                                                for h, b in zip(headlines, bodies)])
        return stack_inputs(gbm_proba, logits, X)

    def proba_from_features(self, X: np.ndarray, headlines: Sequence[str] | None = None,
                            bodies: Sequence[str] | None = None) -> np.ndarray:
        t_related, t_stance = self.temperatures
        with boosting_threads(len(X)):
            related = softmax_with_temperature(self.relatedness.predict_proba(X), t_related)[:, 1]
            gbm = self.stance.predict_proba(X)
        given_related = softmax_with_temperature(gbm, t_stance)
        if self.stacker is not None and headlines is not None and bodies is not None:
            rows = np.flatnonzero(related >= CROSS_MIN_RELATED)
            if len(rows):
                inputs = self.stage2_inputs(gbm[rows], X[rows], [headlines[i] for i in rows], [bodies[i] for i in rows])
                stacked = self.stacker.predict_proba(inputs)
                if self.stacker_temperature:
                    stacked = softmax_with_temperature(stacked, self.stacker_temperature)
                given_related[rows] = stacked
        return np.column_stack([given_related * related[:, None], 1.0 - related])

    def predict_proba(self, headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, one row per pair, columns in :data:`LABELS` order (rows sum to 1)."""
        if not headlines:
            return np.zeros((0, len(LABELS)))
        headlines, bodies = list(headlines), list(bodies)
        return self.proba_from_features(self.features.transform(headlines, bodies), headlines, bodies)

    def labels(self, proba: np.ndarray) -> list[str]:
        """The label of each row: the class with the largest ``proba × decision_weights`` (plain argmax
        without weights). The probabilities stay calibrated; the weights (fitted in training on held-out
        train claims, for macro-F1) only move the decision towards rare classes such as disagree."""
        return [LABELS[j] for j in decide(proba, self.decision_weights)]


ONE_THREAD_BELOW = 512  # pairs; see boosting_threads


def boosting_threads(n_rows: int) -> contextlib.AbstractContextManager:
    """One OpenMP thread for the boosting stages' prediction on fewer than :data:`ONE_THREAD_BELOW` rows.

    scikit-learn's boosting predicts each tree in an OpenMP parallel region; for one article's few pairs the
    threads' start and spin-wait cost more than the work, and on a busy machine far more (one pair: ~10 ms on
    one thread, 0.07-3 s on two with another process running). Each row's sum over the trees is the same on
    any thread count, so the probabilities do not change."""
    if n_rows >= ONE_THREAD_BELOW:
        return contextlib.nullcontext()
    return _openmp_controller().limit(limits=1, user_api="openmp")


_controller: tuple[int, ThreadpoolController] | None = None  # (modules imported when it was made, the controller)


def _openmp_controller() -> ThreadpoolController:
    """The process's thread pools, found again only when a module was imported since the last look:
    ``threadpool_limits`` looks them up on every call, reading the loaded libraries (~4 ms an article, session 55's
    profile), though after the first article nothing new is loaded."""
    global _controller
    if _controller is None or _controller[0] != len(sys.modules):
        _controller = (len(sys.modules), ThreadpoolController())
    return _controller[1]


def decide(proba: np.ndarray, weights: Sequence[float] | None = None) -> np.ndarray:
    """Column index of the largest ``proba × weights`` per row (ties: the first)."""
    proba = np.asarray(proba)
    return (proba * np.asarray(weights) if weights is not None else proba).argmax(axis=1)


def stack_inputs(gbm_proba: np.ndarray, cross_logits: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The stacker's inputs — the same at training and at inference: the boosting stage's
    log-probabilities (clipped at 1e-6), the cross-encoder's logits, and the
    cue-group features of the pair (:data:`STACK_FEATURES`). The cross-encoder reads only the passage
    most like the headline; the cue rates say how the *whole* body is worded (hedged reporting is
    "discuss" in FNC-1 even when a restating sentence reads like agreement)."""
    return np.hstack([np.log(np.clip(gbm_proba, 1e-6, 1.0)), cross_logits, X[:, STACK_COLUMNS]])


CROSS_MIN_RELATED = 0.2  # the cross-encoder reads pairs at least this likely to be related


PASSAGE_SENTENCES = 4  # the lead sentence plus the best-matching others, for the cross-encoder
# Words that make a sentence a likely refutation or denial of the headline, when it shares a content word with it.
PASSAGE_CUES = frozenset(REFUTE) | {"not", "n't", "no"}


def evidence_passage(headline: str, body: str, k: int = PASSAGE_SENTENCES, cue_bonus: float = 0.0) -> str:
    """The part of ``body`` a cross-encoder reads against ``headline``: its first sentence and the
    ``k - 1`` others sharing the most content words with the headline (ties: earlier first), in body
    order. With ``cue_bonus`` > 0, a sentence that shares a content word with the headline and holds
    a refutation or negation word (:data:`PASSAGE_CUES`) scores that much more: a body's denial ("the
    report is a hoax") often repeats fewer of the headline's words than its restatements do, and the
    cross-encoder cannot weigh a sentence it never reads. Word overlap, not a fitted model, so
    training and inference select alike."""
    sentences = split_sentences(body)
    if len(sentences) <= k:
        return " ".join(sentences)
    head = content_words(tokenize(headline))

    def score(i: int) -> float:
        tokens = tokenize(sentences[i])
        words = content_words(tokens)
        shared = len(head & words)
        cue = cue_bonus if shared and cue_bonus and not PASSAGE_CUES.isdisjoint(tokens) else 0.0
        return shared / math.sqrt(len(words) + 1.0) + cue

    best = sorted(range(1, len(sentences)), key=lambda i: (-score(i), i))[: k - 1]
    return " ".join(sentences[i] for i in sorted([0, *best]))


STACK_FEATURES: tuple[str, ...] = tuple(f"{group}_{where}" for group in CUE_GROUPS
                                        for where in ("headline", "top", "body_rate", "similarity_weighted", "lead"))
STACK_COLUMNS = np.array([FEATURE_NAMES.index(name) for name in STACK_FEATURES])
