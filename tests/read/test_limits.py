"""The reader's limits: each hit is its own diagnostic at file:line, the rest of the page
and of the doc set is still read, nothing deeper than the nesting limit reaches the
model as a parsed value, and ``[tool.docs2code.limits]`` sets them (bad values exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.read import DEFAULT_LIMITS, Limits, read_docs
from generator.read.limits import too_deep

GOOD = "# Good\n\nA page.\n"


def api_page(body: str) -> str:
    """An API page whose response example has ``body``; the body starts on line 26."""
    return f"""---
title: "Get thing"
description: "Get a thing."
doc_type: apiPageType
---
# Get thing

## HTTP request

```http
GET /things/{{id}}
```

## Example

<!-- {{ "blockType": "request", "name": "get_thing" }} -->
```http
GET https://graph.microsoft.com/v1.0/things/1
```

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{body}
```
"""


BODY_LINE = 26


def deep_json(levels: int) -> str:
    return '{"a": ' * levels + "1" + "}" * levels


def codes(model: Any) -> list[tuple[str, str, int]]:
    return [(d.code, d.span.file, d.span.line) for d in model.diagnostics]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


# --- nesting ------------------------------------------------------------------------------


def test_corpus_depth_is_far_below_the_limit() -> None:
    assert too_deep(deep_json(11), DEFAULT_LIMITS.depth) is None  # the corpus maximum
    assert too_deep(deep_json(DEFAULT_LIMITS.depth), DEFAULT_LIMITS.depth) is None
    assert too_deep(deep_json(DEFAULT_LIMITS.depth + 1), DEFAULT_LIMITS.depth) == 0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('"[[[[" [', None),  # brackets in strings do not count
        ("'[[[[' [", None),  # nor in single-quoted ones (lenient JSON reads them)
        ("// [[[[\n[", None),  # nor in comments
        ("/* [[[[ */ [", None),
        ('"]]]]" [[[', 0),  # closing brackets in strings do not hide depth
        ('"a\\\\" [[[', 0),  # an escaped backslash ends the string
        ("[\n[\n[", 2),
    ],
)
def test_depth_counts_brackets_as_lenient_json_tokenizes(text: str, line: int | None) -> None:
    assert too_deep(text, 2) == line


def test_deep_example_body_is_reported_and_kept_as_text(tmp_path: Path) -> None:
    body = deep_json(100_000)
    write(tmp_path, "api/deep.md", api_page(body))
    write(tmp_path, "good.md", GOOD)
    model = read_docs([tmp_path])
    assert ("DC016", "api/deep.md", BODY_LINE) in codes(model)
    [op] = model.operations
    [response] = [e.response for e in op.examples if e.response is not None]
    assert response.body is not None
    assert response.body.json is None  # never parsed
    assert response.body.text == body  # but kept
    assert "nesting limit" in (response.body.json_error or "")
    assert {p.path for p in model.pages} == {"api/deep.md", "good.md"}


def test_deep_body_just_within_the_limit_is_parsed(tmp_path: Path) -> None:
    write(tmp_path, "api/deep.md", api_page(deep_json(DEFAULT_LIMITS.depth)))
    model = read_docs([tmp_path])
    assert "DC016" not in {d.code for d in model.diagnostics}
    [op] = model.operations
    [response] = [e.response for e in op.examples if e.response is not None]
    assert response.body is not None and isinstance(response.body.json, dict)


@pytest.mark.parametrize("command", ["lint", "model", "build"])
@pytest.mark.parametrize("levels", [900, 100_000])
def test_commands_on_deep_json_never_exit_2(tmp_path: Path, command: str, levels: int) -> None:
    """At 900 levels ``model`` used to die of RecursionError; at 100,000 ``lint``/``build``."""
    docs = tmp_path / "docs"
    write(docs, "api/deep.md", api_page(deep_json(levels)))
    args: list[str | Path] = [command, docs]
    if command == "build":
        args += ["-o", tmp_path / "out", "--no-cache"]
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.stderr
    assert "RecursionError" not in result.output + result.stderr
    if command == "model":
        assert "DC016" in {d["code"] for d in json.loads(result.stdout)["diagnostics"]}


def test_diff_on_deep_json_never_exits_2(tmp_path: Path) -> None:
    write(tmp_path / "old", "api/deep.md", api_page("{}"))
    write(tmp_path / "new", "api/deep.md", api_page(deep_json(100_000)))
    result = invoke("diff", tmp_path / "old", tmp_path / "new")
    assert result.exit_code in (0, 1), result.stderr


def test_deep_annotation_is_reported_and_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# A\n\n<!-- " + deep_json(1000) + " -->\n\nText.\n")
    model = read_docs([tmp_path])
    assert codes(model) == [("DC016", "a.md", 3)]
    assert model.pages[0].annotations == ()


def test_deep_json_representation_is_not_parsed(tmp_path: Path) -> None:
    page = (
        "# thing resource type\n\n## JSON representation\n\n"
        '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing" } -->\n'
        "```json\n" + deep_json(1000) + "\n```\n"
    )
    write(tmp_path, "resources/thing.md", page)
    model = read_docs([tmp_path])
    assert ("DC016", "resources/thing.md", 7) in codes(model)
    [thing] = model.types
    assert thing.json_representation is None


@pytest.mark.parametrize("marker", ["> ", "- "])
def test_deep_markdown_is_reported_and_the_rest_of_the_page_read(
    tmp_path: Path, marker: str
) -> None:
    deep = "".join("  " * i * (marker == "- ") + marker + "x\n" for i in range(1, 200))
    if marker == "> ":
        deep = marker * 100_000 + "deep\n"
    write(tmp_path, "a.md", "# Top\n\n" + deep + "\n# After\n")
    model = read_docs([tmp_path])
    [(code, file, line)] = codes(model)
    assert (code, file) == ("DC016", "a.md") and line >= 3
    assert [h[1] for h in model.pages[0].headings] == ["Top", "After"]


def test_deep_front_matter_is_dc016(tmp_path: Path) -> None:
    front = "".join("  " * i + "k:\n" for i in range(200))
    write(tmp_path, "a.md", f"---\n{front}---\n# A\n")
    model = read_docs([tmp_path])
    assert codes(model) == [("DC016", "a.md", 2 + DEFAULT_LIMITS.depth)]
    assert model.pages[0].front_matter is None


# --- size -----------------------------------------------------------------------------------


def test_page_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    limits = Limits(page_bytes=1000)
    write(tmp_path, "big.md", "# Big\n" + "x" * 1000)
    write(tmp_path, "good.md", GOOD)
    model = read_docs([tmp_path], limits=limits)
    assert codes(model) == [("DC015", "big.md", 1)]
    assert [p.path for p in model.pages] == ["good.md"]


def test_huge_page_costs_neither_time_nor_memory(tmp_path: Path) -> None:
    """30 MB, the issue's page: refused by its size, before reading."""
    import tracemalloc

    with (tmp_path / "huge.md").open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    tracemalloc.start()
    try:
        model = read_docs([tmp_path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert codes(model) == [("DC015", "huge.md", 1)]
    assert peak < 2 * 1024 * 1024


def test_page_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "x" * 5000)
    assert [d.code for d in read_docs([path], limits=Limits(page_bytes=4999)).diagnostics] == [
        "DC015"
    ]
    assert read_docs([path], limits=Limits(page_bytes=5000)).pages


def test_memory_within_a_small_multiple_of_a_page_near_the_limit(tmp_path: Path) -> None:
    import tracemalloc

    row = "| `name` | String | A description of the property, with [a link](x.md). |\n"
    body = "| Property | Type | Description |\n|:--|:--|:--|\n" + row * 8000
    page = "# thing resource type\n\n## Properties\n\n" + body * 6
    limits = Limits(page_bytes=len(page) + 10, table_rows=100_000)
    write(tmp_path, "big.md", page)
    tracemalloc.start()
    try:
        read_docs([tmp_path], limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * len(page), (peak, len(page))


# --- tables, annotations, elements ------------------------------------------------------------


def test_wide_and_long_tables_are_cut_and_reported(tmp_path: Path) -> None:
    limits = Limits(table_rows=3, table_columns=2)
    header = "| a | b | c |\n|---|---|---|\n"
    write(tmp_path, "t.md", "# T\n\n" + header + "| 1 | 2 | 3 |\n" * 5 + "\n[x](t.md)\n")
    model = read_docs([tmp_path], limits=limits)
    assert codes(model) == [("DC017", "t.md", 3)]
    assert [lk.target for lk in model.pages[0].links] == ["t.md"]  # read on after the table


def test_very_wide_table_is_bounded(tmp_path: Path) -> None:
    cells = 200_000
    write(tmp_path, "t.md", "# T\n\n|" + " a |" * cells + "\n|" + "---|" * cells + "\n")
    model = read_docs([tmp_path])
    assert ("DC017", "t.md", 3) in codes(model)


def test_annotation_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = '<!-- { "blockType": "request", "name": "' + "x" * 2000 + '" } -->'
    write(tmp_path, "a.md", "# A\n\n" + big + "\n```http\nGET /x\n```\n")
    model = read_docs([tmp_path], limits=Limits(annotation_bytes=1000))
    assert codes(model) == [("DC018", "a.md", 3)]
    assert model.pages[0].annotations == ()


def test_element_limit_cuts_a_page_of_a_million_list_items(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "- a\n" * 1_000_000)
    model = read_docs([tmp_path], limits=Limits(markdown_tokens=1000))
    [(code, file, line)] = codes(model)
    assert (code, file) == ("DC019", "a.md") and 100 < line < 1000


def test_element_limit_cuts_one_huge_paragraph(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# A\n\n" + "[x](y.md) " * 10_000 + "\n")
    model = read_docs([tmp_path], limits=Limits(markdown_tokens=1000))
    assert codes(model) == [("DC019", "a.md", 3)]
    assert 0 < len(model.pages[0].links) < 1000


# --- settings -------------------------------------------------------------------------------


def test_limits_are_set_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.docs2code.limits]\npage_bytes = 2000\ndepth = 3\n", encoding="utf-8"
    )
    write(tmp_path / "docs", "big.md", "# Big\n" + "x" * 3000)
    write(tmp_path / "docs", "api/deep.md", api_page(deep_json(4)))
    monkeypatch.chdir(tmp_path)
    result = invoke("model", "docs")
    found = {(d["code"], d["span"]["file"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert {("DC015", "big.md"), ("DC016", "api/deep.md")} <= found
    result = invoke("lint", "docs", "--select", "DC015")
    assert result.exit_code == 1 and "DC015" in result.stdout


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "[tool.docs2code.limits]\npages = 3\n",
            "unknown key 'pages' in [tool.docs2code.limits]; did you mean 'page_bytes'?",
        ),
        ("[tool.docs2code.limits]\ndepth = 0\n", "limit 'depth' must be a positive integer"),
        ("[tool.docs2code.limits]\ndepth = 'x'\n", "limit 'depth' must be a positive integer"),
        ("[tool.docs2code.limits]\ndepth = true\n", "limit 'depth' must be a positive integer"),
        ("[tool.docs2code.limits]\ndepth = 1000\n", "limit 'depth' must be at most 100"),
        ("[tool.docs2code]\nlimits = 3\n", "'limits' must be a table"),
    ],
)
@pytest.mark.parametrize("command", ["model", "lint", "build"])
def test_bad_limits_exit_2_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, message: str, command: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    write(tmp_path / "docs", "a.md", GOOD)
    monkeypatch.chdir(tmp_path)
    result = invoke(command, "docs")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "pyproject.toml" in result.stderr


def test_limits_are_part_of_the_page_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs", "big.md", "# Big\n" + "x" * 200)
    monkeypatch.chdir(tmp_path)
    assert "DC015" not in invoke("build", "docs", "-o", "out").stderr
    (tmp_path / "pyproject.toml").write_text(
        "[tool.docs2code.limits]\npage_bytes = 100\n", encoding="utf-8"
    )
    assert "DC015" in invoke("build", "docs", "-o", "out").stderr
