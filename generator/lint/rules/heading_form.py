"""DC104: a required heading that is misspelt, at the wrong level, or out of order."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import EXAMPLE, HTTP_REQUEST, PERMISSIONS, RESPONSE, page_type
from generator.lint.rule import Rule
from generator.model import Diagnostic, Page, Severity, Span

# The API page template, in order.
ORDER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Permissions", PERMISSIONS),
    ("HTTP request", HTTP_REQUEST),
    ("Response", RESPONSE),
    ("Example", EXAMPLE),
)
SPELLINGS = (
    "Permissions",
    "Prerequisites",
    "HTTP request",
    "Request headers",
    "Request body",
    "Response",
    "Example",
    "Examples",
    "Optional query parameters",
    "Properties",
    "Relationships",
    "JSON representation",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        yield from _misspelt(page)
        if page_type(ctx, page) == "apiPageType":
            yield from _level(page)
            yield from _order(page)


def _misspelt(page: Page) -> Iterator[Diagnostic]:
    for level, text, line in page.headings:
        if level not in (2, 3) or text in SPELLINGS:
            continue
        lowered = text.lower()
        if any(lowered.startswith(s.lower()) for s in SPELLINGS):
            continue  # "HTTP Requests", "Example 2: ...", "Response (v1)"
        close = difflib.get_close_matches(lowered, [s.lower() for s in SPELLINGS], 1, 0.9)
        if close:
            proper = next(s for s in SPELLINGS if s.lower() == close[0])
            yield RULE.finding(
                Span(page.path, line, line), f"heading {text!r} looks like a misspelt {proper!r}"
            )


def _level(page: Page) -> Iterator[Diagnostic]:
    """Template sections are H2s; one at H3 or deeper whose parent is the H1 skips levels."""
    stack: list[int] = []  # levels of the open headings
    for level, text, line in page.headings:
        while stack and stack[-1] >= level:
            stack.pop()
        if level > 2 and stack == [1] and any(p.search(text) for _, p in ORDER):
            yield RULE.finding(
                Span(page.path, line, line),
                f"section heading {text!r} is H{level} directly under the H1; make it H2",
            )
        stack.append(level)


def _order(page: Page) -> Iterator[Diagnostic]:
    seen: list[tuple[int, str, int]] = []  # (template position, text, line) of top sections
    top = min((lvl for lvl, _, _ in page.headings if lvl > 1), default=2)
    for level, text, line in page.headings:
        if level != top:
            continue
        position = next((k for k, (_, p) in enumerate(ORDER) if p.search(text)), None)
        if position is None or any(k == position for k, _, _ in seen):
            continue
        later = [s for s in seen if s[0] > position]
        if later:
            _, other, other_line = later[0]
            yield RULE.finding(
                Span(page.path, line, line),
                f"section {text!r} comes after {other!r} (line {other_line}); the template "
                f"order is {', '.join(name for name, _ in ORDER)}",
            )
        seen.append((position, text, line))


RULE = Rule(
    code="DC104",
    name="heading-form",
    severity=Severity.WARNING,
    summary="a template heading is misspelt, at the wrong level or out of order",
    explanation=(
        "API pages follow one template: `## Permissions`, `## HTTP request`, `## Response`, "
        "`## Example`, each an H2 in that order. Readers skim by these headings and tools "
        "find sections by them; a misspelt `## Reponse`, an `### HTTP request` directly "
        "under the H1, or a Response after the Example breaks both. Rename, re-level or move "
        "the section."
    ),
    check=check,
)
