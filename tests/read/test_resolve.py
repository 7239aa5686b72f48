"""Resolving type names across pages (generator/read/resolve.py): the answers it keeps
for a name and link are kept per folder of the page that writes them, and resolving
changes nothing it need not change."""

from __future__ import annotations

from generator.model import Property, Span, TypeDef, TypeKind, TypeRef
from generator.read.resolve import TypeIndex, resolve_types


def _type(name: str, file: str, properties: tuple[Property, ...] = ()) -> TypeDef:
    return TypeDef(
        name=name,
        namespace="microsoft.graph",
        kind=TypeKind.COMPLEX,
        base=None,
        description="",
        properties=properties,
        members=(),
        key_property=None,
        open_type=False,
        optional_properties=(),
        json_representation=None,
        source=Span(file, 1, 1),
    )


def _prop(name: str, ref: TypeRef) -> Property:
    return Property(name, ref, "", False, None, False, Span("a/x.md", 2, 2))


def test_the_same_link_from_pages_in_other_folders_finds_the_type_of_each_folder() -> None:
    index = TypeIndex((_type("item", "a/item.md"), _type("thing", "b/item.md")))
    ref = TypeRef("item", TypeKind.UNKNOWN, False, "[item](item.md)", "item.md")
    found = [index.find(ref, page) for page in ("a/x.md", "b/y.md", "a/z.md", "b/w.md")]
    assert [t.full_name if t else None for t in found] == [
        "microsoft.graph.item",
        "microsoft.graph.thing",  # the file's only type: the link names its page
        "microsoft.graph.item",
        "microsoft.graph.thing",
    ]


def test_an_unlinked_name_is_found_alike_from_any_page() -> None:
    index = TypeIndex((_type("item", "a/item.md"),))
    ref = TypeRef("Item", TypeKind.UNKNOWN, False, "Item")
    assert index.find(ref, "a/x.md") is index.find(ref, "b/y.md") is not None


def test_resolving_keeps_what_is_already_resolved_and_rebuilds_the_rest() -> None:
    done = TypeRef("microsoft.graph.item", TypeKind.COMPLEX, False, "item")
    todo = TypeRef("item", TypeKind.UNKNOWN, True, "[item](item.md)", "item.md")
    kept = _type("kept", "a/kept.md", (_prop("a", done),))
    changed = _type("changed", "a/changed.md", (_prop("a", done), _prop("b", todo)))
    item = _type("item", "a/item.md")
    index = TypeIndex((kept, changed, item))
    out = resolve_types((kept, changed, item), index)
    assert out[0] is kept and out[2] is item
    assert out[1].properties[0] is changed.properties[0]
    assert out[1].properties[1].type == TypeRef(
        "microsoft.graph.item", TypeKind.COMPLEX, True, "[item](item.md)", "item.md"
    )
