"""Any JSON value in an annotation or example body may be of any JSON type (issue 12).

Real pages from the shared corpus (a seeded sample) and the seeds get values replaced,
at any depth, by values of another type: objects where scalars are declared, ``null``,
huge and overflowing numbers, NaN-like strings and literals, mixed lists, duplicate
keys.  The reader, every lint rule and the build plan must take them without an
exception, and everything generated must still compile or parse.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import (
    KINDS,
    Page,
    json_sites,
    kind_of,
    sample_pages,
    shared_pages_present,
)
from tests.fuzz.mutations import swap_json_values as swap
from tests.fuzz.pipeline import QUICK, MemoryFormatCache, check_docs

pytestmark = pytest.mark.skipif(not shared_pages_present(), reason="no shared corpus")

PAGES = [
    p
    for p in (sample_pages(60, seed=12) if shared_pages_present() else [])
    if json_sites(p.text.decode("utf-8", "replace"))
]
CACHE = MemoryFormatCache()
LONG = settings(QUICK, max_examples=1500)


def check_swapped(data: st.DataObject) -> None:
    page: Page = data.draw(st.sampled_from(PAGES), label="page")
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    text = swap(page.text.decode("utf-8", "replace"), rng, data.draw(st.integers(1, 4)))
    mutated = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        page.write(Path(folder), mutated)
        problems, _ = check_docs(Path(folder), CACHE)
    assert problems == [], page.diff(mutated)


@QUICK
@given(st.data())
def test_json_values_of_another_type(data: st.DataObject) -> None:
    check_swapped(data)


@pytest.mark.fuzz
@LONG
@given(st.data())
def test_json_values_of_another_type_long(data: st.DataObject) -> None:
    check_swapped(data)


def test_swap_gives_values_of_every_other_type() -> None:
    """The harness itself: one swap in ``{"a": 1}`` changes the root's or ``a``'s JSON
    type (or writes a token strict JSON refuses), and every type comes up."""
    text = '```json\n{"a": 1}\n```\n'
    seen: set[str] = set()
    for seed in range(80):
        swapped = swap(text, random.Random(seed))
        sites = json_sites(swapped)
        if not sites:  # 1e999, NaN, a 5000-digit number: not strict JSON
            assert any(t in swapped for t in ("e999", "NaN", "Infinity", "0" * 5000)), swapped
            continue
        [site] = sites
        value = site.value
        kinds = (kind_of(value), kind_of(value["a"]) if isinstance(value, dict) else None)
        assert kinds != ("object", "number") or len(swapped.split('"a"')) == 3, swapped
        seen.update(k for k in kinds if k is not None)
    assert seen == set(KINDS)
