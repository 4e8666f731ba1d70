"""How often a pronoun source resolves to the right person: "she said" credited to the right name.

The report gives each pronoun source ("he", "she", "they", "it") the name it stands for (``Source.resolved``), and
the corpus's actor table is built from those names. No corpus here marks coreference, so
``benchmarks/data/pronoun_antecedents.tsv`` holds hand labels: for each pronoun source the analyzer found in a
sample of PolNeAR *train* articles and FNC-1 *train* bodies, the name (as the body writes it in full) the pronoun
refers to, or NONE when it refers to no name of the body (an unnamed "spokesman", the author). Set A is where rules
were written from; set B was labelled with it, before any rule ran, and was scored once (session 23); set C, the
next articles by the same hash, was labelled in session 29 before that session's rule was scored; sets D and E
(session 30) and F and G (session 31) likewise, each the next 15 + 15 articles, each labelled before the rule it
judged was scored; H and I likewise (session 31). Sets A-E are spent (their errors read); F was spent by session
31's salience rule, G by its surname rule, H by its first-name rule (not kept), I by its namesake rule. Sets J-M
(session 32) were labelled in two rounds: their "it" / "they" sources, the held-out sets of the speaking-antecedent
rule, then their he / she sources, those of the first-name and bare-title rules; all spent. Set N (session 37) was
labelled before the speaker-continues rule was scored: its held-out set, scored once. See the file's header.

    python benchmarks/eval_pronouns.py --shared ../shared [--show A]   # score set A (and print its errors)
    python benchmarks/eval_pronouns.py --shared ../shared --final      # the held-out sets B-N too
    python benchmarks/eval_pronouns.py --shared ../shared --dump S.tsv  # a sheet to label (every set)

A label matches when the resolved name equals it (case and spacing ignored); NONE matches no resolution.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_reports import fnc1_train  # noqa: E402  (a sibling script)

LABELS = Path(__file__).parent / "data" / "pronoun_antecedents.tsv"
PERSONAL = frozenset({"he", "she", "him", "her", "his"})
PER_SET = 15  # articles of each corpus in each set
# A: the rules' development set; B: held out in session 23, scored once; C: labelled in session 29 before that
# session's speaker rule was scored, its held-out set; D: labelled in session 30 before that session's pronoun rules
# were scored, their held-out set (its errors were then read: the first-name prior of that session came from them);
# E: labelled in session 30 before the first-name prior was scored, its held-out set; F-I: labelled in session 31
# before its salience, surname, first-name and namesake rules were scored, one set each (the module docstring);
# J-M: labelled in session 32, their it / they sources before the speaking-antecedent rule was scored, their he / she
# sources before the first-name and bare-title rules were. N: labelled in session 37 before the speaker-continues rule
# was scored.
SETS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N")


def _rank(name: str) -> str:
    return hashlib.sha256(f"pronouns:{name}".encode()).hexdigest()


def sample(shared: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Sets A, B and C: (article key, headline, body) — PER_SET PolNeAR train articles and PER_SET FNC-1 train
    bodies each, picked by hash."""
    polnear = shared / "data" / "polnear" / "train" / "text"
    names = sorted((p.stem for p in polnear.glob("*.txt")), key=_rank)[:len(SETS) * PER_SET]
    pol = []
    for name in names:
        text = (polnear / f"{name}.txt").read_text(encoding="utf-8")
        pol.append((f"polnear:{name}", text.split("\n", 1)[0], text))
    bodies, headlines = fnc1_train(shared)
    ids = sorted((b for b in bodies if b in headlines), key=_rank)[:len(SETS) * PER_SET]
    fn = [(f"fnc1:{b}", headlines[b], bodies[b]) for b in ids]
    return {name: pol[k * PER_SET:(k + 1) * PER_SET] + fn[k * PER_SET:(k + 1) * PER_SET] for k, name in enumerate(SETS)}


def pronoun_sources(articles: list[tuple[str, str, str]]) -> Iterator[tuple[str, object, object]]:
    """(article key, parsed Document, Source) for every pronoun source the attribution analyzer finds."""
    from onrecord.analyzers import attribution
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    docs = parse_many(Article(headline=h, body=b, id=k) for k, h, b in articles)
    for (key, _, _), doc in zip(articles, docs):
        seen = set()
        for a in attribution.analyze(doc):
            s = a.source
            if s.kind == "pronoun" and s.start not in seen:
                seen.add(s.start)
                yield key, doc, s


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def dump(shared: Path, out: Path) -> None:
    """A labelling sheet: each pronoun source with its context and the body's names to choose from."""
    from onrecord import names

    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["set", "article", "offset", "pronoun", "gold", "candidates", "context"])
        for set_name, articles in sample(shared).items():
            for key, doc, s in pronoun_sources(articles):
                body = doc.body_text
                cands = sorted({names._in_full(doc, e) for e in names.body_ents(doc)[0]
                                if e.label_ in names.NAME_LABELS and names.is_name(e)})
                left = body.rfind("\n", 0, max(0, s.start - 600))
                ctx = body[max(left, s.start - 600):s.start] + "[[" + body[s.start:s.end] + "]]" + body[s.end:s.end + 150]
                w.writerow([set_name, key, s.start, s.text, "", " | ".join(cands), " ".join(ctx.split())])


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def articles_of(shared: Path, keys: list[str]) -> list[tuple[str, str, str]]:
    """(article key, headline, body) for ``polnear:NAME`` (a PolNeAR train text) and ``fnc1:ID`` (an FNC-1 train
    body with its first related headline) keys."""
    bodies, headlines = fnc1_train(shared)
    out = []
    for key in dict.fromkeys(keys):
        corpus, name = key.split(":", 1)
        if corpus == "polnear":
            text = (shared / "data" / "polnear" / "train" / "text" / f"{name}.txt").read_text(encoding="utf-8")
            out.append((key, text.split("\n", 1)[0], text))
        else:
            out.append((key, headlines.get(name, "Report"), bodies[name]))
    return out


def score(shared: Path, labels: list[dict[str, str]], show: str | None = None,
          sets: dict[str, list[tuple[str, str, str]]] | None = None) -> dict[str, dict]:
    """Accuracy by set of the labelled pronoun sources; ``sets``: the articles of each set (default: :func:`sample`)."""
    sets = sample(shared) if sets is None else sets
    predicted: dict[tuple[str, int], str | None] = {}
    for set_name, articles in sets.items():
        for key, _, s in pronoun_sources(articles):
            predicted[(key, s.start)] = s.resolved
    out: dict[str, dict] = {}
    for set_name in sets:
        rows = [r for r in labels if r["set"] == set_name]
        n = right = unmatched = 0
        errors: Counter = Counter()
        by_class: dict[str, list[int]] = {}
        for r in rows:
            k = (r["article"], int(r["offset"]))
            if k not in predicted:
                unmatched += 1
                continue
            n += 1
            got = predicted[k]
            gold = None if r["gold"].strip().upper() == "NONE" or r["gold"].startswith("MISSING:") else r["gold"]
            ok = (got is None and gold is None) or (got is not None and gold is not None and _norm(got) == _norm(gold))
            right += ok
            cls = "he/she" if r["pronoun"].lower() in PERSONAL else "they/it/other"
            by_class.setdefault(cls, [0, 0])[0] += ok
            by_class[cls][1] += 1
            if not ok and show == set_name:
                print(f"  {r['article']} {r['offset']} {r['pronoun']!r}: resolved {got!r}, gold {r['gold']!r}")
            if not ok:
                errors["resolved, gold NONE" if gold is None else "unresolved" if got is None else "wrong name"] += 1
        out[set_name] = {"sources": n, "unmatched": unmatched, "accuracy": right / n if n else 0.0,
                         "errors": dict(errors),
                         "by_pronoun": {c: f"{k}/{m}" for c, (k, m) in sorted(by_class.items())}}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--dump", type=Path, help="write a labelling sheet here instead of scoring")
    ap.add_argument("--final", action="store_true", help="also score the held-out sets B-N (each labelled before "
                    "the rule it judged was scored; all spent now)")
    ap.add_argument("--show", choices=SETS, help="print the errors of this set (a held-out set's only once scored)")
    ap.add_argument("--rows", type=Path, help="score the labelled rows of this file instead (same columns; its "
                    "articles named by key, e.g. benchmarks/data/pronoun_unnamed_speaker.tsv)")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        sys.exit(f"error: no PolNeAR train texts under {args.shared}/data/polnear/train/text")
    if args.dump:
        dump(args.shared, args.dump)
        return
    if args.rows:
        if not args.rows.is_file():
            sys.exit(f"error: no such file: {args.rows}")
        rows = read_labels(args.rows)
        by_set: dict[str, list[str]] = {}
        for r in rows:
            by_set.setdefault(r["set"], []).append(r["article"])
        sets = {name: articles_of(args.shared, keys) for name, keys in by_set.items()}
        for set_name, res in score(args.shared, rows, sets=sets).items():
            print(f"rows {set_name}: {res['sources']} pronoun sources ({res['unmatched']} labelled, no longer found) "
                  f"accuracy {res['accuracy']:.3f}  by pronoun {res['by_pronoun']}  errors {res['errors']}")
        return
    for set_name, res in score(args.shared, read_labels(), args.show).items():
        if set_name != "A" and not args.final:
            continue
        print(f"set {set_name}: {res['sources']} pronoun sources ({res['unmatched']} labelled, no longer found) "
              f"accuracy {res['accuracy']:.3f}  by pronoun {res['by_pronoun']}  errors {res['errors']}")


if __name__ == "__main__":
    main()
