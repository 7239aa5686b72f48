"""DC503: a response example body has a property its resource type does not define."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.odata_names import (
    ExampleBlock,
    JsonPath,
    TypeName,
    example_blocks,
    find_type,
    key_positions,
    property_names,
    redefined_types,
    type_chain,
    type_name,
)
from generator.model import Diagnostic, Severity, Span, TypeDef


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    unsure = redefined_types(ctx)
    for block in example_blocks(ctx):
        if not block.is_response or block.body is None or not isinstance(block.body.json, dict):
            continue
        named = type_name(block.annotation.odata_type)
        typedef = find_type(ctx, named.name) if named is not None else None
        if named is None or typedef is None:
            continue  # no type, a primitive, or an unknown one (DC501)
        yield from _check_block(ctx, block, named, typedef, unsure)


def _check_block(
    ctx: LintContext, block: ExampleBlock, named: TypeName, typedef: TypeDef, unsure: set[str]
) -> Iterator[Diagnostic]:
    assert block.body is not None
    body = block.body.json
    lines: dict[JsonPath, tuple[int, int]] | None = None
    collection = named.is_collection or block.annotation.is_collection
    for path, item in _objects(body, collection or _looks_like_collection(body, typedef, ctx)):
        actual = _own_type(ctx, item) or typedef
        chain = type_chain(ctx, actual)
        if any(t.open_type or t.full_name in unsure for t in chain):
            continue
        known = property_names(chain)
        folded = {name.lower(): name for name in known}
        for key in item:
            if not isinstance(key, str) or "@" in key or key in known:
                continue
            if lines is None:
                lines = key_positions(block.body.text, block.body.line, block.body.column)
            line, column = lines.get((*path, key), (block.body.line, 1))
            where = "" if not path else f" in {path[0]}[{path[1]}]"
            hint = _hint(key, item, folded)
            yield RULE.finding(
                Span(block.page.path, line, line, column),
                f"response property {key!r}{where} is not a property of {actual.full_name}"
                f"{_bases(chain)}{hint}",
            )


def _hint(key: str, item: dict[str, object], folded: dict[str, str]) -> str:
    if key.lower() in folded:
        return f" (the type has {folded[key.lower()]!r})"
    if key == "value" and isinstance(item[key], dict):
        return " (a single object is returned as it is, not wrapped in 'value')"
    return ""


def _objects(
    body: dict[str, object], collection: bool
) -> Iterator[tuple[JsonPath, dict[str, object]]]:
    """The objects that are instances of the type: each item of ``value`` for a
    collection, else the body itself."""
    items = body.get("value")
    if collection:
        if isinstance(items, list):
            for n, item in enumerate(items):
                if isinstance(item, dict):
                    yield ("value", n), item
        return
    yield (), body


def _looks_like_collection(body: dict[str, object], typedef: TypeDef, ctx: LintContext) -> bool:
    """A ``{"value": [{...}]}`` body for a type without a ``value`` property: a
    collection whose annotation lacks ``isCollection`` (another rule's finding)."""
    items = body.get("value")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        return False
    if "value" in property_names(type_chain(ctx, typedef)):
        return False
    return all(key == "value" or "@" in key for key in body)


def _own_type(ctx: LintContext, item: dict[str, object]) -> TypeDef | None:
    """A derived type the object names itself (``"@odata.type": "#microsoft.graph.user"``
    in a ``directoryObject`` collection)."""
    named = type_name(item.get("@odata.type"))
    return find_type(ctx, named.name) if named is not None else None


def _bases(chain: list[TypeDef]) -> str:
    if len(chain) < 2:
        return ""
    return " or its base types " + ", ".join(t.full_name for t in chain[1:])


RULE = Rule(
    code="DC503",
    name="undocumented-response-property",
    severity=Severity.WARNING,
    summary="response example has a property its resource type does not define",
    explanation=(
        "A response example shows what the service returns; each property in it should be "
        "a property of the annotated resource type (or one of its base types), so readers "
        "and generated clients know what it means. An unknown key is a typo, a renamed or "
        "removed property, or a property the resource page forgot. `truncated: true` only "
        "allows properties to be left out, not extra ones. Fix the example or document "
        "the property:\n\n"
        '    {"displayName": "Contoso", "dispalyName": "x"}  ->  {"displayName": "Contoso"}\n\n'
        "Open types (`openType`), `@odata.*` and other `@` annotations, and bodies that "
        "are not JSON are skipped. For collections each item of `value` is checked; an item "
        "naming a derived type with its own `@odata.type` is checked against that type."
    ),
    check=check,
)
