"""Which tables become properties: only tables whose header row says they are property
tables, whatever heading they stand under; enum tables only give enum members."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Model, TypeKind
from generator.read import read_docs

RESOURCE = """---
title: "gadget resource type"
description: "A gadget."
doc_type: resourcePageType
---
# gadget resource type

Namespace: microsoft.graph

## Properties
{tables}

## JSON representation

<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.gadget" }} -->
```json
{{ "state": "String", "size": 1 }}
```
"""

PROPERTIES = """|Property|Type|Description|
|:---|:---|:---|
|state|gadgetState|The state. Valid values are in the following table.|
|size|Int32|How big.|
"""

ENUM_VALUES = """
### gadgetState values

|Member|Value|Description|
|:---|:---|:---|
|idle|0|Idle.|
|busy|1|Busy.|
"""

COLOUR_MAP = """
| Pre-set constant | Color mapped to in Outlook |
|:---|:---|
| None | No color mapped |
| Preset0 | Red |
"""

QUERIES = """
Supported queries for the gadget:

| Scenario | Query |
|:---|:---|
| Everyone | /users |
"""


def read(tmp_path: Path, tables: str) -> Model:
    (tmp_path / "gadget.md").write_text(RESOURCE.format(tables=tables), encoding="utf-8")
    return read_docs([tmp_path])


def gadget(model: Model) -> list[str]:
    [t] = [t for t in model.types if t.full_name == "microsoft.graph.gadget"]
    return [p.name for p in t.properties]


@pytest.mark.parametrize("extra", [ENUM_VALUES, COLOUR_MAP, QUERIES, ENUM_VALUES + COLOUR_MAP])
def test_only_the_property_table_gives_properties(tmp_path: Path, extra: str) -> None:
    assert gadget(read(tmp_path, PROPERTIES + extra)) == ["state", "size"]


def test_the_enum_table_under_properties_is_the_enum(tmp_path: Path) -> None:
    model = read(tmp_path, PROPERTIES + ENUM_VALUES)
    [enum] = [t for t in model.types if t.kind == TypeKind.ENUM]
    assert enum.full_name == "microsoft.graph.gadgetState"
    assert [(m.name, m.span.line if m.span else None) for m in enum.members] == [
        ("idle", 20),
        ("busy", 21),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "|Property|Type|Description|",
        "|**Property name**|Type|Description|",
        "|Relationship|Type|Description|",
        "|Name|Type|Description|",
    ],
)
def test_property_table_headers(tmp_path: Path, header: str) -> None:
    table = PROPERTIES.replace("|Property|Type|Description|", header)
    assert gadget(read(tmp_path, table)) == ["state", "size"]


def test_a_name_column_without_a_type_column_is_not_a_property_table(tmp_path: Path) -> None:
    table = PROPERTIES.replace("|Property|Type|Description|", "|Name|Value|Description|")
    assert gadget(read(tmp_path, table)) == ["state", "size"]  # from the JSON only
    model = read(tmp_path, table)
    [t] = [t for t in model.types if t.full_name == "microsoft.graph.gadget"]
    assert not any(p.in_table for p in t.properties)


def test_a_heading_about_values_names_no_enum(tmp_path: Path) -> None:
    page = """# Enum values

Namespace: microsoft.graph

### gadgetState values

|Member|Value|Description|
|:---|:---|:---|
|idle|0|Idle.|
"""
    (tmp_path / "enums.md").write_text(page, encoding="utf-8")
    names = [t.full_name for t in read_docs([tmp_path]).types]
    assert names == ["microsoft.graph.gadgetState"]


@pytest.mark.parametrize(
    ("description", "read_only"),
    [
        ("The size. Read-only.", True),
        ("The size. Read only.", True),  # resources/intune-devices-manageddevice.md:67
        ("The size. Read Only. Possible values are...", True),
        ("The size. readOnly.", True),
        ("The size, read on arrival.", False),
    ],
)
def test_read_only_however_it_is_spelled(
    tmp_path: Path, description: str, read_only: bool
) -> None:
    table = f"|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|{description}|\n"
    (tmp_path / "gadget.md").write_text(RESOURCE.format(tables=table), encoding="utf-8")
    (t,) = read_docs([tmp_path]).types
    assert [(p.name, p.read_only) for p in t.properties if p.in_table] == [("size", read_only)]
