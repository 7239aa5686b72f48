"""DC901: a suppression that suppresses nothing.  The engine, which knows which
suppressions were used, reports it; this module only documents the code."""

from __future__ import annotations

from generator.lint.rule import Rule
from generator.model import Severity

RULE = Rule(
    code="DC901",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="suppression is unused",
    explanation=(
        "A rule code in a page annotation's `suppressions` or in an inline "
        "`<!-- docs2code: ignore[CODE] -->` comment matched no finding. Stale suppressions "
        "hide future mistakes: remove it."
    ),
    check=lambda ctx: (),
)
