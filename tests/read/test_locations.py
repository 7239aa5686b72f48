"""Where the reader says things stand: the lines and columns findings point at (issue 22,
"exact locations").  Each test writes a small page whose construct spans several lines,
or sits indented in a list or a block quote, and checks the line and column of the thing
a writer would change."""

from __future__ import annotations

from pathlib import Path

from generator.model import Model, Page, Span
from generator.read import read_docs


def read(tmp_path: Path, text: str, name: str = "api/page.md") -> Model:
    path = tmp_path / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_docs([tmp_path / "docs"])


def only_page(model: Model) -> Page:
    [page] = model.pages
    return page


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the ``nth`` occurrence of ``needle``."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


FRONT = '---\ntitle: "Get event"\ndescription: "Get an event."\ndoc_type: apiPageType\n---\n'


def test_links_carry_the_column_of_their_bracket(tmp_path: Path) -> None:
    text = (
        f"{FRONT}\n# Get event\n\n"
        "An event in a user's calendar, or\n"
        "the default [calendar](../resources/calendar.md) of a group. See\n"
        "[event](../resources/event.md) and <https://example.com/x>.\n\n"
        "- a list item with a [list link](list.md)\n"
        "  continued, then [second](second.md)\n\n"
        "> quoted [quote](quote.md)\n\n"
        "| Property | Type |\n|:---|:---|\n| a \\| b | [recipient](recipient.md) |\n\n"
        "[label]: ../resources/user.md\n"
    )
    page = only_page(read(tmp_path, text))
    links = {lk.target: (lk.span.line, lk.span.column) for lk in page.links}
    assert links == {
        "../resources/calendar.md": at(text, "[calendar]"),
        "../resources/event.md": at(text, "[event]"),
        "https://example.com/x": at(text, "<https"),
        "list.md": at(text, "[list link]"),
        "second.md": at(text, "[second]"),
        "quote.md": at(text, "[quote]"),
        "recipient.md": at(text, "[recipient]"),
        "../resources/user.md": at(text, "[label]:"),
    }


ANNOTATED = f"""{FRONT}
# Get event

## Example

- In a list:

  <!-- {{
    "blockType": "request",
    nmae: "get_event"
  }} -->
  ```http
  GET /me/events/{{id}}
  ```

> <!-- {{ "blockType": "response",
>   "@odata.type": "microsoft.graph.event" }} -->

<!--
{{
  "type": "#page.annotation",
  "suppressions": [
    "DC206",
    "dc405"
  ]
}}
-->
"""


def test_annotation_keys_carry_their_line_and_column(tmp_path: Path) -> None:
    page = only_page(read(tmp_path, ANNOTATED))
    request, response, _ = page.annotations
    assert (request.span.line, request.span.column) == at(ANNOTATED, "<!-- {")
    block_type = request.key_span("blockType")
    assert (block_type.line, block_type.column) == at(ANNOTATED, '"blockType"')
    nmae = request.key_span("nmae")  # an unquoted key
    assert (nmae.line, nmae.column) == at(ANNOTATED, "nmae")
    odata = response.key_span("@odata.type")
    assert (odata.line, odata.column) == at(ANNOTATED, '"@odata.type"')
    missing = response.key_span("name")  # not written: the annotation's start
    assert (missing.line, missing.column) == at(ANNOTATED, "<!-- {", 2)


def test_each_suppression_entry_is_where_it_is_written(tmp_path: Path) -> None:
    page = only_page(read(tmp_path, ANNOTATED))
    spans = {s.codes: (s.span.line, s.span.column) for s in page.suppressions}
    assert spans == {("DC206",): at(ANNOTATED, '"DC206"'), ("DC405",): at(ANNOTATED, '"dc405"')}


def test_inline_ignore_codes_are_where_they_are_written(tmp_path: Path) -> None:
    text = f"{FRONT}\n# Get\n\n<!-- docs2code: ignore[DC301, DC302] reason -->\nText.\n"
    page = only_page(read(tmp_path, text))
    assert [(s.codes, s.span.line, s.span.column) for s in page.suppressions] == [
        (("DC301",), *at(text, "DC301")),
        (("DC302",), *at(text, "DC302")),
    ]


def test_front_matter_keys_have_their_lines(tmp_path: Path) -> None:
    text = '---\ntitle: "a: b"\ndescription: >\n  two\n  lines\n"doc_type": apiPageType\n---\n# T\n'
    page = only_page(read(tmp_path, text))
    assert page.front_matter_lines == (("title", 2), ("description", 3), ("doc_type", 6))
    assert page.front_matter_span("doc_type") == Span("api/page.md", 6, 6)
    assert page.front_matter_span("ms.date") == Span("api/page.md", 1, 1)


def test_a_yaml_error_has_its_column(tmp_path: Path) -> None:
    text = "---\ntitle: ok\ndescription: Get it: now\n---\n# T\n"
    [d] = read(tmp_path, text).diagnostics
    assert (d.code, d.span.line, d.span.column) == ("DC003", *at(text, ": now"))


EXAMPLES = f"""{FRONT}
# Get event

## HTTP request

```http
GET /me/events/{{id}}
```

## Example

<!-- {{ "blockType": "request", "name": "get_event_locations" }} -->
```http

get /me/events/1
```

<!-- {{
  "blockType": "response"
}} -->
```http

Content-type: application/json

{{"id": "1"}}
```

<!-- {{ "blockType": "response", "name": "get_event_locations_other" }} -->
```http
POST /me/events
```
"""


def test_request_and_status_lines_are_the_first_non_blank_lines(tmp_path: Path) -> None:
    model = read(tmp_path, EXAMPLES)
    [op] = model.operations
    request = op.examples[0].request
    assert request is not None
    assert request.line_span() == Span("api/page.md", *[at(EXAMPLES, "get /me")[0]] * 2)
    assert [(d.code, d.span.line) for d in request.defects] == [
        ("DC303", at(EXAMPLES, "get /me")[0])
    ]
    codes = {(d.code, d.span.line, d.span.column) for d in model.diagnostics}
    assert ("DC011", at(EXAMPLES, "Content-type")[0], 1) in codes  # where the status belongs
    # a "response" annotation on a request: its blockType is what to fix
    assert ("DC011", *at(EXAMPLES, '"blockType": "response", "name"')) in codes


def test_json_representation_keys_and_rows_have_their_columns(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "widget"\ndescription: "A widget."\ndoc_type: resourcePageType\n---\n'
        "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n"
        "|:---|:---|:---|\n|  size | Int32 | The size. |\n\n## JSON representation\n\n"
        '1. In a list:\n\n   <!-- { "blockType": "resource",\n'
        '   "@odata.type": "microsoft.graph.widget" } -->\n'
        '   ```json\n   {\n     "size": 1,\n     "colour": "String"\n   }\n   ```\n'
    )
    [widget] = read(tmp_path, text, "resources/widget.md").types
    spans = {p.name: (p.span.line, p.span.column) for p in widget.properties}
    assert spans == {"size": at(text, "size |"), "colour": at(text, '"colour"')}


def test_a_body_in_a_list_item_knows_its_column(tmp_path: Path) -> None:
    text = (
        f"{FRONT}\n# Get event\n\n## HTTP request\n\n```http\nGET /me/events/{{id}}\n```\n\n"
        "## Example\n\n"
        '- Response:\n\n  <!-- { "blockType": "response" } -->\n  ```http\n  HTTP/1.1 200 OK\n\n'
        '  {"id": "1"}\n  ```\n'
    )
    [op] = read(tmp_path, text).operations
    response = op.examples[0].response
    assert response is not None and response.body is not None
    assert (response.body.line, response.body.column) == at(text, '{"id"')
    assert response.line_span().line == at(text, "HTTP/1.1")[0]


def test_a_duplicate_type_is_reported_at_its_odata_type(tmp_path: Path) -> None:
    def resource(name: str) -> str:
        return (
            f'---\ntitle: "{name}"\ndescription: "x"\ndoc_type: resourcePageType\n---\n'
            f"# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n"
            "|:---|:---|:---|\n| city | String | The city. |\n\n## JSON representation\n\n"
            '<!-- {\n  "blockType": "resource",\n  "@odata.type": "microsoft.graph.location"\n'
            '} -->\n```json\n{ "city": "String" }\n```\n'
        )

    read(tmp_path, resource("location"), "resources/location.md")
    model = read(tmp_path, resource("place"), "resources/place.md")
    [d] = [d for d in model.diagnostics if d.code == "DC009"]
    line, column = at(resource("place"), '"@odata.type"')
    assert (d.span.file, d.span.line, d.span.column) == ("resources/place.md", line, column)
    assert d.message.endswith(f"already defined at resources/location.md:{line}")
