"""The generated client for input_docs/: every documented example request, issued through
the fluent builders against an httpx mock transport, sends exactly the documented method,
path and body; and the package passes mypy --strict and ruff."""

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
from urllib.parse import unquote

import httpx
import pytest

from generator.model import Example, Model, Operation, PathVariant
from generator.paths import match_example
from generator.read.docs import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.sdk.routes import step_for
from tests.packages import imported, write_plan

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "d2c_test_sdk"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([ROOT / "input_docs"])


@pytest.fixture(scope="module")
def sdk_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def documented_calls(model: Model) -> list[tuple[Operation, Example, PathVariant]]:
    calls = []
    for op in model.operations:
        for ex in op.examples:
            if ex.request is None or ex.request.method != op.method:
                continue
            variant = match_example(ex.request.path, op.paths)
            if variant is not None:
                calls.append((op, ex, variant))
    return calls


def navigate(root: Any, variant: PathVariant, path: str) -> Any:
    """Follow the builders for ``variant``, taking parameter values from ``path``."""
    steps = [step_for(s) for s in variant.segments]
    pattern = "/".join(
        "".join(
            "(.+?)" if piece.startswith("{") and piece[1:-1].isdigit() else re.escape(piece)
            for piece in re.split(r"(\{\d+\})", s.template.replace("{{", "{").replace("}}", "}"))
            if piece
        )
        for s in steps
    )
    m = re.fullmatch("/" + pattern, path, flags=re.IGNORECASE)
    assert m is not None, (path, variant.template)
    values = iter(m.groups())
    node = root
    for step in steps:
        member = getattr(node, step.member)
        node = member if step.is_property else member(*(next(values) for _ in step.params))
    return node


def mock(example: Example, sent: list[httpx.Request], base_url: str) -> httpx.MockTransport:
    """Answers with the documented response (status, headers, body); a redirect it
    sends the client to, on another host, gets a plain file."""

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        resp = example.response
        if resp is None or resp.status is None:
            return httpx.Response(204)
        headers = {h.name: h.value for h in resp.headers if h.name.lower() != "content-length"}
        if request.url.host != httpx.URL(base_url).host:
            return httpx.Response(200, content=b"file content")
        content = resp.body.text if resp.body is not None else b""
        return httpx.Response(resp.status, content=content, headers=headers)

    return httpx.MockTransport(handler)


def test_every_example_request_goes_through_the_builders(model: Model, sdk: ModuleType) -> None:
    calls = documented_calls(model)
    assert len(calls) >= 9  # all of input_docs but the seed whose URL matches no path (DC301)
    for op, ex, variant in calls:
        req = ex.request
        assert req is not None
        sent: list[httpx.Request] = []
        client = sdk.Client(token="t0ken", transport=mock(ex, sent, sdk.BASE_URL))
        node = navigate(client, variant, req.path)
        kwargs: dict[str, Any] = {}
        if req.body is not None and req.body.json is not None:
            kwargs["body"] = req.body.json
        if req.query:
            kwargs["params"] = dict(p.split("=", 1) for p in req.query.split("&") if "=" in p)
        getattr(node, op.method.lower())(**kwargs)
        request = sent[0]
        assert request.method == req.method, op.id
        base = httpx.URL(sdk.BASE_URL).path.rstrip("/")
        assert unquote(request.url.path) == base + req.path, op.id
        if "body" in kwargs:
            assert json.loads(request.content) == req.body.json if req.body else None
        assert request.headers["authorization"] == "Bearer t0ken"
        assert request.headers["user-agent"].startswith(f"{PACKAGE}/")


def test_the_async_client_shares_the_builders(model: Model, sdk: ModuleType) -> None:
    op, ex, variant = documented_calls(model)[0]
    assert ex.request is not None
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"value": []} if "versions" in request.url.path else {})

    async def main() -> None:
        async with sdk.AsyncClient(token="t", transport=httpx.MockTransport(handler)) as client:
            node = navigate(client, variant, ex.request.path if ex.request else "")
            await getattr(node, op.method.lower())()

    asyncio.run(main())
    assert [r.method for r in sent] == [op.method]


def test_odata_options_are_typed_keywords(sdk: ModuleType) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"value": [{"id": "1"}]})

    client = sdk.Client(token="t", transport=httpx.MockTransport(handler))
    page = client.drives.by_id("d").items.by_id("i").versions.get(
        select=["id", "size"], top=5, filter="size gt 0", count=True, params={"x": "1"}
    )
    assert [v.id for v in page] == ["1"]
    query = unquote(sent[0].url.query.decode())
    assert query == "$select=id,size&$filter=size gt 0&$top=5&$count=true&x=1"


CHAIN = """
import sys
import {package} as sdk
client = sdk.Client(token="t")
node = client.drives.by_id("d1").items.by_id("i/2").versions.by_id("3.0").restore_version
info = node.request_info("POST")
assert info.path == "/drives/d1/items/i%2F2/versions/3.0/restoreVersion", info.path
assert "httpx" not in sys.modules and "pydantic" not in sys.modules, "imported too early"
assert "{package}._paths._me" not in sys.modules, "a segment loaded what it does not reach"
"""


def test_restore_version_chain_from_the_issue_without_httpx(sdk_dir: Path) -> None:
    """Building a request imports neither httpx nor pydantic: they load on first send."""
    code = CHAIN.format(package=PACKAGE)
    done = subprocess.run([sys.executable, "-c", code], cwd=sdk_dir, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_call_documents_summary_permissions_and_source(sdk: ModuleType) -> None:
    """What help() shows: the docstring ``_node`` writes from the declaration's parts."""
    client = sdk.Client(token="t")
    call = client.drives.by_id("d").items.by_id("i").versions.get
    assert call.__name__ == "get"
    assert call.__doc__ == (
        "Listing versions of a DriveItem.\n\n"
        "Permissions, least privileged first:\n"
        "Delegated (work or school): Files.Read, Files.ReadWrite, Files.Read.All, "
        "Files.ReadWrite.All, Sites.Read.All, Sites.ReadWrite.All\n"
        "Delegated (personal): Files.Read, Files.ReadWrite, Files.Read.All, Files.ReadWrite.All\n"
        "Application: Files.Read.All, Files.ReadWrite.All, Sites.Read.All, Sites.ReadWrite.All\n\n"
        "Docs: api/driveitem-list-versions.md\n\n"
        "Example:\n    client.drives.by_id(drive_id).items.by_id(item_id).versions.get(top=5)"
    )


USAGE = """
from typing import assert_type

from {package} import Client, models
from {package}._runtime import SyncPage

client = Client(token="t")
versions = client.drives.by_id("d").items.by_id("i").versions.get(select=["id"], top=2)
assert_type(versions, SyncPage[models.DriveItemVersion])
version = client.me.drive.items.by_id("i").versions.by_id("v").get()
assert_type(version, models.DriveItemVersion)
restore = client.drives.by_id("d").items.by_id("i").versions.by_id("v").restore_version
assert_type(restore.post(), None)
body = models.ListItemVersion(id="1", last_modified_by=models.IdentitySet(user=None))
"""


def test_generated_package_passes_mypy_strict_and_ruff(sdk_dir: Path) -> None:
    """Also type-checks how a user calls it: typed returns, snake_case model fields."""
    (sdk_dir / "usage_check.py").write_text(USAGE.format(package=PACKAGE), encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "usage_check.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
    ruff = subprocess.run(
        [BIN / "ruff", "check", PACKAGE], cwd=sdk_dir, capture_output=True, text=True
    )
    assert ruff.returncode == 0, ruff.stdout
