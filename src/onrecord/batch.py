"""``onrecord check --batch``: audit many articles into JSONL, resumably, with a progress bar.

Output goes to ``OUT.partial`` one flushed line per report and becomes ``OUT`` (a rename) only when
the run completes, so ``OUT`` is never half-written. A re-run with the same ``--out`` finds the
``.partial`` file (or a finished ``OUT``), keeps its complete lines, skips the ids they hold and carries on,
so articles added to a folder since are all a re-run audits. ``OUT`` is never the input, and an existing
``OUT`` that is not a reports file is refused rather than replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TextIO

from .article import Article
from .atomic import cannot_write, check_output_path, refuse_input_as_output
from .errors import InputError

REPORT_LINE = re.compile(rb'\{\s*"schema"\s*:\s*"onrecord\.report/')  # the first bytes of a report line


@dataclass
class BatchResult:
    audited: int = 0
    failed: int = 0
    resumed: int = 0  # reports kept from an interrupted earlier run


def _partial(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def _resume(reports: Path) -> tuple[dict[str, str], int]:
    """Id -> :func:`content_key` of the complete report lines at the start of ``reports``, and those lines' length
    in bytes (a torn last line, or anything after the first line that is no report, is not counted)."""
    done: dict[str, str] = {}
    keep = 0
    with open(reports, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                report = json.loads(raw)
                rid = report.get("id")
                key = content_key(report.get("headline") or "", report.get("body") or "")
            except (ValueError, AttributeError):
                break
            if rid is not None:
                done[str(rid)] = key
            keep += len(raw)
    return done, keep


def _resumable(path: Path, out: Path, warn: Callable[[str], None]) -> dict[str, str]:
    """Set up ``out``'s partial file to append to: what an interrupted run left there, or a copy of a finished
    ``out``; return the ids (and text keys) of the reports it holds. Refuses an ``out`` that holds no reports and
    an input that changed under the ids those reports carry — before anything is written."""
    partial = _partial(out)
    earlier = partial if partial.exists() else out if out.exists() and out.stat().st_size else None
    if earlier is None:
        return {}
    if earlier is out:
        _check_reports_file(out)
    done, keep = _resume(earlier)
    _check_unchanged(path, done, out)
    if earlier is out:
        shutil.copyfile(out, partial)  # a finished earlier run: its reports count as done
    os.truncate(partial, keep)
    if done:
        warn(f"resuming: {len(done)} reports already in {earlier.name} are kept")
    return done


def content_key(headline: str, body: str) -> str:
    """What identifies an article's text in a resumed run: a hash of its headline and body."""
    return hashlib.sha1(f"{headline}\x00{body}".encode("utf-8", "replace")).hexdigest()


def _check_unchanged(path: Path, done: dict[str, str], out: Path) -> None:
    """Before resuming: refuse when an input article has an id that ``out`` holds for another text (the input
    changed since, and ids that default to line numbers now name other articles)."""
    from .batch_input import iter_batch

    for number, item in iter_batch(path):
        if isinstance(item, Article) and item.id in done and done[item.id] != content_key(item.headline, item.body):
            raise InputError(f"{out.name} holds another article under id {item.id!r} than {path.name} item {number}: "
                             "the input changed since (ids default to line, row or file names); give each article "
                             f"an id, or delete {out.name} to start over")


def _check_reports_file(out: Path) -> None:
    """Refuse to replace an existing ``out`` that is not a JSONL file of onrecord reports (an input, a table …).

    Reports are written with their ``schema`` key first, so the file's first bytes tell."""
    with open(out, "rb") as f:
        head = f.read(64)
    if not REPORT_LINE.match(head):
        raise InputError(f"{out}: exists and is not an onrecord reports file (JSONL); remove it or choose "
                         "another --out")


def _count(path: Path) -> int | None:
    """Items in a JSONL file or folder, for the progress bar's total (None when unknown)."""
    if path.is_dir():
        from .batch_input import dir_files

        return len(dir_files(path))
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    return None


def run(path: Path, out: Path | None, *, jobs: int = 1, progress: bool = True, strict: bool = False,
        summary: Path | None = None, scheduler: str | None = None, warn: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> BatchResult:
    """Audit every item of ``path`` (JSONL, CSV or folder) into ``out`` (JSONL; stdout when None)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .audit import audit_many
    from .batch_input import DIR_SUFFIXES, iter_batch

    if summary is not None and out is None:
        raise InputError("--summary needs --out (the summary is built from the written reports)")
    items = iter_batch(path)  # raises at once for a missing file, an empty folder, a CSV without columns
    result = BatchResult()
    done: dict[str, str] = {}
    sink: TextIO
    if out is not None:
        check_output_path(out, "--out")
        refuse_input_as_output(out, path)
        if path.is_dir() and out.suffix.lower() in DIR_SUFFIXES and path.resolve() in out.resolve().parents:
            raise InputError(f"{out}: lies inside the input folder {path}, whose {out.suffix} files are read as "
                             "articles (a re-run would read the reports as one); write it elsewhere (--out)")
        if summary is not None:
            check_output_path(summary, "--summary")
            refuse_input_as_output(summary, path, out, option="--summary")
            if summary.suffix.lower() not in (".csv", ".parquet"):
                raise InputError(f"{summary}: give the summary a .csv or .parquet file name")
        with cannot_write(out):  # an OSError here (a full disk, a file it may not replace) is the user's to fix
            done = _resumable(path, out, warn)
            sink = open(_partial(out), "a", encoding="utf-8")  # noqa: SIM115 - closed at the end of the run
        result.resumed = len(done)
    else:
        sink = sys.stdout

    where: dict[int, int] = {}
    seen: dict[str, int] = {}

    def todo() -> Iterator:
        for number, item in items:
            if strict and isinstance(item, InputError):
                raise item
            if isinstance(item, Article) and item.id is not None:
                if item.id in done:
                    continue
                for message in item.warnings:  # the report keeps them too
                    warn(f"{path.name}: item {number}: {message}")
                if item.id in seen:
                    item = InputError(f"{path.name}: item {number}: id {item.id!r} is item {seen[item.id]}'s too; "
                                      "skipped (ids name the reports, so they must be unique)")
                    if strict:
                        raise item
                else:
                    seen[item.id] = number
            where[len(where)] = number
            yield item

    total = _count(path)
    columns = [TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn()]
    t0 = time.perf_counter()
    try:
        with Progress(*columns, disable=not progress, console=Console(file=sys.stderr)) as bar:
            task = bar.add_task("audit", total=total, completed=result.resumed, rate="")
            for i, r in enumerate(audit_many(todo(), jobs=jobs, scheduler=scheduler)):
                if isinstance(r, Exception):
                    result.failed += 1
                    # reader errors already name their place ("file.jsonl:3: …"); audit errors get it here
                    warn(str(r) if isinstance(r, InputError) else f"{path.name}:{where.get(i, '?')}: {r}")
                else:
                    result.audited += 1
                    sink.write(r.to_json(indent=None) + "\n")
                    sink.flush()
                rate = (i + 1) / max(time.perf_counter() - t0, 1e-9)
                bar.update(task, advance=1, rate=f"{rate:.1f} articles/s")
    finally:
        if sink is not sys.stdout:
            sink.close()
            if result.audited + result.resumed == 0:
                _partial(out).unlink(missing_ok=True)  # type: ignore[arg-type]  # nothing written: leave no file
    if out is not None and result.audited + result.resumed:
        os.replace(_partial(out), out)
        if summary is not None:
            from .corpus.summary import COLUMNS, summary_row, write_table

            with open(out, encoding="utf-8") as f:
                write_table((summary_row(json.loads(line)) for line in f), summary, COLUMNS)
    if result.failed:
        warn(f"{result.failed} of {result.audited + result.failed} items could not be audited (see above)")
    if result.audited + result.resumed == 0:
        raise InputError(f"{path}: nothing could be audited")
    return result
