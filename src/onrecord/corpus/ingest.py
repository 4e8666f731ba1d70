"""Ingest: audit articles and add them, with their reports and sentences, to a store.

Resumable and idempotent: an article whose content hash is already stored (or already queued in
this run) is skipped *before* it is audited, and each audited article is committed in its own
transaction, so re-running an interrupted ingest — even one killed with SIGKILL — redoes only the
article that was being written and duplicates nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from onrecord.article import Article
from onrecord.audit import audit_many
from onrecord.batch_input import BatchItem
from onrecord.errors import InputError

from .store import Store, content_hash


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


def ingest(store: Store, items: Iterable[BatchItem], *, origin: str, jobs: int = 1, strict: bool = False,
           warn: Callable[[str], None] = lambda message: None,
           on_progress: Callable[[IngestStats], None] = lambda stats: None) -> IngestStats:
    """Audit the new articles among ``items`` and store each one; return the counts.

    ``origin`` names the input (e.g. its path); each stored article records ``origin#id``.
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

    for result in audit_many(new_items(), jobs=jobs):
        number, article = in_flight.popleft()
        if article is None:
            if strict:
                raise InputError(f"{result} (--strict: stopped here)")
            stats.bad_input += 1
            warn(str(result))
        elif isinstance(result, Exception):
            stats.failed += 1
            warn(f"{origin}:{number}: audit failed: {result}")
        else:
            store.add(article, result.to_dict(), origin=f"{origin}#{article.id}")
            stats.added += 1
        on_progress(stats)
    on_progress(stats)
    return stats
