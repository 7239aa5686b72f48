"""One page speaks for an endpoint several pages document (generator/read/endpoints.py):
small doc sets in tmp_path whose names and types are made up, so that only the rule can
decide, and swapping the names swaps the choice; and every output follows it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.model import Model
from generator.openapi import openapi_document
from generator.read.docs import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.diff.docs import APP, PERSONAL, WORK, Row, resource_page, write
from tests.packages import imported, write_plan


def page(
    title: str,
    method: str,
    paths: Sequence[str],
    *,
    returns: str = "widget",
    collection: bool = False,
    scopes: str = "Widget.Read.All",
) -> str:
    """An API page whose Response names ``returns`` (a collection of it when asked)."""
    rows: tuple[Row, ...] = ((WORK, scopes), (PERSONAL, "Not supported."), (APP, scopes))
    table = "\n".join(
        ["|Permission type|Permissions (from least to most privileged)|", "|:---|:---|"]
        + [f"|{label}|{cell}|" for label, cell in rows]
    )
    lines = "\n".join(f"{method} {p}" for p in paths)
    what = f"a collection of [{returns}](../resources/{returns.lower()}.md) objects"
    if not collection:
        what = f"a [{returns}](../resources/{returns.lower()}.md) object"
    return (
        f'---\ntitle: "{title}"\ndoc_type: apiPageType\n---\n# {title}\n\n{title}.\n\n'
        f"## Permissions\n\n{table}\n\n"
        f'## HTTP request\n\n<!-- {{ "blockType": "ignored" }} -->\n```http\n{lines}\n```\n\n'
        "## Request body\n\nDo not supply a request body for this method.\n\n"
        f"## Response\n\nIf successful, this method returns a `200 OK` response code and {what} "
        "in the response body.\n"
    )


RESOURCES = {
    "resources/widget.md": resource_page("widget", (("id", "String", "The id."),)),
    "resources/specialwidget.md": resource_page(
        "specialWidget", (("id", "String", "The id."),), base="widget"
    ),
    "resources/part.md": resource_page("part", (("id", "String", "The id."),)),
}


def read(tmp_path: Path, pages: Mapping[str, str]) -> Model:
    return read_docs([write(tmp_path, {**RESOURCES, **pages})], jobs=1)


def speaker(model: Model, method: str, shape: str) -> str:
    return model.speakers()[(method, shape)][0]


def reason(model: Model, method: str, shape: str) -> str:
    return next(e.reason for e in model.shared_endpoints if (e.method, e.shape) == (method, shape))


def test_the_page_named_for_the_resource_speaks_not_a_workload_page(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            # the workload page sorts first by id, as Intune's do
            "api/acme-fleet-widget-list.md": page(
                "List widgets (fleet)", "GET", ["/widgets"], collection=True, scopes="Fleet.Read"
            ),
            "api/widget-list.md": page("List widgets", "GET", ["/widgets"], collection=True),
            "api/gadgetproperty-get.md": page(
                "Get gadgetProperty", "GET", ["/widgets?$expand=gadgetProperties"]
            ),
        },
    )
    [shared] = model.shared_endpoints
    assert (shared.method, shared.shape) == ("GET", "/widgets")
    assert shared.operations == (
        "api/widget-list.get",
        "api/acme-fleet-widget-list.get",
        "api/gadgetproperty-get.get",
    )
    assert shared.reason == "names the addressed resource (widget) as its first word"


def test_swapping_the_names_swaps_the_choice(tmp_path: Path) -> None:
    """The same two pages under each other's names: the name decides, not the text."""
    one = page("One", "GET", ["/widgets/{id}"])
    two = page("Two", "GET", ["/widgets/{id}"])
    first = read(tmp_path / "a", {"api/widget-get.md": one, "api/crate-get.md": two})
    second = read(tmp_path / "b", {"api/widget-get.md": two, "api/crate-get.md": one})
    assert speaker(first, "GET", "/widgets/{}") == speaker(second, "GET", "/widgets/{}")
    titles = [
        next(o.title for o in m.operations if o.id == "api/widget-get.get") for m in (first, second)
    ]
    assert titles == ["One", "Two"]


@pytest.mark.parametrize(
    ("pages", "shape", "expected", "why"),
    [
        # a qualified name that ends with the resource: the resource's own page
        (
            {"api/crate-list-parts.md": "/parts", "api/widgetpart-list.md": "/parts"},
            "/parts",
            "api/widgetpart-list.get",
            "names the addressed resource (part) at the end of its first word",
        ),
        # the owner of a navigation over another page that lists it
        (
            {
                "api/crate-list-parts.md": "/widgets/{id}/parts",
                "api/widget-list-parts.md": "/widgets/{id}/parts",
            },
            "/widgets/{}/parts",
            "api/widget-list-parts.get",
            "its first word names what part belongs to (widget)",
        ),
        # /me is the signed-in user
        (
            {"api/crate-list-parts.md": "/me/parts", "api/user-list-parts.md": "/me/parts"},
            "/me/parts",
            "api/user-list-parts.get",
            "its first word names what part belongs to (user)",
        ),
        # a word the path does not explain: another page's subject
        (
            {"api/widget-get.md": "/widgets/{id}", "api/widget-list-owner.md": "/widgets/{id}"},
            "/widgets/{}",
            "api/widget-get.get",
            "fewer words of its page name that the path does not explain",
        ),
        # a GET of a collection is a list, of a key a get
        (
            {"api/widget-get.md": "/widgets", "api/widget-list.md": "/widgets"},
            "/widgets",
            "api/widget-list.get",
            "its verb fits GET of a collection",
        ),
        (
            {"api/widget-get.md": "/widgets/{id}", "api/widget-list.md": "/widgets/{id}"},
            "/widgets/{}",
            "api/widget-get.get",
            "its verb fits GET of a key",
        ),
        # plural forms compare singular: statuses, status
        (
            {
                "api/widgetstatusraw-list.md": "/widgetStatuses",
                "api/widgetstatus-list.md": "/widgetStatuses",
            },
            "/widgetstatuses",
            "api/widgetstatus-list.get",
            "names the addressed resource (widgetstatus) as its first word",
        ),
        # nothing tells them apart: the first by id
        (
            {"api/zeta-get.md": "/widgets/{id}", "api/alpha-get.md": "/widgets/{id}"},
            "/widgets/{}",
            "api/alpha-get.get",
            "first by operation id",
        ),
    ],
)
def test_the_rule(
    tmp_path: Path, pages: dict[str, str], shape: str, expected: str, why: str
) -> None:
    model = read(tmp_path, {name: page(name, "GET", [path]) for name, path in pages.items()})
    assert speaker(model, "GET", shape) == expected
    assert reason(model, "GET", shape) == why


def test_the_base_type_speaks_over_its_subtypes(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            "api/acme-aaa-list.md": page("A", "GET", ["/things"], returns="specialWidget"),
            "api/acme-zzz-list.md": page("Z", "GET", ["/things"], returns="widget"),
        },
    )
    assert speaker(model, "GET", "/things") == "api/acme-zzz-list.get"
    assert reason(model, "GET", "/things") == "its type (widget) is the others' or their base type"


def test_an_endpoint_one_page_documents_is_not_shared(tmp_path: Path) -> None:
    model = read(tmp_path, {"api/widget-get.md": page("Get", "GET", ["/widgets/{id}"])})
    assert model.shared_endpoints == ()


# --- every output follows it --------------------------------------------------------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read(
        tmp_path_factory.mktemp("shared"),
        {
            "api/acme-fleet-widget-list.md": page(
                "List fleet widgets",
                "GET",
                ["/widgets"],
                collection=True,
                scopes="Fleet.Read.All, Fleet.ReadWrite.All",
            ),
            "api/widget-list.md": page(
                "List widgets",
                "GET",
                ["/widgets"],
                collection=True,
                scopes="Widget.Read.All and Part.Read.All, Widget.ReadWrite.All",
            ),
        },
    )


def test_openapi_takes_the_speaker_and_keeps_the_others(shared: Model) -> None:
    op: dict[str, Any] = openapi_document(shared)["paths"]["/widgets"]["get"]
    assert op["operationId"] == "widget-list.get"
    assert op["summary"] == "List widgets"
    assert op["security"] == [
        {"delegated": ["Widget.Read.All", "Part.Read.All"]},  # needed together
        {"delegated": ["Widget.ReadWrite.All"]},
        {"application": ["Widget.Read.All", "Part.Read.All"]},
        {"application": ["Widget.ReadWrite.All"]},
    ]
    entry = op["x-docs2code-permissions"]["tables"][0]["entries"][0]
    assert entry["alternatives"] == [["Widget.Read.All", "Part.Read.All"], ["Widget.ReadWrite.All"]]
    [also] = op["x-docs2code-also-documented-by"]
    assert also["id"] == "api/acme-fleet-widget-list.get"
    assert also["source"].startswith("api/acme-fleet-widget-list.md:")
    assert also["summary"] == "List fleet widgets"
    scopes = [e["scopes"] for e in also["permissions"]["tables"][0]["entries"]]
    assert scopes == [
        ["Fleet.Read.All", "Fleet.ReadWrite.All"],
        [],
        ["Fleet.Read.All", "Fleet.ReadWrite.All"],
    ]


def test_the_sdk_call_documents_the_speaker_and_the_others(shared: Model, tmp_path: Path) -> None:
    folder = write_plan(sdk_plan(shared, SdkOptions(package="d2c_shared_sdk")), tmp_path)
    with imported("d2c_shared_sdk", folder) as sdk:
        call = sdk.Client(token="t").widgets.get
        assert call.__doc__ == (
            "List widgets.\n\n"
            "Permissions, least privileged first:\n"
            "Delegated (work or school): Widget.Read.All + Part.Read.All, Widget.ReadWrite.All\n"
            "Delegated (personal): not supported\n"
            "Application: Widget.Read.All + Part.Read.All, Widget.ReadWrite.All\n"
            "Also documented by api/acme-fleet-widget-list.md: Delegated (work or school): "
            "Fleet.Read.All, Fleet.ReadWrite.All; Delegated (personal): not supported; "
            "Application: Fleet.Read.All, Fleet.ReadWrite.All\n\n"
            "Docs: api/widget-list.md, api/acme-fleet-widget-list.md\n\n"
            "Example:\n    client.widgets.get(top=5)"
        )
