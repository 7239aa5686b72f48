"""Helpers shared by the DC3xx rules; not a rule (this module has no ``RULE``).

Every example request once, the findings the reader recorded on them, and the line of a
block's request or status line.  An example block can sit in several :class:`Example`
objects (a response answering a list of requests), so findings about a block are
deduplicated by its span.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.model import Diagnostic, ExampleRequest, Operation, Span


def example_requests(ctx: LintContext) -> Iterator[tuple[Operation, ExampleRequest]]:
    """Each example request block once, with the (first) operation holding it."""
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            if ex.request is not None and ex.request.span not in seen:
                seen.add(ex.request.span)
                yield op, ex.request


def recorded(ctx: LintContext, code: str) -> Iterator[Diagnostic]:
    """The ``code`` findings the reader recorded on example request lines
    (:attr:`ExampleRequest.defects`, generator/read/request_lines.py): the generated
    tests' skip reasons come from the same records."""
    seen: set[Span] = set()
    for _, req in example_requests(ctx):
        seen.add(req.span)
        for d in req.defects:
            if d.code == code:
                yield Diagnostic(d.code, d.severity, d.span, d.message)
    for page in ctx.model.pages:  # calls on conceptual pages that fit no operation
        for ex in page.examples:
            if ex.request is not None and ex.request.span not in seen:
                seen.add(ex.request.span)
                for d in ex.request.defects:
                    if d.code == code:
                        yield Diagnostic(d.code, d.severity, d.span, d.message)


def line_span(file: str, line: int) -> Span:
    return Span(file, line, line)
