"""What a lint rule is: a stable code, a severity, documentation and a check function."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from generator.model import Diagnostic, Severity, Span

if TYPE_CHECKING:
    from generator.lint.context import LintContext

RuleConvention = Literal["both", "graph", "apidoctor"]
"""The doc sets a rule runs on: every one, or only those of one convention
(``Model.convention``: Graph pages carry YAML front matter, ApiDoctor pages a page
annotation instead)."""


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # stable: DC1xx structure, DC2xx annotations, DC3xx HTTP, DC4xx permissions ...
    name: str  # kebab-case, for humans
    severity: Severity
    summary: str  # one line, shown in rule tables and SARIF
    explanation: str  # why it matters, and how to fix it (docs2code lint --explain CODE)
    check: Callable[[LintContext], Iterable[Diagnostic]]
    fixable: bool = False
    needs_metadata: bool = False  # runs only with --metadata (DC7xx)
    convention: RuleConvention = "both"

    def runs_on(self, convention: str) -> bool:
        """Whether the rule runs on a doc set of ``convention`` (``Model.convention``)."""
        return self.convention in ("both", convention)

    def finding(self, span: Span, message: str) -> Diagnostic:
        return Diagnostic(self.code, self.severity, span, message)
