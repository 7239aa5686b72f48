"""DC603: a link to ``#anchor`` (same page or another page) that no heading produces."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.link_targets import local_links
from generator.model import Diagnostic, Page, Severity

_NOT_SLUG = re.compile(r"[^\w\- ]")  # GitHub keeps letters, digits, _, - and spaces
TAB_PREFIX = "tab/"  # "[HTTP](#tab/http)" selects a tab; it is not a heading anchor


def slug(text: str) -> str:
    """GitHub's heading anchor (github-slugger): lower case, punctuation other than
    ``-`` and ``_`` dropped, each space turned into ``-``."""
    return _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


def anchors(page: Page) -> list[str]:
    """The anchors of a page's headings in order; a repeated heading gets ``-1``, ``-2``
    (``## Request`` twice gives ``request`` and ``request-1``)."""
    seen: dict[str, int] = {}
    found: list[str] = []
    for _, text, _ in page.headings:
        base = candidate = slug(text)
        while candidate in seen:
            seen[base] += 1
            candidate = f"{base}-{seen[base]}"
        seen[candidate] = 0
        found.append(candidate)
    return found


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    cache: dict[str, list[str]] = {}
    for local in local_links(ctx):
        fragment = local.fragment
        if not fragment or fragment.startswith(TAB_PREFIX) or local.found is None:
            continue
        target = ctx.pages.get(local.found)
        if target is None:
            continue
        names = cache.get(target.path)
        if names is None:
            names = cache[target.path] = anchors(target)
        if fragment in names:
            continue
        where = "this page" if target.path == local.page.path else target.path
        hint = _hint(fragment, names)
        yield RULE.finding(
            local.link.span, f"anchor #{fragment} matches no heading of {where}{hint}"
        )


def _hint(fragment: str, names: list[str]) -> str:
    if fragment.lower() in names:
        return f" (anchors are lower case: #{fragment.lower()})"
    close = difflib.get_close_matches(fragment, names, 1, 0.75)
    return f" (did you mean #{close[0]}?)" if close else ""


RULE = Rule(
    code="DC603",
    name="broken-anchor",
    severity=Severity.WARNING,
    summary="link anchor matches no heading of the target page",
    explanation=(
        "`#anchor` and `page.md#anchor` jump to a heading. The anchor of a heading is its "
        "text in lower case, with punctuation other than `-` and `_` dropped and spaces "
        "turned into `-`; a repeated heading gets `-1`, `-2`... When no heading gives the "
        "anchor, the link lands at the top of the page. Fix the anchor or the heading:\n\n"
        "    ## Request body            ->  anchor #request-body\n"
        "    [body](#Request_Body)      ->  [body](#request-body)\n\n"
        "Tab links (`#tab/http`) are not anchors and are not checked."
    ),
    check=check,
)
