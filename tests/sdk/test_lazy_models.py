"""Lazy models (issue 24): the models package imports a class from its own module on first
use, a call loads only the classes its response holds, derived types are read as
themselves (``@odata.type``) at every level, and references that form cycles resolve.

A small doc set (tests/read/graph_pages.py) is built into an SDK, imported in this process
(tests/packages.py) and driven through httpx's mock transport; ``sys.modules`` tells which
model modules a call loaded.  The package is also type-checked with ``mypy --strict``
together with a user's code that names the models.
"""

from __future__ import annotations

import asyncio
import json
import re
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
from tests.read.graph_pages import api_page, read_tree, resource

PACKAGE = "d2c_lazy_sdk"
BIN = Path(sys.executable).parent


def api(title: str, line: str, returns: str) -> str:
    said = f"If successful, this method returns a `200 OK` response code and {returns} in the"
    said += "\nresponse body."
    return api_page(title, line, said, body="Don't supply a request body for this method.")


def one(name: str) -> str:
    return f"a [{name}](../resources/{name.lower()}.md) object"


def many(name: str) -> str:
    return f"a collection of [{name}](../resources/{name.lower()}.md) objects"


RESOURCES = {
    # directoryObject <- user, group: a base type others derive from
    "directoryObject": resource("directoryObject", {"id": "String"}),
    "user": resource(
        "user",
        {"displayName": "String"},
        {"manager": "[directoryObject](directoryobject.md)"},
        base="microsoft.graph.directoryObject",
    ),
    "group": resource("group", {"mailNickname": "String"}, base="microsoft.graph.directoryObject"),
    # a type holding itself, and two types holding each other
    "folder": resource(
        "folder",
        {"name": "String"},
        {"children": "[folder](folder.md) collection", "parent": "[folder](folder.md)"},
    ),
    "ping": resource("ping", {"id": "String"}, {"pong": "[pong](pong.md)"}),
    "pong": resource("pong", {"id": "String"}, {"ping": "[ping](ping.md)"}),
    # unrelated to all of the above
    "widget": resource("widget", {"name": "String"}),
}
PAGES = {
    "user-get.md": api("Get user", "GET /me", one("user")),
    "user-list-manager.md": api("Get manager", "GET /users/{id}/manager", one("directoryObject")),
    "user-list-members.md": api(
        "List members", "GET /groups/{id}/members", many("directoryObject")
    ),
    "folder-get.md": api("Get folder", "GET /folders/{id}", one("folder")),
    "ping-get.md": api("Get ping", "GET /pings/{id}", one("ping")),
    "widget-get.md": api("Get widget", "GET /widgets/{id}", one("widget")),
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read_tree(tmp_path_factory.mktemp("docs"), RESOURCES, PAGES)


@pytest.fixture(scope="module")
def sdk_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


@pytest.fixture
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    """The package, imported afresh for each test: no model module loaded yet."""
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def loaded() -> set[str]:
    """The model modules imported so far (``user``, ``directory_object``, ...)."""
    prefix = f"{PACKAGE}.models."
    return {name.removeprefix(prefix) for name in sys.modules if name.startswith(prefix)}


def client(sdk: Any, answer: Any, **options: Any) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    return sdk.Client(token="t", transport=httpx.MockTransport(handler), **options)


def dump(value: Any) -> Any:
    return value.model_dump(mode="json", by_alias=True, exclude_unset=True)


# --- the package --------------------------------------------------------------------------------


def test_one_module_per_class_and_the_package_imports_none(sdk_dir: Path, sdk: Any) -> None:
    folder = sdk_dir / PACKAGE / "models"
    modules = {p.stem for p in folder.glob("*.py")}
    expected = {"directory_object", "user", "group", "folder", "ping", "pong", "widget"}
    assert modules == expected | {"__init__", "_base", "_lazy"}
    assert sdk.models.__name__ == f"{PACKAGE}.models"
    assert loaded() == {"_lazy"}  # the package names its classes, imports none


def test_every_model_is_listed_and_importable_by_name(sdk: Any) -> None:
    models = sdk.models
    names = {"DirectoryObject", "User", "Group", "Folder", "Ping", "Pong", "Widget"}
    assert names <= set(dir(models))
    assert {"GraphModel", "MODELS", "DateTime"} <= set(dir(models))
    assert set(models.MODELS) == {f"microsoft.graph.{n[0].lower()}{n[1:]}" for n in names}
    assert loaded() == {"_lazy"}  # listing and counting import nothing
    namespace: dict[str, Any] = {}
    exec(f"from {PACKAGE}.models import Widget", namespace)  # the other way to name a class
    assert namespace["Widget"] is models.Widget
    assert models.Widget.__module__ == f"{PACKAGE}.models.widget"
    assert models.MODELS["microsoft.graph.widget"] is models.Widget
    with pytest.raises(AttributeError, match="Nothing"):
        _ = models.Nothing
    with pytest.raises(KeyError):
        models.MODELS["microsoft.graph.nothing"]


def test_a_call_loads_only_the_models_its_response_holds(sdk: Any) -> None:
    user = client(sdk, {"displayName": "Megan", "id": "1"}).me.get()
    assert type(user).__name__ == "User" and user.display_name == "Megan"
    # the class, its base, and the runtime: no model the response does not hold
    assert loaded() == {"_lazy", "_base", "user", "directory_object"}


# --- derived types --------------------------------------------------------------------------------


MANAGER = {
    "@odata.type": "#microsoft.graph.user",
    "id": "1",
    "displayName": "Megan",
    "manager": {"@odata.type": "#microsoft.graph.group", "id": "2", "mailNickname": "g"},
}


def test_a_derived_type_is_read_as_itself_and_written_back_whole(sdk: Any) -> None:
    found = client(sdk, MANAGER).users.by_id("1").manager.get()  # documented: directoryObject
    models = sdk.models
    assert type(found) is models.User and found.display_name == "Megan"
    assert type(found.manager) is models.Group and found.manager.mail_nickname == "g"
    assert dump(found) == MANAGER  # every class writes its own properties
    assert loaded() == {"_lazy", "_base", "user", "directory_object", "group"}
    # validating it yourself reads it as the client does
    mine = models.DirectoryObject.model_validate(MANAGER, context={"tolerant": True})
    assert type(mine) is models.User and type(mine.manager) is models.Group
    assert type(models.DirectoryObject.model_validate({"id": "1"})) is models.DirectoryObject
    assert type(models.Group.model_validate(MANAGER)) is models.Group  # a User is no Group


def test_derived_page_items_and_types_that_are_no_subclass(sdk: Any) -> None:
    items = [
        {"@odata.type": "#microsoft.graph.user", "displayName": "u"},
        {"@odata.type": "#Microsoft.Graph.Group", "mailNickname": "g"},  # case differs
        {"id": "3"},
        {"@odata.type": "#microsoft.graph.unknown", "id": "4"},  # not a type of the docs
        {"@odata.type": "#microsoft.graph.widget", "name": "w"},  # not derived from it
    ]
    page = client(sdk, {"value": items}).groups.by_id("g").members.get()
    models = sdk.models
    assert [type(item).__name__ for item in page] == [
        "User",
        "Group",
        "DirectoryObject",
        "DirectoryObject",
        "DirectoryObject",
    ]
    assert page.items[4].model_extra == {"@odata.type": "#microsoft.graph.widget", "name": "w"}
    assert [dump(item) for item in page] == items
    assert issubclass(models.User, models.DirectoryObject)


def test_derived_types_in_strict_and_async_clients(sdk: Any) -> None:
    found = client(sdk, MANAGER, strict=True).users.by_id("1").manager.get()
    assert type(found).__name__ == "User" and type(found.manager).__name__ == "Group"

    async def read() -> Any:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=MANAGER)

        async with sdk.AsyncClient(token="t", transport=httpx.MockTransport(handler)) as c:
            return await c.users.by_id("1").manager.get()

    found = asyncio.run(read())
    assert type(found).__name__ == "User" and type(found.manager).__name__ == "Group"


def test_tolerance_holds_in_a_derived_type_read_lazily(sdk: Any) -> None:
    body = {**MANAGER, "manager": {"@odata.type": "#microsoft.graph.group", "mailNickname": 5}}
    found = client(sdk, body).users.by_id("1").manager.get()
    assert type(found.manager).__name__ == "Group"
    assert dict(found.manager.model_invalid) == {"mailNickname": "Input should be a valid string"}
    strict = client(sdk, body, strict=True).users.by_id("1").manager
    with pytest.raises(sdk.ResponseValidationError) as raised:
        strict.get()
    assert [e["loc"] for e in raised.value.errors] == [("manager", "mailNickname")]


def test_models_built_in_code_are_kept_and_checked(sdk: Any) -> None:
    models = sdk.models
    group = models.Group(mail_nickname="g")
    user = models.User(manager=group)
    assert user.manager is group  # kept as it is
    assert type(models.User(manager={"mailNickname": "g"}).manager) is models.DirectoryObject
    with pytest.raises(Exception, match="manager"):
        models.User(manager="not an object")
    with pytest.raises(Exception, match="manager"):
        models.User(manager=models.Widget(name="w"))  # not a directoryObject


# --- cycles ---------------------------------------------------------------------------------------


def test_a_type_holding_itself_and_two_holding_each_other(sdk: Any) -> None:
    tree = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}
    folder = client(sdk, {**tree, "parent": {"name": "root"}}).folders.by_id("a").get()
    models = sdk.models
    assert type(folder.children[0].children[0]) is models.Folder
    assert folder.children[0].children[0].name == "c" and folder.parent.name == "root"
    ping = client(sdk, {"id": "1", "pong": {"id": "2", "ping": {"id": "3"}}}).pings.by_id("1").get()
    assert type(ping.pong) is models.Pong and type(ping.pong.ping) is models.Ping
    assert dump(ping) == {"id": "1", "pong": {"id": "2", "ping": {"id": "3"}}}
    assert "widget" not in loaded() and "user" not in loaded()
    # the JSON schema of a class follows its references, cycles included, and every
    # reference it holds is to a definition it holds
    for cls, holds in ((models.Ping, "Pong"), (models.Folder, "Folder"), (models.User, "Dir")):
        schema = cls.model_json_schema()
        text = json.dumps(schema)
        assert f'"title": "{holds}' in text
        refs = set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', text))
        assert refs <= set(schema.get("$defs", {})), text


# --- type checking ------------------------------------------------------------------------------

USAGE = f"""
from {PACKAGE} import Client, models
from {PACKAGE}.models import Folder, User

client = Client(token="t")
found: models.DirectoryObject = client.users.by_id("1").manager.get()
if isinstance(found, User) and found.manager is not None:
    manager: models.DirectoryObject = found.manager
folder = Folder(name="a", children=[Folder(name="b")])
names: list[str | None] = [child.name for child in folder.children or []]
registry: type[models.GraphModel] = models.MODELS["microsoft.graph.user"]
"""


def test_the_package_and_a_users_code_pass_mypy_strict(sdk_dir: Path) -> None:
    (sdk_dir / "usage.py").write_text(USAGE, encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "usage.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
    # a name that is no model is an error for type checkers (no module __getattr__ for them)
    (sdk_dir / "typo.py").write_text(f"from {PACKAGE} import models\nmodels.Usr\n", "utf-8")
    typo = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "typo.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert typo.returncode == 1 and 'has no attribute "Usr"' in typo.stdout, typo.stdout
