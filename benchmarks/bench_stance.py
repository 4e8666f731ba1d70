"""Stance model speed and memory on every pair of the FNC-1 dev split (unrelated pairs included).

    python benchmarks/bench_stance.py --data ../shared/data/fnc1 [--repeat 3] [--single 300] [--jobs 1 2]

Data: the claim-grouped dev split of `onrecord.training.stance.load_split` (the shipped model never saw
it). Timings: model loading (first `models.load("stance")`, sha256 check included) separately; then one
`predict_proba` call over all dev pairs, `--repeat` times, median reported as pairs/s. Work is cached per
body and per headline *within* a call, so the batch figure profits from FNC-1 reusing bodies; the
"single" column calls the model once per pair for the first `--single` dev pairs, as an audit of one
article does. Peak RSS is the process's `ru_maxrss` at the end (corpus, model and features included).
Threads: ``--threads`` (default 2, the issue's "2 cores"; it sets OMP_NUM_THREADS, which NumPy's BLAS and
ONNX Runtime follow; the CLI's batch workers use 1 each). ``--jobs 1 2`` also times ``predict_proba(...,
jobs=2)`` (two worker processes of one thread each, as ``onrecord eval stance --jobs 2`` runs; their
start-up and model loading included), the settings alternating within each repeat so that the machine's
drift hits both; the ratio is the same-run speed-up. Peak RSS with workers is an upper bound: this
process's peak plus ``jobs`` times the largest worker's. Issue target: >= 150 pairs/s, peak RSS <= 2 GB.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

TARGET_PAIRS_PER_S = 150.0
TARGET_RSS_MB = 2048.0


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/fnc1"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--single", type=int, default=300, help="pairs predicted one call each (0: skip)")
    ap.add_argument("--threads", type=int, default=2, help="OMP_NUM_THREADS for BLAS and ONNX Runtime")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1], help="worker processes to time (1: this process)")
    args = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)  # before numpy / onnxruntime start their pools

    from onrecord import models
    from onrecord.analyzers.stance import predict_proba
    from onrecord.training.stance import load_split

    t0 = time.perf_counter()
    split_, bodies = load_split(args.data)
    read_s = time.perf_counter() - t0
    heads = [p.headline for p in split_.dev]
    texts = [bodies[p.body_id] for p in split_.dev]
    t0 = time.perf_counter()
    model_id = models.load("stance").model_id
    load_s = time.perf_counter() - t0

    times: dict[int, list[float]] = {j: [] for j in args.jobs}
    for _ in range(args.repeat):
        for j in args.jobs:
            t0 = time.perf_counter()
            predict_proba(heads, texts, jobs=j)
            times[j].append(time.perf_counter() - t0)
    single = "-"
    if args.single:
        n = min(args.single, len(heads))
        t0 = time.perf_counter()
        for h, b in zip(heads[:n], texts[:n]):
            predict_proba([h], [b])
        single = f"{n / (time.perf_counter() - t0):,.0f}"
    own = peak_rss_mb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    children_mb = children / 2**20 if sys.platform == "darwin" else children / 2**10

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}")
    print(f"data: FNC-1 dev split, {len(heads)} pairs, {len(set(texts))} bodies (corpus read {read_s:.1f} s); model "
          f"{model_id} loaded in {load_s:.2f} s; pairs/s one call at a time: {single}\n")
    print("| jobs | runs (s) | pairs/s (median) | vs jobs 1 | peak RSS (MiB) | target met |")
    print("|---:|---|---:|---:|---:|---|")
    base = len(heads) / statistics.median(times[1]) if 1 in times else None
    for j, ts in times.items():
        rate = len(heads) / statistics.median(ts)
        rss = own if j <= 1 else own + j * children_mb
        met = "yes" if rate >= TARGET_PAIRS_PER_S and rss <= TARGET_RSS_MB else "no"
        ratio = f"{rate / base:.2f}x" if base else "-"
        print(f"| {j} | {', '.join(f'{t:.1f}' for t in ts)} | {rate:,.0f} | {ratio} | {rss:,.0f} | {met} |")


if __name__ == "__main__":
    main()
