"""Stance: FNC-1 files and score, features, the split, the shipped model and its analyzer."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from onrecord import models
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.evaluation import stance as stance_eval
from onrecord.evaluation.fnc import (
    Pair,
    fnc_score,
    read_bodies,
    read_stances,
    write_predictions,
)
from onrecord.evaluation.stance import (
    classification_metrics,
    expected_calibration_error,
)
from onrecord.report import STANCE_LABELS
from onrecord.stance_features import (
    FEATURE_NAMES,
    FeatureExtractor,
    StanceModel,
    decide,
    softmax_with_temperature,
    split_sentences,
)
from onrecord.training.stance import split

FIXTURES = Path(__file__).parent / "fixtures" / "fnc_small"
needs_model = pytest.mark.skipif(not models.available("stance"), reason="stance artifact not built")


def test_fnc_score_hand_computed() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # 1.0 (exact related) + 0.25 (related, wrong class) + 0 + 0.25 (unrelated right) + 0
    # best: 3 related x 1.0 + 2 unrelated x 0.25
    assert fnc_score(gold, pred) == (1.5, 3.5)
    m = classification_metrics(gold, pred)
    assert m["fnc_percent"] == pytest.approx(100 * 1.5 / 3.5)
    assert m["per_class"]["agree"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "support": 1}
    assert m["confusion"][STANCE_LABELS.index("unrelated")] == [1, 0, 0, 1]


def test_ece_perfect_and_overconfident() -> None:
    gold = ["agree", "discuss"]
    sure = np.array([[1.0, 0, 0, 0], [0, 0, 1.0, 0]])
    assert expected_calibration_error(gold, sure) == 0.0
    wrong = np.array([[0, 0, 0, 1.0], [0, 0, 1.0, 0]])  # one confidently wrong answer
    assert expected_calibration_error(gold, wrong) == pytest.approx(0.5)


def test_reader_keeps_order_quotes_and_multiline_bodies() -> None:
    bodies = read_bodies(FIXTURES / "bodies.csv")
    assert list(bodies) == ["1", "2", "7"]
    assert "\nNo one was injured" in bodies["1"]
    assert bodies["7"].endswith('"customers will stay away".')
    pairs = read_stances(FIXTURES / "stances.csv")
    assert [p.body_id for p in pairs] == ["1", "2", "7", "1", "7"]
    assert pairs[1].headline == "Shark swims in flooded Houston streets, photo shows"
    assert pairs[2].headline == 'Council: "parking fees" to rise downtown'
    assert [p.stance for p in pairs] == ["agree", "disagree", "discuss", "unrelated", "unrelated"]


def test_unlabeled_file_and_bad_files(tmp_path: Path) -> None:
    pairs = read_stances(FIXTURES / "stances_unlabeled.csv")
    assert [(p.body_id, p.stance) for p in pairs] == [("7", None), ("2", None)]
    bad = tmp_path / "bad.csv"
    bad.write_text("Title,Body\nx,1\n")
    with pytest.raises(InputError, match="missing column"):
        read_stances(bad)
    with pytest.raises(InputError, match="cannot read"):
        read_bodies(tmp_path / "absent.csv")
    bad.write_text("Headline,Body ID,Stance\nx,1,maybe\n")
    with pytest.raises(InputError, match="unknown Stance"):
        read_stances(bad)


def test_write_predictions_round_trips(tmp_path: Path) -> None:
    pairs = read_stances(FIXTURES / "stances.csv")
    out = tmp_path / "sub" / "pred.csv"
    labels = ["discuss", "agree", "unrelated", "disagree", "discuss"]
    write_predictions(out, pairs, labels)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Headline", "Body ID", "Stance"]
    assert rows[1:] == [[p.headline, p.body_id, lab] for p, lab in zip(pairs, labels)]
    assert list(tmp_path.joinpath("sub").iterdir()) == [out]  # no temp file left behind


def test_split_sentences() -> None:
    text = 'He said "it is fake." Then he left. Prices rose 3.5 percent.\nNew line here'
    assert split_sentences(text) == ['He said "it is fake."', "Then he left.", "Prices rose 3.5 percent.", "New line here"]


def _toy_extractor() -> tuple[FeatureExtractor, dict[str, str], list[Pair]]:
    bodies = read_bodies(FIXTURES / "bodies.csv")
    pairs = read_stances(FIXTURES / "stances.csv")
    fe = FeatureExtractor()
    fe.word.set_params(min_df=1, max_df=1.0)
    fe.char.set_params(min_df=1, max_df=1.0)
    return fe.fit([p.headline for p in pairs], list(bodies.values())), bodies, pairs


def test_related_pair_is_more_similar_than_unrelated() -> None:
    fe, bodies, pairs = _toy_extractor()
    X = fe.transform([p.headline for p in pairs], [bodies[p.body_id] for p in pairs])
    assert X.shape == (len(pairs), len(FEATURE_NAMES))
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    shark_related, shark_unrelated = X[1], X[3]  # same headline, its own body vs. the bridge body
    for name in ("sim_word_body", "sim_char_body", "sim_word_max", "overlap_body", "jaccard"):
        assert shark_related[col[name]] > shark_unrelated[col[name]], name
    assert shark_related[col["refute_top"]] >= 2  # "fake", "photoshopped", "hoax" near the headline's words
    assert shark_unrelated[col["refute_top"]] == 0


def test_split_is_claim_and_headline_disjoint() -> None:
    pairs = []
    for claim in range(10):
        for k in range(3):
            pairs.append(Pair(f"headline {claim}", f"{claim * 10 + k}", "discuss"))
        pairs.append(Pair(f"headline {claim}", f"{((claim + 1) % 10) * 10}", "unrelated"))
    s = split(pairs, dev_share=0.2)
    assert s.dev and s.train
    assert not {p.headline for p in s.dev} & {p.headline for p in s.train}
    assert not {p.body_id for p in s.dev} & {p.body_id for p in s.train}
    assert len(s.train) + len(s.dev) + s.dropped == len(pairs)
    assert split(pairs, dev_share=0.2) == s  # deterministic


def test_temperature_keeps_argmax_and_sums_to_one() -> None:
    p = np.array([[0.7, 0.1, 0.1, 0.1], [0.2, 0.5, 0.2, 0.1]])
    for t in (0.5, 1.0, 3.0):
        q = softmax_with_temperature(p, t)
        assert np.allclose(q.sum(axis=1), 1.0)
        assert (q.argmax(axis=1) == p.argmax(axis=1)).all()
    assert softmax_with_temperature(p, 3.0)[0, 0] < 0.7 < softmax_with_temperature(p, 0.5)[0, 0]


@needs_model
def test_evaluate_writes_predictions_in_input_order(tmp_path: Path) -> None:
    out, js = tmp_path / "pred.csv", tmp_path / "m.json"
    m = stance_eval.evaluate([FIXTURES / "bodies.csv", FIXTURES / "stances.csv"], predictions=out, json_out=js,
                             progress=False, jobs=2)
    assert m["n"] == 5 and 0 <= m["fnc_percent"] <= 100 and js.exists()
    low, high = m["intervals"]["fnc_percent"]
    assert m["intervals"]["unit"] == "bodies" and low - 1e-3 <= m["fnc_percent"] <= high + 1e-3
    assert m["jobs"] == 1  # five pairs are not worth starting workers for: the JSON says what ran
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["Headline"], r["Body ID"]) for r in rows] == [(p.headline, p.body_id) for p in read_stances(FIXTURES / "stances.csv")]
    assert all(r["Stance"] in STANCE_LABELS for r in rows)
    unlabeled = stance_eval.evaluate([FIXTURES / "bodies.csv", FIXTURES / "stances_unlabeled.csv"], predictions=out, progress=False)
    assert "fnc_score" not in unlabeled
    with open(out, newline="", encoding="utf-8") as f:
        assert [r["Body ID"] for r in csv.DictReader(f)] == ["7", "2"]


@needs_model
def test_analyze_returns_probabilities_and_evidence() -> None:
    from onrecord.analyzers.stance import analyze, predict_proba
    from onrecord.nlp import parse

    bodies = read_bodies(FIXTURES / "bodies.csv")
    doc = parse(Article("Shark swims in flooded Houston streets, photo shows", bodies["2"]))
    st = analyze(doc)
    assert set(st.scores) == set(STANCE_LABELS)
    assert sum(st.scores.values()) == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in st.scores.values())
    assert st.label == models.load("stance").labels(np.array([[st.scores[k] for k in STANCE_LABELS]]))[0]
    assert st.model == models.load("stance").model_id
    assert st.evidence and all(0 <= i < len(doc.sentences) for i in st.evidence)
    assert "shark" in doc.sentences[st.evidence[0]].text.lower()
    batch = predict_proba([doc.headline_text, "Bridge collapses after heavy rain"], [doc.body_text, bodies["7"]])
    assert batch.shape == (2, 4) and np.allclose(batch[0], [st.scores[k] for k in STANCE_LABELS])
    assert batch[1, STANCE_LABELS.index("unrelated")] > batch[0, STANCE_LABELS.index("unrelated")]


def test_decision_weights_move_only_close_calls() -> None:
    p = np.array([[0.40, 0.30, 0.30, 0.0], [0.80, 0.15, 0.05, 0.0], [0.1, 0.1, 0.1, 0.7]])
    assert decide(p).tolist() == [0, 0, 3]
    assert decide(p, (1.0, 1.5, 1.0, 1.0)).tolist() == [1, 0, 3]  # 0.45 > 0.40; 0.225 < 0.80


def test_model_pickle_never_carries_the_cross_encoder() -> None:
    import pickle

    m = StanceModel(features=None, relatedness=None, stance=None, temperatures=(1.0, 1.0), model_id="x", info={},
                    stacker=object(), decision_weights=(1.0, 2.0, 1.0, 1.0), cross=object())
    back = pickle.loads(pickle.dumps(m))
    assert back.cross is None and back.decision_weights == (1.0, 2.0, 1.0, 1.0)
    with pytest.raises(RuntimeError, match="cross-encoder"):
        back.stage2_inputs(np.full((1, 3), 1 / 3), np.zeros((1, len(FEATURE_NAMES))), ["h"], ["b"])
    assert back.labels(np.array([[0.4, 0.3, 0.3, 0.0]])) == ["disagree"]


@needs_model
def test_stance_is_the_same_alone_and_in_a_batch() -> None:
    from onrecord.analyzers.stance import predict_proba

    bodies = read_bodies(FIXTURES / "bodies.csv")
    heads = ["Shark swims in flooded Houston streets, photo shows", "Bridge collapses after heavy rain"]
    together = predict_proba(heads, [bodies["2"], bodies["7"]])
    alone = np.vstack([predict_proba([h], [b]) for h, b in zip(heads, [bodies["2"], bodies["7"]])])
    np.testing.assert_allclose(together, alone, atol=1e-6)


class _Fixed:
    """A fitted-model stand-in that returns the same probabilities for every row."""

    def __init__(self, row: list[float]) -> None:
        self.row = np.array(row)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return np.tile(self.row, (len(X), 1))

    def logits(self, a: list[str], b: list[str]) -> np.ndarray:
        return np.zeros((len(a), 3))


def test_stacker_temperature_softens_stage_two_and_old_pickles_read_without_it() -> None:
    import pickle

    def model(t: float | None) -> StanceModel:
        return StanceModel(features=None, relatedness=_Fixed([0.1, 0.9]), stance=_Fixed([1 / 3] * 3),
                           temperatures=(1.0, 1.0), model_id="x", info={}, stacker=_Fixed([0.7, 0.2, 0.1]),
                           cross=_Fixed([0.0]), stacker_temperature=t)

    X = np.zeros((2, len(FEATURE_NAMES)))
    plain = model(None).proba_from_features(X, ["h", "h"], ["b", "b"])
    np.testing.assert_allclose(plain[0], [0.63, 0.18, 0.09, 0.1])
    soft = model(2.0).proba_from_features(X, ["h", "h"], ["b", "b"])
    np.testing.assert_allclose(soft[0, :3] / 0.9, softmax_with_temperature(np.array([[0.7, 0.2, 0.1]]), 2.0)[0])
    assert soft[0, 0] < plain[0, 0] and soft[0].argmax() == plain[0].argmax() and soft[0].sum() == pytest.approx(1.0)
    state = dict(model(2.0).__getstate__())
    del state["stacker_temperature"], state["passage_cue_bonus"]  # a model pickled before the fields existed
    old = StanceModel.__new__(StanceModel)
    old.__setstate__(state)
    assert old.stacker_temperature is None and old.passage_cue_bonus == 0.0  # each field's class default
    np.testing.assert_allclose(pickle.loads(pickle.dumps(old)).stacker.row, [0.7, 0.2, 0.1])


def test_decision_weights_weight_only_disagree_and_prefer_argmax_on_ties() -> None:
    from onrecord.training.stance import decision_weights

    # disagree is under-called: its probability is high but second; a weight of 2 recovers both pairs
    proba = np.array([[0.2, 0.35, 0.45], [0.1, 0.4, 0.5], [0.7, 0.1, 0.2], [0.1, 0.1, 0.8]])
    y = np.array([1, 1, 0, 2])
    w = decision_weights(proba, y)
    assert w[0] == 1.0 and w[2] == 1.0 and w[1] > 1.0
    assert decide(np.hstack([proba, np.zeros((4, 1))]), (*w, 1.0)).tolist() == [1, 1, 0, 2]
    assert decision_weights(proba[2:], y[2:]) == (1.0, 1.0, 1.0)  # argmax is already right: no weight


def test_shards_keep_each_body_whole_and_cover_every_pair_once() -> None:
    from onrecord.analyzers.stance import shard_by_body

    bodies = ["a"] * 5 + ["b"] * 3 + ["c"] * 3 + ["d"] + ["a", "b"]
    shards = shard_by_body(bodies, 3)
    assert sorted(i for s in shards for i in s) == list(range(len(bodies)))
    assert all(s == sorted(s) for s in shards)
    for body in set(bodies):
        assert sum(any(bodies[i] == body for i in s) for s in shards) == 1  # one shard per body
    assert sorted(len(s) for s in shards) == [4, 4, 6]  # a (6 pairs) alone, b (4), then c (3) + d (1)
    assert shard_by_body(["x", "x"], 4) == [[0, 1]]  # never more shards than bodies
    assert shard_by_body([], 2) == []


@needs_model
def test_stance_is_the_same_with_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.analyzers import stance as analyzer

    bodies = read_bodies(FIXTURES / "bodies.csv")
    pairs = [(p.headline, bodies[p.body_id]) for p in read_stances(FIXTURES / "stances.csv")]
    pairs += [(h + suffix, b) for h, b in pairs for suffix in (" now", ", reports say")]
    heads, texts = [h for h, _ in pairs], [b for _, b in pairs]
    alone = analyzer.predict_proba(heads, texts)
    done: list[int] = []
    in_pieces = analyzer.predict_proba(heads, texts, progress=done.append)  # one process, body by body
    np.testing.assert_allclose(in_pieces, alone, atol=1e-9)
    assert sum(done) == len(heads) and len(done) == len(set(texts))
    monkeypatch.setattr(analyzer, "PARALLEL_MIN_PAIRS", 0)  # the fixture is far below the real threshold
    done.clear()
    spread = analyzer.predict_proba(heads, texts, jobs=2, progress=done.append)
    np.testing.assert_allclose(spread, alone, atol=1e-9)
    assert sum(done) == len(heads)
    with pytest.raises(ValueError, match="bodies"):
        analyzer.predict_proba(heads, texts[:-1], jobs=2)


def test_worker_pool_runs_one_thread_each_and_leaves_this_process_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from onrecord import workers

    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    with workers.process_pool(2) as pool:
        assert len(getattr(pool, "_processes", {})) == 2  # both started while the variables were set
        seen = list(pool.map(os.getenv, ["OMP_NUM_THREADS", "MKL_NUM_THREADS"]))
        assert os.environ["OMP_NUM_THREADS"] == "2" and "MKL_NUM_THREADS" not in os.environ
    assert seen == ["1", "1"]
    with pytest.raises(ValueError):
        with workers.process_pool(0):
            pass


def test_a_dead_worker_fails_the_run_instead_of_hanging_it() -> None:
    import os
    import time

    from onrecord import workers
    from onrecord.errors import WorkerError

    start = time.monotonic()
    with pytest.raises(WorkerError, match="worker process died"):
        with workers.process_pool(2) as pool:
            pool.submit(os.abort).result()  # the worker is killed, as the kernel's OOM killer would
    assert time.monotonic() - start < 60


@needs_model
def test_features_of_a_batch_equal_each_pair_alone() -> None:
    fx = models.load("stance").features
    bodies = read_bodies(FIXTURES / "bodies.csv")
    pairs = [(p.headline, bodies[p.body_id]) for p in read_stances(FIXTURES / "stances.csv")]
    pairs += [(pairs[0][0], b) for b in bodies.values()]  # one headline against every body, too
    batch = fx.transform([h for h, _ in pairs], [b for _, b in pairs])
    alone = np.vstack([fx.pair(fx.headlines([h])[0], fx.bodies([b])[0]) for h, b in pairs])
    np.testing.assert_array_equal(batch, alone)
    assert (batch[:, FEATURE_NAMES.index("sim_word_body")] > 0).any()


def test_a_worker_that_cannot_start_fails_the_run() -> None:
    from onrecord import workers
    from onrecord.errors import WorkerError

    with pytest.raises(WorkerError, match="failed to load"):
        with workers.process_pool(1, initializer=next):  # next() raises, as a model that fails to load would
            pass


def test_boosting_runs_on_one_openmp_thread_for_few_pairs():
    from threadpoolctl import threadpool_info

    from onrecord.stance_features import ONE_THREAD_BELOW, boosting_threads

    def openmp_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "openmp"}

    if not openmp_threads():
        pytest.skip("no OpenMP runtime loaded")
    with boosting_threads(1):
        assert openmp_threads() == {1}
    before = openmp_threads()
    with boosting_threads(ONE_THREAD_BELOW):
        assert openmp_threads() == before
