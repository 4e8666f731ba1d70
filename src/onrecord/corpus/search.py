"""Claim search: which stored articles, and which of their sentences, bear on a claim.

Ranking is hybrid: BM25 from SQLite FTS5 (Porter-stemmed) picks and orders candidates, and the
cosine similarity between the claim's MiniLM embedding and the stored embeddings of each
candidate's headline and sentences reorders them. Articles: BM25 over headline + body (the headline
weighted :data:`HEADLINE_WEIGHT` times) fetches a pool of ``RERANK_POOL`` × limit; each is scored by
:func:`fuse` — ``(1 - w) * BM25 / best BM25 in the pool + w * best cosine`` over its headline and
sentences, ``w`` = :data:`WEIGHT` — and the best ``limit`` are kept. Their sentences are ranked by the
same fusion (BM25 among those articles' sentences, normalised by the best, and each sentence's own
cosine), so a sentence that paraphrases the claim without sharing its words can be shown.
Articles (or sentences) without stored embeddings score BM25 / best alone, on the same scale.

Why a weighted sum of max-normalised BM25 and cosine rather than reciprocal-rank fusion: both
signals are on meaningful scales (cosine is absolute; BM25 / best is relative to the pool), and a
sum keeps their margins — a headline that matches the claim almost word for word stays first,
where rank fusion would let an article ranked second by both overtake one first by BM25 by a
mile. ``benchmarks/eval_search.py`` measures it on FNC-1 (headlines as queries, their related bodies
as the relevant documents; ``w`` chosen on one half of the headlines, reported on the other) against
BM25 alone, cosine alone and RRF (k = 60). On the report half (200 headlines) nDCG@10 was BM25
0.733, fused (w = 0.5) 0.738, RRF 0.718, cosine alone 0.688: FNC-1 headlines share many words with
their bodies, so the gain there is small; the fusion is for paraphrases BM25 ranks low. Embeddings
only reorder the BM25 pool: an article sharing no word with the claim is not found.

The user's claim never reaches FTS5 as syntax: the query is only the claim's words, each quoted as
a literal term, joined with OR (so ``"foo" OR bar*`` or ``NEAR(`` are just words).

Speed: FTS5 computes BM25 for every article matching any query term, about 1.5 µs per posting,
so a query of common words over 100k articles would take hundreds of milliseconds. Articles are
therefore retrieved with the claim's *rarest* words only — rarest first, while their summed
document frequencies stay within :data:`POSTINGS_BUDGET` (always at least one word). Frequent words
carry little BM25 weight (low IDF), so this changes the top of the ranking little (benchmark at
100k articles: the article carrying the query as its headline is in the top 10 for 189 / 200
queries pruned vs 196 / 200 unpruned, at about 8x less time per query); sentences are
then scored with all of the claim's words. Sentences of the hit articles are ranked by BM25 in a
per-connection scratch FTS5 table (same tokenizer), so the store keeps no second full-text index.
The claim is embedded once per search (a few milliseconds once the encoder is loaded); the pool's
sentence vectors are read from the store (float16).

:func:`search` also takes an optional :class:`Reranker` (e.g. a cross-encoder): given one, it is
handed the whole fused pool, with sentences, to reorder before the cut to ``limit``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import numpy as np

from onrecord import models
from onrecord.errors import InputError

from .store import EMBEDDING_MODEL, TOKENIZE, Store, vector_of

HEADLINE_WEIGHT = 2.0
MAX_TERMS = 32
POSTINGS_BUDGET = 30_000
RERANK_POOL = 5
WEIGHT = 0.5  # of the embedding similarity in the fused score; chosen on FNC-1 by benchmarks/eval_search.py

_WORD = re.compile(r"\w+")


@dataclass
class SentenceHit:
    """A sentence of a hit article that bears on the claim; offsets are into the article body.

    ``score`` ranks the article's sentences (see :func:`search`); ``similarity`` is the cosine between
    the claim's and the sentence's embeddings (None when the sentence has none).
    """

    index: int
    start: int
    end: int
    text: str
    score: float
    speculative: bool | None
    similarity: float | None = None


@dataclass
class ArticleHit:
    """A stored article that matches the claim: ``score`` ranks (higher = more relevant, see :func:`search`),
    ``bm25`` is its FTS5 BM25 and ``similarity`` the best cosine between the claim's embedding and its
    headline's or sentences' (None when the article has no embeddings).

    ``verdict`` and ``stance`` come from the article's own report (they judge the body against the
    article's headline, not against the claim searched for); None for articles stored unaudited.
    """

    article_id: int
    headline: str
    source: str | None
    url: str | None
    published: str | None
    score: float
    verdict: str | None
    stance: str | None
    bm25: float
    similarity: float | None = None
    sentences: list[SentenceHit] = field(default_factory=list)


class Reranker(Protocol):
    """Reorders the candidates, e.g. with a cross-encoder; may rescore ``ArticleHit.score``."""

    def rerank(self, claim: str, hits: list[ArticleHit]) -> list[ArticleHit]: ...


@dataclass(frozen=True)
class _Sentence:
    id: int
    article_id: int
    index: int
    start: int
    end: int
    text: str
    speculative: bool | None
    vector: bytes | None


def query_terms(claim: str) -> list[str]:
    """The claim's distinct lower-cased words, in order (at most MAX_TERMS)."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(claim)))[:MAX_TERMS]


def match_expression(terms: list[str]) -> str:
    """An FTS5 query matching any of ``terms``, each a quoted literal (no FTS syntax can get through)."""
    return " OR ".join('"{}"'.format(t.replace('"', '""')) for t in terms)


def fuse(bm25: float, top: float, similarity: float | None, weight: float) -> float:
    """The hybrid score: ``(1 - weight) * bm25 / top + weight * similarity``; BM25 / top alone without a similarity."""
    normalised = bm25 / top if top > 0 else 0.0
    return normalised if similarity is None else (1 - weight) * normalised + weight * similarity


def results_json(claim: str, hits: list[ArticleHit]) -> dict[str, Any]:
    """The JSON form of a search (``onrecord corpus search --format json``, ``GET /api/search``)."""
    return {"claim": claim, "results": [asdict(hit) for hit in hits]}


def search(store: Store, claim: str, limit: int = 10, sentences_per_article: int = 3,
           reranker: Reranker | None = None, weight: float = WEIGHT) -> list[ArticleHit]:
    """The ``limit`` stored articles most relevant to ``claim``, best first, each with its best sentences.

    With ``weight`` > 0 the BM25 pool (``RERANK_POOL`` × limit) is reordered by :func:`fuse` when any
    article in it has embeddings (``weight`` 0: BM25 only, and the encoder is never loaded); then
    ``score`` is the fused score, else the BM25. A ``reranker`` then reorders the whole pool.
    """
    words = query_terms(claim)
    if not words:
        raise InputError("the claim has no words to search for")
    if limit < 1:
        raise InputError("limit must be at least 1")
    conn = store.conn
    _prepare(conn)
    retrieval = _rarest(conn, words)
    if not retrieval:
        return []
    ranked = conn.execute(
        "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?",
        (match_expression(retrieval), f"bm25({HEADLINE_WEIGHT}, 1.0)",
         limit * RERANK_POOL if reranker or weight > 0 else limit),
    ).fetchall()
    hits = _article_hits(conn, ranked)
    sentences = _sentences(conn, [hit.article_id for hit in hits])
    similarity = _similarities(conn, claim, hits, sentences) if weight > 0 else None
    if similarity is not None:
        top = hits[0].bm25
        for hit in hits:
            hit.score = fuse(hit.bm25, top, hit.similarity, weight)
        hits.sort(key=lambda hit: -hit.score)
    keep = hits if reranker else hits[:limit]
    _attach_sentences(conn, keep, sentences, match_expression(words), sentences_per_article, similarity, weight)
    if reranker:
        hits = reranker.rerank(claim, hits)
    return hits[:limit]


def _prepare(conn: sqlite3.Connection) -> None:
    """A per-connection scratch FTS5 table (temp schema, same tokenizer) for ranking sentences."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.onrecord_scratch USING fts5(text, tokenize='{TOKENIZE}')")


def _rarest(conn: sqlite3.Connection, words: list[str]) -> list[str]:
    """The claim words to retrieve articles with: rarest first, within POSTINGS_BUDGET (at least one)."""
    frequency = {}
    for word in words:
        (n,) = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                            (match_expression([word]),)).fetchone()
        if n:
            frequency[word] = n
    chosen: list[str] = []
    total = 0
    for word in sorted(frequency, key=frequency.__getitem__):
        if chosen and total + frequency[word] > POSTINGS_BUDGET:
            break
        chosen.append(word)
        total += frequency[word]
    return chosen


def _article_hits(conn: sqlite3.Connection, ranked: list[tuple[int, float]]) -> list[ArticleHit]:
    """ArticleHits for (article id, BM25) pairs, in that order, with their report's verdict and stance."""
    if not ranked:
        return []
    marks = ", ".join("?" * len(ranked))
    rows = {row[0]: row for row in conn.execute(
        "SELECT a.id, a.headline, a.source, a.url, a.published, r.verdict, r.stance FROM articles a "
        f"LEFT JOIN reports r ON r.article_id = a.id WHERE a.id IN ({marks})", [i for i, _ in ranked])}
    hits = []
    for article_id, score in ranked:
        _, headline, source, url, published, verdict, stance = rows[article_id]
        hits.append(ArticleHit(article_id, headline, source, url, published, score, verdict, stance, score))
    return hits


def _sentences(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, list[_Sentence]]:
    """The sentences of the given articles, in order, with their embedding (float16 bytes) where stored."""
    out: dict[int, list[_Sentence]] = {article_id: [] for article_id in article_ids}
    if not article_ids:
        return out
    rows = conn.execute(
        'SELECT s.id, s.article_id, s.idx, s.start, s."end", s.text, s.speculative, '
        "(SELECT v.vector FROM sentence_embeddings e JOIN vectors v ON v.id = e.vector_id "
        " WHERE e.sentence_id = s.id AND v.model = ?) "
        f"FROM sentences s WHERE s.article_id IN ({', '.join('?' * len(article_ids))}) ORDER BY s.article_id, s.idx",
        (EMBEDDING_MODEL, *article_ids))
    for sid, article_id, idx, start, end, text, spec, vector in rows:
        out[article_id].append(_Sentence(sid, article_id, idx, start, end, text, None if spec is None else bool(spec),
                                         vector))
    return out


def _similarities(conn: sqlite3.Connection, claim: str, hits: list[ArticleHit],
                  sentences: dict[int, list[_Sentence]]) -> dict[int, float] | None:
    """Cosine between the claim and each embedded sentence (by sentence id); sets each embedded hit's
    ``similarity`` (best over its headline and sentences). None, without loading the encoder, when no
    hit has embeddings."""
    if not hits:
        return None
    headline = dict(conn.execute(
        "SELECT e.article_id, v.vector FROM embedded_articles e LEFT JOIN vectors v ON v.id = e.headline_vector "
        f"WHERE e.model = ? AND e.article_id IN ({', '.join('?' * len(hits))})",
        (EMBEDDING_MODEL, *(hit.article_id for hit in hits))))
    if not headline:
        return None
    query = models.load("minilm").embed([claim])[0]
    embedded = [s for hit in hits if hit.article_id in headline for s in sentences[hit.article_id] if s.vector]
    cosine = dict(zip((s.id for s in embedded), _cosines(query, [s.vector for s in embedded])))
    for hit in hits:
        if hit.article_id in headline:
            own = [cosine[s.id] for s in sentences[hit.article_id] if s.id in cosine]
            if headline[hit.article_id] is not None:
                own += _cosines(query, [headline[hit.article_id]])
            hit.similarity = max(own, default=None)
    return cosine


def _cosines(query: np.ndarray, blobs: list[bytes]) -> list[float]:
    """Cosines between a unit query vector and stored (unit, float16) embeddings."""
    if not blobs:
        return []
    return (np.stack([vector_of(b) for b in blobs]) @ query).tolist()


def _attach_sentences(conn: sqlite3.Connection, hits: list[ArticleHit], sentences: dict[int, list[_Sentence]],
                      expression: str, n: int, similarity: dict[int, float] | None, weight: float) -> None:
    """Give each hit its ``n`` best sentences: by BM25 (ranked among the hits' sentences in the scratch
    table), fused with their similarity to the claim (:func:`fuse`) when the search used embeddings,
    in which case sentences sharing no word with the claim compete too."""
    if not hits or n < 1:
        return
    rows = [s for hit in hits for s in sentences[hit.article_id]]
    conn.execute("DELETE FROM temp.onrecord_scratch")
    conn.executemany("INSERT INTO temp.onrecord_scratch(rowid, text) VALUES (?, ?)", [(s.id, s.text) for s in rows])
    bm25 = dict(conn.execute("SELECT rowid, -bm25(onrecord_scratch) FROM temp.onrecord_scratch "
                             "WHERE onrecord_scratch MATCH ? ORDER BY rank", (expression,)).fetchall())
    conn.execute("DELETE FROM temp.onrecord_scratch")
    top = max(bm25.values(), default=0.0)
    for hit in hits:
        scored = []
        for s in sentences[hit.article_id]:
            sim = similarity.get(s.id) if similarity is not None else None
            if s.id not in bm25 and sim is None:
                continue
            score = fuse(bm25.get(s.id, 0.0), top, sim, weight) if similarity is not None else bm25[s.id]
            scored.append((-score, -bm25.get(s.id, 0.0), s.index, s, sim, score))
        for *_, s, sim, score in sorted(scored, key=lambda row: row[:3])[:n]:
            hit.sentences.append(SentenceHit(s.index, s.start, s.end, s.text, score, s.speculative, sim))
