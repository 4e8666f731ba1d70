"""Is the report's verdict the one a fact-checker would give? The verdict measured on hand labels (session 43).

FNC-1 has stance labels, not verdicts: "discuss" covers a body that relays a claim on a named source's word and one
that only repeats a rumour, and the audits (BENCHMARKS.md, "report audits") found the verdict wrong most often where
the two part. ``benchmarks/data/news_verdict.tsv`` holds hand verdicts of 540 (headline, body) pairs, each labelled
independently by two helpers with ``benchmarks/data/news_verdict_guideline.md``, the guideline they read:
supported / unsupported / contradicted / unrelated, and the evidence sentence.

The pairs come from the stance model's *dev* split of FNC-1 (``onrecord.training.stance.split``: claims the model
never trained on), one related headline per body (by hash), bodies of 80-600 words. The split's claims are dealt by
hash to two sides, so no claim is on both: set A (the development set, whose errors may be read) takes at most
:data:`PER_CLAIM` bodies of each claim on its side, set B (a test set, scored once with ``--final``) the same on the
other side, set C (a second test set) further bodies of B's claims; sets D (further bodies of A's claims) and E (the
rest) are training material for ``explore_verdict_model.py``. Each set holds :data:`PER_SET` pairs. The file stores
keys and hashes, never text: the corpora stay in ``../shared``.

Sets PA (development), PB, PC, PD and PE (test sets; PE labelled in session 45) are real articles under their own
headline (session 44): PolNeAR *train* articles, picked by hash (:func:`polnear_pairs`). Their labellers call almost
every one supported, so these sets measure how often the report flags a sound article.

    python benchmarks/eval_verdict.py --shared ../shared [--show]             # set A
    python benchmarks/eval_verdict.py --shared ../shared --set PA             # real articles, development
    python benchmarks/eval_verdict.py --shared ../shared --set B|C|PB|PC|PD|PE --final # a test set, once
    python benchmarks/eval_verdict.py --shared ../shared --dump S.tsv         # a sheet to label (all sets)

Printed per labeller: the verdict's accuracy and per-label P / R / F1, and, in the same table, two references —
FNC-1's own stance label read as a verdict (agree → supported, disagree → contradicted, discuss → unsupported) and
the labellers' agreement with each other (accuracy and Cohen's kappa).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import cohen_kappa, prf, read_labels, write_sheet  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_verdict.tsv"
FNC_SETS = ("A", "B", "C", "D", "E")
POLNEAR_SETS = ("PA", "PB", "PC", "PD", "PE")  # real articles under their own headlines (sessions 44, 45)
SETS = FNC_SETS + POLNEAR_SETS
# A and PA are for development; D and E are training material (explore_verdict_model.py)
TEST_SETS = ("B", "C", "PB", "PC", "PD", "PE")
PER_SET = 60
PER_CLAIM = 5
POLNEAR_WORDS = (100, 900)  # body length of the PolNeAR articles picked: a labeller reads the whole body
VERDICTS = ("supported", "unsupported", "contradicted", "unrelated")
FROM_STANCE = {"agree": "supported", "disagree": "contradicted", "discuss": "unsupported", "unrelated": "unrelated"}


def _rank(key: str) -> str:
    return hashlib.sha256(f"verdict:{key}".encode()).hexdigest()


def pair_hash(headline: str, body: str) -> str:
    return hashlib.sha256((" ".join(headline.split()) + "\n" + " ".join(body.split())).encode()).hexdigest()[:12]


def polnear_pairs(shared: Path) -> dict[str, tuple[str, str, str, str]]:
    """key -> (set, title, body, "") for the sets of :data:`POLNEAR_SETS`: PolNeAR *train* articles under their own
    title, bodies of :data:`POLNEAR_WORDS` words, :data:`PER_SET` a set in hash order (PA first, then PB, PC, PD).
    No gold stance: the fourth field is empty."""
    import csv

    root = shared / "data" / "polnear"
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        titles = {r["filename"]: " ".join(r["title"].split()) for r in csv.DictReader(fh, delimiter="\t")
                  if r["compartment"] == "train" and r["title"].strip()}
    out: dict[str, tuple[str, str, str, str]] = {}
    picked = 0
    for name in sorted(titles, key=lambda n: _rank(f"polnear:{n}")):
        path = root / "train" / "text" / f"{name}.txt"
        if picked >= PER_SET * len(POLNEAR_SETS) or not path.is_file():
            continue
        body = path.read_text(encoding="utf-8").split("\n", 1)[-1].strip()
        if POLNEAR_WORDS[0] <= len(body.split()) <= POLNEAR_WORDS[1]:
            out[f"polnear:{name}"] = (POLNEAR_SETS[picked // PER_SET], titles[name], body, "")
            picked += 1
    return out


def pairs(shared: Path, sets: "tuple[str, ...]" = SETS) -> dict[str, tuple[str, str, str, str]]:
    """key -> (set, headline, body, FNC-1 stance or ""), ordered by set and hash (see the module docstring), for the
    sets named (the FNC-1 split is loaded only when an FNC-1 set is among them)."""
    out: dict[str, tuple[str, str, str, str]] = {}
    if any(s in FNC_SETS for s in sets):
        out.update(fnc1_pairs(shared))
    if any(s in POLNEAR_SETS for s in sets):
        out.update(polnear_pairs(shared))
    return {k: v for k, v in out.items() if v[0] in sets}


def fnc1_pairs(shared: Path) -> dict[str, tuple[str, str, str, str]]:
    """key -> (set, headline, body, FNC-1 stance) for sets A-E (see the module docstring)."""
    from onrecord.training.stance import claim_components, load_split

    split, bodies = load_split(shared / "data" / "fnc1")
    comp = claim_components(split.dev)
    heads: dict[str, list[tuple[str, str]]] = {}
    for p in split.dev:
        if p.stance != "unrelated" and 80 <= len(bodies[p.body_id].split()) <= 600:
            heads.setdefault(p.body_id, []).append((p.headline, p.stance))
    by_claim: dict[int, list[str]] = {}
    for body_id in heads:
        by_claim.setdefault(comp["b:" + body_id], []).append(body_id)
    claims = sorted(by_claim, key=lambda c: _rank(f"claim:{min(by_claim[c], key=_rank)}"))
    out: dict[str, tuple[str, str, str, str]] = {}
    taken: set[str] = set()
    for s in FNC_SETS:
        chosen = []
        for c in claims[0 if s in ("A", "D") else 1::2]:  # claims dealt alternately to A and B: none in both
            ranked = sorted(by_claim[c], key=_rank)
            # A, B: a claim's first bodies; C: B's claims' next ones; D: A's claims' next ones; E: all that is left
            chosen += ranked[:PER_CLAIM] if s in ("A", "B") else ranked[PER_CLAIM:]
        if s == "E":
            chosen = [b for c in claims for b in by_claim[c]]
        for body_id in [b for b in sorted(chosen, key=_rank) if b not in taken][:PER_SET]:
            taken.add(body_id)
            head, stance = min(sorted(set(heads[body_id])), key=lambda h: _rank(f"{body_id}:{h[0]}"))
            out[f"fnc1:{body_id}"] = (s, " ".join(head.split()), bodies[body_id], stance)
    return out


def predict(items: dict[str, tuple[str, str, str, str]]) -> dict[str, str]:
    """key -> the report's verdict label, each pair audited as ``onrecord check`` audits it."""
    from onrecord.article import Article
    from onrecord.audit import audit

    return {key: audit(Article(headline=head, body=body, id=key)).verdict.label
            for key, (_, head, body, _) in items.items()}


def figures(gold: dict[str, str], got: dict[str, str]) -> dict:
    """Accuracy, per-verdict P / R / F1 and macro-F1 (over the verdicts the gold labels hold) of ``got``."""
    fig: dict = {"n": len(gold), "accuracy": sum(got[k] == g for k, g in gold.items()) / max(1, len(gold))}
    for v in VERDICTS:
        tp = sum(got[k] == v and g == v for k, g in gold.items())
        fp = sum(got[k] == v and g != v for k, g in gold.items())
        fn = sum(got[k] != v and g == v for k, g in gold.items())
        fig[v] = {**prf(tp, fp, fn), "gold": tp + fn}
    fig["macro_f1"] = sum(fig[v]["F1"] for v in VERDICTS if fig[v]["gold"]) / max(
        1, sum(1 for v in VERDICTS if fig[v]["gold"]))
    return fig


def score(shared: Path, labels: list[dict[str, str]], sheet: str, show: bool = False) -> dict:
    items = pairs(shared, (sheet,))
    rows = [r for r in labels if r["set"] == sheet and r["key"] in items
            and pair_hash(items[r["key"]][1], items[r["key"]][2]) == r["hash"] and r["verdict"] in VERDICTS]
    pred = predict({r["key"]: items[r["key"]] for r in rows})
    stance = {k: FROM_STANCE[items[k][3]] for k in pred if items[k][3]}
    out: dict = {"unmatched": sum(r["set"] == sheet for r in labels) - len(rows), "by": {}}
    by_key: dict[str, dict[str, str]] = {}
    for r in rows:
        by_key.setdefault(r["key"], {})[r["labeller"]] = r["verdict"]
    labellers = sorted({r["labeller"] for r in rows})
    if len(labellers) == 2:
        both = [k for k, v in by_key.items() if len(v) == 2]
        a, b = [by_key[k][labellers[0]] for k in both], [by_key[k][labellers[1]] for k in both]
        out["agreement"] = (*cohen_kappa(a, b), len(both))
    for labeller in labellers:
        gold = {k: v[labeller] for k, v in by_key.items() if labeller in v}
        out["by"][("report", labeller)] = figures(gold, pred)
        if stance:
            out["by"][("FNC-1 stance", labeller)] = figures(gold, stance)
        out.setdefault("gold", {})[labeller] = Counter(gold.values())
    out["predicted"] = Counter(pred.values())
    if show:
        for k, v in by_key.items():
            if any(g != pred[k] for g in v.values()):
                stance = f" (FNC-1 {items[k][3]})" if items[k][3] else ""  # PolNeAR pairs have no FNC-1 stance
                print(f"  {k} gold {'/'.join(v[x] for x in labellers if x in v)} got {pred[k]}{stance}  {items[k][1]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/fnc1, data/polnear)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--dump", type=Path, help="write a labelling sheet of all sets (or of --set) here instead")
    ap.add_argument("--set", dest="sheet", choices=SETS,
                    help="the set to score (default A; PA is the PolNeAR development set; B, C, PB, PC and PD "
                         "are test sets)")
    ap.add_argument("--final", action="store_true", help="required to score a test set (score each once)")
    ap.add_argument("--show", action="store_true", help="print a development set's disagreements with the labels")
    args = ap.parse_args()
    sets = (args.sheet,) if args.sheet else SETS if args.dump else ("A",)
    if any(s in FNC_SETS for s in sets) and not (args.shared / "data" / "fnc1" / "train_stances.csv").is_file():
        sys.exit(f"error: no FNC-1 train_stances.csv under {args.shared}/data/fnc1")
    if any(s in POLNEAR_SETS for s in sets) and not (args.shared / "data" / "polnear" / "metadata.tsv").is_file():
        sys.exit(f"error: no PolNeAR metadata.tsv under {args.shared}/data/polnear")
    if args.dump:
        write_sheet(args.dump, ["set", "key", "hash", "verdict", "evidence", "note", "headline", "body"],
                    [[s, key, pair_hash(head, body), "", "", "", head, " ".join(body.split())]
                     for key, (s, head, body, _) in pairs(args.shared, sets).items()])
        return
    args.sheet = sets[0]
    if args.sheet in TEST_SETS and not args.final:
        sys.exit(f"error: set {args.sheet} is a test set: score it once, with --final")
    if args.show and args.sheet in TEST_SETS:
        sys.exit("error: --show reads errors, which only the development sets (A, PA) may have read")
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    res = score(args.shared, read_labels(args.labels), args.sheet, args.show)
    print(f"set {args.sheet}; labels per labeller: "
          + "; ".join(f"{k} {dict(v)}" for k, v in res.get("gold", {}).items())
          + f"; the report: {dict(res['predicted'])}")
    if res.get("agreement"):
        po, kappa, n = res["agreement"]
        print(f"the labellers agree on {po:.3f} of {n} pairs (Cohen's kappa {kappa:.3f})")
    print("| verdict from | labeller | pairs | accuracy | macro-F1 | " + " | ".join(
        f"{v} P / R / F1 (gold)" for v in VERDICTS[:3]) + " |")
    print("|---|---|---:|---:|---:|" + "---:|" * 3)
    for (what, labeller), r in res["by"].items():
        cells = " | ".join(f"{r[v]['P']:.2f} / {r[v]['R']:.2f} / {r[v]['F1']:.2f} ({r[v]['gold']})" for v in VERDICTS[:3])
        print(f"| {what} | {labeller} | {r['n']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {cells} |")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled pairs no longer found (text changed) or without a verdict")


if __name__ == "__main__":
    main()
