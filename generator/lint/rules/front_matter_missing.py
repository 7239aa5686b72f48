"""DC101: a page without YAML front matter (the Graph convention)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import is_reference_page
from generator.lint.rule import Rule
from generator.model import Diagnostic, PageRole, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        if page.role is PageRole.INCLUDE:
            continue  # a partial: read as part of the pages that include it
        missing = page.front_matter is None and not _unreadable(ctx, page.path)
        if missing and is_reference_page(ctx, page):
            yield RULE.finding(Span(page.path, 1, 1), "page has no YAML front matter")


def _unreadable(ctx: LintContext, path: str) -> bool:
    """A page whose front matter exists but failed to parse is DC003's finding."""
    return any(d.code == "DC003" and d.span.file == path for d in ctx.model.diagnostics)


RULE = Rule(
    code="DC101",
    name="front-matter-missing",
    severity=Severity.ERROR,
    summary="page has no YAML front matter",
    explanation=(
        "Every page starts with a `---` YAML block giving at least `title`, `description` "
        "and `doc_type`; the docs site, search and docs2code read them. Add one:\n\n"
        '---\ntitle: "Create version"\ndescription: "Create a new version."\n'
        "doc_type: apiPageType\n---\n\n"
        "Graph convention only. A doc set in the ApiDoctor convention (the OneDrive API "
        "docs) carries no front matter but a page annotation instead: docs2code tells the "
        "two apart from the pages (`docs2code model` shows `convention`), or set "
        '`convention = "apidoctor"` in `[tool.docs2code]`; DC106 then checks those pages.'
    ),
    check=check,
    convention="graph",
)
