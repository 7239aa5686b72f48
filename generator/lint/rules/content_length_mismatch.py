"""DC304: an example's Content-Length header that does not give its body's length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import line_span
from generator.model import Body, Diagnostic, ExampleRequest, ExampleResponse, Header, Severity

# Bodies whose bytes the example can show.  Others (application/zip, octet-stream,
# image/jpeg...) are elided or stand-ins such as "[Zip file containing a Teams app
# package]", whose length says nothing.
_TEXTUAL = re.compile(r"json|xml|html|javascript|text/|form|multipart", re.IGNORECASE)


def expected_length(body_text: str) -> int:
    """The body's UTF-8 byte length with LF line endings: the value ``--fix`` writes."""
    return len(_lf(body_text).encode("utf-8"))


def accepted_lengths(body_text: str) -> tuple[int, ...]:
    """Every length that describes the body as shown: LF or CRLF line endings, each
    with or without one final line break (a fence cannot show whether the body ends
    with one)."""
    lf = expected_length(body_text)
    crlf = lf + _lf(body_text).count("\n")
    return (lf, crlf, lf + 1, crlf + 2)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            head = ex.request is not None and ex.request.method == "HEAD"
            for message in (ex.request, ex.response):
                if message is None or (message.span.file, message.span.line) in seen:
                    continue
                seen.add((message.span.file, message.span.line))
                yield from _check_message(message, head)


def _check_message(message: ExampleRequest | ExampleResponse, head: bool) -> Iterator[Diagnostic]:
    content_type = next((h.value for h in message.headers if _is(h, "content-type")), "")
    if content_type and not _TEXTUAL.search(content_type):
        return
    truncated = message.annotation is not None and message.annotation.truncated
    for header in message.headers:
        if _is(header, "content-length"):
            text = _problem(header, message.body, head, truncated)
            if text is not None:
                yield RULE.finding(line_span(message.span.file, header.line), text)


def _is(header: Header, name: str) -> bool:
    return header.name.lower() == name


def _problem(header: Header, body: Body | None, head: bool, truncated: bool) -> str | None:
    value = header.value.strip()
    size = f"{expected_length(body.text)} bytes" if body is not None else "empty"
    if not value.isdigit():
        return f"{header.name} {value!r} is not a byte count; the body is {size}"
    if body is None:
        if int(value) == 0 or head:  # a response to HEAD has a length and no body
            return None
        return f"{header.name} {value} but the example has no body"
    if int(value) in accepted_lengths(body.text):
        return None
    lf, crlf = accepted_lengths(body.text)[:2]
    note = (
        "; the example is marked truncated, so give the length of the body shown or drop the header"
        if truncated
        else ""
    )
    return (
        f"{header.name} {value} does not match the body: {lf} bytes with LF line endings, "
        f"{crlf} with CRLF{note}"
    )


RULE = Rule(
    code="DC304",
    name="content-length-mismatch",
    severity=Severity.WARNING,
    summary="Content-Length header does not match the example body",
    explanation=(
        "A Content-Length header in an example must give the byte length of the body "
        "shown. A stale value (the body was edited, the header copied from another "
        "example) misleads readers, and a client, mock server or test that replays the "
        "example reads too few bytes or waits for more that never come.\n\n"
        "The length counts the body's UTF-8 bytes. Because a Markdown fence hides line "
        "endings, four values are accepted: the length with LF line endings, with CRLF, "
        "and each plus one final line break. A value that is not a decimal number "
        "(`xxx`), or a non-zero value for an example with no body, is a finding; `0` "
        "with no body is fine, and so is a length without a body in a response to HEAD. "
        "Bodies that are not text (zip, images, octet-stream) are not checked. An "
        "example marked `truncated` is still checked: the header should describe the "
        "body as shown, or be left out.\n\n"
        "Fix: write the LF length (`docs2code lint --fix` does), or delete the header; "
        'for `{\\n  "a": 1\\n}`, `Content-Length: 12`.'
    ),
    check=check,
    fixable=True,
)
