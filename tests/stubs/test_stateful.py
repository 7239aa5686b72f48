"""The stub server's stateful mode (``create_app(stateful=True)``, ``docs2code serve
--stateful``), on a small constructed doc set for a ``/widgets`` collection: PATCH, PUT,
DELETE and POST change what later GETs return; the module's ``app`` stays stateless."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.cli.serve import load_app
from generator.read.docs import read_docs
from generator.stubs.render import render_stubs
from tests.packages import imported, write_plan

PACKAGE = "d2c_stateful_stubs"
W1 = {"id": "w1", "name": "First", "size": 1}
W2 = {"id": "w2", "name": "Second", "size": 2}


def page(title: str, line: str, request: str, response: str) -> str:
    """An API page for the operation ``line`` with one example: ``request`` (the request
    block) and ``response`` (the response block)."""
    return (
        f"---\ntitle: {title}\n---\n# {title}\n\n## HTTP request\n\n"
        f'<!-- {{ "blockType": "ignored" }} -->\n```http\n{line}\n```\n\n'
        f"## Examples\n\n### Example\n\n#### Request\n\n"
        f'<!-- {{ "blockType": "request", "name": "{title}" }} -->\n'
        f"```http\n{request}\n```\n\n#### Response\n\n"
        '<!-- { "blockType": "response" } -->\n'
        f"```http\n{response}\n```\n"
    )


def ok(status: str, body: str = "") -> str:
    json = "Content-Type: application/json\n\n" + body if body else ""
    return f"HTTP/1.1 {status}\n{json}"


GRAPH = "https://graph.microsoft.com/v1.0"
PAGES = {
    "widget-list.md": page(
        "widget_list",
        "GET /widgets",
        f"GET {GRAPH}/widgets",
        ok(
            "200 OK",
            '{"value": [{"id": "w1", "name": "First", "size": 1}, '
            '{"id": "w2", "name": "Second", "size": 2}]}',
        ),
    ),
    "widget-get.md": page(
        "widget_get",
        "GET /widgets/{id}",
        f"GET {GRAPH}/widgets/w1",
        ok("200 OK", '{"id": "w1", "name": "First", "size": 1}'),
    ),
    "widget-update.md": page(
        "widget_update",
        "PATCH /widgets/{id}",
        f'PATCH {GRAPH}/widgets/w1\nContent-Type: application/json\n\n{{"name": "Renamed"}}',
        ok("200 OK", '{"id": "w1", "name": "Renamed", "size": 1}'),
    ),
    "widget-replace.md": page(
        "widget_replace",
        "PUT /widgets/{id}",
        f'PUT {GRAPH}/widgets/w1\nContent-Type: application/json\n\n{{"name": "New", "size": 5}}',
        ok("204 No Content"),
    ),
    "widget-delete.md": page(
        "widget_delete", "DELETE /widgets/{id}", f"DELETE {GRAPH}/widgets/w1", ok("204 No Content")
    ),
    "widget-post.md": page(
        "widget_post",
        "POST /widgets",
        f'POST {GRAPH}/widgets\nContent-Type: application/json\n\n{{"name": "Made", "size": 3}}',
        ok("201 Created", '{"name": "Made", "size": 3}'),
    ),
}


@pytest.fixture(scope="module")
def stubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("stateful")
    docs = tmp / "docs" / "api"
    docs.mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    model = read_docs([tmp / "docs"])
    assert len(model.operations) == len(PAGES), model.diagnostics
    with imported(f"{PACKAGE}.app", write_plan(render_stubs(model, PACKAGE), tmp / "out")) as app:
        yield app


def session(app: Any, *calls: tuple[str, str, Any]) -> list[httpx.Response]:
    """The answers to ``calls`` (method, URL, JSON body or None), sent in order."""

    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return [await client.request(m, url, json=body) for m, url, body in calls]

    return asyncio.run(go())


def test_patch_merges_into_the_documented_item_and_later_gets_show_it(stubs: Any) -> None:
    patched, item, listed = session(
        stubs.create_app(stateful=True),
        ("PATCH", "/v1.0/widgets/w1", {"size": 9}),
        ("GET", "/v1.0/Widgets/W1/", None),  # the same resource: case and slash do not count
        ("GET", "/widgets", None),
    )
    assert patched.status_code == 200
    assert patched.json() == W1 | {"size": 9}
    assert item.status_code == 200 and item.json() == W1 | {"size": 9}
    assert listed.json() == {"value": [W1 | {"size": 9}, W2]}


def test_put_replaces_and_keeps_the_documented_status(stubs: Any) -> None:
    put, item = session(
        stubs.create_app(stateful=True),
        ("PUT", "/widgets/w2", {"name": "New"}),
        ("GET", "/widgets/w2", None),
    )
    assert put.status_code == 204 and put.content == b""
    assert item.json() == {"name": "New"}


def test_delete_makes_later_gets_404_until_put_recreates(stubs: Any) -> None:
    deleted, item, listed, again, put, back = session(
        stubs.create_app(stateful=True),
        ("DELETE", "/v1.0/widgets/w1", None),
        ("GET", "/v1.0/widgets/w1", None),
        ("GET", "/v1.0/widgets", None),
        ("PATCH", "/v1.0/widgets/w1", {"size": 9}),
        ("PUT", "/v1.0/widgets/w1", {"id": "w1", "name": "Back"}),
        ("GET", "/v1.0/widgets/w1", None),
    )
    assert deleted.status_code == 204
    assert item.status_code == 404 and item.json()["error"]["code"] == "itemNotFound"
    assert listed.json() == {"value": [W2]}
    assert again.status_code == 404
    assert put.status_code == 204 and back.json() == {"id": "w1", "name": "Back"}


def test_post_stores_the_created_item_in_its_collection(stubs: Any) -> None:
    first, second, listed, item, deleted, after = session(
        stubs.create_app(stateful=True),
        ("POST", "/v1.0/widgets", {"name": "Made", "size": 3}),
        ("POST", "/v1.0/widgets", {"name": "Other"}),
        ("GET", "/v1.0/widgets", None),
        ("GET", "/v1.0/widgets/created-2", None),
        ("DELETE", "/v1.0/widgets/created-1", None),
        ("GET", "/v1.0/widgets", None),
    )
    made = {"id": "created-1", "name": "Made", "size": 3}
    other = {"id": "created-2", "name": "Other", "size": 3}
    assert first.status_code == 201 and first.json() == made
    assert second.json() == other
    assert listed.json() == {"value": [W1, W2, made, other]}
    assert item.status_code == 200 and item.json() == other
    assert deleted.status_code == 204
    assert after.json() == {"value": [W1, W2, other]}


def test_each_stateful_app_has_its_own_store(stubs: Any) -> None:
    session(stubs.create_app(stateful=True), ("DELETE", "/widgets/w1", None))
    (item,) = session(stubs.create_app(stateful=True), ("GET", "/widgets/w1", None))
    assert item.json() == W1


def test_the_default_app_stays_stateless(stubs: Any) -> None:
    answers = session(
        stubs.app,
        ("PATCH", "/widgets/w1", {"size": 9}),
        ("DELETE", "/widgets/w2", None),
        ("POST", "/widgets", {"name": "Made", "size": 3}),
        ("GET", "/widgets/w1", None),
        ("GET", "/widgets", None),
    )
    assert [a.status_code for a in answers] == [200, 204, 201, 200, 200]
    assert answers[0].json() == W1 | {"name": "Renamed"}  # the documented example
    assert answers[3].json() == W1
    assert answers[4].json() == {"value": [W1, W2]}


def test_undocumented_routes_answer_as_without_a_store(stubs: Any) -> None:
    unknown, method = session(
        stubs.create_app(stateful=True),
        ("GET", "/gadgets", None),
        ("DELETE", "/widgets", None),
    )
    assert unknown.status_code == 404
    assert method.status_code == 405


def test_serve_stateful_loads_a_new_stateful_app(stubs: Any) -> None:
    out = Path(stubs.__file__).parents[1]
    try:
        app, module = load_app(out, PACKAGE, stateful=True)
    finally:
        sys.path.remove(str(out.resolve()))
    assert module is stubs and app is not stubs.app
    session(app, ("DELETE", "/widgets/w1", None))
    assert [a.status_code for a in session(app, ("GET", "/widgets/w1", None))] == [404]
    assert load_app(out, PACKAGE)[0] is stubs.app
    sys.path.remove(str(out.resolve()))
