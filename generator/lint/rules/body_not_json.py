"""DC305: an example body that should be JSON and is not."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Body, Diagnostic, ExampleRequest, ExampleResponse, Severity, Span

_NON_JSON_NUMBER = re.compile(r"\b(?:NaN|Infinity)\b")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            for kind, message in (("request", ex.request), ("response", ex.response)):
                if message is None or (message.span.file, message.span.line) in seen:
                    continue
                seen.add((message.span.file, message.span.line))
                finding = _check_message(kind, message)
                if finding is not None:
                    yield finding


def _check_message(kind: str, message: ExampleRequest | ExampleResponse) -> Diagnostic | None:
    body = message.body
    if body is None or (body.json_error is None and not _NON_JSON_NUMBER.search(body.text)):
        return None
    if message.annotation is not None and message.annotation.truncated:
        return None  # "truncated": the writer cut the JSON short on purpose
    content_type = next(
        (h.value for h in message.headers if h.name.lower() == "content-type"), None
    )
    if content_type is not None:
        if "json" not in content_type.lower():
            return None
        what = f"Content-Type {content_type.strip()}"
    elif body.text.lstrip().startswith(("{", "[")):
        what = "no Content-Type, starts like JSON"
    else:
        return None
    error, offset = _error(body)
    if error is None:
        return None
    line = body.line + body.text.count("\n", 0, offset)
    column = body.column + offset - (body.text.rfind("\n", 0, offset) + 1)
    return RULE.finding(
        Span(message.span.file, line, line, column),
        f"example {kind} body is not valid JSON ({what}), line {line}: {error}",
    )


class _Constant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _refuse(name: str) -> None:
    """Python's json reads NaN and Infinity; JSON has no such numbers."""
    raise _Constant(name)


def _finite(text: str) -> float:
    """``1e999`` reads as Infinity too."""
    value = float(text)
    if not math.isfinite(value):
        raise _Constant(text)
    return value


def _error(body: Body) -> tuple[str | None, int]:
    """The strict parser's complaint, with the likely cause, and the offset in the body
    it points at (a trailing comma rather than the brace after it; the end of the line
    that lacks a comma)."""
    try:
        json.loads(body.text, parse_constant=_refuse, parse_float=_finite)
    except _Constant as exc:
        return f"{exc.name} is not a JSON number", max(body.text.find(exc.name), 0)
    except json.JSONDecodeError as exc:
        text, pos = body.text, exc.pos
        msg = exc.msg[: -len(" at")] if exc.msg.endswith(" at") else exc.msg
        at = text[pos : pos + 1]
        before = len(text[:pos].rstrip(" \t\r\n"))
        if at in ("}", "]") and before and text[before - 1] == ",":
            return f"{msg} (trailing comma)", before - 1
        if exc.msg == "Expecting ',' delimiter" and before and "\n" in text[before:pos]:
            return f"{msg} (missing comma at the end of the line)", before
        if at.isspace() and at not in " \t\r\n":
            msg += f" (U+{ord(at):04X} is not JSON white space)"
        elif exc.msg.startswith("Invalid control character"):
            msg += " (raw line break inside a string)" if at == "\n" else " (raw tab)"
        elif at == "'":
            msg += " (single quotes)"
        return msg, pos
    except ValueError as exc:  # a number too long to convert
        return str(exc) or type(exc).__name__, 0
    except RecursionError:  # deep nesting: the reader's finding (DC016), not a syntax error
        return None, 0
    return None, 0  # valid after all: a JSON string, number or literal


RULE = Rule(
    code="DC305",
    name="body-not-json",
    severity=Severity.WARNING,
    summary="example body is not valid JSON although it is declared or looks like JSON",
    explanation=(
        "An example body sent or returned as JSON (a JSON Content-Type, or no "
        "Content-Type and a body opening with `{` or `[`) must parse as strict JSON: "
        "readers paste it into requests, and docs2code turns examples into tests and "
        "mock responses. The usual culprits are a trailing comma, single quotes, a raw "
        "line break inside a string, and comments. Bodies whose annotation says "
        '`"truncated": true` are skipped: their writer shortened them on purpose.\n\n'
        'Example: `{ "isRead": true, }` fails with "Expecting property name enclosed '
        'in double quotes"; remove the comma: `{ "isRead": true }`.'
    ),
    check=check,
)
