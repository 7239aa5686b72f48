"""DC703: properties the metadata gives a type that its page does not document."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import listed, metadata_types, table_span
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, _ in metadata_types(ctx):
        ours = {p.name.lower() for p in t.properties if p.in_table}
        if not ours:
            continue  # no property table at all: other rules say so
        missing = [p.name for p in schema.properties if p.name.lower() not in ours]
        if missing:
            kind = "property" if len(missing) == 1 else "properties"
            yield RULE.finding(
                table_span(ctx, t),
                f"the metadata gives {schema.name} {len(missing)} {kind} the page's tables "
                f"do not list: {listed(missing)}",
            )


RULE = Rule(
    code="DC703",
    name="metadata-property-undocumented",
    severity=Severity.INFO,
    summary="metadata property missing from the page's tables",
    explanation=(
        "With `--metadata`: the type's own properties in the metadata (inherited ones are "
        "documented on the base type's page) that no row of the page's property or "
        "relationship tables names.  Docs often lag the service, hence info; add the rows."
    ),
    check=check,
    needs_metadata=True,
)
