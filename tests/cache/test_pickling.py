"""The model pickles as class + field values (generator.pickling), exactly: every
dataclass a real page result or a whole model holds comes back equal, with the same hash
and repr, still slotted and frozen; results cross worker processes and the page cache as
the same bytes."""

from __future__ import annotations

import copy
import dataclasses
import gc
import hashlib
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from generator import model as model_module
from generator.cache import Cache
from generator.cache.keys import page_digests
from generator.cache.pages import PageStore, pickled
from generator.model import Model, Span
from generator.pickling import by_fields, dumps, loads, rebuild
from generator.read import discover, read_docs
from generator.read import docs as reader
from generator.read.docs import read_page, read_pickled

from .conftest import ROOT


def objects(value: object) -> Iterator[object]:
    """``value`` and everything it holds, depth first, in a fixed order."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from objects(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from objects(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from objects(key)
            yield from objects(item)


def assert_exact(original: object, back: object) -> set[type]:
    """``back`` is ``original`` object for object; returns the dataclasses met."""
    assert back == original
    assert repr(back) == repr(original)
    met: set[type] = set()
    pairs = list(zip(objects(original), objects(back), strict=True))
    for before, after in pairs:
        assert type(after) is type(before)
        if dataclasses.is_dataclass(before):
            met.add(type(before))
            assert not hasattr(after, "__dict__")  # still slotted
            name = dataclasses.fields(after)[0].name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(after, name, None)
            # pickled by its fields, not by dataclasses' generic __getstate__
            assert before.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is rebuild
        try:
            expected = hash(before)
        except TypeError:  # holds a dict or a list
            continue
        assert hash(after) == expected
    return met


def test_page_results_and_the_whole_model_round_trip_exactly() -> None:
    docs = ROOT / "input_docs"
    sources, _ = discover([docs])
    met: set[type] = set()
    for source in sources:
        result = read_page(source)
        met |= assert_exact(result, pickle.loads(dumps(result)))
        assert loads(dumps(result)) == result
    model = read_docs([docs])
    met |= assert_exact(model, loads(dumps(model)))
    declared = {
        value
        for value in vars(model_module).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == model_module.__name__
    }
    assert len(met) > 20 and met <= declared


@pytest.mark.corpus
def test_the_corpus_model_round_trips_exactly(corpus_model: Model) -> None:
    back = loads(dumps(corpus_model))
    assert isinstance(back, Model)
    assert_exact(corpus_model, back)


def test_copies_and_replace_are_unaffected() -> None:
    span = Span("a.md", 3, 4, 2)
    assert copy.copy(span) == span and copy.deepcopy(span) == span
    assert copy.deepcopy((span, [span]))[1][0] == span
    moved = dataclasses.replace(span, line=1)
    assert moved == Span("a.md", 1, 4, 2) and type(moved) is Span
    assert pickle.loads(pickle.dumps(span)) == span  # any protocol's default too
    assert pickle.loads(pickle.dumps(span, protocol=2)) == span


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class Located(Span):
    """A subclass with a field of its own."""

    note: str = ""


class Marked(Span):
    """A subclass that holds more than its fields: pickled as dataclasses pickle it."""

    __slots__ = ("mark",)


@by_fields
@dataclasses.dataclass(frozen=True)
class Plain:
    """No slots: pickled as dataclasses pickle it."""

    name: str


def test_subclasses_pickle_by_their_own_fields() -> None:
    located = Located("a.md", 1, 2, 3, note="here")
    back = loads(dumps(located))
    assert type(back) is Located and back == located and repr(back) == repr(located)
    assert hash(back) == hash(located) and back.note == "here"
    assert located.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is rebuild
    assert located < Located("b.md", 1, 2, 3)  # order, from Span's dataclass, still works

    marked = Marked("a.md", 1, 2)
    assert marked.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is not rebuild
    assert loads(dumps(marked)) == marked

    plain = Plain("x")
    assert plain.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is not rebuild
    assert loads(dumps(plain)) == plain
    with pytest.raises(TypeError):
        by_fields(dict)


def test_loads_pauses_the_collector_and_restores_it() -> None:
    assert gc.isenabled()
    assert loads(dumps([1, (2,)])) == [1, (2,)]
    assert gc.isenabled()
    with pytest.raises(pickle.UnpicklingError):
        loads(b"not a pickle")
    assert gc.isenabled()
    gc.disable()
    try:
        loads(dumps(1))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_worker_sends_the_pickle_this_process_makes() -> None:
    sources, _ = discover([ROOT / "input_docs"])
    here = [pickled(read_page(s)) for s in sources]
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = list(pool.map(read_pickled, sources))
    assert there == here


def test_the_cache_keeps_the_workers_bytes_and_their_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = ROOT / "input_docs"
    sources, _ = discover([docs])
    digests = page_digests(sources)
    monkeypatch.setattr(reader, "PARALLEL_THRESHOLD", 1)  # read in worker processes
    cache = Cache(tmp_path / "cache")
    cold = PageStore(cache.store, "tool", digests)
    model = read_docs([docs], jobs=2, cache=cold)
    assert model == read_docs([docs], jobs=1)
    expected = {s.rel: hashlib.sha256(pickled(read_page(s))).hexdigest() for s in sources}
    assert cold.results == expected
    assert {rel: payload for rel, (_, _, payload) in cold.pending.items()} == {
        s.rel: pickled(read_page(s)) for s in sources
    }
    cold.commit(digests)
    cache.store.end_build()  # the background writes done

    warm = PageStore(Cache(tmp_path / "cache").store, "tool", digests)  # a new process
    assert read_docs([docs], jobs=2, cache=warm) == model
    assert warm.hits == len(sources) and warm.results == expected  # none pickled again
