"""DC206: two example requests share an annotation `name` in the doc set."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    first: dict[str, Span] = {}
    named = sorted(
        (ann.key_span("name"), ann.name)
        for page in ctx.doc_set.pages
        for ann in page.annotations
        if ann.block_type == "request" and ann.name
    )
    for span, name in named:
        assert name is not None
        earlier = first.setdefault(name, span)
        if earlier is not span:
            yield RULE.finding(
                span, f"example name {name!r} is already used at {earlier.file}:{earlier.line}"
            )


RULE = Rule(
    code="DC206",
    name="duplicate-example-name",
    severity=Severity.WARNING,
    summary="example request name is used twice in the doc set",
    explanation=(
        "The `name` of a request annotation identifies the example: snippet generation, "
        "tests and docs2code's generated test names are keyed on it, so two examples with "
        "one name overwrite each other. Give each a unique name."
    ),
    check=check,
)
