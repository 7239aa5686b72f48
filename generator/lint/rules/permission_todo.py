"""DC402: a permission cell that still holds a TODO placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.permission_cells import permission_cells
from generator.model import Diagnostic, PermissionState, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for _, entry in permission_cells(ctx):
        if entry.state == PermissionState.TODO:
            yield RULE.finding(
                entry.span, f"'{entry.named}' permissions are a placeholder: {entry.raw.strip()!r}"
            )


RULE = Rule(
    code="DC402",
    name="permission-todo",
    severity=Severity.ERROR,
    summary="permission cell is a TODO placeholder",
    explanation=(
        "A `TODO: Determine scopes` cell means the page was published before its "
        "permissions were known. Replace it with the scopes, least privileged first, or "
        "`Not supported.`"
    ),
    check=check,
)
