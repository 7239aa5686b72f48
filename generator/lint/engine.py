"""Run the selected rules, apply configuration and suppressions, and order the findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules import unused_suppression
from generator.model import Diagnostic, Model, Span


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Diagnostic, ...]
    rules: tuple[Rule, ...]  # the rules that ran


def lint(model: Model, rules: Sequence[Rule], config: LintConfig) -> LintResult:
    selected = tuple(r for r in rules if config.is_selected(r.code))
    ctx = LintContext(model)
    raw: list[Diagnostic] = []
    for rule in selected:
        raw.extend(rule.check(ctx))
    kept: list[Diagnostic] = []
    used: set[tuple[str, int, str]] = set()  # (file, suppression line, code)
    for finding in raw:
        if config.is_ignored(finding.code, finding.span.file):
            continue
        hit = _suppressed(ctx, finding)
        if hit is not None:
            used.add(hit)
            continue
        kept.append(_with_severity(finding, config))
    kept.extend(_unused_suppressions(ctx, used, config))
    order = sorted(kept, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code, d.message))
    return LintResult(tuple(order), selected)


def _with_severity(finding: Diagnostic, config: LintConfig) -> Diagnostic:
    severity = config.severity.get(finding.code)
    return finding if severity is None else replace(finding, severity=severity)


def _suppressed(ctx: LintContext, finding: Diagnostic) -> tuple[str, int, str] | None:
    page = ctx.pages.get(finding.span.file)
    if page is None:
        return None
    for s in page.suppressions:
        if finding.code in s.codes and s.first_line <= finding.span.line <= s.last_line:
            return (page.path, s.span.line, finding.code)
    return None


def _unused_suppressions(
    ctx: LintContext, used: set[tuple[str, int, str]], config: LintConfig
) -> list[Diagnostic]:
    code = unused_suppression.RULE.code
    if not config.is_selected(code):
        return []
    found: list[Diagnostic] = []
    for page in ctx.model.pages:
        for s in page.suppressions:
            for c in s.codes:
                if (page.path, s.span.line, c) not in used and config.is_selected(c):
                    found.append(
                        unused_suppression.RULE.finding(
                            Span(page.path, s.span.line, s.span.end_line),
                            f"suppression of {c} is unused: nothing here reports {c}",
                        )
                    )
    return found
