"""Reading CSDL: aliases, inheritance, operations, container, restrictions, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.metadata.csdl import MetadataError, TypeRef, parse_metadata, read_metadata
from tests.metadata.csdl_sample import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
GRAPH = ROOT.parent / "shared" / "metadata" / "graph-v1.0" / "cleanMetadata.xml"


def test_names_are_qualified_with_the_namespace_not_the_alias() -> None:
    md = parse_metadata(SAMPLE, "sample.xml")
    user = md.types["microsoft.graph.user"]
    assert user.base == "microsoft.graph.entity" and user.open_type
    assert md.types["microsoft.graph.callRecords.session"].properties[0].type == TypeRef(
        "microsoft.graph.entity"
    )
    messages = next(p for p in user.properties if p.name == "messages")
    assert messages.type == TypeRef("microsoft.graph.message", True) and messages.navigation


def test_inherited_properties_and_derived_types() -> None:
    md = parse_metadata(SAMPLE, "sample.xml")
    assert list(md.all_properties("microsoft.graph.specialUser"))[:2] == ["level", "displayName"]
    assert "id" in md.all_properties("microsoft.graph.specialUser")
    assert {t.name for t in md.derived("microsoft.graph.user")} == {"microsoft.graph.specialUser"}
    assert md.types["microsoft.graph.color"].members == ("red", "unknownFutureValue")
    assert md.types["microsoft.graph.entity"].key == ("id",)


def test_operations_container_and_restrictions() -> None:
    md = parse_metadata(SAMPLE, "sample.xml")
    send = next(op for op in md.operations if op.name == "microsoft.graph.send")
    assert send.kind == "action" and send.binding == TypeRef("microsoft.graph.message")
    assert [(p.name, p.nullable) for p in send.parameters] == [
        ("comment", True),
        ("toRecipients", False),
    ]
    delta = next(op for op in md.operations if op.name == "microsoft.graph.delta")
    assert delta.composable and delta.returns == TypeRef("microsoft.graph.message", True)
    assert md.entity_sets == {"users": "microsoft.graph.user"}
    assert md.singletons == {"me": "microsoft.graph.user"}
    assert md.imports == {"now": "microsoft.graph.now"}
    assert md.container == "microsoft.graph.GraphService"
    assert md.restrictions == {"microsoft.graph.user/calendar": frozenset({"DELETE"})}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<not xml", "not well-formed XML"),
        (b"<html><body/></html>", "not OData CSDL"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<edmx:Edmx xmlns:edmx="e"><Schema Namespace="n">&a;</Schema></edmx:Edmx>',
            "refused",
        ),
    ],
)
def test_a_file_that_is_not_csdl_is_a_clear_error(data: bytes, expected: str) -> None:
    with pytest.raises(MetadataError, match=expected) as info:
        parse_metadata(data, "bad.xml")
    assert str(info.value).startswith("bad.xml")


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MetadataError, match="cannot read"):
        read_metadata(tmp_path / "nope.xml")


def test_the_graph_metadata_reads() -> None:
    md = read_metadata(GRAPH)
    assert len(md.namespaces) == 3
    assert len(md.types) > 1300 and len(md.operations) > 800
    assert "microsoft.graph.driveItem" in md.types and "me" in md.singletons
