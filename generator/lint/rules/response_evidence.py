"""DC310: what a page says a call answers with disagrees with itself.

The reader decides once what each call of each path answers with (``PathVariant.result``;
the rules are in generator/read/results.py) and records the evidence that disagrees with
its decision on the decision; this rule reports each line once.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()
    for op in ctx.model.operations:
        for variant in op.paths:
            for doubt in variant.result.doubts if variant.result is not None else ():
                where = (doubt.span.file, doubt.span.line)
                if where not in seen:  # paths of one page share their evidence
                    seen.add(where)
                    yield RULE.finding(doubt.span, doubt.message)


RULE = Rule(
    code="DC310",
    name="response-evidence-disagrees",
    severity=Severity.WARNING,
    summary="what the page says a call answers with disagrees with itself",
    explanation=(
        "docs2code decides once what each call answers with, from all that its page "
        "says: the path (a delta function answers a collection paged up to a delta link, "
        "`$value` and `content` raw content, a key at the end one entity), the label of "
        "the path's block ('Get **event** instances'), the example responses sent to "
        "the path (a body whose only member is a `value` array is a collection, any "
        "other object one; their `@odata.type`, status, media type and headers) and the "
        "Response section (its statuses, the type its prose links or names, and its "
        "wording: 'a collection of', 'a list of', 'X objects' against 'an X object'). "
        "The SDK's result types, the OpenAPI responses and the operation fidelity "
        "report all follow that one decision.\n\n"
        "This rule reports, at its line, the evidence about one path that disagrees with "
        "the decision: the Response section says a collection where the example "
        "response is one object, or one object where the example is a collection; the "
        "Response section and the example response's annotation name unrelated types and "
        "the path addresses one of them. The message says which side the model follows: "
        "the example body outweighs the wording, and a key at the end of the path "
        "outweighs a collection example.\n\n"
        "Fix the side that is wrong: the wording ('returns a collection of [user]"
        "(user.md) objects' for a list, 'a [user](user.md) object' for one), the example "
        "response, or the type the prose links."
    ),
    check=check,
)
