"""Evaluate the headline claim (holder — attitude — content) on PolNeAR-layout folders.

PolNeAR's texts open with the article's headline, and its annotators marked the attributions there as in the
body ("Poll finds Clinton would beat out Trump and Cruz": Source "Poll", Cue "finds", Content "Clinton would
beat out …"; "Lynch: No outside influence …": Cue ":"). So the headline analyzer, which decomposes a headline
into who holds what attitude about what, can be measured on a public corpus: its holder against the gold
Source, its attitude word against the Cue, its content against the Content.

Gold: the attributions of the first annotator's file (as :mod:`onrecord.evaluation.attribution` chooses it)
whose cue starts on the first line. The analyzer reports at most one claim a headline, so the metrics are per
headline: a claim is right for a span type when its span equals (exact) or shares a word with (overlap) that
span of *some* gold attribution of its headline; precision is over the headlines with a claim, recall over the
headlines with a gold attribution. "Claim" counts a headline right when source, cue and content all match
one gold attribution; "detection" only asks whether a headline has an attribution at all.
The article is read as the report reads it: the first line is the headline, the rest the body (whose
names resolve the headline's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..article import Article
from ..readers import labelled
from ..atomic import write_text
from ..report import HeadlineClaim
from .attribution import Item, _normalize, _tracked, discover, read_gold, require_gold
from .brat import BratAttribution, Fragments
from .metrics import f1_of_counts, format_interval, grouped_interval, write_json

SPAN_TYPES = ("Source", "Cue", "Content")
MEASURES = ("detection", *SPAN_TYPES, "Claim")
_WORD = re.compile(r"\w+")


def split(text: str) -> tuple[str, str]:
    """A PolNeAR text as (headline, body): the first line and the rest (its offsets start after the line break)."""
    head, _, body = text.partition("\n")
    return head, body


def gold_in_headline(gold: list[BratAttribution], headline_end: int) -> list[BratAttribution]:
    """The gold attributions whose cue starts within the headline."""
    return [g for g in gold if g.cue and min(s for s, _ in g.cue) < headline_end]


def relation(claim: HeadlineClaim) -> BratAttribution | None:
    """The claim as a relation (None when the headline has no holder). A claim without an attitude word in
    the headline (a colon or credit shape, attitude "says") has no cue span."""
    if claim.holder_span is None:
        return None

    def frags(span: object) -> Fragments:
        return () if span is None else ((span.start, span.end),)  # type: ignore[attr-defined]

    return BratAttribution(frags(claim.holder_span), frags(claim.attitude_span), frags(claim.content_span))


def _article(item: Item) -> Article:
    with labelled(item.name):  # "the headline is 2,445 characters long": in which of hundreds of files
        return Article(*split(item.text), id=item.name)


def predict(items: list[Item], progress: bool = True) -> Iterator[HeadlineClaim]:
    """The headline analyzer's claim for each article, in input order."""
    from ..analyzers import headline
    from ..nlp import parse_many

    docs = parse_many(_article(it) for it in items)
    yield from _tracked((headline.analyze(d) for d in docs), len(items), progress, "headline")  # type: ignore[arg-type]


def score_headline(text: str, pred: BratAttribution | None,
                   golds: list[BratAttribution]) -> dict[str, tuple[int, int, int, int]]:
    """One headline's counts per measure, (right predictions, predictions, gold found, gold) (``text``: the
    document, for word overlap)."""
    words = [m.span() for m in _WORD.finditer(text)]

    def toks(frags: Fragments | None) -> frozenset[int]:
        return frozenset(k for k, (ws, we) in enumerate(words) for s, e in frags or () if ws < e and s < we)

    norm = [(_normalize(g.source or (), text), _normalize(g.cue, text), _normalize(g.content, text)) for g in golds]
    p = None if pred is None else (_normalize(pred.source or (), text), _normalize(pred.cue, text),
                                   _normalize(pred.content, text))
    has_gold, has_pred = int(bool(golds)), int(p is not None)
    counts = {"detection": (has_pred * has_gold, has_pred, has_pred * has_gold, has_gold)}
    for mode in ("exact", "overlap"):
        def same(a: Fragments, b: Fragments) -> bool:
            if not a or mode == "exact":
                return bool(a) and a == b
            ta, tb = toks(a), toks(b)
            if ta and tb:
                return bool(ta & tb)
            return any(s < f and e > g for s, e in a for g, f in b)  # a cue of punctuation alone (":")

        for i, kind in enumerate(SPAN_TYPES):
            right = int(p is not None and any(same(p[i], g[i]) for g in norm))
            counts[f"{kind}/{mode}"] = (right, has_pred, right, has_gold)
        right = int(p is not None and any(all(same(p[i], g[i]) for i in range(3)) for g in norm))
        counts[f"Claim/{mode}"] = (right, has_pred, right, has_gold)
    return counts


def score(triples: Iterable[tuple[str, BratAttribution | None, list[BratAttribution]]]) -> dict:
    """Metrics over (text, predicted relation, gold headline attributions) triples; see the module docstring."""
    rows = [score_headline(*t) for t in triples]
    keys = ["detection"] + [f"{k}/{m}" for m in ("exact", "overlap") for k in (*SPAN_TYPES, "Claim")]
    out: dict = {"headlines": len(rows), "with_gold": sum(r["detection"][3] for r in rows),
                 "with_claim": sum(r["detection"][1] for r in rows)}
    table = np.array([[r[k] for k in keys] for r in rows], dtype=float).reshape(len(rows), len(keys), 4)
    out["intervals"] = {"unit": "headlines"}
    for j, key in enumerate(keys):
        tp_pred, n_pred, tp_gold, n_gold = table[:, j].sum(axis=0) if len(rows) else (0, 0, 0, 0)
        p = tp_pred / n_pred if n_pred else 0.0
        r = tp_gold / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        kind, _, mode = key.partition("/")
        entry = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        if mode:
            out.setdefault(kind, {})[mode] = entry
        else:
            out[kind] = entry
        out["intervals"].setdefault(kind, {})[mode or "f1"] = grouped_interval(table[:, j], f1_of_counts)
    return out


def format_table(metrics: dict) -> str:
    """The metrics as a fixed-width table."""
    d = metrics["detection"]
    rows = [f"headlines {metrics['headlines']}, with a gold attribution {metrics['with_gold']}, "
            f"with a claim {metrics['with_claim']}; detection P {d['precision']:.3f} R {d['recall']:.3f} "
            f"F1 {d['f1']:.3f}",
            f"{'':<10}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>11}{'R':>7}{'F1':>7}"]
    for kind in (*SPAN_TYPES, "Claim"):
        e, o = metrics[kind]["exact"], metrics[kind]["overlap"]
        rows.append(f"{kind:<10}{e['precision']:>9.3f}{e['recall']:>7.3f}{e['f1']:>7.3f}"
                    f"{o['precision']:>11.3f}{o['recall']:>7.3f}{o['f1']:>7.3f}")
    iv = metrics["intervals"]
    rows.append("95 % intervals of exact F1, headlines resampled: " + "   ".join(
        f"{kind} {format_interval(iv[kind]['exact'])}" for kind in (*SPAN_TYPES, "Claim")))
    return "\n".join(rows)


def _prediction_line(item: Item, claim: HeadlineClaim) -> str:
    def span(s: object) -> dict | None:
        return None if s is None else {"text": s.text, "start": s.start, "end": s.end}  # type: ignore[attr-defined]

    return json.dumps({"name": item.name, "headline": split(item.text)[0], "holder": claim.holder,
                       "attitude": claim.attitude, "content": claim.content,
                       "holder_span": span(claim.holder_span), "attitude_span": span(claim.attitude_span),
                       "content_span": span(claim.content_span)}, ensure_ascii=False)


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True) -> dict:
    """Score the headline analyzer on PolNeAR-layout folders; print a table; return the metrics.

    ``predictions``: a JSONL file, one line per article (name, headline, holder, attitude, content and their
    spans). ``json_out``: the metrics as JSON."""
    items = discover([Path(p) for p in paths])
    lines, scored = [], []
    for item, claim in zip(items, predict(items, progress)):
        lines.append(_prediction_line(item, claim))
        if item.gold_path is not None:
            end = len(split(item.text)[0])
            scored.append((item.text, relation(claim), gold_in_headline(read_gold(item), end)))
    if predictions is not None:
        write_text(Path(predictions), "\n".join(lines) + "\n")
    require_gold(len(scored), items, predictions)
    metrics = score(scored)
    metrics["gold_choice"] = "first annotator's .ann in sorted file-name order; attributions whose cue is on the first line"
    metrics["articles"] = len(items)
    print(f"headline claim: {metrics['headlines']} annotated articles of {len(items)}")
    print(format_table(metrics))
    if json_out is not None:
        write_json(json_out, metrics)
    return metrics
