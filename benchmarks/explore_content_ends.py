"""Where indirect contents end: dump the analyzer's one-piece indirect / belief contents on PolNeAR with candidate
ends, their features and gold's end, then fit and score an end chooser.

    python benchmarks/explore_content_ends.py --shared ../shared dump OUT.pkl [--split train|dev] [--jobs 2]
    python benchmarks/explore_content_ends.py --shared ../shared score TRAIN.pkl TEST.pkl [--exclude-names FILE]

Session 40's run: ``dump train.pkl --split train``, ``dump dev.pkl --split dev``, then ``score train.pkl train.pkl
--exclude-names NAMES`` (NAMES: the 150 train articles of session 29, one name a line) and ``score train.pkl dev.pkl``.

``dump`` runs the whole analyzer (the shipped models) over a split and keeps, for each predicted indirect or belief
attribution with a one-piece content, the candidate ends (:func:`candidates`, every word boundary from the content's
first word to its sentence's end) and which candidate ends where the gold attribution with the same cue ends (None
where gold has no such cue or its content ends elsewhere).
``score`` fits the chooser on TRAIN and reports, on TEST, how many contents' ends it moves, to gold or away from it.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from onrecord.evaluation import attribution as ev  # noqa: E402
from onrecord.evaluation.brat import read_ann  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Most words a content may grow past the parse's end, and most candidates listed (long sentences).
MAX_GROWTH = 40
MAX_CANDIDATES = 80


def _tokens(body: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Indices of the first and last tokens lying within ``[start, end)``, spaces aside."""
    span = body.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    first, last = span.start, span.end - 1
    while last >= first and body[last].is_space:
        last -= 1
    return (first, last) if last >= first else None


def _constituent_from(tok: "Token") -> "Token":
    """The highest ancestor of ``tok`` whose subtree starts at ``tok`` (the phrase that opens there)."""
    top = tok
    while top.head.i != top.i and top.head.left_edge.i == tok.i:
        top = top.head
    return top


def _constituent_to(tok: "Token") -> "Token":
    """The highest ancestor of ``tok`` whose subtree ends at ``tok`` (the phrase that closes there)."""
    top = tok
    while top.head.i != top.i and top.head.right_edge.i == tok.i:
        top = top.head
    return top


def _bucket(n: int) -> str:
    if -3 <= n <= 3:
        return str(n)
    if -8 <= n <= 8:
        return "<-3" if n < 0 else ">3"
    return "<-8" if n < 0 else ">8"


def _word(tok: "Token") -> str:
    return tok.lower_ if tok.is_punct or tok.is_stop or tok.pos_ in ("ADP", "SCONJ", "CCONJ", "PART", "DET", "PRON",
                                                                     "AUX") else tok.pos_


def candidates(body: "Doc", cue: tuple[int, int], content: tuple[int, int]) -> tuple[list[int], int] | None:
    """The candidate last tokens of ``content`` (token indices, in order) and the index among them of the content's
    own last token; None where the content is not made of whole tokens of one sentence region."""
    span = _tokens(body, *content)
    if span is None:
        return None
    first, last = span
    sent_end = body[last].sent.end - 1
    while sent_end > last and body[sent_end].is_space:
        sent_end -= 1
    stop = min(sent_end, last + MAX_GROWTH)
    ends = [i for i in range(first, stop + 1) if not body[i].is_space]
    if last not in ends:
        return None
    if len(ends) > MAX_CANDIDATES:  # keep those nearest the parse's end
        at = ends.index(last)
        lo = max(0, min(at - MAX_CANDIDATES // 2, len(ends) - MAX_CANDIDATES))
        ends = ends[lo:lo + MAX_CANDIDATES]
    return ends, ends.index(last)


def features(body: "Doc", cue: tuple[int, int], content: tuple[int, int], kind: str, ends: list[int],
             current: int) -> Iterator[dict[str, float]]:
    """One feature dict per candidate end (token index in ``ends``); ``current`` indexes the parse's end."""
    first = _tokens(body, *content)[0]  # type: ignore[index]
    cue_toks = _tokens(body, *cue)
    cue_head = None
    if cue_toks is not None:
        for t in body[cue_toks[0]:cue_toks[1] + 1]:
            if t.head.i == t.i or not cue_toks[0] <= t.head.i <= cue_toks[1]:
                cue_head = t
                break
    quote_open = False
    opened = []  # whether a quotation is open after each token from the content's first
    depth = 0
    for i in range(first, ends[-1] + 1):
        ch = body[i].text
        if ch in ("“", "‘"):
            depth += 1
        elif ch in ("”", "’") and depth:
            depth -= 1
        elif ch == '"':
            quote_open = not quote_open
        opened.append(depth > 0 or quote_open)
    for n, end in enumerate(ends):
        tok = body[end]
        nxt = body[end + 1] if end + 1 < len(body) else None
        while nxt is not None and nxt.is_space and nxt.i + 1 < len(body):
            nxt = body[nxt.i + 1]
        off = n - current
        f: dict[str, float] = {
            "bias": 1.0, "current": float(off == 0), "off=" + _bucket(off): 1.0,
            "kind=" + kind: 1.0, "len=" + _bucket(min(end - first + 1, 20) - 12): 1.0,
            "last=" + _word(tok): 1.0, "last_dep=" + tok.dep_: 1.0,
            "close_dep=" + _constituent_to(tok).dep_: 1.0,
            "inside_quote": float(opened[end - first]),
        }
        if nxt is None or nxt.is_sent_start:
            f["sent_end"] = 1.0
        else:
            opens = _constituent_from(nxt)
            f["next=" + _word(nxt)] = 1.0
            f["next_dep=" + nxt.dep_] = 1.0
            f["open_dep=" + opens.dep_] = 1.0
            f["open_dep_head=" + opens.dep_ + "/" + opens.head.pos_] = 1.0
            f["last_next=" + _word(tok) + "/" + _word(nxt)] = 1.0
            if cue_head is not None:
                f["open_on_cue"] = float(opens.head.i == cue_head.i)
                anc = opens.head.i == cue_head.i or any(a.i == cue_head.i for a in opens.head.ancestors)
                f["open_under_cue"] = float(anc)
            f["next_open_dep_off=" + opens.dep_ + "/" + _bucket(off)] = 1.0
        if off == 0:
            f["cur_last=" + _word(tok)] = 1.0
            if nxt is not None and not nxt.is_sent_start:
                f["cur_next=" + _word(nxt)] = 1.0
        yield f



def _one(item: ev.Item) -> list[dict]:
    from onrecord.analyzers import attribution
    from onrecord.nlp import parse

    doc = parse(ev.as_article(item))
    text = doc.body_text
    gold = {}
    if item.gold_path is not None:
        for g in read_ann(item.gold_path):
            cue = ev._normalize(g.cue, text)
            content = ev._normalize(g.content, text)
            if cue and content:
                gold[cue] = content
    rows = []
    for a in attribution.analyze(doc):
        if a.type not in ("indirect", "belief") or a.continuation or a.content.end <= a.content.start:
            continue
        cue = ((a.cue.start, a.cue.end),)
        cand = candidates(doc.body, (a.cue.start, a.cue.end), (a.content.start, a.content.end))
        if cand is None:
            continue
        ends, current = cand
        feats = list(features(doc.body, (a.cue.start, a.cue.end), (a.content.start, a.content.end),
                                           a.type, ends, current))
        end_chars = [doc.body[i].idx + len(doc.body[i].text) for i in ends]
        g = gold.get(ev._normalize(cue, text))
        label = None
        start_ok = False
        if g is not None:
            start_ok = g[0][0] == ev._normalize(((a.content.start, a.content.end),), text)[0][0]
            if g[-1][1] in end_chars:
                label = end_chars.index(g[-1][1])
        rows.append({"name": item.name, "cue": (a.cue.start, a.cue.end), "gold_found": g is not None,
                     "gold_pieces": len(g) if g else 0, "start_ok": start_ok, "label": label, "current": current,
                     "feats": feats, "end_chars": end_chars, "kind": a.type})
    return rows


def dump(shared: Path, split: str, out: Path, jobs: int) -> None:
    items = ev.discover([shared / "data" / "polnear" / split])
    from onrecord import workers

    with workers.process_pool(jobs) as pool:
        rows = [r for chunk in pool.map(_one, items, chunksize=2) for r in chunk]
    out.write_bytes(pickle.dumps(rows))
    print(f"{len(items)} articles, {len(rows)} contents, {sum(r['label'] is not None for r in rows)} with gold's end "
          f"among the candidates ({sum(r['label'] == r['current'] for r in rows)} at the parse's end)")


def _directed(row: dict) -> list[dict[str, float]]:
    """Each candidate's features, also conjoined with its direction from the parse's end (shorter / longer / same),
    plus the parse's end's own words."""
    cur = row["current"]
    out = []
    for n, f in enumerate(row["feats"]):
        d = "S" if n < cur else ("L" if n > cur else "C")
        g = dict(f)
        for k, v in f.items():
            if k.startswith(("next=", "open_dep=", "last=", "open_dep_head=", "close_dep=", "last_next=")) or k in (
                    "sent_end", "inside_quote", "open_on_cue", "open_under_cue"):
                g[d + ":" + k] = v
        g["dir=" + d] = 1.0
        g["kind_dir=" + row["kind"] + d] = 1.0
        for k, v in row["feats"][cur].items():
            if k.startswith(("next=", "open_dep=", "last=")) or k == "sent_end":
                g["CUR:" + k] = v
        out.append(g)
    return out


def score(train: Path, test: Path, exclude: Path | None, cs: list[float], margins: list[float]) -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    names = set(exclude.read_text().split()) if exclude else set()
    fit = [r for r in pickle.loads(train.read_bytes()) if r["name"] not in names and r["label"] is not None]
    rows = pickle.loads(test.read_bytes())
    if test.resolve() == train.resolve():  # the held-out articles of the same dump
        rows = [r for r in rows if r["name"] in names]
    scorable = [r for r in rows if r["start_ok"] and r["gold_pieces"] == 1 and r["label"] is not None]
    print(f"fit on {len(fit)} contents; test: {len(rows)} contents, {len(scorable)} whose start is gold's and gold's "
          f"end among the candidates, {sum(r['label'] == r['current'] for r in scorable)} of them right as they are")
    X = [f for r in fit for f in _directed(r)]
    y = [int(n == r["label"]) for r in fit for n in range(len(r["feats"]))]
    dv = DictVectorizer()
    Xm = dv.fit_transform(X)
    for c in cs:
        clf = LogisticRegression(C=c, max_iter=3000).fit(Xm, y)
        scored = [(r, clf.decision_function(dv.transform(_directed(r)))) for r in rows]
        for margin in margins:
            moved = gained = lost = 0
            for r, s in scored:
                best, cur = int(np.argmax(s)), r["current"]
                new = best if best != cur and s[best] - s[cur] > margin else cur
                moved += new != cur
                if r["start_ok"] and r["gold_pieces"] == 1 and r["label"] is not None:
                    gained += new == r["label"] != cur
                    lost += cur == r["label"] != new
            print(f"C {c:g} margin {margin:g}: {moved} ends moved, {gained} to gold's, {lost} away from gold's "
                  f"(net {gained - lost:+d})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--split", default="train")
    d.add_argument("--jobs", type=int, default=2)
    sc = sub.add_parser("score")
    sc.add_argument("train", type=Path)
    sc.add_argument("test", type=Path)
    sc.add_argument("--exclude-names", type=Path, help="file of article names left out of the fit; with TEST the "
                    "same dump as TRAIN, the test is these articles")
    sc.add_argument("--c", type=float, nargs="+", default=[1.0, 3.0, 10.0])
    sc.add_argument("--margins", type=float, nargs="+", default=[0.0, 0.5, 1.0])
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.shared, args.split, args.out, args.jobs)
    else:
        score(args.train, args.test, args.exclude_names, args.c, args.margins)


if __name__ == "__main__":
    main()
