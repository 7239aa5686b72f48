"""DC702: a documented property that the metadata's type (with its bases) does not have."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import metadata_types, nearest
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, metadata in metadata_types(ctx):
        theirs = metadata.all_properties(schema.name)
        folded = {name.lower() for name in theirs}
        for p in t.properties:
            if p.name.startswith("@") or (schema.open_type and not p.in_table):
                continue  # an instance annotation; an open type's example keys are free
            if p.name.lower() not in folded:
                where = "property table" if p.in_table else "JSON representation"
                yield RULE.finding(
                    p.span,
                    f"{where} names '{p.name}', which {schema.name} does not have in the "
                    f"metadata{nearest(p.name, theirs)}",
                )


RULE = Rule(
    code="DC702",
    name="metadata-property-unknown",
    severity=Severity.WARNING,
    summary="property not in the service's metadata",
    explanation=(
        "With `--metadata`, each row of a resource's property and relationship tables and "
        "each key of its JSON representation must be a property (structural or navigation) "
        "of that type in the metadata, or of one of its base types.  One it lacks is a typo, "
        "a property of another version, or a table that is not a property table.  Instance "
        "annotations (`@odata.type`) and the JSON keys of an open type are not judged."
    ),
    check=check,
    needs_metadata=True,
)
