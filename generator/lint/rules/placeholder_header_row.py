"""DC307: a request-header table row left over from the page template."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import line_span
from generator.model import Diagnostic, Parameter, Severity, Span

_SAMPLE_NAME = re.compile(r"^x-(?:sample|example|placeholder)\b", re.IGNORECASE)
_TEMPLATE_TEXT = re.compile(
    r"update accordingly|remove if not needed|sample http header", re.IGNORECASE
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[Span] = set()
    for op in ctx.model.operations:
        for row in op.request.headers:  # one table serves every method of a page
            if row.span not in seen:
                seen.add(row.span)
                reason = _reason(row)
                if reason is not None:
                    yield RULE.finding(line_span(row.span.file, row.span.line), reason)


def _reason(row: Parameter) -> str | None:
    if _SAMPLE_NAME.match(row.name):
        return f"request header '{row.name}' is a template placeholder, not a real header"
    m = _TEMPLATE_TEXT.search(row.description)
    if m is not None:
        return (
            f"request header row '{row.name}' still holds template text "
            f"'{m.group()}': '{row.description}'"
        )
    return None


RULE = Rule(
    code="DC307",
    name="placeholder-header-row",
    severity=Severity.WARNING,
    summary="request-header table row left from the page template",
    explanation=(
        "The API page template ships a sample row, `X-Sample-Header | string | Sample "
        "HTTP header. Update accordingly or remove if not needed`, to be replaced by the "
        "headers the API really takes. Left in, it documents a header that does not "
        "exist, and docs2code would generate a client parameter for it. Rows named "
        "`X-Sample-…` (or `X-Example-…`, `X-Placeholder-…`) or whose description still "
        'says "Update accordingly", "remove if not needed" or "Sample HTTP header" '
        "are reported.\n\n"
        "Fix: replace the row with the real headers (at least `Authorization | Bearer "
        "{token}. Required.`), or delete it."
    ),
    check=check,
)
