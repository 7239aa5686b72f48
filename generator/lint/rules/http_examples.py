"""Helpers shared by the DC3xx rules; not a rule (this module has no ``RULE``).

Every example request once, the line of a block's request or status line, the headings
a line stands under, and the API host of the doc set.  An example block can sit in
several :class:`Example` objects (a response answering a list of requests), so findings
about a block are deduplicated by its span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from generator.lint.context import LintContext
from generator.model import ExampleRequest, Operation, Span


def example_requests(ctx: LintContext) -> Iterator[tuple[Operation, ExampleRequest]]:
    """Each example request block once, with the (first) operation holding it."""
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            if ex.request is not None and ex.request.span not in seen:
                seen.add(ex.request.span)
                yield op, ex.request


def line_span(file: str, line: int) -> Span:
    return Span(file, line, line)


Headings = Sequence[tuple[int, str, int]]  # Page.headings: (level, text, line)


def enclosing_headings(headings: Headings, line: int) -> list[str]:
    """The texts of the headings whose sections hold ``line``, outermost first, without
    the page title.  H1s are the title or the tab headings of code groups
    (``# [HTTP](#tab/http)``): neither says which section a line is in."""
    open_: list[tuple[int, str]] = []
    for level, text, at in headings:
        if at >= line:
            break
        if level == 1:
            continue
        while open_ and open_[-1][0] >= level:
            open_.pop()
        open_.append((level, text))
    return [text for _, text in open_]


def api_hosts(ctx: LintContext) -> set[str]:
    """The hosts the doc set's examples call: the most used one, and any used with a
    version segment (``https://graph.microsoft.com/v1.0``).  Examples on other hosts
    are bot callbacks (``https://bot.contoso.com/api/calls``), upload URLs or calls a
    third-party service receives, which no page declares."""
    counts: Counter[str] = Counter()
    hosts: set[str] = set()
    for op in ctx.doc_set.operations:
        for ex in op.examples:
            req = ex.request
            if req is not None and req.host is not None:
                counts[_host(req.host)] += 1
                if req.version is not None:
                    hosts.add(_host(req.host))
    if counts:
        hosts.add(counts.most_common(1)[0][0])
    return hosts


def is_foreign(req: ExampleRequest, hosts: set[str]) -> bool:
    """Whether ``req`` calls a host other than the API's (relative URLs never do)."""
    return req.host is not None and _host(req.host) not in hosts


def _host(host: str) -> str:
    return (urlsplit(host).hostname or host).lower()
