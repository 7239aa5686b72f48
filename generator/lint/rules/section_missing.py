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
from generator.model import Diagnostic, Severity, Span

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
        for title, pattern in REQUIRED.get(kind or "", ()):
            if not any(pattern.search(text) for _, text, _ in page.headings):
                yield RULE.finding(Span(page.path, 1, 1), f"{kind} page has no '{title}' section")


RULE = Rule(
    code="DC103",
    name="section-missing",
    severity=Severity.ERROR,
    summary="a section the page type requires is missing",
    explanation=(
        "API pages need `## Permissions`, `## HTTP request` and `## Response`; resource "
        "pages need `## Properties`. Readers and docs2code look for these headings to find "
        "permissions, paths, statuses and properties. Add the section with its usual heading."
    ),
    check=check,
)
