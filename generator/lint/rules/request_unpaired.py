"""DC205: an example request with no response after it."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            req = ex.request
            if req is None or ex.response is not None or req.annotation is None:
                continue
            key = (req.span.file, req.span.line)
            if key not in seen:
                seen.add(key)
                name = f" {ex.name!r}" if ex.name else ""
                yield RULE.finding(req.span, f"example request{name} has no response example")


RULE = Rule(
    code="DC205",
    name="request-unpaired",
    severity=Severity.WARNING,
    summary="example request has no paired response",
    explanation=(
        "Each annotated example request should be followed by its response, so readers see "
        "what comes back and docs2code's mock server and generated tests can use the pair. "
        "Add a `response` block after the request (or mark the request `ignored`)."
    ),
    check=check,
)
