"""Shared walk over every permission cell of every operation's page, once per page."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.model import Permission, PermissionTable


def permission_cells(ctx: LintContext) -> Iterator[tuple[PermissionTable, Permission]]:
    seen: set[str] = set()
    for op in ctx.model.operations:
        if op.permissions is None or op.source.file in seen:
            continue
        seen.add(op.source.file)
        for table in op.permissions.tables:
            for entry in table.entries:
                yield table, entry
