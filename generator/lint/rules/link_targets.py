"""Shared by the link rules (DC601-DC604, DC606): which links point into the doc set, and
where.

A link is judged only when it is relative: no URI scheme (``https:``, ``mailto:``), not
site-absolute (``/graph/...``: the docs site resolves those, the doc set cannot), and not
a bare ``#anchor``.  Targets are percent-decoded first, because markdown-it stores
``..\\x.md`` as ``..%5Cx.md`` and ``a b.md`` as ``a%20b.md``.

The doc set is the union of its roots: page paths are relative to the roots' common base,
so a link from one root into another resolves like any other.  A target that is no page
by its path is looked up among the files the reader found on disk (``Model.linked_files``):
the same file as a page by real path, or an existing file outside every root (DC606).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote

from generator.lint.context import LintContext
from generator.model import Link, Page

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Resolution(StrEnum):
    FOUND = "found"  # the page exists, case and all
    CASE_ONLY = "case_only"  # a page exists if case is ignored
    MISSING = "missing"
    OUTSIDE = "outside"  # ../ climbs above the doc set's base, to no file
    NOT_GIVEN = "not_given"  # an existing file outside every doc root (DC606)
    BACKSLASH = "backslash"  # Windows separators: never a working link


@dataclass(frozen=True, slots=True)
class LocalLink:
    page: Page
    link: Link
    path: str  # the file part, decoded, as written ("" for a same-page anchor)
    fragment: str | None  # decoded, without '#'; None when there is no '#'
    resolved: str | None  # the doc-set path it points at (None when it leaves the doc set)
    resolution: Resolution
    found: str | None  # the existing page (exact or case-folded), if any


def is_judged(target: str) -> bool:
    """Relative links only: no scheme, not site-absolute; a same-page ``#x`` counts."""
    return bool(target) and not _SCHEME.match(target) and not target.startswith("/")


def split_target(target: str) -> tuple[str, str | None]:
    """(decoded file part, decoded fragment or None); any ``?query`` is dropped."""
    path, hash_mark, fragment = target.partition("#")
    path = path.partition("?")[0]
    return unquote(path), (unquote(fragment) if hash_mark else None)


def is_markdown(path: str) -> bool:
    return path.lower().endswith(".md")


def local_links(ctx: LintContext) -> tuple[LocalLink, ...]:
    """Every judged link of every page, resolved against the doc set, the union of its
    roots (once per context: four rules read them)."""
    return ctx.shared("local_links", lambda: tuple(resolve_all(ctx, ctx.model.pages)))


def resolve_all(ctx: LintContext, pages: Iterable[Page]) -> Iterator[LocalLink]:
    """Every judged link of ``pages``, resolved against the doc set.

    Links to ``.md`` pages (and same-page anchors) only: images and other files are
    not pages of the doc set.  ``[!INCLUDE ...]`` lines are not links (the reader keeps
    them apart, ``Page.includes``: DC605).  A link that has the target of one of the
    page's reference definitions is left out too: ``[x][label]`` reaches the model as a
    link to the definition's target, and the place to fix is the definition, which is
    judged itself.
    """
    for page in pages:
        defined = {unquote(lk.target) for lk in page.links if lk.is_reference_definition}
        for link in page.links:
            if not is_judged(link.target):
                continue
            if not link.is_reference_definition and unquote(link.target) in defined:
                continue
            path, fragment = split_target(link.target)
            if not path:
                yield LocalLink(page, link, "", fragment, page.path, Resolution.FOUND, page.path)
                continue
            if not is_markdown(path):
                continue
            yield resolve(ctx, page, link, path, fragment)


def resolve(ctx: LintContext, page: Page, link: Link, path: str, fragment: str | None) -> LocalLink:
    if "\\" in path:
        fixed = ctx.resolve_link(page.path, path.replace("\\", "/"))
        found = _existing(ctx, fixed)
        return LocalLink(page, link, path, fragment, fixed, Resolution.BACKSLASH, found)
    resolved = ctx.resolve_link(page.path, path)
    if resolved in ctx.pages:
        return LocalLink(page, link, path, fragment, resolved, Resolution.FOUND, resolved)
    folded = ctx.files_folded.get(resolved.lower())
    if folded is not None:
        return LocalLink(page, link, path, fragment, resolved, Resolution.CASE_ONLY, folded)
    on_disk = ctx.linked_files.get(resolved)
    if on_disk is not None and on_disk.page is not None:  # the same file by real path
        return LocalLink(page, link, path, fragment, on_disk.page, Resolution.FOUND, on_disk.page)
    if on_disk is not None:
        return LocalLink(page, link, path, fragment, resolved, Resolution.NOT_GIVEN, None)
    if resolved == ".." or resolved.startswith("../"):
        return LocalLink(page, link, path, fragment, None, Resolution.OUTSIDE, None)
    return LocalLink(page, link, path, fragment, resolved, Resolution.MISSING, None)


def _existing(ctx: LintContext, resolved: str) -> str | None:
    if resolved in ctx.pages:
        return resolved
    on_disk = ctx.linked_files.get(resolved)
    if on_disk is not None and on_disk.page is not None:
        return on_disk.page
    return ctx.files_folded.get(resolved.lower())


def describe(link: Link) -> str:
    """How a message names the link: ``[label]: target`` for a definition."""
    if link.is_reference_definition:
        return f"link reference definition [{link.text}] ({link.target})"
    return f"link to {unquote(link.target)}"
