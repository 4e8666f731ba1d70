"""Shared fixtures. Unit tests never read ../shared; tests marked `shared` skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


def read_example(name: str):
    from onrecord.readers import load

    return load(str(EXAMPLES / name))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--role-tagger", choices=("crf", "minilm", "mixed"), default=None,
        help="run the tests with this role tagger for both the rules' and the tagger cues' attributions "
             "(analyzers.attribution.ROLE_TAGGER and TAGGED_ROLE_TAGGER; default: as shipped). minilm and mixed need "
             "the artifact `onrecord train role_tagger` builds (shipped since session 52); e.g. `pytest "
             "tests/test_attribution.py --role-tagger crf` runs the hand-written cases with the role CRF the analyzer "
             "falls back to without that artifact (BENCHMARKS.md, sessions 51-52)")


@pytest.fixture(autouse=True)
def _role_tagger(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    which = request.config.getoption("--role-tagger")
    if which is None:
        return
    from onrecord import models
    from onrecord.analyzers import attribution

    if which != "crf" and not models.available("role_tagger"):
        pytest.exit("--role-tagger minilm / mixed needs the role tagger: onrecord train role_tagger --data "
                    "../shared/data/polnear", returncode=2)
    monkeypatch.setattr(attribution, "ROLE_TAGGER", which)
    monkeypatch.setattr(attribution, "TAGGED_ROLE_TAGGER", which)
