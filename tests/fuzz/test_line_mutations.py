"""Real pages damaged line by line never break docs2code (issue 12).

Pages from the shared corpus (a seeded sample) and the seeds get lines deleted,
duplicated and swapped, are truncated, or get random bytes inserted.  The reader, every
lint rule and the build plan raise nothing and everything generated compiles; a few
damaged doc sets also go through the real commands, which exit 0 or 1, never 2.
``scripts/fuzz_pages.py`` runs the same over thousands of pages.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.fuzz.mutations import (
    LINE_MUTATIONS,
    Page,
    damage_lines,
    sample_pages,
    shared_pages_present,
)
from tests.fuzz.pipeline import QUICK, MemoryFormatCache, check_docs

pytestmark = pytest.mark.skipif(not shared_pages_present(), reason="no shared corpus")

PAGES = sample_pages(60, seed=7) if shared_pages_present() else []
CACHE = MemoryFormatCache()
LONG = settings(QUICK, max_examples=2000)


def check_damaged(data: st.DataObject) -> None:
    page: Page = data.draw(st.sampled_from(PAGES), label="page")
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    damaged, done = damage_lines(page.text, rng, data.draw(st.integers(1, 6), label="count"))
    with tempfile.TemporaryDirectory() as folder:
        page.write(Path(folder), damaged)
        problems, _ = check_docs(Path(folder), CACHE)
    assert problems == [], f"{done}\n{page.diff(damaged)}"


@QUICK
@given(st.data())
def test_damaged_lines(data: st.DataObject) -> None:
    check_damaged(data)


@pytest.mark.fuzz
@LONG
@given(st.data())
def test_damaged_lines_long(data: st.DataObject) -> None:
    check_damaged(data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_commands_on_damaged_doc_sets(seed: int, tmp_path: Path) -> None:
    """Twelve damaged pages in one doc set, through ``lint``, ``model`` and ``build``."""
    rng = random.Random(seed)
    root = tmp_path / "docs"
    pages = rng.sample(PAGES, 12)
    damaged = {page.rel: damage_lines(page.text, rng, rng.randint(1, 6))[0] for page in pages}
    for page in pages:
        page.write(root, damaged[page.rel])
    for rel, text in damaged.items():  # another page's context must not undo its damage
        (root / rel).write_bytes(text)
    runs = {
        "lint": ["lint", str(root), "--format", "sarif"],
        "model": ["model", str(root), "-o", str(tmp_path / "model.json")],
        "build": ["build", str(root), "-o", str(tmp_path / "out")],
    }
    for name, args in runs.items():
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), (name, result.output)
    assert (tmp_path / "out" / "sdk").is_dir()


def test_every_line_mutation_changes_the_page() -> None:
    """The harness itself: each kind of damage comes up and changes the bytes."""
    text = b"---\ntitle: x\n---\n# Title\n\nline one\nline two\n"
    seen: set[str] = set()
    for seed in range(60):
        damaged, done = damage_lines(text, random.Random(seed))
        seen.update(done)
        if done != ["swap"] and done != ["truncate"]:  # may swap a line with itself
            assert damaged != text, done
    assert seen == set(LINE_MUTATIONS)
