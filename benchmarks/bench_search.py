"""Claim-search benchmark: `onrecord corpus search` latency over a store of N synthetic articles.

The store is built by scaling up the 1,683 FNC-1 training bodies without auditing them (auditing
100k articles takes hours): synthetic article k takes the headline of related FNC-1 pair k
(agree / disagree / discuss, cycling over the 13,427 of them) and the body of that pair with each sentence kept with probability 0.8 plus one
or two sentences borrowed from another body (seeded), so articles are distinct and body lengths
stay FNC-like. Sentences are split by a simple regex and loaded through `Store.bulk_load`, then
embedded with `corpus.ingest.embed_missing` (MiniLM; each distinct text once: ~1.7k headlines and
the bodies' ~35k sentences, however many articles repeat them).

Queries are distinct FNC-1 headlines drawn at random (seeded); each is timed end to end through
`corpus.search.search` (hybrid: BM25 pool fused with embedding similarity, articles + best
sentences, limit 10; the claim's embedding included) on a warm connection and a loaded encoder in
one process. ``--weight 0`` times BM25 alone.

    python benchmarks/bench_search.py --shared ../shared --articles 100000 --queries 200 [--store FILE]

An existing non-empty --store is reused as it is (the build is skipped; articles not yet embedded
are embedded). As a sanity check of the ranking, the benchmark also counts the queries whose top
results include an article carrying that very headline.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from onrecord import models
from onrecord.article import Article
from onrecord.corpus.ingest import embed_missing
from onrecord.corpus.search import WEIGHT, search
from onrecord.corpus.store import SentenceRow, Store

csv.field_size_limit(1 << 30)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"')\]]*|$)")


def split(body: str) -> list[tuple[int, int]]:
    """(start, end) of each regex sentence of ``body``, surrounding spaces trimmed."""
    spans = []
    for m in _SENTENCE.finditer(body):
        text = m.group()
        start = m.start() + len(text) - len(text.lstrip())
        end = m.end() - (len(text) - len(text.rstrip()))
        if end - start > 1:
            spans.append((start, end))
    return spans


def load_fnc(fnc: Path) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Sentences of each body by Body ID, and the related (headline, Body ID) pairs (not "unrelated")."""
    with open(fnc / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    sentences = {bid: [body[s:e] for s, e in split(body)] for bid, body in bodies.items()}
    with open(fnc / "train_stances.csv", encoding="utf-8") as f:
        pairs = [(r["Headline"], r["Body ID"]) for r in csv.DictReader(f) if r["Stance"] != "unrelated"]
    return sentences, pairs


def synthetic(sentences: dict[str, list[str]], pairs: list[tuple[str, str]], n: int,
              seed: int) -> Iterator[tuple[Article, list[SentenceRow]]]:
    """``n`` synthetic articles with their sentence rows (offsets into the synthetic body)."""
    rng = random.Random(seed)
    ids = list(sentences)
    for k in range(n):
        headline, bid = pairs[k % len(pairs)]
        picked = [s for s in sentences[bid] if rng.random() < 0.8] or sentences[bid][:1]
        other = sentences[rng.choice(ids)]
        picked += rng.sample(other, min(len(other), rng.randint(1, 2)))
        rows, parts, pos = [], [], 0
        for i, text in enumerate(picked):
            rows.append(SentenceRow(i, text, pos, pos + len(text)))
            parts.append(text)
            pos += len(text) + 1
        yield Article(headline=headline, body=" ".join(parts), source=f"synthetic-{k % 50}"), rows


def build(store: Store, fnc: Path, n: int, seed: int) -> None:
    sentences, pairs = load_fnc(fnc)
    t0 = time.perf_counter()
    added = store.bulk_load(synthetic(sentences, pairs, n, seed))
    print(f"built: {added:,} articles added in {time.perf_counter() - t0:.1f} s", flush=True)


def embed(store: Store) -> None:
    t0 = time.perf_counter()
    n = embed_missing(store, batch=2000)
    print(f"embedded: {n:,} articles, {store.counts()['vectors']:,} distinct texts embedded, "
          f"in {time.perf_counter() - t0:.1f} s", flush=True)


def time_queries(store: Store, queries: list[str], limit: int, weight: float) -> tuple[list[float], int]:
    """Milliseconds per query, and how many queries found an article carrying them as its headline."""
    times, found = [], 0
    for q in queries:
        t0 = time.perf_counter()
        hits = search(store, q, limit=limit, weight=weight)
        times.append((time.perf_counter() - t0) * 1000)
        found += any(hit.headline == q for hit in hits)
    return times, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--weight", type=float, default=WEIGHT, help="embedding weight (0: BM25 alone)")
    ap.add_argument("--store", type=Path, help="store file to build / reuse (default: a temporary one)")
    args = ap.parse_args()
    fnc = args.shared / "data" / "fnc1"

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.db"
        with Store.open(path, create=True) as store:
            if not store.counts()["articles"]:
                build(store, fnc, args.articles, args.seed)
            embed(store)
            counts = store.counts()
            headlines = sorted({h for h, _ in load_fnc(fnc)[1]})
            queries = random.Random(args.seed).sample(headlines, args.queries)
            models.load("minilm")
            time_queries(store, queries[:10], args.limit, args.weight)  # warm the page cache
            times, found = time_queries(store, queries, args.limit, args.weight)
            times.sort()
            size = store.size_bytes()
    pct = statistics.quantiles(times, n=100, method="inclusive")
    print(f"python {platform.python_version()}, {platform.machine()}")
    print(f"store: {counts['articles']:,} articles ({counts['embedded']:,} embedded), {counts['sentences']:,} "
          f"sentences, {counts['vectors']:,} vectors, {size / 2**20:.0f} MiB")
    print(f"{len(times)} queries (limit {args.limit}, embedding weight {args.weight}): p50 {pct[49]:.1f} ms, p95 {pct[94]:.1f} ms, "
          f"max {times[-1]:.1f} ms, mean {statistics.fmean(times):.1f} ms")
    print(f"an article with the query as its headline in the top {args.limit}: {found}/{len(queries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
