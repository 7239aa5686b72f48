"""read_docs pauses the cycle collector while it builds the model and, on a large doc
set, moves the model out of the collector's sight (gc.freeze).  Both are sound only
while reading makes no cyclic garbage and the model holds no cycles: then reference
counting alone frees all of it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from generator.read import docs
from generator.read.docs import read_docs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_off")
def test_reading_makes_no_cyclic_garbage_and_the_model_holds_no_cycles() -> None:
    model = read_docs([ROOT / "input_docs"], jobs=1)
    assert model.operations and model.types
    assert gc.collect() == 0  # nothing unreachable was left to the collector
    del model
    assert gc.collect() == 0  # the model was freed by reference counting alone


def test_the_collector_is_as_it_was_after_reading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            read_docs([tmp_path], jobs=1)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()


def test_a_large_doc_set_is_frozen_a_small_one_not(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    with mock.patch.object(gc, "freeze") as freeze:
        read_docs([tmp_path], jobs=1)
        assert not freeze.called
        with mock.patch.object(docs, "FREEZE_THRESHOLD", 1):
            read_docs([tmp_path], jobs=1)
        assert freeze.called
