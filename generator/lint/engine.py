"""Run the selected rules, apply configuration and suppressions, and order the findings.

A rule that raises costs only the pages it fails on (generator.lint.guard): each such page
gets one DC902 finding, outside configuration and suppressions (a crash is never hidden),
and ``LintResult.crashes`` tells the command to exit 2.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.guard import Crash, run_rule
from generator.lint.rule import Rule
from generator.lint.rules import rule_crashed, unused_suppression
from generator.metadata.csdl import Metadata
from generator.model import Diagnostic, Model, Operation, Page, Span, TypeDef


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Diagnostic, ...]
    rules: tuple[Rule, ...]  # the rules that ran (and DC902 when one crashed)
    crashes: tuple[Crash, ...] = ()  # internal errors: the command exits 2


def lint(
    model: Model, rules: Sequence[Rule], config: LintConfig, metadata: Metadata | None = None
) -> LintResult:
    """``metadata``: the service's schema; without it the rules that need it do not run
    (and so judge no suppression).  Nor do the rules of the other convention than the
    model's (``Rule.convention``, ``Model.convention``)."""
    selected, idle = select_rules(model, rules, config, metadata)
    ctx = LintContext(model, metadata=metadata)
    raw: list[Diagnostic] = []
    crashes: list[Crash] = []
    for rule in selected:
        found, failed = run_rule(rule, ctx)
        raw.extend(found)
        crashes.extend(failed)
    return conclude(ctx, rules, selected, idle, config, raw, crashes)


RuleName = tuple[str, str]
"""A rule as another process finds it: its module and the name it has there."""

PageFindings = tuple[tuple[str, tuple[Diagnostic, ...]], ...]
"""Each page rule's code and its raw findings on one page, in the order the rules ran."""


def rule_name(rule: Rule) -> RuleName | None:
    """Where ``rule`` is defined, for a worker process to import it from: the module of
    its check, and the name there that holds this very rule; None for a rule that no
    module defines so (one made at run time runs in this process only)."""
    module = sys.modules.get(rule.check.__module__)
    found = [name for name, value in vars(module).items() if value is rule] if module else []
    return (rule.check.__module__, found[0]) if found else None


def page_findings(
    rules: Sequence[RuleName],
    result: tuple[Sequence[Operation], Sequence[TypeDef], Page | None, Sequence[Diagnostic]],
) -> PageFindings | None:
    """The page-scoped ``rules`` (``Rule.scope``) on one page's own reader result, alone:
    what they find on it in the whole doc set, since their findings on a page depend only
    on its own record (run where the page is read: generator.read.docs.PageStep).  None
    when one of them fails, or reports on another file: the run checks the page in the
    main process, as if no worker had (the crash is reported there, DC902)."""
    operations, types, page, diagnostics = result
    if page is None:  # unreadable: left to the main process, which has its diagnostics
        return None
    try:
        model = Model(tuple(operations), tuple(types), (page,), tuple(diagnostics))
        ctx = LintContext(model)
        found: list[tuple[str, tuple[Diagnostic, ...]]] = []
        for name in rules:
            rule = _imported(name)
            findings = tuple(rule.check(ctx))
            if any(d.span.file != page.path for d in findings):
                return None
            found.append((rule.code, findings))
    except Exception:  # a bug in a rule: the main process isolates and reports it
        return None
    return tuple(found)


def _imported(name: RuleName) -> Rule:
    rule = getattr(importlib.import_module(name[0]), name[1])
    assert isinstance(rule, Rule), name
    return rule


def select_rules(
    model: Model, rules: Sequence[Rule], config: LintConfig, metadata: Metadata | None
) -> tuple[tuple[Rule, ...], frozenset[str]]:
    """The rules that run on ``model``, and the codes of those that are ``idle`` (a DC7xx
    rule without metadata, a rule of the other convention): they judge no suppression."""
    selected = tuple(r for r in rules if may_run(r, config, metadata, model.convention))
    idle = frozenset(
        r.code
        for r in rules
        if (r.needs_metadata and metadata is None) or not r.runs_on(model.convention)
    )
    return selected, idle


def may_run(
    rule: Rule, config: LintConfig, metadata: Metadata | None, convention: str | None
) -> bool:
    """Whether ``rule`` is selected and runs on a doc set of ``convention`` with this
    ``metadata``; ``convention`` None: not known yet (before the pages are read), so a
    rule of either convention may."""
    return (
        config.is_selected(rule.code)
        and (metadata is not None or not rule.needs_metadata)
        and (convention is None or rule.runs_on(convention))
    )


def conclude(
    ctx: LintContext,
    rules: Sequence[Rule],
    selected: tuple[Rule, ...],
    idle: frozenset[str],
    config: LintConfig,
    raw: Sequence[Diagnostic],
    crashes: Sequence[Crash],
) -> LintResult:
    """The result of the ``selected`` rules' ``raw`` findings and ``crashes``:
    configuration and suppressions applied, DC901 and DC902 added, in order.  The raw
    findings may come from a cache (generator.pipeline.lint): only their set matters."""
    used: set[tuple[str, int, str]] = set()  # (file, suppression line, code)
    # A suppression on a page where its rule crashed is not judged: it may have matched.
    used.update(
        (file, s.span.line, c.code)
        for c in crashes
        for file, page in ctx.pages.items()
        if c.file in (file, None)
        for s in page.suppressions
    )
    kept = _apply(ctx, raw, config, used)
    # DC901 last: only now is it known which suppressions were used.  Its own findings
    # go through the same ignores, suppressions and severity overrides as any other.
    kept.extend(_apply(ctx, _unused_suppressions(ctx, used, config, idle), config, used))
    kept.extend(crash_finding(c, ctx.files, rules) for c in crashes)
    order = sorted(kept, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code, d.message))
    ran = (
        (*selected, rule_crashed.RULE)
        if crashes and rule_crashed.RULE not in selected
        else selected
    )
    return LintResult(tuple(order), ran, tuple(crashes))


def crash_finding(crash: Crash, files: Sequence[str], rules: Sequence[Rule]) -> Diagnostic:
    """One DC902 finding: on the page the rule failed on, or (failing everywhere) on the
    first page of the doc set."""
    rule = next((r for r in rules if r.code == crash.code), None)
    name = f"{crash.code} ({rule.name})" if rule is not None else crash.code
    if crash.file is None:
        where, on, lost = (files[0] if files else "."), "on every page", "on every page"
    elif crash.group > 1:  # it failed too often to tell which of these pages it fails on
        where, lost = crash.file, f"on these {crash.group} pages"
        on = f"on this page or another of the {crash.group} checked with it"
    else:
        where, on, lost = crash.file, "on this page", "on this page"
    return rule_crashed.RULE.finding(
        Span(where, 1, 1),
        f"internal error in rule {name} {on}: {crash.error}; its findings {lost} are missing",
    )


def _apply(
    ctx: LintContext,
    findings: Sequence[Diagnostic],
    config: LintConfig,
    used: set[tuple[str, int, str]],
) -> list[Diagnostic]:
    """The findings that survive per-path ignores and suppressions, with configured
    severities; every suppression that matched a finding is recorded in ``used``."""
    kept: list[Diagnostic] = []
    for finding in findings:
        if config.is_ignored(finding.code, finding.span.file):
            continue
        hits = _suppressed(ctx, finding)
        if hits:
            used.update(hits)
            continue
        kept.append(_with_severity(finding, config))
    return kept


def _with_severity(finding: Diagnostic, config: LintConfig) -> Diagnostic:
    severity = config.severity_of(finding.code)
    return finding if severity is None else replace(finding, severity=severity)


def _suppressed(ctx: LintContext, finding: Diagnostic) -> list[tuple[str, int, str]]:
    """Every suppression covering ``finding`` (a page annotation and an inline comment
    may both cover it: both are used)."""
    page = ctx.pages.get(finding.span.file)
    if page is None:
        return []
    return [
        (page.path, s.span.line, finding.code)
        for s in page.suppressions
        if finding.code in s.codes and s.first_line <= finding.span.line <= s.last_line
    ]


def _unused_suppressions(
    ctx: LintContext, used: set[tuple[str, int, str]], config: LintConfig, idle: frozenset[str]
) -> list[Diagnostic]:
    """A suppression is reported unused only when its rule ran on the page: a code that is
    not selected, ignored for the page's path, or ``idle`` (a DC7xx rule without
    metadata) might have matched had it run.  A suppression of DC901 itself is not judged
    (it is used by the findings made here)."""
    code = unused_suppression.RULE.code
    if not config.is_selected(code):
        return []
    found: list[Diagnostic] = []
    for page in ctx.model.pages:
        for s in page.suppressions:
            for c in s.codes:
                if (
                    c != code
                    and (page.path, s.span.line, c) not in used
                    and config.is_selected(c)
                    and c not in idle
                    and not config.is_ignored(c, page.path)
                ):
                    found.append(
                        unused_suppression.RULE.finding(
                            s.span,  # the entry (or the ignore comment) that lists the code
                            f"suppression of {c} is unused: nothing here reports {c}",
                        )
                    )
    return found
