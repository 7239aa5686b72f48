"""DC204: a block annotation that is not directly followed by a fenced code block."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        for ann in page.annotations:
            if not ann.is_page and ann.block_type is not None and ann.block_line is None:
                yield RULE.finding(
                    ann.span,
                    f"{ann.block_type!r} annotation is not directly followed by a code block",
                )


RULE = Rule(
    code="DC204",
    name="annotation-detached",
    severity=Severity.WARNING,
    summary="annotation not followed by a code block",
    explanation=(
        "A block annotation describes the fenced code block right after it (blank lines "
        "and a tab heading may come between). With prose or another element in between, "
        "tools may attach it to the wrong block or to none. Move the annotation to just "
        "above its block."
    ),
    check=check,
    scope="page",
)
