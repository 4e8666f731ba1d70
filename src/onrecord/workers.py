"""Local worker processes for data-parallel work (the batch audit, batch evaluation).

The rules live here:

* workers are *spawned* (a forked child inherits OpenMP / BLAS thread pools mid-state and can hang);
* each runs **one** thread (N workers each running an N-thread OpenMP pool spin against each other;
  on 2 cores two one-thread workers did 1.8-1.9x one process's work, where one process with two
  threads gains ~10 % on the networks onrecord runs one input at a time);
* a worker that dies (killed, out of memory) fails the run with :class:`onrecord.errors.WorkerError`
  at once — ``multiprocessing.Pool`` would wait forever for the lost task — and leaving the ``with``
  block early (an error, Ctrl-C, a consumer that stops reading) stops the workers.

>>> with process_pool(2) as pool:
...     results = list(pool.map(str.upper, ["a", "b"]))

As with any spawned pool, a script that starts one (``audit_many(..., jobs=2)``, ``predict_proba(..., jobs=2)``)
must keep its top-level code under ``if __name__ == "__main__":``, since each worker imports the script.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing as mp
import os
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator

from .errors import WorkerError

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _ready() -> None:
    """A no-op task: submitting one per worker starts them all at once (the executor starts them lazily)."""


@contextlib.contextmanager
def process_pool(jobs: int, initializer: Callable[[], None] | None = None) -> Iterator[concurrent.futures.Executor]:
    """``jobs`` spawned worker processes with one BLAS / OpenMP / ONNX Runtime thread each, as an executor.

    The thread variables are set only while the workers start, so this process keeps its own. A worker's
    death inside the block (a result read, a task submitted) raises :class:`WorkerError`.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, not {jobs}")
    saved = {k: os.environ.get(k) for k in THREAD_VARS}
    os.environ.update({k: "1" for k in THREAD_VARS})
    try:
        pool = concurrent.futures.ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"), initializer=initializer)
        started = [pool.submit(_ready) for _ in range(jobs)]  # each submit starts a worker while none is idle
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    finished = False
    try:
        for f in started:
            f.result()
        yield pool
        finished = True
    except BrokenProcessPool as exc:
        raise WorkerError(f"a worker process died ({exc}): it may have run out of memory (try fewer --jobs or smaller "
                          "inputs) or failed to load its models (one job shows the error)") from None
    finally:
        if not finished:
            for p in list(getattr(pool, "_processes", {}).values()):  # stop work nobody will read
                with contextlib.suppress(Exception):
                    p.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
