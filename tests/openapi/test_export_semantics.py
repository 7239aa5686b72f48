"""What the export says of each operation, as openapi-python-client and Prism read it
(issue 23): plain enums, request bodies only where the docs document one, ``Location``
response headers, bytes for content endpoints, pageable collections, the OData query
options a page documents, the export's own version in ``servers``, a typed schema (no
``{}``, no ``anyOf``) wherever the docs name one type, and where several pages document
one endpoint, the types of the page that speaks for it.

Every doc set here is the small one of :mod:`tests.openapi.widgets`, some with one page
mutated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from generator.openapi import openapi_document
from generator.openapi.parameters import COLLECTION_OPTIONS, prose_options
from generator.read import read_docs
from tests.openapi.checks import check_examples
from tests.openapi.widgets import FRONT, PAGES, PERMISSIONS, write_widgets

WIDGET = {"$ref": "#/components/schemas/microsoft.graph.widget"}


def export(root: Path, changes: dict[str, str] | None = None) -> dict[str, Any]:
    doc = openapi_document(read_docs([write_widgets(root, changes)]))
    validate(doc)
    return doc


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return export(tmp_path_factory.mktemp("widgets"))


def changed(path: str, old: str, new: str) -> dict[str, str]:
    body = PAGES[path][2]
    assert old in body
    return {path: body.replace(old, new)}


def query_names(op: dict[str, Any]) -> list[str]:
    return [p["name"] for p in op["parameters"] if p["in"] == "query"]


def test_enums_are_plain_and_say_how_the_service_reads_them(doc: dict[str, Any]) -> None:
    color = doc["components"]["schemas"]["microsoft.graph.widgetColor"]
    assert color["type"] == "string"
    assert color["enum"] == ["red", "green", "unknownFutureValue"]
    assert "anyOf" not in color and "pattern" not in color
    assert color["x-docs2code-case-insensitive"] is True
    assert color["x-docs2code-comma-separated"] is True
    assert "another case" in color["description"]
    # "Red" and "green,red" are what the extensions allow: the examples validate
    checked = list(check_examples(doc))
    assert len(checked) >= 4
    assert [c for c in checked if c.error] == []


def test_servers_are_the_exports_own_version(doc: dict[str, Any], tmp_path: Path) -> None:
    # widget-get calls beta, every other example v1.0
    assert doc["servers"] == [{"url": "https://graph.microsoft.com/v1.0"}]
    assert doc["info"]["version"] == "v1.0"
    changes = {
        path: body.replace("graph.microsoft.com/v1.0/", "graph.microsoft.com/beta/")
        for path, (_, _, body) in PAGES.items()
        if path != "api/widget-list.md"
    }
    beta = export(tmp_path, changes)
    assert beta["servers"] == [{"url": "https://graph.microsoft.com/beta"}]
    assert beta["info"]["version"] == "beta"


def test_request_bodies_only_where_the_docs_document_one(
    doc: dict[str, Any], tmp_path: Path
) -> None:
    # "Do not supply a request body" and a link to a page that is no type: no body
    assert "requestBody" not in doc["paths"]["/widgets/{id}"]["delete"]
    assert "requestBody" not in doc["paths"]["/widgets"]["get"]
    created = doc["paths"]["/widgets"]["post"]["requestBody"]
    assert created["required"] is True
    assert created["content"]["application/json"]["schema"] == WIDGET
    # a Request body section that links no type: the body is still what the path creates
    # (generator/read/bodies.py: GET /widgets lists widgets), with the example
    linked = changed(
        "api/widget-post.md",
        "a JSON representation of a [widget](../resources/widget.md) object",
        "the properties [List widgets](widget-list.md) shows",
    )
    body = export(tmp_path / "linked", linked)["paths"]["/widgets"]["post"]["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == WIDGET
    assert body["content"]["application/json"]["examples"]["create_widget"]["value"] == {
        "color": "green"
    }
    # and at a path the doc set cannot follow, nothing but an example body: the example,
    # not required, no empty schema made required
    unknown = {
        "api/widget-post.md": changed("api/widget-post.md", "POST /widgets\n", "POST /gizmos\n")[
            "api/widget-post.md"
        ]
        .replace("v1.0/widgets\n", "v1.0/gizmos\n")
        .replace(
            "a JSON representation of a [widget](../resources/widget.md) object",
            "the properties [List widgets](widget-list.md) shows",
        )
    }
    body = export(tmp_path / "unknown", unknown)["paths"]["/gizmos"]["post"]["requestBody"]
    assert "required" not in body
    assert body["content"]["application/json"]["schema"] == {}
    assert body["content"]["application/json"]["examples"]["create_widget"]["value"] == {
        "color": "green"
    }


def test_location_headers_of_example_responses(doc: dict[str, Any]) -> None:
    created = doc["paths"]["/widgets"]["post"]["responses"]["201"]
    location = created["headers"]["Location"]
    assert location["schema"] == {"type": "string", "format": "uri-reference"}
    assert "headers" not in doc["paths"]["/widgets/{id}"]["get"]["responses"]["200"]


def test_content_endpoints_are_bytes(doc: dict[str, Any]) -> None:
    binary = {"type": "string", "format": "binary"}
    item = doc["paths"]["/widgets/{id}/content"]
    download = item["get"]["responses"]["200"]["content"]
    assert list(download) == ["application/octet-stream"]
    assert download["application/octet-stream"]["schema"] == binary
    assert download["application/octet-stream"]["examples"]["get_widget_content"]["value"] == (
        "{bytes of the widget}"
    )
    upload = item["put"]["requestBody"]
    assert upload["required"] is True
    assert list(upload["content"]) == ["application/octet-stream"]
    assert upload["content"]["application/octet-stream"]["schema"] == binary
    # a PUT of the content answers JSON as its Response section says
    assert item["put"]["responses"]["200"]["content"]["application/json"]["schema"] == WIDGET


def test_collections_are_pageable(doc: dict[str, Any], tmp_path: Path) -> None:
    listed = doc["paths"]["/widgets"]["get"]
    assert listed["x-ms-pageable"] == {"nextLinkName": "@odata.nextLink", "itemName": "value"}
    schema = listed["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["value"] == {"type": "array", "items": WIDGET}
    assert "@odata.deltaLink" not in schema["properties"]
    assert "x-ms-pageable" not in doc["paths"]["/widgets/{id}"]["get"]
    # a delta function: pageable, with the delta link
    page = PAGES["api/widget-list.md"][2]
    delta = page.replace("GET /widgets\n", "GET /widgets/delta\n").replace(
        "v1.0/widgets?$orderby=id", "v1.0/widgets/delta?$orderby=id"
    )
    op = export(tmp_path, {"api/widget-list.md": delta})["paths"]["/widgets/delta"]["get"]
    assert op["x-ms-pageable"]["nextLinkName"] == "@odata.nextLink"
    properties = op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    assert properties["@odata.deltaLink"] == {"type": "string"}


def test_documented_query_options(doc: dict[str, Any], tmp_path: Path) -> None:
    # "supports the OData query parameters", naming none, on a collection: OData's set
    assert query_names(doc["paths"]["/widgets"]["get"]) == list(COLLECTION_OPTIONS)
    # `$select` named, `$filter` "not supported", `$expand` in the example request
    assert query_names(doc["paths"]["/widgets/{id}"]["get"]) == ["$select", "$expand"]
    # none for the POST, none where the docs say none are supported
    assert query_names(doc["paths"]["/widgets"]["post"]) == []
    refused = changed(
        "api/widget-list.md",
        "This method supports the OData query parameters",
        "This method does not support the OData query parameters",
    )
    refused["api/widget-list.md"] = refused["api/widget-list.md"].replace("?$orderby=id", "")
    assert query_names(export(tmp_path, refused)["paths"]["/widgets"]["get"]) == []


@pytest.mark.parametrize(
    ("prose", "named", "general"),
    [
        ("This method supports the OData Query Parameters to help customize the response.",
         [], True),
        ("This method supports the $filter, $select, and $expand OData query parameters.",
         ["$filter", "$select", "$expand"], False),
        ("This method supports the select and expand OData Query Parameters.",
         ["$select", "$expand"], False),
        ("This method does not support the OData Query Parameters to help customize the "
         "response (e.g. $filter is not supported here).", [], False),
        ("You can use $expand to expand properties that are not expanded by default. "
         "For more information, see OData query parameters.", ["$expand"], False),
        ("This method supports the $select query parameter. $filter isn't supported.",
         ["$select"], False),
        ("In the request URL, provide the following parameter with a valid value.", [], False),
        ("This method requires planId filter to be specified.", [], False),
    ],
)  # fmt: skip
def test_prose_options(prose: str, named: list[str], general: bool) -> None:
    assert prose_options(prose) == (named, general)


def test_a_typed_schema_wherever_the_docs_name_one_type(tmp_path: Path) -> None:
    # the Response section says one widget, the example annotation a collection of
    # widgets: one schema, the collection (not an anyOf of both)
    single = changed(
        "api/widget-list.md", "a collection of [widget](../resources/widget.md) objects",
        "a [widget](../resources/widget.md) object",
    )  # fmt: skip
    doc = export(tmp_path / "single", single)
    schema = doc["paths"]["/widgets"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    assert "anyOf" not in schema and schema["properties"]["value"]["items"] == WIDGET
    # the Response section links a page that is no type; the annotation names the type
    linked = changed(
        "api/widget-get.md", "a [widget](../resources/widget.md) object",
        "the object [Create widget](widget-post.md) made",
    )  # fmt: skip
    doc = export(tmp_path / "linked", linked)
    got = doc["paths"]["/widgets/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert got["schema"] == WIDGET


# --- one page speaks for an endpoint several pages document ---------------------------

# A subtype of widget with pages of its own: one documents its base type's GET again
# (answering a gadget), two document one action with different parameters.
MERGED = {
    "resources/gadget.md": (
        "gadget resource type",
        "resourcePageType",
        """\
Namespace: microsoft.graph

A widget with gears.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|gears|Int32|How many gears it has.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget",
       "baseType": "microsoft.graph.widget" } -->
```json
{"gears": 1024}
```
""",
    ),
    "api/gadget-get.md": (
        "Get gadget",
        "apiPageType",
        """\
Namespace: microsoft.graph

Get a gadget.

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Application|Gadgets.Read.All|

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}
```

## Request body

Do not supply a request body for this method.

## Response

If successful, this method returns a `200 OK` response code and
a [gadget](../resources/gadget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "get_gadget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/7
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.gadget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{"id": "7", "color": "red", "gears": 3}
```
""",
    ),
    # a page that documents the list's path as a get of one item
    "api/gadget-list.md": (
        "List gadget",
        "apiPageType",
        """\
Namespace: microsoft.graph

Get the gadget.

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets
```

## Response

If successful, this method returns a `200 OK` response code and
a [gadget](../resources/gadget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "list_gadget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.gadget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{"value": {"id": "7", "gears": 3}}
```
""",
    ),
    **{
        f"api/{owner}-paint.md": (
            f"Paint {owner}",
            "apiPageType",
            f"""\
Namespace: microsoft.graph

Paint a {owner}.

"""
            + PERMISSIONS
            + f"""\
## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
POST /widgets/{{id}}/paint
```

## Request body

In the request body, provide a JSON object with the following parameters.

|Parameter|Type|Description|
|:---|:---|:---|
|{parameter}|String|{parameter}.|

## Response

If successful, this method returns a `204 No Content` response code.

## Example

### Request

<!-- {{ "blockType": "request", "name": "paint_{owner}" }} -->
```http
POST https://graph.microsoft.com/v1.0/widgets/7/paint
Content-type: application/json

{{"{parameter}": "red"}}
```

### Response

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 204 No Content
```
""",
        )
        for owner, parameter in (("widget", "color"), ("gadget", "shade"))
    },
}


def test_the_page_that_speaks_gives_the_types(tmp_path: Path) -> None:
    """Where several pages document one endpoint, the one that speaks for it
    (``Model.shared_endpoints``) gives its response and request body types, never an
    ``anyOf`` of every page's; the others stay listed with their permissions."""
    root = write_widgets(tmp_path)
    for path, (title, doc_type, body) in MERGED.items():
        target = root / path
        target.write_text(FRONT.format(title=title, doc_type=doc_type) + body, encoding="utf-8")
    model = read_docs([root])
    speakers = model.speakers()
    assert speakers[("GET", "/widgets/{}")] == ("api/widget-get.get", "api/gadget-get.get")
    assert speakers[("POST", "/widgets/{}/paint")][0] == "api/widget-paint.post"
    doc = openapi_document(model)
    validate(doc)
    got = doc["paths"]["/widgets/{id}"]["get"]
    assert got["responses"]["200"]["content"]["application/json"]["schema"] == WIDGET
    # the gadget page's example stays, and fits the widget (a gadget is one)
    examples = got["responses"]["200"]["content"]["application/json"]["examples"]
    assert {"get_widget", "get_gadget"} <= set(examples)
    [also] = got["x-docs2code-also-documented-by"]
    assert also["id"] == "api/gadget-get.get"
    scopes = [e["scopes"] for t in also["permissions"]["tables"] for e in t["entries"]]
    assert scopes == [["Gadgets.Read.All"]]
    # the list answers a collection; the page that says one gadget keeps its example
    listed = doc["paths"]["/widgets"]["get"]["responses"]["200"]["content"]["application/json"]
    assert listed["schema"]["properties"]["value"]["items"] == WIDGET
    assert list(listed["examples"]) == ["list_widgets"]
    painted = doc["paths"]["/widgets/{id}/paint"]["post"]["requestBody"]
    schema = painted["content"]["application/json"]["schema"]
    assert list(schema["properties"]) == ["color"]
    assert {c.error for c in check_examples(doc)} == {None}


def test_no_request_body_where_the_docs_decide_none(tmp_path: Path) -> None:
    """A call the reader decides takes no body (``BodyKind.NONE``) has none, even where
    an example sends an empty object."""
    page = changed(
        "api/widget-post.md",
        "supply a JSON representation of a [widget](../resources/widget.md) object",
        "do not supply a request body",
    )
    page["api/widget-post.md"] = page["api/widget-post.md"].replace('{"color": "green"}', "{}")
    assert "requestBody" not in export(tmp_path, page)["paths"]["/widgets"]["post"]
