"""DC606: a relative link to a file that exists but lies outside every doc root given."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.link_targets import (
    LocalLink,
    Resolution,
    describe,
    local_links,
    resolve_all,
)
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    """Once per target file, at the first link to it in the whole doc set (pages in path
    order, links in line order), so a view of part of the pages reports the same."""
    checked = {page.path for page in ctx.model.pages}
    for first, count in ctx.shared("outside_roots", lambda: _first_links(ctx)).values():
        if first.page.path not in checked:
            continue
        more = f" ({count - 1} more link(s) to it not reported)" if count > 1 else ""
        yield RULE.finding(
            first.link.span,
            f"{describe(first.link)}: the file is outside the doc roots given: "
            f"pass its folder too{more}",
        )


def _first_links(ctx: LintContext) -> dict[str, tuple[LocalLink, int]]:
    """Target -> (its first link in the doc set, how many links reach it)."""
    found: dict[str, tuple[LocalLink, int]] = {}
    whole = ctx.model is ctx.doc_set  # not a view: the links every link rule reads
    for local in local_links(ctx) if whole else resolve_all(ctx, ctx.doc_set.pages):
        if local.resolution != Resolution.NOT_GIVEN or local.resolved is None:
            continue
        first, count = found.get(local.resolved, (local, 0))
        found[local.resolved] = (first, count + 1)
    return found


RULE = Rule(
    code="DC606",
    name="link-outside-roots",
    severity=Severity.WARNING,
    summary="link to a file that exists outside the doc roots given",
    explanation=(
        "A relative link names a file that exists, but not under any of the doc roots "
        "docs2code was given, so the page it reaches is not checked (its anchors, its "
        "case) and the link cannot be told from a broken one by the doc set alone. "
        "This is reported once per target file, at the first link to it. Pass the "
        "target's folder too; the roots then make one doc set, whose pages are named "
        "from the folder that holds them all:\n\n"
        "    docs2code lint v1.0/api v1.0/resources            # links into v1.0/concepts: DC606\n"
        "    docs2code lint v1.0/api v1.0/resources v1.0/concepts\n\n"
        "A link to a file that does not exist is DC601."
    ),
    check=check,
)
