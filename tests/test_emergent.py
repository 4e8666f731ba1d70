"""Emergent: corroboration rules, the CSV reader and prediction writer, metrics, features, the shipped model."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from onrecord import corroborate, models
from onrecord.claimstance import LABELS, FeatureExtractor, dense_features
from onrecord.corroborate import Params, Report, aggregate, by_outlet, veracity
from onrecord.errors import InputError
from onrecord.evaluation import emergent as em
from onrecord.evaluation.metrics import label_metrics
from onrecord.training.emergent import split

FIXTURE = Path(__file__).parent / "fixtures" / "emergent_small.csv"
needs_model = pytest.mark.skipif(not models.available("emergent"), reason="emergent artifact not built")

FOR = {"for": 1.0, "against": 0.0, "observing": 0.0}
AGAINST = {"for": 0.0, "against": 1.0, "observing": 0.0}
OBSERVING = {"for": 0.0, "against": 0.0, "observing": 1.0}
RULES = Params(hedge_weight=0.5, support=0.6, refute=0.3, contest=0.4, min_outlets=1)


def test_each_outlet_counts_once() -> None:
    many = [Report("loud.example", FOR, article_id=str(i)) for i in range(5)]
    one_against = Report("quiet.example", AGAINST, article_id="q")
    v = aggregate(many + [one_against], RULES)
    assert v.outlets == 2
    assert (v.support, v.refute) == (0.5, 0.5)  # five articles of one outlet weigh as one
    assert v.label == "contested"
    loud = next(e for e in v.evidence if e.outlet == "loud.example")
    assert len(loud.others) == 4 and loud.counted.article_id == "0"


def test_outlet_counted_by_latest_then_strongest_article() -> None:
    early_for = Report("o", FOR, date="2015-01-01", article_id="early")
    late_against = Report("o", AGAINST, date="2015-01-03", article_id="late")
    undated = Report("o", FOR, article_id="undated")
    (e,) = by_outlet([early_for, undated, late_against])
    assert e.counted.article_id == "late"
    weak = Report("p", {"for": 0.4, "against": 0.1, "observing": 0.5}, article_id="weak")
    strong = Report("p", {"for": 0.9, "against": 0.0, "observing": 0.1}, article_id="strong")
    (e,) = by_outlet([weak, strong])
    assert e.counted.article_id == "strong" and [r.article_id for r in e.others] == ["weak"]
    # outlets vote: the first report that takes a side counts; with probability shares, the strongest
    leaning = Report("p", {"for": 0.5, "against": 0.1, "observing": 0.4}, article_id="leaning")
    assert by_outlet([weak, leaning, strong])[0].counted.article_id == "leaning"
    assert by_outlet([weak, leaning, strong], Params(votes=False))[0].counted.article_id == "strong"


def test_outlets_vote_so_no_verdict_lacks_an_outlet_that_takes_it() -> None:
    """The session-20 finding: one outlet asserting the claim (P(for) 0.735, P(against) 0.053) made it
    "refuted" under the fitted refute threshold of 0.05 when the shares summed probabilities."""
    lone = [Report("one.example", {"for": 0.735, "against": 0.053, "observing": 0.212})]
    fitted = dict(hedge_weight=0.75, support=0.9, refute=0.05, contest=0.5, min_outlets=5)
    assert aggregate(lone, Params(**fitted, votes=False)).label == "refuted"
    v = aggregate(lone, Params(**fitted))
    assert (v.label, v.support, v.refute) == ("unverified", 1.0, 0.0)
    rng = np.random.default_rng(0)
    for _ in range(300):
        reports = [Report(f"o{rng.integers(6)}", dict(zip(LABELS, rng.dirichlet([1, 0.3, 1]))),
                          hedged=bool(rng.integers(2))) for _ in range(rng.integers(1, 9))]
        params = Params(*(float(rng.choice(corroborate.GRID[k])) for k in ("hedge_weight", "support", "refute",
                                                                          "contest")),
                        min_outlets=int(rng.choice(corroborate.GRID["min_outlets"])))
        v = aggregate(reports, params)
        sides = {corroborate.vote(e.counted) for e in v.evidence}
        needed = {"refuted": {"against"}, "corroborated": {"for"}, "contested": {"for", "against"}}
        assert needed.get(v.label, set()) <= sides, (v.label, sides)


def test_hedged_reports_weigh_less() -> None:
    plain = [Report(f"o{i}", FOR) for i in range(3)]
    hedged_reports = [Report(f"o{i}", FOR, hedged=True) for i in range(3)]
    assert aggregate(plain, RULES).label == "corroborated"
    v = aggregate(hedged_reports, RULES)
    assert v.support == pytest.approx(0.5) and v.label == "unverified"
    assert aggregate(hedged_reports, Params(hedge_weight=1.0, support=0.6)).label == "corroborated"


def test_refuted_unverified_and_empty() -> None:
    assert aggregate([Report("a", AGAINST), Report("b", OBSERVING), Report("c", OBSERVING)], RULES).label == "refuted"
    assert aggregate([Report("a", OBSERVING), Report("b", FOR)], RULES).label == "unverified"
    empty = aggregate([], RULES)
    assert (empty.label, empty.score, empty.outlets) == ("unverified", 0.0, 0)


def test_majority_rule_never_refutes_what_more_outlets_support() -> None:
    many_for = [Report("a", AGAINST)] + [Report(o, FOR) for o in "bcdef"] + [Report("g", OBSERVING)]
    loose = Params(support=0.4, refute=0.1, contest=1.01)
    assert aggregate(many_for, loose).label == "refuted"              # one outlet in seven refutes: refute 0.14
    assert aggregate(many_for, Params(support=0.4, refute=0.1, contest=1.01, majority=True)).label == "corroborated"
    tie = [Report("a", AGAINST), Report("b", FOR), Report("c", OBSERVING)]
    assert aggregate(tie, Params(support=0.3, refute=0.1, contest=1.01, majority=True)).label == "unverified"
    assert aggregate([Report("a", AGAINST), Report("b", OBSERVING)],
                     Params(support=0.3, refute=0.1, contest=1.01, majority=True)).label == "refuted"


def test_min_outlets_for_corroboration() -> None:
    rules = Params(support=0.6, min_outlets=3)
    assert aggregate([Report("a", FOR), Report("b", FOR)], rules).label == "unverified"
    assert aggregate([Report("a", FOR), Report("b", FOR), Report("c", FOR)], rules).label == "corroborated"


def test_veracity_mapping_and_bad_params() -> None:
    assert [veracity(v) for v in corroborate.VERDICTS] == ["true", "false", "unknown", "unknown"]
    with pytest.raises(ValueError):
        veracity("maybe")
    with pytest.raises(ValueError):
        Params(hedge_weight=1.5)
    with pytest.raises(ValueError, match="above 0"):
        Params(refute=0.0)


def test_fit_finds_rules_that_separate_the_claims() -> None:
    claims = [[Report("a", FOR), Report("b", FOR)], [Report("a", AGAINST), Report("b", OBSERVING)],
              [Report("a", OBSERVING), Report("b", OBSERVING)]]
    params, acc = corroborate.fit(claims, ["true", "false", "unknown"])
    assert acc == 1.0
    assert [veracity(aggregate(c, params).label) for c in claims] == ["true", "false", "unknown"]


def test_fit_always_weighs_hedged_reports_less() -> None:
    """Where only full weight for hedged reports would separate the claims (true claims: four outlets, all
    hedged and for; unknown claims: four plain outlets, three for, one observing), the fit gives up accuracy
    rather than weigh a hedged report as much as a plain one."""
    claims = [[Report(f"{o}.example", FOR, hedged=True) for o in "abcd"] for _ in range(4)]
    claims += [[Report(f"{o}.example", FOR) for o in "efg"] + [Report("h.example", OBSERVING)] for _ in range(4)]
    truths = ["true"] * 4 + ["unknown"] * 4
    params, acc = corroborate.fit(claims, truths)
    assert params.hedge_weight < 1.0 and acc < 1.0
    assert corroborate.accuracy(claims, truths, Params(hedge_weight=1.0, support=0.9, refute=0.3, contest=1.01)) == 1.0


def test_reader_both_shapes(tmp_path: Path) -> None:
    rows = em.read_rows(FIXTURE)
    assert [r.article_id for r in rows] == ["a1", "a2", "a3", "b1", "b2"]
    assert rows[0].headline == 'Mayor adopts owl, names it "Hoot"'
    assert rows[3].headline == "Green river photos are fake, officials say"
    assert (rows[0].stance, rows[0].truth, rows[0].outlet) == ("for", "true", "www.dailyexample.com")
    bare = tmp_path / "bare.csv"
    with open(bare, "w", newline="") as f:  # the url-versions shape without stance: no truth, outlet = the article
        w = csv.writer(f)
        w.writerow(["", "claimHeadline", "articleHeadline", "articleId", "claimId"])
        w.writerow(["0", "A claim", "A headline", "x1", "k1"])
    (row,) = em.read_rows(bare)
    assert (row.stance, row.truth, row.outlet) == (None, None, "article:x1")


def test_reader_rejects_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("claimHeadline,articleHeadline\nx,y\n")
    with pytest.raises(InputError, match="missing column"):
        em.read_rows(bad)
    bad.write_text("claimHeadline,articleHeadline,articleId,claimId,articleHeadlineStance\nx,y,a,c,agree\n")
    with pytest.raises(InputError, match="row 2 has unknown articleHeadlineStance"):
        em.read_rows(bad)
    with pytest.raises(InputError, match="cannot read"):
        em.read_rows(tmp_path / "missing.csv")


def test_write_predictions_and_score(tmp_path: Path) -> None:
    rows = em.read_rows(FIXTURE)
    # a2 (observing) predicted "for"; everything else right
    proba = np.eye(3)[[LABELS.index(s) for s in ["for", "for", "for", "against", "observing"]]]
    verdicts = {cid: aggregate(items, RULES) for cid, items in em.reports(rows, proba).items()}
    out = tmp_path / "pred"
    em.write_predictions(out, rows, proba, verdicts)
    with open(out / "headlines.csv", newline="") as f:
        heads = list(csv.DictReader(f))
    assert [(h["articleId"], h["claimId"], h["stance"]) for h in heads][:2] == [("a1", "c1", "for"), ("a2", "c1", "for")]
    with open(out / "claims.csv", newline="") as f:
        claims = {c["claimId"]: c["veracity"] for c in csv.DictReader(f)}
    # c1: two outlets, both "for" (dailyexample counted once) -> true; c2: one against of two outlets -> false
    assert claims == {"c1": "true", "c2": "false"}
    m = em.score(rows, proba, verdicts, {"stance": "for", "veracity": "unknown"})
    assert m["stance"]["accuracy"] == pytest.approx(0.8)
    assert m["stance"]["majority_accuracy"] == pytest.approx(0.4)
    assert m["veracity"]["accuracy"] == 1.0 and m["veracity"]["majority_accuracy"] == 0.0


def test_label_metrics_hand_computed() -> None:
    m = label_metrics(["for", "for", "against", "observing"], ["for", "observing", "against", "for"], LABELS)
    assert m["accuracy"] == 0.5
    assert m["per_class"]["for"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert m["per_class"]["observing"]["f1"] == 0.0
    assert m["macro_f1"] == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert m["confusion"][0] == [1, 0, 1]


def test_split_is_claim_disjoint_and_deterministic() -> None:
    rows = [em.Row(f"a{i}", f"c{i % 20}", "claim", "headline", "o", "for", "true") for i in range(100)]
    s = split(rows)
    assert len({r.claim_id for r in s.dev}) == 4
    assert not {r.claim_id for r in s.dev} & {r.claim_id for r in s.train}
    assert [r.article_id for r in split(rows).dev] == [r.article_id for r in s.dev]


def test_a_report_is_hedged_when_its_headline_hedges_or_asks_not_when_it_credits() -> None:
    from onrecord.analyzers.headline import hedged_headlines

    assert hedged_headlines(["Mayor reportedly adopts owl", "Did the mayor adopt an owl?", "Mayor may adopt owl",
                             "Mayor adopts owl", "Officials say mayor adopts owl"]) == [True, True, True, False, False]


def test_features_see_refutation_only_when_the_claim_lacks_it() -> None:
    plain = dense_features("A river turned green", "River photos are a hoax")
    echoed = dense_features("The green river is a hoax", "River photos are a hoax")
    assert not np.array_equal(plain, echoed)
    fe = FeatureExtractor(min_df=1).fit(["a claim about owls"], ["owls adopted", "no owls here"])
    X = fe.transform(["a claim about owls", "a claim about owls"], ["owls adopted", "nothing related"])
    assert X.shape[0] == 2 and X[0, -1] > X[1, -1]  # last column: claim–headline cosine


@needs_model
def test_shipped_model_reads_refutation_and_evaluate_writes(tmp_path: Path) -> None:
    model = models.load("emergent")
    proba = model.predict_proba(["A river turned bright green overnight"] * 2,
                                ["Green river photos are a hoax, officials deny", "River turns bright green overnight"])
    assert proba.shape == (2, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert proba[0].argmax() == LABELS.index("against") and proba[1].argmax() == LABELS.index("for")
    m = em.evaluate([FIXTURE], predictions=tmp_path / "out", json_out=tmp_path / "m.json", progress=False)
    assert m["articles"] == 5 and m["claims"] == 2 and "stance" in m and "veracity" in m
    low, high = m["stance"]["intervals"]["accuracy"]  # two claims resampled
    assert low - 1e-3 <= m["stance"]["accuracy"] <= high + 1e-3
    assert (tmp_path / "out" / "claims.csv").exists() and (tmp_path / "m.json").exists()


def test_restated_claim_pairs_restate_with_another_outlets_supporting_headline() -> None:
    from onrecord.training.emergent import restated_claim_pairs

    rows = [em.Row("a1", "c1", "claim one", "Spider burrows under skin", "o1", "for"),
            em.Row("a2", "c1", "claim one", "Experts: spider story a hoax", "o2", "against"),
            em.Row("a3", "c1", "claim one", "Report says spider burrowed", "o3", "observing"),
            em.Row("a4", "c1", "claim one", "Tropical spider lived in man's skin", "o4", "for"),
            em.Row("b1", "c2", "claim two", "Lone headline for its claim", "o1", "for"),
            em.Row("d1", "c3", "claim three", "Nobody asserts this", "o1", "observing")]
    claims, heads, y = restated_claim_pairs(rows, np.arange(len(rows)), 1.0, 0)
    by_head = dict(zip(heads, zip(claims, y)))
    # every row of c1 gets one pair; c2's only "for" headline and c3 (no "for" headline) have no restatement
    assert set(by_head) == {r.headline for r in rows[:4]}
    for r in rows[:4]:
        restatement, label = by_head[r.headline]
        assert restatement in {"Spider burrows under skin", "Tropical spider lived in man's skin"}
        assert restatement != r.headline and LABELS[label] == r.stance
    # share and index subset are honoured, and the draw is seeded
    half = restated_claim_pairs(rows, np.array([0, 1, 2, 3]), 0.5, 3)
    assert len(half[0]) == 2 and half[0] == restated_claim_pairs(rows, np.array([0, 1, 2, 3]), 0.5, 3)[0]
    assert restated_claim_pairs(rows, np.array([1, 2]), 1.0, 0)[0] == []  # no "for" headline among the rows
