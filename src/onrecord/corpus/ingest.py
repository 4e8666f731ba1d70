"""Ingest: audit articles and add them, with their reports, sentences and embeddings, to a store.

Resumable and idempotent: an article whose content hash is already stored (or already queued in
this run) is skipped *before* it is audited, and each audited article is committed in its own
transaction (embeddings included), so re-running an interrupted ingest — even one killed with
SIGKILL — redoes only the article that was being written and duplicates nothing.

Embeddings (MiniLM, ``models.load("minilm")``) are stored for the headline and each sentence
whose text the store holds no vector for yet: the store is the cache, so a sentence repeated
across articles (wire copies, boilerplate) is stored once. The worker that audits an article also
embeds its texts (:func:`embed_report`), so with ``--jobs N`` the embedding, which costs about as
much as the audit, runs in N processes instead of the one that writes the store. :func:`embed_missing` embeds the
stored articles that have none (bulk-loaded, ingested with ``embed=False``, or from a schema-1 store).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from onrecord import models
from onrecord.article import Article
from onrecord.audit import audit_many
from onrecord.batch_input import BatchItem
from onrecord.errors import InputError
from onrecord.report import Report

from .store import Embedded, Store, content_hash, text_key


@dataclass
class IngestStats:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0  # already stored, or repeated in the input
    bad_input: int = 0  # unreadable lines / rows / files
    failed: int = 0  # read fine, but the audit raised

    @property
    def seen(self) -> int:
        return self.added + self.skipped + self.bad_input + self.failed


def new_vectors(store: Store, texts: Iterable[str], ready: Mapping[bytes, np.ndarray] | None = None
                ) -> dict[bytes, np.ndarray]:
    """MiniLM embeddings, by :func:`~.store.text_key`, of those non-empty ``texts`` the store holds no
    vector for; each distinct text is embedded once, unless ``ready`` (a worker's :func:`embed_report`) has it."""
    todo = {text_key(t): t for t in texts if t.strip()}
    for key in store.vector_ids(todo):
        del todo[key]
    ready = ready or {}
    out = {k: ready[k] for k in todo if k in ready}
    rest = {k: t for k, t in todo.items() if k not in ready}
    if rest:
        out.update(zip(rest, models.load("minilm").embed(list(rest.values()))))
    return out


def embed_report(report: Report) -> dict[bytes, np.ndarray]:
    """The embeddings of a report's headline and sentences, by text key: run in the worker that audited it
    (``audit_many(then=...)``), so that with ``--jobs N`` the embedding is spread over N processes too."""
    todo = {text_key(t): t for t in (report.headline, *(s.text for s in report.sentences)) if t.strip()}
    return dict(zip(todo, models.load("minilm").embed(list(todo.values())))) if todo else {}


def ingest(store: Store, items: Iterable[BatchItem], *, origin: str, jobs: int = 1, strict: bool = False,
           embed: bool = True, warn: Callable[[str], None] = lambda message: None,
           on_progress: Callable[[IngestStats], None] = lambda stats: None) -> IngestStats:
    """Audit the new articles among ``items`` and store each one; return the counts.

    ``origin`` names the input (e.g. its path); each stored article records ``origin#id``.
    With ``embed`` (the default) its headline and sentences are embedded and stored with it.
    Unreadable items and failed audits are passed to ``warn`` (with their line number) and skipped;
    with ``strict`` the first unreadable item raises its InputError instead (everything before it
    is already committed).
    """
    stats = IngestStats()
    # known hashes are read once: with jobs > 1 the items are consumed in a pool thread, which must not
    # touch the SQLite connection
    known = store.hashes()
    in_flight: deque[tuple[int, Article | None]] = deque()

    def new_items() -> Iterator[Article | InputError]:
        for number, item in items:
            if isinstance(item, Article):
                digest = content_hash(item.headline, item.body)
                if digest in known:
                    stats.skipped += 1
                    continue
                known.add(digest)
            in_flight.append((number, item if isinstance(item, Article) else None))
            yield item

    for result in audit_many(new_items(), jobs=jobs, then=embed_report if embed else None):
        number, article = in_flight.popleft()
        ready = None
        if isinstance(result, tuple):
            result, ready = result
        if article is None:
            if strict:
                raise InputError(f"{result} (--strict: stopped here)")
            stats.bad_input += 1
            warn(str(result))
        elif isinstance(result, Exception):
            stats.failed += 1
            warn(f"{origin}:{number}: audit failed: {result}")
        else:
            report = result.to_dict()
            vectors = new_vectors(store, [article.headline, *(s["text"] for s in report["sentences"])], ready) \
                if embed else None
            if store.add(article, report, origin=f"{origin}#{article.id}", vectors=vectors) is None:
                stats.skipped += 1  # another process stored the same article meanwhile
            else:
                stats.added += 1
        on_progress(stats)
    on_progress(stats)
    return stats


def embed_missing(store: Store, batch: int = 256, on_progress: Callable[[int], None] = lambda done: None) -> int:
    """Embed every stored article that has no embeddings yet, ``batch`` articles a transaction;
    returns how many were embedded (``on_progress`` gets the running count)."""
    done, after = 0, 0
    while todo := store.unembedded(after, batch):
        vectors = new_vectors(store, [text for _, headline, sentences in todo
                                      for text in (headline, *(t for _, t in sentences))])
        store.add_embeddings([Embedded.of(*article) for article in todo], vectors)
        done += len(todo)
        after = todo[-1][0]
        on_progress(done)
    return done
