"""DC501: an example annotation's ``@odata.type`` names no type of the doc set."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules import odata_type_case_mismatch
from generator.lint.rules.odata_names import (
    example_blocks,
    find_type,
    is_judged_namespace,
    type_line,
    type_name,
)
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    names = sorted({t.name for t in ctx.doc_set.types})
    for block in example_blocks(ctx):
        named = type_name(block.annotation.odata_type)
        if named is None or not is_judged_namespace(ctx, named.name):
            continue
        if find_type(ctx, named.name) is not None:
            continue
        if odata_type_case_mismatch.mismatch(ctx, block) is not None:
            continue  # the body shows which name was meant: DC502 says so
        short = named.name.rpartition(".")[2]
        close = difflib.get_close_matches(short, names, 1, 0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        yield RULE.finding(
            type_line(block.annotation),
            f"@odata.type {named.written} names no type of the doc set{hint}",
        )


RULE = Rule(
    code="DC501",
    name="unknown-odata-type",
    severity=Severity.ERROR,
    summary="example annotation's @odata.type names no type of the doc set",
    explanation=(
        "The `@odata.type` of a request or response annotation tells tools which resource "
        "the example body is; a name that no resource page defines (a typo, a renamed or "
        "never-written type) leaves the example unchecked. Name a type whose resource page "
        "is in the doc set:\n\n"
        '    "@odata.type": "microsoft.graph.item"  ->  "@odata.type": "microsoft.graph.driveItem"'
        "\n\nOnly `microsoft.graph` names and namespaces some type of the doc set uses are "
        "checked; primitives (`string`, `Edm.*`, `stream`) are skipped. Linting part of a "
        "doc set reports every type defined outside that part: lint the whole set, or "
        "ignore DC501 for such runs."
    ),
    check=check,
)
