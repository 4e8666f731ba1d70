"""Bootstrap intervals of the evaluations: whole groups (bodies, claims, documents) are resampled."""

import numpy as np

from onrecord.evaluation.attribution import score
from onrecord.evaluation.brat import BratAttribution
from onrecord.evaluation.metrics import f1_per_class, group_confusion, group_rows, grouped_interval, label_metrics
from onrecord.evaluation.stance import classification_metrics, format_metrics

LABELS = ("a", "b", "c")


def _accuracy(t: np.ndarray) -> np.ndarray:
    return t[:, 0] / t[:, 1]


def test_groups_are_resampled_whole_not_items():
    # one body of 99 right answers, one of a single wrong one: item resampling would put accuracy near 0.99;
    # resampling the two bodies draws the wrong one twice a quarter of the time
    per_item = np.array([[1.0, 1.0]] * 99 + [[0.0, 1.0]])
    groups = ["A"] * 99 + ["B"]
    per_group = group_rows(groups, per_item)
    assert per_group.tolist() == [[99.0, 99.0], [0.0, 1.0]]
    assert grouped_interval(per_group, _accuracy) == [0.0, 1.0]
    by_item = grouped_interval(per_item, _accuracy)
    assert by_item is not None and by_item[0] > 0.9


def test_interval_is_seeded_holds_the_estimate_and_narrows_with_more_groups():
    rng = np.random.default_rng(1)
    small = np.column_stack([rng.integers(0, 2, 40), np.ones(40)])
    large = np.column_stack([rng.integers(0, 2, 4000), np.ones(4000)])
    a, b = grouped_interval(small, _accuracy), grouped_interval(small, _accuracy)
    assert a == b
    assert a[0] <= small[:, 0].mean() <= a[1]
    c = grouped_interval(large, _accuracy)
    assert c[1] - c[0] < (a[1] - a[0]) / 3
    assert grouped_interval(small[:1], _accuracy) is None


def test_drawing_in_chunks_gives_the_same_interval(monkeypatch):
    from onrecord.evaluation import metrics

    rng = np.random.default_rng(3)
    per_group = np.column_stack([rng.integers(0, 5, 300), np.full(300, 5)])
    whole = grouped_interval(per_group, _accuracy)
    monkeypatch.setattr(metrics, "DRAW_CELLS", 300 * 7)  # 7 draws at a time
    assert grouped_interval(per_group, _accuracy) == whole


def test_vectorised_f1_matches_label_metrics():
    rng = np.random.default_rng(0)
    gold = list(rng.choice(LABELS, 200))
    pred = list(rng.choice(LABELS, 200))
    m = label_metrics(gold, pred, LABELS, groups=[i // 10 for i in range(200)], unit="claims")
    assert m["intervals"]["unit"] == "claims"
    per_group = group_confusion(gold, pred, LABELS, [i // 10 for i in range(200)])
    assert per_group.shape == (20, 3, 3)
    np.testing.assert_array_equal(per_group.sum(axis=0), m["confusion"])
    np.testing.assert_allclose(f1_per_class(per_group.sum(axis=0)), [m["per_class"][x]["f1"] for x in LABELS])
    iv = m["intervals"]
    assert iv["macro_f1"][0] <= m["macro_f1"] <= iv["macro_f1"][1]
    assert iv["accuracy"][0] <= m["accuracy"] <= iv["accuracy"][1]
    assert set(iv["f1"]) == set(LABELS)
    assert "intervals" not in label_metrics(gold, pred, LABELS)


def test_stance_metrics_give_an_fnc_interval_over_bodies():
    rng = np.random.default_rng(2)
    labels = ["agree", "disagree", "discuss", "unrelated"]
    gold = list(rng.choice(labels, 100))
    pred = [g if rng.random() < 0.7 else rng.choice(labels) for g in gold]
    m = classification_metrics(gold, pred, groups=[str(i // 4) for i in range(100)])
    low, high = m["intervals"]["fnc_percent"]
    assert low < m["fnc_percent"] < high and high - low > 5
    assert m["intervals"]["unit"] == "bodies"
    assert "95 % interval, bodies resampled: FNC [" in format_metrics("t", m)


def test_attribution_scores_carry_document_intervals():
    text = "Bob said it rained. Ann said it snowed. Joe said it was hot."
    bob = BratAttribution(((0, 3),), ((4, 8),), ((9, 18),))
    ann = BratAttribution(((20, 23),), ((24, 28),), ((29, 38),))
    joe = BratAttribution(((40, 43),), ((44, 48),), ((49, 60),))
    docs = [(text, [bob, ann, joe], [bob, ann, joe]), (text, [bob], [bob, ann, joe]), (text, [], [joe])]
    m = score(docs)
    assert m["Cue"]["exact"]["f1"] == round(2 * 1.0 * (4 / 7) / (1 + 4 / 7), 4)
    low, high = m["intervals"]["Cue"]["exact"]
    assert low < m["Cue"]["exact"]["f1"] <= high == 1.0
    assert m["intervals"]["unit"] == "documents"


def test_hedging_and_checkworthy_evaluations_carry_intervals(tmp_path):
    from onrecord.evaluation import checkworthy
    from onrecord.evaluation.hedging import Prediction, sentence_counts
    from onrecord.evaluation.szeged import CorpusSentence, Cue

    hedged = CorpusSentence("f.xml", "d1", 0, "s0", "It may rain.", [Cue("may", 3, 6, "epistemic")])
    plain = CorpusSentence("f.xml", "d1", 1, "s1", "It rains.", [])
    assert sentence_counts(Prediction(hedged, True, 0.9, [(3, 6)])) == (1, 1, 1, 1)
    assert sentence_counts(Prediction(plain, True, 0.9, [])) == (0, 1, 0, 0)
    assert sentence_counts(Prediction(hedged, False, 0.1, [])) == (0, 0, 0, 1)

    files = []
    for i, labels in enumerate([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]):
        path = tmp_path / f"t{i}.tsv"
        path.write_text("".join(f"{n + 1}\tA\tSentence {n}.\t{y}\n" for n, y in enumerate(labels)))
        files.append(checkworthy.read_file(path))
    scores = [np.array([0.9, 0.5, 0.4, 0.1])] * 3
    r = checkworthy.metrics(files, scores, 0.5)["clef2019"]
    low, high = r["map_interval"]
    assert low <= r["map"] <= high and low == 0.25 and high == 1.0
