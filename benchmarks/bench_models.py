"""Where an audit's time goes: each analyzer's speed on parsed FNC-1 articles, in sentences/s.

    python benchmarks/bench_models.py --shared ../shared [--articles 300] [--repeat 3]

Data: the first N FNC-1 training bodies, each with its first related headline (as `make bench`). The
articles are parsed once (timed as "spaCy parse"); then each analyzer runs over all parsed documents,
`--repeat` times, and the median is reported. One process, one thread (OMP_NUM_THREADS=1 as the CLI sets).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))

from bench_batch import build_jsonl  # noqa: E402


def fnc1_articles(shared: Path, n: int) -> list:
    """The first ``n`` FNC-1 training bodies, each with its first related headline, as Articles."""
    import json
    import tempfile

    from onrecord.article import Article

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "a.jsonl"
        build_jsonl(shared / "data" / "fnc1", src, n)
        return [Article(d["headline"], d["body"], id=d["id"]) for d in map(json.loads, open(src, encoding="utf-8"))]


def main() -> None:
    from onrecord import analyzers, nlp
    from onrecord.article import Article
    from onrecord.audit import audit_document

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    arts = fnc1_articles(args.shared, args.articles)
    t0 = time.perf_counter()
    nlp.get_nlp()
    for name in analyzers.NAMES:  # load every model once, outside the timings
        analyzers.get(name)(nlp.parse(Article("Warm up says all", "Warm up. It may work.")))
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.parse_many(arts))
    parse = time.perf_counter() - t0
    n_sent = sum(len(d.sentences) for d in docs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"data: {len(docs)} FNC-1 articles, {n_sent} body sentences; model loading {load:.1f} s\n")
    print("| step | ms / article | sentences/s |")
    print("|---|---:|---:|")
    print(f"| spaCy parse (headline + body) | {1000 * parse / len(docs):.1f} | {n_sent / parse:,.0f} |")
    for name in (*analyzers.NAMES, "whole audit (analyzers + verdict + report)"):
        fn = audit_document if name.startswith("whole") else analyzers.get(name)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for d in docs:
                fn(d)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"| {name} | {1000 * med / len(docs):.2f} | {n_sent / med:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
