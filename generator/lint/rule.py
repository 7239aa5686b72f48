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

RuleScope = Literal["page", "model"]
"""What a rule's findings on a page depend on: ``page``, that page's own record only (its
annotations, its links: nothing another page can change, not even its role, which an
including page settles, nor its operations, to which other pages' examples are attached),
so ``lint`` caches them per page (generator.pipeline.lint); ``model``, anything in the doc
set: run on the whole model every time.  tests/lint/test_lint_cache.py checks that a page
rule's findings on a page stay the same whatever happens to the other pages."""


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
    scope: RuleScope = "model"

    def runs_on(self, convention: str) -> bool:
        """Whether the rule runs on a doc set of ``convention`` (``Model.convention``)."""
        return self.convention in ("both", convention)

    def finding(self, span: Span, message: str) -> Diagnostic:
        return Diagnostic(self.code, self.severity, span, message)
