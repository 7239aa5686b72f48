"""DC705: a documented base type that differs from the metadata's."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import base_span, metadata_types
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, _ in metadata_types(ctx):
        ours = (t.base or "").strip()
        theirs = schema.base or ""
        if ours and ours.lower() != theirs.lower():
            said = f"base type {theirs}" if theirs else "no base type"
            yield RULE.finding(
                base_span(ctx, t),
                f"{schema.name}: the docs say base type {ours}, the metadata {said}",
            )


RULE = Rule(
    code="DC705",
    name="metadata-base-type",
    severity=Severity.WARNING,
    summary="base type differs from the metadata",
    explanation=(
        "With `--metadata`: a resource annotation's `baseType` must be the metadata's "
        "BaseType of that type.  Inherited properties, casts and generated class hierarchies "
        "follow from it."
    ),
    check=check,
    needs_metadata=True,
)
