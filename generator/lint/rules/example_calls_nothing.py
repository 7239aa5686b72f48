"""DC308: an example call on a conceptual page that calls no operation of the doc set.

The reader places every example request of a conceptual page once all pages are read
(generator/read/concept_examples.py): one that fits an operation becomes one of its
examples; one that fits none stays on its page with this record, reported as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import recorded
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from recorded(ctx, RULE.code)


RULE = Rule(
    code="DC308",
    name="example-calls-no-operation",
    severity=Severity.INFO,
    summary="example request on a conceptual page calls no operation the doc set declares",
    explanation=(
        "Overviews and tutorials show calls of the API. Each one that calls an operation "
        "an API page declares (same method, a URL that fits one of its paths as DC301 "
        "matches them: host, version and query aside) is added to that operation's "
        "examples, so it gets a generated test and a mock response and is checked like "
        "the operation's own examples. One that fits no operation calls an endpoint the "
        "doc set does not document (a beta API, a removed path, a typo) or writes the "
        "path in a way no declared path fits; it is only reported, never made into an "
        "operation. Calls to other hosts (sign-in, webhooks) are not reported.\n\n"
        "Fix the URL, document the operation, or leave the call if it is meant to show "
        "an API outside the doc set. The message names the nearest declared path when "
        "one starts alike."
    ),
    check=check,
)
