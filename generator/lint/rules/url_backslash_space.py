"""DC302: a backslash or raw whitespace in an example request URL or a declared path."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import example_requests, line_span
from generator.model import Diagnostic, Severity, Span

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>")
_SPACE = re.compile(r"\s")
_CONTEXT = 40  # characters shown each side of the first blank in a long URL


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    examples: dict[str, list[Span]] = {}
    for _, req in example_requests(ctx):
        examples.setdefault(req.span.file, []).append(req.span)
        yield from _url_findings(req.span.first_content_line(), "example URL", req.url, query=True)
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for variant in op.paths:
            span = variant.span
            if span in seen or _inside(span, examples.get(span.file, [])):
                continue  # a path read off an example block is checked as the example
            seen.add(span)
            yield from _url_findings(
                line_span(span.file, span.line),
                "declared path",
                variant.raw,
                query=False,
                checked=variant.raw.split("?", 1)[0],
            )


def _inside(span: Span, blocks: list[Span]) -> bool:
    return any(b.line <= span.line <= b.end_line for b in blocks)


def _url_findings(
    span: Span, what: str, url: str, query: bool, checked: str | None = None
) -> Iterator[Diagnostic]:
    """Backslashes anywhere; whitespace outside ``{placeholders}`` in ``checked`` (the
    whole URL by default)."""
    if "\\" in url:
        yield RULE.finding(
            span, f"{what} '{url}' has a backslash: URL segments are separated by '/'"
        )
    text = _PLACEHOLDER.sub(lambda m: "x" * len(m.group()), url if checked is None else checked)
    m = _SPACE.search(text)
    if m is not None:
        where = "query" if query and "?" in url[: m.start()] else "path"
        yield Diagnostic(
            RULE.code,
            Severity.WARNING,
            span,
            f"{what} has raw whitespace in its {where}, which a client must send as %20: "
            f"'{_around(url, m.start())}'",
        )


def _around(url: str, at: int) -> str:
    if len(url) <= 2 * _CONTEXT + 20:
        return url
    start, end = max(0, at - _CONTEXT), min(len(url), at + _CONTEXT)
    return ("…" if start else "") + url[start:end] + ("…" if end < len(url) else "")


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
