"""Page roles (docs/model.md, "Page roles"): decided from the doc_type where a page has
one and from its structure, the folder only breaking a tie; only API pages declare
operations, only resource and enum pages types, include partials neither; a doubt is
DC105 at the line that decided it.  Example calls on conceptual pages are added to the
operations they call, or are DC308 (info); they never make an operation.

Every page here is small and mutated on purpose: front matter removed (an ApiDoctor page
annotation instead), a concept page with requests, an include partial, a doc_type that its
folder or its structure contradicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import Model, Page, PageRole, Severity
from generator.read import read_docs
from generator.read.roles import declared_role, folder_role

FRONT = '---\ntitle: "{title}"\ndescription: "{title}."\ndoc_type: {doc_type}\n---\n'

API_BODY = """\
# Get item

Namespace: microsoft.graph

Get an item.

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Application|Files.Read.All|

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /me/items/{id}
GET /drives/{drive-id}/items/{id}
```

## Response

If successful, this method returns a `200 OK` response code and an [item](../resources/item.md).

## Example

### Request

<!-- { "blockType": "request", "name": "get_item" } -->
```http
GET https://graph.microsoft.com/v1.0/me/items/42
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.item" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"id": "42", "name": "a.txt"}
```
"""

RESOURCE_BODY = """\
# item resource type

Namespace: microsoft.graph

An item.

## Properties

| Property | Type   | Description |
|:---------|:-------|:------------|
| id       | String | The id.     |
| name     | String | The name.   |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.item" } -->
```json
{"id": "String", "name": "String"}
```
"""

ENUM_BODY = """\
# itemKind enum type

Namespace: microsoft.graph

## Members

| Member | Value | Description |
|:-------|:------|:------------|
| file   | 0     | A file.     |
| folder | 1     | A folder.   |
"""

APIDOCTOR = """
<!-- {
  "type": "#page.annotation",
  "description": "An item.",
  "section": "documentation",
  "tocPath": "Items"
} -->
"""

CONCEPT = """\
# Working with items

Items hold files. To read one, call the API:

<!-- { "blockType": "request", "name": "concept_get_item" } -->
```http
GET https://graph.microsoft.com/beta/drives/b!x/items/7
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"id": "7"}
```

Nothing documents this one:

```http
DELETE https://graph.microsoft.com/v1.0/me/things/7
```

Sign in first:

```http
POST https://login.microsoftonline.com/common/oauth2/v2.0/token
```
"""


def front(doc_type: str, title: str = "A page") -> str:
    return FRONT.format(title=title, doc_type=doc_type)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def read(root: Path, files: dict[str, str]) -> Model:
    return read_docs([write(root, files)])


def page_of(model: Model, suffix: str) -> Page:
    return next(p for p in model.pages if p.path.endswith(suffix))


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def findings(model: Model, code: str) -> list[tuple[str, int, Severity, str]]:
    result = lint(model, RULES, LintConfig())
    return [
        (d.span.file, d.span.line, d.severity, d.message) for d in result.findings if d.code == code
    ]


# --- the doc_type, read forgivingly ---------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_type", "role"),
    [
        ("apiPageType", PageRole.API),
        ("resourcePageType", PageRole.RESOURCE),
        ("resourcePageType_", PageRole.RESOURCE),
        ("ResourcePage", PageRole.RESOURCE),
        ("enumPageType", PageRole.ENUM),
        ("conceptualPageType", PageRole.CONCEPTUAL),
        ("landingPage", None),
        (None, None),
    ],
)
def test_doc_type_names_a_role(doc_type: str | None, role: PageRole | None) -> None:
    assert declared_role(doc_type) is role


def test_the_nearest_conventional_folder_names_a_role() -> None:
    assert folder_role("api-reference/v1.0/api/item-get.md") == (PageRole.API, "api")
    assert folder_role("concepts/includes/x.md") == (PageRole.INCLUDE, "includes")
    assert folder_role("api/includes/../x.md") is not None
    assert folder_role("docs/item-get.md") is None


# --- structure, doc_type and folder ---------------------------------------------------------


def test_pages_with_front_matter_keep_their_roles(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            "api/item-get.md": front("apiPageType") + API_BODY,
            "resources/item.md": front("resourcePageType") + RESOURCE_BODY,
            "resources/itemkind.md": front("enumPageType") + ENUM_BODY,
            "concepts/items.md": front("conceptualPageType") + CONCEPT,
        },
    )
    roles = {p.path: (p.role, p.role_doubt) for p in model.pages}
    assert roles == {
        "api/item-get.md": (PageRole.API, None),
        "resources/item.md": (PageRole.RESOURCE, None),
        "resources/itemkind.md": (PageRole.ENUM, None),
        "concepts/items.md": (PageRole.CONCEPTUAL, None),
    }
    assert [op.id for op in model.operations] == ["api/item-get.get"]
    assert {t.name for t in model.types} == {"item", "itemKind"}


def test_without_front_matter_the_structure_decides(tmp_path: Path) -> None:
    """The OneDrive docs carry no front matter, only an ApiDoctor page annotation: an API
    page and a resource page keep their roles, in any folder."""
    model = read(
        tmp_path,
        {
            "docs/item-get.md": API_BODY + APIDOCTOR,
            "docs/item.md": RESOURCE_BODY + APIDOCTOR,
            "docs/itemkind.md": ENUM_BODY,
        },
    )
    assert page_of(model, "item-get.md").role is PageRole.API
    assert page_of(model, "/item.md").role is PageRole.RESOURCE
    assert page_of(model, "itemkind.md").role is PageRole.ENUM
    assert all(p.role_doubt is None for p in model.pages)
    assert [op.id for op in model.operations] == ["docs/item-get.get"]
    assert {t.name for t in model.types} == {"item", "itemKind"}


def test_a_doc_type_the_structure_contradicts_is_dc105_at_the_deciding_line(
    tmp_path: Path,
) -> None:
    """The Graph corpus has ten such pages (api/serviceprincipal-update.md says
    resourcePageType): the structure wins, and the finding is a warning at the line that
    decided, naming the doc_type's line."""
    api = front("resourcePageType") + API_BODY
    resource = front("apiPageType") + RESOURCE_BODY
    model = read(tmp_path, {"api/item-get.md": api, "resources/item.md": resource})
    assert page_of(model, "item-get.md").role is PageRole.API
    assert page_of(model, "item.md").role is PageRole.RESOURCE
    assert [op.id for op in model.operations] == ["api/item-get.get"]
    assert [t.name for t in model.types] == ["item"]
    assert findings(model, "DC105") == [
        (
            "api/item-get.md",
            line_of(api, "GET /me/items/{id}"),
            Severity.WARNING,
            "doc_type 'resourcePageType' (line 4) makes this a resource page, but the page "
            f"has an HTTP request line (line {line_of(api, 'GET /me/items/{id}')}): read as "
            "an API page",
        ),
        (
            "resources/item.md",
            line_of(resource, '"blockType": "resource"'),
            Severity.WARNING,
            "doc_type 'apiPageType' (line 4) makes this an API page, but the page has a JSON "
            f"representation (line {line_of(resource, 'blockType')}): read as a resource page",
        ),
    ]


def test_the_folder_alone_never_decides_against_the_doc_type(tmp_path: Path) -> None:
    """A conceptual page in api/ and an API page in resources/: the doc_type and the
    structure agree, so the folder does not matter and nothing is reported."""
    model = read(
        tmp_path,
        {
            "api/overview.md": front("conceptualPageType") + "# Overview\n\nWords.\n",
            "resources/item-get.md": front("apiPageType") + API_BODY,
        },
    )
    assert page_of(model, "overview.md").role is PageRole.CONCEPTUAL
    assert page_of(model, "item-get.md").role is PageRole.API
    assert findings(model, "DC105") == []


def test_no_doc_type_and_two_structures_the_folder_breaks_the_tie(tmp_path: Path) -> None:
    both = API_BODY + "\n## Properties\n\n" + RESOURCE_BODY.split("## Properties\n", 1)[1]
    model = read(tmp_path, {"resources/item.md": both, "docs/item.md": both})
    in_resources = page_of(model, "resources/item.md")
    assert in_resources.role is PageRole.RESOURCE
    assert page_of(model, "docs/item.md").role is PageRole.API  # no folder: API first
    doubt = in_resources.role_doubt
    assert doubt is not None and doubt.severity is Severity.INFO
    assert doubt.span.line == line_of(both, '"blockType": "resource"')
    assert doubt.message.startswith("no doc_type, and the page has an HTTP request line")
    assert doubt.message.endswith("read as a resource page (its folder resources/)")
    assert [op.source.file for op in model.operations] == ["docs/item.md"]
    assert {t.source.file for t in model.types} == {"resources/item.md"}


def test_enum_tables_on_api_and_resource_pages_are_not_enum_pages(tmp_path: Path) -> None:
    """An API page lists the values of a parameter, a resource page those of a property:
    neither is an enum page, and the API page declares no type."""
    values = "\n### itemColor values\n\n| Member |\n|:---|\n| red |\n| blue |\n"
    model = read(
        tmp_path,
        {
            "api/item-get.md": front("apiPageType") + API_BODY + values,
            "resources/item.md": front("resourcePageType") + RESOURCE_BODY + values,
        },
    )
    assert page_of(model, "item-get.md").role is PageRole.API
    assert page_of(model, "item.md").role is PageRole.RESOURCE
    assert {(t.name, t.source.file) for t in model.types} == {
        ("item", "resources/item.md"),
        ("itemColor", "resources/item.md"),
    }
    assert all(p.role_doubt is None for p in model.pages)


def test_a_structureless_page_is_conceptual_unless_its_folder_says_otherwise(
    tmp_path: Path,
) -> None:
    model = read(
        tmp_path,
        {
            "README.md": "# Docs\n\nRead me.\n",
            "resources/overview.md": "# Overview\n\nWords.\n",
            "api/item-get.md": "# Get item\n\n```http\nGET /me/items/{id}\n```\n",
            "includes/note.md": "> Note: words.\n",
        },
    )
    roles = {p.path: p.role for p in model.pages}
    assert roles == {
        "README.md": PageRole.CONCEPTUAL,
        "resources/overview.md": PageRole.CONCEPTUAL,
        "api/item-get.md": PageRole.API,  # examples only: its folder breaks the tie
        "includes/note.md": PageRole.INCLUDE,
    }
    assert [op.id for op in model.operations] == ["api/item-get.get"]
    assert page_of(model, "README.md").role_doubt is None
    assert page_of(model, "overview.md").role_doubt is None  # nothing to weigh
    api = page_of(model, "item-get.md").role_doubt
    assert api is not None and api.span.line == 3


# --- include partials -----------------------------------------------------------------------


def test_an_included_page_is_a_partial_and_declares_nothing(tmp_path: Path) -> None:
    """A partial that holds an HTTP request section (a shared block) is read where it is
    included; on its own it declares nothing, and its doc_type contradicting that is
    reported at the include line."""
    including = front("apiPageType") + API_BODY + "\n[!INCLUDE [shared](../includes/more.md)]\n"
    partial = front("apiPageType") + API_BODY.replace("/me/items/{id}", "/me/others/{id}")
    model = read(
        tmp_path,
        {
            "api/item-get.md": including,
            "includes/more.md": partial,
            "includes/snippet.md": "```csharp\nvar x = 1;\n```\n",
        },
    )
    assert page_of(model, "more.md").role is PageRole.INCLUDE
    assert page_of(model, "snippet.md").role is PageRole.INCLUDE
    assert [op.id for op in model.operations] == ["api/item-get.get"]
    assert findings(model, "DC105") == [
        (
            "api/item-get.md",
            line_of(including, "[!INCLUDE"),
            Severity.WARNING,
            "included by api/item-get.md (line "
            f"{line_of(including, '[!INCLUDE')}), so read as an include partial, not as the "
            "API page its own signals make it",
        )
    ]


# --- example calls on conceptual pages ------------------------------------------------------


def test_concept_examples_join_the_operations_they_call(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            "api/item-get.md": front("apiPageType") + API_BODY,
            "concepts/items.md": CONCEPT,
        },
    )
    (op,) = model.operations
    assert op.id == "api/item-get.get"
    assert op.paths[0].template == "/me/items/{id}"
    own, borrowed = op.examples
    assert own.request is not None and own.request.span.file == "api/item-get.md"
    assert borrowed.name == "concept_get_item"
    assert borrowed.request is not None and borrowed.response is not None
    assert borrowed.request.span.file == "concepts/items.md"
    assert borrowed.request.version == "beta"  # version and host aside
    assert borrowed.request.defects == ()
    assert borrowed.response.status == 200
    concept = page_of(model, "items.md")
    assert concept.role is PageRole.CONCEPTUAL
    assert [ex.request.method for ex in concept.examples if ex.request] == ["DELETE", "POST"]
    assert findings(model, "DC308") == [
        (
            "concepts/items.md",
            line_of(CONCEPT, "DELETE https"),
            Severity.INFO,
            "example DELETE '/v1.0/me/things/7' on a conceptual page calls no operation of "
            "the doc set",
        )
    ]  # the sign-in call goes to another host: not reported


def test_a_concept_page_never_makes_an_operation(tmp_path: Path) -> None:
    """Alone, a concept page's calls are all DC308, and the model has no operation; an
    HTTP request heading over an example block does not make it an API page either."""
    upload = (
        "# Upload\n\n## HTTP request\n\nMake a PUT request.\n\n### Example\n\n"
        "```http\nPUT https://upload.example.com/sessions/1\nContent-Length: 3\n\nabc\n```\n"
    )
    model = read(tmp_path, {"concepts/items.md": CONCEPT, "concepts/upload.md": upload})
    assert model.operations == ()
    assert {p.role for p in model.pages} == {PageRole.CONCEPTUAL}
    # the API's host is the one most used: the upload and the sign-in go elsewhere
    assert [line for _, line, _, _ in findings(model, "DC308")] == [
        line_of(CONCEPT, "GET https"),
        line_of(CONCEPT, "DELETE https"),
    ]


def test_the_most_specific_path_wins(tmp_path: Path) -> None:
    """``/me/items/delta`` fits both ``/me/items/{id}`` and ``/me/items/delta``: the
    literal segment is the better match."""
    delta = front("apiPageType") + API_BODY.replace(
        "GET /me/items/{id}\n", "GET /me/items/delta\n"
    ).replace("GET /drives/{drive-id}/items/{id}\n", "").replace("/me/items/42", "/me/items/delta")
    concept = "# Sync\n\n```http\nGET https://graph.microsoft.com/v1.0/me/items/delta\n```\n"
    model = read(
        tmp_path,
        {
            "api/item-get.md": front("apiPageType") + API_BODY,
            "api/item-delta.md": delta,
            "concepts/sync.md": concept,
        },
    )
    by_id = {op.id: op for op in model.operations}
    assert [ex.request.span.file for ex in by_id["api/item-delta.get"].examples if ex.request] == [
        "api/item-delta.md",
        "concepts/sync.md",
    ]
    assert len(by_id["api/item-get.get"].examples) == 1
