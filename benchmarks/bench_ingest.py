"""Ingest benchmark: `onrecord corpus ingest` of FNC-1 training bodies into a new store, with and without embeddings.

The articles are `benchmarks/bench_batch.py`'s (each body with its first related headline). Each run ingests them into
a fresh store; the whole command is timed, start-up included, and peak RSS is summed over the process tree.
`--compare-src DIR` alternates each run with the same command on another source tree (`PYTHONPATH=DIR`, e.g. a
worktree of an older commit's `src`), so the two are compared within one session.

    python benchmarks/bench_ingest.py --shared ../shared [--limit 200] [--jobs 2] [--repeat 2] [--no-embed-too]
        [--compare-src /tmp/old/src]
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import build_jsonl, run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--limit", type=int, default=200, help="the first N bodies")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-embed-too", action="store_true", help="also time --no-embed (this tree only)")
    ap.add_argument("--compare-src", type=Path, help="alternate each run with this source tree")
    args = ap.parse_args()
    trees = [("this tree", None)] + ([(f"{args.compare_src}", args.compare_src)] if args.compare_src else [])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "fnc_articles.jsonl"
        n = build_jsonl(args.shared / "data" / "fnc1", src, args.limit)
        print(f"data: {n} FNC-1 training bodies; --jobs {args.jobs}")
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        print("| tree | embeddings | run | wall s | articles/s | peak RSS (MB) | vectors |")
        print("|---|---|---:|---:|---:|---:|---:|")
        walls: dict[tuple[str, bool], list[float]] = {}
        modes = [True, False] if args.no_embed_too else [True]
        for rep in range(args.repeat):
            for embed in modes:
                for name, tree in trees if embed else trees[:1]:
                    db = Path(tmp) / f"run{rep}.db"
                    for p in Path(tmp).glob(f"run{rep}.db*"):
                        p.unlink()
                    env = None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}
                    cmd = [sys.executable, "-m", "onrecord", "corpus", "ingest", str(src), "--store", str(db),
                           "--jobs", str(args.jobs), "--no-progress", "--embed" if embed else "--no-embed"]
                    wall, peak, _ = run(cmd, env)
                    vectors = sqlite3.connect(db).execute("SELECT count(*) FROM vectors").fetchone()[0]
                    walls.setdefault((name, embed), []).append(wall)
                    print(f"| {name} | {'yes' if embed else 'no'} | {rep + 1} | {wall:.1f} | {n / wall:.2f} | "
                          f"{peak / 2**20:.0f} | {vectors} |", flush=True)
        for (name, embed), ws in walls.items():
            print(f"median, {name}, embeddings {'yes' if embed else 'no'}: {statistics.median(ws):.1f} s")


if __name__ == "__main__":
    main()
