"""The command line: ``onrecord check``, ``onrecord eval …``, ``onrecord train …``, ``onrecord serve``,
``onrecord models``, ``onrecord schema``.

Every failure a user can cause prints one line (``onrecord: error: …``) and exits non-zero;
a traceback appears only with ``ONRECORD_DEBUG=1``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List, Optional, TextIO

import typer

from .atomic import atomic_open, check_output_path, refuse_input_as_output
from .errors import InputError, OnrecordError

if TYPE_CHECKING:
    from .article import Article
    from .report import Report

app = typer.Typer(
    name="onrecord",
    help="Read news the way a careful fact-checker does: what the headline claims, whether the body backs it, "
         "who is quoted, what is hedged — every finding with its evidence span.\n\n"
         "Start with:  onrecord check article.txt   (first line = headline)",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode="rich",
)
eval_app = typer.Typer(help="Measure a model on a corpus file in its public format; print the field's metrics.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _mount_corpus() -> None:
    from .corpus.cli import corpus_app

    app.add_typer(corpus_app, name="corpus",
                  help="Many articles: ingest into a SQLite store, search claims, export summaries.")


_mount_corpus()

EXIT_INPUT = 2
EXIT_INTERNAL = 70


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"


def _err(msg: str) -> None:
    print(f"onrecord: error: {msg}", file=sys.stderr)


def _warn(msg: str) -> None:
    print(f"onrecord: warning: {msg}", file=sys.stderr)


@contextlib.contextmanager
def atomic_output(path: Optional[Path]) -> Iterator[TextIO]:
    """stdout when ``path`` is None, else an atomic file (no half-written output on failure)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(path, "w", make_parents=False) as f:
        yield f


# --------------------------------------------------------------------------- check

@app.command(no_args_is_help=True)
def check(
    source: Optional[str] = typer.Argument(None, metavar="PATH|URL|-",
        help="Article to audit: a .txt (first line = headline), .html, .json ({headline, body, ...}) file, "
             "an http(s) URL, or - for stdin."),
    batch: Optional[Path] = typer.Option(None, "--batch", metavar="FILE.jsonl|FILE.csv|DIR",
        help="Audit many: a JSONL file (one {headline, body, id?, source?, url?, published?} a line), a CSV file "
             "with a header row (headline, body and the same optional columns) or a folder of .txt/.html/.json "
             "files. Writes one JSON report a line; a re-run with the same --out skips the articles it already "
             "holds (delete it to start over)."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", show_default="text",
        help="Report view for a single article (a batch writes JSON lines)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of stdout (atomically)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=64, help="Worker processes for --batch."),
    allow_private: bool = typer.Option(False, "--allow-private",
        help="Allow URLs that resolve to loopback / private / link-local addresses (refused by default)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, max=120, help="Seconds allowed for fetching a URL."),
    progress: bool = typer.Option(True, "--progress/--no-progress",
        help="Progress on stderr: a bar for --batch, a spinner while a long single article is audited."),
    strict: bool = typer.Option(False, "--strict", help="With --batch: stop at the first malformed item."),
    summary: Optional[Path] = typer.Option(None, "--summary", metavar="FILE.csv|FILE.parquet",
        help="With --batch --out: also write one summary row per article (verdict, stance, quotes, …)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
        help="With --batch: run on a Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local processes."),
) -> None:
    """Audit one article (or many with --batch): headline claim, stance, verdict, hedging, attribution.

    \b
    Examples:
      onrecord check article.txt
      onrecord check article.html --format html --out audit.html
      onrecord check https://example.org/story --format json
      cat story.txt | onrecord check -
      onrecord check --batch articles.jsonl --out reports.jsonl --jobs 2
      onrecord check --batch articles/ --out reports.jsonl --summary summary.parquet
      onrecord check --batch big.jsonl --out reports.jsonl --scheduler tcp://scheduler:8786
    """
    if batch is not None:
        if source is not None:
            raise InputError("give either an article or --batch, not both")
        if fmt not in (None, Format.json):
            raise InputError(f"--batch writes one JSON report a line; --format {fmt.value} is for a single article")
        from .batch import run

        run(batch, out, jobs=jobs, progress=progress, strict=strict, summary=summary, scheduler=scheduler, warn=_warn)
        return
    if source is None:
        raise InputError("give an article (PATH, URL or -) or --batch FILE")
    from . import readers
    from .views import render, render_text

    if out is not None:
        check_output_path(out, "--out")  # before the audit, which may take minutes
    article = readers.load(source, allow_private=allow_private, timeout=timeout,
                           stdin=sys.stdin.buffer if source == "-" else None)
    if source != "-":
        refuse_input_as_output(out, Path(source))
    for w in article.warnings:
        _warn(w)
    report = _audit_one(article, progress)
    fmt = fmt or Format.text
    terminal = out is None and sys.stdout.isatty()
    color = fmt is Format.text and terminal and "NO_COLOR" not in os.environ
    text = (render_text(report, width=text_width(terminal), color=color) if fmt is Format.text
            else render(report, fmt.value))
    with atomic_output(out) as f:
        f.write(text)


def text_width(terminal: bool) -> int:
    """Columns of the text view: the terminal's width (kept within 60-160) when writing to one, else a fixed
    100, so that a saved report does not depend on the window it was made in."""
    if not terminal:
        return 100
    import shutil

    return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))


LONG_ARTICLE_CHARS = 50_000  # a single article this long (about 25 s of audit and more) gets a spinner


def _audit_one(article: Article, progress: bool, console: object | None = None) -> Report:
    """Audit one article; a long one shows a spinner on stderr while it runs (when stderr is a terminal, or on
    ``console``; else one line says so), so a minutes-long audit does not look like a hang."""
    from . import readers
    from .audit import audit

    long = progress and len(article.body) >= LONG_ARTICLE_CHARS
    if not long:
        return audit(article)
    if console is None and sys.stderr.isatty():
        from rich.console import Console

        console = Console(stderr=True)
    size = readers.format_size(len(article.body.encode("utf-8")))
    if console is None:
        print(f"onrecord: auditing a long article ({size}); this may take minutes", file=sys.stderr, flush=True)
        return audit(article)
    with console.status(f"auditing a long article ({size}) …"):  # type: ignore[attr-defined]
        return audit(article)


# --------------------------------------------------------------------------- eval

_FOLDER_PREDICTIONS = ("attribution", "checkworthy", "emergent")  # the others write one file


def _evaluate(module: str, paths: list[Path], predictions: Optional[Path], json_out: Optional[Path], **options: Any) -> None:
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
    _check_eval_outputs(paths, predictions, json_out, folder=module in _FOLDER_PREDICTIONS)
    mod = importlib.import_module(f"onrecord.evaluation.{module}")
    mod.evaluate(paths, predictions=predictions, json_out=json_out, progress=sys.stderr.isatty(), **options)


def _check_eval_outputs(inputs: list[Path], predictions: Optional[Path], json_out: Optional[Path], folder: bool) -> None:
    """Before any work: the outputs can be written where they are asked for, and destroy no input.

    A file output needs an existing folder and must not be an input or the other output; a predictions folder
    (created if missing, inside an existing one) must neither hold an input nor lie inside an input folder —
    attribution predictions written into a gold folder would be read back as gold."""
    outputs = [(json_out, "--json", False), (predictions, "--predictions", folder)]
    for out, option, is_folder in outputs:
        if out is None:
            continue
        if is_folder:
            if out.exists() and not out.is_dir():
                raise InputError(f"{option} {out}: is a file; give a folder for the predictions")
            target = out.resolve()
            for p in inputs:
                q = p.resolve()
                if q == target or target in q.parents or (p.is_dir() and q in target.parents):
                    raise InputError(f"{option} {out}: overlaps the input {p}; write the predictions elsewhere")
            if not target.parent.is_dir():
                raise InputError(f"{option} {out}: folder {out.parent} does not exist")
        else:
            check_output_path(out, option)
            refuse_input_as_output(out, *inputs, option=option)
            if any(p.is_dir() and p.resolve() in out.resolve().parents for p in inputs):
                raise InputError(f"{option} {out}: lies inside the input folder; write it elsewhere")
    if json_out is not None and predictions is not None:
        refuse_input_as_output(json_out, predictions, option="--json")
        if folder and predictions.resolve() in json_out.resolve().parents:  # it could be one of the prediction files
            raise InputError(f"--json {json_out}: lies inside the --predictions folder; write it elsewhere")


_PRED = typer.Option(None, "--predictions", help="Write predictions here, in the format an independent scorer reads.")
_JSON = typer.Option(None, "--json", help="Write the metrics as JSON here.")
_JOBS = typer.Option(1, "--jobs", "-j", min=1, max=64, help="Worker processes, one thread each (e.g. 2 on 2 cores).")


@eval_app.command("stance")
def eval_stance(bodies: Path = typer.Argument(..., metavar="BODIES.csv"),
                stances: Path = typer.Argument(..., metavar="STANCES.csv"),
                predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON,
                jobs: int = _JOBS) -> None:
    """Headline–body stance on FNC-1-format files: FNC score, macro-F1, per-class F1, confusion matrix.

    Predictions: CSV Headline,Body ID,Stance in input order. The scores do not depend on --jobs.

      onrecord eval stance ../shared/data/fnc1/train_bodies.csv ../shared/data/fnc1/train_stances.csv --jobs 2
    """
    _evaluate("stance", [bodies, stances], predictions, json_out, jobs=jobs)


@eval_app.command("attribution")
def eval_attribution(dirs: List[Path] = typer.Argument(..., metavar="DIR..."),
                     predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON,
                     jobs: int = _JOBS) -> None:
    """Attribution (Source / Cue / Content) on PolNeAR-layout folders (text/, attributions/).

    Predictions: one brat .ann per input text, into the --predictions folder. The scores do not depend on --jobs.

      onrecord eval attribution ../shared/data/polnear/dev --jobs 2
    """
    _evaluate("attribution", dirs, predictions, json_out, jobs=jobs)


@eval_app.command("headline")
def eval_headline(dirs: List[Path] = typer.Argument(..., metavar="DIR..."),
                  predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON) -> None:
    """The headline claim (holder — attitude — content) against the attributions PolNeAR marks in each headline.

    PolNeAR-layout folders (text/, attributions/); a text's first line is its headline. Metrics per headline:
    detection, and exact / overlap P / R / F1 of holder (Source), attitude word (Cue), content and the whole claim.
    Predictions: JSONL, one claim per article.

      onrecord eval headline ../shared/data/polnear/dev
    """
    _evaluate("headline", dirs, predictions, json_out)


@eval_app.command("hedging")
def eval_hedging(files: List[Path] = typer.Argument(..., metavar="FILE.xml..."),
                 predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON) -> None:
    """Hedging on Szeged uncertainty XML: sentence and cue P / R / F1 per file. Predictions: JSONL."""
    _evaluate("hedging", files, predictions, json_out)


@eval_app.command("checkworthy")
def eval_checkworthy(files: List[Path] = typer.Argument(..., metavar="FILE.tsv..."),
                     predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON) -> None:
    """Check-worthiness on CheckThat! 2019 transcripts (MAP, R-P, P@k) or CT24 TSV (F1). Predictions: a folder.

    A transcript line is scored with the line before it; a CT24 sentence, like a report's news sentence, alone.
    """
    _evaluate("checkworthy", files, predictions, json_out)


@eval_app.command("clickbait")
def eval_clickbait(files: List[Path] = typer.Argument(..., metavar="FILE..."),
                   predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON) -> None:
    """Clickbait on gzip one-headline-a-line files or a JSON array with post_text: AUC and F1. Predictions: JSONL."""
    _evaluate("clickbait", files, predictions, json_out)


@eval_app.command("emergent")
def eval_emergent(file: Path = typer.Argument(..., metavar="FILE.csv"),
                  predictions: Optional[Path] = _PRED, json_out: Optional[Path] = _JSON) -> None:
    """Emergent: headline stance towards its claim (accuracy, macro-F1) and claim veracity from the aggregated stances.

    Predictions: a folder with headlines.csv (articleId,claimId,stance) and claims.csv (claimId,veracity).
    """
    _evaluate("emergent", [file], predictions, json_out)


# --------------------------------------------------------------------------- train / models

TRAINABLE = ("stance", "attribution", "cue_tagger", "role_tagger", "hedging", "checkworthy", "clickbait", "emergent",
             "genders")


@app.command(no_args_is_help=True)
def train(model: str = typer.Argument(..., metavar="MODEL", help=f"One of: {', '.join(TRAINABLE)}."),
          data: Path = typer.Option(..., "--data", help="The corpus folder, e.g. ../shared/data/fnc1."),
          seed: int = typer.Option(0, "--seed", help="Random seed (training is deterministic for a seed)."),
          json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the returned dev figures here as JSON.")) -> None:
    """Rebuild a shipped model artifact from its public corpus and print its dev figures."""
    if model not in TRAINABLE:
        raise InputError(f"unknown model {model!r}; trainable: {', '.join(TRAINABLE)}")
    if not data.is_dir():
        raise InputError(f"{data}: not a folder")
    if json_out is not None:  # checked before minutes of training, not after
        check_output_path(json_out, "--json")
    try:
        mod = importlib.import_module(f"onrecord.training.{model}")
    except ModuleNotFoundError:
        raise InputError(f"model {model!r} has no training command yet") from None
    metrics = mod.train(data, seed=seed, progress=sys.stderr.isatty())
    if json_out is not None:
        from .training import write_metrics

        write_metrics(json_out, metrics)


# --------------------------------------------------------------------------- serve

@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default, loopback, serves this "
                             "machine only; another address serves anyone who can reach it (there is no login)."),
    port: int = typer.Option(8080, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64,
        help="Server processes, each with its own models (~0.7 GB) auditing one article at a time."),
    store: Optional[Path] = typer.Option(None, "--store", "-s", metavar="FILE",
        help="An onrecord store (onrecord corpus ingest) to serve /api/search and /api/claim from."),
    allow_private: bool = typer.Option(False, "--allow-private",
        help="Allow URLs that resolve to loopback / private / link-local addresses (refused by default)."),
    max_chars: int = typer.Option(100_000, "--max-chars", min=1_000, max=5_000_000,
        help="Longest article body audited, in characters (about a minute of audit); longer ones get 413."),
    wait: float = typer.Option(30.0, "--wait", min=0.1, max=3600,
        help="Seconds a request waits for its turn at the auditor before it gets 503 (busy)."),
    warm: bool = typer.Option(True, "--warm/--no-warm", help="Load every model before taking requests."),
) -> None:
    """Serve the HTTP API and the web page: open http://127.0.0.1:8080/ in a browser.

    \b
    API (JSON in, JSON out; errors are {"error": "…"}: 4xx for the request, 503 when busy, 500 for a bug):
      POST /api/audit          {"headline": …, "body": …} or {"url": …} → the report (?format=html|text)
      POST /api/audit/batch    a JSON array (or JSONL) of articles → {"results": [...]}
      GET  /api/search?q=…     with --store: stored articles ranked for a claim
      GET  /api/claim?q=…      with --store: corroborated / refuted / unverified / contested, by outlet
      GET  /api/health
    \b
    Examples:
      onrecord serve
      curl -s localhost:8080/api/audit -H 'content-type: application/json' \\
           -d '{"headline": "Varga says strike will end", "body": "“It will end,” Varga said."}'
      onrecord serve --store news.db --workers 2
    """
    from .server import Settings
    from .server import serve as run_server

    settings = Settings(store=None if store is None else str(store), allow_private=allow_private,
                        max_chars=max_chars, wait=wait, warm=warm)
    run_server(settings, host=host, port=port, workers=workers)


@app.command("models")
def models_cmd() -> None:
    """List the models onrecord loads, and check each one's files against its sha256 (an optional model that
    is not built says so)."""
    from . import models

    for name, spec in models.REGISTRY.items():
        if not spec.shipped and not models.available(name):
            state = f"not built (optional: onrecord train {name})"
        else:
            try:
                models._verify(spec)
                state = "ok"
            except models.ModelError as exc:
                state = f"NOT OK: {exc}"
        print(f"{name:12s} {state:6s}  {spec.description}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (onrecord.report/1), for validating reports in any language.

    \b
    Example:
      onrecord schema > report.schema.json
    """
    import json

    from .report import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command()
def version() -> None:
    """Print onrecord's version and report schema."""
    from . import __version__
    from .report import SCHEMA

    print(f"onrecord {__version__} ({SCHEMA})")


def _command_path(args: list[str]) -> str:
    """``onrecord corpus search`` for ``["corpus", "search", "--store"]``: the (sub)commands that ``args`` open with."""
    import typer.main

    command, path = typer.main.get_command(app), ["onrecord"]
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is None:
            break
        command, path = sub, [*path, arg]
    return " ".join(path)


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: run the CLI, turning every user-facing failure into one line and an exit code."""
    debug = os.environ.get("ONRECORD_DEBUG") == "1"
    # Per-article work is small: OpenMP / BLAS thread pools cost more than they give (see BENCHMARKS.md).
    # Training is the exception: PyTorch's fine-tuning wants both cores.
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "train":
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
    try:
        rc = app(args=argv, prog_name="onrecord", standalone_mode=False)
        return rc if isinstance(rc, int) else 0
    except SystemExit as exc:  # pragma: no cover - typer/click exits
        return int(exc.code or 0)
    except OnrecordError as exc:
        if debug:
            raise
        _err(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception as exc:
        # typer ships its own copy of click, so match click's exceptions by shape, not by class
        if type(exc).__name__ == "Abort":
            _err("aborted")
            return 130
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
                exc.show()  # a command given no arguments shows its help
            else:  # a usage error: one line, and where to read more
                message = exc.format_message()
                if message.startswith("No such option"):  # corpus search "-Apple": a query, not an option
                    message += "; an argument that starts with - goes after --"
                # an option missing its value ("-f" last) comes without a context: find the command from argv
                where = ctx.command_path if ctx is not None else _command_path(args)
                _err(f"{message} (see {where} --help)")
            return int(exc.exit_code)
        if debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set ONRECORD_DEBUG=1 for a traceback)")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
