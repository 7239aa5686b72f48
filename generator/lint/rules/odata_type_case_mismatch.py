"""DC502: an example annotation's ``@odata.type`` that matches a type only if case is
ignored: a type of the doc set, or the example body's own ``@odata.type``."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.odata_names import (
    ExampleBlock,
    body_span,
    case_twin,
    example_blocks,
    is_judged_namespace,
    type_line,
    type_name,
)
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for block in example_blocks(ctx):
        finding = mismatch(ctx, block)
        if finding is not None:
            yield finding


def mismatch(ctx: LintContext, block: ExampleBlock) -> Diagnostic | None:
    """DC502's finding for one block, if any; DC501 stays silent when there is one."""
    ann = block.annotation
    named = type_name(ann.odata_type)
    if named is None or not is_judged_namespace(ctx, named.name):
        return None
    exact = ctx.types.get(named.name)
    folded = ctx.types_folded.get(named.name.lower())
    if exact is None and folded is not None:
        page = ctx.pages.get(folded.source.file)
        named_at = page.type_name_span(folded) if page is not None else folded.source
        where = f"{named_at.file}:{named_at.line}"  # where the type's name is written
        return RULE.finding(
            type_line(ann),
            f"@odata.type {named.written} differs only in case from the type "
            f"{folded.full_name} ({where})",
        )
    twin = case_twin(named, block.body)
    if twin is None or block.body is None:
        return None
    body_type, path = twin
    at = body_span(ann.span.file, block.body, path)
    line = at.line
    if exact is not None:  # the annotation is right: the body is not
        return RULE.finding(
            at,
            f"the example body's @odata.type {body_type.written} differs only in case from "
            f"the type {exact.full_name} its annotation names",
        )
    return RULE.finding(
        type_line(ann),
        f"@odata.type {named.written} differs only in case from the example body's "
        f"@odata.type {body_type.written} (line {line})",
    )


RULE = Rule(
    code="DC502",
    name="odata-type-case-mismatch",
    severity=Severity.ERROR,
    summary="@odata.type differs only in case from the type it means",
    explanation=(
        "OData type names are case-sensitive: `microsoft.graph.listitemversion` is not "
        "`microsoft.graph.listItemVersion`, so tools that read the annotation (docs "
        "validation, code generation) find no type. The name is checked against the types "
        "of the doc set and against the `@odata.type` the example body gives itself. Copy "
        "the name exactly:\n\n"
        '    <!-- { "blockType": "response", "@odata.type": "microsoft.graph.listItemVersion" '
        "} -->"
    ),
    check=check,
)
