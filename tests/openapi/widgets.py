"""A small doc set written for the export's tests: a resource with an enum property, the
enum, and API pages that list (a collection), get, create (``201`` with a ``Location``),
delete (no body, a link in the Request body section), download and upload the content of
a widget.  :func:`write_widgets` writes it under a folder; ``changes`` replace a page's
text (to mutate one page)."""

from __future__ import annotations

from pathlib import Path

FRONT = '---\ntitle: "{title}"\ndescription: "{title}."\ndoc_type: {doc_type}\n---\n\n# {title}\n\n'
PERMISSIONS = """\
## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Application|Widgets.ReadWrite.All|

"""

PAGES: dict[str, tuple[str, str, str]] = {
    "resources/widget.md": (
        "widget resource type",
        "resourcePageType",
        """\
Namespace: microsoft.graph

A widget.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The widget's id.|
|color|[widgetColor](widgetcolor.md)|Its color.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget", "keyProperty": "id" } -->
```json
{
  "id": "String",
  "color": "String"
}
```
""",
    ),
    "resources/widgetcolor.md": (
        "widgetColor enum type",
        "enumPageType",
        """\
Namespace: microsoft.graph

The colors of a widget.

## Members

|Member|Value|Description|
|:---|:---|:---|
|red|0|Red.|
|green|1|Green.|
|unknownFutureValue|2|Evolvable enumeration sentinel value.|
""",
    ),
    "api/widget-list.md": (
        "List widgets",
        "apiPageType",
        """\
Namespace: microsoft.graph

List the widgets.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets
```

## Optional query parameters

This method supports the OData query parameters to help customize the response.

## Request body

Do not supply a request body for this method.

## Response

If successful, this method returns a `200 OK` response code and
a collection of [widget](../resources/widget.md) objects in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "list_widgets" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets?$orderby=id
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget", "isCollection": true } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "value": [
    {"id": "1", "color": "Red"},
    {"id": "2", "color": "green,red"}
  ]
}
```
""",
    ),
    "api/widget-get.md": (
        "Get widget",
        "apiPageType",
        """\
Namespace: microsoft.graph

Get a widget.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}
```

## Optional query parameters

This method supports the `$select` OData query parameter to help customize the response.
The `$filter` query parameter is not supported.

## Request body

Do not supply a request body for this method.

## Response

If successful, this method returns a `200 OK` response code and
a [widget](../resources/widget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "get_widget" } -->
```http
GET https://graph.microsoft.com/beta/widgets/1?$expand=parts
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{"id": "1", "color": "red"}
```
""",
    ),
    "api/widget-post.md": (
        "Create widget",
        "apiPageType",
        """\
Namespace: microsoft.graph

Create a widget.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
POST /widgets
```

## Request body

In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.

## Response

If successful, this method returns a `201 Created` response code and
a [widget](../resources/widget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "create_widget" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets
Content-type: application/json

{"color": "green"}
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 201 Created
Location: https://graph.microsoft.com/v1.0/widgets/3
Content-type: application/json

{"id": "3", "color": "green"}
```
""",
    ),
    "api/widget-delete.md": (
        "Delete widget",
        "apiPageType",
        """\
Namespace: microsoft.graph

Delete a widget.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
DELETE /widgets/{id}
```

## Request body

Do not supply a request body for this method.

> **Note:** Use an id that [List widgets](widget-list.md) returns.

## Response

If successful, this method returns a `204 No Content` response code.

## Example

### Request

<!-- { "blockType": "request", "name": "delete_widget" } -->
```http
DELETE https://graph.microsoft.com/v1.0/widgets/1
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```
""",
    ),
    "api/widget-get-content.md": (
        "Download widget content",
        "apiPageType",
        """\
Namespace: microsoft.graph

Download the content of a widget.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}/content
```

## Request body

Do not supply a request body for this method.

## Response

If successful, this method returns a `200 OK` response code and
the widget's bytes in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "get_widget_content" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/1/content
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK

{bytes of the widget}
```
""",
    ),
    "api/widget-put-content.md": (
        "Upload widget content",
        "apiPageType",
        """\
Namespace: microsoft.graph

Upload the content of a widget.

"""
        + PERMISSIONS
        + """\
## HTTP request

<!-- { "blockType": "ignored" } -->
```http
PUT /widgets/{id}/content
```

## Request body

The bytes of the content.

## Response

If successful, this method returns a `200 OK` response code and
a [widget](../resources/widget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "put_widget_content" } -->
```http
PUT https://graph.microsoft.com/v1.0/widgets/1/content

The new content.
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{"id": "1", "color": "red"}
```
""",
    ),
}


def write_widgets(root: Path, changes: dict[str, str] | None = None) -> Path:
    """The doc set under ``root``; ``changes``: page path -> the text after its title."""
    for path, (title, doc_type, body) in PAGES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (changes or {}).get(path, body)
        target.write_text(FRONT.format(title=title, doc_type=doc_type) + text, encoding="utf-8")
    return root
