"""Run one rule so that a crash on one page costs that page only, never the run.

A rule runs once over the whole doc set.  Should it raise, it runs again on halves of the
pages (views: each page still sees the whole doc set to look things up in), and a half that
raises is halved again, down to single pages: the findings of every part that completes
are kept, and each page the rule still fails on is one :class:`Crash`.  A rule that fails
even with no page to check fails everywhere: one crash for the rule.  A few failing pages
cost a few reruns each (about 2 log2 pages); a rule failing on very many pages stops after
``RERUNS`` reruns, and the pages of each part not yet split are reported together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.failure import describe, traceback_of
from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic

RERUNS = 256  # of one failing rule: about 2 log2(pages) per failing page, so a dozen of thousands


@dataclass(frozen=True, slots=True)
class Crash:
    """A rule raised an exception: a bug in docs2code, not in the docs."""

    code: str  # the rule's
    file: str | None  # the page it failed on; None: it fails whatever pages it checks
    error: str  # "TypeError: unhashable type: 'dict'", on one line
    traceback: str
    group: int = 1  # pages checked together, any of which may be the one it fails on

    @classmethod
    def of(cls, code: str, file: str | None, exc: BaseException, group: int = 1) -> Crash:
        return cls(code, file, describe(exc), traceback_of(exc), group)


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
    rerun = _Rerun(rule, ctx)
    rerun.failed(ctx.files, first)
    return rerun.found, rerun.crashes


class _Rerun:
    def __init__(self, rule: Rule, ctx: LintContext) -> None:
        self.rule, self.ctx = rule, ctx
        self.found: list[Diagnostic] = []
        self.crashes: list[Crash] = []
        self.left = RERUNS

    def failed(self, files: Sequence[str], exc: Exception) -> None:
        """The rule raised ``exc`` on ``files``: narrow it down, or report them."""
        if len(files) == 1 or self.left < 2:
            self.crashes.extend(Crash.of(self.rule.code, f, exc, len(files)) for f in files)
            return
        middle = len(files) // 2
        self.left -= 2
        for part in (files[:middle], files[middle:]):
            kept = set(part)
            try:
                # A finding belongs to the page it points at: a rule that looks at the whole
                # doc set (duplicate names) reports it once, in the view that holds that page.
                findings = [d for d in self.rule.check(self.ctx.view(part)) if d.span.file in kept]
            except Exception as error:
                self.failed(part, error)
            else:
                self.found.extend(findings)
