"""DC7xx: the docs checked against the service's CSDL metadata (tests/metadata/csdl_sample.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.metadata.csdl import parse_metadata
from generator.model import Diagnostic
from generator.read import read_docs
from tests.metadata.csdl_sample import SAMPLE

METADATA = parse_metadata(SAMPLE, "sample.xml")

USER = """---
title: "user resource type"
description: "A user."
doc_type: resourcePageType
---
# user resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|displayName|Int32|The name.|
|favourite|color|A colour.|
|nickname|String|Not in the metadata.|
|@odata.type|String|An instance annotation.|

## Relationships

|Relationship|Type|Description|
|:---|:---|:---|
|messages|[message](message.md) collection|Mail.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.user",
       "baseType": "microsoft.graph.calendar" } -->
```json
{ "displayName": "String", "favourite": "red", "nickname": "String", "extraKey": 1 }
```

### color values

|Member|Value|Description|
|:---|:---|:---|
|red|0|Red.|
|blue|1|Not in the metadata.|
"""

WIDGET = """---
title: "widget resource type"
description: "Not a type of the service."
doc_type: resourcePageType
---
# widget resource type

## Properties

|Property|Type|Description|
|:---|:---|:---|
|size|Int32|How big.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widgit" } -->
```json
{ "size": 1 }
```
"""


def api_page(title: str, lines: str, body_table: str = "") -> str:
    return f"""---
title: "{title}"
description: "An operation."
doc_type: apiPageType
---
# {title}

## Permissions

|Permission type|Permissions|
|:---|:---|
|Delegated (work or school account)|User.Read|

## HTTP request

```http
{lines}
```

## Request body
{body_table}
"""


SEND_TABLE = """
|Parameter|Type|Description|
|:---|:---|:---|
|comment|String|A comment.|
|cc|String|Not a parameter.|
"""


def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "resources").mkdir(parents=True)
    (root / "api").mkdir()
    (root / "resources" / "user.md").write_text(USER, encoding="utf-8")
    (root / "resources" / "widget.md").write_text(WIDGET, encoding="utf-8")
    pages = {
        "get.md": api_page("Get", "GET /users/{id}/messages\nGET /me/mesages\nGET /people"),
        "delete.md": api_page("Delete calendar", "DELETE /me/calendar"),
        "send.md": api_page("Send", "GET /me/messages/{id}/send", SEND_TABLE),
        "range.md": api_page("Range", "GET /me/drive/root/range(cell='A1')"),
    }
    for name, text in pages.items():
        (root / "api" / name).write_text(text, encoding="utf-8")
    return root


def findings(tmp_path: Path) -> list[Diagnostic]:
    result = lint(read_docs([docs(tmp_path)]), RULES, LintConfig(), METADATA)
    return [d for d in result.findings if d.code.startswith("DC7")]


EXPECTED = [
    (
        "DC709",
        "api/delete.md",
        17,
        "DELETE /me/calendar: the metadata rules DELETE out on "
        "microsoft.graph.user/calendar (Capabilities restrictions)",
    ),
    # the docs name a type they do not define; so does the service: nothing to follow
    (
        "DC713",
        "api/get.md",
        17,
        "GET /users/{id}/messages: the docs name 'message', not a type the docs define; the "
        "service's metadata says Collection(microsoft.graph.message), a type the docs do not "
        "define",
    ),
    (
        "DC708",
        "api/get.md",
        18,
        "GET /me/mesages: segment 2 'mesages': 'mesages' is not a "
        "property, navigation property, cast or bound function/action of microsoft.graph.user",
    ),
    (
        "DC708",
        "api/get.md",
        19,
        "GET /people: segment 1 'people': 'people' is not an entity "
        "set, singleton or function/action import",
    ),
    (
        "DC710",
        "api/range.md",
        17,
        "the path: cell is not a parameter of microsoft.graph.range "
        "(it has: address); required address of microsoft.graph.range left out",
    ),
    (
        "DC713",
        "api/range.md",
        17,
        "GET /me/drive/root/range(cell='{cell}'): the docs state no response type; the "
        "service's metadata says microsoft.graph.driveItem, a type the docs do not define",
    ),
    (
        "DC709",
        "api/send.md",
        17,
        "GET /me/messages/{id}/send: microsoft.graph.send is an "
        "action in the metadata: call it with POST",
    ),
    (
        "DC710",
        "api/send.md",
        25,  # the row of 'cc', the parameter the action does not take
        "the request body table: cc is not a parameter of "
        "microsoft.graph.send (it has: comment, toRecipients); required toRecipients of "
        "microsoft.graph.send left out",
    ),
    # at the Properties heading: the rows go in its table
    (
        "DC703",
        "resources/user.md",
        10,
        "the metadata gives microsoft.graph.user 2 properties "
        "the page's tables do not list: drive, calendar",
    ),
    (
        "DC704",
        "resources/user.md",
        14,
        "microsoft.graph.user.displayName: the docs say Edm.Int32, the metadata Edm.String",
    ),
    # not nickname's siblings: @odata.type is an instance annotation, extraKey a JSON key of
    # an open type; messages names the metadata's type by its short name
    (
        "DC702",
        "resources/user.md",
        16,
        "property table names 'nickname', which microsoft.graph.user does not have in the metadata",
    ),
    # at the annotation's baseType key, on its second line
    (
        "DC705",
        "resources/user.md",
        28,
        "microsoft.graph.user: the docs say base type "
        "microsoft.graph.calendar, the metadata base type microsoft.graph.entity",
    ),
    (
        "DC707",
        "resources/user.md",
        33,
        "the metadata gives microsoft.graph.color members the "
        "table does not list: unknownFutureValue",
    ),
    (
        "DC706",
        "resources/user.md",
        38,
        "'blue' is not a member of microsoft.graph.color in the metadata",
    ),
    # at the @odata.type of the resource annotation, not the JSON representation below it
    ("DC701", "resources/widget.md", 16, "microsoft.graph.widgit is not a type in the metadata"),
]


def test_each_rule_reports_the_line_that_disagrees(tmp_path: Path) -> None:
    found = [(d.code, d.span.file, d.span.line, d.message) for d in findings(tmp_path)]
    assert found == EXPECTED


def test_without_metadata_no_rule_of_it_runs(tmp_path: Path) -> None:
    root = docs(tmp_path)
    page = root / "api" / "get.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "GET /people", "GET /people <!-- docs2code: ignore[DC708] -->"
        ),
        encoding="utf-8",
    )
    result = lint(read_docs([root]), RULES, LintConfig())
    assert not [d for d in result.findings if d.code.startswith("DC7")]
    assert not [d for d in result.findings if d.code == "DC901"]  # not judged without metadata
    assert not [r for r in result.rules if r.needs_metadata]


def test_the_command_reads_metadata_from_the_flag_and_the_settings(tmp_path: Path) -> None:
    root = docs(tmp_path)
    csdl = tmp_path / "metadata.xml"
    csdl.write_bytes(SAMPLE)
    runner = CliRunner()
    flag = runner.invoke(main, ["lint", "--select", "DC7", "--metadata", str(csdl), str(root)])
    assert flag.exit_code == 0, flag.output  # warnings and info: below --fail-on error
    assert flag.output.count(": DC7") == len(EXPECTED)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2code]\nmetadata = ["metadata.xml"]\n', encoding="utf-8"
    )
    configured = runner.invoke(main, ["lint", "--select", "DC7", str(root)])
    assert configured.output == flag.output
    plain = runner.invoke(
        main, ["lint", "--select", "DC7", "--metadata", str(csdl), "--format", "sarif", str(root)]
    )
    assert plain.output.count('"ruleId": "DC7') == len(EXPECTED)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"<html/>", "not OData CSDL"), (b"<edmx", "not well-formed XML"), (None, "cannot read")],
)
def test_a_bad_metadata_file_is_exit_2_with_one_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    csdl = tmp_path / "metadata.xml"
    if content is not None:
        csdl.write_bytes(content)
    result = CliRunner().invoke(main, ["lint", "--metadata", str(csdl), str(docs(tmp_path))])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


GRAPH_CSDL = Path(__file__).resolve().parents[3] / "shared/metadata/graph-v1.0/cleanMetadata.xml"


@pytest.mark.skipif(not GRAPH_CSDL.is_file(), reason="no shared metadata next to the repository")
def test_the_seeds_against_the_graph_metadata() -> None:
    """Seed 001 names microsoft.graph.item: not a type of the service either.  The finding
    is on the annotation's ``@odata.type`` line (42), not its ``<!--`` (39)."""
    root = Path(__file__).resolve().parents[2] / "input_docs"
    result = CliRunner().invoke(
        main, ["lint", "--select", "DC7", "--metadata", str(GRAPH_CSDL), str(root)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "seeds/001_e5da68bd9bdbf1bf.md:42:3: DC701 @odata.type 'microsoft.graph.item' is not a "
        "type in the metadata" in result.output
    )
