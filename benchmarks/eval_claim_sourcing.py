"""On whose word does the body report the headline's claim? The verdict's sourcing line, measured on hand labels.

For a headline no one in it is credited with (a plain or hedged statement, or an unnamed credit), the verdict names
the sources the body credits with the claim — named, unnamed, or none (:func:`onrecord.verdict.sourcing`): the
attributions whose content or sentence shares the claim's key words. ``benchmarks/data/news_claim_sourcing.tsv``
holds two helpers' labels of 120 FNC-1 training pairs (headline, body) that FNC-1 marks agree or discuss, distinct
bodies of 80-600 words picked by hash (``benchmarks/data/news_claim_sourcing_guideline.md``): the named and the
unnamed sources the body credits with the headline's claim. Set A (the first 60) is the development set, whose
errors may be read; set B (the next 60) is the test set, scored once with ``--final``. The file stores keys and
hashes, never text: the corpora stay in ``../shared``.

    python benchmarks/eval_claim_sourcing.py --shared ../shared [--show]     # set A
    python benchmarks/eval_claim_sourcing.py --shared ../shared --set B --final
    python benchmarks/eval_claim_sourcing.py --shared ../shared --dump S.tsv  # a sheet to label (both sets)

Per labeller: the accuracy of the pair's sourcing category (none / named only / unnamed only / both), P / R / F1 of
"the body credits the claim to someone" and of "only unnamed sources" (the case a fact-checker most wants flagged),
and named-source recall by word match. Beside it, in the same run, a baseline that credits the claim to every
source of the body that states something (no key-word match).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import prf, read_labels  # noqa: E402

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


def predict(items: dict[str, tuple[str, str, str]]) -> dict[str, dict]:
    """key -> {"category", "named": [names], "baseline": category}: each pair audited as the report audits it."""
    from onrecord.article import Article
    from onrecord.audit import audit
    from onrecord.verdict import sourcing, states

    out = {}
    for key, (_, head, body) in items.items():
        r = audit(Article(headline=head, body=body, id=key))
        named, unnamed = sourcing(r.headline_claim, r.attributions, r.sentences, r.headline)
        everyone = [a for a in r.attributions if states(a) and a.source.kind != "author"]
        kinds = {_kind(a) for a in everyone}
        out[key] = {"category": category(bool(named), bool(unnamed)), "named": named,
                    "baseline": category("named" in kinds, "unnamed" in kinds)}
    return out


def _kind(a: object) -> str:
    from onrecord.verdict import source_kind

    return source_kind(a)  # type: ignore[arg-type]


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
    for reader, field in (("verdict's sourcing", "category"), ("every stating source (baseline)", "baseline")):
        for labeller in sorted({r["labeller"] for r in rows}):
            sel = [r for r in rows if r["labeller"] == labeller]
            gold = {r["key"]: category(bool(_split(r["named"])), bool(_split(r["unnamed"]))) for r in sel}
            got = {k: pred[k][field] for k in gold}
            fig: dict = {"n": len(sel), "accuracy": sum(got[k] == g for k, g in gold.items()) / max(1, len(sel))}
            for name, test in (("credited", lambda c: c != "none"), ("unnamed only", lambda c: c == "unnamed")):
                tp = sum(test(got[k]) and test(g) for k, g in gold.items())
                fp = sum(test(got[k]) and not test(g) for k, g in gold.items())
                fn = sum(not test(got[k]) and test(g) for k, g in gold.items())
                fig[name] = {**prf(tp, fp, fn), "gold": tp + fn}
            names = [(r["key"], n) for r in sel for n in _split(r["named"])]
            fig["named_recall"] = sum(_found(n, pred[k]["named"]) for k, n in names) / max(1, len(names))
            fig["named_n"] = len(names)
            out["by"][(reader, labeller)] = fig
            if show and field == "category":
                for r in sel:
                    if got[r["key"]] != gold[r["key"]]:
                        print(f"  {r['key']} gold {gold[r['key']]} [{r['named']} / {r['unnamed']}] got "
                              f"{got[r['key']]} {pred[r['key']]['named']}  {items[r['key']][1]}")
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
        from onrecord.atomic import atomic_open
        from onrecord.errors import InputError

        try:
            with atomic_open(args.dump, "w") as fh:  # a sheet is whole or not written
                w = csv.writer(fh, delimiter="\t", lineterminator="\n")
                w.writerow(["set", "key", "hash", "named", "unnamed", "note", "headline", "body"])
                w.writerows([s, key, pair_hash(head, body), "", "", "", head, " ".join(body.split())]
                            for key, (s, head, body) in pairs(args.shared).items())
        except InputError as exc:
            sys.exit(f"error: {exc}")
        return
    if args.sheet == "B" and not args.final:
        sys.exit("error: set B is the test set: score it once, with --final")
    if args.show and args.sheet == "B":
        sys.exit("error: --show reads errors, which only set A may have read")
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    res = score(args.shared, read_labels(args.labels), args.sheet, args.show)
    print(f"set {args.sheet}")
    print("| reader | labeller | pairs | category accuracy | credited P / R / F1 (gold) | unnamed only P / R / F1 (gold) "
          "| named sources found |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (reader, labeller), r in res["by"].items():
        c, u = r["credited"], r["unnamed only"]
        print(f"| {reader} | {labeller} | {r['n']} | {r['accuracy']:.3f} | {c['P']:.3f} / {c['R']:.3f} / {c['F1']:.3f} "
              f"({c['gold']}) | {u['P']:.3f} / {u['R']:.3f} / {u['F1']:.3f} ({u['gold']}) | "
              f"{r['named_recall']:.3f} of {r['named_n']} |")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled pairs no longer found (text changed)")


if __name__ == "__main__":
    main()
