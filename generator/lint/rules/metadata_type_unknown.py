"""DC701: a type the docs define or name that the service's metadata does not have."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import lookup, name_span, nearest
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.metadata
    if metadata is None:
        return
    known = list(metadata.types)
    for t in ctx.model.types:
        if lookup(metadata, t.full_name) is None:
            yield RULE.finding(
                name_span(ctx, t),
                f"{t.full_name} is not a type in the metadata{nearest(t.full_name, known)}",
            )
    namespaces = tuple(f"{n}." for n in metadata.namespaces)
    for page in ctx.model.pages:
        for ann in page.annotations:
            if ann.block_type == "resource":
                continue  # the type it defines is judged above
            name = _unwrap((ann.odata_type or "").strip())
            # only names in the metadata's namespaces: doc tooling uses others of its own
            if name.startswith(namespaces) and lookup(metadata, name) is None:
                yield RULE.finding(
                    ann.key_span("@odata.type" if "@odata.type" in ann.data else "@type"),
                    f"@odata.type {name!r} is not a type in the metadata{nearest(name, known)}",
                )


def _unwrap(name: str) -> str:
    """``Collection(microsoft.graph.x)`` -> ``microsoft.graph.x``; ``#`` dropped."""
    name = name.lstrip("#")
    if name.startswith("Collection(") and name.endswith(")"):
        return name[len("Collection(") : -1].strip()
    return name


RULE = Rule(
    code="DC701",
    name="metadata-type-unknown",
    severity=Severity.WARNING,
    summary="type not in the service's metadata",
    explanation=(
        "With `--metadata`, every type a resource page defines (its JSON representation's "
        "`@odata.type`), every enum table and every `@odata.type` an annotation names must "
        "be a type of the service's CSDL metadata.  A name the metadata lacks is a typo, a "
        "type of another API version, or docs ahead of the service; the message names the "
        "nearest metadata type.  Fix the name, or the metadata file."
    ),
    check=check,
    needs_metadata=True,
)
