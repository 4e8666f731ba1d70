"""Train the attribution tagger (artifact ``attribution``): two linear-chain CRFs on PolNeAR.

Data (``--data``, the ``polnear/`` folder): ``train/`` (text/ + attributions/ brat files) is the
training set, ``dev/`` is scored after training. Where an article has several annotators, the
first .ann in sorted file-name order is used (as the evaluator does).

Stage 1 tags cues (BIO) paragraph by paragraph; stage 2 tags the source and content of one gold
cue over that cue's paragraph (features in :mod:`onrecord.attribution_features`, with token clusters:
k-means centroids of the parse's contextual token vectors fitted on the training articles, shipped in the
artifact; :data:`USE_CLUSTERS`, chosen by ``--select-features``). Both are
python-crfsuite L-BFGS CRFs with L1 + L2 penalties (:data:`PARAMS`; the L1 weight chosen by ``--select-params``,
which compares :data:`SELECT_GRID` on held-out *train* articles and writes nothing); L-BFGS is deterministic, so
the artifact depends on the data alone (``seed`` is recorded, not used). The artifact is a pickle of the two
crfsuite model files' bytes.

``--select-pipeline`` scores the whole analyzer (rules + CRFs fitted on the same 80 %) on the held-out train articles
for each of :data:`PIPELINE_VARIANTS` (how the rules' attributions use the CRFs' spans).

    python -m onrecord.training.attribution --data ../shared/data/polnear [--select-params | --select-threshold | --select-features | --select-pipeline]
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .. import attribution_features as af
from .. import models
from ..quotes import find_quotes
from ..atomic import write_bytes
from ..errors import InputError
from ..evaluation import attribution as evaluation
from ..evaluation.brat import BratAttribution, Fragments, read_ann
from . import command_line

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

ARTIFACT = models.ARTIFACTS / "attribution.pkl"
# crfsuite parameters. L1 c1 = 3.0 chosen by --select-params on held-out *train* articles (SELECT_GRID, session 4;
# until then the common default 0.1); minfreq 2 and 150 L-BFGS iterations as before (300 scored lower).
PARAMS = {"c1": 3.0, "c2": 0.01, "max_iterations": 150, "feature.minfreq": 2,
          "feature.possible_transitions": True}
Sequence = tuple[list[list[str]], list[str]]
# Token-cluster features (attribution_features.TokenClusters), chosen by --select-features (session 5): exact span F1
# on the held-out train articles without / with them — cue 0.6876 / 0.6914, source 0.8456 / 0.8490, content
# 0.7361 / 0.7391 (mean 0.7564 / 0.7598).
USE_CLUSTERS = True
# Lemma cue-rate features (attribution_features.CueRates), chosen the same way: with clusters, without / with rates —
# cue 0.6914 / 0.6964, source 0.8490 / 0.8458, content 0.7391 / 0.7444 (mean 0.7598 / 0.7622). Also giving the
# neighbours each token's rate and every token its head's rate: 0.6964 / 0.8470 / 0.7410 (mean 0.7615), not kept.
USE_RATES = True
# --select-features: (token clusters, cue rates) settings compared at PARAMS on the held-out train articles.
FEATURE_VARIANTS = ((False, False), (True, False), (True, True))


def token_span(doc: "Doc", frags: Fragments) -> af.TokenSpan | None:
    """The tokens ``frags`` covers, first to last (None when it covers no token)."""
    starts = [t.idx for t in doc]
    first = bisect.bisect_right(starts, frags[0][0]) - 1
    last = bisect.bisect_left(starts, frags[-1][1]) - 1
    first = max(first, 0)
    if first < len(doc) and doc[first].idx + len(doc[first]) <= frags[0][0]:
        first += 1
    if last < first:
        return None
    return first, last


def token_spans(doc: "Doc", frags: Fragments) -> list[af.TokenSpan]:
    """One token span per fragment."""
    return [s for f in frags if (s := token_span(doc, (f,))) is not None]


def examples(doc: "Doc", gold: list[BratAttribution], clusters: af.TokenClusters | None = None,
             rates: af.CueRates | None = None, leave_out: bool = True) -> tuple[list[Sequence], list[Sequence]]:
    """Stage-1 (cue) and stage-2 (role) training sequences of one annotated article. ``rates``: the lemma cue
    rates of the training articles, with this article's own counts left out when ``leave_out`` (it is one of
    them); an article outside those counts (held out) passes False."""
    cues = [token_span(doc, a.cue) for a in gold]
    if rates is not None and leave_out:
        rates = rates.without(af.CueRates.count(doc, [c for c in cues if c]))
    prep = af.prepare(doc, find_quotes(doc.text, carried=False), clusters, rates)
    cue_seqs = [(af.cue_features(prep, seq), af.encode(seq, {af.CUE: [c for c in cues if c]}))
                for seq in prep.paragraphs]
    role_seqs: list[Sequence] = []
    for att, cue in zip(gold, cues):
        if cue is None or prep.paragraph_of[cue[0]] < 0:
            continue
        seq = prep.paragraphs[prep.paragraph_of[cue[0]]]
        spans = {af.SRC: token_spans(doc, att.source) if att.source else [],
                 af.CON: token_spans(doc, att.content)}
        role_seqs.append((af.role_features(prep, seq, cue), af.encode(seq, spans)))
    return cue_seqs, role_seqs


def fit(sequences: Iterable[Sequence], params: dict[str, Any] = PARAMS) -> bytes:
    """Train one crfsuite CRF; return the model file's bytes. No sequences: an InputError (crfsuite itself
    crashes the process on an empty training set)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
        n += 1
    if n == 0:
        raise InputError("no training sequences: too few annotated articles to train on (or to hold some out)")
    trainer.set_params(params)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def parse_split(folder: Path) -> list[tuple[evaluation.Item, "Doc"]]:
    """The annotated articles of a PolNeAR split with their parsed text."""
    from ..nlp import get_nlp

    items = [it for it in evaluation.discover([folder]) if it.gold_path is not None]
    return list(zip(items, get_nlp().pipe((it.text for it in items), batch_size=32)))


def cue_rates(parsed: Iterable[tuple[evaluation.Item, "Doc"]]) -> af.CueRates:
    """The lemma cue rates of the ``parsed`` articles' gold cues."""
    return af.CueRates.total([af.CueRates.count(doc, [c for a in read_ann(item.gold_path)  # type: ignore[arg-type]
                                                      if (c := token_span(doc, a.cue))])
                              for item, doc in parsed])


def sequences(parsed: Iterable[tuple[evaluation.Item, "Doc"]], clusters: af.TokenClusters | None = None,
              rates: af.CueRates | None = None, leave_out: bool = True) -> tuple[list[Sequence], list[Sequence]]:
    """Stage-1 and stage-2 training sequences of all ``parsed`` articles (:func:`examples` of each)."""
    cue_seqs: list[Sequence] = []
    role_seqs: list[Sequence] = []
    for item, doc in parsed:
        c, r = examples(doc, read_ann(item.gold_path), clusters, rates, leave_out)  # type: ignore[arg-type]
        cue_seqs += c
        role_seqs += r
    return cue_seqs, role_seqs


def build(parsed: list[tuple[evaluation.Item, "Doc"]], params: dict[str, Any] = PARAMS,
          use_clusters: bool = USE_CLUSTERS, seed: int = 0, use_rates: bool = USE_RATES) -> dict[str, Any]:
    """Both CRFs trained on ``parsed`` articles (with token clusters and lemma cue rates from them when
    ``use_clusters`` / ``use_rates``), as the artifact's dict."""
    clusters = af.TokenClusters.fit([doc for _, doc in parsed], seed=seed) if use_clusters else None
    rates = cue_rates(parsed) if use_rates else None
    cue_seqs, role_seqs = sequences(parsed, clusters, rates)
    return {"cue": fit(cue_seqs, params), "role": fit(role_seqs, params),
            "clusters": None if clusters is None else clusters.centroids,
            **({} if rates is None else {"cue_rates": rates.counts}),
            "params": dict(params), "sequences": {"cue": len(cue_seqs), "role": len(role_seqs)}}


VALID_SHARE = 0.2  # --select-params / --select-threshold: share of the train articles held out (by a hash of the name) to compare settings
# Mean exact span F1 (cue, source, content) on the held-out train articles, one row each (deterministic), measured in
# session 4 before the token clusters and cue rates: 0.7144, 0.7036, 0.7344, 0.7306, 0.7532, 0.7413, 0.7564 — the
# 7th (c1 3.0) is PARAMS; 150 vs 300 iterations at the defaults: 0.7144 vs 0.7107. The last two rows, added in
# session 5 with clusters and rates (where c1 3.0 scores 0.7622): c1 10.0 0.7541, c1 6.0 0.7597 — c1 3.0 stays.
SELECT_GRID: tuple[dict[str, Any], ...] = tuple(
    {**PARAMS, "c1": c1, "c2": c2, "max_iterations": it}
    for c1, c2, it in ((0.1, 0.01, 150), (0.05, 0.01, 150), (0.3, 0.01, 150), (0.1, 0.1, 150), (1.0, 0.01, 150),
                       (0.3, 0.1, 150), (3.0, 0.01, 150), (10.0, 0.01, 150), (6.0, 0.01, 150)))


def _span_f1(gold: list[list[str]], pred: list[list[str]], label: str) -> float:
    g = {(n, s) for n, labels in enumerate(gold) for s in af.decode(list(range(len(labels))), labels, label)}
    p = {(n, s) for n, labels in enumerate(pred) for s in af.decode(list(range(len(labels))), labels, label)}
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p)) if g or p else 0.0


def _held_out(name: str) -> bool:
    """Whether a train article is in the :data:`VALID_SHARE` held out by the --select-* comparisons."""
    return int(hashlib.sha256(("attribution-valid:" + name).encode()).hexdigest(), 16) % 100 < VALID_SHARE * 100


def _parts(parsed: list[tuple[evaluation.Item, "Doc"]]) -> dict[bool, list[tuple[evaluation.Item, "Doc"]]]:
    """The fit part (False) and the held-out part (True) of the parsed train articles."""
    return {part: [(item, doc) for item, doc in parsed if _held_out(item.name) == part] for part in (False, True)}


def _held_out_sequences(parsed: list[tuple[evaluation.Item, "Doc"]], use_clusters: bool = USE_CLUSTERS,
                        seed: int = 0, use_rates: bool = USE_RATES) -> dict[bool, tuple[list[Sequence], list[Sequence]]]:
    """Cue and role sequences of the fit part (False) and of the :data:`VALID_SHARE` held out by name hash (True);
    token clusters and cue rates (when used) come from the fit part's articles only."""
    parts = _parts(parsed)
    clusters = af.TokenClusters.fit([doc for _, doc in parts[False]], seed=seed) if use_clusters else None
    rates = cue_rates(parts[False]) if use_rates else None
    # the held-out articles' counts are not in ``rates``: leaving them out would subtract what is not there
    return {False: sequences(parts[False], clusters, rates), True: sequences(parts[True], clusters, rates, leave_out=False)}


def tag_by_marginals(tagger: Any, xseq: list[list[str]], label: str, threshold: float | None) -> list[str]:
    """BIO labels from a crfsuite ``tagger``: its Viterbi path when ``threshold`` is None; otherwise a token is
    part of a ``label`` span when its marginal probability of ``B-label`` + ``I-label`` reaches ``threshold``
    (``B-`` when that is the likelier of the two), else ``O`` — a lower threshold trades precision for recall."""
    if threshold is None:
        return tagger.tag(xseq)
    tagger.set(xseq)
    known = set(tagger.labels())
    out = []
    for i in range(len(xseq)):
        b = tagger.marginal("B-" + label, i) if "B-" + label in known else 0.0
        inside = tagger.marginal("I-" + label, i) if "I-" + label in known else 0.0
        out.append(("B-" if b >= inside else "I-") + label if b + inside >= threshold else "O")
    return out


# --select-threshold: Viterbi, then marginal thresholds (:func:`tag_by_marginals`). Measured with
# c1 = 3.0 (session 4), cue exact span F1 on the held-out train articles: Viterbi 0.688, 0.4 0.673, 0.3 0.651,
# 0.2 0.603 — the analyzer keeps the Viterbi path (recall does not come cheaply from the marginals).
CUE_THRESHOLDS = (None, 0.4, 0.3, 0.2)


def compare_thresholds(parsed: list[tuple[evaluation.Item, "Doc"]], thresholds: Iterable[float | None] = CUE_THRESHOLDS,
                     params: dict[str, Any] = PARAMS, say: Any = print) -> list[dict[str, Any]]:
    """Cue exact span F1 on the held-out train articles of the stage-1 CRF (``params``, fitted on the rest) decoded
    at each marginal threshold (None: the Viterbi path)."""
    seqs = _held_out_sequences(parsed)
    crf = models.crf_taggers({"cue": fit(seqs[False][0], params)})  # keeps the bytes the tagger reads in place
    tagger = crf["taggers"]["cue"]
    gold = [y for _, y in seqs[True][0]]
    rows = []
    for threshold in thresholds:
        pred = [tag_by_marginals(tagger, x, af.CUE, threshold) for x, _ in seqs[True][0]]
        row = {"threshold": threshold, "CUE": round(_span_f1(gold, pred, af.CUE), 4)}
        say(str(row))
        rows.append(row)
    return rows


def select(parsed: list[tuple[evaluation.Item, "Doc"]], grid: Iterable[dict[str, Any]] = SELECT_GRID,
           say: Any = print, use_clusters: bool = USE_CLUSTERS, use_rates: bool = USE_RATES) -> list[dict[str, Any]]:
    """Compare CRF settings on train articles only: fit on 80 % (by a hash of the article name), score exact span
    F1 on the rest — cues (stage 1) and, from gold cues, sources and contents (stage 2)."""
    seqs = _held_out_sequences(parsed, use_clusters, use_rates=use_rates)
    rows = []
    for params in grid:
        t0 = time.perf_counter()
        scores: dict[str, float] = {}
        for stage, labels in ((0, (af.CUE,)), (1, (af.SRC, af.CON))):
            crf = models.crf_taggers({"crf": fit(seqs[False][stage], params)})  # keeps the bytes the tagger reads
            tagger = crf["taggers"]["crf"]
            gold = [y for _, y in seqs[True][stage]]
            pred = [tagger.tag(x) for x, _ in seqs[True][stage]]
            for label in labels:
                scores[label] = round(_span_f1(gold, pred, label), 4)
        row = {"c1": params["c1"], "c2": params["c2"], "max_iterations": params["max_iterations"],
               "clusters": use_clusters, "rates": use_rates, **scores,
               "mean": round(sum(scores.values()) / len(scores), 4), "seconds": round(time.perf_counter() - t0)}
        say(str(row))
        rows.append(row)
    return rows


# --select-pipeline: settings of the analyzer's use of the tagger for rule-found attributions
# (analyzers.attribution.TAGGER_CONTENT_TYPES, TAGGER_SOURCE_TYPES, TAGGER_CUE_EXTENT) compared; the first row turns
# all three off, each later row changes the shipped settings by what it names ({}: as shipped). Measured in session 6:
# see BENCHMARKS.md.
_INDIRECT_BELIEF = frozenset({"indirect", "belief"})
PIPELINE_VARIANTS: tuple[dict[str, Any], ...] = (
    {"TAGGER_CONTENT_TYPES": frozenset(), "TAGGER_SOURCE_TYPES": frozenset(), "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": frozenset({"indirect"}), "TAGGER_SOURCE_TYPES": frozenset(), "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF, "TAGGER_SOURCE_TYPES": frozenset(), "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF | {"direct_quote"}, "TAGGER_SOURCE_TYPES": frozenset(), "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF, "TAGGER_SOURCE_TYPES": frozenset(), "TAGGER_CUE_EXTENT": True},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF, "TAGGER_SOURCE_TYPES": frozenset({"indirect"}), "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF, "TAGGER_SOURCE_TYPES": _INDIRECT_BELIEF, "TAGGER_CUE_EXTENT": False},
    {"TAGGER_CONTENT_TYPES": _INDIRECT_BELIEF, "TAGGER_SOURCE_TYPES": _INDIRECT_BELIEF | {"direct_quote"}, "TAGGER_CUE_EXTENT": False},
    {},  # the shipped settings
    {"TAGGER_SUBJECT_SOURCE": True},
)


def compare_pipeline(parsed: list[tuple[evaluation.Item, "Doc"]], variants: Iterable[dict[str, Any]] = PIPELINE_VARIANTS,
                     say: Any = print, cue_taggers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The whole analyzer — rules, and CRFs built (:func:`build`) on the fit part of the train articles — scored
    as ``onrecord eval attribution`` scores (exact span F1) on the held-out part, once per entry of ``variants``
    (the shipped settings of :mod:`onrecord.analyzers.attribution` with the entry's changes) and, given
    ``cue_taggers`` (a name for each MiniLM cue tagger to try in turn), once per tagger too (its name in the row's
    ``tagger``); the CRFs are fitted once. Dev is not read."""
    from ..analyzers import attribution as analyzer
    from ..nlp import parse

    parts = _parts(parsed)
    t0 = time.perf_counter()
    crfs = models.crf_taggers(build(parts[False]))
    say(f"CRFs fitted on {len(parts[False])} train articles ({time.perf_counter() - t0:.0f} s); "
        f"scoring the whole analyzer on {len(parts[True])} held out")
    items = [item for item, _ in parts[True]]
    # as `onrecord eval attribution` reads them (evaluation.as_article), the bodies parsed once already
    docs = [parse(evaluation.as_article(item), body) for item, body in parts[True]]
    gold = [read_ann(it.gold_path) for it in items]  # type: ignore[arg-type]
    variants = list(variants)
    shipped = {name: getattr(analyzer, name) for name in sorted({k for v in variants for k in v})}
    rows = []
    try:
        with models.substituted("attribution", crfs):
            for tagger_name, tagger in (cue_taggers or {"": None}).items():
                with (models.substituted("cue_tagger", tagger) if tagger is not None else contextlib.nullcontext()):
                    for variant in variants:
                        for name, value in {**shipped, **variant}.items():
                            setattr(analyzer, name, value)
                        pairs = [(it.text, [evaluation.to_brat(a, doc.body_text) for a in analyzer.analyze(doc)], g)
                                 for it, doc, g in zip(items, docs, gold)]
                        metrics = evaluation.score(pairs)
                        row = {**({"tagger": tagger_name} if tagger_name else {}),
                               **{k: sorted(v) if isinstance(v, frozenset) else v for k, v in variant.items()},
                               **{k: metrics[k]["exact"]["f1"] for k in ("Source", "Cue", "Content", "Attribution")}}
                        say(str(row))
                        rows.append(row)
    finally:
        for name, value in shipped.items():
            setattr(analyzer, name, value)
    return rows


def train(data: Path, seed: int = 0, progress: bool = True, select_params: bool = False,
          select_threshold: bool = False, select_features: bool = False, select_pipeline: bool = False) -> dict[str, Any]:
    """Rebuild ``artifacts/attribution.pkl`` from ``data/train``; return dev metrics. ``select_params``: only
    compare :data:`SELECT_GRID` on a held-out part of train (:func:`select`) and return that table;
    ``select_threshold``: likewise for the cue decoding thresholds (:func:`compare_thresholds`)."""
    def say(msg: str) -> None:
        if progress:
            print(msg, file=sys.stderr)

    t0 = time.perf_counter()
    say("parsing PolNeAR train …")
    parsed = parse_split(Path(data) / "train")
    if select_params:
        return {"select": select(parsed, say=say)}
    if select_threshold:
        return {"select_threshold": compare_thresholds(parsed, say=say)}
    if select_pipeline:
        return {"select_pipeline": compare_pipeline(parsed, say=say)}
    if select_features:
        return {"select_features": [row for clusters, rates in FEATURE_VARIANTS
                                    for row in select(parsed, (PARAMS,), say, clusters, rates)]}
    say(f"training two CRFs on {len(parsed)} articles …")
    model = build(parsed, seed=seed)
    write_bytes(ARTIFACT, pickle.dumps(model, protocol=4))
    seconds = time.perf_counter() - t0
    models.record_artifact("attribution", ARTIFACT, seed=seed, train_articles=len(parsed),
                           train_seconds=round(seconds, 1), **model["params"])
    models.clear_cache()
    metrics = evaluation.evaluate([Path(data) / "dev"], progress=progress)
    metrics["train_seconds"] = round(seconds, 1)
    metrics["artifact_bytes"] = ARTIFACT.stat().st_size
    return metrics


def main(argv: Sequence[str] | None = None) -> None:
    command_line("attribution", __doc__, train, data_help="the polnear/ folder (train/, dev/)", argv=argv,
                 flags={"select-params": "compare the CRF settings of SELECT_GRID on 20 %% of the train articles held "
                                         "out (nothing is written, dev is not read)",
                        "select-threshold": "compare the cue decoding thresholds of CUE_THRESHOLDS the same way",
                        "select-features": "compare PARAMS with the feature sets of FEATURE_VARIANTS the same way",
                        "select-pipeline": "score the whole analyzer (rules + CRFs fitted on the other 80 %%) on the "
                                           "held-out train articles for each of PIPELINE_VARIANTS"})


if __name__ == "__main__":
    main()
