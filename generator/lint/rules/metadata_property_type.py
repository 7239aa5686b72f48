"""DC704: a documented property whose type the metadata gives otherwise."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import documented_type, metadata_types
from generator.metadata.csdl import Property as SchemaProperty
from generator.model import Diagnostic, Property, Severity

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _same_type(p: Property, docs: str, theirs: str) -> bool:
    """The docs name the metadata's type: in full, by its short name (a type of another
    page), or by the words of the Type cell (``Json`` for ``microsoft.graph.Json``)."""
    short = theirs.rpartition(".")[2].lower()
    if docs.lower() == theirs.lower() or ("." not in docs and docs.lower() == short):
        return True
    words = _LINK.sub(r"\1", p.type.raw).strip(" `*").lower().removesuffix(" collection")
    return words.strip(" `*") == short


def _disagreement(p: Property, theirs: SchemaProperty) -> str | None:
    docs = documented_type(p.type)
    if docs is None:
        return None
    if p.type.is_collection != theirs.type.collection:
        ours = f"Collection({docs})" if p.type.is_collection else docs
        return f"the docs say {ours}, the metadata {theirs.type}"
    if not _same_type(p, docs, theirs.type.name):
        return f"the docs say {docs}, the metadata {theirs.type.name}"
    if p.in_table and p.is_relationship != theirs.navigation:
        said = "a relationship" if p.is_relationship else "a structural property"
        real = "a navigation property" if theirs.navigation else "a structural property"
        return f"the docs list it as {said}, the metadata has {real}"
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for t, schema, metadata in metadata_types(ctx):
        theirs = {name.lower(): p for name, p in metadata.all_properties(schema.name).items()}
        for p in t.properties:
            match = theirs.get(p.name.lower())
            reason = _disagreement(p, match) if match is not None and p.in_table else None
            if reason is not None:
                yield RULE.finding(p.span, f"{schema.name}.{p.name}: {reason}")


RULE = Rule(
    code="DC704",
    name="metadata-property-type",
    severity=Severity.WARNING,
    summary="property type differs from the metadata",
    explanation=(
        "With `--metadata`: the Type column of a property row must name the metadata's type "
        "(Edm primitive, or the full name of a complex, entity or enum type), collection or "
        "not as the metadata says, and a navigation property belongs in the Relationships "
        "table, a structural one in Properties.  Generated clients type the value from the "
        "docs, so a wrong type breaks them on real responses."
    ),
    check=check,
    needs_metadata=True,
)
