"""Sweep the stance cross-encoder's fine-tuning recipe on a GPU, scored on the validation claims only.

Three steps, because the GPU machine has PyTorch but neither spaCy nor the encoder package:

1. here (CPU), ``python benchmarks/explore_stance_gpu.py prep --data ../shared/data/fnc1 --out .gpu``
   writes what the fine-tuning reads: the related train pairs outside the validation claims (headline,
   evidence passage, label), their negated copies (:mod:`onrecord.training.negation`) for each share
   swept, the validation claims' related pairs, and the base encoder's weights (float16, to fit the
   transfer limit; upcast to float32 there) with its tokenizer. Dev pairs are not written: nothing in
   the sweep can see dev.
2. there, ``python benchmarks/explore_stance_gpu.py sweep --carry .gpu --out $OUT [--only A B] [--seeds 0 1 2]``
   runs :func:`onrecord.training.crossencoder.fine_tune` — the training command's own loop, on ``cuda`` — for
   each recipe of :data:`RECIPES` and seed (every recipe's first seed before any recipe's second) within
   ``--budget`` seconds; chooses, among the recipes run with the most seeds and within the speed limit, the
   best by mean validation macro-F1; scores two uniform soups of that recipe's seeds (their weights averaged,
   one network's cost at inference): of each seed's best epoch, and of the one epoch best on the seeds' mean;
   writes ``results.json`` (per run: validation macro-F1 and disagree F1 per epoch), ``summary.json``, and the
   float32 tensors of the better soup (when it scores at least the seeds' mean) or of the chosen recipe's first
   seed, in parts of < 16 MB (``--device cpu --package-base`` runs the same here, from the package's float32
   weights: ~30 min a seed);
3. here, ``python benchmarks/explore_stance_gpu.py install PARTS...`` joins the parts into the training's
   cache, so that ``python -m onrecord.training.stance --data ../shared/data/fnc1 --reuse-cross`` builds the
   artifact from them (and prints validation, then dev).

Session 26's sweep and why its choice was not shipped: BENCHMARKS.md, "the cross-encoder's recipe swept on a
GPU" — scored on validation claims, one seed per recipe was as noisy as the recipes were different, hence the
seed means and the soup.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import types
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

# name -> recipe; the first is the shipped fnc1-xenc-v2 recipe (a GPU replica of it).
BASE = {"k": 4, "max_length": 128, "neg": 0.2, "epochs": 3, "lr": 5e-5, "batch": 16, "class_power": 0.5}
RECIPES: dict[str, dict[str, Any]] = {
    "v2": {},
    "ep5-lr3e-5": {"epochs": 5, "lr": 3e-5},
    "balanced": {"class_power": 1.0},
    "neg0.5": {"neg": 0.5},
    "ep5-bs32": {"epochs": 5, "batch": 32},
    "ep6-lr2e-5": {"epochs": 6, "lr": 2e-5},
    "combo": {"epochs": 5, "lr": 3e-5, "class_power": 1.0, "neg": 0.5},
    "neg0": {"neg": 0.0},
    "balanced-ep5-lr3e-5": {"epochs": 5, "lr": 3e-5, "class_power": 1.0},
    "ep8-bs32-lr3e-5": {"epochs": 8, "batch": 32, "lr": 3e-5},
    "k7-256": {"k": 7, "max_length": 256},  # informational: twice the word pieces, over the speed budget
}
NEG_SHARES = (0.2, 0.5)  # negated copies prepared; a recipe with neg 0 adds none
SPEED_OK = 128  # recipes read at most this many word pieces stay within issue 3's speed target


def _macro_f1(y: np.ndarray, logits: np.ndarray, labels: tuple[int, ...] = (0, 1, 2)) -> float:
    """Mean F1 over ``labels`` — ``training.stance._macro_f1``'s figure, spelled out because the GPU machine cannot
    import that module (it needs spaCy and the model registry)."""
    pred = logits.argmax(1)
    f = []
    for c in labels:
        tp = int(((pred == c) & (y == c)).sum())
        p, t = int((pred == c).sum()), int((y == c).sum())
        f.append(2 * tp / (p + t) if p + t else 0.0)
    return float(np.mean(f))


def prep(data: Path, out: Path) -> None:
    from onrecord import models
    from onrecord.stance_features import evidence_passage
    from onrecord.training import negation
    from onrecord.training.stance import UNRELATED, _labels, load_split, validation_mask

    split_, bodies = load_split(data)
    y = _labels(split_.train)
    related = y != UNRELATED
    valid = validation_mask(split_.train_groups)
    fit_idx, val_idx = np.flatnonzero(related & ~valid), np.flatnonzero(related & valid)
    heads = [p.headline for p in split_.train]
    texts: dict[str, Any] = {}
    for k in (4, 7):
        texts[f"passages{k}"] = {int(i): evidence_passage(heads[i], bodies[split_.train[i].body_id], k=k)
                                 for i in np.flatnonzero(related)}
    docs = list(models.load("spacy").pipe([heads[i] for i in fit_idx]))
    fit_heads, fit_y = [heads[i] for i in fit_idx], y[fit_idx]
    payload: dict[str, Any] = {
        "fit": {"heads": fit_heads, "y": fit_y.tolist(),
                **{f"p{k}": [texts[f"passages{k}"][int(i)] for i in fit_idx] for k in (4, 7)}},
        "valid": {"heads": [heads[i] for i in val_idx], "y": y[val_idx].tolist(),
                  **{f"p{k}": [texts[f"passages{k}"][int(i)] for i in val_idx] for k in (4, 7)}},
        "neg": {},
    }
    for share in NEG_SHARES:
        entry: dict[str, Any] = {}
        for k in (4, 7):
            a, b, ly = negation.augment(fit_heads, payload["fit"][f"p{k}"], fit_y, docs, share, seed=0)
            entry["heads"], entry[f"p{k}"], entry["y"] = a, b, ly.tolist()
        payload["neg"][str(share)] = entry
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts.json.gz").write_bytes(gzip.compress(json.dumps(payload).encode()))
    base = models.load("minilm")
    np.savez(out / "base16.npz", **{k: v.astype(np.float16) for k, v in base.w.items()})
    (out / "tokenizer.json").write_bytes(Path(base.tokenizer_file).read_bytes())
    print(f"prep: {len(fit_idx)} fit pairs, {len(val_idx)} validation pairs, negated copies "
          + ", ".join(f"{s}: {len(e['y'])}" for s, e in payload["neg"].items()) + f"; wrote {out}")


def _import_crossencoder() -> Any:
    """onrecord.training.crossencoder without running onrecord/__init__ (which needs spaCy and the rest)."""
    src = ROOT / "src" / "onrecord"
    for name, path in (("onrecord", src), ("onrecord.training", src / "training")):
        if name not in sys.modules:
            mod = types.ModuleType(name)
            mod.__path__ = [str(path)]  # type: ignore[attr-defined]
            sys.modules[name] = mod
    import onrecord.training.crossencoder as ce  # noqa: E402

    return ce


def sweep(carry: Path, out: Path, budget: float, device: str, max_steps: int | None, only: list[str] | None,
          seeds: list[int], package_base: bool = False) -> None:
    import torch

    if package_base:  # here, with onrecord installed: the checksummed float32 weights, as the training reads them
        from onrecord import models
        import onrecord.training.crossencoder as ce

        enc = models.load("minilm")
    else:
        ce = _import_crossencoder()
        from onrecord import minilm

        with np.load(carry / "base16.npz") as f:
            weights = {k: f[k].astype(np.float32) for k in f.files}
        enc = minilm.Encoder(weights, carry / "tokenizer.json", max_length=256)
    torch.backends.cuda.matmul.allow_tf32 = False  # keep float32 arithmetic, as on the CPU
    payload = json.loads(gzip.decompress((carry / "texts.json.gz").read_bytes()))
    fit, valid = payload["fit"], payload["valid"]
    vy = np.asarray(valid["y"])
    start = time.perf_counter()
    results: list[dict[str, Any]] = []
    epochs_kept: dict[tuple[str, int], list[dict[str, np.ndarray]]] = {}  # every epoch's tensors, by recipe and seed
    out.mkdir(parents=True, exist_ok=True)

    def run(name: str, recipe: dict[str, Any], seed: int) -> None:
        r = {**BASE, **recipe}
        a, b, y = list(fit["heads"]), list(fit[f"p{r['k']}"]), np.asarray(fit["y"])
        if r["neg"]:
            neg = payload["neg"][str(r["neg"])]
            a, b, y = a + neg["heads"], b + neg[f"p{r['k']}"], np.concatenate([y, np.asarray(neg["y"])])
        t0 = time.perf_counter()
        per_epoch: list[dict[str, float]] = []

        def score(yt: np.ndarray, logits: np.ndarray) -> float:
            per_epoch.append({"macro_f1": _macro_f1(yt, logits), "disagree_f1": _macro_f1(yt, logits, (1,))})
            return per_epoch[-1]["macro_f1"]

        snapshots: list[dict[str, np.ndarray]] = []
        ce.fine_tune(enc, a, b, y, (valid["heads"], valid[f"p{r['k']}"], vy), score,
                                        epochs=r["epochs"], seed=seed, progress=device == "cpu", max_steps=max_steps,
                                        device=device, lr=r["lr"], batch=r["batch"], max_length=r["max_length"],
                                        class_power=r["class_power"], snapshots=snapshots)
        best = max(range(len(per_epoch)), key=lambda e: per_epoch[e]["macro_f1"])
        results.append({"name": name, "recipe": r, "seed": seed, "fit_pairs": len(y), "epochs": per_epoch,
                        "best_epoch": best + 1, "macro_f1": per_epoch[best]["macro_f1"],
                        "disagree_f1": per_epoch[best]["disagree_f1"], "seconds": time.perf_counter() - t0})
        epochs_kept[(name, seed)] = snapshots
        print(f"{name} seed {seed}: " + " ".join(f"{e['macro_f1']:.3f}/{e['disagree_f1']:.3f}" for e in per_epoch)
              + f" ({time.perf_counter() - t0:.0f} s, {time.perf_counter() - start:.0f} s total)", flush=True)
        (out / "results.json").write_text(json.dumps(results, indent=1))

    names = [n for n in RECIPES if only is None or n in only]
    for seed in seeds:  # every recipe's first seed before any recipe's second, so a cut budget leaves comparable means
        for name in names:
            if time.perf_counter() - start > budget:
                print(f"budget spent: {name} seed {seed} not run", flush=True)
                continue
            run(name, RECIPES[name], seed)

    def runs(name: str) -> list[dict[str, Any]]:
        return [res for res in results if res["name"] == name]

    # Chosen among the recipes run with the most seeds (a one-seed score against several seeds' mean would favour
    # luck), within the speed limit, by mean validation macro-F1.
    fast = [n for n in names if runs(n) and {**BASE, **RECIPES[n]}["max_length"] <= SPEED_OK]
    most = max(len(runs(n)) for n in fast)
    chosen = max((n for n in fast if len(runs(n)) == most), key=lambda n: np.mean([r["macro_f1"] for r in runs(n)]))
    summary: dict[str, Any] = {"chosen": chosen, "by_recipe": {
        n: {"mean_macro_f1": float(np.mean([r["macro_f1"] for r in runs(n)])),
            "mean_disagree_f1": float(np.mean([r["disagree_f1"] for r in runs(n)])), "seeds": len(runs(n))}
        for n in names if runs(n)}}
    def best_epoch(run_: dict[str, Any]) -> dict[str, np.ndarray]:
        return epochs_kept[(run_["name"], run_["seed"])][run_["best_epoch"] - 1]

    chosen_runs = runs(chosen)
    ship, stem = best_epoch(chosen_runs[0]), f"tensors-{chosen}-seed{chosen_runs[0]['seed']}"
    if len(chosen_runs) >= 2:
        # Uniform soups: the seeds' weights averaged (same start, same recipe), one network's cost at inference —
        # of each seed's best epoch, and of one epoch for all (the epoch best on the seeds' mean; session 26's
        # best-epoch soup of epochs 3 and 2 fell below both seeds).
        r = {**BASE, **RECIPES[chosen]}
        n_epochs = min(len(x["epochs"]) for x in chosen_runs)
        epoch = max(range(n_epochs), key=lambda e: np.mean([x["epochs"][e]["macro_f1"] for x in chosen_runs]))
        candidates = {"soup-best": [best_epoch(x) for x in chosen_runs],
                      f"soup-epoch{epoch + 1}": [epochs_kept[(chosen, x["seed"])][epoch] for x in chosen_runs]}
        summary["soups"] = {}
        for label, members in candidates.items():
            soup = {k: np.mean([m[k] for m in members], axis=0).astype(np.float32) for k in members[0]}
            logits = ce.predict_logits(ce.torch_model(enc, soup).to(device), enc, valid["heads"], valid[f"p{r['k']}"],
                                       max_length=r["max_length"])
            summary["soups"][label] = {"seeds": len(members), "macro_f1": _macro_f1(vy, logits),
                                       "disagree_f1": _macro_f1(vy, logits, (1,))}
            best_so_far = max([summary["by_recipe"][chosen]["mean_macro_f1"]]
                              + [v["macro_f1"] for k, v in summary["soups"].items() if k != label])
            if summary["soups"][label]["macro_f1"] >= best_so_far:
                ship, stem = soup, f"tensors-{chosen}-{label}"
    summary["written"], summary["seconds"] = stem, time.perf_counter() - start
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print("summary:", json.dumps(summary), flush=True)
    _write_parts(ship, out, stem)


def _write_parts(tensors: dict[str, np.ndarray], out: Path, stem: str, limit: int = 15_000_000) -> None:
    part, size, k = {}, 0, 0
    for name in sorted(tensors):
        arr = tensors[name]
        if part and size + arr.nbytes > limit:
            np.savez(out / f"{stem}.part{k}.npz", **part)
            part, size, k = {}, 0, k + 1
        part[name], size = arr, size + arr.nbytes
    if part:
        np.savez(out / f"{stem}.part{k}.npz", **part)


def install(parts: list[Path], seed: int) -> None:
    """Join the returned parts into the stance training's cache (what ``--reuse-cross`` reads)."""
    from onrecord.training.stance import write_cross_cache

    tensors: dict[str, np.ndarray] = {}
    for p in parts:
        with np.load(p) as f:
            tensors.update({k: f[k] for k in f.files})
    cache = write_cross_cache(tensors, seed)
    print(f"install: {len(tensors)} tensors -> {cache}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prep")
    p.add_argument("--data", type=Path, default=Path("../shared/data/fnc1"))
    p.add_argument("--out", type=Path, default=Path(".gpu"))
    s = sub.add_parser("sweep")
    s.add_argument("--carry", type=Path, default=Path(".gpu"))
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--budget", type=float, default=420.0, help="seconds after which no new run starts")
    s.add_argument("--device", default="cuda")
    s.add_argument("--max-steps", type=int, default=None, help="cap each run (a smoke test)")
    s.add_argument("--only", nargs="*", default=None, help="recipes to run (default: all)")
    s.add_argument("--package-base", action="store_true",
                   help="start from the installed encoder package's float32 weights (here, not on the GPU machine)")
    s.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2],
                   help="seeds of each recipe (all recipes' first seed runs before any second)")
    i = sub.add_parser("install")
    i.add_argument("parts", type=Path, nargs="+")
    i.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.cmd == "prep" and not (args.data / "train_stances.csv").is_file():
        ap.exit(2, f"explore_stance_gpu: no FNC-1 train_stances.csv in {args.data}\n")
    if args.cmd == "sweep" and not all((args.carry / f).is_file() for f in ("texts.json.gz", "tokenizer.json")):
        ap.exit(2, f"explore_stance_gpu: {args.carry} holds no prepared sweep (run prep first)\n")
    if args.cmd == "sweep" and args.only is not None and not set(args.only) <= RECIPES.keys():
        ap.exit(2, f"explore_stance_gpu: unknown recipe(s) {sorted(set(args.only) - RECIPES.keys())}; "
                   f"known: {', '.join(RECIPES)}\n")
    if args.cmd == "install" and not all(p.is_file() for p in args.parts):
        ap.exit(2, f"explore_stance_gpu: missing part(s): {', '.join(str(p) for p in args.parts if not p.is_file())}\n")
    if args.cmd == "prep":
        prep(args.data, args.out)
    elif args.cmd == "sweep":
        sweep(args.carry, args.out, args.budget, args.device, args.max_steps, args.only, args.seeds, args.package_base)
    else:
        install(args.parts, args.seed)


if __name__ == "__main__":
    main()
