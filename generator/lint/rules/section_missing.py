"""DC103: an API page without Permissions, HTTP request or Response; a resource page
without Properties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import (
    HTTP_REQUEST,
    PERMISSIONS,
    PROPERTIES,
    RESPONSE,
    content_type,
    page_type,
)
from generator.lint.rule import Rule
from generator.model import Diagnostic, Page, Severity, Span

REQUIRED: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "apiPageType": (
        ("Permissions", PERMISSIONS),
        ("HTTP request", HTTP_REQUEST),
        ("Response", RESPONSE),
    ),
    "resourcePageType": (("Properties", PROPERTIES),),
}


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        kind = page_type(ctx, page)
        actual = content_type(ctx, page)
        if actual is not None and kind != actual:
            yield RULE.finding(
                Span(page.path, 1, 1),
                f"doc_type is {kind!r} but the page documents "
                f"{'an operation' if actual == 'apiPageType' else 'a resource'} ({actual})",
            )
            kind = actual
        missing = [
            title
            for title, pattern in REQUIRED.get(kind or "", ())
            if not any(pattern.search(text) for _, text, _ in page.headings)
        ]
        if missing and kind == "resourcePageType" and actual is None and not _has_json(page):
            # Declared a resource page, but nothing on it defines one: the doc_type is the
            # likely mistake (an overview page), not a forgotten section.
            yield RULE.finding(
                Span(page.path, 1, 1),
                "doc_type is 'resourcePageType' but the page defines no resource (no "
                "'Properties' section, no JSON representation); an overview page should be "
                "conceptualPageType",
            )
            continue
        for title in missing:
            at = Span(page.path, 1, 1)
            message = f"{kind} page has no '{title}' section{_near(page, title)}"
            if title == "Properties" and _defines_only_empty_types(ctx, page):
                # Nothing is undocumented, only the template's "None." is missing: a warning.
                yield Diagnostic(
                    RULE.code,
                    Severity.WARNING,
                    at,
                    f"{message}; the type has no properties (relationships aside), so the "
                    "section should say 'None.'",
                )
            else:
                yield RULE.finding(at, message)


def _defines_only_empty_types(ctx: LintContext, page: Page) -> bool:
    defined = [t for t in ctx.model.types if t.source.file == page.path]
    return bool(defined) and not any(not p.is_relationship for t in defined for p in t.properties)


def _has_json(page: Page) -> bool:
    return any(
        re.match(r"json representation\b", text, re.IGNORECASE) for _, text, _ in page.headings
    )


def _near(page: Page, title: str) -> str:
    """A hint when an H2 ends in the section's name ("operationError Properties"): the
    content is there, under a heading tools do not recognise."""
    words = re.compile(rf"\b{re.escape(title)}s?\s*$", re.IGNORECASE)
    near = next(((t, line) for lvl, t, line in page.headings if lvl == 2 and words.search(t)), None)
    if near is None:
        return ""
    return f": '{near[0]}' (line {near[1]}) is not the template heading '## {title}'"


RULE = Rule(
    code="DC103",
    name="section-missing",
    severity=Severity.ERROR,
    summary="a section the page type requires is missing",
    explanation=(
        "API pages need `## Permissions`, `## HTTP request` and `## Response`; resource "
        "pages need `## Properties`. Readers and docs2code look for these headings to find "
        "permissions, paths, statuses and properties. Add the section with its usual heading. "
        "A doc_type that contradicts the content is reported too; a page marked "
        "resourcePageType that defines no resource (an overview) needs another doc_type. "
        "A type with no properties (relationships aside) still gets the section, saying "
        "`None.`; its absence there is only a warning."
    ),
    check=check,
)
