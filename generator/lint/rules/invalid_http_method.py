"""DC303: a request line whose method is not an upper-case HTTP method.

The reader records it on example requests (generator/read/request_lines.py); refused
lines and declared paths are checked here, with the same wording
(:func:`generator.paths.method_defect`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import example_requests, line_span, recorded
from generator.model import Diagnostic, PathVariant, Severity, Span
from generator.paths import HTTP_METHODS, method_defect

# A request line the reader refused: a word, blanks, then a target that starts like a
# path or a URL.  Prose ("Use the /me alias") is told apart by the word's case below.
_ATTEMPT = re.compile(r"([A-Za-z]+)[ \t]+(?:/|\\|\{|https?://)", re.IGNORECASE)
# The quoted line at the end of a reader message: "not a 'METHOD /path' line: 'FETCH /x'".
_QUOTED = re.compile(r""":\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*$""")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    # 1. Lines the reader could not read as requests (DC010 in HTTP request sections,
    #    DC011 for example blocks): the method is not one of the seven.
    for d in ctx.model.diagnostics:
        if d.code not in ("DC010", "DC011"):
            continue
        line = _quoted_line(d.message)
        word = _attempted_method(line) if line is not None else None
        if word is not None:  # DC011 is at the block's first line: the request line
            yield _finding(line_span(d.span.file, d.span.line), word)
    # 2. Lines the reader did read: it upper-cases the method, so only the method as
    #    written can show a lower-case one.  Example requests: as the reader recorded.
    yield from recorded(ctx, RULE.code)
    blocks: set[tuple[str, int]] = set()  # (file, line) of every example request block
    for _, req in example_requests(ctx):
        blocks.update((req.span.file, n) for n in range(req.span.line, req.span.end_line + 1))
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for variant in op.paths:
            span = variant.span
            if span in seen or (span.file, span.line) in blocks:
                continue  # a path read off an example block was checked as the example
            seen.add(span)
            word = _as_written(variant)
            if word is not None and word != word.upper():
                yield _finding(line_span(span.file, span.line), word)


def _quoted_line(message: str) -> str | None:
    m = _QUOTED.search(message)
    if m is None:
        return None
    try:
        value = ast.literal_eval(m.group(1))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _attempted_method(line: str) -> str | None:
    """The method word of a refused line that is plainly meant as a request line: an
    upper-case word (``FETCH /me``) or a known method in another case."""
    m = _ATTEMPT.match(line.strip())
    if m is None:
        return None
    word = m.group(1)
    return word if word.isupper() or word.upper() in HTTP_METHODS else None


def _as_written(node: PathVariant) -> str | None:
    """The method as the doc writes it (the reader upper-cases ``method``)."""
    return node.method_as_written or None


def _finding(span: Span, word: str) -> Diagnostic:
    return RULE.finding(span, method_defect(word))


RULE = Rule(
    code="DC303",
    name="invalid-http-method",
    severity=Severity.ERROR,
    summary="request line method is not an upper-case HTTP method",
    explanation=(
        "A request line starts with one of GET, POST, PUT, PATCH, DELETE, HEAD or "
        "OPTIONS, in upper case: methods are case-sensitive (RFC 9110), so `get` or "
        "`Post` is a different, unknown method to a server, and a made-up one (`FETCH`, "
        "`UPDATE`) means the line documents no operation at all: docs2code drops it. "
        "Fix the word, for example `Post /me/events` becomes `POST /me/events`."
    ),
    check=check,
)
