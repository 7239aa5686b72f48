"""DC706 and DC707: enum members the metadata does not have, and the reverse."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import listed, metadata_types, nearest
from generator.model import Diagnostic, Severity, TypeKind


def check_unknown(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, _ in metadata_types(ctx):
        if t.kind != TypeKind.ENUM or schema.kind != "enum":
            continue
        theirs = {m.lower() for m in schema.members}
        for m in t.members:
            if m.name.lower() not in theirs:
                yield UNKNOWN.finding(
                    m.span or t.source,
                    f"'{m.name}' is not a member of {schema.name} in the metadata"
                    f"{nearest(m.name, schema.members)}",
                )


def check_undocumented(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, _ in metadata_types(ctx):
        if t.kind != TypeKind.ENUM or schema.kind != "enum":
            continue
        ours = {m.name.lower() for m in t.members}
        missing = [m for m in schema.members if m.lower() not in ours]
        if missing:
            yield UNDOCUMENTED.finding(
                t.source,
                f"the metadata gives {schema.name} members the table does not list: "
                f"{listed(missing)}",
            )


UNKNOWN = Rule(
    code="DC706",
    name="metadata-enum-member-unknown",
    severity=Severity.WARNING,
    summary="enum member not in the metadata",
    explanation=(
        "With `--metadata`: each row of an enum table must be a member of that enum type in "
        "the metadata.  A value the service does not know is rejected in requests and never "
        "returned."
    ),
    check=check_unknown,
    needs_metadata=True,
)

UNDOCUMENTED = Rule(
    code="DC707",
    name="metadata-enum-member-undocumented",
    severity=Severity.INFO,
    summary="metadata enum member missing from the table",
    explanation=(
        "With `--metadata`: members the metadata gives an enum type that its table does not "
        "list (often `unknownFutureValue`, the evolvable-enum sentinel).  Info: docs lag."
    ),
    check=check_undocumented,
    needs_metadata=True,
)
