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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test`` runs two workers), every test that reads the
    corpus runs in the same worker, so the corpus is read once per test run."""
    for item in items:
        if item.get_closest_marker("corpus") or "corpus_model" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.xdist_group("corpus"))
