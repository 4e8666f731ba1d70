"""Local worker processes for data-parallel work (the batch audit, batch stance prediction).

One rule lives here: workers are *spawned* (a forked child inherits OpenMP / BLAS thread pools
mid-state and can hang), and each runs **one** thread (N workers each running an N-thread OpenMP
pool spin against each other; on 2 cores two one-thread workers did 1.8-1.9x one process's work,
where one process with two threads gains ~10 % on the networks onrecord runs one input at a time).
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.pool
import os
from typing import Callable

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def process_pool(jobs: int, initializer: Callable[[], None] | None = None) -> multiprocessing.pool.Pool:
    """A pool of ``jobs`` spawned processes with one BLAS / OpenMP / ONNX Runtime thread each.

    The thread variables are set only while the workers start, so this process keeps its own.
    Use it as a context manager (``with process_pool(2) as pool: ...``), which terminates it.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, not {jobs}")
    ctx = mp.get_context("spawn")
    saved = {k: os.environ.get(k) for k in THREAD_VARS}
    os.environ.update({k: "1" for k in THREAD_VARS})
    try:
        return ctx.Pool(jobs, initializer=initializer)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
