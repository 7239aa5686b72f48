"""What the test folders share: the Graph v1.0 corpus next to the repository (or where
``DOCS2CODE_CORPUS`` points), read once per session, since a read takes seconds and the
model is frozen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import Model

CORPUS_ENV = "DOCS2CODE_CORPUS"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"


def corpus_root() -> Path:
    return Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)


@pytest.fixture(scope="session")
def corpus_model() -> Model:
    root = corpus_root()
    if not (root / "api").is_dir():
        pytest.skip(f"corpus not found at {root} (set {CORPUS_ENV})")
    from generator.read import read_docs

    return read_docs([root])
