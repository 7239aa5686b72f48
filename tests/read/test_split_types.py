"""A type documented on several pages (Intune documents ``deviceManagement`` once per
workload) is one type with every page's properties."""

from __future__ import annotations

from pathlib import Path

from generator.read.docs import read_docs
from tests.diff.docs import enum_page, resource_page, write


def test_a_type_split_over_pages_has_the_properties_of_all(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "resources/devicemanagement.md": resource_page(
                "deviceManagement", [("id", "String", "Id."), ("settings", "String", "S.")]
            ),
            "resources/intune-devices-devicemanagement.md": resource_page(
                "deviceManagement",
                [("id", "String", "Id."), ("managedDevices", "String", "Devices.")],
                base="entity",
            ),
        },
    )
    model = read_docs([tmp_path])
    (t,) = [t for t in model.types if t.name == "deviceManagement"]
    assert [(p.name, p.span.file) for p in t.properties] == [
        ("id", "resources/devicemanagement.md"),
        ("settings", "resources/devicemanagement.md"),
        ("managedDevices", "resources/intune-devices-devicemanagement.md"),
    ]
    assert t.source.file == "resources/devicemanagement.md"  # the page named after it
    assert t.base == "microsoft.graph.entity"  # only the other page names it
    (dup,) = [d for d in model.diagnostics if d.code == "DC009"]
    assert dup.span.file == "resources/intune-devices-devicemanagement.md"


def test_definitions_of_another_kind_are_not_merged(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "resources/color.md": resource_page("color", [("hex", "String", "Hex.")]),
            "resources/enums.md": enum_page("color", ["red", "blue"]),
        },
    )
    model = read_docs([tmp_path])
    (t,) = [t for t in model.types if t.name == "color"]
    assert [p.name for p in t.properties] == ["hex"] and t.members == ()
    assert [d.code for d in model.diagnostics].count("DC009") == 1
