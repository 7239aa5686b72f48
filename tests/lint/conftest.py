"""Shared helpers for rule tests: write small docs, read them, run one rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic
from generator.read.docs import read_docs

RunRule = Callable[[Rule, dict[str, str]], list[Diagnostic]]

API_PAGE = """---
title: "Get item"
description: "Get an item."
doc_type: apiPageType
---
# Get item

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Files.Read, Files.ReadWrite|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Files.Read.All|

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /me/items/{id}
```

## Response

If successful, this method returns a `200 OK` response code.

## Example

### Request

<!-- { "blockType": "request", "name": "get_item" } -->
```http
GET https://graph.microsoft.com/v1.0/me/items/42
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
```
"""


@pytest.fixture
def run_rule(tmp_path: Path) -> RunRule:
    """Write ``files`` (relative path -> text) under a fresh folder and run ``rule``."""
    counter = iter(range(1_000_000))

    def run(rule: Rule, files: dict[str, str]) -> list[Diagnostic]:
        root = tmp_path / f"docs{next(counter)}"
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return list(rule.check(LintContext(read_docs([root]))))

    return run
