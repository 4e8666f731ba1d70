"""The NumPy MiniLM against reference outputs, its int8 packing, and the PyTorch training mirror."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from onrecord import minilm, models
from onrecord.stance_features import evidence_passage

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.npz"


@pytest.fixture(scope="module")
def encoder() -> minilm.Encoder:
    return models.load("minilm")


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    # Written once with Hugging Face transformers' BertModel on the same weights (mean pooling, unit length).
    with np.load(FIXTURE) as f:
        return {k: f[k] for k in f.files}


def test_embeddings_match_the_reference_implementation(encoder, reference):
    got = encoder.embed([str(t) for t in reference["texts"]])
    assert got.shape == (3, 384) and got.dtype == np.float32
    np.testing.assert_allclose(got, reference["embeddings"], atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_pair_encoding_matches_the_reference(encoder, reference):
    batch = encoder.tokenize(["Headline here"], ["Body sentence one. Body two."])
    np.testing.assert_array_equal(batch.ids[0], reference["pair_ids"])
    np.testing.assert_array_equal(batch.types[0], reference["pair_types"])
    np.testing.assert_allclose(encoder.hidden(batch)[0], reference["pair_hidden"], atol=1e-4)


def test_padding_does_not_change_embeddings(encoder):
    short, long = "Short one.", "A much longer sentence that forces the batch to pad the short one a lot."
    together = encoder.embed([short, long])
    alone = np.vstack([encoder.embed([short]), encoder.embed([long])])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_embeddings_rank_a_paraphrase_above_an_unrelated_sentence(encoder):
    q, para, other = encoder.embed(["The president resigned on Monday.",
                                    "On Monday the head of state stepped down.",
                                    "Heavy rain flooded the city's football stadium."])
    assert q @ para > q @ other + 0.2


def test_pair_truncation_keeps_the_limit_and_both_segments(encoder):
    batch = encoder.tokenize(["word " * 200], ["other " * 400], max_length=64)
    assert batch.ids.shape == (1, 64)
    assert batch.types[0].sum() > 0  # the second text keeps some tokens
    assert batch.ids[0, -1] == encoder.tokenizer.token_to_id("[SEP]")


def test_quantized_packing_round_trips(rng=np.random.default_rng(0)):
    tensors = {"encoder.layer.0.output.dense.weight": rng.normal(size=(384, 1536)).astype(np.float32),
               "encoder.layer.0.output.dense.bias": rng.normal(size=384).astype(np.float32),
               "embeddings.position_embeddings.weight": rng.normal(size=(8, 384)).astype(np.float32)}
    packed = minilm.pack(tensors)
    assert packed["encoder.layer.0.output.dense.weight:q"].dtype == np.int8
    assert packed["embeddings.position_embeddings.weight"].dtype == np.float32  # embeddings stay float
    back = minilm.unpack(packed)
    assert set(back) == set(tensors)
    w, got = tensors["encoder.layer.0.output.dense.weight"], back["encoder.layer.0.output.dense.weight"]
    assert np.abs(w - got).max() <= np.abs(w).max(axis=1).max() / 127 / 2 + 1e-6
    np.testing.assert_array_equal(back["encoder.layer.0.output.dense.bias"], tensors["encoder.layer.0.output.dense.bias"])


def test_apply_delta_refuses_a_wrong_shape(encoder):
    with pytest.raises(ValueError, match="shape"):
        minilm.apply_delta(encoder.w, {"encoder.layer.0.output.dense.bias": np.zeros(3, dtype=np.float32)})


def test_cross_encoder_logits_do_not_depend_on_batching(encoder):
    rng = np.random.default_rng(1)
    tensors = {"head.weight": rng.normal(size=(3, 384)).astype(np.float32), "head.bias": np.zeros(3, dtype=np.float32)}
    cross = minilm.cross_encoder(encoder, tensors, max_length=64)
    a = ["Claim one", "A second, longer claim about the same thing", "Three"]
    b = ["Body text here. More body.", "Another body entirely, somewhat longer than the first one.", "Short."]
    together = cross.logits(a, b, batch_size=3)
    one_by_one = np.vstack([cross.logits([x], [y]) for x, y in zip(a, b)])
    np.testing.assert_allclose(together, one_by_one, atol=1e-4)


def test_torch_training_mirror_matches_numpy(encoder):
    torch = pytest.importorskip("torch")
    from onrecord.training.crossencoder import build_torch_model, predict_logits

    model = build_torch_model(encoder.w)
    a, b = ["Headline about a cat", "Another headline"], ["Body text about cats and dogs. More.", "Short body"]
    expected = predict_logits(model, encoder, a, b)
    state = {k: v.detach().numpy() for k, v in model.state_dict().items() if k.startswith("head.")}
    got = minilm.cross_encoder(encoder, state).logits(a, b)
    np.testing.assert_allclose(got, expected, atol=1e-4)
    assert not model.embeddings.word_embeddings.weight.requires_grad
    assert torch.is_tensor(model.head.weight)


def test_evidence_passage_keeps_the_lead_and_the_matching_sentences():
    body = ("The lead sentence sets the scene. Weather was mild. "
            "Officials denied that the bridge collapsed. Nothing else happened. "
            "A spokesman said the bridge is safe. Football scores followed.")
    passage = evidence_passage("Bridge collapsed, officials say", body, k=3)
    assert passage.startswith("The lead sentence sets the scene.")
    assert "Officials denied that the bridge collapsed." in passage
    assert "A spokesman said the bridge is safe." in passage
    assert "Football" not in passage and "Weather" not in passage
    assert evidence_passage("Anything", "One. Two.") == "One. Two."


def test_evidence_passage_cue_bonus_reaches_a_denial_that_repeats_few_headline_words():
    body = ("A story spread online on Monday. "
            "The giant spider video was shared widely. "
            "The zoo said the spider was a hoax. "
            "Readers argued about it all week.")
    head = "Giant spider found in Sydney kitchen, video shows"
    plain = evidence_passage(head, body, k=2)
    assert plain == "A story spread online on Monday. The giant spider video was shared widely."
    favoured = evidence_passage(head, body, k=2, cue_bonus=1.0)
    assert favoured == "A story spread online on Monday. The zoo said the spider was a hoax."
    # a refutation word in a sentence sharing nothing with the headline earns nothing
    assert "Readers" not in evidence_passage(head, body.replace("all week", "is not settled"), k=2, cue_bonus=1.0)


def test_onnx_export_matches_the_training_network(encoder, tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from onrecord.training.crossencoder import build_torch_model, export_onnx, predict_logits

    model = build_torch_model(encoder.w)
    tensors = {k: v.detach().numpy() for k, v in model.state_dict().items() if k.startswith("head.")}
    export_onnx(encoder, tensors, tmp_path / "x.onnx")
    a, b = ["Headline about a cat", "Another headline"], ["Body text about cats and dogs. More.", "Short body"]
    got = minilm.OnnxCrossEncoder(tmp_path / "x.onnx", encoder).logits(a, b)
    np.testing.assert_allclose(got, predict_logits(model, encoder, a, b), atol=0.05)  # int8 weights and activations


def test_a_network_cut_to_its_first_layers_exports_and_runs(encoder, tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from onrecord.training.crossencoder import build_torch_model, export_onnx, layers_in, predict_logits

    model = build_torch_model(encoder.w, n_classes=2, layers=3)
    assert len(model.encoder.layer) == 3
    tensors = {k: v.detach().numpy() for k, v in model.state_dict().items() if k != "embeddings.word_embeddings.weight"}
    assert layers_in(tensors) == 3 and layers_in({"head.bias": np.zeros(2)}) == minilm.LAYERS
    export_onnx(encoder, tensors, tmp_path / "x3.onnx")
    a, b = ["Unemployment fell to 3.5 percent.", "Thank you all."], ["", ""]
    got = minilm.OnnxCrossEncoder(tmp_path / "x3.onnx", encoder).logits(a, b)
    assert got.shape == (2, 2)
    np.testing.assert_allclose(got, predict_logits(model, encoder, a, b), atol=0.05)


def test_a_tampered_cross_encoder_file_is_refused(tmp_path, monkeypatch):
    import json
    import shutil

    entry = models.manifest()["stance"]
    for name in (entry["file"], entry["cross_file"]):
        shutil.copy(models.ARTIFACTS / name, tmp_path / name)
    (tmp_path / "MANIFEST.json").write_text(json.dumps({"stance": entry}))
    monkeypatch.setattr(models, "ARTIFACTS", tmp_path)
    monkeypatch.setattr(models, "MANIFEST", tmp_path / "MANIFEST.json")
    spec = models.REGISTRY["stance"]
    assert set(spec.files()) == {"model", "cross"}
    with open(tmp_path / entry["cross_file"], "ab") as f:
        f.write(b"\0")
    with pytest.raises(models.ModelError, match="checksum mismatch"):
        models._verify(spec)


def test_a_bag_of_cross_encoders_is_checksummed_file_by_file(tmp_path, monkeypatch):
    import json
    import shutil

    entry = dict(models.manifest()["emergent"])
    names = entry["cross_file"].split()
    assert len(names) == len(entry["cross_sha256"].split()) > 1
    for name in (entry["file"], *names):
        shutil.copy(models.ARTIFACTS / name, tmp_path / name)
    (tmp_path / "MANIFEST.json").write_text(json.dumps({"emergent": entry}))
    monkeypatch.setattr(models, "ARTIFACTS", tmp_path)
    monkeypatch.setattr(models, "MANIFEST", tmp_path / "MANIFEST.json")
    spec = models.REGISTRY["emergent"]
    assert set(spec.files()) == {"model", "cross", *(f"cross{i}" for i in range(2, len(names) + 1))}
    models._verify(spec)
    with open(tmp_path / names[-1], "ab") as f:
        f.write(b"\0")
    with pytest.raises(models.ModelError, match="checksum mismatch"):
        models._verify(spec)
    entry["cross_sha256"] = " ".join(entry["cross_sha256"].split()[:-1])  # one digest short
    (tmp_path / "MANIFEST.json").write_text(json.dumps({"emergent": entry}))
    monkeypatch.setattr(models, "_cache", {})  # as in a process that has not loaded it (a loaded model is available)
    assert not models.available("emergent")
    with pytest.raises(models.ModelError, match="digests"):
        models._verify(spec)


def test_a_loaded_model_is_available_without_reading_the_manifest_again(tmp_path, monkeypatch):
    models.load("role_tagger")
    monkeypatch.setattr(models, "MANIFEST", tmp_path / "gone.json")  # unreadable from here on
    assert models.available("role_tagger")  # loaded, so found and checked already
    monkeypatch.setattr(models, "_cache", {})
    assert not models.available("role_tagger")  # not loaded: the (missing) manifest records no checksum


def test_an_ensemble_averages_its_members_logits():
    class Const:
        def __init__(self, v):
            self.v = v

        def logits(self, a, b):
            return np.full((len(a), 3), self.v, dtype=np.float32)

    bag = minilm.EnsembleCrossEncoder([Const(1.0), Const(2.0), Const(6.0)])
    np.testing.assert_allclose(bag.logits(["a", "b"], ["c", "d"]), np.full((2, 3), 3.0))
    with pytest.raises(ValueError):
        minilm.EnsembleCrossEncoder([])


def test_fine_tune_honours_its_recipe_arguments(encoder):
    pytest.importorskip("torch")
    from onrecord.training.crossencoder import fine_tune

    a = ["Cat found alive", "Cat not found", "Dog wins prize", "Dog loses prize"]
    b = ["The cat was found alive on Monday.", "Nobody found the cat.", "The dog won.", "The dog lost."]
    y = np.array([0, 1, 2, 0])
    seen: list[int] = []

    def score(y_true, logits):
        seen.append(len(logits))
        return 0.0

    def run(lr):
        tensors, history = fine_tune(encoder, a, b, y, (a[:2], b[:2], y[:2]), score, epochs=1, seed=0, progress=False,
                                     layers=1, device="cpu", lr=lr, batch=2, max_length=16, class_power=1.0)
        return tensors, history

    frozen, history = run(0.0)
    assert len(history) == 1 and seen == [2]
    start = encoder.w["encoder.layer.0.attention.self.query.weight"]
    np.testing.assert_array_equal(frozen["encoder.layer.0.attention.self.query.weight"], start)  # lr 0: no change
    moved, _ = run(1e-3)
    assert not np.array_equal(moved["encoder.layer.0.attention.self.query.weight"], start)
    assert "embeddings.word_embeddings.weight" not in moved  # frozen, so never returned


def test_fine_tune_is_deterministic_for_a_seed(encoder):
    pytest.importorskip("torch")
    from onrecord.training.crossencoder import fine_tune

    a = ["Cat found alive", "Cat not found", "Dog wins prize", "Dog loses prize", "Storm hits town"]
    b = ["The cat was found alive on Monday, officials said.", "Nobody found the cat.", "The dog won.",
         "The dog lost the prize it was said to have won.", "A storm."]
    y = np.array([0, 1, 2, 0, 2])

    def run(seed):
        tensors, _ = fine_tune(encoder, a, b, y, (a[:2], b[:2], y[:2]), lambda yt, logits: 0.0, epochs=2, seed=seed,
                               progress=False, layers=1, batch=2, max_length=24, lr=1e-3)
        return tensors

    first, again, other = run(0), run(0), run(1)
    assert first.keys() == again.keys()
    assert all(np.array_equal(first[k], again[k]) for k in first)
    assert not np.array_equal(first["head.weight"], other["head.weight"])
