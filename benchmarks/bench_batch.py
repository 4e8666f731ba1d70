"""Throughput benchmark: `onrecord check --batch` over the FNC-1 training bodies.

Each of the 1,683 bodies is paired with its first related headline (agree / disagree / discuss;
a body with only unrelated pairs takes its first headline). The whole command is timed, start-up
(model loading) included; peak RSS is the largest sum over the process tree, sampled every 0.1 s.

    python benchmarks/bench_batch.py --shared ../shared [--jobs 1 2] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

csv.field_size_limit(1 << 30)


def build_jsonl(fnc: Path, out: Path, limit: int | None) -> int:
    with open(fnc / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    first: dict[str, str] = {}
    related: dict[str, str] = {}
    with open(fnc / "train_stances.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            first.setdefault(r["Body ID"], r["Headline"])
            if r["Stance"] != "unrelated":
                related.setdefault(r["Body ID"], r["Headline"])
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for bid, body in bodies.items():
            if limit is not None and n >= limit:
                break
            head = related.get(bid) or first.get(bid)
            if head is None:
                continue
            f.write(json.dumps({"id": bid, "headline": head, "body": body}) + "\n")
            n += 1
    return n


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    total, stack = 0, [pid]
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed ({proc.returncode}): {err.strip()[-500:]}")
    return wall, peak, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--limit", type=int, default=None, help="only the first N bodies (quick runs)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--dask", type=int, nargs="*", default=[],
                    help="also run on a local Dask cluster with this many 1-thread workers (e.g. --dask 1 2); "
                         "cluster start-up is outside the timing, model loading on the workers inside")
    args = ap.parse_args()
    onrecord = str(Path(sys.executable).with_name("onrecord"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "fnc_articles.jsonl"
        n = build_jsonl(args.shared / "data" / "fnc1", src, args.limit)
        print(f"data: {n} FNC-1 training bodies, each with one related headline")
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print("| jobs | run | wall s | articles/s | peak RSS (MB) |")
        print("|---:|---:|---:|---:|---:|")
        for jobs in args.jobs:
            for rep in range(args.repeat):
                out = Path(tmp) / f"out{jobs}.jsonl"
                wall, peak, _ = run([onrecord, "check", "--batch", str(src), "--out", str(out),
                                     "--jobs", str(jobs), "--no-progress"])
                lines = sum(1 for _ in open(out, encoding="utf-8"))
                print(f"| {jobs} | {rep + 1} | {wall:.1f} | {lines / wall:.2f} | {peak / 2**20:.0f} |", flush=True)
        for workers in args.dask:
            from distributed import LocalCluster

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              silence_logs=40) as cluster:
                for rep in range(args.repeat):
                    out = Path(tmp) / f"dask{workers}.jsonl"
                    wall, peak, _ = run([onrecord, "check", "--batch", str(src), "--out", str(out), "--no-progress",
                                         "--scheduler", cluster.scheduler_address])
                    lines = sum(1 for _ in open(out, encoding="utf-8"))
                    print(f"| dask {workers} workers | {rep + 1} | {wall:.1f} | {lines / wall:.2f} | client only |",
                          flush=True)


if __name__ == "__main__":
    main()
