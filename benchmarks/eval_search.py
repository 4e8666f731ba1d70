"""Claim-search relevance on FNC-1: BM25 alone vs BM25 fused with MiniLM embeddings.

The store holds the 1,683 FNC-1 training bodies (no headline, sentences split as in
`bench_search.py`), with embeddings. Each query is an FNC-1 headline; its relevant documents are the
bodies it is paired with as agree / disagree / discuss (not "unrelated"). Headlines that share a
related body are about the same story, so headlines are grouped by shared bodies (connected
components) and the groups split in two halves by a hash: the fusion weight is chosen on the *tune*
half (best nDCG@10 over a grid) and reported on the *report* half, together with BM25 alone
(weight 0), cosine alone within the BM25 pool (weight 1) and reciprocal-rank fusion (k = 60, no tuning).

    python benchmarks/eval_search.py --shared ../shared --queries 200 [--store FILE] [--json FILE]

``--queries`` headlines are drawn (seeded) from each half. An existing non-empty --store is reused.
Metrics over the top 10: nDCG@10 (binary gains), MRR@10, recall@10.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench_search import load_fnc, split

from onrecord.article import Article
from onrecord.atomic import write_text
from onrecord.corpus.ingest import embed_missing
from onrecord.corpus.search import ArticleHit, search
from onrecord.corpus.store import SentenceRow, Store

WEIGHTS = [round(0.1 * i, 1) for i in range(11)]
RRF_K = 60
CUTOFF = 10


class ReciprocalRankFusion:
    """A search.Reranker: 1 / (k + BM25 rank) + 1 / (k + cosine rank) over the pool."""

    def rerank(self, claim: str, hits: list[ArticleHit]) -> list[ArticleHit]:
        score: dict[int, float] = defaultdict(float)
        for key in (lambda h: -h.bm25, lambda h: -(h.similarity or 0.0)):
            for rank, hit in enumerate(sorted(hits, key=key), start=1):
                score[hit.article_id] += 1 / (RRF_K + rank)
        return sorted(hits, key=lambda h: -score[h.article_id])


def build(store: Store, fnc: Path) -> None:
    """The FNC-1 bodies as headline-less articles (source = Body ID), then their embeddings."""
    with open(fnc / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    t0 = time.perf_counter()
    store.bulk_load((Article("", body, source=bid),
                     [SentenceRow(i, body[s:e], s, e) for i, (s, e) in enumerate(split(body))])
                    for bid, body in bodies.items())
    n = embed_missing(store, on_progress=lambda done: print(f"\rembedded {done}", end="", file=sys.stderr))
    print(f"\nbuilt: {store.counts()} ({n} embedded) in {time.perf_counter() - t0:.0f} s", flush=True)


def halves(pairs: list[tuple[str, str]]) -> dict[str, dict[str, set[str]]]:
    """{"tune" | "report": {headline: relevant Body IDs}}, split by groups of headlines sharing a body."""
    relevant: dict[str, set[str]] = defaultdict(set)
    for headline, bid in pairs:
        relevant[headline].add(bid)
    parent = {h: h for h in relevant}

    def root(h: str) -> str:
        while parent[h] != h:
            parent[h] = parent[parent[h]]
            h = parent[h]
        return h

    first: dict[str, str] = {}
    for headline, bid in pairs:
        parent[root(headline)] = root(first.setdefault(bid, headline))
    groups: dict[str, list[str]] = defaultdict(list)
    for h in relevant:
        groups[root(h)].append(h)
    out: dict[str, dict[str, set[str]]] = {"tune": {}, "report": {}}
    for members in groups.values():
        half = "tune" if hashlib.sha256(min(members).encode()).digest()[0] % 2 == 0 else "report"
        out[half].update({h: relevant[h] for h in members})
    return out


def metrics(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    top = ranked[:CUTOFF]
    gains = [1.0 if d in relevant else 0.0 for d in top]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), CUTOFF)))
    first = next((i for i, g in enumerate(gains) if g), None)
    return {"ndcg@10": dcg / ideal, "mrr@10": 0.0 if first is None else 1 / (first + 1),
            "recall@10": sum(gains) / len(relevant)}


def run(store: Store, queries: dict[str, set[str]], weight: float, rrf: bool = False) -> dict[str, float]:
    """Mean metrics over ``queries`` for one setting, and the mean time per query."""
    rows, t0 = [], time.perf_counter()
    for claim, relevant in queries.items():
        hits = search(store, claim, limit=CUTOFF, sentences_per_article=0, weight=weight,
                      reranker=ReciprocalRankFusion() if rrf else None)
        rows.append(metrics([hit.source or "" for hit in hits], relevant))
    out = {k: round(statistics.fmean(r[k] for r in rows), 4) for k in rows[0]}
    out["ms/query"] = round((time.perf_counter() - t0) * 1000 / len(queries), 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--queries", type=int, default=200, help="headlines drawn from each half")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store", type=Path, help="store file to build / reuse (default: a temporary one)")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    fnc = args.shared / "data" / "fnc1"
    split_queries = halves(load_fnc(fnc)[1])
    rng = random.Random(args.seed)
    drawn = {name: {h: part[h] for h in rng.sample(sorted(part), min(args.queries, len(part)))}
             for name, part in split_queries.items()}
    with tempfile.TemporaryDirectory() as tmp, Store.open(args.store or Path(tmp) / "fnc.db", create=True) as store:
        if not store.counts()["articles"]:
            build(store, fnc)
        tune = {w: run(store, drawn["tune"], w) for w in WEIGHTS}
        for w, m in tune.items():
            print(f"tune   weight {w:.1f}: {m}", flush=True)
        best = max(WEIGHTS, key=lambda w: (tune[w]["ndcg@10"], -w))
        report = {"bm25 (weight 0)": run(store, drawn["report"], 0.0),
                  f"fused, weight {best} (chosen on tune)": run(store, drawn["report"], best),
                  "cosine only in the BM25 pool (weight 1)": run(store, drawn["report"], 1.0),
                  f"reciprocal-rank fusion, k {RRF_K}": run(store, drawn["report"], 1.0, rrf=True)}
    print(f"queries: tune {len(drawn['tune'])} / report {len(drawn['report'])} headlines "
          f"(of {len(split_queries['tune'])} / {len(split_queries['report'])}); chosen weight {best}")
    for name, m in report.items():
        print(f"report {name}: {m}")
    if args.json:
        write_text(args.json, json.dumps({"chosen_weight": best, "tune": tune, "report": report}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
