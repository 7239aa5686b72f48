"""DC504: a resource's property table and its JSON representation disagree."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from urllib.parse import unquote

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.odata_names import (
    find_type,
    property_names,
    resolved_as_written,
    type_chain,
    type_name,
)
from generator.model import Diagnostic, Property, Severity, TypeDef, TypeKind, TypeRef
from generator.read import type_from_json_value

_NUMBERS = {"Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Single"}
_NUMBERS |= {"Edm.Double", "Edm.Decimal"}
_ANY = {"Edm.Untyped", "Edm.Stream", "microsoft.graph.Json"}  # any JSON value, or not JSON


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for typedef in ctx.model.types:
        if typedef.kind == TypeKind.COMPLEX and isinstance(typedef.json_representation, dict):
            yield from _check_type(ctx, typedef, typedef.json_representation)


def _check_type(
    ctx: LintContext, typedef: TypeDef, representation: dict[str, object]
) -> Iterator[Diagnostic]:
    # A row without a type is no property: the tail of a row broken over two lines
    # ("|threats|String collection|... dataSpillage," then "elevationOfPrivilege,...|").
    table = [p for p in typedef.properties if p.in_table and "@" not in p.name and p.type.raw]
    if not table:
        return  # nothing to compare with (a resource block on an API page, a second block)
    name = typedef.full_name
    folded = {p.name.lower(): p for p in table}
    keys = {k for k in representation if isinstance(k, str) and "@" not in k}
    keys_folded = {k.lower(): k for k in keys}
    inherited = _inherited(ctx, typedef)
    for prop in typedef.properties:
        if prop.in_table or "@" in prop.name or prop.name in inherited:
            continue
        if prop.name.lower() not in folded:
            yield RULE.finding(
                prop.span,
                f"the JSON representation of {name} has {prop.name!r}, which its property "
                "tables do not list",
            )
    for run in _runs(table):
        if not any(p.name in keys or p.name.lower() in keys_folded for p in run):
            continue  # a table of something else: enum members, a nested object's fields
        for prop in run:
            if prop.name in keys:
                message = _type_mismatch(ctx, prop, representation[prop.name])
                if message is not None:
                    yield RULE.finding(prop.span, f"property {prop.name!r} of {name}: {message}")
            elif prop.name.lower() in keys_folded:
                yield RULE.finding(
                    prop.span,
                    f"property {prop.name!r} of {name} is written "
                    f"{keys_folded[prop.name.lower()]!r} in the JSON representation",
                )
            elif not prop.is_relationship:
                yield RULE.finding(
                    prop.span,
                    f"property {prop.name!r} of {name} is missing from the JSON representation",
                )


def _inherited(ctx: LintContext, typedef: TypeDef) -> set[str]:
    """Names the JSON may show without the tables listing them: the key property and the
    properties of base types.  When no base type is declared, the types of the pages the
    page links to stand in for it ("inherits the properties from [x](x.md)" is prose the
    model does not read)."""
    chain = type_chain(ctx, typedef)
    names = {t.key_property for t in chain if t.key_property}
    bases = chain[1:] if typedef.base else _linked_types(ctx, typedef)
    for base in bases:
        names.update(property_names(type_chain(ctx, base)))
    return names


def _linked_types(ctx: LintContext, typedef: TypeDef) -> list[TypeDef]:
    page = ctx.pages.get(typedef.source.file)
    if page is None:
        return []
    files = {
        ctx.resolve_link(page.path, unquote(link.target)).lower()
        for link in page.links
        if "://" not in link.target and not link.target.startswith(("/", "#"))
    }
    files.discard(typedef.source.file.lower())
    by_file = ctx.types_by_file  # (the callers take any order)
    return [t for file in sorted(files) for t in by_file.get(file, ())]


def _runs(table: Sequence[Property]) -> list[list[Property]]:
    """Table properties grouped by table: rows on consecutive lines of one file."""
    runs: list[list[Property]] = []
    for prop in sorted(table, key=lambda p: (p.span.file, p.span.line)):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.span.file == prop.span.file
            and (prop.span.line - last.span.line == 1)
        ):
            runs[-1].append(prop)
        else:
            runs.append([prop])
    return runs


# --- types -----------------------------------------------------------------------------


def _type_mismatch(ctx: LintContext, prop: Property, value: object) -> str | None:
    """Why the table's type and the JSON value disagree, or None.

    Compared on the wire: string, number, boolean or object, and collection or not.
    Writers put ``"String"`` for enums, GUIDs and dates and sample numbers for any numeric
    type, so those agree; ``Int32`` against ``"String"`` does not.
    """
    if value is None:
        return None
    table = prop.type
    json_ref = type_from_json_value(value)
    stated = _table_kind(ctx, table)
    shown = _json_kind(ctx, value)
    if stated is None or shown is None:
        return None
    said = f"the table says {_cell(table)}, the JSON representation shows {_json_text(value)}"
    if table.is_collection != json_ref.is_collection:
        one, other = (
            ("a collection", "one value") if table.is_collection else ("one value", "a collection")
        )
        return f"{said} ({one} against {other})"
    if stated != shown:
        return said
    if stated == "object":
        return _object_mismatch(ctx, table, value, said)
    return None


def _table_kind(ctx: LintContext, ref: TypeRef) -> str | None:
    if ref.name in _ANY:
        return None
    if ref.kind == TypeKind.PRIMITIVE:
        return _primitive_kind(ref.name)
    if ref.kind not in (TypeKind.ENUM, TypeKind.COMPLEX) or not resolved_as_written(ref):
        return None
    found = find_type(ctx, ref.name)
    if found is None:
        return None  # a type the doc set does not define: its kind is not known
    return "string" if found.kind == TypeKind.ENUM else "object"


def _json_kind(ctx: LintContext, value: object) -> str | None:
    if isinstance(value, list):
        return _json_kind(ctx, value[0]) if value else None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return _placeholder_kind(ctx, value)
    if isinstance(value, str):
        if "|" in value:
            return "string"  # enum members: "incoming | outgoing"
        ref = _string_type(value)
        if ref.kind == TypeKind.PRIMITIVE:
            return _primitive_kind(ref.name)
        if ref.kind == TypeKind.ENUM:
            return "string"
    return None  # an identifier or a sample word: not a type to compare


@lru_cache(maxsize=8192)
def _string_type(value: str) -> TypeRef:
    """Representations repeat the same few strings (``"String"``, ``"String
    (identifier)"``): each is read as a type once per run."""
    return type_from_json_value(value)


def _placeholder_kind(ctx: LintContext, value: dict[str, object]) -> str | None:
    """``{"@odata.type": "microsoft.graph.x"}`` stands for a value of type x: a string
    when x is an enum or a primitive (``{"@odata.type": "Edm.String"}``)."""
    odata = value.get("@odata.type")
    if len(value) != 1 or not isinstance(odata, str):
        return "object"
    ref = _string_type(odata)
    if ref.kind == TypeKind.PRIMITIVE:
        return _primitive_kind(ref.name)
    named = type_name(odata)
    found = find_type(ctx, named.name) if named is not None else None
    if found is None:
        return None  # a type the doc set does not define: enum or complex is not known
    return "string" if found.kind == TypeKind.ENUM else "object"


def _primitive_kind(name: str) -> str | None:
    if name in _ANY:
        return None
    if name in _NUMBERS:
        return "number"
    if name == "Edm.Boolean":
        return "boolean"
    return "string"


def _object_mismatch(ctx: LintContext, table: TypeRef, value: object, said: str) -> str | None:
    """Both are objects: the JSON's ``@odata.type`` should be the table's type, one of its
    base types or a type derived from it."""
    item = value[0] if isinstance(value, list) and value else value
    if not isinstance(item, dict) or len(item) != 1:
        return None  # a sample object: its @odata.type may be data (changeNotification)
    named = type_name(item.get("@odata.type"))
    stated = find_type(ctx, table.name)
    shown = find_type(ctx, named.name) if named is not None else None
    if stated is None or shown is None or stated.full_name == shown.full_name:
        return None
    if stated.open_type:
        return None
    if _related(ctx, stated, shown) or _related(ctx, shown, stated):
        return None
    return said


def _related(ctx: LintContext, derived: TypeDef, base: TypeDef) -> bool:
    """Whether ``derived`` may inherit from ``base``: through its declared base types, or
    because its page links to the base's page ("Inherits from [x](x.md)": inheritance
    stated only in prose does not reach the model)."""
    chain = type_chain(ctx, derived)
    if any(t.full_name == base.full_name for t in chain):
        return True
    if chain[-1].base:  # declared to its end, unless the last base is not in the doc set
        return find_type(ctx, chain[-1].base.strip().lstrip("#")) is None
    return any(t.full_name == base.full_name for t in _linked_types(ctx, chain[-1]))


def _cell(ref: TypeRef) -> str:
    """The type cell as written."""
    return " ".join(ref.raw.split()) or ref.name


def _json_text(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


RULE = Rule(
    code="DC504",
    name="property-table-json-mismatch",
    severity=Severity.WARNING,
    summary="a resource's property table and JSON representation disagree",
    explanation=(
        "A resource page describes its type twice: in the Properties (and Relationships) "
        "tables and in the JSON representation. When they disagree, readers cannot tell "
        "which is right and generated models differ by source. Reported: a JSON key no "
        "table lists, a Properties row missing from the JSON, a name written in another "
        "case, and a type that disagrees on the wire (string, number, boolean, object, "
        "collection or not):\n\n"
        '    |size|Int64|Size in bytes.|     with     "size": "String"   ->   "size": 1024\n\n'
        'Relationships may be left out of the JSON (most pages do). `"String"` for enums, '
        "GUIDs and dates, and any sample number for a numeric type, count as agreeing. A "
        "table none of whose rows appears in the JSON is taken to describe something else "
        "(enum members, a nested object) and is not compared."
    ),
    check=check,
)
