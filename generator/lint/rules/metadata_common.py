"""What the DC7xx rules share: the metadata's view of a documented type, and how names
and types are compared (without regard to case, as the service matches them)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from generator.lint.context import LintContext
from generator.metadata.csdl import Metadata, StructuredType, find_folded
from generator.model import TypeDef, TypeKind, TypeRef


def metadata_types(ctx: LintContext) -> Iterator[tuple[TypeDef, StructuredType, Metadata]]:
    """Each documented type the metadata defines too, with the metadata's definition."""
    metadata = ctx.metadata
    if metadata is None:
        return
    for t in ctx.model.types:
        schema = lookup(metadata, t.full_name)
        if schema is not None:
            yield t, schema, metadata


def lookup(metadata: Metadata, name: str) -> StructuredType | None:
    found = find_folded(metadata.types, name)
    return found[1] if found else None


def nearest(name: str, candidates: Iterable[str]) -> str:
    """`` (nearest: X)`` for the candidate closest by its last name segment (a shared
    ``microsoft.graph.`` prefix says nothing), or nothing."""
    by_short = {c.rpartition(".")[2].lower(): c for c in candidates}
    short = name.rpartition(".")[2].lower()
    match = difflib.get_close_matches(short, list(by_short), n=1, cutoff=0.8)
    return f" (nearest: {by_short[match[0]]})" if match else ""


def listed(names: list[str], most: int = 8) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def documented_type(ref: TypeRef) -> str | None:
    """The docs' type as the metadata would name it, or None when the docs' cell says no
    type the comparison can trust (free text, an unresolved name)."""
    if ref.kind == TypeKind.UNKNOWN or not ref.name:
        return None
    return ref.name
