"""Stance of the body towards the headline: agree, disagree, discuss or unrelated (FNC-1 labels).

The model (``models.load("stance")``, a :class:`onrecord.stance_features.StanceModel`: gradient
boosting over hand features for related / unrelated, then a stacker over boosting and a fine-tuned
MiniLM cross-encoder for agree / disagree / discuss) reads raw strings, so :func:`predict_proba`
serves batch evaluation without spaCy, and :func:`analyze` gives the same probabilities for a parsed
document. Evidence is the body sentences (``doc.sentences``) most similar to the headline. Callers
depend only on these two functions.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Sequence

import numpy as np

from .. import models, workers
from ..nlp import Document
from ..report import STANCE_LABELS, Stance

EVIDENCE_MAX = 3  # at most this many evidence sentences
EVIDENCE_MIN_SIM = 0.1  # word TF-IDF cosine a sentence needs to count as evidence
PARALLEL_MIN_PAIRS = 400  # below this, starting workers (2-5 s: spawn, imports, model load) costs more than it saves
SHARDS_PER_JOB = 4  # pieces of work per worker, so one slow piece does not leave the other worker idle


PROGRESS_SHARDS = 20  # pieces of work in one process when progress is reported


def predict_proba(headlines: Sequence[str], bodies: Sequence[str], jobs: int = 1,
                  progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Probabilities for (headline, body) pairs: one row per pair, columns in ``STANCE_LABELS`` order.

    ``jobs > 1`` spreads the pairs over that many worker processes (one thread each, see
    :mod:`onrecord.workers`), keeping each body's pairs together so its per-call caches still work.
    Every pair is scored on its own (the cross-encoder reads one pair per call), so the result is
    the same as with ``jobs=1``; inputs under :data:`PARALLEL_MIN_PAIRS` pairs stay in this process.
    ``progress``: called with the number of pairs just finished, as pieces of the work end.
    """
    headlines, bodies = list(headlines), list(bodies)
    if len(headlines) != len(bodies):
        raise ValueError(f"{len(headlines)} headlines but {len(bodies)} bodies")
    parallel = processes(len(headlines), jobs) > 1
    if not parallel and progress is None:
        return models.load("stance").predict_proba(headlines, bodies)
    shards = shard_by_body(bodies, jobs * SHARDS_PER_JOB if parallel else PROGRESS_SHARDS)
    work = [([headlines[i] for i in s], [bodies[i] for i in s]) for s in shards]
    out = np.zeros((len(headlines), len(STANCE_LABELS)))
    with (workers.process_pool(min(jobs, len(shards)), initializer=_load_model) if parallel
          else contextlib.nullcontext()) as pool:
        for rows, proba in zip(shards, pool.map(_predict_shard, work) if pool else map(_predict_shard, work)):
            out[rows] = proba
            if progress is not None:
                progress(len(rows))
    return out


def processes(n_pairs: int, jobs: int) -> int:
    """How many processes :func:`predict_proba` uses for ``n_pairs`` pairs when asked for ``jobs``."""
    return jobs if jobs > 1 and n_pairs >= PARALLEL_MIN_PAIRS else 1


def shard_by_body(bodies: Sequence[str], n: int) -> list[list[int]]:
    """Pair indices in at most ``n`` non-empty shards of about equal size, all pairs of one body in one
    shard (largest bodies' groups first, each to the smallest shard); indices ascending within a shard."""
    groups: dict[str, list[int]] = {}
    for i, b in enumerate(bodies):
        groups.setdefault(b, []).append(i)
    shards: list[list[int]] = [[] for _ in range(max(1, min(n, len(groups))))]
    for g in sorted(groups.values(), key=lambda g: (-len(g), g[0])):
        min(shards, key=len).extend(g)
    return [sorted(s) for s in shards if s]


def _load_model() -> None:
    models.load("stance")


def _predict_shard(shard: tuple[list[str], list[str]]) -> np.ndarray:
    return models.load("stance").predict_proba(*shard)


def labels(proba: np.ndarray) -> list[str]:
    """The model's decision for rows of :func:`predict_proba` (see ``StanceModel.labels``)."""
    return models.load("stance").labels(proba)


def analyze(doc: Document) -> Stance:
    """The stance of ``doc``'s body towards its headline, with the most relevant body sentences."""
    model = models.load("stance")
    proba = model.predict_proba([doc.headline_text], [doc.body_text])[0]
    scores = {label: float(p) for label, p in zip(STANCE_LABELS, proba)}
    sims = model.features.sentence_similarity(doc.headline_text, [s.text for s in doc.sentences])
    order = np.argsort(-sims, kind="stable")[:EVIDENCE_MAX]
    evidence = [int(i) for i in order if sims[i] >= EVIDENCE_MIN_SIM]
    return Stance(label=model.labels(proba[None, :])[0], scores=scores, evidence=evidence, model=model.model_id)
