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
