"""The trained attribution tagger: features, label codes, alignment, training and loading."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from onrecord import attribution_features as af
from onrecord import models
from onrecord.analyzers.attribution import find_quotes
from onrecord.evaluation import attribution as evaluation
from onrecord.evaluation.brat import read_ann
from onrecord.nlp import get_nlp
from onrecord.training import attribution as training

FIXTURE = Path(__file__).parent / "fixtures" / "polnear_small"


@pytest.fixture(scope="module")
def fixture_doc():
    item = evaluation.discover([FIXTURE])[0]
    return item, get_nlp()(item.text)


def test_encode_decode_round_trip_and_priority() -> None:
    seq = list(range(10, 20))
    labels = af.encode(seq, {af.SRC: [(10, 11)], af.CON: [(11, 14), (16, 16)]})
    assert labels == ["B-SRC", "I-SRC", "B-CON", "I-CON", "I-CON", "O", "B-CON", "O", "O", "O"]
    assert af.decode(seq, labels, af.SRC) == [(10, 11)]
    assert af.decode(seq, labels, af.CON) == [(12, 14), (16, 16)]


def test_decode_starts_a_span_at_a_stray_inside_tag() -> None:
    assert af.decode([0, 1, 2, 3], ["O", "I-CUE", "I-CUE", "B-CUE"], af.CUE) == [(1, 2), (3, 3)]


def test_token_span_covers_the_fragments_tokens(fixture_doc) -> None:
    item, doc = fixture_doc
    gold = read_ann(item.gold_path)
    first, last = training.token_span(doc, gold[0].source)
    assert doc[first:last + 1].text == "Mayor Jane Doe"
    assert [doc[a:b + 1].text for a, b in training.token_spans(doc, gold[2].content)] == [
        "the budget was approved", "“nobody objected.”"]


def test_prepare_paragraphs_and_quotes(fixture_doc) -> None:
    _, doc = fixture_doc
    prep = af.prepare(doc, find_quotes(doc.text))
    assert [doc[seq[0]].text for seq in prep.paragraphs] == ["Mayor", "“", "The", "Taxes"]
    we = next(t for t in doc if t.text == "We")
    mayor = next(t for t in doc if t.text == "Jane")
    assert prep.quote_of[we.i] == 0 and prep.quote_of[mayor.i] == -1
    assert "inq" in prep.base[we.i] and "outq" in prep.base[mayor.i]


def test_role_window_is_the_paragraph_unless_it_runs_on_far_from_the_cue(fixture_doc) -> None:
    _, doc = fixture_doc
    prep = af.prepare(doc, find_quotes(doc.text))
    said = next(t for t in doc if t.text == "said")
    assert af.role_window(prep, (said.i, said.i)) == prep.paragraphs[prep.paragraph_of[said.i]]
    long_doc = get_nlp()("Varga said the strike would end. " * 200)  # one paragraph, 1,400 tokens
    prep = af.prepare(long_doc, [])
    cue = next(t.i for t in long_doc if t.text == "said" and t.i > 700)
    seq = af.role_window(prep, (cue, cue))
    assert len(seq) < len(prep.paragraphs[0]) and seq[0] <= cue - af.ROLE_WINDOW // 2 and seq[-1] >= cue + 100
    assert long_doc[seq[0]].is_sent_start and long_doc[seq[-1]].text == "."  # whole sentences
    assert seq == list(range(seq[0], seq[-1] + 1))
    endless = get_nlp()("officials said the plan may work and the mayor believes it could help and " * 60)
    prep = af.prepare(endless, [])
    cue = next(t.i for t in endless if t.text == "said" and t.i > 400)
    seq = af.role_window(prep, (cue, cue))  # one sentence of ~900 tokens: the reach, not the whole sentence
    assert seq[0] == cue - af.ROLE_WINDOW and seq[-1] == cue + af.ROLE_WINDOW


def test_role_features_relate_tokens_to_the_cue(fixture_doc) -> None:
    _, doc = fixture_doc
    prep = af.prepare(doc, find_quotes(doc.text))
    said = next(t for t in doc if t.text == "said")
    seq = prep.paragraphs[prep.paragraph_of[said.i]]
    feats = dict(zip(seq, af.role_features(prep, seq, (said.i, said.i))))
    doe = next(t for t in doc if t.text == "Doe" and t.i < said.i and t.i > 5)
    we = next(t for t in doc if t.text == "We")
    assert {"side=before", "rel=under=nsubj", "quote=q_none"} <= set(feats[doe.i])
    assert {"side=before", "quote=q_adj", "cl=say"} <= set(feats[we.i])
    assert "side=in" in feats[said.i]


def test_examples_label_gold_cues_and_roles(fixture_doc) -> None:
    item, doc = fixture_doc
    cue_seqs, role_seqs = training.examples(doc, read_ann(item.gold_path))
    cue_tokens = [x[0][0] for xs, ys in cue_seqs for x, y in zip(zip(xs), ys) if y != "O"]
    assert cue_tokens == ["w=said", "w=said", "w=added", "w=is", "w=expected"]
    assert len(role_seqs) == 4
    xs, ys = role_seqs[0]
    assert [x[0] for x, y in zip(xs, ys) if y.endswith("SRC")] == ["w=mayor", "w=jane", "w=doe"]


def test_trained_tagger_learns_and_loads_from_its_artifact(fixture_doc, tmp_path: Path) -> None:
    item, doc = fixture_doc
    params = dict(training.PARAMS, **{"feature.minfreq": 1, "c1": 0.0, "max_iterations": 50})
    model = training.build([(item, doc)] * 3, params)
    path = tmp_path / "attribution.pkl"
    path.write_bytes(pickle.dumps(model))
    loaded = models._load_crf_taggers(path)
    assert loaded["sequences"] == {"cue": 12, "role": 12}
    taggers = loaded["taggers"]
    prep = af.prepare(doc, find_quotes(doc.text))
    seq = prep.paragraphs[1]
    cues = af.decode(seq, taggers["cue"].tag(af.cue_features(prep, seq)), af.CUE)
    assert [doc[a:b + 1].text for a, b in cues] == ["said"]
    roles = taggers["role"].tag(af.role_features(prep, seq, cues[0]))
    assert [doc[a:b + 1].text for a, b in af.decode(seq, roles, af.SRC)] == ["Mayor Jane Doe"]


def test_select_scores_settings_on_held_out_train_articles(fixture_doc) -> None:
    import dataclasses

    item, doc = fixture_doc
    parsed = [(dataclasses.replace(item, name=f"x{i}"), doc) for i in range(10)]
    grid = [dict(training.PARAMS, **{"feature.minfreq": 1, "c1": 0.0, "max_iterations": 50}),
            dict(training.PARAMS, **{"feature.minfreq": 1, "c1": 50.0, "max_iterations": 50})]
    rows = training.select(parsed, grid, say=lambda _: None)
    assert [r["c1"] for r in rows] == [0.0, 50.0]
    # the held-out copies are the article the CRFs were fitted on: unregularised, every span is found
    assert (rows[0]["CUE"], rows[0]["SRC"], rows[0]["CON"]) == (1.0, 1.0, 1.0)
    # an L1 penalty that zeroes every weight finds nothing
    assert rows[1]["CUE"] == 0.0 and rows[1]["mean"] < rows[0]["mean"]


def test_tag_by_marginals_spans_viterbi_to_everything(fixture_doc) -> None:
    import pycrfsuite

    item, doc = fixture_doc
    params = dict(training.PARAMS, **{"feature.minfreq": 1, "c1": 0.0, "max_iterations": 50})
    model = training.build([(item, doc)] * 3, params)
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model["cue"])
    prep = af.prepare(doc, find_quotes(doc.text))
    xseq = af.cue_features(prep, prep.paragraphs[1])
    assert training.tag_by_marginals(tagger, xseq, af.CUE, None) == tagger.tag(xseq)
    # a confident model: a middling threshold keeps the Viterbi cue, a zero threshold makes every token a cue
    assert training.tag_by_marginals(tagger, xseq, af.CUE, 0.5) == tagger.tag(xseq)
    assert all(t != "O" for t in training.tag_by_marginals(tagger, xseq, af.CUE, 0.0))


def test_token_clusters_fit_assign_and_feature(fixture_doc) -> None:
    import numpy as np

    _, doc = fixture_doc
    clusters = af.TokenClusters.fit([doc], sizes=(3, 6), seed=0)
    again = af.TokenClusters.fit([doc], sizes=(3, 6), seed=0)
    assert [c.shape for c in clusters.centroids] == [(3, doc.tensor.shape[1]), (6, doc.tensor.shape[1])]
    assert all(np.array_equal(a, b) for a, b in zip(clusters.centroids, again.centroids))  # seeded
    assert np.allclose(np.linalg.norm(clusters.centroids[1], axis=1), 1.0, atol=1e-5)
    ids = clusters.assign(doc)
    assert [len(a) for a in ids] == [len(doc), len(doc)]
    assert set(ids[0].tolist()) <= {0, 1, 2} and len(set(ids[1].tolist())) > 1
    # each token's id is its nearest centroid by cosine
    said = next(t for t in doc if t.text == "said")
    vec = doc.tensor[said.i] / np.linalg.norm(doc.tensor[said.i])
    assert ids[1][said.i] == int(np.argmax(clusters.centroids[1] @ vec))

    prep = af.prepare(doc, find_quotes(doc.text), clusters)
    assert f"k0={ids[0][said.i]}" in prep.base[said.i] and f"k1={ids[1][said.i]}" in prep.base[said.i]
    assert f"k0={ids[0][said.i]}" in prep.short[said.i]
    plain = af.prepare(doc, find_quotes(doc.text))
    assert not any(f.startswith("k0=") for f in plain.base[said.i] + plain.short[said.i])

    # a Doc without the parse's vectors gets no cluster features (and no error)
    bare = get_nlp()("Mayor Jane Doe said so.")
    bare.tensor = np.zeros((0, 0), dtype=np.float32)
    assert clusters.assign(bare) == []
    assert not any(f.startswith("k") and "=" in f and f[1].isdigit() for f in af.prepare(bare, [], clusters).base[3])


def test_build_with_clusters_and_rates_ships_what_the_tagger_reads(fixture_doc, tmp_path: Path) -> None:
    item, doc = fixture_doc
    params = dict(training.PARAMS, **{"feature.minfreq": 1, "c1": 0.0, "max_iterations": 50})
    model = training.build([(item, doc)] * 3, params, use_clusters=True)
    assert model["clusters"] is not None and len(model["clusters"]) == len(af.CLUSTER_SIZES)
    plain = training.build([(item, doc)], params, use_clusters=False, use_rates=False)
    assert plain["clusters"] is None and "cue_rates" not in plain
    assert model["cue_rates"]["say"][0] >= 3  # "said" is a gold cue in each of the three copies
    path = tmp_path / "attribution.pkl"
    path.write_bytes(pickle.dumps(model))
    loaded = models._load_crf_taggers(path)
    prep = af.prepare(doc, find_quotes(doc.text), af.TokenClusters(loaded["clusters"]), af.CueRates(loaded["cue_rates"]))
    seq = prep.paragraphs[1]
    cues = af.decode(seq, loaded["taggers"]["cue"].tag(af.cue_features(prep, seq)), af.CUE)
    assert [doc[a:b + 1].text for a, b in cues] == ["said"]


def test_cue_rates_count_buckets_and_leave_one_out(fixture_doc) -> None:
    item, doc = fixture_doc
    cues = [training.token_span(doc, a.cue) for a in read_ann(item.gold_path)]
    own = af.CueRates.count(doc, [c for c in cues if c])
    assert own["say"][0] >= 1 and own["say"][0] <= own["say"][1]
    assert own["mayor"][0] == 0 and own["mayor"][1] >= 1
    assert sum(n for _, n in own.values()) == sum(1 for t in doc if not t.is_space)

    rates = af.CueRates.total([own] * 10)  # ten copies: every count times ten
    assert rates.counts["say"] == (10 * own["say"][0], 10 * own["say"][1])
    assert rates.feature("mayor") == "cr=0"
    assert rates.feature("never-seen-lemma") == "cr=unseen"
    # buckets by rate: 50 of 60 is above the top bound, 1 of 40 between the first two
    assert af.CueRates({"say": (50, 60)}).feature("say") == f"cr={len(af.RATE_BUCKETS)}"
    # leaving one article out subtracts its counts; leaving out the only article leaves nothing seen
    assert af.CueRates.total([own]).without(own).feature("say") == "cr=unseen"
    few = af.CueRates({"claim": (1, 3), "rule": (0, 2), "note": (1, 40)})
    assert (few.feature("claim"), few.feature("rule"), few.feature("note")) == ("cr=rare_cue", "cr=rare_no", "cr=1")


def test_examples_with_rates_never_see_their_own_labels(fixture_doc) -> None:
    item, doc = fixture_doc
    gold = read_ann(item.gold_path)
    own = af.CueRates.count(doc, [c for a in gold if (c := training.token_span(doc, a.cue))])
    cue_seqs, _ = training.examples(doc, gold, rates=af.CueRates.total([own]))
    feats = [f for xseq, _ in cue_seqs for x in xseq for f in x if f.startswith("cr=")]
    assert feats and set(feats) == {"cr=unseen"}  # the only article is left out of its own rates
    # with a second copy counted, the same tokens see that copy's labels
    cue_seqs, _ = training.examples(doc, gold, rates=af.CueRates.total([own, own]))
    said = [x for xseq, _ in cue_seqs for x in xseq if "w=said" in x]
    assert said and all(not any(f == "cr=unseen" for f in x) for x in said)


def test_shipped_artifact_has_the_features_training_is_configured_with() -> None:
    shipped = models.load("attribution")
    assert (shipped.get("clusters") is not None) == training.USE_CLUSTERS
    assert (shipped.get("cue_rates") is not None) == training.USE_RATES
    if training.USE_CLUSTERS:
        assert [c.shape[0] for c in shipped["clusters"]] == list(af.CLUSTER_SIZES)


def test_held_out_articles_read_the_rates_as_they_are(fixture_doc) -> None:
    item, doc = fixture_doc
    gold = read_ann(item.gold_path)
    rates = af.CueRates.total([af.CueRates.count(doc, [c for a in gold if (c := training.token_span(doc, a.cue))])])
    kept, _ = training.examples(doc, gold, rates=rates, leave_out=False)
    said = [x for xseq, _ in kept for x in xseq if "w=said" in x]
    assert said and all("cr=unseen" not in x for x in said)  # nothing subtracted: "say" is seen, as a cue


def test_no_training_sequences_is_a_clear_error_not_a_crash(capsys) -> None:
    from onrecord.errors import InputError
    from onrecord.training import command_line

    with pytest.raises(InputError, match="no training sequences"):
        training.fit([])  # crfsuite would take the whole process down

    def trainer(data, seed, **_):
        raise InputError("no training sequences: too few annotated articles")

    with pytest.raises(SystemExit) as stop:
        command_line("attribution", "Train it.", trainer, data_help="d", argv=["--data", "x"])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("error: no training sequences: too few annotated articles") and "\n" not in err


def test_substituted_model_stands_in_and_the_loaded_one_comes_back() -> None:
    shipped = models.load("attribution")
    stand_in, inner = {"taggers": {}}, {"taggers": {}}
    with models.substituted("attribution", stand_in):
        assert models.load("attribution") is stand_in and models.available("attribution")
        with models.substituted("attribution", inner):
            assert models.load("attribution") is inner
        assert models.load("attribution") is stand_in
    assert models.load("attribution") is shipped
    models.clear_cache()
    with models.substituted("attribution", stand_in):
        assert models.load("attribution") is stand_in
    assert "attribution" not in models._cache  # the substitute never enters the cache
    assert models.load("attribution") is not stand_in


def test_compare_pipeline_scores_each_variant_on_held_out_articles(fixture_doc) -> None:
    import dataclasses

    from onrecord.analyzers import attribution as analyzer

    item, doc = fixture_doc
    parsed = [(dataclasses.replace(item, name=f"x{i}"), doc) for i in range(10)]
    shipped = (analyzer.TAGGER_CONTENT_TYPES, analyzer.TAGGER_CUE_EXTENT)
    variants = ({"TAGGER_CONTENT_TYPES": frozenset()}, {"TAGGER_CUE_EXTENT": not shipped[1]})
    rows = training.compare_pipeline(parsed, variants, say=lambda _: None)
    assert rows[0]["TAGGER_CONTENT_TYPES"] == [] and rows[1]["TAGGER_CUE_EXTENT"] is not shipped[1]
    assert all(0.0 < r["Cue"] <= 1.0 and 0.0 <= r["Content"] <= 1.0 for r in rows)
    assert (analyzer.TAGGER_CONTENT_TYPES, analyzer.TAGGER_CUE_EXTENT) == shipped  # restored
    assert models.load("attribution") is not None and "taggers" in models.load("attribution")
