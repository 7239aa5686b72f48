"""DC902: a lint rule crashed on a page.  The engine reports it (see generator.lint.guard);
this module documents the code."""

from __future__ import annotations

from generator.lint.rule import Rule
from generator.model import Severity

RULE = Rule(
    code="DC902",
    name="internal-error-in-rule",
    severity=Severity.ERROR,
    summary="internal error in a lint rule",
    explanation=(
        "A lint rule raised an exception on this page: a bug in docs2code, not in the docs. "
        "The rule's findings on this page are missing; every other rule, and this rule on "
        "every other page, was still checked and reported, and `docs2code lint` exits 2. "
        "The finding cannot be ignored or suppressed. Run `docs2code --debug lint ...` for "
        "the traceback and report it with the page attached."
    ),
    check=lambda ctx: (),
)
