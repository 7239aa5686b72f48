"""DC205: an example request with no response after it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Annotation, Diagnostic, Page, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    """Requests and responses pair as the docs tool chain pairs them.  In page order, a
    ``request`` annotation is answered by the next ``response`` annotation unless another
    ``request`` comes first; ``ignored``, ``example`` and other blocks in between do not
    break the pair (a request, an ``ignored`` variant of the same call, then one
    response), and an ``ignored`` request needs no response.  A response may also name
    the requests it answers (``"name": ["a", "b"]``), wherever they are on the page."""
    for page in ctx.model.pages:
        answered = _named_by_responses(page)
        flow: list[Annotation | None] = [
            a for a in page.annotations if a.block_type in ("request", "response")
        ]
        for ann, after in pairwise([*flow, None]):
            assert ann is not None
            if ann.block_type != "request" or ann.name in answered:
                continue
            if after is None or after.block_type != "response":
                yield RULE.finding(_span(ann), _message(ann, after))


def _named_by_responses(page: Page) -> set[str | None]:
    names: set[str | None] = set()
    for ann in page.annotations:
        if ann.block_type == "response" and isinstance(ann.data, dict):
            value = ann.data.get("name")
            values = value if isinstance(value, list) else [value]
            names.update(v for v in values if isinstance(v, str) and v)
    return names


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
        "`request` comes first (`ignored` blocks in between do not count), or with a "
        "`response` whose `name` lists it. Add a `response` block after the request (or "
        "mark the request `ignored`)."
    ),
    check=check,
    scope="page",
)
