"""Resource and enum definitions: JSON representation blocks, property tables, enum tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.model import EnumMember, Property, Span, TypeDef, TypeKind
from generator.read.blocks import Element, Fence, Heading, Paragraph, Table
from generator.read.json_positions import line_and_column, positions
from generator.read.lenient_json import loads_lenient
from generator.read.page import DocPage
from generator.read.typerefs import parse_type_cell, type_from_json_value

_PROPERTIES = re.compile(r"^properties\s*$", re.IGNORECASE)
_RELATIONSHIPS = re.compile(r"^relationships\s*$", re.IGNORECASE)
_ENUM_HEADING = re.compile(r"^`?([A-Za-z_][\w.]*)`?\s+(?:enum\s+)?values\s*$", re.IGNORECASE)
_ENUM_PAGE_H1 = re.compile(r"^([A-Za-z_][\w.]*)\s+enum(?:eration)?(?:\s+type)?\s*$", re.IGNORECASE)
_MEMBERS = re.compile(r"^members\s*$", re.IGNORECASE)
_NAME = re.compile(r"[@\w.$-]+")
_PROPERTY_COLUMNS = {
    "property",
    "properties",
    "property name",
    "relationship",
    "relationships",
    "relationship name",
}
# "Enum values", "Possible values": a heading about values, not an enum named so.
_NOT_ENUM_NAMES = {
    "enum",
    "enumeration",
    "enumerated",
    "possible",
    "valid",
    "allowed",
    "supported",
    "default",
    "property",
    "the",
}
DEFAULT_NAMESPACE = "microsoft.graph"


def read_types(page: DocPage) -> list[TypeDef]:
    resources = _resource_types(page)
    # "### mediaSizes values" under a String property mediaSizes lists that property's
    # values: no enum type of that name.
    plain = {
        p.name.lower()
        for t in resources
        for p in t.properties
        if p.in_table and p.type.kind == TypeKind.PRIMITIVE
    }
    return resources + [t for t in _enum_types(page) if t.name.lower() not in plain]


def resource_line(page: DocPage) -> int | None:
    """The line that shows a resource page: its first ``blockType: resource`` annotation
    on a block (a JSON representation), else its first property table that a Properties or
    Relationships heading owns; None when there is neither."""
    annotated = [
        ann.span.line for ann in page.fence_annotations.values() if ann.block_type == "resource"
    ]
    tables = [table.line for table, _ in _property_tables(page)]
    return min(annotated, default=None) or min(tables, default=None)


def _resource_types(page: DocPage) -> list[TypeDef]:
    types: list[TypeDef] = []
    for i, e in enumerate(page.elements):
        ann = page.fence_annotations.get(i)
        if ann is None or ann.block_type != "resource" or not isinstance(e, Fence):
            continue
        full = (ann.odata_type or "").strip()
        if not full:
            continue
        namespace, _, name = full.rpartition(".")
        parsed = loads_lenient(e.content, page.limits.depth)
        representation = parsed.value if parsed.ok else None
        tables = _property_tables(page) if not types else []
        properties = _merge(page, tables, representation, e)
        types.append(
            TypeDef(
                name=name,
                namespace=namespace or page.namespace or DEFAULT_NAMESPACE,
                kind=TypeKind.COMPLEX,
                base=ann.base_type or _stated_base(page, e.line, namespace),
                description=page.description,
                properties=properties,
                members=(),
                key_property=ann.key_property,
                open_type=ann.open_type,
                optional_properties=ann.optional_properties,
                json_representation=representation,
                source=page.span(e.line, e.end_line),
            )
        )
    return types


# "Read-only", "Read only", "readOnly" (lower-cased before the search)
_READ_ONLY = re.compile(r"\bread[- ]?only\b")

# "Inherits from [identitySet](identityset.md)." -- 141 corpus resource pages state their
# base type only in such a sentence.
_INHERITS = re.compile(
    r"^(?:\w+ )*?inherits from (?:the )?(?:base (?:class|type|entity) )?"
    r"\[?`?([A-Za-z_]\w*(?:\.\w+)*)",
    re.I,
)


def _stated_base(page: DocPage, before: int, namespace: str) -> str | None:
    """The base type an introductory sentence names, for a type whose annotation
    names none: the first paragraph above its JSON representation that starts
    "Inherits from X" or "<type> inherits from X"."""
    for e in page.elements:
        if e.line >= before:
            break
        if isinstance(e, Paragraph):
            match = _INHERITS.match(e.inline.text.strip())
            if match is not None:
                name = match.group(1)
                return name if "." in name else f"{namespace or DEFAULT_NAMESPACE}.{name}"
    return None


def _header(table: Table) -> list[str]:
    return [c.text.strip().strip("*_` ").lower() for c in table.header]


def is_property_table(table: Table) -> bool:
    """Its header row says so: the first column names properties or relationships, or is
    "Name" beside a "Type" column.  A Properties section also holds enum tables of its
    properties' values ("Member | Value"), colour maps, limits and query examples: none
    of them is a property table, whatever heading they stand under."""
    if not table.header:
        return False
    columns = _header(table)
    if columns[0] in _PROPERTY_COLUMNS:
        return True
    return columns[0] == "name" and "type" in columns[1:]


def _property_tables(page: DocPage) -> list[tuple[Table, bool]]:
    """Property tables owned by a Properties or Relationships heading: the nearest
    heading above the table is that one, not a sub-heading under it (``### Properties of
    a policy definition``, ``#### Example``: tables of something else)."""
    found: list[tuple[Table, bool]] = []
    for pattern, relationship in ((_PROPERTIES, False), (_RELATIONSHIPS, True)):
        for i in page.headings(pattern):
            for e in page.section(i):
                if isinstance(e, Heading) and not e.is_tab:
                    break
                if isinstance(e, Table) and is_property_table(e):
                    found.append((e, relationship))
    return found


def _merge(
    page: DocPage, tables: Sequence[tuple[Table, bool]], representation: object, fence: Fence
) -> tuple[Property, ...]:
    """Table rows give types and descriptions; JSON keys the tables miss are kept too,
    typed from their placeholder values."""
    props: dict[str, Property] = {}
    for table, relationship in tables:
        for row in table.rows:
            if len(row.cells) < 2:
                continue
            m = _NAME.search(row.cells[0].text)
            if m is None or m.group(0) in props:
                continue
            description = row.cells[2].text if len(row.cells) > 2 else ""
            lowered = description.lower()
            nullable = (
                False
                if re.search(r"\bnot nullable|non-nullable|\bnot null\b", lowered)
                else True if "nullable" in lowered else None
            )
            props[m.group(0)] = Property(
                name=m.group(0),
                type=parse_type_cell(row.cells[1]),
                description=description,
                read_only=_READ_ONLY.search(lowered) is not None,
                nullable=nullable,
                is_relationship=relationship,
                span=page.cell_span(row),
            )
    if isinstance(representation, dict):
        keys = positions(fence.content).keys
        for key, value in representation.items():
            if key not in props and not key.startswith("@"):
                props[key] = Property(
                    name=key,
                    type=type_from_json_value(value),
                    description="",
                    read_only=False,
                    nullable=None,
                    is_relationship=False,
                    span=_key_span(page, fence, keys.get(key)),
                    in_table=False,
                )
    return tuple(props.values())


def _key_span(page: DocPage, fence: Fence, offset: int | None) -> Span:
    """Where a key of a JSON representation is written; the whole block if not found."""
    if offset is None:
        return page.span(fence.line, fence.end_line)
    line, column = line_and_column(fence.content, offset)
    at = fence.line + 1 + line
    return Span(page.rel, at, at, fence.indent + column + 1)


def _enum_types(page: DocPage) -> list[TypeDef]:
    types: list[TypeDef] = []
    h1 = page.h1()
    page_enum = _ENUM_PAGE_H1.match(h1.text) if h1 else None
    for i, e in enumerate(page.elements):
        if not isinstance(e, Heading) or e.is_tab:
            continue
        m = _ENUM_HEADING.match(e.text)
        name = m.group(1) if m and m.group(1).lower() not in _NOT_ENUM_NAMES else None
        if name is None and page_enum and _MEMBERS.match(e.text):
            name = page_enum.group(1)
        if name is None:
            continue
        members = _members(page, page.section(i))
        if members:
            namespace, _, short = name.rpartition(".")
            types.append(
                TypeDef(
                    name=short,
                    namespace=namespace or page.namespace or DEFAULT_NAMESPACE,
                    kind=TypeKind.ENUM,
                    base=None,
                    description="",
                    properties=(),
                    members=members,
                    key_property=None,
                    open_type=False,
                    optional_properties=(),
                    json_representation=None,
                    source=page.span(e.line),
                )
            )
    return types


def _members(page: DocPage, elements: Sequence[Element]) -> tuple[EnumMember, ...]:
    table = next((t for t in elements if isinstance(t, Table)), None)
    if table is None or not table.header:
        return ()
    columns = _header(table)
    if columns[0] not in ("member", "name", "value", "members"):
        return ()
    value_col = columns.index("value") if "value" in columns[1:] else None
    desc_col = columns.index("description") if "description" in columns else None
    members: list[EnumMember] = []
    for row in table.rows:
        cells = row.cells
        if not cells or not cells[0].text:
            continue
        members.append(
            EnumMember(
                name=cells[0].text.strip("` "),
                value=cells[value_col].text if value_col and value_col < len(cells) else None,
                description=cells[desc_col].text if desc_col and desc_col < len(cells) else "",
                span=page.cell_span(row),
            )
        )
    return tuple(members)
