"""``[!INCLUDE [...](path)]`` lines: recorded on the including page with the line they
stand on, resolved to the page they pull in, and a target outside the doc set is DC605
at the including line (once per folder that was not given)."""

from __future__ import annotations

from pathlib import Path

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import BY_CODE
from generator.read import read_docs

API = """---
title: Get user
description: Get a user.
doc_type: apiPageType
---
# Get user

See the [user](../resources/user.md) resource.

# [C#](#tab/csharp)
[!INCLUDE [sample-code](../includes/snippets/csharp/get-user.md)]
[!INCLUDE [sdk-documentation](../includes/snippets-link.md)]

# [JavaScript](#tab/javascript)
[!include [sample-code](../includes/snippets/javascript/get-user.md "title")]

```http
[!INCLUDE [not-an-include](inside-code.md)]
```
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_includes_are_recorded_at_their_line_and_are_not_links(tmp_path: Path) -> None:
    write(tmp_path, {"api/user-get.md": API})
    (page,) = read_docs([tmp_path]).pages
    assert [(i.target, i.path, i.span.line, i.span.column) for i in page.includes] == [
        ("../includes/snippets/csharp/get-user.md", "includes/snippets/csharp/get-user.md", 11, 1),
        ("../includes/snippets-link.md", "includes/snippets-link.md", 12, 1),
        (
            "../includes/snippets/javascript/get-user.md",
            "includes/snippets/javascript/get-user.md",
            15,
            1,
        ),
    ]
    assert [lk.target for lk in page.links if not lk.target.startswith("#")] == [
        "../resources/user.md"
    ]


def test_an_include_names_the_page_it_pulls_in(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "api/user-get.md": API,
            "includes/snippets/csharp/get-user.md": "```csharp\nvar user = 1;\n```\n",
            "includes/snippets-link.md": "See the SDKs.\n",
        },
    )
    model = read_docs([tmp_path])
    page = next(p for p in model.pages if p.path == "api/user-get.md")
    assert [i.page for i in page.includes] == [
        "includes/snippets/csharp/get-user.md",
        "includes/snippets-link.md",
        None,
    ]
    findings = lint(model, [BY_CODE["DC605"]], LintConfig()).findings
    assert [(d.span.file, d.span.line, d.message) for d in findings] == [
        (
            "api/user-get.md",
            15,
            "include ../includes/snippets/javascript/get-user.md: no page "
            "includes/snippets/javascript/get-user.md in the doc set",
        )
    ]


def test_includes_into_a_folder_not_given_are_reported_once(tmp_path: Path) -> None:
    """``lint api``: every include climbs into ``../includes``, one finding says so."""
    write(tmp_path, {"api/user-get.md": API, "api/user-list.md": API})
    findings = lint(read_docs([tmp_path / "api"]), [BY_CODE["DC605"]], LintConfig()).findings
    assert [(d.span.file, d.span.line) for d in findings] == [("user-get.md", 11)]
    assert "the folder ../includes/ is not part of the doc set" in findings[0].message
