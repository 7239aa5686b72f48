"""The SDK runtime (templates/sdk/_runtime.py, copied as it is): imported and driven through
httpx.MockTransport; then type-checked, linted and format-checked as generated code."""

from __future__ import annotations

import asyncio
import email.utils
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import httpx
import pytest
from pydantic import BaseModel, ConfigDict, Field

from generator.sdk.render import environment

ROOT = Path(__file__).resolve().parents[2]
PACKAGE, VERSION = "docs2code_sdk", "1.2.3"
BASE = "https://graph.test/v1.0"


def render(template: str) -> str:
    return environment().get_template(template).render(package=PACKAGE, version=VERSION)


def static(name: str) -> str:
    return (ROOT / "templates" / "sdk" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered runtime as ``<tmp>/docs2code_sdk/_runtime.py``."""
    root = tmp_path_factory.mktemp("sdk")
    pkg = root / PACKAGE
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "_version.py").write_text(render("_version.py.jinja"), encoding="utf-8")
    (pkg / "_runtime.py").write_text(static("_runtime.py"), encoding="utf-8")
    (pkg / "_node.py").write_text(static("_node.py"), encoding="utf-8")
    return pkg


@pytest.fixture(scope="module")
def rt(package_dir: Path) -> Iterator[ModuleType]:
    """``_runtime`` imported inside a package of its own name, for its ``from ._version``."""
    name = "_docs2code_test_sdk"
    spec = importlib.util.spec_from_file_location(
        name, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    assert spec is not None and spec.loader is not None
    sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sys.modules[name])
    yield importlib.import_module(f"{name}._runtime")
    for key in [k for k in sys.modules if k.partition(".")[0] == name]:
        del sys.modules[key]


class Item(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str
    display_name: str | None = Field(default=None, alias="displayName")
    size: int | None = None


Handler = Callable[[httpx.Request], httpx.Response]


class Server:
    """A MockTransport handler that answers from a queue (the last answer repeats) and
    records every request it sees."""

    def __init__(self, *answers: httpx.Response | Handler | Exception) -> None:
        self.answers = list(answers) or [httpx.Response(200, json={})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        # A fresh copy each time: a response is read once, and sync and async differ.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def sync_core(rt: ModuleType, server: Server, **kwargs: Any) -> Any:
    kwargs.setdefault("sleep", lambda _seconds: None)
    return rt.SyncCore(base_url=BASE, transport=server.transport, **kwargs)


def async_core(rt: ModuleType, server: Server, **kwargs: Any) -> Any:
    async def no_sleep(_seconds: float) -> None:
        return None

    kwargs.setdefault("sleep", no_sleep)
    return rt.AsyncCore(base_url=BASE, transport=server.transport, **kwargs)


def error_body(code: str, message: str, request_id: str | None = None) -> dict[str, Any]:
    inner = {"request-id": request_id, "date": "2024-01-01T00:00:00"} if request_id else {}
    return {"error": {"code": code, "message": message, "innerError": inner}}


# Requests ----------------------------------------------------------------------------------


def test_user_agent_is_rendered_and_sent(rt: ModuleType) -> None:
    assert rt.USER_AGENT == "docs2code_sdk/1.2.3 (docs2code; python-httpx)"
    server = Server()
    with sync_core(rt, server, headers={"X-Extra": "1"}) as core:
        core.send("GET", "/me")
    sent = server.requests[0].headers
    assert sent["user-agent"] == rt.USER_AGENT
    assert sent["accept"] == "application/json"
    assert sent["x-extra"] == "1"
    assert sent["client-request-id"]


def test_static_token(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server, token="abc") as core:
        core.send("GET", "/me")
    assert server.requests[0].headers["authorization"] == "Bearer abc"


def test_callable_token_is_asked_before_every_request(rt: ModuleType) -> None:
    tokens = iter(["t1", "t2"])
    server = Server()
    with sync_core(rt, server, token=lambda: next(tokens)) as core:
        core.send("GET", "/me")
        core.send("GET", "/me")
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer t1", "Bearer t2"]


def test_no_token_no_authorization(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server) as core:
        core.send("GET", "/me")
    assert "authorization" not in server.requests[0].headers


@pytest.mark.parametrize("kind", ["static", "sync", "async"])
def test_async_core_tokens(rt: ModuleType, kind: str) -> None:
    async def fetch() -> str:
        return "tok"

    token: Any = {"static": "tok", "sync": lambda: "tok", "async": fetch}[kind]
    server = Server()

    async def main() -> None:
        async with async_core(rt, server, token=token) as core:
            await core.send("GET", "/me")

    asyncio.run(main())
    assert server.requests[0].headers["authorization"] == "Bearer tok"


def test_token_stays_on_the_base_urls_origin(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server, token="abc") as core:
        core.request("GET", "https://graph.test/v1.0/me")
        core.request("GET", "https://download.example/file?sig=x")
        core.request("GET", "http://graph.test/v1.0/me")
    auth = [r.headers.get("authorization") for r in server.requests]
    assert auth == ["Bearer abc", None, None]


def test_cross_origin_redirect_drops_the_token(rt: ModuleType) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "graph.test":
            return httpx.Response(302, headers={"Location": "https://cdn.example/blob"})
        return httpx.Response(200, content=b"data", headers={"Content-Type": "text/plain"})

    server = Server(handler)
    with sync_core(rt, server, token="abc") as core:
        assert core.send("GET", "/me/drive/items/1/content", expect=bytes) == b"data"
    assert [r.url.host for r in server.requests] == ["graph.test", "cdn.example"]
    assert "authorization" not in server.requests[1].headers


@pytest.mark.parametrize("base", [BASE, BASE + "/"])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/me/drive", "/v1.0/me/drive"),
        ("me/drive", "/v1.0/me/drive"),
        ("/drives/a%20b/items/x%2Fy", "/v1.0/drives/a%20b/items/x%2Fy"),
        ("/reports/getX(period='D7')", "/v1.0/reports/getX(period='D7')"),
        ("/me/drive/root:/a%20b.txt:/content", "/v1.0/me/drive/root:/a%20b.txt:/content"),
    ],
)
def test_base_url_joining(rt: ModuleType, base: str, path: str, expected: str) -> None:
    server = Server()
    with rt.SyncCore(base_url=base, transport=server.transport) as core:
        core.send("GET", path)
    url = server.requests[0].url
    assert (url.scheme, url.host, url.raw_path.decode()) == ("https", "graph.test", expected)


def test_query_parameters_are_encoded_the_odata_way(rt: ModuleType) -> None:
    server = Server()
    params = {
        "$select": ["id", "name"],
        "$filter": "name eq 'a b' and size gt 1",
        "$top": 5,
        "$count": True,
        "$skip": None,
        "q": "a+b&c=d#e",
    }
    with sync_core(rt, server) as core:
        core.send("GET", "/me/items", params=params)
        core.send("GET", "/me/items?$expand=children", params={"$top": 1})
    first, second = (r.url.raw_path.decode() for r in server.requests)
    assert first == (
        "/v1.0/me/items?$select=id,name&$filter=name%20eq%20'a%20b'%20and%20size%20gt%201"
        "&$top=5&$count=true&q=a%2Bb%26c%3Dd%23e"
    )
    assert second == "/v1.0/me/items?$expand=children&$top=1"


def test_timeout_is_passed(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server, timeout=7.5) as core:
        core.send("GET", "/me")
    assert server.requests[0].extensions["timeout"] == {
        "connect": 7.5,
        "read": 7.5,
        "write": 7.5,
        "pool": 7.5,
    }


# Bodies ------------------------------------------------------------------------------------


def test_model_body_is_dumped_by_alias_without_unset_fields(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server) as core:
        core.send("PATCH", "/me/items/1", body=Item(id="1", displayName="x", size=None))
    request = server.requests[0]
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"id": "1", "displayName": "x", "size": None}


def test_dict_body_with_nested_models_and_dates(rt: ModuleType) -> None:
    server = Server()
    body = {"items": [Item(id="1", displayName="x")], "when": datetime(2024, 1, 2, tzinfo=UTC)}
    with sync_core(rt, server) as core:
        core.send("POST", "/batch", body=body)
    assert json.loads(server.requests[0].content) == {
        "items": [{"id": "1", "displayName": "x"}],
        "when": "2024-01-02T00:00:00Z",
    }


@pytest.mark.parametrize(
    ("body", "headers", "content", "content_type"),
    [
        (b"\x00\x01", None, b"\x00\x01", "application/octet-stream"),
        ("héllo", None, "héllo".encode(), "text/plain; charset=utf-8"),
        (b"<p/>", {"Content-Type": "text/html"}, b"<p/>", "text/html"),
        ([1, 2], None, b"[1,2]", "application/json"),
    ],
)
def test_raw_bodies(
    rt: ModuleType, body: Any, headers: Any, content: bytes, content_type: str
) -> None:
    server = Server()
    with sync_core(rt, server) as core:
        core.send("PUT", "/me/drive/items/1/content", body=body, headers=headers)
    assert server.requests[0].content == content
    assert server.requests[0].headers["content-type"] == content_type


def test_no_body_no_content(rt: ModuleType) -> None:
    server = Server()
    with sync_core(rt, server) as core:
        core.send("POST", "/me/items/1/restore")
    assert server.requests[0].content == b""
    assert "content-type" not in server.requests[0].headers


# Responses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [httpx.Response(204), httpx.Response(200), httpx.Response(202, content=b"")],
)
def test_empty_responses_are_none(rt: ModuleType, response: httpx.Response) -> None:
    with sync_core(rt, Server(response)) as core:
        assert core.send("DELETE", "/me/items/1", expect=Item) is None


def test_expect_parses_models_and_types(rt: ModuleType) -> None:
    server = Server(
        httpx.Response(200, json={"id": "1", "displayName": "x", "@odata.etag": "e"}),
        httpx.Response(200, json=[{"id": "1"}, {"id": "2"}]),
    )
    with sync_core(rt, server) as core:
        assert core.send("GET", "/me/items/1", expect=Item) == Item(id="1", displayName="x")
        assert core.send("GET", "/x", expect=list[Item]) == [Item(id="1"), Item(id="2")]


def test_without_expect_json_text_or_bytes(rt: ModuleType) -> None:
    server = Server(
        httpx.Response(200, json={"a": 1}),
        httpx.Response(200, text="plain", headers={"Content-Type": "text/plain"}),
        httpx.Response(200, content=b"\x89PNG", headers={"Content-Type": "image/png"}),
        httpx.Response(200, content=b"odata", headers={"Content-Type": "text/plain"}),
    )
    with sync_core(rt, server) as core:
        assert core.send("GET", "/a") == {"a": 1}
        assert core.send("GET", "/b") == "plain"
        assert core.send("GET", "/c", expect=bytes) == b"\x89PNG"
        assert core.send("GET", "/d", expect=str) == "odata"


def test_a_body_nested_too_deeply_is_a_value_error(rt: ModuleType) -> None:
    """Issue 12: never a RecursionError from the SDK; a ValueError like any unreadable body."""
    deep = b'{"a": ' * 100_000 + b"1" + b"}" * 100_000
    headers = {"Content-Type": "application/json"}
    server = Server(httpx.Response(200, content=deep, headers=headers))
    with sync_core(rt, server) as core, pytest.raises(ValueError, match="nests too deeply"):
        core.send("GET", "/a")
    error = rt.error_for(httpx.Response(500, content=deep, headers=headers))
    assert error.body == deep.decode()


# Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (429, "RateLimitError"),
        (500, "ServerError"),
        (503, "ServerError"),
        (418, "ApiError"),
        (412, "ApiError"),
    ],
)
def test_error_classes(rt: ModuleType, status: int, name: str) -> None:
    body = error_body("someCode", "Something failed.", "req-1")
    server = Server(httpx.Response(status, json=body))
    retry = rt.RetryPolicy(max_retries=0)
    with sync_core(rt, server, retry=retry) as core, pytest.raises(rt.ApiError) as caught:
        core.send("GET", "/me")
    error = caught.value
    assert type(error) is getattr(rt, name)
    assert (error.status, error.code, error.message) == (status, "someCode", "Something failed.")
    assert error.request_id == "req-1"
    assert error.body == body
    assert error.response.status_code == status
    assert str(error) == f"{status} someCode: Something failed. (request-id: req-1)"


@pytest.mark.parametrize("header", ["request-id", "client-request-id", "x-ms-request-id"])
def test_request_id_from_headers(rt: ModuleType, header: str) -> None:
    response = httpx.Response(
        404, json=error_body("itemNotFound", "Not found."), headers={header: "hdr-1"}
    )
    error = rt.error_for(response)
    assert isinstance(error, rt.NotFoundError)
    assert (error.code, error.message, error.request_id) == ("itemNotFound", "Not found.", "hdr-1")


def test_request_id_in_body_wins_over_headers(rt: ModuleType) -> None:
    response = httpx.Response(
        400, json=error_body("bad", "Bad.", "body-1"), headers={"request-id": "hdr-1"}
    )
    assert rt.error_for(response).request_id == "body-1"


def test_non_json_error_body(rt: ModuleType) -> None:
    response = httpx.Response(
        502, text="<html>Bad gateway</html>\n", headers={"Content-Type": "text/html"}
    )
    error = rt.error_for(response)
    assert isinstance(error, rt.ServerError)
    assert (error.status, error.code, error.request_id) == (502, None, None)
    assert error.message == "<html>Bad gateway</html>"
    assert error.body == "<html>Bad gateway</html>\n"
    assert str(error) == "502 <html>Bad gateway</html>"


def test_empty_error_body_uses_the_reason_phrase(rt: ModuleType) -> None:
    error = rt.error_for(httpx.Response(403))
    assert isinstance(error, rt.PermissionDeniedError)
    assert error.message == "Forbidden"
    assert error.body == ""


def test_oauth_error_shape(rt: ModuleType) -> None:
    body = {"error": "invalid_token", "error_description": "Token expired."}
    error = rt.error_for(httpx.Response(401, json=body))
    assert (error.code, error.message) == ("invalid_token", "Token expired.")


# Retries -----------------------------------------------------------------------------------


def recording_sleep() -> tuple[list[float], Callable[[float], None]]:
    delays: list[float] = []
    return delays, delays.append


@pytest.mark.parametrize("status", [429, 503, 504])
def test_retry_after_seconds(rt: ModuleType, status: int) -> None:
    delays, sleep = recording_sleep()
    server = Server(
        httpx.Response(status, headers={"Retry-After": "2"}), httpx.Response(200, json={"a": 1})
    )
    with sync_core(rt, server, sleep=sleep) as core:
        assert core.send("GET", "/me") == {"a": 1}
    assert delays == [2.0]
    assert len(server.requests) == 2
    ids = {r.headers["client-request-id"] for r in server.requests}
    assert len(ids) == 1  # one logical request, one correlation id


def http_date(delta: timedelta) -> str:
    return email.utils.format_datetime(datetime.now(UTC) + delta, usegmt=True)


@pytest.mark.parametrize(
    ("retry_after", "low", "high"),
    [
        (timedelta(seconds=10), 7.0, 10.0),  # an HTTP date, made when the test runs
        (timedelta(hours=1), 30.0, 30.0),  # capped at max_backoff
        (timedelta(hours=-1), 0.0, 0.0),  # already past
        ("120", 30.0, 30.0),
        ("0", 0.0, 0.0),
    ],
)
def test_retry_after_http_date_and_cap(
    rt: ModuleType, retry_after: str | timedelta, low: float, high: float
) -> None:
    if isinstance(retry_after, timedelta):
        retry_after = http_date(retry_after)
    delays, sleep = recording_sleep()
    server = Server(httpx.Response(429, headers={"Retry-After": retry_after}), httpx.Response(204))
    with sync_core(rt, server, sleep=sleep) as core:
        core.send("GET", "/me")
    assert len(delays) == 1
    assert low <= delays[0] <= high


def test_unparsable_retry_after_falls_back_to_backoff(rt: ModuleType) -> None:
    delays, sleep = recording_sleep()
    retry = rt.RetryPolicy(jitter=lambda: 1.0)
    server = Server(httpx.Response(503, headers={"Retry-After": "soon"}), httpx.Response(204))
    with sync_core(rt, server, sleep=sleep, retry=retry) as core:
        core.send("GET", "/me")
    assert delays == [0.5]


def test_retries_are_bounded_then_the_error_is_raised(rt: ModuleType) -> None:
    delays, sleep = recording_sleep()
    server = Server(httpx.Response(503, json=error_body("serviceNotAvailable", "Busy.")))
    retry = rt.RetryPolicy(max_retries=2)
    with (
        sync_core(rt, server, sleep=sleep, retry=retry) as core,
        pytest.raises(rt.ServerError) as caught,
    ):
        core.send("GET", "/me")
    assert caught.value.code == "serviceNotAvailable"
    assert len(server.requests) == 3
    assert len(delays) == 2


@pytest.mark.parametrize("status", [400, 401, 404, 500, 502])
def test_no_retry_outside_the_statuses(rt: ModuleType, status: int) -> None:
    delays, sleep = recording_sleep()
    server = Server(httpx.Response(status))
    with sync_core(rt, server, sleep=sleep) as core, pytest.raises(rt.ApiError):
        core.send("GET", "/me")
    assert len(server.requests) == 1
    assert delays == []


def test_backoff_grows_exponentially_with_full_jitter_and_a_cap(rt: ModuleType) -> None:
    delays, sleep = recording_sleep()
    retry = rt.RetryPolicy(max_retries=5, backoff=0.5, max_backoff=4.0, jitter=lambda: 1.0)
    server = Server(httpx.Response(504))
    with sync_core(rt, server, sleep=sleep, retry=retry) as core, pytest.raises(rt.ServerError):
        core.send("GET", "/me")
    assert delays == [0.5, 1.0, 2.0, 4.0, 4.0]

    half = rt.RetryPolicy(backoff=1.0, jitter=lambda: 0.5)
    assert [half.delay(n) for n in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert rt.RetryPolicy(jitter=lambda: 0.0).delay(3) == 0.0


def test_default_policy(rt: ModuleType) -> None:
    policy = rt.RetryPolicy()
    assert (policy.max_retries, policy.backoff, policy.max_backoff) == (3, 0.5, 30.0)
    assert policy.statuses == frozenset({429, 503, 504})
    assert policy == rt.DEFAULT_RETRY
    assert 0.0 <= policy.delay(0) < 0.5


@pytest.mark.parametrize(
    ("method", "status", "headers", "retried"),
    [
        ("POST", 429, {}, True),
        ("POST", 503, {}, False),
        ("PATCH", 504, {}, False),
        ("POST", 503, {"Retry-After": "1"}, True),
        ("PUT", 503, {}, True),
        ("DELETE", 504, {}, True),
    ],
)
def test_non_idempotent_methods(
    rt: ModuleType, method: str, status: int, headers: dict[str, str], retried: bool
) -> None:
    server = Server(httpx.Response(status, headers=headers), httpx.Response(204))
    with sync_core(rt, server) as core:
        if retried:
            core.send(method, "/me/items", body={"a": 1})
        else:
            with pytest.raises(rt.ServerError):
                core.send(method, "/me/items", body={"a": 1})
    assert len(server.requests) == (2 if retried else 1)
    if retried:
        assert server.requests[1].content == b'{"a":1}'


@pytest.mark.parametrize(
    ("method", "error", "retried"),
    [
        ("POST", httpx.ConnectError("refused"), True),
        ("GET", httpx.ReadTimeout("slow"), True),
        ("POST", httpx.ReadTimeout("slow"), False),
        ("GET", httpx.UnsupportedProtocol("ftp"), False),
    ],
)
def test_network_errors(rt: ModuleType, method: str, error: Exception, retried: bool) -> None:
    server = Server(error, httpx.Response(204))
    with sync_core(rt, server) as core:
        if retried:
            assert core.send(method, "/me") is None
        else:
            with pytest.raises(rt.TransportError) as caught:
                core.send(method, "/me")
            assert caught.value.__cause__ is error  # httpx's, chained to the SDK's error
    assert len(server.requests) == (2 if retried else 1)


def test_async_retries_use_the_async_sleep(rt: ModuleType) -> None:
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)

    server = Server(
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(503, headers={"Retry-After": "1"}),
        httpx.Response(200, json={"ok": True}),
    )

    async def main() -> Any:
        async with async_core(rt, server, sleep=sleep) as core:
            return await core.send("GET", "/me")

    assert asyncio.run(main()) == {"ok": True}
    assert delays == [3.0, 1.0]


def test_async_gives_up_with_the_error(rt: ModuleType) -> None:
    server = Server(httpx.Response(429, json=error_body("tooMany", "Slow down.")))

    async def main() -> None:
        async with async_core(rt, server, retry=rt.RetryPolicy(max_retries=1)) as core:
            await core.send("GET", "/me")

    with pytest.raises(rt.RateLimitError, match="tooMany"):
        asyncio.run(main())
    assert len(server.requests) == 2


# Pagination --------------------------------------------------------------------------------


def paged(request: httpx.Request) -> httpx.Response:
    """Three pages of items; nextLinks are absolute, as the service sends them."""
    page = int(request.url.params.get("$skiptoken", "0"))
    body: dict[str, Any] = {"value": [{"id": f"{page}-{i}"} for i in range(2)]}
    if page < 2:
        body["@odata.nextLink"] = f"{BASE}/me/items?$skiptoken={page + 1}"
    else:
        body["@odata.deltaLink"] = f"{BASE}/me/items/delta?token=z"
    return httpx.Response(200, json=body)


ALL_IDS = ["0-0", "0-1", "1-0", "1-1", "2-0", "2-1"]


def test_sync_pagination_follows_next_links(rt: ModuleType) -> None:
    server = Server(paged)
    with sync_core(rt, server, token="abc") as core:
        page = core.send("GET", "/me/items", params={"$top": 2}, expect=Item, collection=True)
        assert isinstance(page, rt.SyncPage)
        assert [i.id for i in page.items] == ["0-0", "0-1"]
        assert page.next_link == f"{BASE}/me/items?$skiptoken=1"
        assert page.raw["value"][0] == {"id": "0-0"}
        assert len(server.requests) == 1  # later pages are fetched lazily
        items = list(page)
    assert all(isinstance(i, Item) for i in items)
    assert [i.id for i in items] == ALL_IDS
    assert len(server.requests) == 3
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer abc"}
    assert server.requests[1].url.raw_path == b"/v1.0/me/items?$skiptoken=1"


def test_sync_page_by_page(rt: ModuleType) -> None:
    with sync_core(rt, Server(paged)) as core:
        page = core.send("GET", "/me/items", collection=True)
        pages = []
        while page is not None:
            pages.append(page)
            page = page.next_page()
    assert pages[0].items == [{"id": "0-0"}, {"id": "0-1"}]  # raw dicts without expect
    assert [p.next_link is None for p in pages] == [False, False, True]
    assert pages[-1].delta_link == f"{BASE}/me/items/delta?token=z"


def test_async_pagination_follows_next_links(rt: ModuleType) -> None:
    server = Server(paged)

    async def main() -> list[Any]:
        async with async_core(rt, server, token="abc") as core:
            page = await core.send("GET", "/me/items", expect=Item, collection=True)
            assert isinstance(page, rt.AsyncPage)
            assert [i.id for i in page.items] == ["0-0", "0-1"]
            return [item async for item in page]

    items = asyncio.run(main())
    assert [i.id for i in items] == ALL_IDS
    assert len(server.requests) == 3
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer abc"}


def test_a_delta_query_iterates_to_the_end_then_gives_its_delta_link(rt: ModuleType) -> None:
    server = Server(paged)
    with sync_core(rt, server) as core:
        page = core.send("GET", "/me/items", expect=Item, collection=True, delta=True)
        assert isinstance(page, rt.SyncDeltaPage)
        assert page.delta_link is None  # the first page has none, nor a later one yet
        with pytest.raises(ValueError, match="iterate over the delta page to the end"):
            page.changes()
        assert [i.id for i in page] == ALL_IDS
        assert page.delta_link == f"{BASE}/me/items/delta?token=z"  # the last page's
        assert isinstance(page.next_page(), rt.SyncDeltaPage)
        later = page.changes()
    assert isinstance(later, rt.SyncDeltaPage)
    assert [i.id for i in later.items] == ["0-0", "0-1"] and all(
        isinstance(i, Item) for i in later.items
    )
    assert str(server.requests[3].url) == f"{BASE}/me/items?$skiptoken=1"
    assert str(server.requests[4].url) == f"{BASE}/me/items/delta?token=z"


def test_a_plain_page_keeps_the_delta_link_of_the_last_page_iterated(rt: ModuleType) -> None:
    with sync_core(rt, Server(paged)) as core:
        page = core.send("GET", "/me/items", collection=True)
        assert not isinstance(page, rt.SyncDeltaPage)
        assert len(list(page)) == 6
    assert page.delta_link == f"{BASE}/me/items/delta?token=z"


def test_an_async_delta_query(rt: ModuleType) -> None:
    server = Server(paged)

    async def main() -> tuple[list[Any], Any, Any]:
        async with async_core(rt, server) as core:
            page = await core.send("GET", "/me/items", expect=Item, collection=True, delta=True)
            assert isinstance(page, rt.AsyncDeltaPage) and page.delta_link is None
            items = [item async for item in page]
            return items, page.delta_link, await page.changes()

    items, link, later = asyncio.run(main())
    assert [i.id for i in items] == ALL_IDS
    assert link == f"{BASE}/me/items/delta?token=z"
    assert isinstance(later, rt.AsyncDeltaPage)
    assert str(server.requests[-1].url) == link


def test_empty_collection_and_bad_collection(rt: ModuleType) -> None:
    server = Server(httpx.Response(200, json={"value": []}), httpx.Response(200, json=[1]))
    with sync_core(rt, server) as core:
        assert list(core.send("GET", "/me/items", expect=Item, collection=True)) == []
        with pytest.raises(rt.DecodeError, match="not a collection"):
            core.send("GET", "/me/items", expect=Item, collection=True)


# The escape hatch --------------------------------------------------------------------------


def test_request_escape_hatch(rt: ModuleType) -> None:
    delays, sleep = recording_sleep()
    server = Server(
        httpx.Response(503, headers={"Retry-After": "1"}),
        httpx.Response(200, json={"ok": 1}),
        httpx.Response(404, json=error_body("itemNotFound", "Gone.")),
    )
    with sync_core(rt, server, token="abc", sleep=sleep) as core:
        response = core.request("get", "/me/special", params={"x": "1"}, json={"q": 1})
        assert isinstance(response, httpx.Response)
        assert response.json() == {"ok": 1}
        with pytest.raises(rt.NotFoundError):
            core.request("GET", f"{BASE}/me/gone")
    first = server.requests[0]
    assert (first.method, first.url.raw_path) == ("GET", b"/v1.0/me/special?x=1")
    assert first.headers["authorization"] == "Bearer abc"
    assert first.headers["user-agent"] == rt.USER_AGENT
    assert json.loads(first.content) == {"q": 1}
    assert delays == [1.0]


def test_async_request_escape_hatch(rt: ModuleType) -> None:
    server = Server(httpx.Response(200, text="hi"))

    async def main() -> httpx.Response:
        async with async_core(rt, server, token=lambda: "abc") as core:
            response: httpx.Response = await core.request("GET", "/x")
            return response

    assert asyncio.run(main()).text == "hi"
    assert server.requests[0].headers["authorization"] == "Bearer abc"


# Request builders --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nd(package_dir: Path) -> Iterator[ModuleType]:
    """The rendered builder base (``_node.py``), which must not need httpx."""
    name = "_docs2code_test_node"
    spec = importlib.util.spec_from_file_location(name, package_dir / "_node.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[name]


def node_classes(nd: ModuleType) -> tuple[type[Any], type[Any]]:
    class Leaf(nd.Node):  # type: ignore[name-defined,misc]
        __slots__ = ()

    class Branch(nd.Node):  # type: ignore[name-defined,misc]
        __slots__ = ()

    return Branch, Leaf


def test_node_paths(rt: ModuleType, nd: ModuleType) -> None:
    branch_cls, leaf_cls = node_classes(nd)
    with sync_core(rt, Server()) as core:
        root = branch_cls(core, "")
        assert root._child(leaf_cls, "me", "drive")._path == "/me/drive"
        literal = root._child(leaf_cls, "reports", "getReport(period='D7',x=1)", "$value")
        assert literal._path == "/reports/getReport(period='D7',x=1)/$value"
        assert root._child(leaf_cls, "root:", "a b")._path == "/root:/a%20b"
        assert root._param(leaf_cls, "a b")._path == "/a%20b"
        assert root._param(leaf_cls, "a/b?c#d")._path == "/a%2Fb%3Fc%23d"
        assert root._param(leaf_cls, "o'k(1)$")._path == "/o%27k%281%29%24"
        assert root._param(leaf_cls, 42)._path == "/42"
        assert root._param(leaf_cls, "..")._path == "/%2E%2E"
        assert root._param(leaf_cls, ".")._path == "/%2E"
        assert repr(root._param(leaf_cls, "x")) == "Leaf('/x')"
        with pytest.raises(ValueError, match="must not be empty"):
            root._param(leaf_cls, "")


def test_node_call_sends(rt: ModuleType, nd: ModuleType) -> None:
    branch_cls, leaf_cls = node_classes(nd)
    server = Server(httpx.Response(200, json={"id": "1"}))
    with sync_core(rt, server) as core:
        node = branch_cls(core, "")._child(leaf_cls, "drives")._param(leaf_cls, "b!1")
        assert node._call("GET", expect=Item) == Item(id="1")
    assert server.requests[0].url.raw_path == b"/v1.0/drives/b%211"

    async def main() -> Any:
        async with async_core(rt, server) as core:
            return await branch_cls(core, "/x")._call("GET", expect=Item)

    assert asyncio.run(main()) == Item(id="1")


class RecordingCore:
    """Stands in for a core: keeps what each call would send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, Any]]] = []

    def send(self, method: str, path: str, **kwargs: Any) -> str:
        self.sent.append((method, path, kwargs))
        return "sent"


def declared(nd: ModuleType, name: str, module: str, members: dict[str, tuple[str, Any]]) -> Any:
    """A builder class as the generated modules declare one: ``name: annotation = value``
    with postponed annotations, ``__set_name__`` run by class creation."""
    namespace = {"__module__": module, "__slots__": (), "__annotations__": {}}
    for attr, (annotation, value) in members.items():
        namespace["__annotations__"][attr] = annotation
        namespace[attr] = value
    cls = type(name, (nd.Node,), namespace)
    owner = sys.modules.setdefault(module, ModuleType(module))
    setattr(owner, name, cls)
    return cls


def test_an_operation_takes_its_method_and_result_from_its_declaration(nd: ModuleType) -> None:
    ops = {
        "get": ("Op[bytes]", nd.Op("Get it.", "api/x.md", "", "work: A, B", "app: not supported")),
        "delete": ("Op[None]", nd.Op("Delete it.")),
        "post": ("BodyOp[None, Any]", nd.BodyOp("Do it.", "api/y.md")),
        "patch": ("PageOp[Any]", nd.PageOp("List them.", "api/z.md")),
        "put": ("BodyPageOp[Any, Any]", nd.BodyPageOp("Check them.")),
        "head": ("DeltaOp[Any]", nd.DeltaOp("Changes.")),
    }
    core = RecordingCore()
    node = declared(nd, "Leaf", "_d2c_ops.leaf", ops)(core, "/x")
    assert node.get(top=2) == "sent" and node.delete() == "sent"
    node.post({"a": 1})
    node.patch()
    node.put([1])
    node.head()
    sent = [
        (m, p, kw["expect"], kw["collection"], kw.get("delta", False), kw["body"])
        for m, p, kw in core.sent
    ]
    assert sent == [
        ("GET", "/x", bytes, False, False, None),
        ("DELETE", "/x", None, False, False, None),
        ("POST", "/x", None, False, False, {"a": 1}),
        ("PATCH", "/x", None, True, False, None),
        ("PUT", "/x", None, True, False, [1]),
        ("HEAD", "/x", None, True, True, None),
    ]
    assert core.sent[0][2]["params"] == {"$top": 2}
    assert node.get.__name__ == "get" and node.delete.__doc__ == "Delete it."


def test_an_operation_writes_its_docstring_from_summary_source_and_permissions(
    nd: ModuleType,
) -> None:
    op = nd.Op(
        "Get it.",
        "api/x.md, api/y.md",
        "client.x.get()",
        "work: A, B",
        "personal: not supported",
        "app: C",
        "Delegated (work or school) (Contoso): D",
        "oauth2PermissionGrant: E: F",
    )
    assert op.__doc__ == (
        "Get it.\n\nPermissions, least privileged first:\n"
        "Delegated (work or school): A, B\nDelegated (personal): not supported\nApplication: C\n"
        "Delegated (work or school) (Contoso): D\noauth2PermissionGrant: E: F\n\n"
        "Docs: api/x.md, api/y.md\n\n"
        "Example:\n    client.x.get()"
    )
    assert nd.Op("Only a summary.").__doc__ == "Only a summary."


def test_a_literal_segment_finds_its_class_here_or_in_a_sibling_module(nd: ModuleType) -> None:
    value = declared(nd, "Value", "_d2c_tree.other", {})
    leaf = declared(nd, "Leaf", "_d2c_tree.here", {})
    branch = declared(
        nd,
        "Branch",
        "_d2c_tree.here",
        {
            "leaf": ("Child[Leaf[CoreT]]", nd.Child("a b")),
            "value": ("Child[Value[CoreT]]", nd.Child("$value", "other")),
        },
    )
    root = branch(RecordingCore(), "/r")
    assert type(root.leaf) is leaf and root.leaf.path == "/r/a%20b"
    assert type(root.value) is value and root.value.path == "/r/$value"
    assert root.leaf._core is root._core
    assert isinstance(branch.leaf, nd.Child)


# Static checks on the rendered file --------------------------------------------------------

USAGE = '''\
"""How generated builder classes use the runtime; must pass mypy --strict."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, assert_type, overload

from pydantic import BaseModel

from ._node import BodyOp, BodyPageOp, Child, CoreT, DeltaOp, Node, PageOp
from ._runtime import AsyncCore, AsyncDeltaPage, AsyncPage, SyncCore, SyncDeltaPage, SyncPage


class Item(BaseModel):
    id: str


class Thing(Node[CoreT]):
    __slots__ = ()

    patch: BodyOp[Item, Item] = BodyOp("Update a thing.", "api/thing-update.md")
    get: PageOp[Item] = PageOp("List things.")
    post: BodyPageOp[Item, Item] = BodyPageOp("Check things.")


class Changes(Node[CoreT]):
    __slots__ = ()

    get: DeltaOp[Item] = DeltaOp("Changed things.")


class Holder(Node[CoreT]):
    __slots__ = ()

    thing: Child[Thing[CoreT]] = Child("thing")


class RestoreVersion(Node[CoreT]):
    @overload
    def post(self: "RestoreVersion[SyncCore]") -> None: ...
    @overload
    def post(self: "RestoreVersion[AsyncCore]") -> Awaitable[None]: ...
    def post(self) -> Any:
        return self._call("POST")


class Version(Node[CoreT]):
    __slots__ = ()

    @property
    def restore_version(self) -> RestoreVersion[CoreT]:
        return self._child(RestoreVersion, "restoreVersion")


class Items(Node[CoreT]):
    __slots__ = ()

    def __call__(self, item_id: str) -> Version[CoreT]:
        return self._param(Version, item_id)

    @overload
    def get(
        self: Items[SyncCore], *, params: Mapping[str, Any] | None = None
    ) -> SyncPage[Item]: ...
    @overload
    def get(
        self: Items[AsyncCore], *, params: Mapping[str, Any] | None = None
    ) -> Awaitable[AsyncPage[Item]]: ...
    def get(self, *, params: Mapping[str, Any] | None = None) -> Any:
        return self._call("GET", params=params, expect=Item, collection=True)


class Root(Node[CoreT]):
    __slots__ = ()

    @property
    def items(self) -> Items[CoreT]:
        return self._child(Items, "items")


def sync_use() -> None:
    with SyncCore(base_url="https://x.test", token=lambda: "t") as core:
        root = Root(core, "")
        assert_type(root.items("1").restore_version.post(), None)
        page = root.items.get(params={"$top": 5})
        assert_type(page, SyncPage[Item])
        for item in page:
            assert_type(item, Item)
        thing = Holder(core, "").thing
        assert_type(thing, Thing[SyncCore])
        assert_type(thing.patch(Item(id="1")), Item)
        assert_type(thing.patch({"id": "1"}, headers={"If-Match": "x"}), Item)
        assert_type(thing.get(top=1), SyncPage[Item])
        assert_type(thing.post({"id": "1"}), SyncPage[Item])
        changes = Changes(core, "/things/delta").get()
        assert_type(changes, SyncDeltaPage[Item])
        for item in changes:
            assert_type(item, Item)
        assert_type(changes.delta_link, str | None)
        assert_type(changes.changes(), SyncDeltaPage[Item])


async def fetch_token() -> str:
    return "t"


async def async_use() -> None:
    async with AsyncCore(base_url="https://x.test", token=fetch_token) as core:
        root = Root(core, "")
        assert_type(root.items("1").restore_version.post(), Awaitable[None])
        await root.items("1").restore_version.post()
        async for item in await root.items.get():
            assert_type(item, Item)
        assert_type(Holder(core, "").thing.patch({"id": "1"}), Awaitable[Item])
        assert_type(Holder(core, "").thing.get(), Awaitable[AsyncPage[Item]])
        assert_type(Holder(core, "").thing.post({}), Awaitable[AsyncPage[Item]])
        changes = await Changes(core, "/things/delta").get()
        assert_type(changes, AsyncDeltaPage[Item])
        async for item in changes:
            assert_type(item, Item)
        assert_type(await changes.changes(), AsyncDeltaPage[Item])


def generic(node: Root[CoreT]) -> Items[CoreT]:
    return node.items


def generic_child(node: Holder[CoreT]) -> Thing[CoreT]:
    return node.thing
'''


def test_rendered_runtime_and_builder_pattern_pass_mypy_strict(package_dir: Path) -> None:
    (package_dir / "usage.py").write_text(USAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=package_dir.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_rendered_runtime_passes_ruff(package_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            str(package_dir / "_runtime.py"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["sdk/_runtime.py", "sdk/_node.py", "stubs/app.py"])
def test_static_modules_are_black_stable(name: str) -> None:
    """Copied as they are: black, run on every generated file, finds nothing to change."""
    code = (ROOT / "templates" / name).read_text(encoding="utf-8")
    assert black.format_str(code, mode=black.Mode(line_length=100)) == code
    assert code.endswith("\n") and not code.endswith("\n\n")
