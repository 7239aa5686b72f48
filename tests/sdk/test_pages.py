"""Collections are pages (issue 23): a call whose result is a collection returns a page,
whatever its method; a delta query (a path ending in the ``delta`` function, in any of its
spellings) returns a delta page that follows ``@odata.nextLink`` and exposes the last
page's ``@odata.deltaLink``.  On small mutated doc sets, then the generated package driven
through an httpx mock transport and type-checked with mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.model import Model
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.packages import imported, write_plan
from tests.read.graph_pages import api_page, read_tree

PACKAGE = "d2c_pages_sdk"
BIN = Path(sys.executable).parent
BASE = "https://graph.microsoft.com/v1.0"

RESOURCE = """---
title: widget resource type
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The id.|
|name|String|The name.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget" } -->
```json
{"id": "String", "name": "String"}
```
"""


def api(title: str, lines: str, returns: str, body: str = "") -> str:
    said = f"If successful, this method returns a `200 OK` response code and {returns} in the"
    said += "\nresponse body."
    return api_page(title, lines, said, body=body or "Don't supply a request body for this method.")


ONE = "a [widget](../resources/widget.md) object"
MANY = "a collection of [widget](../resources/widget.md) objects"
TABLE = "|Parameter|Type|Description|\n|:---|:---|:---|\n|ids|String collection|The ids.|\n"
PAGES = {
    "widget-list.md": api("List widgets", "GET /widgets", MANY),
    "widget-get.md": api("Get widget", "GET /widgets/{id}", ONE),
    # delta functions: the Response section's word "object" does not make them single
    "widget-delta.md": api("Widget delta", "GET /widgets/delta", ONE),
    "gadget-delta.md": api("Gadget delta", "GET /gadgets/delta()", MANY),
    "part-delta.md": api(
        "Part delta", "GET /widgets/{id}/parts/microsoft.graph.delta(token='{token}')", MANY
    ),
    # an action answering with a collection: a page too
    "widget-getbyids.md": api("Get widgets by ids", "POST /widgets/getByIds", MANY, TABLE),
    "widget-rename.md": api("Rename widget", "POST /widgets/{id}/rename", ONE, TABLE),
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read_tree(tmp_path_factory.mktemp("docs"), {"widget": RESOURCE}, PAGES)


@pytest.fixture(scope="module")
def sdk_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


def declarations(sdk_dir: Path, package: str = PACKAGE) -> dict[str, str]:
    """``Class.method`` -> its declared type, over every builder module of ``package``."""
    found: dict[str, str] = {}
    for path in sorted((sdk_dir / package / "_paths").glob("*.py")):
        cls = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("class "):
                cls = line.split()[1].split("(")[0]
            elif line.startswith("    ") and "Op[" in line and " = " in line:
                name, _, rest = line.strip().partition(": ")
                found[f"{cls}.{name}"] = rest.split(" = ")[0]
    return found


def test_collections_are_pages_and_delta_queries_delta_pages(sdk_dir: Path) -> None:
    assert sorted(declarations(sdk_dir).values()) == sorted(
        [
            "PageOp[models.Widget]",  # GET /widgets
            "Op[models.Widget]",  # GET /widgets/{id}
            "DeltaOp[models.Widget]",  # /widgets/delta, though the docs say "object"
            "DeltaOp[models.Widget]",  # /gadgets/delta()
            "DeltaOp[models.Widget]",  # microsoft.graph.delta(token=...)
            # actions: their parameters are request models (generator/sdk/requests.py)
            "BodyPageOp[models.Widget, models.GetByIdsRequest]",  # returning a collection
            "BodyOp[models.Widget, models.RenameRequest]",
        ]
    )


def paged(request: httpx.Request) -> httpx.Response:
    """Two pages of changes, then a delta link; the delta link answers with one more."""
    url = str(request.url)
    if "deltatoken" in url:
        return httpx.Response(200, json={"value": [{"id": "3"}], "@odata.deltaLink": url})
    if "skiptoken" in url:
        link = f"{BASE}/widgets/delta?$deltatoken=abc"
        return httpx.Response(200, json={"value": [{"id": "2"}], "@odata.deltaLink": link})
    link = f"{BASE}/widgets/delta?$skiptoken=1"
    return httpx.Response(200, json={"value": [{"id": "1", "name": "a"}], "@odata.nextLink": link})


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def test_a_delta_query_pages_to_the_end_then_asks_its_delta_link(sdk: Any) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return paged(request)

    client = sdk.Client("t", base_url=BASE, transport=httpx.MockTransport(handler))
    page = client.widgets.delta.get()
    assert type(page).__name__ == "SyncDeltaPage" and page.delta_link is None
    changes = list(page)
    assert [w.id for w in changes] == ["1", "2"]
    assert type(changes[0]).__name__ == "Widget" and changes[0].name == "a"
    assert page.delta_link == f"{BASE}/widgets/delta?$deltatoken=abc"
    later = page.changes()
    assert [w.id for w in later] == ["3"]
    assert [str(r.url) for r in sent] == [
        f"{BASE}/widgets/delta",
        f"{BASE}/widgets/delta?$skiptoken=1",
        f"{BASE}/widgets/delta?$deltatoken=abc",
    ]


def test_an_action_returning_a_collection_returns_a_page(sdk: Any) -> None:
    answer = {"value": [{"id": "1"}, {"id": "2"}]}
    client = sdk.Client(
        "t", transport=httpx.MockTransport(lambda _: httpx.Response(200, json=answer))
    )
    page = client.widgets.get_by_ids.post({"ids": ["1", "2"]})
    assert [w.id for w in page] == ["1", "2"]


USAGE = """
from typing import assert_type

from {package} import AsyncClient, Client, models
from {package}._runtime import AsyncDeltaPage, SyncDeltaPage, SyncPage

client = Client(token="t")
changes = client.widgets.delta.get(select=["id"])
assert_type(changes, SyncDeltaPage[models.Widget])
for widget in changes:
    assert_type(widget, models.Widget)
assert_type(changes.delta_link, str | None)
assert_type(changes.changes(), SyncDeltaPage[models.Widget])
assert_type(client.widgets.get(), SyncPage[models.Widget])
assert_type(client.widgets.get_by_ids.post({{"ids": []}}), SyncPage[models.Widget])
assert_type(client.widgets.by_id("1").get(), models.Widget)


async def main() -> None:
    page = await AsyncClient(token="t").widgets.delta.get()
    assert_type(page, AsyncDeltaPage[models.Widget])
    async for widget in page:
        assert_type(widget, models.Widget)
    assert_type(await page.changes(), AsyncDeltaPage[models.Widget])
"""


def test_pages_type_check(sdk_dir: Path) -> None:
    (sdk_dir / "usage_pages.py").write_text(USAGE.format(package=PACKAGE), encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "usage_pages.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
