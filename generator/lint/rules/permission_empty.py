"""DC403: a permission cell that is empty or names no scope."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.permission_cells import permission_cells
from generator.model import Diagnostic, PermissionState, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for _, entry in permission_cells(ctx):
        empty = entry.state == PermissionState.EMPTY
        if empty or (entry.state == PermissionState.SCOPES and not entry.scopes):
            shown = f": {entry.raw.strip()!r}" if entry.raw.strip() else ""
            yield RULE.finding(entry.span, f"'{entry.named}' names no permission scope{shown}")


RULE = Rule(
    code="DC403",
    name="permission-empty",
    severity=Severity.WARNING,
    summary="permission cell names no scope",
    explanation=(
        "Each permission type row must list scopes (comma-separated, least privileged "
        "first) or say `Not supported.`; an empty cell leaves callers guessing."
    ),
    check=check,
)
