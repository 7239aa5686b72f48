"""DC401: an API page whose permissions are not stated."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import page_type
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        ops = ctx.operations_by_page.get(page.path)
        if not ops or page_type(ctx, page) != "apiPageType":
            continue
        perms = ops[0].permissions
        if perms is None:
            continue  # no section at all: DC103 says so
        if not perms.tables and not perms.prose_scopes:
            yield RULE.finding(
                Span(page.path, perms.span.line, perms.span.line),
                f"'{perms.heading}' section has no permissions table and names no scopes",
            )


RULE = Rule(
    code="DC401",
    name="permissions-missing",
    severity=Severity.ERROR,
    summary="permissions section lists no permissions",
    explanation=(
        "Callers need to know which permission to request before they call the API. Give "
        "the table `|Permission type|Permissions (from least to most privileged)|` with rows "
        "for Delegated (work or school account), Delegated (personal Microsoft account) and "
        "Application."
    ),
    check=check,
)
