"""The stacked check-worthiness model (TF-IDF + fine-tuned MiniLM) and the training that builds it."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from onrecord import minilm, models, textclf
from onrecord.checkworthiness import CheckworthyModel, previous_sentences, sentence_pairs, stack_inputs
from onrecord.evaluation import checkworthy as cw
from onrecord.training import checkworthy as training

CLAIMS = [f"Unemployment fell to {k}.5 percent in {2000 + k}, the lowest rate in {k + 10} years." for k in range(40)]
CHATTER = [f"Thank you all so much, it is good to see friend number {k} tonight." for k in range(40)]


class FakeCross:
    """Stands in for the fine-tuned MiniLM: a positive margin when the sentence has a digit."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], list[str]]] = []

    def logits(self, a: list[str], b: list[str]) -> np.ndarray:
        self.calls.append((list(a), list(b)))
        return np.array([[0.0, 2.0 if any(ch.isdigit() for ch in t) else -2.0] for t in a], dtype=np.float32)


def text_model() -> textclf.TextClassifier:
    texts = CLAIMS[:20] + CHATTER[:20]
    return textclf.fit(texts, [1] * 20 + [0] * 20, textclf.Features(min_df=1))


def test_stack_inputs_are_log_odds_and_margin() -> None:
    z = stack_inputs(np.array([0.5, 1.0, 0.0]), np.array([[1.0, 3.0], [0.0, 0.0], [2.0, -1.0]]))
    assert z.shape == (3, 2) and np.isfinite(z).all()
    assert z[0].tolist() == pytest.approx([0.0, 2.0]) and z[2, 1] == pytest.approx(-3.0)
    assert z[1, 0] > 10 and z[2, 0] < -10  # clipped, not infinite


def test_stacked_scores_use_the_fine_tuned_model_on_single_sentences() -> None:
    text = text_model()
    model = CheckworthyModel(text, 0.5, "test", {})
    texts = CLAIMS[30:33] + CHATTER[30:33]
    np.testing.assert_allclose(model.scores(texts), text.scores(texts))  # no stacker: TF-IDF alone
    y = np.array([1, 1, 1, 0, 0, 0])
    model.stacker = LogisticRegression().fit(stack_inputs(text.scores(texts), FakeCross().logits(*sentence_pairs(texts))), y)
    with pytest.raises(RuntimeError, match="cross-encoder"):
        model.scores(texts)
    model.cross = FakeCross()
    got = model.scores(texts)
    assert model.cross.calls == [(texts, [""] * 6)]
    assert got.shape == (6,) and got[:3].min() > got[3:].max()
    assert model.scores([]).shape == (0,)
    back = pickle.loads(pickle.dumps(model))
    assert back.cross is None and back.stacker is not None


def test_previous_sentences_and_pairs() -> None:
    assert previous_sentences(["a", "b", "c"]) == ["", "a", "b"] and previous_sentences([]) == []
    assert sentence_pairs(["a", "b"]) == (["a", "b"], ["", ""])
    assert sentence_pairs(["a", "b"], ["", "a"]) == (["a", "b"], ["", "a"])
    with pytest.raises(ValueError, match="2 sentences but 1"):
        sentence_pairs(["a", "b"], [""])


def test_a_context_model_reads_the_previous_sentence_and_an_older_one_does_not() -> None:
    text = text_model()
    texts = CLAIMS[30:33] + CHATTER[30:33]
    stacker = LogisticRegression().fit(stack_inputs(text.scores(texts), FakeCross().logits(*sentence_pairs(texts))),
                                       np.array([1, 1, 1, 0, 0, 0]))
    before = previous_sentences(texts)
    model = CheckworthyModel(text, 0.5, "test", {}, stacker=stacker, cross=FakeCross(), context=True)
    model.scores(texts, before)
    model.scores(texts)  # no context given: every sentence read as a first one
    assert model.cross.calls == [(texts, before), (texts, [""] * 6)]
    alone = CheckworthyModel(text, 0.5, "test", {}, stacker=stacker, cross=FakeCross())
    np.testing.assert_allclose(alone.scores(texts, before), alone.scores(texts))
    assert alone.cross.calls == [(texts, [""] * 6)] * 2
    state = pickle.loads(pickle.dumps(alone)).__dict__
    del state["context"]  # a model pickled before the field existed
    old = CheckworthyModel.__new__(CheckworthyModel)
    old.__setstate__(state)
    assert old.context is False


def test_group_ap_averages_transcripts_and_ct24() -> None:
    part = training.Part(["a", "b", "c", "d"], np.array([1, 0, 0, 1]), ["CT24", "CT24", "t1.tsv", "t1.tsv"],
                         ["", "", "", "c"])
    # CT24: positive ranked first (AP 1); t1: positive ranked second (AP 0.5)
    assert part.group_ap(np.array([0.9, 0.1, 0.8, 0.2])) == pytest.approx(0.75)


def write_corpus(root: Path) -> Path:
    """A tiny checkworthy/ folder: 8 transcripts and CT24 train/dev files."""
    (root / "clef2019_train").mkdir(parents=True)
    (root / "ct24").mkdir()
    for t in range(8):
        lines = []
        for k in range(6):
            claim = k % 3 == 0
            text = (CLAIMS if claim else CHATTER)[(t * 5 + k) % 40].replace("tonight", f"in town {t}")
            lines.append(f"{k + 1}\tSPEAKER\t{text} (t{t})\t{int(claim)}")
        (root / "clef2019_train" / f"2016{t:04d}_t.tsv").write_text("\n".join(lines) + "\n")
    rows = ["Sentence_id\tText\tclass_label"]
    for k in range(60):
        claim = k % 2 == 0
        rows.append(f"{k}\t{(CLAIMS if claim else CHATTER)[k % 40]} ({k})\t{'Yes' if claim else 'No'}")
    (root / "ct24" / "CT24_checkworthy_english_train.tsv").write_text("\n".join(rows) + "\n")
    (root / "ct24" / "CT24_checkworthy_english_dev.tsv").write_text("\n".join(rows[:11]) + "\n")
    return root


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Artifacts and manifest redirected to a temporary folder."""
    art = tmp_path / "artifacts"
    art.mkdir()
    monkeypatch.setattr(models, "ARTIFACTS", art)
    monkeypatch.setattr(models, "MANIFEST", art / "MANIFEST.json")
    monkeypatch.setattr(training, "ARTIFACT", art / "checkworthy.pkl")
    monkeypatch.setattr(training, "XENC_ARTIFACT", art / "checkworthy_xenc.npz")
    models.clear_cache()
    yield tmp_path
    models.clear_cache()


def test_train_stacks_a_fine_tuned_model_chosen_on_validation_only(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fit part never holds validation or dev sentences; the epoch is chosen by validation MAP; the shipped
    model (written, checksummed, loaded through the registry) scores with the exported network."""
    rng = np.random.default_rng(0)
    seen: dict[str, object] = {}

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None, n_classes=3, layers=6):
        seen.update(fit=list(a), pairs=list(b), valid=list(valid[0]), valid_pairs=list(valid[1]), n_classes=n_classes)
        history = []
        for e in range(epochs):  # epoch 2 is informative (margin +-3 by the label), epoch 1 noise
            margin = (np.where(valid[2] == 1, 3.0, -3.0) if e == 1 else rng.normal(size=len(valid[2])))
            s = score(valid[2], np.column_stack([np.zeros(len(margin)), margin]))
            history.append({"epoch": e + 1, "valid_score": s})
        return {"head.weight": rng.normal(scale=0.1, size=(2, 384)).astype(np.float32),
                "head.bias": np.zeros(2, dtype=np.float32)}, history

    def fake_export(enc, tensors, path):
        import io

        buf = io.BytesIO()
        np.savez(buf, **minilm.pack(tensors))
        Path(path).write_bytes(buf.getvalue())

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    monkeypatch.setattr("onrecord.training.crossencoder.export_onnx", fake_export)
    data = write_corpus(sandbox / "checkworthy")
    result = training.train(data, progress=False, epochs=2, max_steps=None)
    model = models.load("checkworthy")
    assert isinstance(model, CheckworthyModel) and model.model_id == training.MODEL_ID
    assert model.stacker is not None and model.cross is not None
    assert model.info["cross_epochs"] == 2 and seen["n_classes"] == 2 and model.context
    # each transcript sentence is read with the line before it in its transcript; CT24's with nothing
    transcripts = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    previous = {(t, b) for f in transcripts for t, b in zip(f.texts, previous_sentences(f.texts))}
    ct24 = set(cw.read_file(data / "ct24" / "CT24_checkworthy_english_train.tsv").texts)
    for a, b in [*zip(seen["fit"], seen["pairs"]), *zip(seen["valid"], seen["valid_pairs"])]:
        assert (a in ct24 and b == "") or (a, b) in previous
    assert any(b for b in seen["pairs"]) and any(b for b in seen["valid_pairs"])
    dev, valid = set(result["dev_transcripts"]), set(model.info["valid_transcripts"])
    assert len(dev) == training.DEV_TRANSCRIPTS and len(valid) == training.VALID_TRANSCRIPTS and not dev & valid
    fit, held = set(seen["fit"]), set(seen["valid"])
    assert not fit & held
    for name in dev | valid:
        texts = cw.read_file(data / "clef2019_train" / name).texts
        assert not fit & set(texts)
    assert set(cw.read_file(data / "clef2019_train" / sorted(valid)[0]).texts) <= held
    entry = json.loads(models.MANIFEST.read_text())["checkworthy"]
    assert entry["cross_file"] == "checkworthy_xenc.npz" and entry["model"] == training.MODEL_ID
    assert "tfidf_alone" in result and 0.0 <= result["clef2019"]["map"] <= 1.0
    scores = model.scores(["Unemployment fell to 4.5 percent in 2004.", "Thanks, good to see you."])
    assert scores.shape == (2,) and 0 <= scores.min() <= scores.max() <= 1


def test_train_sentence_alone_ships_the_v2_network(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None, n_classes=3, layers=6):
        seen.update(pairs=set(b) | set(valid[1]))
        s = score(valid[2], np.column_stack([np.zeros(len(valid[2])), np.where(valid[2] == 1, 1.0, -1.0)]))
        return {"head.weight": np.zeros((2, 384), dtype=np.float32), "head.bias": np.zeros(2, dtype=np.float32)}, \
            [{"epoch": 1, "valid_score": s}]

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    monkeypatch.setattr("onrecord.training.crossencoder.export_onnx",
                        lambda enc, tensors, path: Path(path).write_bytes(b"not a network"))
    monkeypatch.setattr(models, "cross_encoders", lambda paths, max_length: FakeCross())
    training.train(write_corpus(sandbox / "checkworthy"), progress=False, epochs=1, sentence_alone=True)
    model = pickle.loads(training.ARTIFACT.read_bytes())
    assert seen["pairs"] == {""} and model.context is False and model.model_id == training.MODEL_ID_ALONE
    assert model.info["cross_context"] == "none"


def test_train_without_epochs_ships_the_tfidf_model_alone(sandbox: Path) -> None:
    data = write_corpus(sandbox / "checkworthy")
    result = training.train(data, progress=False, epochs=0)
    model = models.load("checkworthy")
    assert model.stacker is None and model.cross is None and result["model"] == "checkworthy-tfidf-v1"
    assert "cross_file" not in json.loads(models.MANIFEST.read_text())["checkworthy"]
    np.testing.assert_allclose(model.scores(CLAIMS[:3]), model.text.scores(CLAIMS[:3]))
