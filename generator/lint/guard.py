"""Run one rule so that a crash on one page costs that page only, never the run.

A rule runs once over the whole doc set.  Should it raise, it runs again on halves of the
pages (views: each page still sees the whole doc set to look things up in), and a half that
raises is halved again, down to single pages: the findings of every part that completes
are kept, and each page the rule still fails on is one :class:`Crash`.  A rule that fails
even with no page to check fails everywhere: one crash for the rule.  Only the failing
rule pays for the reruns, a few per failing page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.failure import describe, traceback_of
from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic


@dataclass(frozen=True, slots=True)
class Crash:
    """A rule raised an exception: a bug in docs2code, not in the docs."""

    code: str  # the rule's
    file: str | None  # the page it failed on; None: it fails whatever pages it checks
    error: str  # "TypeError: unhashable type: 'dict'", on one line
    traceback: str

    @classmethod
    def of(cls, code: str, file: str | None, exc: BaseException) -> Crash:
        return cls(code, file, describe(exc), traceback_of(exc))


def run_rule(rule: Rule, ctx: LintContext) -> tuple[list[Diagnostic], list[Crash]]:
    """The rule's findings on every page it does not fail on, and its crashes."""
    try:
        return list(rule.check(ctx)), []
    except Exception as exc:  # a bug in the rule: isolate the pages it fails on
        first = exc
    try:
        list(rule.check(ctx.view(())))
    except Exception as exc:  # it fails before looking at any page
        return [], [Crash.of(rule.code, None, exc)]
    found: list[Diagnostic] = []
    crashes: list[Crash] = []
    files = ctx.files
    if len(files) == 1:
        return [], [Crash.of(rule.code, files[0], first)]
    _halves(rule, ctx, files, found, crashes)
    return found, crashes


def _halves(
    rule: Rule,
    ctx: LintContext,
    files: Sequence[str],
    found: list[Diagnostic],
    crashes: list[Crash],
) -> None:
    middle = len(files) // 2
    for part in (files[:middle], files[middle:]):
        if not part:
            continue
        try:
            kept = set(part)
            # A finding belongs to the page it points at: a rule that looks at the whole
            # doc set (duplicate names) reports it once, in the view that holds that page.
            findings = [d for d in rule.check(ctx.view(part)) if d.span.file in kept]
        except Exception as exc:
            if len(part) == 1:
                crashes.append(Crash.of(rule.code, part[0], exc))
            else:
                _halves(rule, ctx, part, found, crashes)
        else:
            found.extend(findings)
