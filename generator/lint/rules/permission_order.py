"""DC405: a permissions table listed from most to least privileged."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.permission_cells import permission_cells
from generator.model import Diagnostic, PermissionOrder, PermissionTable, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for table, _ in permission_cells(ctx):
        key = (table.span.file, table.span.line)
        if table.stated_order == PermissionOrder.MOST_TO_LEAST and key not in seen:
            seen.add(key)
            yield RULE.finding(
                Span(table.span.file, table.span.line, table.span.line), _message(table)
            )


def _message(table: PermissionTable) -> str:
    """What the header states, and the first cell that shows it; when no cell lists two
    scopes, only the header states an order, so say that."""
    said = "the header says permissions are listed from most to least privileged"
    cell = next((e for e in table.entries if len(e.scopes) > 1), None)
    if cell is None:
        return (
            f"{said}; the convention is least to most (no cell lists two scopes: only the "
            "header changes)"
        )
    first, then = cell.scopes[-1], cell.scopes[-2]  # the model keeps scopes least to most
    return (
        f"{said} (line {cell.span.line} lists {first!r} first, then {then!r}); the "
        "convention is least to most"
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
