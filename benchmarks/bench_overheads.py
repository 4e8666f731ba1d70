"""Per-call overheads the audit pays on every article, before and after session 55's mends (one thread).

    python benchmarks/bench_overheads.py [--calls 200]

- ``threadpool_limits(limits=1, user_api="openmp")``, which looks up the process's thread pools on each call, against
  ``stance_features.boosting_threads(1)``, which reuses the pools it found (the stance model enters it once an article);
- ``models.available(name)`` reading the manifest and checking the files, against the same call once the model is
  loaded (the attribution analyzer asks about 15 times an article);
- ``token_tagger.role_window`` encoding a cue's paragraph, against the same paragraph's second cue (encoded once).
Medians of five runs of ``--calls`` calls, in microseconds a call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")


def per_call(fn, calls: int) -> float:
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        runs.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(runs)


def main() -> None:
    import sklearn.ensemble  # noqa: F401  (its OpenMP runtime loaded, as in an audit)
    from threadpoolctl import threadpool_limits

    from onrecord import models, token_tagger
    from onrecord.stance_features import boosting_threads

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=200)
    args = ap.parse_args()

    def enter(cm_factory):
        def run() -> None:
            with cm_factory():
                pass
        return run

    rows = [("thread pools limited", per_call(enter(lambda: threadpool_limits(limits=1, user_api="openmp")), args.calls),
             per_call(enter(lambda: boosting_threads(1)), args.calls))]
    tagger = models.load("role_tagger")
    models._cache.pop("role_tagger")
    unloaded = per_call(lambda: models.available("role_tagger"), args.calls)
    models._cache["role_tagger"] = tagger
    rows.append(("models.available", unloaded, per_call(lambda: models.available("role_tagger"), args.calls)))
    tok = models.load("minilm").tokenizer
    para = " ".join(["The minister said on Monday that the talks would resume, officials told reporters."] * 8)
    cue = [(para.index("said"), para.index("said") + 4)]
    token_tagger._encoded.cache_clear()

    def first_cue() -> None:
        token_tagger._encoded.cache_clear()
        token_tagger.role_window(tok, para, cue)

    rows.append(("role_window (a 120-piece paragraph)", per_call(first_cue, args.calls),
                 per_call(lambda: token_tagger.role_window(tok, para, cue), args.calls)))
    print("| µs a call | before | after |\n|---|---:|---:|")
    for name, before, after in rows:
        print(f"| {name} | {before:,.1f} | {after:,.1f} |")


if __name__ == "__main__":
    main()
