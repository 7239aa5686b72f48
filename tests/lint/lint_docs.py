"""Helpers for the engine, config, report, fix and command tests: a clean API page,
writing small doc sets, linting them and running ``docs2code lint``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main
from generator.lint.config import LintConfig
from generator.lint.engine import LintResult, lint
from generator.lint.registry import RULES
from generator.model import Convention
from generator.read.docs import read_docs

REPO = Path(__file__).resolve().parents[2]

# A page no rule has anything to say about.  Line numbers matter to the tests: the
# permissions table's header is line 14, its rows 16-18.
CLEAN = """\
---
title: "Get item"
description: "Get an item."
doc_type: apiPageType
---
# Get item

Namespace: microsoft.graph

Get an item.

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

WORK_ROW = "|Delegated (work or school account)|Files.Read, Files.ReadWrite|"
TODO_ROW = "|Delegated (work or school account)|TODO: Determine scopes|"
LEAST_TO_MOST = "Permissions (from least to most privileged)"
NO_FRONT_MATTER = CLEAN[CLEAN.index("# Get item") :]


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based line of the ``start``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[start - 1]


def page(*replacements: tuple[str, str]) -> str:
    """CLEAN with each ``(old, new)`` replacement made (``old`` must be there)."""
    text = CLEAN
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def write(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def run_lint(
    root: Path, config: LintConfig | None = None, convention: Convention | None = None
) -> LintResult:
    """``convention``: the doc set's; None: decided from its pages."""
    return lint(read_docs([root], convention=convention), RULES, config or LintConfig())


def invoke(*args: str | Path, env: Mapping[str, str | None] | None = None) -> Result:
    """``docs2code lint ARGS``; ``result.stdout`` and ``result.stderr`` are separate."""
    return CliRunner().invoke(main, ["lint", *map(str, args)], env=env)
