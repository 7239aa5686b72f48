"""Group rows of a table (one bold cell, the rest empty) label the rows after them: they
are kept as the table's labels and are never read as entries (a property, a body
parameter, a permission)."""

from __future__ import annotations

from pathlib import Path

from generator.read import read_docs

PAGE = """# Create thing

## HTTP request

```http
POST /things
```

## Request body

|Property|Type|Description|
|:---|:---|:---|
|**Onboarding**|
|name|String|The name.|
|**Settings**| | |
|**size**|Int32|A bold name with a type is an entry.|
"""


def test_group_rows_are_labels_not_entries(tmp_path: Path) -> None:
    (tmp_path / "create.md").write_text(PAGE, encoding="utf-8")
    [op] = read_docs([tmp_path]).operations
    assert [p.name for p in op.request.body_params] == ["name", "size"]


def test_the_table_keeps_its_labels(tmp_path: Path) -> None:
    from generator.read.blocks import Table, parse_blocks

    blocks, _ = parse_blocks(PAGE, "create.md")
    [table] = [e for e in blocks.elements if isinstance(e, Table)]
    assert [(r.cells[0].text, r.line) for r in table.labels] == [
        ("Onboarding", 13),
        ("Settings", 15),
    ]
    assert [r.cells[0].text for r in table.rows] == ["name", "size"]
