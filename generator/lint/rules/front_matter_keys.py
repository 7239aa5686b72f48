"""DC102: front matter without the keys every page needs, or an unknown doc_type (the Graph
convention)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import PAGE_TYPES
from generator.lint.rule import Rule
from generator.model import Diagnostic, PageRole, Severity, Span

REQUIRED = ("title", "description", "doc_type")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        fm = page.front_matter
        if not isinstance(fm, dict) or page.role is PageRole.INCLUDE:
            continue  # DC101 or DC003; a partial is read as part of the pages including it
        at = Span(page.path, 1, 1)
        for key in REQUIRED:
            value = fm.get(key)
            if value is None:
                yield RULE.finding(at, f"front matter has no '{key}'")
            elif not str(value).strip():
                yield RULE.finding(page.front_matter_span(key), f"front matter '{key}' is empty")
        doc_type = fm.get("doc_type")
        if isinstance(doc_type, str) and doc_type.strip() and doc_type not in PAGE_TYPES:
            yield RULE.finding(
                page.front_matter_span("doc_type"),
                f"front matter doc_type {doc_type!r} is not one of {', '.join(PAGE_TYPES)}",
            )


RULE = Rule(
    code="DC102",
    name="front-matter-key-missing",
    severity=Severity.ERROR,
    summary="front matter lacks title, description or a known doc_type",
    explanation=(
        "`title` and `description` feed the page header and search; `doc_type` "
        f"({', '.join(PAGE_TYPES)}) tells tools what the page documents. "
        "Add the missing key, or correct a misspelt doc_type such as `resourcePageType_`.\n\n"
        "Graph convention only; in the ApiDoctor convention DC107 checks the page annotation."
    ),
    check=check,
    convention="graph",
)
