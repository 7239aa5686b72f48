"""Builds through the cache are byte for byte the builds without it: cold, warm, after
edits, with a damaged cache, and when a page changes while it is being read."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.cache.pages import pickled
from generator.model import Model
from generator.pipeline import cached_build_plan
from generator.pipeline.plan import build_plan
from generator.read import Limits, PageResult, Source, discover
from generator.read import docs as reader
from generator.read.docs import read_docs, read_page
from generator.render.formatting import FormatCache
from generator.render.options import BuildOptions

from .conftest import renderer, uncached

OPTIONS = BuildOptions()
TITLE = "# Listing versions of a DriveItem"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_cached_builds_are_the_uncached_builds(docs: Path, tmp_path: Path) -> None:
    render, folder = renderer(), tmp_path / "cache"
    reference = uncached(docs, render)

    cold = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)
    assert cold.plan == reference
    assert not cold.stats.unchanged and cold.stats.pages_cached == 0

    warm = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)  # a new process
    assert warm.plan == reference
    assert warm.stats.unchanged
    model = read_docs([docs])
    assert warm.diagnostics == model.diagnostics
    assert warm.model() == model

    edit(docs / "api" / "driveitem-list-versions.md", TITLE, TITLE + " and more")
    edit(docs / "resources" / "identity.md", "Unique identifier", "The unique identifier")
    changed = uncached(docs, render)
    assert changed != reference
    after_edit = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)
    assert after_edit.plan == changed
    assert after_edit.model() == read_docs([docs])
    assert after_edit.stats.pages_read == 2
    edited = {p for p in changed if p.endswith(".py") and changed[p] != reference[p]}
    assert after_edit.stats.files_formatted >= len(edited) > 0
    assert after_edit.stats.files_cached > 0

    (docs / "api" / "driveitemversion-get.md").unlink()
    (docs / "resources" / "new.md").write_text("# New\n\nA page.\n", encoding="utf-8")
    again = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)
    assert again.plan == uncached(docs, render)


def test_an_edit_that_reads_the_same_renders_nothing(docs: Path, tmp_path: Path) -> None:
    calls: list[Model] = []
    base = renderer()

    def render(model: Model, cache: FormatCache | None) -> dict[str, str]:
        calls.append(model)
        return base(model, cache)

    folder = tmp_path / "cache"
    reference = cached_build_plan([docs], OPTIONS, Cache(folder), render=render).plan
    # the example's lead sentence: the model keeps no prose of an example section
    prose = "This example retrieves the versions of a file"
    edit(docs / "api" / "driveitem-list-versions.md", prose, "Older versions may be kept. " + prose)
    after = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)  # a new process
    assert len(calls) == 1  # the one page was read, to the same result: no render
    assert after.stats.unchanged and after.stats.pages_read == 1
    assert after.plan == reference == uncached(docs, base)
    assert after.model() == read_docs([docs])
    assert cached_build_plan([docs], OPTIONS, Cache(folder), render=render).stats.pages_read == 0

    edit(docs / "api" / "driveitem-list-versions.md", "Older versions", "Older\n\nversions")
    shifted = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)  # lines moved
    assert len(calls) == 2 and not shifted.stats.unchanged
    assert shifted.plan == uncached(docs, base)


def test_a_result_digest_is_the_same_in_any_process(docs: Path) -> None:
    sources, _ = discover([docs])
    here = [pickled(read_page(s)) for s in sources]
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = [pickled(r) for r in pool.map(read_page, sources)]
    assert here == there
    assert [pickled(pickle.loads(p)) for p in here] == here  # a cached result digests alike


def test_the_real_build_plan_is_reproduced(docs: Path, tmp_path: Path) -> None:
    reference = build_plan(read_docs([docs]), OPTIONS)
    for _ in range(2):  # the renderers themselves, through the cache's layers
        assert cached_build_plan([docs], OPTIONS, Cache(tmp_path / "c")).plan == reference


def test_a_damaged_cache_is_rebuilt_not_trusted(docs: Path, tmp_path: Path) -> None:
    render, folder = renderer(), tmp_path / "cache"
    reference = uncached(docs, render)
    cached_build_plan([docs], OPTIONS, Cache(folder), render=render)
    entries = [p for p in folder.rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert {p.parent.name for p in entries} == {"pages", "formats", "plans", "trees", "results"}
    for path in entries:
        data = path.read_bytes()
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    repaired = cached_build_plan([docs], OPTIONS, Cache(folder), render=render)
    assert repaired.plan == reference
    assert repaired.stats.pages_cached == repaired.stats.files_cached == 0
    assert cached_build_plan([docs], OPTIONS, Cache(folder), render=render).stats.unchanged


def test_options_and_template_overrides_are_part_of_the_key(docs: Path, tmp_path: Path) -> None:
    override, folder = tmp_path / "templates", tmp_path / "cache"
    (override / "stubs").mkdir(parents=True)
    init = override / "stubs" / "package_init.py.jinja"
    init.write_text('"""Version one."""\n', encoding="utf-8")
    render, overridden = renderer(override), BuildOptions(templates=override)
    first = cached_build_plan([docs], overridden, Cache(folder), render=render)
    assert first.plan["stubs/docs2code_stubs/__init__.py"] == '"""Version one."""\n'

    init.write_text('"""Version two."""\n', encoding="utf-8")
    second = cached_build_plan([docs], overridden, Cache(folder), render=render)
    assert not second.stats.unchanged
    assert second.plan == uncached(docs, render)

    other = BuildOptions(package="other_sdk", templates=override)  # render ignores it
    again = cached_build_plan([docs], other, Cache(folder), render=render)  # the key does not
    assert not again.stats.unchanged


def test_a_page_edited_while_it_is_read_is_not_stored(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, folder = docs / "api" / "driveitem-list-versions.md", tmp_path / "cache"
    base = renderer()
    read_page = reader.read_page

    def read_and_edit(source: Source, limits: Limits) -> PageResult:
        result = read_page(source, limits)
        if source.rel == "api/driveitem-list-versions.md":
            edit(page, TITLE, TITLE + " meanwhile")
        return result

    monkeypatch.setattr(reader, "read_page", read_and_edit)
    cached_build_plan([docs], OPTIONS, Cache(folder), render=base)
    assert not (folder / "plans").exists() and not (folder / "pages").exists()
    monkeypatch.undo()
    again = cached_build_plan([docs], OPTIONS, Cache(folder), render=base)
    assert again.plan == uncached(docs, base)
    assert again.stats.files_cached > 0  # formatting is keyed by text: always safe to keep


def test_without_a_cache_nothing_is_written(docs: Path, tmp_path: Path) -> None:
    render = renderer()
    build = cached_build_plan([docs], OPTIONS, None, render=render)
    assert build.plan == uncached(docs, render)
    assert build.model() == read_docs([docs])
    assert not any(tmp_path.glob("**/.gitignore"))
