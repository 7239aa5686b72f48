"""Shared by the link rules (DC601-DC604): which links point into the doc set, and where.

A link is judged only when it is relative: no URI scheme (``https:``, ``mailto:``), not
site-absolute (``/graph/...``: the docs site resolves those, the doc set cannot), and not
a bare ``#anchor``.  Targets are percent-decoded first, because markdown-it stores
``..\\x.md`` as ``..%5Cx.md`` and ``a b.md`` as ``a%20b.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote

from generator.lint.context import LintContext
from generator.model import Link, Page

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
INCLUDE_FOLDER = "includes"
"""``[!INCLUDE [label](../includes/x.md)]`` directives reach Markdown as ordinary links.
Their targets live in the docs repository's ``includes/`` folder, never in a doc set of
API and resource pages (10,993 in the corpus), so they are a matter for another check."""


class Resolution(StrEnum):
    FOUND = "found"  # the page exists, case and all
    CASE_ONLY = "case_only"  # a page exists if case is ignored
    MISSING = "missing"
    OUTSIDE = "outside"  # ../ climbs above the doc root
    BACKSLASH = "backslash"  # Windows separators: never a working link


@dataclass(frozen=True, slots=True)
class LocalLink:
    page: Page
    link: Link
    path: str  # the file part, decoded, as written ("" for a same-page anchor)
    fragment: str | None  # decoded, without '#'; None when there is no '#'
    resolved: str | None  # the doc-set path it points at (None when outside the doc set)
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


def is_include(path: str) -> bool:
    return INCLUDE_FOLDER in path.replace("\\", "/").lower().split("/")


def local_links(ctx: LintContext) -> tuple[LocalLink, ...]:
    """Every judged link of every page, resolved against the doc set (once per context:
    three rules read them)."""
    return ctx.shared("local_links", lambda: tuple(_local_links(ctx)))


def _local_links(ctx: LintContext) -> Iterator[LocalLink]:
    """Every judged link of every page, resolved against the doc set.

    Links to ``.md`` pages (and same-page anchors) only: images and other files are
    not pages of the doc set.  INCLUDE targets are left out (see :data:`INCLUDE_FOLDER`).
    A link that has the target of one of the page's reference definitions is left out
    too: ``[x][label]`` reaches the model as a link to the definition's target, and the
    place to fix is the definition, which is judged itself.
    """
    for page in ctx.model.pages:
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
            if not is_markdown(path) or is_include(path):
                continue
            yield resolve(ctx, page, link, path, fragment)


def resolve(ctx: LintContext, page: Page, link: Link, path: str, fragment: str | None) -> LocalLink:
    if "\\" in path:
        fixed = ctx.resolve_link(page.path, path.replace("\\", "/"))
        found = _existing(ctx, fixed)
        return LocalLink(page, link, path, fragment, fixed, Resolution.BACKSLASH, found)
    resolved = ctx.resolve_link(page.path, path)
    if resolved == ".." or resolved.startswith("../"):
        return LocalLink(page, link, path, fragment, None, Resolution.OUTSIDE, None)
    if resolved in ctx.pages:
        return LocalLink(page, link, path, fragment, resolved, Resolution.FOUND, resolved)
    folded = ctx.files_folded.get(resolved.lower())
    if folded is not None:
        return LocalLink(page, link, path, fragment, resolved, Resolution.CASE_ONLY, folded)
    return LocalLink(page, link, path, fragment, resolved, Resolution.MISSING, None)


def _existing(ctx: LintContext, resolved: str) -> str | None:
    if resolved in ctx.pages:
        return resolved
    return ctx.files_folded.get(resolved.lower())


def describe(link: Link) -> str:
    """How a message names the link: ``[label]: target`` for a definition."""
    if link.is_reference_definition:
        return f"link reference definition [{link.text}] ({link.target})"
    return f"link to {unquote(link.target)}"
