"""DC306: an example response whose status the Response section does not promise."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Example, Operation, Page, Severity

# The outermost section an example of the page's own operation stands in.  Topical
# sections ("Partial range downloads", "Retrieve thumbnail binary content") show other
# calls with their own statuses.
_EXAMPLE_SECTION = re.compile(r"\b(examples?|responses?)\b", re.IGNORECASE)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for op in ctx.model.operations:
        promised = {r.status for r in op.responses if r.status < 400}
        if not promised:
            continue  # no success status promised (or only errors): nothing to hold to
        page = ctx.pages.get(op.source.file)
        for ex in op.examples:
            resp = ex.response
            if resp is None or (resp.span.file, resp.span.line) in seen:
                continue
            seen.add((resp.span.file, resp.span.line))
            if ex.request is not None and ex.request.foreign:
                continue  # what another server answers (a bot, a webhook, a partner API)
            if _checked(ex, page) and resp.status not in promised:
                yield _finding(op, ex)


def _checked(ex: Example, page: Page | None) -> bool:
    """An example response of the operation itself, showing success."""
    resp = ex.response
    assert resp is not None
    if resp.status is None or resp.status >= 400:
        return False  # no status line (DC011), or an error example on purpose
    annotated = resp.annotation is not None and resp.annotation.block_type == "response"
    if not annotated and ex.request is None:
        return False  # e.g. the CSV file a 302 redirect leads to, shown after the 302
    sections = page.enclosing_headings(resp.span.line) if page is not None else []
    return not sections or _EXAMPLE_SECTION.search(sections[0]) is not None


def _finding(op: Operation, ex: Example) -> Diagnostic:
    resp = ex.response
    assert resp is not None and resp.status is not None
    written = ", ".join(
        f"'{r.as_written}' (line {r.span.line})" for r in op.responses if r.status < 400
    )
    shown = f"{resp.status} {resp.reason}".strip()
    return RULE.finding(
        resp.line_span(),
        f"example response status '{shown}' is not what the Response section promises: {written}",
    )


RULE = Rule(
    code="DC306",
    name="status-disagrees-with-prose",
    severity=Severity.WARNING,
    summary="example response status is not one the Response section promises",
    explanation=(
        'The Response section says which status a successful call returns ("returns a '
        '`201 Created` response code"), and the example response should show it: one '
        "of the two is wrong, and generated clients and tests cannot tell which. Only "
        "codes are compared (`201, Created`, `201 Created` and `HTTP/1.1 201 OK` agree). "
        "Pages whose Response prose names no success status, error examples (4xx, 5xx), "
        "and responses in topical sections that show other calls (a partial-range "
        "download, a redirect target) are not checked.\n\n"
        "Example: the prose promises `201 Created` but the example shows "
        "`HTTP/1.1 200 OK`; fix the example or the prose, whichever is wrong."
    ),
    check=check,
)
