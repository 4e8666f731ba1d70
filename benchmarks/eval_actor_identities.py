"""How `onrecord corpus actors` names actors across a corpus: the written names against the corpus's entities.

Builds (or reuses) a store of one corpus — `fnc1-train`: the 1,683 FNC-1 training bodies, each with its first
related headline, as `benchmarks/bench_batch.py` pairs them; `polnear-train-dev`: the 924 PolNeAR train and dev
articles with their publisher and date — and reads its actors export twice: keyed by the names as each report
writes them (the export before entities), and by entity (`onrecord.corpus.identities`). Prints rows, nodes and
edges both ways, and writes every join of two differently written names (case, full stops and a leading "the"
aside) to a TSV with an example passage of each, for a reader to judge. `--judged` scores the joins against
readers' judgements (`benchmarks/data/actor_joins_judged.tsv`).

`--apart FILE` is the other side, joins not made (session 59): it writes a seeded sample of pairs of entities that
stayed apart although their names end in the same capitalised word ("Barack Obama", "Michelle Obama") or one's
capitalised words are all among the other's ("State Department", "Clinton State Department"), with a passage of
each, for a reader to judge. The share judged the same person or
body, times the number of such pairs, estimates the joins missed among such names; other pairs (nicknames,
transliterations, a first name alone) are not counted, so it is a lower bound.

    python benchmarks/eval_actor_identities.py --shared ../shared [--corpus fnc1-train|polnear-train-dev]
        [--store FILE.db] [--jobs 2] [--joins joins.tsv] [--judged benchmarks/data/actor_joins_judged.tsv]
        [--apart apart.tsv --sample 80]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import build_jsonl  # noqa: E402

from onrecord.corpus import actors  # noqa: E402
from onrecord.corpus.identities import Identities, name_key  # noqa: E402
from onrecord.corpus.store import Store  # noqa: E402


def polnear_jsonl(root: Path, out: Path) -> int:
    """The PolNeAR train and dev articles (title line as headline, the rest as body) with publisher and date."""
    with open(root / "metadata.tsv", encoding="utf-8") as f:
        meta = {r["filename"]: r for r in csv.DictReader(f, delimiter="\t")}
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for part in ("train", "dev"):
            for p in sorted((root / part / "text").glob("*.txt")):
                head, _, body = p.read_text(encoding="utf-8").partition("\n")
                m = meta.get(p.stem, {})
                row = {"id": p.stem, "headline": m.get("title") or head.strip(), "body": body.strip()}
                if m:
                    row |= {"source": m["publisher"], "published": m["publication_date"]}
                f.write(json.dumps(row) + "\n")
                n += 1
    return n


def ingest(shared: Path, corpus: str, store: Path, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        if corpus == "fnc1-train":
            n = build_jsonl(shared / "data" / "fnc1", src, None)
        else:
            n = polnear_jsonl(shared / "data" / "polnear", src)
        print(f"ingesting {n} {corpus} articles into {store} ({jobs} jobs, no embeddings) …", file=sys.stderr)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "onrecord", "corpus", "ingest", str(src), "--store", str(store),
                        "--jobs", str(jobs), "--no-embed", "--no-progress"], check=True)
        print(f"ingested in {time.perf_counter() - t:.0f} s", file=sys.stderr)


def network(rows: list[dict], key: str) -> tuple[int, int]:
    """(nodes, edges) of the actor → target network keyed by ``key`` (rows with an empty key left out)."""
    pairs = {(r[key], t) for r in rows if r[key] for t in filter(None, r["targets"].split("; ")) if t != r[key]}
    return len({a for a, _ in pairs} | {t for _, t in pairs}), len(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--corpus", choices=("fnc1-train", "polnear-train-dev"), default="fnc1-train")
    ap.add_argument("--store", type=Path, help="store to read (built from the corpus first when it does not exist)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--joins", type=Path, help="write the joins of differently written names here (TSV)")
    ap.add_argument("--judged", type=Path, help="score the joins against this TSV of readers' judgements")
    ap.add_argument("--apart", type=Path, help="write a sample of entity pairs left apart that share a name word")
    ap.add_argument("--sample", type=int, default=80, help="how many pairs --apart writes (seeded by the pair)")
    ap.add_argument("--apart-judged", type=Path,
                    help="score readers' judgements of pairs left apart (benchmarks/data/actor_apart_judged.tsv)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store or Path(tmp) / "fnc.db"
        if not store_path.exists():
            ingest(args.shared, args.corpus, store_path, args.jobs)
        with Store.open(store_path) as store:
            t = time.perf_counter()
            index = Identities.from_reports(store.reports())
            written = list(actors._rows(store.reports()))
            table = list(actors.rows(store.reports(), index))
            seconds = time.perf_counter() - t

    with_entity = [r for r in table if r["entity"]]
    named = [w for w, r in zip(written, table) if r["entity"]]
    print(f"rows {len(table)}; with an entity {len(with_entity)} ({len(with_entity) / len(table):.1%}); "
          f"index + both readings {seconds:.1f} s")
    print("rows without an entity, by source kind:",
          dict(Counter(r["actor_kind"] for r in table if not r["entity"]).most_common()))
    print(f"actors of the rows with an entity: {len({w['actor'] for w in named})} written names → "
          f"{len({r['entity'] for r in with_entity})} entities")
    for label, rows, key in (("written names, every row (before)", written, "actor"),
                             ("entities (now)", table, "entity")):
        nodes, edges = network(rows, key)
        print(f"network keyed by {label}: {nodes} nodes, {edges} edges")

    # joins: written names (actors and targets) whose entity has another key, beyond case / stops / "the"
    seen: dict[tuple[str, str], Counter] = defaultdict(Counter)
    example: dict[tuple[str, str], tuple[str, str]] = {}
    own: dict[str, tuple[str, str]] = {}  # an entity written as itself: the headline and content of one such row
    for w, r in zip(written, table):
        names = [(w["actor"], r["entity"])] if r["entity"] else []
        names += [(t, index.canonical(t)) for t in filter(None, w["targets"].split("; "))]
        for name, entity in names:
            if name_key(name) != name_key(entity):
                seen[(entity, name)]["mentions"] += 1
                example.setdefault((entity, name), (r["headline"], w["content"]))
            else:
                own.setdefault(entity, (r["headline"], w["content"]))
    bare = [(w, r) for w, r in zip(written, table)
            if r["entity"] and r["actor_kind"] in ("named_person", "pronoun") and len(w["actor"].split()) == 1]
    print(f"one-word person actors: {len(bare)} rows, {sum(len(r['entity'].split()) > 1 for _, r in bare)} of them "
          f"under a full name's entity")
    entities = {e for e, _ in seen}
    print(f"joins of differently written names: {len(seen)} written names into {len(entities)} entities, "
          f"{sum(c['mentions'] for c in seen.values())} mentions")
    if args.joins:
        with open(args.joins, "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, delimiter="\t")
            out.writerow(["entity", "written", "mentions", "headline", "content", "entity_headline", "entity_content"])
            for (entity, name), c in sorted(seen.items()):
                head, content = example[(entity, name)]
                e_head, e_content = own.get(entity, ("", ""))
                out.writerow([entity, name, c["mentions"], head, content.replace("\n", " ")[:300], e_head,
                              e_content.replace("\n", " ")[:300]])
        print(f"joins written to {args.joins}")
    if args.judged:
        score(args.judged, args.corpus, seen)
    if args.apart or args.apart_judged:
        pairs = apart(args.apart, args.sample, written, table, index)
        if args.apart_judged:
            score_apart(args.apart_judged, args.corpus, pairs, index)


def apart(path: Path | None, sample: int, written: list[dict], table: list[dict], index: Identities) -> set:
    """The entity pairs left apart that end in the same capitalised word or whose words are all among the other's
    (printed: how many); with ``path``, a seeded sample of them, each with its mentions and one passage, written
    there."""
    import hashlib
    import re

    mentions: Counter = Counter()
    passage: dict[str, tuple[str, str]] = {}
    for w, r in zip(written, table):
        names = [r["entity"]] if r["entity"] else []
        names += [index.canonical(t) for t in filter(None, w["targets"].split("; "))]
        for entity in names:
            mentions[entity] += 1
            passage.setdefault(entity, (r["headline"], w["content"]))
    words = {e: re.findall(r"\b[A-Z][A-Za-z'’.-]{2,}", e) for e in mentions}
    by_word: dict[str, set[str]] = defaultdict(set)
    for entity, ws in words.items():
        for word in set(ws):
            by_word[word].add(entity)

    def candidate(a: str, b: str) -> bool:  # the same last word ("Bill Clinton", "Hillary Clinton"), or one's words
        wa, wb = words[a], words[b]          # all among the other's ("State Department", "Clinton State Department")
        return bool(wa and wb) and (wa[-1] == wb[-1] or set(wa) <= set(wb) or set(wb) <= set(wa))

    pairs = {tuple(sorted((a, b))) for group in by_word.values() if len(group) <= 50
             for a in group for b in group if a != b and candidate(a, b)}
    print(f"entities {len(mentions)}; pairs left apart with the same last name word, or one's name words among the "
          f"other's (words shared by 50 entities or fewer): {len(pairs)}")
    if path is None:
        return pairs
    chosen = sorted(pairs, key=lambda p: hashlib.sha256(f"apart:{p[0]}|{p[1]}".encode()).hexdigest())[:sample]
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter="\t")
        out.writerow(["entity_a", "mentions_a", "headline_a", "content_a", "entity_b", "mentions_b", "headline_b",
                      "content_b"])
        for a, b in chosen:
            out.writerow([a, mentions[a], passage[a][0], passage[a][1].replace("\n", " ")[:300],
                          b, mentions[b], passage[b][0], passage[b][1].replace("\n", " ")[:300]])
    print(f"{len(chosen)} pairs written to {path}")
    return pairs


def score_apart(path: Path, corpus: str, pairs: set, index: Identities) -> None:
    """Each reader's share of a judged sample of pairs left apart that are one person or body, and the joins missed
    that it implies over all such pairs; pairs of the sample that the index now joins are counted apart."""
    with open(path, encoding="utf-8") as f:
        judged = [r for r in csv.DictReader(f, delimiter="\t") if r["corpus"] == corpus]
    now_joined = [r for r in judged if index.canonical(r["entity_a"]) == index.canonical(r["entity_b"])]
    joined = ", ".join(r["entity_a"] + " = " + r["entity_b"] for r in now_joined) or "none"
    print(f"judged pairs left apart (when judged): {len(judged)}; joined by the index now: {len(now_joined)} ({joined})")
    for reader in ("reader1", "reader2"):
        counts = Counter(r[reader] for r in judged)
        share = counts["same"] / max(1, len(judged))
        print(f"  {reader}: same {counts['same']}, different {counts['different']}, unclear {counts['unclear']} — "
              f"{share:.1%} of the sample; about {share * len(pairs):.0f} of the {len(pairs)} pairs left apart now")


def score(path: Path, corpus: str, joins: dict[tuple[str, str], Counter]) -> None:
    """Each reader's share of joins (and of their mentions) judged the same entity; joins no reader saw."""
    with open(path, encoding="utf-8") as f:
        judged = {(r["entity"], r["written"]): r for r in csv.DictReader(f, delimiter="\t") if r["corpus"] == corpus}
    seen = [j for j in joins if j in judged]
    print(f"judged joins: {len(seen)} of {len(joins)} ({len(judged)} judgements for {corpus})")
    for reader in ("reader1", "reader2"):
        counts, mentions = Counter(), Counter()
        read = [j for j in seen if judged[j][reader] != "-"]  # "-": a join this reader did not see (session 59's)
        for j in read:
            counts[judged[j][reader]] += 1
            mentions[judged[j][reader]] += joins[j]["mentions"]
        print(f"  {reader} ({len(read)} joins): same {counts['same']}, different {counts['different']}, unclear "
              f"{counts['unclear']} — joins judged the same {counts['same'] / max(1, len(read)):.1%}, mentions"
              f" {mentions['same'] / max(1, sum(mentions.values())):.1%}")
    for j in sorted(set(joins) - set(judged)):
        print(f"  not judged: {j[1]!r} → {j[0]!r} ({joins[j]['mentions']} mentions)")


if __name__ == "__main__":
    main()
