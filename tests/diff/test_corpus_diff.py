"""The real Graph v1.0 corpus: read twice it has no changes, and one operation taken out
is found as exactly that (duplicated endpoints elsewhere must not hide or multiply it)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diff.change import Level
from generator.diff.compare import compare
from generator.diff.surface import Surface, surface
from generator.model import Model
from generator.read.docs import read_docs

pytestmark = pytest.mark.corpus

CORPUS = Path(
    os.environ.get("DOCS2CODE_CORPUS")
    or Path(__file__).resolve().parents[3] / "shared" / "corpus" / "graph-v1.0"
)


@pytest.fixture(scope="module")
def corpus(corpus_model: Model) -> tuple[Surface, Surface]:
    return surface(corpus_model), surface(read_docs([CORPUS]))  # two reads: one surface


def test_two_reads_of_the_corpus_have_no_changes(corpus: tuple[Surface, Surface]) -> None:
    old, new = corpus
    assert len(old.operations) > 1000 and len(old.types) > 1000
    assert compare(old, new) == ()


def test_one_operation_taken_out_of_the_corpus(corpus: tuple[Surface, Surface]) -> None:
    old, new = corpus
    counts: dict[str, int] = {}
    for op in old.operations:
        for e in op.endpoints:
            counts[e.key] = counts.get(e.key, 0) + 1
    # an operation whose endpoints no other page documents, and one whose endpoints all are
    unique = next(op for op in old.operations if all(counts[e.key] == 1 for e in op.endpoints))
    shared = next(
        op for op in old.operations if op.endpoints and all(counts[e.key] > 1 for e in op.endpoints)
    )
    for gone, expected in ((unique, [("operation-removed", Level.BREAKING)]), (shared, [])):
        kept = replace(new, operations=tuple(op for op in new.operations if op.id != gone.id))
        assert [(c.kind, c.severity) for c in compare(old, kept)] == expected, gone.id
