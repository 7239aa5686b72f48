"""DC602: a relative link whose target page exists only if case is ignored."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.link_targets import Resolution, describe, local_links
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for local in local_links(ctx):
        if local.resolution == Resolution.CASE_ONLY:
            yield RULE.finding(
                local.link.span,
                f"{describe(local.link)}: the page is {local.found}, which matches only "
                "if case is ignored",
            )


RULE = Rule(
    code="DC602",
    name="link-case-mismatch",
    severity=Severity.WARNING,
    summary="link target matches a page only if case is ignored",
    explanation=(
        "The link works on case-insensitive file systems (Windows, macOS) and breaks on "
        "case-sensitive ones (Linux, most web servers and build agents). Write the file "
        "name exactly as it is:\n\n"
        "    [identitySet](../resources/identitySet.md)  ->  "
        "[identitySet](../resources/identityset.md)"
    ),
    check=check,
)
