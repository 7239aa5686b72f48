"""What the DC7xx rules share: the metadata's view of a documented type, and how names
and types are compared (without regard to case, as the service matches them)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from generator.lint.context import LintContext
from generator.metadata.csdl import Metadata, StructuredType
from generator.model import Span, TypeDef, TypeKind, TypeRef


def metadata_types(ctx: LintContext) -> Iterator[tuple[TypeDef, StructuredType, Metadata]]:
    """Each documented type the metadata defines too, with the metadata's definition."""
    metadata = ctx.metadata
    if metadata is None:
        return
    for t in ctx.model.types:
        schema = lookup(metadata, t.full_name)
        if schema is not None:
            yield t, schema, metadata


def name_span(ctx: LintContext, t: TypeDef) -> Span:
    """Where the docs name the type: its resource annotation's ``@odata.type``."""
    page = ctx.pages.get(t.source.file)
    return page.type_name_span(t) if page is not None else t.source


def base_span(ctx: LintContext, t: TypeDef) -> Span:
    """Where the docs give the type's base: its resource annotation's ``baseType``; else
    where the type is defined (a base stated in prose has no recorded place)."""
    page = ctx.pages.get(t.source.file)
    ann = page.block_annotation(t.source.line) if page is not None else None
    if ann is None or "baseType" not in ann.data:
        return t.source
    return ann.key_span("baseType")


def table_span(ctx: LintContext, t: TypeDef) -> Span:
    """Where rows of the type's property tables go: the heading above its first table
    row (``## Properties``), else where the type is defined."""
    rows = [p.span for p in t.properties if p.in_table and p.span.file == t.source.file]
    page = ctx.pages.get(t.source.file)
    if not rows or page is None:
        return t.source
    first = min(rows).line
    heading = [line for _, _, line in page.headings if line < first]
    return Span(t.source.file, heading[-1], heading[-1]) if heading else t.source


def lookup(metadata: Metadata, name: str) -> StructuredType | None:
    found = metadata.index.types.find(name)
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
