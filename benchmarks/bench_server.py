"""What the HTTP API costs over the Python API, and what a second server worker gives.

    python benchmarks/bench_server.py --shared ../shared [--articles 100] [--workers 1 2] [--clients 4]

Articles: the first N FNC-1 training bodies, each with one related headline (as ``bench_batch.py``). Three
measures, in one run so that their ratios hold on a noisy machine:

1. **in process**: ``onrecord.audit`` on each article, one after the other, models loaded beforehand;
2. **over HTTP, one client**: ``onrecord serve`` (one worker, models loaded at start) and one client POSTing
   the articles to ``/api/audit`` one after the other — the difference from (1) is the server's overhead
   (HTTP, JSON both ways, the request thread pool);
3. **over HTTP, several clients**: ``--clients`` threads POSTing at once, for each ``--workers`` setting —
   the throughput a pipeline gets, and how it scales with server processes.

Latencies are wall-clock per request (median and 95th percentile); peak RSS is the server's process tree.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import _tree_rss, build_jsonl  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    onrecord = str(Path(sys.executable).with_name("onrecord"))
    proc = subprocess.Popen([onrecord, "serve", "--port", str(port), "--workers", str(workers), "--wait", "600"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"onrecord serve exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2):
                return proc, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    proc.kill()
    sys.exit("onrecord serve did not answer within 300 s")


def post(base: str, article: dict) -> float:
    request = urllib.request.Request(f"{base}/api/audit", data=json.dumps(article).encode(),
                                     headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as r:
        json.load(r)
    return time.perf_counter() - t0


def summary(label: str, latencies: list[float], wall: float, peak: int | None) -> str:
    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    rss = "—" if peak is None else f"{peak / 2**20:,.0f}"
    return (f"| {label} | {len(lat)} | {wall:.1f} | {len(lat) / wall:.2f} | {1000 * statistics.median(lat):.0f} | "
            f"{1000 * p95:.0f} | {rss} |")


def over_http(articles: list[dict], workers: int, clients: int) -> list[str]:
    proc, base = start_server(workers)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rows = []
    try:
        for article in articles[: min(len(articles), 3)]:  # each worker's first request pays for lazy imports
            post(base, article)
        if workers == 1:
            t0 = time.perf_counter()
            latencies = [post(base, a) for a in articles]
            rows.append(summary("HTTP, 1 worker, 1 client", latencies, time.perf_counter() - t0, peak))
        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            latencies = list(pool.map(lambda a: post(base, a), articles))
        rows.append(summary(f"HTTP, {workers} worker{'s' if workers > 1 else ''}, {clients} clients", latencies,
                            time.perf_counter() - t0, peak))
    finally:
        stop.set()
        sampler.join()
        proc.terminate()
        proc.wait(timeout=60)
    return rows


def in_process(articles: list[dict]) -> str:
    from onrecord import Article, audit
    from onrecord.audit import _warm

    _warm()
    for a in articles[:3]:
        audit(Article(headline=a["headline"], body=a["body"]))
    latencies = []
    t0 = time.perf_counter()
    for a in articles:
        t = time.perf_counter()
        audit(Article(headline=a["headline"], body=a["body"]))
        latencies.append(time.perf_counter() - t)
    return summary("in process (`onrecord.audit`)", latencies, time.perf_counter() - t0, None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=100, help="how many FNC-1 bodies (default 100)")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="server processes to compare")
    ap.add_argument("--clients", type=int, default=4, help="concurrent clients for the throughput rows")
    args = ap.parse_args()
    fnc = args.shared / "data" / "fnc1"
    if not (fnc / "train_bodies.csv").is_file():
        sys.exit(f"bench_server.py: error: {fnc} has no train_bodies.csv (give --shared, the folder holding data/)")
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the CLI runs the audit
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        build_jsonl(fnc, src, args.articles)
        articles = [json.loads(line) for line in src.open(encoding="utf-8")]
    print(f"data: {len(articles)} FNC-1 training bodies, each with one related headline")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print("| how | articles | wall s | articles/s | median ms | p95 ms | server peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(in_process(articles), flush=True)
    for workers in args.workers:
        for row in over_http(articles, workers, args.clients):
            print(row, flush=True)


if __name__ == "__main__":
    main()
