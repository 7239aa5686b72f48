"""DC302: a backslash or raw whitespace in an example request URL or a declared path.

The reader records it on example requests (generator/read/request_lines.py); declared
paths are checked here, with the same wording (:func:`generator.paths.url_defects`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import example_requests, line_span, recorded
from generator.model import Diagnostic, Severity, Span
from generator.paths import url_defects


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from recorded(ctx, RULE.code)
    examples: dict[str, list[Span]] = {}
    for _, req in example_requests(ctx):
        examples.setdefault(req.span.file, []).append(req.span)
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for variant in op.paths:
            span = variant.span
            if span in seen or _inside(span, examples.get(span.file, [])):
                continue  # a path read off an example block is checked as the example
            seen.add(span)
            line = line_span(span.file, span.line)
            checked = variant.raw.split("?", 1)[0]
            for severity, message in url_defects(variant.raw, "declared path", False, checked):
                yield Diagnostic(RULE.code, severity, line, message)


def _inside(span: Span, blocks: list[Span]) -> bool:
    return any(b.line <= span.line <= b.end_line for b in blocks)


RULE = Rule(
    code="DC302",
    name="url-has-backslash-or-space",
    severity=Severity.ERROR,
    summary="URL or path holds a backslash (error) or raw whitespace (warning)",
    explanation=(
        "A backslash is never a path separator in a URL: `https://graph.microsoft.com/"
        "docs\\api/me` sends a literal `\\` (as `%5C`) and the call fails. It is an "
        "error, in example URLs and in the paths an HTTP request section declares. "
        "Write `/`.\n\n"
        "Raw whitespace is a warning. A request line cannot carry a blank inside its "
        "target, so `GET /users?$filter=displayName eq 'a'` only works because tools "
        "percent-encode it on the way: anyone who copies the URL into curl or a test "
        "gets a 400 or a truncated request line. It is reported in example URLs, query "
        "included (spaces inside `$filter` are the common case; write `%20`: "
        "`$filter=displayName%20eq%20'a'`), and in the path part of declared paths. "
        "Blanks inside `{placeholders}` (`{id | userPrincipalName}`) are template "
        "notation, not URL text, and are ignored; so is the query of a declared path, "
        "which shows OData syntax with placeholders (`$filter={property} eq '{value}'`) "
        "rather than a URL to send."
    ),
    check=check,
)
