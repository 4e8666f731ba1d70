"""``onrecord corpus claim``: which outlets in the store corroborate, refute or only repeat a claim.

1. Search the store for the claim (BM25, :mod:`onrecord.corpus.search`).
2. Keep the articles that are about it: at least half of the claim's content words appear in the
   headline or its best-matching body sentences (BM25 with OR matches much that is merely nearby).
3. Classify each kept article's stance towards the claim (for / against / observing) with the
   Emergent-trained model (``models.load("emergent")``), read from the article's sentence that holds most of the
   claim's content words (its headline when the search found no sentence): on FNC-1, where the gold is the body's
   stance, that sentence gives accuracy 0.724 against 0.639 from the headline (``benchmarks/eval_corpus_claim.py``;
   an article's headline is often about something else than the claim it mentions).
4. Mark a report hedged when its headline hedges its own claim and credits it to no one ("reportedly",
   "may", "said to" …) or asks it (:func:`onrecord.analyzers.headline.hedged_headlines`; a headline that credits
   someone, "Officials say …", is not hedged by that), or when most of its matching body sentences are
   speculative by the article's own audit.
5. Aggregate with :mod:`onrecord.corroborate` (each outlet once, hedged reports weigh less) into
   corroborated / refuted / unverified / contested, with the evidence by outlet and date.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from .. import claimstance, corroborate, models
from ..analyzers.headline import hedged_headlines
from .search import ArticleHit, search
from .store import Store

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been it its this that
these those he she they his her their we you i not no will would can could may might has have had do does did than
about over into after before says said say""".split())
RELEVANCE = 0.5


@dataclass(frozen=True)
class ClaimCheck:
    claim: str
    verdict: corroborate.Verdict
    considered: int  # articles the search returned
    relevant: int    # articles judged to be about the claim

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``onrecord corpus claim --format json``, ``GET /api/claim``)."""
        return {"claim": self.claim, "considered": self.considered, "relevant": self.relevant, **asdict(self.verdict)}


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def relevance(claim: str, hit: ArticleHit) -> float:
    """Share of the claim's content words found in the hit's headline or matching sentences."""
    want = content_words(claim)
    if not want:
        return 0.0
    have = content_words(hit.headline + " " + " ".join(s.text for s in hit.sentences))
    return len(want & have) / len(want)


def evidence_sentence(claim: str, hit: ArticleHit) -> str:
    """The hit's matching sentence that holds most of the claim's content words (the best-ranked of equals);
    "" when the search attached none."""
    want = content_words(claim)
    best = max(hit.sentences, key=lambda s: len(want & content_words(s.text)), default=None)
    return best.text if best is not None else ""


def outlet_of(hit: ArticleHit) -> str:
    if hit.source:
        return hit.source
    host = urlsplit(hit.url).hostname if hit.url else None
    return (host or "").removeprefix("www.") or f"article {hit.article_id}"


def check_claim(store: Store, claim: str, limit: int = 50) -> ClaimCheck:
    hits = search(store, claim, limit=limit, sentences_per_article=3)
    kept = [h for h in hits if relevance(claim, h) >= RELEVANCE]
    model = models.load("emergent")
    read = [evidence_sentence(claim, h) for h in kept]
    proba = model.predict_proba([claim] * len(kept), [text or h.headline for text, h in zip(read, kept)])
    reports = []
    for hit, p, own, text in zip(kept, proba, hedged_headlines([h.headline for h in kept]), read):
        spec = [s.speculative for s in hit.sentences if s.speculative is not None]
        hedged = own or (bool(spec) and sum(spec) > len(spec) / 2)
        reports.append(corroborate.Report(
            outlet=outlet_of(hit), stance=dict(zip(claimstance.LABELS, map(float, p))), hedged=hedged,
            date=hit.published, article_id=str(hit.article_id), headline=hit.headline, evidence=text))
    return ClaimCheck(claim, corroborate.aggregate(reports, model.corroboration), len(hits), len(kept))
