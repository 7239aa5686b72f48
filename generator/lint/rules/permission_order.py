"""DC405: a permissions table listed from most to least privileged."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.permission_cells import permission_cells
from generator.model import Diagnostic, PermissionOrder, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for table, _ in permission_cells(ctx):
        key = (table.span.file, table.span.line)
        if table.stated_order == PermissionOrder.MOST_TO_LEAST and key not in seen:
            seen.add(key)
            yield RULE.finding(
                Span(table.span.file, table.span.line, table.span.line),
                "permissions are listed from most to least privileged; the convention is "
                "least to most",
            )


RULE = Rule(
    code="DC405",
    name="permission-order",
    severity=Severity.INFO,
    summary="permissions listed most to least privileged",
    explanation=(
        "Nearly every page lists permissions from least to most privileged, so readers pick "
        "the first one that works. `docs2code lint --fix` reverses the scopes and the "
        "header of a most-to-least table."
    ),
    check=check,
    fixable=True,
)
