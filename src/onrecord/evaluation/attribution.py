"""Evaluate the attribution analyzer on PolNeAR-layout folders (``text/``, ``attributions/``).

Gold: ``attributions/<name>_<annotator>.ann``. Where an article has several annotators' files, the
first in sorted file-name order is the gold (deterministic; the others are ignored). Articles
without any .ann are predicted (when predictions are asked for) but not scored.

Metrics, micro-averaged over articles:

* per span type (Source, Cue, Content), over the distinct spans of each article: **exact** (same
  character fragments, surrounding whitespace ignored) and **overlap** (the spans share at least
  one word token) precision / recall / F1;
* whole attributions: **exact** (source, cue and content all exact; a missing source matches only a
  missing source) and **overlap** (all three overlap).
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from ..article import MAX_HEADLINE_CHARS, Article
from ..errors import InputError
from ..report import Attribution
from .brat import BratAttribution, Fragments, read_ann, write_ann
from .metrics import f1_of_counts, format_interval, grouped_interval, refuse_folders_in_the_way, write_json

SPAN_TYPES = ("Source", "Cue", "Content")
_WORD = re.compile(r"\w+")


@dataclass
class Item:
    """One article: its text file, its gold file (None when unannotated) and its text."""

    name: str
    text_path: Path
    gold_path: Path | None
    text: str


def read_gold(item: Item) -> list[BratAttribution]:
    """``item``'s gold attributions, every span checked to lie within its text (a one-line error otherwise)."""
    assert item.gold_path is not None
    gold = read_ann(item.gold_path)
    for att in gold:
        for s, e in (*(att.source or ()), *att.cue, *att.content):
            if not 0 <= s <= e <= len(item.text):
                raise InputError(f"{item.gold_path}: span {s}-{e} is not within {item.text_path.name} "
                                 f"({len(item.text):,} characters); is it the annotation of another text?")
    return gold


def require_gold(scored: int, items: list[Item], predictions: Path | None) -> None:
    """No article with gold annotations: an error, unless the run only writes ``predictions``."""
    if scored:
        return
    where = ", ".join(sorted({str(i.text_path.parent.parent) for i in items}))
    if predictions is None:
        raise InputError(f"{where}: no attributions/*.ann gold file for any of the {len(items)} articles, so nothing "
                         "to score (--predictions only writes the analyzer's output)")
    print(f"no gold annotations in {where}: predictions written, nothing scored", file=sys.stderr)


def discover(paths: Iterable[Path]) -> list[Item]:
    """The articles of PolNeAR-layout folders, with the gold file chosen for each."""
    items: list[Item] = []
    for root in paths:
        text_dir, ann_dir = root / "text", root / "attributions"
        if not text_dir.is_dir():
            raise InputError(f"{root} is not a PolNeAR-layout folder (no text/ directory)")
        texts = sorted(text_dir.glob("*.txt"))
        names = {t.stem for t in texts}
        gold_of: dict[str, Path] = {}
        for ann in sorted(ann_dir.glob("*.ann")) if ann_dir.is_dir() else []:
            if ann.stem not in names:  # gold is <name>_<annotator>.ann; <name>.ann is a prediction, never gold
                gold_of.setdefault(ann.stem.rsplit("_", 1)[0], ann)
        for text_path in texts:
            name = text_path.stem
            gold = gold_of.get(name)
            try:
                with open(text_path, encoding="utf-8", newline="") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(f"cannot read {text_path}: {e}") from e
            items.append(Item(name, text_path, gold, text))
    seen: dict[str, Path] = {}
    for item in items:
        if item.name in seen:
            raise InputError(f"article {item.name} is in more than one input ({seen[item.name]}, {item.text_path}): "
                             "it would be scored twice and its predictions overwritten")
        seen[item.name] = item.text_path
    if not items:
        raise InputError("no text/*.txt articles found in " + ", ".join(str(p) for p in paths))
    return items


def _source_end(text: str, start: int, end: int) -> int:
    """PolNeAR's source convention: a source with an appositive or relative clause ("Hicks, his spokeswoman,")
    includes the comma or dash that closes it (940 such train sources end with it, 109 stop before it; a source
    without an inner comma stops before a following one, 814 to 5). The report's span stops before it."""
    inner = text[start:end]
    if not any(mark in inner for mark in (",", *_DASHES)):
        return end
    i = end
    while i < len(text) and text[i] in " \xa0":
        i += 1
    if i == end and text.startswith(",", i):
        return i + 1
    return next((i + len(dash) for dash in _DASHES if text.startswith(dash, i)), end)


# The dashes that close an inserted phrase: PolNeAR train's sources with "--" or "–" inside end with the closing one
# (8 and 4 times, never stopping before it), as with "—" (21 to 1). Session 53.
_DASHES = ("—", "--", "–")


def to_brat(att: Attribution, text: str | None = None) -> BratAttribution:
    """A report attribution as a brat relation (an author source with no span has no Source). With the
    document ``text``, the source follows PolNeAR's closing-comma convention (:func:`_source_end`)."""
    end = att.source.end if text is None else _source_end(text, att.source.start, att.source.end)
    source = ((att.source.start, end),) if att.source.end > att.source.start else None
    content = tuple((c.start, c.end) for c in att.content_parts)
    return BratAttribution(source, ((att.cue.start, att.cue.end),), content)


def as_article(item: Item) -> Article:
    """An article as the analyzer reads it: the whole text is the body (the headline line included, so offsets
    are those of the file) and its first line the headline (cut to the headline limit: a file of one long paragraph
    is still scored)."""
    return Article(headline=item.text.split("\n", 1)[0][:MAX_HEADLINE_CHARS], body=item.text, id=item.name)


PARALLEL_CHUNK = 4  # articles per task for worker processes


def predict(items: list[Item], progress: bool = True, jobs: int = 1) -> Iterator[list[BratAttribution]]:
    """Run the analyzer over each article's whole text (the headline line included, so offsets
    are those of the file), yielding brat relations in input order. ``jobs > 1``: that many worker
    processes of one thread each (:mod:`onrecord.workers`), each article analysed alone, so the
    output is the same as with one."""
    if jobs > 1 and len(items) > PARALLEL_CHUNK:
        from .. import workers

        chunks = [items[i:i + PARALLEL_CHUNK] for i in range(0, len(items), PARALLEL_CHUNK)]
        with workers.process_pool(min(jobs, len(chunks)), initializer=_warm) as pool:
            done = (relations for chunk in pool.map(_predict_chunk, chunks) for relations in chunk)
            yield from _tracked(done, len(items), progress, f"attribution ({jobs} workers)")
        return
    from ..analyzers import attribution
    from ..nlp import parse_many

    docs = parse_many(as_article(it) for it in items)
    done = ([to_brat(a, doc.body_text) for a in attribution.analyze(doc)] for doc in docs)
    yield from _tracked(done, len(items), progress, "attribution")


def _tracked(results: Iterator[list[BratAttribution]], total: int, progress: bool,
             description: str) -> Iterator[list[BratAttribution]]:
    """``results`` behind a progress bar on stderr when ``progress``."""
    if not progress:
        return results
    from rich.progress import track

    return iter(track(results, total=total, description=description, console=_stderr_console()))


def _warm() -> None:
    """Load the parser and the attribution models once in a worker."""
    _predict_chunk([Item("warm-up", Path("warm-up.txt"), None, "Warm-up\n\nThe models load, officials said.")])


def _predict_chunk(chunk: list[Item]) -> list[list[BratAttribution]]:
    return list(predict(chunk, progress=False))


def _stderr_console():  # noqa: ANN202 - rich type, imported lazily
    from rich.console import Console

    return Console(file=sys.stderr)


# --------------------------------------------------------------------------- scoring

def _normalize(frags: Fragments, text: str) -> Fragments:
    out = []
    for s, e in frags:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def _tokens(frags: Fragments | None, ends: list[int], starts: list[int]) -> frozenset[int]:
    """Indices of the word tokens a span touches (``starts``/``ends``: the words' offsets)."""
    out: set[int] = set()
    for s, e in frags or ():
        out.update(range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)))
    return frozenset(out)


class Counts:
    """True positives counted on each side (precision and recall), and totals."""

    def __init__(self) -> None:
        self.tp_pred = self.tp_gold = self.n_pred = self.n_gold = 0

    def add(self, preds: list, golds: list, match: Callable[[object, object], bool]) -> None:
        self.n_pred += len(preds)
        self.n_gold += len(golds)
        self.tp_pred += sum(any(match(p, g) for g in golds) for p in preds)
        self.tp_gold += sum(any(match(p, g) for p in preds) for g in golds)

    def row(self) -> tuple[int, int, int, int]:
        return self.tp_pred, self.n_pred, self.tp_gold, self.n_gold

    def prf(self) -> dict[str, float | int]:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "predicted": self.n_pred, "gold": self.n_gold}


def score(pairs: Iterable[tuple[str, list[BratAttribution], list[BratAttribution]]]) -> dict:
    """Metrics over (text, predicted, gold) triples; see the module docstring."""
    counts = {(kind, mode): Counts() for kind in SPAN_TYPES + ("Attribution",) for mode in ("exact", "overlap")}
    docs = 0
    per_doc: list[list[tuple[int, int, int, int]]] = []  # each document's counts, for the bootstrap intervals
    for text, pred, gold in pairs:
        docs += 1
        before = [c.row() for c in counts.values()]
        words = [m.span() for m in _WORD.finditer(text)]
        starts, ends = [w[0] for w in words], [w[1] for w in words]

        def norm(atts: list[BratAttribution]) -> list[tuple[Fragments | None, Fragments, Fragments]]:
            return [(_normalize(a.source, text) if a.source else None, _normalize(a.cue, text),
                     _normalize(a.content, text)) for a in atts]

        p_atts, g_atts = norm(pred), norm(gold)
        tok: dict[Fragments | None, frozenset[int]] = {}

        def toks(f: Fragments | None) -> frozenset[int]:
            if f not in tok:
                tok[f] = _tokens(f, ends, starts)
            return tok[f]

        def overlaps(a: Fragments | None, b: Fragments | None) -> bool:
            return (a is None and b is None) or bool(toks(a) & toks(b))

        for i, kind in enumerate(SPAN_TYPES):
            ps = sorted({a[i] for a in p_atts if a[i]})
            gs = sorted({a[i] for a in g_atts if a[i]})
            counts[kind, "exact"].add(ps, gs, lambda a, b: a == b)
            counts[kind, "overlap"].add(ps, gs, overlaps)
        counts["Attribution", "exact"].add(p_atts, g_atts, lambda a, b: a == b)
        counts["Attribution", "overlap"].add(
            p_atts, g_atts, lambda a, b: all(overlaps(x, y) for x, y in zip(a, b)))
        per_doc.append([tuple(x - y for x, y in zip(c.row(), b)) for c, b in zip(counts.values(), before)])  # type: ignore[misc]
    out: dict = {"documents": docs, **{kind: {mode: counts[kind, mode].prf() for mode in ("exact", "overlap")}
                                       for kind in SPAN_TYPES + ("Attribution",)}}
    rows = np.array(per_doc, dtype=float).reshape(docs, len(counts), 4)
    out["intervals"] = {"unit": "documents", **{kind: {} for kind in SPAN_TYPES + ("Attribution",)}}
    for j, (kind, mode) in enumerate(counts):
        out["intervals"][kind][mode] = grouped_interval(rows[:, j], f1_of_counts)
    return out


def format_table(metrics: dict) -> str:
    """The metrics as a fixed-width table."""
    rows = [f"{'':<12}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>11}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for kind in SPAN_TYPES + ("Attribution",):
        e, o = metrics[kind]["exact"], metrics[kind]["overlap"]
        rows.append(f"{kind:<12}{e['precision']:>9.3f}{e['recall']:>7.3f}{e['f1']:>7.3f}"
                    f"{o['precision']:>11.3f}{o['recall']:>7.3f}{o['f1']:>7.3f}{e['gold']:>7}{e['predicted']:>7}")
    if metrics.get("intervals"):
        iv = metrics["intervals"]
        rows.append("95 % intervals of exact F1, documents resampled: " + "   ".join(
            f"{kind} {format_interval(iv[kind]['exact'])}" for kind in SPAN_TYPES + ("Attribution",)))
    return "\n".join(rows)


def evaluate(paths: list[Path], predictions: Path | None = None, json_out: Path | None = None,
             progress: bool = True, jobs: int = 1) -> dict:
    """Score the attribution analyzer on PolNeAR-layout folders; print a table; return the metrics.

    ``predictions``: a folder that receives one ``<name>.ann`` per input text. ``json_out``: the
    metrics as JSON. ``jobs``: worker processes (same output).
    """
    items = discover([Path(p) for p in paths])
    scored, predicted = [], []
    for item, pred in zip(items, predict(items, progress, jobs)):
        predicted.append(pred)
        if item.gold_path is not None:
            scored.append((item.text, pred, read_gold(item)))
    require_gold(len(scored), items, predictions)
    if predictions is not None:  # written once every gold file has been read: a bad one leaves no predictions
        targets = [Path(predictions) / f"{item.name}.ann" for item in items]
        refuse_folders_in_the_way(targets)
        for target, item, pred in zip(targets, items, predicted):
            write_ann(target, pred, item.text)
    metrics = score(scored)
    metrics["gold_choice"] = "first annotator's .ann in sorted file-name order"
    metrics["articles"] = len(items)
    print(f"attribution: {metrics['documents']} annotated articles of {len(items)}")
    print(format_table(metrics))
    if json_out is not None:
        write_json(json_out, metrics)
    return metrics
