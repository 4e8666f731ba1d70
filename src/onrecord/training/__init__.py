"""Training modules: one per shipped model, each exposing ``train(data, seed, progress) -> dev metrics``.

Each is also runnable as ``python -m onrecord.training.NAME --data DIR`` through :func:`command_line`
(``onrecord train NAME --data DIR`` is the same).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence


def cache_dir() -> Path:
    """Where training keeps intermediate tensors between runs (outside the package; never shipped):
    ``$XDG_CACHE_HOME/onrecord``, else ``~/.cache/onrecord``."""
    import os

    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onrecord"


def write_metrics(path: Path, metrics: dict[str, Any]) -> None:
    """A training's returned figures as indented JSON, written atomically (``--json`` of both training commands)."""
    from ..atomic import write_text

    write_text(path, json.dumps(metrics, indent=2, default=str) + "\n")


def command_line(module: str, doc: str | None, train: Callable[..., dict[str, Any]], *,
                 data_help: str, default_data: Path | None = None,
                 eval_dev: Callable[[Path], dict[str, Any]] | None = None,
                 flags: Mapping[str, str] | None = None,
                 argv: Sequence[str] | None = None) -> None:
    """The ``python -m onrecord.training.<module>`` command: train (or, with --eval-dev, report the shipped
    model on its dev split) and optionally write the returned metrics as JSON. ``flags`` maps extra
    boolean options (``--name``) to their help; each is passed to ``train`` as a keyword argument."""
    ap = argparse.ArgumentParser(prog=f"python -m onrecord.training.{module}",
                                 description=(doc or "").strip().splitlines()[0] if doc else None)
    ap.add_argument("--data", type=Path, default=default_data, required=default_data is None, help=data_help)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, help="also write the metrics here")
    if eval_dev is not None:
        ap.add_argument("--eval-dev", action="store_true", help="report the shipped artifact on dev instead of training")
    for name, help_ in (flags or {}).items():
        ap.add_argument(f"--{name}", action="store_true", help=help_)
    args = ap.parse_args(argv)
    extra = {name.replace("-", "_"): getattr(args, name.replace("-", "_")) for name in flags or {}}
    from ..errors import InputError

    try:
        result = eval_dev(args.data) if eval_dev is not None and args.eval_dev else train(args.data, args.seed, **extra)
    except InputError as e:  # a one-line error, as the onrecord command gives
        ap.exit(2, f"{ap.prog}: error: {e}\n")
    if args.json:
        write_metrics(args.json, result)
