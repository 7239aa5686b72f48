"""DC312: what a page says a call takes disagrees with itself.

The reader decides once what each call of each path takes (``PathVariant.body``; the
rules are in generator/read/bodies.py) and records the evidence that disagrees with its
decision on the decision; this rule reports each such record once, at its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity, Span


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: set[tuple[Span, str]] = set()
    for op in ctx.model.operations:
        for variant in op.paths:
            for doubt in variant.body.doubts if variant.body is not None else ():
                if (doubt.span, doubt.message) not in seen:
                    seen.add((doubt.span, doubt.message))
                    yield RULE.finding(doubt.span, doubt.message)


RULE = Rule(
    code="DC312",
    name="request-body-evidence-disagrees",
    severity=Severity.WARNING,
    summary="what the page says a call takes disagrees with itself",
    explanation=(
        "docs2code decides once what each call takes, from all that the docs say: the "
        "path (a `$ref` path takes a reference, a `content` path raw bytes), what the "
        "doc set says the path addresses (a POST to a collection creates one of its "
        "items, a PATCH writes the entity it addresses), the Request body section (the "
        "type its prose links or names, 'an array of', a sentence saying there is no "
        "body, the parameter table) and the example requests (their media type, "
        "`@odata.type`, array or object, keys). The SDK's body types, the OpenAPI "
        "request bodies and the mock server's checks all follow that one decision.\n\n"
        "This rule reports the evidence that disagrees with the decision, at its line: a "
        "type the section or the example names that is neither the type the path "
        "addresses nor one derived from it or its base (and not the type of one of its "
        "properties, as an extended property or an extension is), a sentence saying there "
        "is no body where an example sends one, an example that sends an array where the "
        "docs say one object or the other way round. The message says what was decided.\n\n"
        "Fix the side that is wrong: link the type the call takes, state the type's base "
        "on its resource page, say that the body is optional, or correct the example."
    ),
    check=check,
)
