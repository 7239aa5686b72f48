"""How the stub server picks the route and the example that answer a request, on small
constructed doc sets: routes of one shape from several operations are one route, function
arguments declared as literals are placeholders, example paths compare decoded, case
folded and without a trailing slash, an encoded slash stays inside its parameter,
``Prefer: example=<id>`` picks an example, and an example whose URL fits no declared
path is served at its own path."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.model import Model
from generator.read.docs import read_docs
from generator.stubs.paths import compile_path, placeholder_arguments, route_path
from generator.stubs.render import render_stubs
from tests.packages import imported, write_plan
from tests.stubs.test_stubs import variant

_PACKAGES = itertools.count()


def page(title: str, lines: list[str], examples: list[tuple[str, str]]) -> str:
    """An API page: ``lines`` in its HTTP request block, ``examples`` as (request block
    text, JSON response body) pairs, each response a 200."""
    parts = [
        f"---\ntitle: {title}\n---\n# {title}\n\n## HTTP request\n\n",
        '<!-- { "blockType": "ignored" } -->\n```http\n' + "\n".join(lines) + "\n```\n\n",
        "## Examples\n\n",
    ]
    for i, (request, body) in enumerate(examples, 1):
        parts += [
            f"### Example {i}\n\n#### Request\n\n",
            f'<!-- {{ "blockType": "request", "name": "{title}_{i}" }} -->\n',
            f"```http\n{request}\n```\n\n#### Response\n\n",
            '<!-- { "blockType": "response" } -->\n',
            f"```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n\n",
        ]
    return "".join(parts)


def read(tmp_path: Path, pages: dict[str, str]) -> Model:
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    model = read_docs([tmp_path / "docs"])
    assert model.operations, model.diagnostics
    return model


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    """``serve(model)``: the stub app generated for ``model``, imported."""
    with ExitStack() as loaded:

        def load(model: Model) -> Any:
            package = f"d2c_rule_stubs_{next(_PACKAGES)}"
            out = write_plan(render_stubs(model, package), tmp_path / package)
            return loaded.enter_context(imported(package, out)).app

        yield load


def send(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


GRAPH = "https://graph.microsoft.com/v1.0"


def test_routes_of_one_shape_from_several_operations_are_one(tmp_path: Path, serve: Any) -> None:
    app = serve(
        read(
            tmp_path,
            {
                "user-list-things.md": page(
                    "list things",
                    ["GET /users/{usersId}/things"],
                    [(f"GET {GRAPH}/users/u1/things", '{"from": "list"}')],
                ),
                "user-get-things.md": page(
                    "get things",
                    ["GET /users/{id | userPrincipalName}/things"],
                    [(f"GET {GRAPH}/users/jo@contoso.com/things", '{"from": "get"}')],
                ),
            },
        )
    )
    assert send(app, "GET", "/v1.0/users/u1/things").json() == {"from": "list"}
    assert send(app, "GET", "/v1.0/users/jo@contoso.com/things").json() == {"from": "get"}


def test_function_arguments_declared_as_literals_are_placeholders(
    tmp_path: Path, serve: Any
) -> None:
    declared = variant("/things/filterByCurrentUser(on='parameterValue',top=5)")
    assert placeholder_arguments(declared).template == (
        "/things/filterByCurrentUser(on='{on}',top={top})"
    )
    assert compile_path(variant("/x/f(a='{v}')")).params == (("v", "v"),)  # kept
    app = serve(
        read(
            tmp_path,
            {
                "thing-filter.md": page(
                    "filter things",
                    ["GET /things/filterByCurrentUser(on='parameterValue')"],
                    [(f"GET {GRAPH}/things/filterByCurrentUser(on='reviewer')", '{"on": 1}')],
                )
            },
        )
    )
    got = send(app, "GET", "/v1.0/things/filterByCurrentUser(on='reviewer')")
    assert got.status_code == 200 and got.json() == {"on": 1}
    assert send(app, "GET", "/v1.0/things/filterByCurrentUser(on='other')").status_code == 200
    assert send(app, "GET", "/v1.0/things/filterByCurrentUser(x='y')").status_code == 404


def test_example_paths_compare_case_folded_without_a_trailing_slash(
    tmp_path: Path, serve: Any
) -> None:
    app = serve(
        read(
            tmp_path,
            {
                "item-get.md": page(
                    "get item",
                    ["GET /me/items/{id}"],
                    [
                        (f"GET {GRAPH}/me/items/a", '{"n": 1}'),
                        (f"GET {GRAPH}/me/items/b/", '{"n": 2}'),
                        (f"GET {GRAPH}/ME/Items/c", '{"n": 3}'),
                    ],
                )
            },
        )
    )
    assert send(app, "GET", "/v1.0/me/items/b/").json() == {"n": 2}
    assert send(app, "GET", "/v1.0/me/items/b").json() == {"n": 2}
    assert send(app, "GET", "/v1.0/ME/Items/c").json() == {"n": 3}
    assert send(app, "GET", "/v1.0/me/items/zzz").json() == {"n": 1}  # the first


def test_an_encoded_slash_stays_inside_its_parameter(tmp_path: Path, serve: Any) -> None:
    assert route_path("/me/activities/%2Farticle%3F12345") == "/me/activities/%2Farticle?12345"
    app = serve(
        read(
            tmp_path,
            {
                "activity-put.md": page(
                    "put activity",
                    ["PUT /me/activities/{appActivityId}"],
                    [
                        (f"PUT {GRAPH}/me/activities/plain\n\n{{}}", '{"n": 1}'),
                        (f"PUT {GRAPH}/me/activities/%2Farticle%3F12345\n\n{{}}", '{"n": 2}'),
                    ],
                )
            },
        )
    )
    got = send(app, "PUT", "/v1.0/me/activities/%2Farticle%3F12345", json={})
    assert got.status_code == 200 and got.json() == {"n": 2}
    assert send(app, "PUT", "/v1.0/me/activities/a/b", json={}).status_code == 404


def test_prefer_example_picks_among_identical_requests(tmp_path: Path, serve: Any) -> None:
    text = page(
        "get app",
        ["GET /mobileApps/{id}"],
        [
            (f"GET {GRAPH}/mobileApps/{{id}}", '{"kind": "ios"}'),
            (f"GET {GRAPH}/mobileApps/{{id}}", '{"kind": "android"}'),
        ],
    )
    app = serve(read(tmp_path, {"app-get.md": text}))
    url = "/v1.0/mobileApps/%7Bid%7D"
    assert send(app, "GET", url).json() == {"kind": "ios"}  # without a preference: the first
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("GET https")]
    second = f'example="api/app-get.md:{lines[1]}"'  # page and request line
    assert send(app, "GET", url, headers={"Prefer": second}).json() == {"kind": "android"}
    both = f'outlook.timezone="UTC", {second}'
    assert send(app, "GET", url, headers={"Prefer": both}).json() == {"kind": "android"}
    by_name = {"Prefer": "example=get app_2"}
    assert send(app, "GET", url, headers=by_name).json() == {"kind": "ios"}  # no such name
    named = {"Prefer": 'example="get app_2"'}
    assert send(app, "GET", url, headers=named).json() == {"kind": "android"}
    unknown = {"Prefer": "example=nothing"}
    assert send(app, "GET", url, headers=unknown).json() == {"kind": "ios"}


POST = f"POST {GRAPH}/things\nContent-Type: application/json"


def test_without_a_preference_the_request_body_decides(tmp_path: Path, serve: Any) -> None:
    app = serve(
        read(
            tmp_path,
            {
                "thing-create.md": page(
                    "create thing",
                    ["POST /things"],
                    [
                        (f'{POST}\n\n{{"a": 1}}', '{"n": 1}'),
                        (f'{POST}\n\n{{"a": 2}}', '{"n": 2}'),
                    ],
                )
            },
        )
    )
    assert send(app, "POST", "/v1.0/things", content=b'{ "a" : 2 }').json() == {"n": 2}
    assert send(app, "POST", "/v1.0/things", json={"a": 1}).json() == {"n": 1}


def test_an_example_whose_url_fits_no_declared_path_is_served_at_it(
    tmp_path: Path, serve: Any
) -> None:
    app = serve(
        read(
            tmp_path,
            {
                "user-get-manager.md": page(
                    "get manager",
                    ["GET /users/{id}/manager"],
                    [
                        (f"GET {GRAPH}/users/u1/manager", '{"n": 1}'),
                        (f"GET {GRAPH}/me/manager", '{"n": 2}'),
                        (f"GET {GRAPH}/users/u1/manager/$count", '{"n": 3}'),
                    ],
                )
            },
        )
    )
    assert send(app, "GET", "/v1.0/me/manager").json() == {"n": 2}
    assert send(app, "GET", "/v1.0/users/u1/manager/$count").json() == {"n": 3}
    assert send(app, "GET", "/v1.0/users/u2/manager").json() == {"n": 1}
    assert send(app, "GET", "/v1.0/users/u2/manager/$count").status_code == 404  # exact only
    assert send(app, "DELETE", "/v1.0/me/manager").status_code == 405


def test_bodies_nested_too_deeply_are_answered(tmp_path: Path, serve: Any) -> None:
    """Issue 12: a request body nested deeper than Python's parser goes is refused with
    400 where a JSON object is expected, and is told apart by its text elsewhere; never
    a RecursionError (500)."""
    create = page("create thing", ["POST /things"], [(f"POST {GRAPH}/things", '{"made": 1}')])
    create = create.replace(
        "## Examples", "## Request body\n\n|Parameter|Type|Description|\n|:-|:-|:-|\n"
        "|name|String|The name.|\n\n## Examples"
    )
    app = serve(read(tmp_path, {"thing-create.md": create}))
    deep = "[" * 100_000 + "]" * 100_000
    sent = send(app, "POST", "/v1.0/things", content=deep, headers={"Content-Type": "json"})
    assert sent.status_code == 400
    assert "not valid JSON" in sent.json()["error"]["message"]
