"""DC105: a page whose role is in doubt: its doc_type, its structure or its folder
disagree on what it is (the reader decides and records why: generator/read/roles.py)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        doubt = page.role_doubt
        if doubt is not None:
            yield Diagnostic(RULE.code, doubt.severity, doubt.span, doubt.message)


RULE = Rule(
    code="DC105",
    name="page-role-ambiguous",
    severity=Severity.WARNING,
    summary="what the page is for (API, resource, enum, conceptual, include) is in doubt",
    explanation=(
        "docs2code gives every page a role: only API pages declare operations, only "
        "resource and enum pages declare types, conceptual pages declare neither (their "
        "example calls are added to the operations they call) and include partials are "
        "read where they are included. The front matter `doc_type` says which, and the "
        "page's structure shows it: `METHOD /path` lines under an HTTP request heading (API), "
        "a JSON representation or property table (resource), enum member tables only (enum). "
        "The structure wins over a doc_type it contradicts (a warning: correct the "
        "doc_type); without a doc_type, a page that shows two roles, or one its folder "
        "(`api/`, `resources/`, `concepts/`, `includes/`) does not hold, is reported as "
        "information. The finding is on the line that decided the role; the message says "
        'what was read and why. How roles are decided: docs/model.md, "Page roles".'
    ),
    check=check,
)
