"""Read a doc set into the model: discover, read each page, then resolve across pages."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Protocol, cast

from generator.diagnostics import diag
from generator.model import (
    Convention,
    Diagnostic,
    Model,
    Operation,
    Page,
    PageRole,
    Span,
    TypeDef,
)
from generator.pickling import collector_paused, dumps, loads
from generator.progress import Advance, Progress, counted, phase
from generator.read.blocks import Heading, parse_blocks
from generator.read.bodies import decide_bodies
from generator.read.concept_examples import attach_examples
from generator.read.convention import detect_convention
from generator.read.endpoints import shared_endpoints
from generator.read.front_matter import read_front_matter
from generator.read.includes import read_includes, resolve_includes, without_include_links
from generator.read.limits import DEFAULT_LIMITS, Limits
from generator.read.linked import linked_files
from generator.read.operations import read_calls, read_operations
from generator.read.page import build_page
from generator.read.request_lines import check_requests
from generator.read.resolve import TypeIndex, resolve_operation, resolve_types
from generator.read.results import decide_results
from generator.read.roles import page_role, settle_roles
from generator.read.sources import Layout, Source, discover, layout, read_text
from generator.read.types import read_types
from generator.workers import worker_pool

PageResult = tuple[list[Operation], list[TypeDef], Page | None, list[Diagnostic]]


PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves


class PageStep:
    """More work on each page's own result, done where the page is read (in the worker
    process that read it, in parallel) and brought back with it: ``run`` must pickle (a
    module-level function, or a partial of one with picklable arguments) and see nothing
    but the result, which is the page before anything across pages (its doc root, its
    includes, its role) is settled.  ``values`` gets each page's value by its path, for
    the pages read, not those the page cache held."""

    def __init__(self, run: Callable[[PageResult], object]) -> None:
        self.run = run
        self.values: dict[str, object] = {}


class PageCache(Protocol):
    """Results of pages read before (generator.cache.pages); resolving stays global."""

    def lookup(self, source: Source) -> PageResult | None: ...

    def store(self, source: Source, result: PageResult, payload: bytes | None = None) -> None:
        """Keep ``result``; ``payload``, when given, is its pickle (as a worker sent it)."""


def read_docs(
    paths: Sequence[str | Path] | str | Path,
    jobs: int | None = None,
    cache: PageCache | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    convention: Convention | None = None,
    step: PageStep | None = None,
) -> Model:
    """Read every document under ``paths``; pages are read in parallel when there are
    many (``jobs`` processes, default one per CPU), and the result never depends on it.
    Pages ``cache`` holds are not read again (its keys must cover ``limits``).
    ``progress`` counts the pages as they are read or found in the cache (default: the
    running command's, :func:`generator.progress.reporting`).  ``convention``: the doc
    set's (the ``convention`` setting); None: decided from the pages
    (:func:`generator.read.convention.detect_convention`).  ``step``: run on each page
    read (:class:`PageStep`)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    # The collector paused: reading builds hundreds of thousands of objects that live as
    # long as the model, and each full collection on the way walked them all again
    # (about a third of the CPU time of read_docs on the corpus).
    with collector_paused():
        model = _read_docs(paths, jobs, cache, limits, progress, convention, step)
        if len(model.pages) >= FREEZE_THRESHOLD:
            # The model mostly lives as long as the command and holds no cycles (it is freed
            # by reference counting all the same): out of the collector's sight, the
            # collections the rules and renderers cause no longer walk it each time.
            gc.freeze()
        return model


FREEZE_THRESHOLD = 500  # pages; a test's small doc sets leave the collector as it is


def _read_docs(
    paths: Sequence[str | Path],
    jobs: int | None,
    cache: PageCache | None,
    limits: Limits,
    progress: Progress | None,
    convention: Convention | None,
    step: PageStep | None = None,
) -> Model:
    sources, diagnostics = discover(paths)
    where = layout(paths)
    operations: list[Operation] = []
    types: list[TypeDef] = []
    pages: list[Page] = []
    with phase("reading pages", len(sources), progress) as advance:
        for ops, found_types, page, found in _read_cached(
            sources, jobs or os.cpu_count() or 1, cache, limits, advance, step
        ):
            operations.extend(ops)
            types.extend(found_types)
            if page is not None:
                pages.append(_rooted(page, where))
            diagnostics.extend(found)
    pages, dropped = settle_roles(list(resolve_includes(pages)))
    operations = [op for op in operations if op.source.file not in dropped]
    types = [t for t in types if t.source.file not in dropped]
    unique, duplicates = _dedupe_types(types, pages)
    diagnostics.extend(duplicates)
    index = TypeIndex(unique)
    resolved = sorted((resolve_operation(op, index) for op in operations), key=lambda o: o.id)
    checked, found = check_requests(resolved, pages)
    diagnostics.extend(found)
    checked, pages = attach_examples(checked, pages)
    final = tuple(pages)
    resolved_types = tuple(sorted(resolve_types(unique, index), key=lambda t: t.full_name))
    checked = decide_bodies(checked, resolved_types)
    checked = decide_results(checked, resolved_types, index)
    return Model(
        operations=checked,
        types=resolved_types,
        pages=final,
        diagnostics=tuple(sorted(diagnostics, key=lambda d: (d.span, d.code, d.message))),
        roots=where.names,
        linked_files=linked_files(pages, sources, where.base),
        convention=convention or detect_convention(final, diagnostics),
        shared_endpoints=shared_endpoints(checked, resolved_types),
    )


def _rooted(page: Page, where: Layout) -> Page:
    """The page with the doc root it was found under (not part of its cached result: the
    same page may be read under another root)."""
    root = where.root_of(page.path) or "."
    return page if root == page.root else replace(page, root=root)


def read_pages(
    sources: Sequence[Source],
    jobs: int | None = None,
    cache: PageCache | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[PageResult]:
    """Each page's own result, as :func:`read_docs` reads it before resolving types
    across pages: for a build cache that looks for a build with the same results."""
    with phase("reading pages", len(sources)) as advance:
        jobs = jobs or os.cpu_count() or 1
        return list(_read_cached(list(sources), jobs, cache, limits, advance))


def _read_cached(
    sources: list[Source],
    jobs: int,
    cache: PageCache | None,
    limits: Limits,
    advance: Advance,
    step: PageStep | None = None,
) -> Iterator[PageResult]:
    """Every page's result in ``sources`` order; only pages not in ``cache`` are read
    (and stepped)."""
    if cache is None:
        yield from (result for result, _ in _read_all(sources, jobs, limits, advance, step))
        return
    known = [cache.lookup(s) for s in sources]
    missing = [s for s, r in zip(sources, known, strict=True) if r is None]
    advance(len(sources) - len(missing))
    fresh: dict[str, PageResult] = {}
    read = _read_all(missing, jobs, limits, advance, step)
    for source, (page, payload) in zip(missing, read, strict=True):
        fresh[source.rel] = page
        cache.store(source, page, payload)
    for source, result in zip(sources, known, strict=True):
        yield fresh[source.rel] if result is None else result


def _read_all(
    sources: list[Source],
    jobs: int,
    limits: Limits,
    advance: Advance,
    step: PageStep | None = None,
) -> Iterator[tuple[PageResult, bytes | None]]:
    """Each page's result, and its pickle when it was read in a worker process: a result
    crosses from the worker as its pickle, unpickled here once, and that pickle is the
    one the page cache keeps (``generator.pickling``).  ``step`` runs where each page is
    read; its values go to ``step.values``."""
    if jobs < 2 or len(sources) < PARALLEL_THRESHOLD:
        read = partial(read_page, limits=limits)
        for source, result in zip(sources, counted(map(read, sources), advance), strict=True):
            if step is not None:
                step.values[source.rel] = step.run(result)
            yield result, None
        return
    run = step.run if step is not None else None
    with worker_pool(jobs) as pool:
        sent = pool.map(partial(read_stepped, limits=limits, run=run), sources, chunksize=32)
        for source, (payload, value) in zip(sources, counted(sent, advance), strict=True):
            if step is not None:
                step.values[source.rel] = value
            yield cast(PageResult, loads(payload)), payload


def read_pickled(source: Source, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """:func:`read_page`'s result, pickled: what a worker process sends back."""
    return dumps(read_page(source, limits))


def read_stepped(
    source: Source, limits: Limits, run: Callable[[PageResult], object] | None
) -> tuple[bytes, object]:
    """:func:`read_pickled`, and ``run`` on the result (:class:`PageStep`; None: no step):
    what a worker process sends back."""
    result = read_page(source, limits)
    return dumps(result), run(result) if run is not None else None


def read_page(source: Source, limits: Limits = DEFAULT_LIMITS) -> PageResult:
    """Read one page; an unexpected failure becomes a DC000 diagnostic, never a traceback."""
    try:
        return _read_page(source, limits)
    except Exception as exc:  # one bad page must not stop the run
        message = f"internal error reading this page ({type(exc).__name__}: {exc}); page skipped"
        return [], [], None, [diag("DC000", Span(source.rel, 1, 1), message)]


def _read_page(source: Source, limits: Limits) -> PageResult:
    text, diagnostics = read_text(source, limits)
    if text is None:
        return [], [], None, diagnostics
    fm, found = read_front_matter(text.text, source.rel, limits.depth)
    diagnostics.extend(found)
    blocks, found = parse_blocks(fm.body, source.rel, limits)
    diagnostics.extend(found)
    doc, found = build_page(source.rel, fm.data, blocks, text.text.count("\n") + 1, limits)
    diagnostics.extend(found)
    calls, found = read_calls(doc)
    diagnostics.extend(found)
    types = read_types(doc)
    role, doubt = page_role(doc, calls, types, text.text)
    includes = read_includes(doc)
    page = Page(
        path=source.rel,
        doc_type=doc.doc_type,
        front_matter=fm.data,
        title=doc.title,
        headings=tuple(
            (e.level, e.text, e.line)
            for e in doc.elements
            if isinstance(e, Heading) and not e.is_tab
        ),
        links=without_include_links(doc.links(), includes),
        annotations=doc.annotations,
        suppressions=doc.suppressions,
        includes=includes,
        role=role,
        role_doubt=doubt,
        examples=calls.examples if role is PageRole.CONCEPTUAL else (),
        front_matter_lines=fm.key_lines,
        commented_headings=doc.commented_headings,
    )
    # Only API pages declare operations, only resource and enum pages types.
    operations = read_operations(doc, calls) if role is PageRole.API else []
    declared = types if role in (PageRole.RESOURCE, PageRole.ENUM) else []
    return operations, declared, page, diagnostics


def _dedupe_types(
    types: list[TypeDef], pages: Sequence[Page] = ()
) -> tuple[tuple[TypeDef, ...], list[Diagnostic]]:
    """One definition per full name: the one on the page named after the type, else the
    one with the most properties, else the first by path; the others are reported, at
    the ``@odata.type`` of their resource annotation (where the name is written).

    Doc sets split a type over pages (Intune documents ``deviceManagement`` once per
    workload), so the chosen definition also gets the properties and enum members that
    only another definition of the same kind names, each with its own span."""

    def rank(t: TypeDef) -> tuple[bool, int, str, int]:
        stem = t.source.file.rsplit("/", 1)[-1].removesuffix(".md").lower()
        return (stem != t.name.lower(), -len(t.properties), t.source.file, t.source.line)

    chosen: dict[str, TypeDef] = {}
    others: dict[str, list[TypeDef]] = {}
    for t in sorted(types, key=rank):
        if t.full_name in chosen:
            others.setdefault(t.full_name, []).append(t)
        else:
            chosen[t.full_name] = t
    by_path = {p.path: p for p in pages}

    def named_at(t: TypeDef) -> Span:
        page = by_path.get(t.source.file)
        return page.type_name_span(t) if page is not None else t.source

    diagnostics = []
    for t in sorted(types, key=lambda t: (t.source.file, t.source.line)):
        first = chosen[t.full_name]
        if first is not t:
            at = named_at(first)
            message = f"type {t.full_name} is already defined at {at.file}:{at.line}"
            diagnostics.append(diag("DC009", named_at(t), message))
    merged = [_merged(t, others.get(t.full_name, ())) for t in chosen.values()]
    return tuple(merged), diagnostics


def _merged(t: TypeDef, others: Sequence[TypeDef]) -> TypeDef:
    same = [o for o in others if o.kind is t.kind]
    if not same:
        return t
    properties = {p.name: p for p in t.properties}
    members = {m.name: m for m in t.members}
    for o in same:
        for p in o.properties:
            properties.setdefault(p.name, p)
        for m in o.members:
            members.setdefault(m.name, m)
    base = t.base or next((o.base for o in same if o.base), None)
    return replace(
        t, properties=tuple(properties.values()), members=tuple(members.values()), base=base
    )
