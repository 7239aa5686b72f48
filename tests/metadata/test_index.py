"""The schema's index (``Metadata.index``) answers as the plain walks over the schema do,
in the same order: lineages, derived types, properties, bound operations and names
matched without regard to case; and each distinct path is walked once per schema."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from generator.metadata.csdl import (
    Folded,
    Metadata,
    Operation,
    Property,
    StructuredType,
    find_folded,
    parse_metadata,
    read_metadata,
)
from generator.metadata.navigate import _navigate, navigate
from generator.model import Span
from generator.paths import parse_path
from tests.metadata.csdl_sample import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
GRAPH = ROOT.parent / "shared" / "metadata" / "graph-v1.0" / "cleanMetadata.xml"

# What the index must get right: a base cycle, a base the schema lacks, names that differ
# only in case (types, properties of one type, entity sets), a derived type that declares
# a base's property again, a property declared twice, operations of one name bound to a
# base, a derived type and a collection, interleaved, and overloads.
TINY = b"""<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="ns" Alias="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="base"><Property Name="id" Type="Edm.String" /></EntityType>
      <EntityType Name="item" BaseType="a.base">
        <Property Name="Name" Type="Edm.String" />
        <Property Name="name" Type="Edm.Int32" />
        <NavigationProperty Name="parts" Type="Collection(a.part)" />
      </EntityType>
      <EntityType Name="Item" BaseType="a.base">
        <Property Name="other" Type="Edm.String" />
      </EntityType>
      <EntityType Name="file" BaseType="a.item">
        <Property Name="id" Type="Edm.Guid" />
        <Property Name="size" Type="Edm.Int64" />
        <Property Name="size" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="photo" BaseType="a.file">
        <Property Name="Width" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="folder" BaseType="a.item">
        <Property Name="SIZE" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="part" BaseType="ns.missing" />
      <EntityType Name="loopA" BaseType="a.loopB" />
      <EntityType Name="loopB" BaseType="a.loopA">
        <Property Name="x" Type="Edm.String" />
      </EntityType>
      <ComplexType Name="size"><Property Name="bytes" Type="Edm.Int64" /></ComplexType>
      <Action Name="copy" IsBound="true"><Parameter Name="b" Type="a.file" /></Action>
      <Action Name="copy" IsBound="true">
        <Parameter Name="b" Type="a.item" /><Parameter Name="to" Type="Edm.String" />
      </Action>
      <Function Name="list" IsBound="true">
        <Parameter Name="b" Type="Collection(a.item)" /><ReturnType Type="Collection(a.item)" />
      </Function>
      <Action Name="copy" IsBound="true"><Parameter Name="b" Type="a.base" /></Action>
      <Function Name="thumb" IsBound="true">
        <Parameter Name="b" Type="a.photo" /><ReturnType Type="Edm.Stream" />
      </Function>
      <Action Name="touch" IsBound="true"><Parameter Name="b" Type="a.loopA" /></Action>
      <Function Name="ping"><ReturnType Type="Edm.String" /></Function>
      <Function Name="ping">
        <Parameter Name="n" Type="Edm.Int32" /><ReturnType Type="Edm.String" />
      </Function>
      <EntityContainer Name="c">
        <EntitySet Name="items" EntityType="a.item" />
        <EntitySet Name="Items" EntityType="a.Item" />
        <Singleton Name="root" Type="a.folder" />
        <FunctionImport Name="ping" Function="a.ping" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""


# --- the walks the index replaces, as they were --------------------------------------------


def old_lineage(md: Metadata, name: str) -> Iterator[StructuredType]:
    seen: set[str] = set()
    current = md.types.get(name)
    while current is not None and current.name not in seen:
        seen.add(current.name)
        yield current
        current = md.types.get(current.base) if current.base else None


def old_all_properties(md: Metadata, name: str) -> dict[str, Property]:
    found: dict[str, Property] = {}
    for t in old_lineage(md, name):
        for p in t.properties:
            found.setdefault(p.name, p)
    return found


def old_derived(md: Metadata, name: str) -> Iterator[StructuredType]:
    for t in md.types.values():
        if t.name != name and any(b.name == name for b in old_lineage(md, t.name)):
            yield t


def old_bound_to(md: Metadata, type_name: str, collection: bool) -> Iterator[Operation]:
    lineage = {t.name for t in old_lineage(md, type_name)} or {type_name}
    for op in md.operations:
        if (
            op.binding is not None
            and op.binding.collection == collection
            and op.binding.name in lineage
        ):
            yield op


def old_bound_derived(md: Metadata, type_name: str, collection: bool) -> list[Operation]:
    derived = {t.name for t in old_derived(md, type_name)}
    return [
        op
        for op in md.operations
        if op.binding is not None
        and op.binding.collection == collection
        and op.binding.name in derived
    ]


# --- checking one schema ------------------------------------------------------------------


def variants(name: str) -> list[str]:
    return list(dict.fromkeys([name, name.lower(), name.upper(), name.swapcase(), name + "x"]))


def check(md: Metadata, names: list[str], sample: list[str]) -> None:
    """Every answer for ``names``; those of the costlier walks for ``sample`` only."""
    index = md.index
    for name in names:
        assert list(md.lineage(name)) == list(old_lineage(md, name)), name
        assert dict(md.all_properties(name)) == old_all_properties(md, name), name
        assert list(md.all_properties(name)) == list(old_all_properties(md, name)), name
        for collection in (False, True):
            assert list(md.bound_to(name, collection)) == list(old_bound_to(md, name, collection))
    for name in sample:
        assert list(md.derived(name)) == list(old_derived(md, name)), name
        for collection in (False, True):
            assert list(index.bound_to_derived(name, collection)) == old_bound_derived(
                md, name, collection
            )
        props = old_all_properties(md, name)
        t = md.types.get(name)
        own = {p.name: p for p in t.properties} if t is not None else {}
        for prop in [*props, *own, "nothing"]:
            for written in variants(prop):
                assert index.property(name, written) == find_folded(props, written)
                assert index.own_property(name, written) == find_folded(own, written)
    folded: list[tuple[Mapping[str, Any], Folded[Any], list[str]]] = [
        (md.types, index.types, sample),
        (md.entity_sets, index.entity_sets, list(md.entity_sets)),
        (md.singletons, index.singletons, list(md.singletons)),
        (md.imports, index.imports, list(md.imports)),
    ]
    for mapping, lookup, keys in folded:
        for key in [*keys, "no.such.name"]:
            for written in variants(key):
                assert lookup.find(written) == find_folded(mapping, written)
    for op in md.operations:
        assert index.overloads(op.name) == tuple(o for o in md.operations if o.name == op.name)
        first = next((o for o in md.operations if o.name == op.name and not o.binding), None)
        assert index.unbound(op.name) == first


def every_name(md: Metadata) -> list[str]:
    return [*md.types, "ns.missing", "no.such.type"]


def test_the_index_agrees_with_the_walks_on_a_tiny_schema() -> None:
    md = parse_metadata(TINY, "tiny.xml")
    check(md, every_name(md), every_name(md))
    # what the tiny schema is there for
    assert [t.name for t in md.derived("ns.item")] == ["ns.file", "ns.photo", "ns.folder"]
    assert [t.name for t in md.lineage("ns.loopA")] == ["ns.loopA", "ns.loopB"]
    assert [t.name for t in md.derived("ns.loopA")] == ["ns.loopB"]
    assert [op.binding and op.binding.name for op in md.bound_to("ns.photo", False)] == [
        "ns.file",
        "ns.item",
        "ns.base",
        "ns.photo",
    ]
    assert md.index.property("ns.file", "NAME") == ("Name", md.types["ns.item"].properties[0])
    assert md.index.own_property("ns.file", "size") == ("size", md.types["ns.file"].properties[2])


def test_the_index_agrees_with_the_walks_on_the_sample() -> None:
    md = parse_metadata(SAMPLE, "sample.xml")
    check(md, every_name(md), every_name(md))


@pytest.mark.skipif(not GRAPH.is_file(), reason="the shared Graph metadata is not here")
def test_the_index_agrees_with_the_walks_on_the_graph_metadata() -> None:
    md = read_metadata(GRAPH)
    names = every_name(md)
    # the old derived walk is quadratic: the bases with most types derived, and a sample
    children = Counter(t.base for t in md.types.values() if t.base)
    hubs = {name for name, _ in children.most_common(15)}
    sample = [n for i, n in enumerate(names) if n in hubs or i % 50 == 0]
    check(md, names, sample)
    assert len([n for n in sample if list(md.derived(n))]) >= 15


def test_a_path_is_walked_once_per_schema() -> None:
    md = parse_metadata(SAMPLE, "sample.xml")
    paths = ["/users/{id}/messages", "/Users/{id}/Messages", "/me/nothing", "/users/{id}/messages"]
    walked = [navigate(md, parse_path(p, Span("x.md", 1, 1)).segments) for p in paths]
    assert walked[0] is walked[3]  # the same path, from the memo
    assert walked[0] == walked[1] and walked[0] is not walked[1]  # written otherwise: walked
    assert len(md.index.walks) == 3
    other = parse_metadata(SAMPLE, "sample.xml")  # another schema: its own walks
    for p, found in zip(paths, walked, strict=True):
        segments = parse_path(p, Span("y.md", 9, 9)).segments
        assert _navigate(other, segments) == found
        assert navigate(other, segments) == found
