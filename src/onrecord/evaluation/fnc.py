"""FNC-1 files and the FNC-1 score.

FNC-1 comes as two CSV files (UTF-8, RFC 4180 quoting, bodies may span lines):

* bodies: ``Body ID,articleBody``
* stances: ``Headline,Body ID[,Stance]`` — the competition's unlabeled test file has no
  ``Stance`` column; extra columns are ignored.

The FNC-1 score (Pomerleau & Rao 2017, ``scorer.py`` of the official repository): for each pair,
+0.25 when related/unrelated is right (``unrelated`` vs. any of agree/disagree/discuss); and, when
gold and prediction are both related, +0.75 more when the exact class is right. The maximum is
0.25 per unrelated pair plus 1.0 per related pair.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..article import MAX_BODY_CHARS
from ..atomic import atomic_open
from ..errors import InputError
from ..report import STANCE_LABELS
from .csvfile import read_table

RELATED = frozenset({"agree", "disagree", "discuss"})

csv.field_size_limit(1 << 26)  # article bodies can be long


@dataclass(frozen=True)
class Pair:
    """One row of a stances file, in file order."""

    headline: str
    body_id: str
    stance: str | None  # None when the file has no Stance column


def read_bodies(path: Path) -> dict[str, str]:
    """``Body ID`` (as written, stripped) -> article body."""
    _, rows = read_table(path, ("Body ID", "articleBody"), "FNC-1")
    bodies: dict[str, str] = {}
    for n, row in enumerate(rows, start=2):
        bid = (row.get("Body ID") or "").strip()
        if not bid:
            raise InputError(f"{path.name}: row {n} has no Body ID")
        body = row.get("articleBody") or ""
        if len(body) > MAX_BODY_CHARS:  # FNC-1's longest is ~30,000; a body this long is not an article
            raise InputError(f"{path.name}: Body ID {bid} has {len(body):,} characters; an article body has at most "
                             f"{MAX_BODY_CHARS:,}")
        if bodies.get(bid, body) != body:
            raise InputError(f"{path.name}: Body ID {bid} is given twice, with different bodies")
        bodies[bid] = body
    return bodies


def read_stances(path: Path) -> list[Pair]:
    """The pairs of a stances file, in input order (``stance`` is None without a Stance column)."""
    fields, rows = read_table(path, ("Headline", "Body ID"), "FNC-1")
    labeled = "Stance" in fields
    pairs: list[Pair] = []
    for n, row in enumerate(rows, start=2):
        stance = None
        if labeled:
            stance = (row.get("Stance") or "").strip().lower()
            if stance not in STANCE_LABELS:
                raise InputError(f"{path.name}: row {n} has unknown Stance {row.get('Stance')!r}")
        body_id = (row.get("Body ID") or "").strip()
        if not body_id:
            raise InputError(f"{path.name}: row {n} has no Body ID")
        pairs.append(Pair(row.get("Headline") or "", body_id, stance))
    return pairs


def write_predictions(path: Path, pairs: Sequence[Pair], labels: Sequence[str]) -> None:
    """Write ``Headline,Body ID,Stance`` rows in input order, atomically (temp file, then rename)."""
    if len(pairs) != len(labels):
        raise ValueError("one label per pair")
    with atomic_open(path) as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        for p, label in zip(pairs, labels):
            w.writerow([p.headline, p.body_id, label])


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, best possible score) under the FNC-1 rule."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    score = best = 0.0
    for g, p in zip(gold, pred):
        g_rel, p_rel = g in RELATED, p in RELATED
        best += 1.0 if g_rel else 0.25
        if g_rel == p_rel:
            score += 0.25
            if g_rel and g == p:
                score += 0.75
    return score, best
