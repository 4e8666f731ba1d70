"""The public entry points: :func:`audit` one article, :func:`audit_many` a stream of them.

>>> from onrecord import audit, Article
>>> report = audit(Article(headline="...", body="..."))
>>> report = audit(open("article.txt").read())   # text (first line = headline), HTML or JSON
>>> report.verdict.label, report.summary.speculative_ratio
"""

from __future__ import annotations

import collections
import ctypes
import os
from typing import Any, Callable, Iterable, Iterator, Union

from . import analyzers, language, nlp, workers
from .article import Article
from .errors import InputError
from .report import CHECKWORTHY_THRESHOLD, Report, Sentence, summarize
from .verdict import decide

DASK_CONNECT_TIMEOUT = "20s"  # how long to keep trying to reach a --scheduler


def audit_document(doc: nlp.Document) -> Report:
    """Run every analyzer over a parsed document and assemble the report."""
    run = analyzers.get
    claim = run("headline")(doc)
    sentences: list[Sentence] = run("hedging")(doc)
    for s, score in zip(sentences, run("claims")(doc)):
        s.checkworthy = round(float(score), 4)
    attributions = run("attribution")(doc)
    stance = run("stance")(doc)
    verdict = decide(doc, claim, stance, sentences, attributions)
    a = doc.article
    foreign = language.warning(a.body)
    if foreign:  # a reader of the verdict alone (JSON, the summary table) sees it too
        verdict.reasons.append("the body does not read as English, and onrecord reads English only: this verdict is "
                               "unreliable")
    return Report(
        headline=a.headline, body=a.body, source=a.source, url=a.url, published=a.published,
        headline_claim=claim, stance=stance, verdict=verdict, sentences=sentences,
        attributions=attributions, entities=run("entities")(doc),
        clickbait=round(float(run("clickbait")(doc)), 4),
        summary=summarize(sentences, attributions, CHECKWORTHY_THRESHOLD),
        warnings=[*a.warnings, *filter(None, [foreign])], id=a.id,
    )


def audit(article: Article | str) -> Report:
    """Audit one article: an :class:`Article`, or its content as a string — plain text (first line = headline),
    an HTML page or a JSON object, read as ``onrecord check`` reads a file. Unreadable content raises
    :class:`onrecord.errors.InputError` with a one-line message."""
    return audit_document(nlp.parse(_to_article(article, "audit() takes an Article or a str")))


def _to_article(x: object, takes: str) -> Article:
    """An Article to audit from an Article or a string (read as ``onrecord check`` reads a file): an InputError
    when it is unreadable or its headline or body is empty (the readers refuse such input too), a TypeError
    ("``takes``, not bytes") for any other type."""
    if isinstance(x, str):
        from .readers import article_from_content

        x = article_from_content(x, None)
    elif not isinstance(x, Article):
        raise TypeError(f"{takes}, not {type(x).__name__}")
    for name in ("headline", "body"):
        if not getattr(x, name).strip():
            raise InputError(f"the {name} is empty")
    return x


# --------------------------------------------------------------------------- many

Item = Union[Article, str, Exception]
Result = Union[Report, Exception]


def _audit_chunk(chunk: list[Article]) -> list[Result]:
    try:
        docs: list[nlp.Document | Exception] = list(nlp.parse_many(chunk))
    except Exception:  # one article the parser cannot take: parse them one by one, so that only it fails
        docs = [_parse_or_error(art) for art in chunk]
    out: list[Result] = []
    for art, doc in zip(chunk, docs):
        try:
            if isinstance(doc, Exception):
                raise doc
            out.append(audit_document(doc))
        except Exception as exc:  # one bad article must not stop a batch
            out.append(RuntimeError(f"{art.id or art.headline[:40]!r}: {type(exc).__name__}: {exc}"))
    return out


def _parse_or_error(art: Article) -> nlp.Document | Exception:
    try:
        return nlp.parse(art)
    except Exception as exc:
        return exc


def _warm() -> None:
    """Load every model once in a worker before it takes work."""
    nlp.get_nlp()
    audit(Article("Warm-up headline says models load", "The models load once per process. Nothing else happens."))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size``; when the input itself fails, the items read before it are still handed over
    (audited), then its exception goes on to the caller."""
    buf: list[Item] = []
    source = iter(items)
    while True:
        try:
            item = next(source)
        except StopIteration:
            break
        except Exception:
            if buf:
                yield buf
            raise
        buf.append(item)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _as_item(x: object) -> Item:
    """An exception passing through, else :func:`_to_article`'s Article, or its error as an InputError in place."""
    if isinstance(x, Exception):
        return x
    try:
        return _to_article(x, "audit_many() takes Articles or strings")
    except InputError as exc:
        return exc
    except TypeError as exc:
        return InputError(str(exc))


def _run_chunk(chunk: list[Item], then: Callable[[Report], Any] | None = None) -> list[Any]:
    chunk = [_as_item(x) for x in chunk]
    arts = [x for x in chunk if isinstance(x, Article)]
    done = iter(_audit_chunk(arts)) if arts else iter(())
    results = [next(done) if isinstance(x, Article) else x for x in chunk]
    if then is None:
        return results
    return [r if isinstance(r, Exception) else (r, then(r)) for r in results]


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc mallopt() parameters
_malloc_checked = False


def _restore_malloc_thresholds() -> bool:
    """Undo a fixed ``MALLOC_TRIM_THRESHOLD_`` in this process (once); True if thresholds were set.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (to curb memory creep). Setting
    that variable also freezes glibc's mmap threshold at 128 KiB, so every larger NumPy array an audit
    allocates is a fresh mmap + munmap with its page faults: 7 % more CPU per article measured on a
    one-worker cluster (system time 4.0 s vs 1.7 s over 200 articles), which on a fully used machine is
    7 % less throughput. Here the thresholds go back to where glibc's own dynamic adjustment ends up
    (mmap 32 MiB, trim twice that). No-op outside glibc or without the variable.
    """
    global _malloc_checked
    if _malloc_checked:
        return False
    _malloc_checked = True
    if not os.environ.get("MALLOC_TRIM_THRESHOLD_"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, 32 * 2**20)) and bool(mallopt(_M_TRIM_THRESHOLD, 64 * 2**20))


def _run_chunk_on_worker(chunk: list[Item], then: Callable[[Report], Any] | None = None) -> list[Any]:
    """:func:`_run_chunk` on a Dask worker, whose malloc settings are first made fit for the audit."""
    _restore_malloc_thresholds()
    return _run_chunk(chunk, then)


def audit_many(items: Iterable[Item], jobs: int = 1, chunk_size: int = 8,
               on_result: Callable[[Any], None] | None = None, scheduler: str | None = None,
               then: Callable[[Report], Any] | None = None) -> Iterator[Any]:
    """Audit a stream of articles, yielding a Report (or the Exception for that item) per item, in order.

    ``then`` (a module-level function, so that it can be sent to a worker) is applied to each Report in the process
    that audited it, and the pair ``(report, then(report))`` is yielded instead: work that follows the audit
    (``corpus ingest`` embeds the sentences) is spread over the workers too.

    Items are Articles or strings (read as :func:`audit` reads them); items that are already exceptions (e.g. a
    malformed input line) pass straight through, so a caller can report them in place, and an item of any other
    type comes back as an InputError. ``jobs > 1`` uses that many local worker processes;
    ``scheduler`` (a Dask scheduler address, e.g. ``tcp://10.0.0.5:8786``) sends the work to a Dask
    cluster instead. Either way each worker loads the models once, and the results are the same as
    a one-process run, in input order.
    """
    chunks = _chunks(items, chunk_size)
    if scheduler:
        yield from _audit_on_dask(chunks, scheduler, on_result, then)
        return
    if jobs <= 1:
        for chunk in chunks:
            yield from _emit(_run_chunk(chunk, then), on_result)
        return
    with workers.process_pool(jobs, initializer=_warm) as pool:
        # submitting everything would drain the whole input up front; keep at most 4 chunks per worker in flight.
        pending: collections.deque = collections.deque()
        failed: Exception | None = None
        try:
            for chunk in chunks:
                pending.append(pool.submit(_run_chunk, chunk, then))
                if len(pending) >= 4 * jobs:
                    yield from _emit(pending.popleft().result(), on_result)
        except Exception as exc:  # the input itself failed: first hand over what was already audited, as jobs=1 does
            failed = exc
        while pending:
            yield from _emit(pending.popleft().result(), on_result)
        if failed is not None:
            raise failed


def _emit(results: list[Any], on_result: Callable[[Any], None] | None) -> Iterator[Any]:
    for r in results:
        if on_result:
            on_result(r)
        yield r


def _audit_on_dask(chunks: Iterator[list[Item]], scheduler: str,
                   on_result: Callable[[Any], None] | None, then: Callable[[Report], Any] | None = None) -> Iterator[Any]:
    """Run chunks on a Dask cluster, keeping 4 chunks per worker thread in flight, results in order."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'onrecord[dask]'") from None

    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        slots = 4 * max(1, sum(client.nthreads().values()))
        pending: collections.deque = collections.deque()
        for chunk in chunks:
            # pure=False: identical chunks (e.g. repeated errors) are still separate tasks
            pending.append(client.submit(_run_chunk_on_worker, chunk, then, pure=False))
            if len(pending) >= slots:
                yield from _emit(pending.popleft().result(), on_result)
        while pending:
            yield from _emit(pending.popleft().result(), on_result)
