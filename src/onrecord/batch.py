"""``onrecord check --batch``: audit many articles into JSONL, resumably, with a progress bar.

Output goes to ``OUT.partial`` one flushed line per report and becomes ``OUT`` (a rename) only when
the run completes, so ``OUT`` is never half-written. A re-run with the same ``--out`` finds the
``.partial`` file (or a finished ``OUT``), keeps its complete lines, skips the ids they hold and carries on,
so articles added to a folder since are all a re-run audits. ``OUT`` is never the input, and an existing
``OUT`` that is not a reports file is refused rather than replaced.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TextIO

from .atomic import refuse_input_as_output
from .errors import InputError

REPORT_LINE = re.compile(rb'\{\s*"schema"\s*:\s*"onrecord\.report/')  # the first bytes of a report line


@dataclass
class BatchResult:
    audited: int = 0
    failed: int = 0
    resumed: int = 0  # reports kept from an interrupted earlier run


def _partial(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def _resume(partial: Path) -> set[str]:
    """Ids of the complete report lines in ``partial``; a torn last line is cut off."""
    done: set[str] = set()
    keep = 0
    with open(partial, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                rid = json.loads(raw).get("id")
            except ValueError:
                break
            if rid is not None:
                done.add(str(rid))
            keep += len(raw)
    os.truncate(partial, keep)
    return done


def _check_reports_file(out: Path) -> None:
    """Refuse to replace an existing ``out`` that is not a JSONL file of onrecord reports (an input, a table …).

    Reports are written with their ``schema`` key first, so the file's first bytes tell."""
    with open(out, "rb") as f:
        head = f.read(64)
    if not REPORT_LINE.match(head):
        raise InputError(f"{out}: exists and is not an onrecord reports file (JSONL); remove it or choose another --out")


def _count(path: Path) -> int | None:
    """Items in a JSONL file or folder, for the progress bar's total (None when unknown)."""
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm", ".json")
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
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
    from .batch_input import iter_batch

    if summary is not None and out is None:
        raise InputError("--summary needs --out (the summary is built from the written reports)")
    items = iter_batch(path)  # raises at once for a missing file, an empty folder, a CSV without columns
    result = BatchResult()
    done: set[str] = set()
    sink: TextIO
    if out is not None:
        if out.is_dir():
            raise InputError(f"{out}: is a directory, not a file name")
        if not out.parent.is_dir():
            raise InputError(f"{out}: folder {out.parent} does not exist")
        refuse_input_as_output(out, path)
        refuse_input_as_output(summary, path, out, option="--summary")
        partial = _partial(out)
        earlier = partial
        if not partial.exists() and out.exists() and out.stat().st_size:
            _check_reports_file(out)
            shutil.copyfile(out, partial)  # a finished earlier run: its reports count as done
            earlier = out
        if partial.exists():
            done = _resume(partial)
            result.resumed = len(done)
            if done:
                warn(f"resuming: {len(done)} reports already in {earlier.name} are kept")
        sink = open(partial, "a", encoding="utf-8")
    else:
        sink = sys.stdout

    where: dict[int, int] = {}

    def todo() -> Iterator:
        for number, item in items:
            if strict and isinstance(item, InputError):
                raise item
            if not isinstance(item, InputError) and item.id is not None and item.id in done:
                continue
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
    if out is not None:
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
