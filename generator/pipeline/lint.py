"""``lint`` through the build's cache: the same result as :func:`generator.lint.engine.lint`
on a fresh read, sooner.  Keyed by content, never by time (generator.cache.lints):

1. the whole run's findings by every page's bytes and the lint's settings (the tool's
   version, limits, roots, configuration, convention, metadata), checked against the disk
   the link rules saw: an unchanged tree is not read;
2. otherwise each page's reader result from the build's page cache (only changed pages
   are read), then the model-scoped rules (``Rule.scope``: links, duplicates, metadata,
   anything that needs the doc set) run on the whole model, and the page-scoped ones only
   on the pages whose findings are not cached.

The page-scoped rules run on each page read where it is read, in the reader's worker
processes (generator.read.docs.PageStep, generator.lint.engine.page_findings), on the page
as read, before its doc root, includes and role are settled across pages: a page rule
reads the page's own record only (its annotations, links, headings, front matter: never
its root, role, includes or operations, ``Rule.scope``), so it finds there what it finds
on the settled page.  A page a worker could not check (a rule failed on it, or reported
on another file; an unreadable page) is checked in the main process, as are the pages
whose results came from the page cache and whose findings did not: the findings are the
same wherever they were made, and so is the output (tests/lint/test_page_rules_in_reader.py).

Nothing is stored from a run during which a page changed (hashed again at the end) or a
rule crashed; a rule that crashes on the changed pages makes a plain run instead.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from generator.cache import Cache
from generator.cache.keys import page_digests, tool_version
from generator.cache.lints import Disk, LintStore
from generator.cache.pages import PageStore
from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.engine import (
    LintResult,
    PageFindings,
    conclude,
    lint,
    may_run,
    page_findings,
    rule_name,
    select_rules,
)
from generator.lint.guard import Crash, run_rule
from generator.lint.rule import Rule
from generator.lint.rules import rule_crashed
from generator.metadata.csdl import Metadata
from generator.model import Convention, Diagnostic, Model
from generator.read import DEFAULT_LIMITS, Limits, discover, layout, read_docs

if TYPE_CHECKING:
    from generator.read import PageStep


@dataclass(frozen=True)
class Linted:
    result: LintResult
    load_model: Callable[[], Model]
    pages_read: int = 0  # pages the reader read (not from the cache)
    unchanged: bool = False  # the whole result came from the cache
    problems: tuple[str, ...] = ()  # why the cache could not be written; for stderr

    def model(self) -> Model:
        """The model linted (read now, through the cache, when the result was cached)."""
        return self.load_model()


def cached_lint(
    roots: Sequence[Path],
    rules: Sequence[Rule],
    config: LintConfig,
    metadata: Metadata | None,
    cache: Cache | None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    convention: Convention | None = None,
    jobs: int | None = None,
    in_reader: bool = True,
) -> Linted:
    """``lint(read_docs(roots), rules, config, metadata)``; ``cache`` None: no cache,
    nothing read from or written to it (``--no-cache``).  ``in_reader``: the page rules
    run where each page is read (False: all in this process, after reading; the same
    result)."""
    paths = list(roots)

    def stepped() -> PageStep | None:  # only once pages are read: it imports the reader
        return _page_step(rules, config, metadata, convention) if in_reader else None

    if cache is None:
        step = stepped()
        model = read_docs(paths, jobs, limits=limits, convention=convention, step=step)
        result, _, _ = _lint(model, rules, config, metadata, None, step)
        return Linted(result, lambda: model, len(model.pages))
    store = cache.store
    tool = tool_version()
    sources, found = discover(paths)
    digests = page_digests(sources, limits)
    base = str(layout(paths).base)
    settings = (
        tool,
        repr(limits),
        *map(str, paths),
        repr(found),
        repr(sorted((s.rel, str(s.real)) for s in sources)),
        f"convention={convention!r}",
        f"config={_config_key(config)}",
        f"metadata={metadata.digest if metadata is not None else None}",
        *(f"{r.code}:{r.scope}:{r.convention}:{r.needs_metadata}" for r in rules),
    )
    lints = LintStore(store, settings, digests)
    pages = PageStore(store, tool, digests, digest_results=False)
    cacheable = None not in digests.values()

    def load(stepped: PageStep | None = None) -> Model:
        return read_docs(paths, jobs, pages, limits, convention=convention, step=stepped)

    if cacheable:
        stored = lints.outcome()
        if stored is not None:
            findings, codes, disk = stored
            by_code = {r.code: r for r in (*rules, rule_crashed.RULE)}
            if all(c in by_code for c in codes) and _disk([t for t, _ in disk], base) == disk:
                ran = tuple(by_code[c] for c in codes)
                store.end_build()
                return Linted(LintResult(findings, ran), functools.cache(load), unchanged=True)
    step = stepped()
    model = load(step)
    read = len(sources) - pages.hits
    intact = _still(digests, paths, limits)  # the pages read were the ones hashed
    if intact:
        pages.commit(digests)  # written in the background while the rules run
    result, complete, fresh = _lint(model, rules, config, metadata, lints, step)
    if intact and complete:
        if fresh:
            lints.put_pages(model.convention, fresh)
        if cacheable and not result.crashes:
            codes = tuple(r.code for r in result.rules)
            disk = _disk(_missing(model), base)
            lints.put_outcome((result.findings, codes, disk))
    store.end_build()
    return Linted(result, lambda: model, read, problems=tuple(store.problems))


def _page_step(
    rules: Sequence[Rule],
    config: LintConfig,
    metadata: Metadata | None,
    convention: Convention | None,
) -> PageStep | None:
    """The page rules that may run on the doc set, to run where each page is read (the
    doc set's convention is not known before its pages are: those of both run there,
    unless it is set), or None if there is none a worker process can import."""
    from generator.read import PageStep

    names = [
        name
        for r in rules
        if r.scope == "page"
        and may_run(r, config, metadata, convention)
        and (name := rule_name(r)) is not None
    ]
    return PageStep(functools.partial(page_findings, tuple(names))) if names else None


def _lint(
    model: Model,
    rules: Sequence[Rule],
    config: LintConfig,
    metadata: Metadata | None,
    lints: LintStore | None,
    step: PageStep | None = None,
) -> tuple[LintResult, bool, dict[str, tuple[Diagnostic, ...]]]:
    """The result; whether the page rules ran cleanly (their findings may be stored); and
    their findings on each page not found in ``lints``, to store.  A page's findings come
    from ``lints``, else from ``step`` (the worker that read the page), else from the
    rules run here."""
    selected, idle = select_rules(model, rules, config, metadata)
    ctx = LintContext(model, metadata=metadata)
    raw: list[Diagnostic] = []
    crashes: list[Crash] = []
    local = [r for r in selected if r.scope == "page"]
    for rule in selected:
        if rule.scope != "page":
            found, failed = run_rule(rule, ctx)
            raw.extend(found)
            crashes.extend(failed)
    misses: list[str] = []
    fresh: dict[str, tuple[Diagnostic, ...]] = {}
    done = step.values if step is not None and local else {}
    for file in ctx.files:
        known = lints.page(file, model.convention) if local and lints is not None else None
        if known is None and file in done:
            known = fresh[file] if _worker(done[file], local, fresh, file) else None
        if known is None:
            misses.append(file)
        else:
            raw.extend(known)
    checked: dict[str, list[Diagnostic]] = {file: [] for file in misses}
    if local and misses:
        view = ctx if len(misses) == len(ctx.files) else ctx.view(misses)
        for rule in local:
            found, failed = run_rule(rule, view)
            if failed or any(d.span.file not in checked for d in found):
                # A crash (its reruns look at every page) or a finding off the pages
                # checked: not what a cached run can reproduce; a plain run instead.
                return lint(model, rules, config, metadata), False, {}
            for d in found:
                checked[d.span.file].append(d)
            raw.extend(found)
    result = conclude(ctx, rules, selected, idle, config, raw, crashes)
    fresh.update((rel, tuple(found)) for rel, found in checked.items())
    return result, bool(local), fresh


def _worker(
    value: object, local: Sequence[Rule], fresh: dict[str, tuple[Diagnostic, ...]], file: str
) -> bool:
    """Whether a worker checked ``file`` with every rule of ``local`` (``value``:
    :func:`generator.lint.engine.page_findings`); if so its findings, in the order of
    ``local``, are put in ``fresh``."""
    if not _is_page_findings(value):
        return False
    by_code = dict(value)
    if any(r.code not in by_code for r in local):
        return False
    fresh[file] = tuple(d for r in local for d in by_code[r.code])
    return True


def _is_page_findings(value: object) -> TypeGuard[PageFindings]:
    return isinstance(value, tuple) and all(
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], tuple)
        for item in value
    )


def _config_key(config: LintConfig) -> str:
    """The configuration's effect, not the file it came from."""
    severity = sorted((code, s.value) for code, s in config.severity.items())
    return repr((config.select, config.ignore, config.per_path_ignores, severity))


def _missing(model: Model) -> list[str]:
    """Link targets that were neither pages nor files when read: a file created there
    later changes what the link rules say."""
    from generator.read import link_targets  # what the reader looked for on disk

    pages = {p.path for p in model.pages}
    folded = {p.lower() for p in pages}
    found = link_targets(model.pages)
    return sorted(t for t in found if t not in pages and t.lower() not in folded)


def _disk(targets: Sequence[str], base: str) -> Disk:
    """What is at each link target now: its real path if it is a file, else ""."""
    found: list[tuple[str, str]] = []
    for target in targets:
        full = os.path.normpath(os.path.join(base, target))
        try:
            state = os.path.normcase(os.path.realpath(full)) if os.path.isfile(full) else ""
        except (OSError, ValueError):  # a NUL byte, a name too long
            state = ""
        found.append((target, state))
    return tuple(found)


def _still(digests: dict[str, str | None], roots: Sequence[Path], limits: Limits) -> bool:
    """Whether the pages still have the bytes hashed at the start."""
    return page_digests(discover(roots)[0], limits) == digests
