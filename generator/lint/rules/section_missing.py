"""DC103: an API page without Permissions, HTTP request or Response; a resource page
without Properties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import (
    EXAMPLE,
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
        kind = page_type(ctx, page)  # from the page's role: DC105 reports a doubtful one
        actual = content_type(ctx, page)
        missing = [
            title
            for title, pattern in REQUIRED.get(kind or "", ())
            if not any(pattern.search(text) for _, text, _ in page.headings)
        ]
        if missing and kind == "resourcePageType" and actual is None and not _has_json(page):
            # Declared a resource page, but nothing on it defines one: the doc_type is the
            # likely mistake (an overview page), not a forgotten section.
            yield RULE.finding(
                page.front_matter_span("doc_type"),
                "doc_type is 'resourcePageType' but the page defines no resource (no "
                "'Properties' section, no JSON representation); an overview page should be "
                "conceptualPageType",
            )
            continue
        for title in missing:
            at, hint = _where_missing(page, kind or "", title)
            message = f"{kind} page has no '{title}' section{hint}"
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


# Where each required section goes: the sections of the page template, in order.
TEMPLATE: dict[str, tuple[re.Pattern[str], ...]] = {
    "apiPageType": (
        PERMISSIONS,
        HTTP_REQUEST,
        re.compile(r"^(optional )?(query|function) parameters?\b", re.IGNORECASE),
        re.compile(r"^request headers?\b", re.IGNORECASE),
        re.compile(r"^request body\b", re.IGNORECASE),
        RESPONSE,
        EXAMPLE,
    ),
    "resourcePageType": (
        PROPERTIES,
        re.compile(r"^relationships\s*$", re.IGNORECASE),
        re.compile(r"^json representation\b", re.IGNORECASE),
    ),
}


def _where_missing(page: Page, kind: str, title: str) -> tuple[Span, str]:
    """Where to add a missing section, and a hint for the message.  A heading that ends
    in the section's name ("operationError Properties") holds the content under a
    heading tools do not recognise: that heading.  A heading an HTML comment hides (a
    comment closed with ``->``): the comment.  Otherwise the heading after which the
    section belongs in the template: the last H2 before the first later template section
    (or the page title), else the page's first line."""
    words = re.compile(rf"\b{re.escape(title)}s?\s*$", re.IGNORECASE)
    near = next(((t, line) for lvl, t, line in page.headings if lvl == 2 and words.search(t)), None)
    if near is not None:
        hint = f": '{near[0]}' (line {near[1]}) is not the template heading '## {title}'"
        return _line(page, near[1]), hint
    pattern = dict(REQUIRED.get(kind, ())).get(title)
    hidden = next(
        ((text, at) for _, text, at in page.commented_headings if pattern and pattern.search(text)),
        None,
    )
    if hidden is not None:
        text, at = hidden
        return _line(page, at), f": its heading '{text}' is inside the HTML comment on line {at}"
    order = TEMPLATE.get(kind, ())
    later = order[order.index(pattern) + 1 :] if pattern in order else ()
    sections = [(lvl, text, line) for lvl, text, line in page.headings if lvl > 1]
    before = next((line for _, text, line in sections if any(p.search(text) for p in later)), None)
    above = [n for lvl, _, n in page.headings if lvl <= 2 and (before is None or n < before)]
    return _line(page, above[-1] if above else 1), ""


def _line(page: Page, line: int) -> Span:
    return Span(page.path, line, line)


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
