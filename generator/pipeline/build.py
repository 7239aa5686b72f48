"""discover -> read -> plan -> format, through the cache: the same plan as without it, sooner.

The cache (generator.cache) is consulted in layers, each keyed by content, never by time
stamps:

1. the whole plan, found by every page's hash, every template's, the options, the
   service's metadata (``--metadata``: its files' bytes) and the tool's version: an
   unchanged tree is not read, rendered or formatted at all;
2. the whole plan again, found by the digests of every page's reader result: after an
   edit, only the changed pages are read, and when their results are what they were
   (prose nothing generated reads) nothing is rendered either;
3. each page's reader result, keyed by its name and hash: only changed pages are read,
   then types are resolved across all pages as always;
4. the sdk/, stubs/ and tests/ parts, keyed by the projection of the model they are
   rendered from (generator.cache.parts): an edit to what only openapi.json shows (an
   operation's description) renders only openapi.json;
5. black's output, keyed by its input: only files whose rendered text changed are
   formatted.

Nothing is stored from a build during which a page changed while it was read (hashed
again once read), so what the cache holds is always what a build without it would
produce.  With the service's metadata, the model is made to follow it
(:func:`generator.metadata.service.follow`) after reading, before rendering; the line
that says what that changed is stored with the plan.  The renderers
(generator.pipeline.plan) are imported only when something has to be rendered.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from generator import read
from generator.cache import Cache
from generator.cache.formats import FormatStore
from generator.cache.keys import page_digests, tool_version, tree_digest
from generator.cache.pages import PageStore
from generator.cache.parts import PartStore
from generator.cache.plans import Plan, PlanStore
from generator.model import Diagnostic, Model
from generator.read import DEFAULT_LIMITS, Limits, discover
from generator.render import BUILTIN
from generator.render.options import BuildOptions

if TYPE_CHECKING:
    from generator.metadata.csdl import Metadata
    from generator.render.formatting import FormatCache

Render = Callable[[Model, "FormatCache | None"], dict[str, str]]
"""Model and format cache -> plan; by default :func:`generator.pipeline.plan.build_plan`."""


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
    notes: tuple[str, ...] = ()  # what following the service's metadata changed; for stderr

    def model(self) -> Model:
        """The model; when the plan came from the cache, read (pages from the cache) now."""
        return self.load_model()


def cached_build_plan(
    roots: Sequence[Path],
    options: BuildOptions,
    cache: Cache | None,
    *,
    render: Render | None = None,
    jobs: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    metadata: Metadata | None = None,
) -> Build:
    """``build_plan(read_docs(roots), options)``, from ``cache`` as far as it can be.
    ``render`` stands in for the renderers (a test's smaller plan); ``limits`` are the
    reader's, part of every page's key; ``metadata``: the service's schema, which the
    model follows before it is rendered.  ``cache`` None: no cache, nothing read or
    written."""
    start = time.perf_counter()
    if cache is None:
        render = render or _renderers(options, None)
        model, notes = _followed(read.read_docs(roots, jobs, limits=limits), metadata)
        plan = render(model, None)
        stats = Stats(pages_read=len(model.pages), seconds=time.perf_counter() - start)
        return Build(plan, model.diagnostics, lambda: model, stats, notes=notes)
    store, tool = cache.store, tool_version()
    sources, found = discover(roots)
    digests = page_digests(sources, limits)
    layouts = _layouts(options)
    service = f"metadata={metadata.digest if metadata is not None else None}"
    inputs = [tool, *_fields(options), *layouts, repr(found), service]
    plans = PlanStore(store, inputs, digests, [tool, repr(limits), *map(str, roots)])
    parts = PartStore(store, inputs)
    render = render or _renderers(options, parts)
    pages = PageStore(store, tool, digests, plans.known())
    cacheable = None not in digests.values()

    def load() -> Model:
        return read.read_docs(roots, jobs, pages, limits)

    def loaded() -> Model:
        return _followed(load(), metadata)[0]

    def cached(stored: Plan | None) -> Build | None:
        if stored is None:
            return None
        plan, diagnostics, notes = stored
        stats = Stats(
            unchanged=True,
            pages_read=len(pages.pending),
            pages_cached=pages.hits,
            seconds=time.perf_counter() - start,
        )
        problems = tuple(store.problems)
        return Build(dict(plan), diagnostics, functools.cache(loaded), stats, problems, notes)

    if cacheable:
        found_plan = cached(plans.of_tree())
        if found_plan is not None:
            return found_plan
        stale = [s for s in sources if pages.known_result(s.rel) is None]
        if len(stale) < len(sources):  # a build before read the others
            read.read_pages(stale, jobs, pages, limits)
            key = plans.key(pages.result_digests(digests))
            found_plan = cached(plans.get(key))
            if found_plan is not None:
                if key is not None and _still(digests, roots, limits):
                    pages.commit(digests)
                    plans.record(key, pages.index())
                store.end_build()
                return found_plan
    formats = FormatStore(store, tool)
    read_model = load()
    intact = _still(digests, roots, limits)  # else a page changed while read: store nothing
    model, notes = _followed(read_model, metadata)
    if intact:
        pages.commit(digests)  # now: their pickles need not wait through the render
    plan = render(model, formats)
    if layouts == _layouts(options):  # else a template changed while the parts rendered
        parts.commit()
    if intact:
        key = plans.key(pages.result_digests(digests))
        if cacheable and key and layouts == _layouts(options):
            plans.put(key, (dict(plan), model.diagnostics, notes))
            plans.record(key, pages.index())
    store.end_build()
    stats = Stats(
        pages_read=len(sources) - pages.hits,
        pages_cached=pages.hits,
        files_formatted=formats.misses,
        files_cached=formats.hits,
        seconds=time.perf_counter() - start,
    )
    return Build(plan, model.diagnostics, lambda: model, stats, tuple(store.problems), notes)


def _followed(model: Model, metadata: Metadata | None) -> tuple[Model, tuple[str, ...]]:
    """The model following the service's metadata, and the line saying what changed."""
    if metadata is None:
        return model, ()
    from generator.metadata.service import follow  # only for a build that follows one

    following = follow(model, metadata)
    return following.model, (following.summary(),)


def _renderers(options: BuildOptions, parts: PartStore | None) -> Render:
    def render(model: Model, formats: FormatCache | None) -> dict[str, str]:
        from generator.pipeline.plan import build_plan  # the renderers: only when not cached

        if parts is None:
            return build_plan(model, options, formats)
        return build_plan(model, options, formats, parts=parts)

    return render


def _fields(options: BuildOptions) -> list[str]:
    """Every option by name and value, each a part of the plans' keys."""
    return [f"{f.name}={getattr(options, f.name)!r}" for f in fields(options)]


def _layouts(options: BuildOptions) -> tuple[str, str]:
    """The built-in templates and the ``--templates`` overrides, by content."""
    return tree_digest(BUILTIN), tree_digest(options.templates)


def _still(digests: dict[str, str | None], roots: Sequence[Path], limits: Limits) -> bool:
    """Whether the pages still have the bytes hashed at the start of the build."""
    return page_digests(discover(roots)[0], limits) == digests
