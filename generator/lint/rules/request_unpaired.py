"""DC205: an example request with no response after it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Annotation, Diagnostic, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    """Requests and responses pair as the docs tool chain pairs them: in page order, a
    ``request`` annotation is answered by the next ``response`` annotation unless another
    ``request`` comes first.  ``ignored``, ``example`` and other blocks in between do not
    break the pair (a ``request`` followed by an ``ignored`` variant of the same call and
    then one response is paired), and an ``ignored`` request needs no response."""
    for page in ctx.model.pages:
        flow: list[Annotation | None] = [
            a for a in page.annotations if a.block_type in ("request", "response")
        ]
        for ann, after in pairwise([*flow, None]):
            assert ann is not None
            if ann.block_type == "request" and (after is None or after.block_type != "response"):
                yield RULE.finding(_span(ann), _message(ann, after))


def _span(ann: Annotation) -> Span:
    """The request block when the annotation has one, else the annotation."""
    if ann.block_line is None:
        return ann.span
    return Span(ann.span.file, ann.block_line, ann.block_line)


def _message(ann: Annotation, after: Annotation | None) -> str:
    name = f" {ann.name!r}" if ann.name else ""
    where = (
        "before the end of the page"
        if after is None
        else f"before the next request (line {after.span.line})"
    )
    return f"example request{name} has no response example {where}"


RULE = Rule(
    code="DC205",
    name="request-unpaired",
    severity=Severity.WARNING,
    summary="example request has no paired response",
    explanation=(
        "Each annotated example request should be followed by its response, so readers see "
        "what comes back and docs2code's mock server and generated tests can use the pair. "
        "A `request` block is paired with the next `response` block unless another "
        "`request` comes first; `ignored` blocks in between do not count. Add a `response` "
        "block after the request (or mark the request `ignored`)."
    ),
    check=check,
)
