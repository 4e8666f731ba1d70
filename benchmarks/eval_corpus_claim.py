"""`onrecord corpus claim` on FNC-1: which found articles are about the claim, and their stance towards it.

The store holds the 1,683 FNC-1 training bodies (each with its first related headline, as `bench_batch.py` pairs
them). Each claim is an FNC-1 training headline. An article is about the claim when FNC-1 pairs the claim with the
article's body as agree / disagree / discuss; its gold stance maps agree → for, disagree → against, discuss →
observing. (A body FNC-1 never paired with the claim counts as not about it, which undercounts: FNC-1 pairs each
headline with some of its topic's bodies, not all.)

For the 50 articles `corpus claim` considers per claim, the script scores each relevance rule (which articles to
keep) by precision / recall / F1 against the related bodies, and each stance input (the article's headline, or the
sentence of the article that matches the claim best) by accuracy and macro-F1 on the kept articles that are related.
Claims are split in two halves by a hash of the headline: rules are chosen on `tune`, reported on `report`.

    python benchmarks/eval_corpus_claim.py --shared ../shared --store fnc_emb.db [--claims 150] [--half tune|report]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from onrecord import claimstance, models
from onrecord.corpus.claim import RELEVANCE, content_words, evidence_sentence, relevance
from onrecord.corpus.search import search
from onrecord.corpus.store import Store
from onrecord.evaluation.metrics import label_metrics

GOLD = {"agree": "for", "disagree": "against", "discuss": "observing"}


def share(want: set[str], text: str) -> float:
    return len(want & content_words(text)) / len(want) if want else 0.0


# relevance rules: (headline share, best single sentence share, union share) -> keep?
RULES = {
    "union >= 0.5 (shipped)": lambda h, s, u: u >= RELEVANCE,
    "union >= 0.67": lambda h, s, u: u >= 0.67,
    "headline >= 0.5 or sentence >= 0.5": lambda h, s, u: h >= 0.5 or s >= 0.5,
    "headline >= 0.5 or sentence >= 0.67": lambda h, s, u: h >= 0.5 or s >= 0.67,
    "headline >= 0.67 or sentence >= 0.67": lambda h, s, u: h >= 0.67 or s >= 0.67,
    "all (no filter)": lambda h, s, u: True,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--store", type=Path, required=True, help="a store of the FNC-1 training bodies "
                    "(`python benchmarks/bench_ingest.py`'s articles; ids are Body IDs)")
    ap.add_argument("--claims", type=int, default=150, help="claims per half")
    ap.add_argument("--half", choices=("tune", "report"), default="tune")
    args = ap.parse_args()

    pairs: dict[str, dict[str, str]] = defaultdict(dict)
    with open(args.shared / "data" / "fnc1" / "train_stances.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Stance"] in GOLD:
                pairs[r["Headline"]][r["Body ID"]] = GOLD[r["Stance"]]
    with Store.open(args.store) as store:
        body_of = {aid: origin.rsplit("#", 1)[1] for aid, origin in store.conn.execute("SELECT id, origin FROM articles")}
        in_store = set(body_of.values())
        claims = sorted((h for h, bodies in pairs.items() if set(bodies) & in_store),
                        key=lambda h: hashlib.sha256(f"claim-split:{h}".encode()).hexdigest())
        half = [h for h in claims if (hashlib.sha256(f"claim-half:{h}".encode()).digest()[0] < 128) == (args.half == "tune")]
        half = half[: args.claims]
        print(f"{len(half)} claims ({args.half} half of {len(claims)}); store {args.store} ({len(body_of)} articles)")
        model = models.load("emergent")
        kept: dict[str, list[int]] = {name: [0, 0, 0] for name in RULES}  # kept & related, kept, related found
        related_total = 0
        stance_rows: dict[str, list[tuple[str, str]]] = defaultdict(list)  # rule -> (gold, pred) per input
        t = time.perf_counter()
        for claim in half:
            gold = pairs[claim]
            related_total += len(set(gold) & in_store)
            hits = search(store, claim, limit=50, sentences_per_article=3)
            want = content_words(claim)
            feats = []
            for hit in hits:
                h = share(want, hit.headline)
                s = max((share(want, x.text) for x in hit.sentences), default=0.0)
                u = relevance(claim, hit)
                feats.append((h, s, u))
            best = [evidence_sentence(claim, hit) or hit.headline for hit in hits]
            p_head = model.predict_proba([claim] * len(hits), [hit.headline for hit in hits]) if hits else []
            p_sent = model.predict_proba([claim] * len(hits), best) if hits else []
            for name, rule in RULES.items():
                for i, (hit, f) in enumerate(zip(hits, feats)):
                    related = body_of[hit.article_id] in gold
                    kept[name][2] += related
                    if rule(*f):
                        kept[name][1] += 1
                        kept[name][0] += related
                        if related and name == "union >= 0.5 (shipped)":
                            g = gold[body_of[hit.article_id]]
                            stance_rows["headline (until session 58)"].append((g, claimstance.LABELS[int(np.argmax(p_head[i]))]))
                            stance_rows["best sentence (shipped, session 58)"].append((g, claimstance.LABELS[int(np.argmax(p_sent[i]))]))
                            mean = (p_head[i] + p_sent[i]) / 2
                            stance_rows["mean of both"].append((g, claimstance.LABELS[int(np.argmax(mean))]))
        print(f"{time.perf_counter() - t:.0f} s; related bodies in the store for these claims: {related_total}")
        print("| relevance rule | kept | precision | recall (of related found in the top 50) | F1 |")
        print("|---|---:|---:|---:|---:|")
        for name, (tp, k, found) in kept.items():
            p, r = tp / max(1, k), tp / max(1, found)
            print(f"| {name} | {k} | {p:.3f} | {r:.3f} | {2 * p * r / max(1e-9, p + r):.3f} |")
        print("| stance input (kept by the shipped rule, related) | n | accuracy | macro-F1 |")
        print("|---|---:|---:|---:|")
        for name, rows in stance_rows.items():
            m = label_metrics([a for a, _ in rows], [b for _, b in rows], claimstance.LABELS)
            print(f"| {name} | {len(rows)} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} |")
            labels, confusion = m["labels"], m["confusion"]
            print("|   confusion (gold → predicted) | " + ", ".join(
                f"{a}→{b} {confusion[i][j]}" for i, a in enumerate(labels) for j, b in enumerate(labels)
                if confusion[i][j]) + " | | |")


if __name__ == "__main__":
    sys.exit(main())
