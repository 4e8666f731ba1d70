"""Features and label codes for the trained attribution tagger (shared by training and inference).

Two CRF stages over a parsed body (spaCy ``Doc``), each run paragraph by paragraph (a paragraph is
a run of non-space tokens between line breaks):

1. **cue** tagging: BIO labels ``B-CUE`` / ``I-CUE`` / ``O`` over every paragraph
   (:func:`cue_features`);
2. **role** tagging, once per cue: BIO labels for ``SRC`` (source) and ``CON`` (content) over the
   cue's paragraph, with features relative to that cue — before / after it, how far, which of the
   cue's dependents the token hangs under (nsubj, ccomp, dobj …), inside a quotation next to it
   (:func:`role_features`).

A span is a pair of token indices ``(first, last)``, both inclusive. Quotations come in as character
ranges (:func:`onrecord.quotes.find_quotes`), so this module needs no analyzer.

**Token clusters.** A word seen rarely or never as a cue in training ("is doubling down on") gets no help
from its lemma's weights. Like Brown clusters in older taggers, :class:`TokenClusters` gives every token the
id of its nearest centroid in the spaCy model's own contextual token vectors (``doc.tensor``, which the
parse computes anyway), at a few granularities; the centroids are k-means fitted on the training articles'
tokens (:meth:`TokenClusters.fit`, no labels) and ship in the attribution artifact.

**Lemma cue rates.** Under the CRFs' L1 penalty a rare lemma's own weights are zeroed; a shared feature saying
how often the lemma was (part of) a cue in the training articles survives (:class:`CueRates`; the counts ship in
the artifact, and in training each article's own counts are left out).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from . import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

TokenSpan = tuple[int, int]
O = "O"
CUE, SRC, CON = "CUE", "SRC", "CON"
_DISTANCE_BUCKETS = (1, 2, 3, 5, 10, 20)
# A quotation is "next to" a cue when it ends at most this many tokens before it ("“…,” the
# former mayor of Boston said") or starts at most this many after it ("said on Monday: “…").
QUOTE_BEFORE_CUE = 8
QUOTE_AFTER_CUE = 6


def lexical_class(lemma: str) -> str | None:
    """Which cue word list of :mod:`onrecord.lexicon` holds ``lemma`` (None: none of them)."""
    if lemma in lexicon.SPEECH_VERBS:
        return "speech"
    if lemma in lexicon.BELIEF_VERBS:
        return "belief"
    if lemma in lexicon.BELIEF_ADJECTIVES or lemma in lexicon.BELIEF_NOUNS:
        return "belief_other"
    return None


CLUSTER_SIZES = (32, 128, 512)  # k-means granularities of the token clusters (coarse to fine)
CLUSTER_SAMPLE = 300_000  # at most this many training tokens fit the centroids


@dataclass
class TokenClusters:
    """Centroids (unit length, float32) of the parse's contextual token vectors, one array per granularity."""

    centroids: list[np.ndarray]

    @classmethod
    def fit(cls, docs: Sequence["Doc"], sizes: Sequence[int] = CLUSTER_SIZES, seed: int = 0) -> "TokenClusters":
        """k-means (mini-batch, seeded) on the non-space tokens of ``docs``, sampled down to
        :data:`CLUSTER_SAMPLE`."""
        from sklearn.cluster import MiniBatchKMeans
        from threadpoolctl import threadpool_limits

        x = np.concatenate([_unit(d.tensor)[[t.i for t in d if not t.is_space]] for d in docs if len(d)])
        rng = np.random.default_rng(seed)
        if len(x) > CLUSTER_SAMPLE:
            x = x[np.sort(rng.choice(len(x), CLUSTER_SAMPLE, replace=False))]
        out = []
        for k in sizes:
            k = min(k, len(x))  # a tiny training set (tests) cannot have more clusters than tokens
            with threadpool_limits(limits=1):  # one thread: the same centroids on any machine
                km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096, max_iter=50).fit(x)
            out.append(_unit(km.cluster_centers_).astype(np.float32))
        return cls(out)

    def assign(self, doc: "Doc") -> list[np.ndarray]:
        """For each granularity, each token's nearest centroid (cosine); empty when ``doc`` has no tensor."""
        t = doc.tensor
        if t is None or len(t) != len(doc) or t.ndim != 2 or not self.centroids or t.shape[1] != self.centroids[0].shape[1]:
            return []
        x = _unit(t)
        return [np.argmax(x @ c.T, axis=1) for c in self.centroids]


RATE_MIN_COUNT = 5  # a lemma seen fewer times in training gets only "rare" (cue or not), no rate bucket
RATE_BUCKETS = (0.02, 0.1, 0.3, 0.6)  # upper bounds of the cue-rate buckets above zero


@dataclass
class CueRates:
    """How often each lemma was (part of) a cue in the training articles: ``counts[lemma] = (as a cue, in all)``.

    ``minus`` holds counts to leave out — during training, the article being featurised (leave-one-article-out,
    so a token's feature never reflects its own label)."""

    counts: dict[str, tuple[int, int]]
    minus: dict[str, tuple[int, int]] = field(default_factory=dict)

    @staticmethod
    def count(doc: "Doc", cues: Sequence[TokenSpan]) -> dict[str, tuple[int, int]]:
        """One article's counts: every non-space token's lemma, and whether it lies in one of ``cues``."""
        inside = {i for first, last in cues for i in range(first, last + 1)}
        out: dict[str, list[int]] = {}
        for tok in doc:
            if not tok.is_space:
                c = out.setdefault(tok.lemma_.lower(), [0, 0])
                c[0] += tok.i in inside
                c[1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    @classmethod
    def total(cls, per_article: Sequence[dict[str, tuple[int, int]]]) -> "CueRates":
        """The rates of several articles' counts (:meth:`count`) summed."""
        counts: dict[str, list[int]] = {}
        for art in per_article:
            for lemma, (cue, n) in art.items():
                c = counts.setdefault(lemma, [0, 0])
                c[0] += cue
                c[1] += n
        return cls({k: (v[0], v[1]) for k, v in counts.items()})

    def without(self, article: dict[str, tuple[int, int]]) -> "CueRates":
        """The same counts with one article's left out."""
        return CueRates(self.counts, article)

    def feature(self, lemma: str) -> str:
        """The lemma's feature: ``cr=unseen``, ``cr=rare_cue`` / ``cr=rare_no`` (fewer than
        :data:`RATE_MIN_COUNT` occurrences), ``cr=0`` (never a cue), else ``cr=1`` … ``cr=5`` by rate."""
        cue, n = self.counts.get(lemma, (0, 0))
        mc, mn = self.minus.get(lemma, (0, 0))
        cue, n = cue - mc, n - mn
        if n <= 0:
            return "cr=unseen"
        if n < RATE_MIN_COUNT:
            return "cr=rare_cue" if cue else "cr=rare_no"
        if cue == 0:
            return "cr=0"
        rate = cue / n
        return f"cr={sum(rate >= b for b in RATE_BUCKETS)}"


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)


@dataclass
class Prepared:
    """Per-token facts of one Doc, computed once and shared by both stages."""

    doc: "Doc"
    paragraphs: list[list[int]]      # token indices of each paragraph (space tokens left out)
    paragraph_of: list[int]          # token index -> paragraph number (-1 for space tokens)
    quote_of: list[int]              # token index -> quotation number (-1 outside quotes)
    quotes: list[TokenSpan]          # quotations as token spans
    base: list[list[str]]            # the token's own features
    short: list[list[str]]           # the few features its neighbours see
    heads: list[int]                 # token index -> its syntactic head's index
    sent_of: list[int]               # token index -> the index of its sentence's first token
    windows: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (token, width) -> features


def prepare(doc: "Doc", quotes: Sequence[tuple[int, int]], clusters: TokenClusters | None = None,
            rates: CueRates | None = None) -> Prepared:
    """Per-token features of ``doc``; ``quotes``: character ranges of its quotations; ``clusters`` and
    ``rates``: the token clusters and lemma cue rates to add (none: the features of models trained without)."""
    toks = list(doc)  # each token's attributes are read once: spaCy builds a Token object at every access
    n = len(toks)
    space = [t.is_space for t in toks]
    paragraphs: list[list[int]] = []
    paragraph_of = [-1] * n
    current: list[int] = []
    for i, tok in enumerate(toks):
        if not space[i]:
            paragraph_of[i] = len(paragraphs)
            current.append(i)
        if "\n" in tok.text_with_ws and current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)

    starts = [q[0] for q in quotes]
    quote_of = [-1] * n
    token_quotes: list[list[int]] = [[] for _ in quotes]
    for i, tok in enumerate(toks):
        k = bisect.bisect_right(starts, tok.idx) - 1
        if k >= 0 and tok.idx < quotes[k][1]:
            quote_of[i] = k
            token_quotes[k].append(i)
    quote_spans = [(t[0], t[-1]) if t else (-1, -1) for t in token_quotes]

    ids = clusters.assign(doc) if clusters is not None else []
    heads = [t.head.i for t in toks]
    lowers = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    pos = [t.pos_ for t in toks]
    deps = [t.dep_ for t in toks]
    classes: dict[str, str | None] = {}
    for lemma in lemmas:
        if lemma not in classes:
            classes[lemma] = lexical_class(lemma)
    child_deps: list[list[str]] = [[] for _ in range(n)]  # in token order, as Token.children yields them
    for i, h in enumerate(heads):
        if h != i:
            child_deps[h].append(f"c={deps[i]}")
    base: list[list[str]] = []
    short: list[list[str]] = []
    for i, tok in enumerate(toks):
        lower, lemma, h = lowers[i], lemmas[i], heads[i]
        lex = classes[lemma]
        feats = [f"w={lower}", f"l={lemma}", f"p={pos[i]}", f"t={tok.tag_}", f"d={deps[i]}",
                 f"hl={lemmas[h]}", f"hp={pos[h]}", f"hd={deps[h]}",
                 f"e={tok.ent_type_}", f"suf={lower[-3:]}"]
        if tok.is_title:
            feats.append("title")
        if lex:
            feats.append(f"lex={lex}")
        head_lex = classes[lemmas[h]]
        if head_lex and h != i:
            feats.append(f"hlex={head_lex}|{deps[i]}")
        feats.extend(child_deps[i])
        inside = quote_of[i] >= 0
        feats.append("inq" if inside else "outq")
        if tok.is_sent_start:
            feats.append("sent_start")
        feats.extend(f"k{g}={a[i]}" for g, a in enumerate(ids))
        if rates is not None:
            feats.append(rates.feature(lemma))
        base.append(feats)
        short.append([f"w={lower}", f"p={pos[i]}", f"lex={lex}", "q" if inside else "nq"]
                     + ([f"k0={ids[0][i]}"] if ids else []))
    sent_of = [0] * n
    for sent in doc.sents:
        sent_of[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
    return Prepared(doc, paragraphs, paragraph_of, quote_of, quote_spans, base, short, heads, sent_of)


def _window(prep: Prepared, seq: list[int], k: int, width: int) -> list[str]:
    """The neighbours' features of ``seq[k]`` within ``width`` tokens in its paragraph ``seq``."""
    key = (seq[k], width)
    if key in prep.windows:
        return prep.windows[key]
    out: list[str] = []
    prep.windows[key] = out
    for off in range(-width, width + 1):
        if off == 0:
            continue
        j = k + off
        if 0 <= j < len(seq):
            out.extend(f"{off}{f}" for f in prep.short[seq[j]])
        else:
            out.append(f"{off}pad")
    return out


def cue_features(prep: Prepared, seq: list[int]) -> list[list[str]]:
    """Stage-1 features of the tokens ``seq`` (one paragraph)."""
    return [prep.base[i] + _window(prep, seq, k, 2) for k, i in enumerate(seq)]


def span_head(doc: "Doc", cue: TokenSpan) -> "Token":
    """A span's syntactic head: its first token whose head lies outside the span."""
    for i in range(cue[0], cue[1] + 1):
        head = doc[i].head.i
        if head == i or not cue[0] <= head <= cue[1]:
            return doc[i]
    return doc[cue[0]]


def _bucket(d: int) -> str:
    for b in _DISTANCE_BUCKETS:
        if d <= b:
            return str(b)
    return "far"


def _path_up(heads: list[int], i: int) -> list[int]:
    """``i`` and its ancestors, nearest first."""
    path = [i]
    while heads[path[-1]] != path[-1] and len(path) < 64:
        path.append(heads[path[-1]])
    return path


def _relation(prep: Prepared, i: int, head: int, head_up: list[int] | None = None) -> str:
    """How token ``i`` hangs from the cue head: under which dependent, above it, or elsewhere (``head_up``: the
    head's :func:`_path_up`, when the caller has it)."""
    if i == head:
        return "cue"
    up = _path_up(prep.heads, i)
    if head in up:
        return f"under={prep.doc[up[up.index(head) - 1]].dep_}"
    if i in (head_up if head_up is not None else _path_up(prep.heads, head)):
        return "above"
    return "sibling" if prep.heads[head] in up else "other"


ROLE_WINDOW = 200  # tokens each side of a cue that stage 2 reads, widened to whole sentences


def role_window(prep: Prepared, cue: TokenSpan) -> list[int]:
    """The tokens of ``cue``'s paragraph that stage 2 tags for it: the whole paragraph, unless it runs on more
    than :data:`ROLE_WINDOW` tokens before or after the cue — then about that reach, widened to whole sentences
    where a sentence does not itself run on (a text without paragraph breaks, or one endless sentence, would
    otherwise make every cue read all of it: quadratic time)."""
    seq = prep.paragraphs[prep.paragraph_of[cue[0]]]
    if seq[0] >= cue[0] - ROLE_WINDOW and seq[-1] <= cue[1] + ROLE_WINDOW:
        return seq
    reach_lo, reach_hi = max(seq[0], cue[0] - ROLE_WINDOW), min(seq[-1], cue[1] + ROLE_WINDOW)
    first = prep.sent_of[reach_lo]  # back to the start of the sentence the reach ends in ...
    if first < reach_lo - ROLE_WINDOW:
        first = reach_lo  # ... unless that sentence runs on too far
    last = reach_hi
    if reach_hi < seq[-1] and prep.sent_of[reach_hi] - 1 >= cue[1]:
        last = prep.sent_of[reach_hi] - 1  # the last sentence that ends within the reach
    lo, hi = bisect.bisect_left(seq, first), bisect.bisect_right(seq, last)
    return seq[lo:hi]


def role_features(prep: Prepared, seq: list[int], cue: TokenSpan) -> list[list[str]]:
    """Stage-2 features of the tokens ``seq`` (the cue's paragraph) relative to ``cue``."""
    doc = prep.doc
    head = span_head(doc, cue)
    lemma = head.lemma_.lower()
    head_up = _path_up(prep.heads, head.i)
    cue_sent = prep.sent_of[cue[0]]
    cue_quote = {prep.quote_of[cue[0]], prep.quote_of[cue[1]]} - {-1}
    adjacent = set()
    for k, (qs, qe) in enumerate(prep.quotes):
        if 0 < cue[0] - qe <= QUOTE_BEFORE_CUE or 0 < qs - cue[1] <= QUOTE_AFTER_CUE:
            adjacent.add(k)
    out: list[list[str]] = []
    for k, i in enumerate(seq):
        if i < cue[0]:
            side, dist = "before", cue[0] - i
        elif i > cue[1]:
            side, dist = "after", i - cue[1]
        else:
            side, dist = "in", 0
        rel = _relation(prep, i, head.i, head_up)
        q = prep.quote_of[i]
        quote = "q_cue" if q in cue_quote else "q_adj" if q in adjacent else "q_other" if q >= 0 else "q_none"
        feats = [f"side={side}", f"dist={side}{_bucket(dist)}", f"rel={rel}", f"rel={rel}|{side}",
                 f"quote={quote}", f"quote={quote}|{side}", f"cl={lemma}", f"cl={lemma}|{side}",
                 f"sent={'same' if prep.sent_of[i] == cue_sent else 'other'}",
                 f"{prep.short[i][1]}|{side}", f"{prep.base[i][4]}|{rel}"]
        out.append(prep.base[i] + feats + _window(prep, seq, k, 1))
    return out


# --------------------------------------------------------------------------- labels

def encode(seq: list[int], spans: dict[str, list[TokenSpan]]) -> list[str]:
    """BIO labels of ``seq`` for labelled token spans (earlier labels in ``spans`` win overlaps)."""
    labels = {i: O for i in seq}
    for label, found in spans.items():
        for first, last in found:
            begun = False
            for i in seq:
                if first <= i <= last and labels[i] == O:
                    labels[i] = ("I-" if begun else "B-") + label
                    begun = True
    return [labels[i] for i in seq]


def decode(seq: list[int], labels: Sequence[str], label: str) -> list[TokenSpan]:
    """Token spans tagged ``label`` (an ``I-`` without a ``B-`` starts a span too)."""
    spans: list[TokenSpan] = []
    start = prev = None
    for i, tag in zip(seq, labels):
        inside = tag == "I-" + label and start is not None
        if tag == "B-" + label or (tag == "I-" + label and start is None):
            if start is not None:
                spans.append((start, prev))
            start = i
        elif not inside and start is not None:
            spans.append((start, prev))
            start = None
        prev = i
    if start is not None:
        spans.append((start, prev))
    return spans
