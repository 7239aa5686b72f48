"""Shared by the DC3xx rules: every example request and response once, and the lines of
their first lines.  Not a rule: this module has no ``RULE``.

An example response that answers several requests (a response annotation naming a list)
is one block in the file but sits in several :class:`Example` objects, and an example
may be reachable from more than one operation of a page; findings must be reported once
per block, so both generators deduplicate by the block's span.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.model import ExampleRequest, ExampleResponse, Operation, Span


def example_requests(ctx: LintContext) -> Iterator[tuple[Operation, ExampleRequest]]:
    """Each example request block once, with the (first) operation holding it."""
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            if ex.request is not None and ex.request.span not in seen:
                seen.add(ex.request.span)
                yield op, ex.request


def example_responses(ctx: LintContext) -> Iterator[tuple[Operation, ExampleResponse]]:
    """Each example response block once, with the (first) operation holding it."""
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            if ex.response is not None and ex.response.span not in seen:
                seen.add(ex.response.span)
                yield op, ex.response


def first_line_span(block: Span) -> Span:
    """The line after a fence's opening line: the request or status line.

    The model does not record that line, and the reader skips blank lines before it;
    in the Graph corpus it is always the fence's first content line (checked on every
    example of graph-v1.0).
    """
    line = min(block.line + 1, block.end_line)
    return Span(block.file, line, line)


def line_span(file: str, line: int) -> Span:
    return Span(file, line, line)
