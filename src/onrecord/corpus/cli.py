"""``onrecord corpus …``: ingest articles into a store, search it for a claim, show stats, export a table.

Mounted by ``onrecord.cli`` as ``app.add_typer(corpus_app, name="corpus")``. Errors users can cause
raise :class:`~onrecord.errors.InputError` (one line, exit 2, via ``onrecord.cli.main``).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer

from onrecord import corroborate
from onrecord.atomic import refuse_input_as_output
from onrecord.errors import InputError

from .store import DEFAULT_STORE, Store

corpus_app = typer.Typer(
    help="Build a store of audited articles (SQLite, one file) and search it for a claim.",
    no_args_is_help=True,
)

_STORE = typer.Option(Path(DEFAULT_STORE), "--store", "-s", metavar="FILE", help="The store file (SQLite).")


class SearchFormat(str, Enum):
    text = "text"
    json = "json"


def _warn(message: str) -> None:
    print(f"onrecord: warning: {message}", file=sys.stderr)


@corpus_app.command(no_args_is_help=True)
def ingest(
    paths: List[Path] = typer.Argument(..., metavar="PATH...",
        help="JSONL files, CSV files (headline, body columns) or folders of .txt/.html/.json files."),
    store_path: Path = _STORE,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=64, help="Worker processes for auditing."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first malformed line / row / file."),
    embed: bool = typer.Option(True, "--embed/--no-embed", help="Store sentence embeddings (for hybrid search)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Audit articles and add them to the store; articles already stored are skipped (safe to re-run).

    \b
    Examples:
      onrecord corpus ingest articles.jsonl --store news.db --jobs 2
      onrecord corpus ingest feed.csv saved_pages/ --store news.db
    """
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from onrecord.batch_input import iter_batch

    from .ingest import IngestStats
    from .ingest import ingest as run_ingest

    refuse_input_as_output(store_path, *paths, option="--store")  # the store read as JSON Lines
    batches = [(path, iter_batch(path)) for path in paths]  # whole-input problems are refused up front
    columns = [SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[counts]}"),
               TimeElapsedColumn()]
    total = IngestStats()
    existed = store_path.exists()
    with Store.open(store_path, create=True) as store, \
            Progress(*columns, console=Console(file=sys.stderr), disable=not progress) as bar:
        for path, items in batches:
            task = bar.add_task(f"ingesting {path.name}", counts="")

            def show(stats: IngestStats, task: int = task) -> None:
                bar.update(task, counts=f"{stats.added} added, {stats.skipped} already stored, "
                                        f"{stats.bad_input + stats.failed} skipped as bad")

            def warn(message: str) -> None:  # above the live progress bar, verbatim
                bar.console.print(f"onrecord: warning: {message}", markup=False, highlight=False, soft_wrap=True)

            stats = run_ingest(store, items, origin=str(path), jobs=jobs, strict=strict, embed=embed,
                               warn=warn if progress else _warn, on_progress=show)
            for field in ("added", "skipped", "bad_input", "failed"):
                setattr(total, field, getattr(total, field) + getattr(stats, field))
        counts = store.counts()
    print(f"{total.added} added, {total.skipped} already stored, {total.bad_input} unreadable, "
          f"{total.failed} failed; the store {store_path} now holds {counts['articles']} articles", file=sys.stderr)
    if total.bad_input or total.failed:
        _warn(f"{total.bad_input + total.failed} of {total.seen} items were skipped (see above)")
    if total.added + total.skipped == 0:  # as check --batch: a run that stored nothing is no success
        if not existed:  # and leaves no empty store behind
            for leftover in (store_path, *(store_path.with_name(store_path.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise InputError(f"{', '.join(str(p) for p in paths)}: nothing could be ingested")


@corpus_app.command(no_args_is_help=True)
def search(
    claim: str = typer.Argument(..., metavar="CLAIM", help="The claim to look for, in plain words."),
    store_path: Path = _STORE,
    limit: int = typer.Option(10, "--limit", "-n", min=1, max=1000, help="How many articles."),
    fmt: SearchFormat = typer.Option(SearchFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Rank stored articles, and their sentences, by relevance to a claim (BM25 fused with embeddings).

    \b
    Example:
      onrecord corpus search "Russia plans to invade Ukraine" --store news.db --limit 5
    """
    from .search import results_json, search as run_search

    with Store.open(store_path) as store:
        hits = run_search(store, claim, limit=limit)
    if fmt is SearchFormat.json:
        print(json.dumps(results_json(claim, hits), ensure_ascii=False, indent=2))
        return
    from onrecord.views.text import safe  # stored text must not drive the terminal (ANSI escapes …)

    if not hits:
        print("no stored article matches")
    for rank, hit in enumerate(hits, start=1):
        judged = f"  [{hit.verdict}, stance {hit.stance}]" if hit.verdict else ""
        similar = "" if hit.similarity is None else f", similarity {hit.similarity:.2f}"
        print(f"{rank:>3}. {safe(hit.headline)}  (article {hit.article_id}, score {hit.score:.2f}, "
              f"bm25 {hit.bm25:.2f}{similar}){judged}")
        for s in hit.sentences:
            print(f"       #{s.index} [{s.start}:{s.end}] {safe(s.text)}")


@corpus_app.command()
def embed(store_path: Path = _STORE) -> None:
    """Embed the stored articles that have no sentence embeddings yet (older stores, --no-embed ingests)."""
    from .ingest import embed_missing

    with Store.open(store_path) as store:
        n = embed_missing(store)
    print(f"{n} articles embedded", file=sys.stderr)


@corpus_app.command(no_args_is_help=True)
def claim(
    text: str = typer.Argument(..., metavar="CLAIM", help="The claim to check, in plain words."),
    store_path: Path = _STORE,
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=1000, help="Articles to consider (best BM25 first)."),
    fmt: SearchFormat = typer.Option(SearchFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Which outlets corroborate, refute or only repeat CLAIM: a verdict with the evidence by outlet.

    Each outlet counts once (its latest article, else its first that takes a side) and votes for its stance;
    hedged reports weigh less. The verdict never lacks an outlet that takes it.

    \b
    Example:
      onrecord corpus claim "Apple will buy Tesla" --store news.db
    """
    from .claim import check_claim

    with Store.open(store_path) as store:
        result = check_claim(store, text, limit=limit)
    v = result.verdict
    if fmt is SearchFormat.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    from onrecord.views.text import safe

    print(f"Claim: {safe(result.claim)}")
    print(f"Verdict: {v.label.upper()}  (weighted share of outlets for {v.support:.2f}, against {v.refute:.2f}; "
          f"{v.outlets} outlets; {result.relevant} of {result.considered} articles found are about the claim)")
    for e in v.evidence:
        r = e.counted
        side = corroborate.vote(r)
        print(f"  {safe(e.outlet)}  {r.date or 'undated'}  {side} {r.stance[side]:.2f}"
              f"{'  (hedged, weight %.2f)' % e.weight if r.hedged else ''}  {safe(r.headline)}"
              + (f"  [+{len(e.others)} more from this outlet, not counted]" if e.others else ""))
        if r.evidence:
            print(f"      read from: {safe(r.evidence)}")


@corpus_app.command()
def stats(store_path: Path = _STORE) -> None:
    """How many articles, reports and sentences the store holds, and its verdicts."""
    with Store.open(store_path) as store:
        counts, verdicts, size = store.counts(), store.verdicts(), store.size_bytes()
    print(f"store      {store_path} ({size / 2**20:.1f} MiB)")
    for name, n in counts.items():
        print(f"{name:10s} {n}")
    for label, n in verdicts.items():
        print(f"  {label or 'none':12s} {n}")


@corpus_app.command(no_args_is_help=True)
def export(
    out: Path = typer.Option(..., "--out", "-o", metavar="FILE.csv|FILE.parquet",
                             help="The table to write (Parquet needs pyarrow)."),
    store_path: Path = _STORE,
) -> None:
    """Write one summary row per audited article (verdict, stance, speculative ratio, sources ...)."""
    from .summary import COLUMNS, summary_row, write_table

    if out.suffix.lower() not in (".csv", ".parquet"):
        raise InputError(f"{out}: give a .csv or .parquet file name")
    refuse_input_as_output(out, store_path)
    columns = (("article_id", "int"), ("origin", "str"), ("added", "str"), *COLUMNS)
    with Store.open(store_path) as store:
        n = write_table(({**meta, **summary_row(report)} for meta, report in store.reports()), out, columns)
    print(f"{n} rows written to {out}", file=sys.stderr)


@corpus_app.command(no_args_is_help=True)
def actors(
    out: Path = typer.Option(..., "--out", "-o", metavar="FILE.csv|FILE.parquet|FILE.json",
                             help="Where to write the actors table."),
    store_path: Path = _STORE,
    network: bool = typer.Option(False, "--network", help="Write actor → target counts instead of one row per attribution."),
) -> None:
    """Who is said to believe or say what about whom — on record or hedged — across the store.

    \b
    One row per attribution: actor (resolved source), entity (the corpus's one name for
    the actor: "Obama" and "Barack Obama" are one; empty for "they", "officials", "the report"),
    targets (names in the content), type, on_record (direct quote / reported speech, not hedged),
    hedged, cue, content, found_in "body"; and one per headline claim (found_in "headline",
    on_record when the body backs its holder).
    --network folds them into entity → target counts (rows without an entity left out).
    """
    from onrecord.atomic import write_text

    from .actors import COLUMNS, EDGE_COLUMNS, edges, rows
    from .identities import Identities
    from .summary import write_table

    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet", ".json"):
        raise InputError(f"{out}: give a .csv, .parquet or .json file name")
    refuse_input_as_output(out, store_path)
    with Store.open(store_path) as store:
        table = rows(store.reports(), Identities.from_reports(store.reports()))
        columns = COLUMNS
        if network:
            table, columns = iter(edges(table)), EDGE_COLUMNS
        if suffix == ".json":
            data = list(table)
            if not out.parent.is_dir():
                raise InputError(f"{out}: folder {out.parent} does not exist")
            write_text(out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            n = len(data)
        else:
            n = write_table(table, out, columns)
    print(f"{n} rows written to {out}", file=sys.stderr)
