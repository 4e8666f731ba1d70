"""On whose word does the body report the headline's claim? A candidate verdict reason, measured on hand labels —
not shipped (session 28).

For a headline no one in it is credited with (a plain or hedged statement, or an unnamed credit), a reason could name
the sources the body credits with the claim — named, unnamed, or none: the attributions (speech, quotes, beliefs;
not negated, not denials) whose content or sentence shares the claim's key words, sorted by the attribution
analyzer's source kind (:func:`source_kind`). ``benchmarks/data/news_claim_sourcing.tsv`` holds two helpers' labels
of 120 FNC-1 training pairs (headline, body) that FNC-1 marks agree or discuss, distinct bodies of 80-600 words
picked by hash (``benchmarks/data/news_claim_sourcing_guideline.md``): the named and the unnamed sources the body
credits with the headline's claim. Set A (the first 60) is the development set, whose errors may be read; set B (the
next 60) is the test set, scored once with ``--final`` when a rule is worth shipping. The file stores keys and
hashes, never text: the corpora stay in ``../shared``.

    python benchmarks/explore_claim_sourcing.py --shared ../shared [--show]     # set A
    python benchmarks/explore_claim_sourcing.py --shared ../shared --set B --final
    python benchmarks/explore_claim_sourcing.py --shared ../shared --dump S.tsv  # a sheet to label (both sets)

Per labeller and matching rule: the accuracy of the pair's sourcing category (none / named only / unnamed only /
both), P / R / F1 of "the body credits the claim to someone" and of "only unnamed sources" (the case a fact-checker
most wants flagged), and the share of labelled named sources found (a shared word). The rules: an attribution backs
the claim when its content or sentence shares a third of the claim's key words (the verdict's on-record test), at
least one of them, or always (every source of the body that says something).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import prf, read_labels, write_sheet  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from onrecord.report import Attribution, Report

LABELS = Path(__file__).parent / "data" / "news_claim_sourcing.tsv"
SETS = ("A", "B")
PER_SET = 60
CATEGORIES = ("none", "named", "unnamed", "both")


def _rank(key: str) -> str:
    return hashlib.sha256(f"claim-sourcing:{key}".encode()).hexdigest()


def pair_hash(headline: str, body: str) -> str:
    return hashlib.sha256((" ".join(headline.split()) + "\n" + " ".join(body.split())).encode()).hexdigest()[:12]


def pairs(shared: Path) -> dict[str, tuple[str, str, str]]:
    """key -> (set, headline, body): PER_SET pairs a set, FNC-1 training pairs marked agree or discuss, one a body
    (the first by hash), bodies of 80-600 words, ordered by hash."""
    csv.field_size_limit(sys.maxsize)
    with (shared / "data" / "fnc1" / "train_bodies.csv").open(encoding="utf-8") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    by_body: dict[str, list[str]] = {}
    with (shared / "data" / "fnc1" / "train_stances.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["Stance"] in ("agree", "discuss") and 80 <= len(bodies[r["Body ID"]].split()) <= 600:
                by_body.setdefault(r["Body ID"], []).append(r["Headline"])
    chosen = []
    for body_id, heads in by_body.items():
        head = min(sorted(set(heads)), key=lambda h: _rank(f"{body_id}:{h}"))
        chosen.append((f"fnc1:{body_id}", head, bodies[body_id]))
    chosen.sort(key=lambda t: _rank(t[0]))
    out = {}
    for k, s in enumerate(SETS):
        for key, head, body in chosen[k * PER_SET:(k + 1) * PER_SET]:
            out[key] = (s, " ".join(head.split()), body)
    return out


def category(named: bool, unnamed: bool) -> str:
    return "both" if named and unnamed else "named" if named else "unnamed" if unnamed else "none"


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "our",
                          "some", "several", "many", "two", "three", "new"})
RULES = ("a third of the key words", "one key word", "every source")


def source_kind(a: "Attribution") -> str:
    """``named`` (a named person or organisation, a record credited to a name, a pronoun or description the text
    resolves to a name), ``unnamed`` (anonymous, unstated — "reportedly" —, a description nobody is named for, a
    record of no name: "a report") or ``none`` (the author's own first person, a pronoun the text does not resolve)."""
    from onrecord import verdict

    kind = a.source.kind
    if verdict._named(a):  # the verdict's own test of a named source
        return "named"
    if kind in ("pronoun", "description"):
        return "unnamed" if kind == "description" else "none"
    if kind == "record":
        words = a.source.text.split()
        named = any(w[:1].isupper() for w in words[1:]) or bool(
            words and words[0][:1].isupper() and words[0].lower() not in _DETERMINERS | {"reports", "report", "polls"})
        return "named" if named else "unnamed"
    return "none" if kind == "author" else "unnamed"


def sourcing(report: "Report", rule: str) -> tuple[list[str], list[str]]:
    """The sources the body credits with the headline's claim by ``rule`` (one of :data:`RULES`), as (named,
    unnamed) display names in text order, each once. An unstated source is named by its cue ("reportedly")."""
    from onrecord import verdict

    key = verdict._keywords(report.headline_claim.content or report.headline)
    need = {RULES[0]: None, RULES[1]: 1}.get(rule)
    named: list[str] = []
    unnamed: list[str] = []
    for a in report.attributions:
        if a.negated or verdict.denies(a, report.sentences):
            continue
        if rule != RULES[2] and not verdict._backs(a, report.sentences, key, at_least=need):
            continue
        kind = source_kind(a)
        name = " ".join((verdict._who(a) if kind == "named" else a.source.text or a.cue.text).split())
        into = named if kind == "named" else unnamed if kind == "unnamed" else None
        if into is not None and name and name.lower() not in {n.lower() for n in into}:
            into.append(name)
    return named, unnamed


def predict(items: dict[str, tuple[str, str, str]]) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """key -> {rule: (category, named sources)}: each pair audited as the report audits it."""
    from onrecord.article import Article
    from onrecord.audit import audit

    out = {}
    for key, (_, head, body) in items.items():
        r = audit(Article(headline=head, body=body, id=key))
        out[key] = {}
        for rule in RULES:
            named, unnamed = sourcing(r, rule)
            out[key][rule] = (category(bool(named), bool(unnamed)), named)
    return out


def _split(field: str) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _words(text: str) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in ("the", "and")}


def _found(name: str, predicted: list[str]) -> bool:
    """Whether a labelled named source is among the predicted names (a shared key word: "Cook" — "Tim Cook")."""
    words = _words(name)
    return any(words & _words(p) for p in predicted)


def score(shared: Path, labels: list[dict[str, str]], sheet: str, show: bool = False) -> dict:
    items = {k: v for k, v in pairs(shared).items() if v[0] == sheet}
    rows = [r for r in labels if r["set"] == sheet and r["key"] in items
            and pair_hash(items[r["key"]][1], items[r["key"]][2]) == r["hash"]]
    pred = predict({r["key"]: items[r["key"]] for r in rows})
    out: dict = {"unmatched": sum(r["set"] == sheet for r in labels) - len(rows), "by": {}}
    cats = {}
    for r in rows:
        cats.setdefault(r["key"], []).append(category(bool(_split(r["named"])), bool(_split(r["unnamed"]))))
    both = [c for c in cats.values() if len(c) == 2]
    out["agreement"] = (sum(a == b for a, b in both) / len(both), len(both)) if both else None
    for rule in RULES:
        for labeller in sorted({r["labeller"] for r in rows}):
            sel = [r for r in rows if r["labeller"] == labeller]
            gold = {r["key"]: category(bool(_split(r["named"])), bool(_split(r["unnamed"]))) for r in sel}
            got = {k: pred[k][rule][0] for k in gold}
            fig: dict = {"n": len(sel), "accuracy": sum(got[k] == g for k, g in gold.items()) / max(1, len(sel))}
            for name, test in (("credited", lambda c: c != "none"), ("unnamed only", lambda c: c == "unnamed")):
                tp = sum(test(got[k]) and test(g) for k, g in gold.items())
                fp = sum(test(got[k]) and not test(g) for k, g in gold.items())
                fn = sum(not test(got[k]) and test(g) for k, g in gold.items())
                fig[name] = {**prf(tp, fp, fn), "gold": tp + fn}
            names = [(r["key"], n) for r in sel for n in _split(r["named"])]
            fig["named_recall"] = sum(_found(n, pred[k][rule][1]) for k, n in names) / max(1, len(names))
            fig["named_n"] = len(names)
            out["by"][(rule, labeller)] = fig
            if show and rule == RULES[0]:
                for r in sel:
                    if got[r["key"]] != gold[r["key"]]:
                        print(f"  {r['key']} gold {gold[r['key']]} [{r['named']} / {r['unnamed']}] got "
                              f"{got[r['key']]} {pred[r['key']][rule][1]}  {items[r['key']][1]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--dump", type=Path, help="write a labelling sheet of both sets here instead")
    ap.add_argument("--set", dest="sheet", choices=SETS, default="A", help="the set to score (default A)")
    ap.add_argument("--final", action="store_true", help="required to score set B, the test set (score it once)")
    ap.add_argument("--show", action="store_true", help="print set A's disagreements with the labels")
    args = ap.parse_args()
    if not (args.shared / "data" / "fnc1" / "train_stances.csv").is_file():
        sys.exit(f"error: no FNC-1 train_stances.csv under {args.shared}/data/fnc1")
    if args.dump:
        write_sheet(args.dump, ["set", "key", "hash", "named", "unnamed", "note", "headline", "body"],
                    [[s, key, pair_hash(head, body), "", "", "", head, " ".join(body.split())]
                     for key, (s, head, body) in pairs(args.shared).items()])
        return
    if args.sheet == "B" and not args.final:
        sys.exit("error: set B is the test set: score it once, with --final")
    if args.show and args.sheet == "B":
        sys.exit("error: --show reads errors, which only set A may have read")
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    res = score(args.shared, read_labels(args.labels), args.sheet, args.show)
    print(f"set {args.sheet}")
    if res["agreement"]:
        print(f"the labellers give the same category to {res['agreement'][0]:.3f} of {res['agreement'][1]} pairs")
    print("| backs the claim when | labeller | pairs | category accuracy | credited P / R / F1 (gold) | unnamed only P / R / F1 (gold) "
          "| named sources found |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (rule, labeller), r in res["by"].items():
        c, u = r["credited"], r["unnamed only"]
        print(f"| {rule} | {labeller} | {r['n']} | {r['accuracy']:.3f} | {c['P']:.3f} / {c['R']:.3f} / {c['F1']:.3f} "
              f"({c['gold']}) | {u['P']:.3f} / {u['R']:.3f} / {u['F1']:.3f} ({u['gold']}) | "
              f"{r['named_recall']:.3f} of {r['named_n']} |")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled pairs no longer found (text changed)")


if __name__ == "__main__":
    main()
