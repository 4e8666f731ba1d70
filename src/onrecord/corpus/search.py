"""Claim search: which stored articles, and which of their sentences, bear on a claim.

Ranking is BM25 from SQLite FTS5 (Porter-stemmed): articles over headline + body (the headline
weighted :data:`HEADLINE_WEIGHT` times), then the best-matching sentences of each hit article,
with their offsets into its body.

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

Embeddings are not computed yet. :func:`search` takes an optional :class:`Reranker`: given one, it
fetches a larger BM25 candidate pool (``RERANK_POOL`` × limit) with their best sentences and lets
the reranker reorder it (e.g. by cosine similarity between the claim's and the sentences'
embeddings, from the store's ``sentence_embeddings`` table) before cutting to ``limit``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Protocol

from onrecord.errors import InputError

from .store import TOKENIZE, Store

HEADLINE_WEIGHT = 2.0
MAX_TERMS = 32
POSTINGS_BUDGET = 30_000
RERANK_POOL = 5

_WORD = re.compile(r"\w+")


@dataclass
class SentenceHit:
    """A sentence of a hit article that matches the claim; offsets are into the article body."""

    index: int
    start: int
    end: int
    text: str
    score: float
    speculative: bool | None


@dataclass
class ArticleHit:
    """A stored article that matches the claim. ``score`` is BM25 (higher = more relevant).

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
    sentences: list[SentenceHit] = field(default_factory=list)


class Reranker(Protocol):
    """Reorders BM25 candidates, e.g. by embedding similarity; may rescore ``ArticleHit.score``."""

    def rerank(self, claim: str, hits: list[ArticleHit]) -> list[ArticleHit]: ...


def query_terms(claim: str) -> list[str]:
    """The claim's distinct lower-cased words, in order (at most MAX_TERMS)."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(claim)))[:MAX_TERMS]


def match_expression(terms: list[str]) -> str:
    """An FTS5 query matching any of ``terms``, each a quoted literal (no FTS syntax can get through)."""
    return " OR ".join('"{}"'.format(t.replace('"', '""')) for t in terms)


def search(store: Store, claim: str, limit: int = 10, sentences_per_article: int = 3,
           reranker: Reranker | None = None) -> list[ArticleHit]:
    """The ``limit`` stored articles most relevant to ``claim``, best first, each with its best sentences."""
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
        (match_expression(retrieval), f"bm25({HEADLINE_WEIGHT}, 1.0)", limit * RERANK_POOL if reranker else limit),
    ).fetchall()
    hits = _article_hits(conn, ranked)
    _attach_sentences(conn, hits, match_expression(words), sentences_per_article)
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
    """ArticleHits for (article id, score) pairs, in that order, with their report's verdict and stance."""
    if not ranked:
        return []
    marks = ", ".join("?" * len(ranked))
    rows = {row[0]: row for row in conn.execute(
        "SELECT a.id, a.headline, a.source, a.url, a.published, r.verdict, r.stance FROM articles a "
        f"LEFT JOIN reports r ON r.article_id = a.id WHERE a.id IN ({marks})", [i for i, _ in ranked])}
    hits = []
    for article_id, score in ranked:
        _, headline, source, url, published, verdict, stance = rows[article_id]
        hits.append(ArticleHit(article_id, headline, source, url, published, score, verdict, stance))
    return hits


def _attach_sentences(conn: sqlite3.Connection, hits: list[ArticleHit], expression: str, n: int) -> None:
    """Give each hit its ``n`` best sentences, BM25-ranked among the hits' sentences in the scratch table."""
    by_id = {hit.article_id: hit for hit in hits}
    if not by_id or n < 1:
        return
    marks = ", ".join("?" * len(by_id))
    rows = conn.execute(
        f'SELECT id, article_id, idx, start, "end", text, speculative FROM sentences '
        f"WHERE article_id IN ({marks})", list(by_id),
    ).fetchall()
    conn.execute("DELETE FROM temp.onrecord_scratch")
    conn.executemany("INSERT INTO temp.onrecord_scratch(rowid, text) VALUES (?, ?)",
                     [(row[0], row[5]) for row in rows])
    scores = conn.execute("SELECT rowid, -bm25(onrecord_scratch) FROM temp.onrecord_scratch "
                          "WHERE onrecord_scratch MATCH ? ORDER BY rank", (expression,)).fetchall()
    conn.execute("DELETE FROM temp.onrecord_scratch")
    sentence = {row[0]: row for row in rows}
    for sentence_id, score in scores:
        _, article_id, idx, start, end, text, spec = sentence[sentence_id]
        hit = by_id[article_id]
        if len(hit.sentences) < n:
            hit.sentences.append(SentenceHit(idx, start, end, text, score, None if spec is None else bool(spec)))
