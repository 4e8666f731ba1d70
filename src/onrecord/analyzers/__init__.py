"""Analyzers: pipeline components with one job each.

Each module exposes ``analyze(doc: onrecord.nlp.Document) -> result`` where the
result is built from :mod:`onrecord.report` types. Analyzers read the parsed
document, load weights only through :mod:`onrecord.models`, and never import
each other; :mod:`onrecord.verdict` combines their results.

| name        | returns                                   |
|-------------|-------------------------------------------|
| headline    | report.HeadlineClaim                      |
| hedging     | list[report.Sentence] (speculative, hedges, speculation_score) |
| attribution | list[report.Attribution]                  |
| entities    | list[report.Entity]                       |
| stance      | report.Stance                             |
| claims      | list[float] (check-worthiness per sentence) |
| clickbait   | float                                     |
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

NAMES = ("headline", "hedging", "attribution", "entities", "stance", "claims", "clickbait")


def get(name: str) -> Callable[..., Any]:
    """The ``analyze`` function of analyzer ``name`` (imported on first use)."""
    if name not in NAMES:
        raise KeyError(f"unknown analyzer {name!r}; known: {', '.join(NAMES)}")
    return importlib.import_module(f"{__name__}.{name}").analyze
