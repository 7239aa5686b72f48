"""A build through the cache: the same plan as without it, sooner.

Layers, each keyed by content, never by time stamps:

1. the whole plan, found by every page's hash, every template's, the options and the
   tool's version: an unchanged tree is not read, rendered or formatted at all;
2. the whole plan again, found by the digests of every page's reader result: after an
   edit, only the changed pages are read, and when their results are what they were
   (prose nothing generated reads) nothing is rendered either;
3. each page's reader result, keyed by its name and hash: only changed pages are read,
   then types are resolved across all pages as always;
4. black's output, keyed by its input: only files whose rendered text changed are
   formatted.

Nothing is stored from a build during which a page changed while it was read (hashed
again once read), so what the cache holds is always what a build without it would
produce.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from generator import read
from generator.cache.formats import FormatStore
from generator.cache.keys import digest, page_digests, tool_version, tree_digest
from generator.cache.pages import PageStore
from generator.cache.store import DEFAULT_MAX_BYTES, Store
from generator.model import Diagnostic, Model
from generator.read import DEFAULT_LIMITS, Limits, discover
from generator.render import BUILTIN

if TYPE_CHECKING:
    from generator.render.formatting import FormatCache

DEFAULT_CACHE_DIR = Path(".docs2code_cache")
SECTION = "plans"  # plans by the results of their pages
TREES = "trees"  # the results key of a tree of pages, by the pages' bytes
RESULTS = "results"  # per doc roots: the last build's (page digest, result digest) by page

Render = Callable[[Model, "FormatCache | None"], dict[str, str]]
"""Model and format cache -> plan: ``lambda m, c: build_plan(m, options, c)``."""


class Cache:
    """A cache folder; with ``remember``, also the entries of its last build in memory: a
    process that builds again (``watch``) should keep one, as :func:`open_cache` does."""

    def __init__(
        self,
        root: Path = DEFAULT_CACHE_DIR,
        max_bytes: int = DEFAULT_MAX_BYTES,
        remember: bool = False,
    ):
        self.store = Store(root, max_bytes, remember)


@functools.cache
def _open(root: Path, remember: bool) -> Cache:
    return Cache(root, remember=remember)


def open_cache(root: Path | None, remember: bool = False) -> Cache | None:
    """The cache for ``--cache-dir`` (None: ``--no-cache``), the same object for the same
    folder throughout the process; ``remember`` for a process that builds again."""
    return None if root is None else _open(root.resolve(), remember)


@dataclass(frozen=True, slots=True)
class Stats:
    unchanged: bool = False  # the whole plan came from the cache (pages_read: re-read)
    pages_read: int = 0
    pages_cached: int = 0
    files_formatted: int = 0  # format-cache misses (whole files, then their pieces)
    files_cached: int = 0  # format-cache hits
    seconds: float = 0.0

    def summary(self) -> str:
        if self.unchanged and self.pages_read:
            return (
                f"{self.pages_read} pages read, with the results they had: the plan from "
                f"the cache; {self.seconds:.2f} s"
            )
        if self.unchanged:
            return f"unchanged: all from the cache; {self.seconds:.2f} s"
        return (
            f"{self.pages_read} pages read, {self.pages_cached} from the cache; "
            f"format cache {self.files_cached} hits, {self.files_formatted} misses; "
            f"{self.seconds:.2f} s"
        )


@dataclass(frozen=True, slots=True)
class Build:
    plan: dict[str, str]
    diagnostics: tuple[Diagnostic, ...]  # the model's, sorted as in Model
    load_model: Callable[[], Model] = field(repr=False)
    stats: Stats = Stats()
    problems: tuple[str, ...] = ()  # why the cache could not be written; for stderr

    def model(self) -> Model:
        """The model; when the plan came from the cache, read (pages from the cache) now."""
        return self.load_model()


def cached_build_plan(
    roots: Sequence[Path],
    options: object,
    render: Render,
    cache: Cache | None,
    templates: Path | None = None,
    jobs: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Build:
    """``render(read_docs(roots), ...)``, from ``cache`` as far as it can be.  ``options``
    is the build's options (a dataclass whose repr names them all); ``templates`` is the
    ``--templates DIR`` in use; ``limits`` the reader's, part of every page's key.
    ``cache`` None: no cache, nothing read or written."""
    start = time.perf_counter()
    if cache is None:
        model = read.read_docs(roots, jobs, limits=limits)
        plan = render(model, None)
        stats = Stats(pages_read=len(model.pages), seconds=time.perf_counter() - start)
        return Build(plan, model.diagnostics, lambda: model, stats)
    store, tool = cache.store, tool_version()
    sources, found = discover(roots)
    digests = page_digests(sources, limits)
    layouts = (tree_digest(BUILTIN), tree_digest(templates))
    build_key = functools.partial(digest, tool, repr(options), *layouts, repr(found))
    tree_key = build_key(TREES, *(f"{rel}\0{page}" for rel, page in digests.items()))
    index_key = digest(RESULTS, tool, repr(limits), *map(str, roots))
    known = store.get(RESULTS, index_key)
    pages = PageStore(store, tool, digests, known if isinstance(known, dict) else {})
    cacheable = None not in digests.values()

    def load() -> Model:
        return read.read_docs(roots, jobs, pages, limits)

    def cached_plan(key: object) -> Build | None:
        hit = store.get(SECTION, key) if isinstance(key, str) else None
        if not _is_plan(hit):
            return None
        plan, diagnostics = hit
        stats = Stats(
            unchanged=True,
            pages_read=len(pages.pending),
            pages_cached=pages.hits,
            seconds=time.perf_counter() - start,
        )
        return Build(dict(plan), diagnostics, functools.cache(load), stats, tuple(store.problems))

    def results_key() -> str | None:
        results = pages.result_digests(digests)
        return None if results is None else build_key(SECTION, *_pairs(results))

    def record(key: str) -> None:
        """This tree of pages has the plan stored under ``key``; its results, the index."""
        store.put(TREES, tree_key, key)
        store.put(RESULTS, index_key, _index(digests, pages))

    if cacheable:
        found_plan = cached_plan(store.get(TREES, tree_key))
        if found_plan is not None:
            return found_plan
        stale = [s for s in sources if pages.known_result(s.rel) is None]
        if len(stale) < len(sources):  # a build before read the others
            read.read_pages(stale, jobs, pages, limits)
            key = results_key()
            found_plan = cached_plan(key)
            if found_plan is not None:
                if key is not None and _still(digests, roots, limits):
                    pages.commit(digests)
                    record(key)
                store.end_build()
                return found_plan
    formats = FormatStore(store, tool)
    model = load()
    intact = _still(digests, roots, limits)  # else a page changed while read: store nothing
    if intact:
        pages.commit(digests)  # now: their pickles need not wait through the render
    plan = render(model, formats)
    if intact:
        key = results_key()
        if cacheable and key and layouts == (tree_digest(BUILTIN), tree_digest(templates)):
            store.put(SECTION, key, (dict(plan), model.diagnostics))
            record(key)
    store.end_build()
    stats = Stats(
        pages_read=len(sources) - pages.hits,
        pages_cached=pages.hits,
        files_formatted=formats.misses,
        files_cached=formats.hits,
        seconds=time.perf_counter() - start,
    )
    return Build(plan, model.diagnostics, lambda: model, stats, tuple(store.problems))


def _still(digests: dict[str, str | None], roots: Sequence[Path], limits: Limits) -> bool:
    """Whether the pages still have the bytes hashed at the start of the build."""
    return page_digests(discover(roots)[0], limits) == digests


def _pairs(results: dict[str, str]) -> list[str]:
    return [f"{rel}\0{result}" for rel, result in results.items()]


def _index(digests: dict[str, str | None], pages: PageStore) -> dict[str, tuple[str, str]]:
    """``rel`` -> (page digest, result digest) for the next build's layer 2."""
    results = pages.result_digests(digests) or {}
    return {
        rel: (page, results[rel])
        for rel, page in digests.items()
        if page is not None and rel in results
    }


def _is_plan(value: object) -> TypeGuard[tuple[dict[str, str], tuple[Diagnostic, ...]]]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], dict)
        and isinstance(value[1], tuple)
    )
