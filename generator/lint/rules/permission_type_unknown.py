"""DC404: a permissions table row that is not a known permission type."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.permission_cells import permission_cells
from generator.model import Diagnostic, Severity

KNOWN = ("delegated_work", "delegated_personal", "application")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for _, entry in permission_cells(ctx):
        if entry.permission_type not in KNOWN:
            # the label starts the row (the entry's column is its permissions cell's)
            at = replace(entry.span, column=1)
            yield RULE.finding(at, f"unknown permission type {entry.label!r}")


RULE = Rule(
    code="DC404",
    name="permission-type-unknown",
    severity=Severity.WARNING,
    summary="permissions table row is not a known permission type",
    explanation=(
        "Rows are `Delegated (work or school account)`, `Delegated (personal Microsoft "
        "account)` and `Application`. Another label is a typo or a table that is not about "
        "permissions; tools that read permissions skip it."
    ),
    check=check,
)
