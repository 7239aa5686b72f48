"""Issue 24: every failure of the generated SDK is one of its errors, and credentials are
asked once per token lifetime.

The runtime (templates/sdk/_runtime.py, copied as it is) is driven through
httpx.MockTransport, as in test_runtime; the package-level tests build the SDK of
input_docs/ (its ``__init__`` passes the Client's ``token`` and ``scopes`` to the runtime
and exports the errors)."""

from __future__ import annotations

import ast
import asyncio
import json
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.read.docs import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.packages import imported, write_plan
from tests.sdk.test_runtime import BASE, Item, Server, async_core, render, static, sync_core

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "d2c_failures_sdk"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The runtime, imported inside a package of its own (for its ``from ._version``)."""
    root = tmp_path_factory.mktemp("failures")
    folder = root / PACKAGE
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "_version.py").write_text(render("_version.py.jinja"), encoding="utf-8")
    (folder / "_runtime.py").write_text(static("_runtime.py"), encoding="utf-8")
    with imported(f"{PACKAGE}._runtime", root) as module:
        yield module


def no_retries(rt: ModuleType) -> Any:
    return rt.RetryPolicy(max_retries=0)


# Transport failures ------------------------------------------------------------------------

FAILURES = [
    (httpx.ConnectError("refused"), "TransportError", "could not connect: refused"),
    (httpx.ReadError("reset"), "TransportError", "the connection failed reading the response"),
    (httpx.WriteError("broken pipe"), "TransportError", "the connection failed sending"),
    (httpx.RemoteProtocolError("peer closed"), "TransportError", "HTTP protocol error"),
    (httpx.LocalProtocolError("bad header"), "TransportError", "HTTP protocol error"),
    (httpx.ProxyError("407"), "TransportError", "the proxy failed"),
    (httpx.UnsupportedProtocol("ftp"), "TransportError", "not an http(s) URL"),
    (httpx.ConnectTimeout("connect"), "TimeoutError", "timed out connecting"),
    (httpx.ReadTimeout("read"), "TimeoutError", "timed out waiting for the response"),
    (httpx.WriteTimeout("write"), "TimeoutError", "timed out sending the request"),
    (httpx.PoolTimeout("pool"), "TimeoutError", "timed out waiting for a free connection"),
]


@pytest.mark.parametrize(
    ("error", "kind", "what"), FAILURES, ids=[type(e).__name__ for e, _, _ in FAILURES]
)
def test_each_transport_failure_is_an_sdk_error_with_the_request(
    rt: ModuleType, error: Exception, kind: str, what: str
) -> None:
    server = Server(error)
    with sync_core(rt, server, retry=no_retries(rt)) as core, pytest.raises(rt.SdkError) as caught:
        core.send("POST", "/me/items", params={"sig": "secret"}, body={"a": 1})
    failure = caught.value
    assert type(failure) is getattr(rt, kind)
    assert isinstance(failure, rt.TransportError) and not isinstance(failure, rt.ApiError)
    assert failure.__cause__ is error
    assert (failure.method, failure.url) == ("POST", f"{BASE}/me/items?sig=secret")
    assert failure.request is server.requests[0] and failure.response is None
    assert str(failure).startswith(f"POST {BASE}/me/items?...: {what}")
    assert "secret" not in str(failure)  # the query may hold a signature: never in the text
    assert isinstance(failure, TimeoutError) == (kind == "TimeoutError")  # the built-in one


def test_async_transport_failures_are_sdk_errors(rt: ModuleType) -> None:
    error = httpx.ReadTimeout("slow")
    server = Server(error)

    async def main() -> None:
        async with async_core(rt, server, retry=no_retries(rt)) as core:
            await core.send("GET", "/me")

    with pytest.raises(rt.TimeoutError) as caught:
        asyncio.run(main())
    assert caught.value.__cause__ is error
    assert (caught.value.method, caught.value.url) == ("GET", f"{BASE}/me")


def test_retries_run_out_then_the_sdk_error_names_the_redirected_download(rt: ModuleType) -> None:
    """The issue's case: a download redirected to a host that cannot be reached."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "graph.test":
            return httpx.Response(302, headers={"Location": "https://cdn.example/blob?sig=x"})
        raise httpx.ConnectError("Name or service not known")

    server = Server(handler)
    with sync_core(rt, server, token="abc") as core, pytest.raises(rt.TransportError) as caught:
        core.send("GET", "/me/drive/items/1/content", expect=bytes)
    failure = caught.value
    hosts = [r.url.host for r in server.requests]
    assert hosts == ["graph.test", "cdn.example"] * 4  # the default policy: 3 retries
    assert isinstance(failure.__cause__, httpx.ConnectError)
    assert (failure.method, failure.url) == ("GET", "https://cdn.example/blob?sig=x")
    assert str(failure) == (
        "GET https://cdn.example/blob?...: could not connect: Name or service not known"
    )


def test_too_many_redirects(rt: ModuleType) -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{BASE}/again"})

    with sync_core(rt, Server(loop)) as core, pytest.raises(rt.TransportError) as caught:
        core.send("GET", "/start")
    assert "too many redirects" in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.TooManyRedirects)


def test_a_host_that_cannot_be_encoded_is_a_transport_error(rt: ModuleType) -> None:
    """``https://...`` (the docs' placeholder) fails in the real transport before any
    network use: UnicodeError from the host's IDNA encoding, today's bare error."""
    core = rt.SyncCore(base_url=BASE, transport=httpx.HTTPTransport(), retry=no_retries(rt))
    with core, pytest.raises(rt.TransportError, match="not a usable URL") as caught:
        core.request("GET", "https://.../users")
    assert isinstance(caught.value.__cause__, UnicodeError)
    assert (caught.value.method, caught.value.url) == ("GET", "https://.../users")


def test_content_that_cannot_be_decompressed_is_a_decode_error(rt: ModuleType) -> None:
    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"not gzip", headers={"Content-Encoding": "gzip"})

    core = sync_core(rt, Server(garbled), retry=no_retries(rt))
    with core, pytest.raises(rt.DecodeError, match="cannot be decoded") as caught:
        core.send("GET", "/me/photo/$value", expect=bytes)
    assert isinstance(caught.value.__cause__, httpx.DecodingError)
    assert caught.value.url == f"{BASE}/me/photo/$value"


# Bodies that cannot be read ----------------------------------------------------------------

NOT_JSON = httpx.Response(200, content=b'{"id": "1",', headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("expect", [None, Item])
def test_a_body_that_is_not_json_is_a_decode_error(rt: ModuleType, expect: Any) -> None:
    server = Server(NOT_JSON)
    with sync_core(rt, server) as core, pytest.raises(rt.DecodeError) as caught:
        core.send("GET", "/me/items/1", expect=expect)
    failure = caught.value
    assert isinstance(failure, ValueError)  # as before: the generated tests catch that
    assert isinstance(failure.__cause__, json.JSONDecodeError)
    assert failure.response is not None and failure.response.content == b'{"id": "1",'
    assert failure.request is failure.response.request
    assert str(failure).startswith(f"GET {BASE}/me/items/1: the response body is not JSON: ")


def test_strict_raises_its_validation_error_an_sdk_error_too(rt: ModuleType) -> None:
    core = sync_core(rt, Server(NOT_JSON), strict=True)
    with core, pytest.raises(rt.ResponseValidationError) as caught:
        core.send("GET", "/me/items/1", expect=Item)
    assert isinstance(caught.value, rt.SdkError)
    assert (caught.value.method, caught.value.url) == ("GET", f"{BASE}/me/items/1")


@pytest.mark.parametrize("body", [b"[1]", b'{"value": 3}', b"{oops"])
def test_a_collection_call_answered_otherwise_is_a_decode_error(
    rt: ModuleType, body: bytes
) -> None:
    answer = httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    async def main() -> None:
        async with async_core(rt, Server(answer)) as core:
            await core.send("GET", "/me/items", expect=Item, collection=True)

    with pytest.raises(rt.DecodeError) as caught:
        asyncio.run(main())
    assert caught.value.response is not None and caught.value.response.content == body
    assert caught.value.url == f"{BASE}/me/items"


def test_an_api_error_names_its_request(rt: ModuleType) -> None:
    server = Server(httpx.Response(404, json={"error": {"code": "itemNotFound", "message": "No"}}))
    with sync_core(rt, server) as core, pytest.raises(rt.NotFoundError) as caught:
        core.send("DELETE", "/me/items/9")
    failure = caught.value
    assert isinstance(failure, rt.SdkError)
    assert (failure.method, failure.url, failure.request) == (
        "DELETE",
        f"{BASE}/me/items/9",
        server.requests[0],
    )
    assert failure.response.status_code == 404
    assert str(failure) == "404 itemNotFound: No"


def test_the_error_tree(rt: ModuleType) -> None:
    assert rt.ApiError.__mro__[1] is rt.SdkError
    for name in ("TransportError", "PagingError", "DecodeError", "CredentialError"):
        assert issubclass(getattr(rt, name), rt.SdkError), name
    assert issubclass(rt.TimeoutError, rt.TransportError)
    assert issubclass(rt.TimeoutError, TimeoutError)
    assert issubclass(rt.PagingError, ValueError) and issubclass(rt.DecodeError, ValueError)
    assert set(rt.__all__) >= {
        "SdkError",
        "TransportError",
        "TimeoutError",
        "PagingError",
        "DecodeError",
        "CredentialError",
        "AccessToken",
        "TokenCredential",
        "AsyncTokenCredential",
    }


# Paging links ------------------------------------------------------------------------------


def first_page(link: str, key: str = "@odata.nextLink") -> httpx.Response:
    return httpx.Response(200, json={"value": [{"id": "a"}, {"id": "b"}], key: link})


REFUSED = [
    ("https://...", "is not an absolute http(s) URL"),  # the docs' placeholder
    ("https://evil.example/v1.0/me/items?$skiptoken=1", "outside the service's origin"),
    ("http://graph.test/v1.0/me/items?$skiptoken=1", "outside the service's origin"),
    ("https://graph.test:8443/v1.0/me/items", "outside the service's origin"),
    ("/v1.0/me/items?$skiptoken=1", "is not an absolute http(s) URL"),
    ("ftp://graph.test/v1.0/me/items", "is not an absolute http(s) URL"),
    ("next page", "is not an absolute http(s) URL"),
]


@pytest.mark.parametrize(("link", "why"), REFUSED, ids=[link for link, _ in REFUSED])
def test_a_next_link_that_is_no_url_or_elsewhere_stops_paging_before_any_request(
    rt: ModuleType, link: str, why: str
) -> None:
    server = Server(first_page(link), httpx.Response(200, json={"value": [{"id": "c"}]}))
    seen: list[str] = []
    with sync_core(rt, server, token="abc") as core:
        page = core.send("GET", "/me/items", expect=Item, collection=True)
        with pytest.raises(rt.PagingError) as caught:
            for item in page:
                seen.append(item.id)
    assert seen == ["a", "b"]  # the first page's items, then the error
    assert len(server.requests) == 1  # nothing sent to the link
    failure = caught.value
    assert why in str(failure) and "@odata.nextLink" in str(failure)
    assert (failure.method, failure.url) == ("GET", link)
    assert failure.response is page._response and failure.response.status_code == 200
    assert failure.__cause__ is None


def test_a_next_link_on_the_origin_is_followed_whatever_its_spelling(rt: ModuleType) -> None:
    server = Server(
        first_page("HTTPS://Graph.Test:443/v1.0/me/items?$skiptoken=1"),
        httpx.Response(200, json={"value": [{"id": "c"}]}),
    )
    with sync_core(rt, server) as core:
        assert [i["id"] for i in core.send("GET", "/me/items", collection=True)] == ["a", "b", "c"]
    assert len(server.requests) == 2


def test_async_paging_refuses_a_placeholder_link(rt: ModuleType) -> None:
    server = Server(first_page("https://..."))
    seen: list[str] = []

    async def main() -> None:
        async with async_core(rt, server) as core:
            page = await core.send("GET", "/me/items", expect=Item, collection=True)
            async for item in page:
                seen.append(item.id)

    with pytest.raises(rt.PagingError, match="not an absolute"):
        asyncio.run(main())
    assert seen == ["a", "b"] and len(server.requests) == 1


def test_a_delta_link_elsewhere_is_refused_by_changes(rt: ModuleType) -> None:
    server = Server(
        first_page("https://evil.example/v1.0/me/items/delta?token=z", "@odata.deltaLink")
    )
    with sync_core(rt, server) as core:
        page = core.send("GET", "/me/items/delta", collection=True, delta=True)
        assert [i["id"] for i in page] == ["a", "b"]
        assert page.delta_link == "https://evil.example/v1.0/me/items/delta?token=z"
        with pytest.raises(rt.PagingError, match=r"@odata\.deltaLink .* outside") as caught:
            page.changes()
    assert len(server.requests) == 1
    assert caught.value.response is not None


def test_changes_before_the_end_is_a_paging_error(rt: ModuleType) -> None:
    with sync_core(rt, Server(first_page(f"{BASE}/me/items?$skiptoken=1"))) as core:
        page = core.send("GET", "/me/items/delta", collection=True, delta=True)
        with pytest.raises(rt.PagingError, match="iterate over the delta page to the end"):
            page.changes()


# Auth: credentials -------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


class Credential:
    """An azure-identity-style credential: ``get_token(*scopes)`` -> AccessToken, each
    call a new token valid for ``lifetime`` seconds from the clock's now."""

    def __init__(self, rt: ModuleType, clock: Callable[[], float], lifetime: int = 3600) -> None:
        self.rt, self.clock, self.lifetime = rt, clock, lifetime
        self.calls: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        self.calls.append(scopes)
        return self.rt.AccessToken(f"tok{len(self.calls)}", int(self.clock()) + self.lifetime)


class AsyncCredential(Credential):
    """As ``azure.identity.aio``'s: ``get_token`` is a coroutine (and takes a while)."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> Any:  # type: ignore[override]
        await asyncio.sleep(0.01)
        return super().get_token(*scopes)


class AuthServer(Server):
    """A :class:`Server` that notes the Authorization header of each attempt as sent (a
    request sent again is the same object, its headers set anew)."""

    def __init__(self, *answers: Any) -> None:
        super().__init__(*answers)
        self.auth: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.auth.append(request.headers.get("authorization"))
        return super().__call__(request)


def bearer(server: AuthServer) -> list[str | None]:
    return server.auth


def test_a_credential_is_asked_once_for_many_requests_within_its_expiry(rt: ModuleType) -> None:
    clock, server = Clock(), AuthServer()
    credential = Credential(rt, clock)
    with sync_core(rt, server, token=credential, clock=clock) as core:
        for _ in range(9):
            core.send("GET", "/me")
            clock.now += 60  # 9 minutes in all: far from the hour's end
    assert credential.calls == [("https://graph.test/.default",)]  # the origin's .default
    assert bearer(server) == ["Bearer tok1"] * 9


def test_a_credential_is_asked_again_5_minutes_before_expiry(rt: ModuleType) -> None:
    clock, server = Clock(), AuthServer()
    credential = Credential(rt, clock)
    with sync_core(rt, server, token=credential, clock=clock) as core:
        core.send("GET", "/me")
        clock.now += 3600 - 301
        core.send("GET", "/me")
        clock.now += 2  # now less than 5 minutes left
        core.send("GET", "/me")
        core.send("GET", "/me")
    assert len(credential.calls) == 2
    assert bearer(server) == ["Bearer tok1", "Bearer tok1", "Bearer tok2", "Bearer tok2"]


def test_a_short_lived_token_is_renewed_halfway(rt: ModuleType) -> None:
    clock, server = Clock(), AuthServer()
    credential = Credential(rt, clock, lifetime=120)
    with sync_core(rt, server, token=credential, clock=clock) as core:
        core.send("GET", "/me")
        clock.now += 59
        core.send("GET", "/me")
        clock.now += 2
        core.send("GET", "/me")
    assert bearer(server) == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]


def test_a_401_drops_the_token_and_retries_once(rt: ModuleType) -> None:
    clock = Clock()
    credential = Credential(rt, clock)
    revoked = httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken"}})
    server = AuthServer(httpx.Response(200), revoked, httpx.Response(201, json={"id": "1"}))
    with sync_core(rt, server, token=credential, clock=clock) as core:
        core.send("GET", "/me")
        assert core.send("POST", "/me/items", body={"a": 1}) == {"id": "1"}  # POST too
        core.send("GET", "/me")
    assert bearer(server) == ["Bearer tok1", "Bearer tok1", "Bearer tok2", "Bearer tok2"]
    assert server.requests[2].content == b'{"a":1}'
    assert len(credential.calls) == 2


def test_a_second_401_is_raised(rt: ModuleType) -> None:
    credential = Credential(rt, Clock())
    server = AuthServer(httpx.Response(401, json={"error": {"code": "Unauthorized"}}))
    core = sync_core(rt, server, token=credential, clock=Clock())
    with core, pytest.raises(rt.AuthenticationError):
        core.send("GET", "/me")
    assert bearer(server) == ["Bearer tok1", "Bearer tok2"]


@pytest.mark.parametrize("token", ["abc", None])
def test_a_401_without_a_credential_is_not_retried(rt: ModuleType, token: str | None) -> None:
    server = AuthServer(httpx.Response(401))
    with sync_core(rt, server, token=token) as core, pytest.raises(rt.AuthenticationError):
        core.send("GET", "/me")
    assert len(server.requests) == 1


def test_a_401_from_another_origin_keeps_the_token(rt: ModuleType) -> None:
    credential = Credential(rt, Clock())
    server = AuthServer(httpx.Response(401))
    with sync_core(rt, server, token=credential) as core, pytest.raises(rt.AuthenticationError):
        core.request("GET", "https://download.example/file")
    assert bearer(server) == [None]


@pytest.mark.parametrize(
    ("scopes", "asked"),
    [
        (["User.Read", "Mail.Send"], ("User.Read", "Mail.Send")),
        ("https://graph.test/.default", ("https://graph.test/.default",)),
    ],
)
def test_scopes(rt: ModuleType, scopes: Any, asked: tuple[str, ...]) -> None:
    credential = Credential(rt, Clock())
    with sync_core(rt, AuthServer(), token=credential, scopes=scopes) as core:
        core.send("GET", "/me")
    assert credential.calls == [asked]


def test_the_default_scope_is_the_base_urls_origin(rt: ModuleType) -> None:
    credential = Credential(rt, Clock())
    server = AuthServer()
    base = "http://127.0.0.1:8000/v1.0"
    with rt.SyncCore(base_url=base, token=credential, transport=server.transport) as core:
        core.send("GET", "/me")
    assert credential.calls == [("http://127.0.0.1:8000/.default",)]


def test_threads_share_one_refresh(rt: ModuleType) -> None:
    class Slow(Credential):
        def get_token(self, *scopes: str, **kwargs: Any) -> Any:
            time.sleep(0.05)
            return super().get_token(*scopes)

    credential = Slow(rt, time.time)
    server = AuthServer()
    start = threading.Barrier(8)
    with sync_core(rt, server, token=credential) as core:

        def call() -> None:
            start.wait()
            core.send("GET", "/me")

        threads = [threading.Thread(target=call) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(credential.calls) == 1
    assert bearer(server) == ["Bearer tok1"] * 8


def test_a_failing_credential_is_a_credential_error_and_nothing_is_sent(rt: ModuleType) -> None:
    class Broken:
        def get_token(self, *scopes: str) -> Any:
            raise RuntimeError("no account signed in")

    server = AuthServer()
    core = sync_core(rt, server, token=Broken())
    with core, pytest.raises(rt.CredentialError, match="no account signed in") as caught:
        core.send("GET", "/me")
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert (caught.value.method, caught.value.url) == ("GET", f"{BASE}/me")
    assert server.requests == []


def test_a_failing_token_function_is_a_credential_error(rt: ModuleType) -> None:
    def token() -> str:
        raise KeyError("TOKEN")

    with sync_core(rt, AuthServer(), token=token) as core, pytest.raises(rt.CredentialError):
        core.send("GET", "/me")


def test_misuse_is_a_type_error(rt: ModuleType) -> None:
    class Wrong:
        def get_token(self, *scopes: str) -> str:
            return "a bare string"

    core = sync_core(rt, AuthServer(), token=Wrong())
    with core, pytest.raises(TypeError, match="not an AccessToken"):
        core.send("GET", "/me")
    core = sync_core(rt, AuthServer(), token=AsyncCredential(rt, Clock()))
    with core, pytest.raises(TypeError, match="use the async client"):
        core.send("GET", "/me")


# Auth: the async core ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", [AsyncCredential, Credential])
def test_async_core_asks_once_then_after_expiry_and_after_a_401(
    rt: ModuleType, kind: type[Credential]
) -> None:
    clock = Clock()
    credential = kind(rt, clock)
    server = AuthServer(httpx.Response(200))

    async def main() -> None:
        async with async_core(rt, server, token=credential, clock=clock) as core:
            await asyncio.gather(*(core.send("GET", "/me") for _ in range(5)))
            assert len(credential.calls) == 1  # one refresh at a time; the others waited
            clock.now += 3600
            await core.send("GET", "/me")
            server.answers = [httpx.Response(401), httpx.Response(200)]
            await core.send("GET", "/me")

    asyncio.run(main())
    assert bearer(server) == ["Bearer tok1"] * 5 + ["Bearer tok2", "Bearer tok2", "Bearer tok3"]
    assert credential.calls == [("https://graph.test/.default",)] * 3


def test_async_credential_failure(rt: ModuleType) -> None:
    class Broken:
        async def get_token(self, *scopes: str) -> Any:
            raise OSError("the identity endpoint is down")

    server = AuthServer()

    async def main() -> None:
        async with async_core(rt, server, token=Broken()) as core:
            await core.send("GET", "/me")

    with pytest.raises(rt.CredentialError) as caught:
        asyncio.run(main())
    assert isinstance(caught.value.__cause__, OSError) and server.requests == []


# The generated package ---------------------------------------------------------------------

SDK = "d2c_auth_sdk"


@pytest.fixture(scope="module")
def sdk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = read_docs([ROOT / "input_docs"])
    return write_plan(sdk_plan(model, SdkOptions(package=SDK)), tmp_path_factory.mktemp("sdk"))


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(SDK, sdk_dir) as module:
        yield module


def test_the_package_exports_the_errors_and_the_token_type(sdk: ModuleType) -> None:
    names = ["SdkError", "TransportError", "TimeoutError", "PagingError", "DecodeError"]
    names += ["CredentialError", "AccessToken", "TokenCredential"]
    for name in names:
        assert name in sdk.__all__, name
        value = getattr(sdk, name)
        runtime = sys.modules[f"{SDK}._runtime"]
        assert value is getattr(runtime, name), name
    assert issubclass(sdk.ApiError, sdk.SdkError)


def test_the_client_takes_a_credential_and_scopes(sdk: ModuleType) -> None:
    class Fake:
        def __init__(self) -> None:
            self.calls: list[tuple[str, ...]] = []

        def get_token(self, *scopes: str) -> Any:
            self.calls.append(scopes)
            return sdk.AccessToken("t", int(time.time()) + 3600)

    server = AuthServer(httpx.Response(200, json={"value": []}))
    fake = Fake()
    origin = httpx.URL(sdk.BASE_URL).copy_with(path="/", query=None)
    with sdk.Client(fake, transport=server.transport) as client:
        for _ in range(3):
            client.request("GET", "/me")
    assert fake.calls == [(f"{str(origin).rstrip('/')}/.default",)]
    scoped = Fake()
    with sdk.Client(scoped, scopes=["Files.Read"], transport=server.transport) as client:
        client.request("GET", "/me")
    assert scoped.calls == [("Files.Read",)]
    assert bearer(server) == ["Bearer t"] * 4

    async def main() -> None:
        async with sdk.AsyncClient(fake, scopes=["X"], transport=server.transport) as client:
            await client.request("GET", "/me")

    asyncio.run(main())
    assert fake.calls[-1] == ("X",)


WITHOUT_AZURE = """
import sys, time
import httpx
sys.modules["azure"] = None  # importing azure or azure.identity now fails
import {package} as sdk
class Credential:
    def get_token(self, *scopes):
        return sdk.AccessToken("t", int(time.time()) + 3600)
seen = []
transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(204))
with sdk.Client(Credential(), transport=transport) as client:
    client.request("GET", "/me")
assert seen[0].headers["authorization"] == "Bearer t"
assert issubclass(sdk.TimeoutError, sdk.TransportError)
assert [m for m in sys.modules if m.startswith("azure.")] == []
"""


def test_the_package_works_without_azure_identity(sdk_dir: Path) -> None:
    code = WITHOUT_AZURE.format(package=SDK)
    done = subprocess.run([sys.executable, "-c", code], cwd=sdk_dir, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    tree = ast.parse(static("_runtime.py"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    names = [a.name for n in imports if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in imports if isinstance(n, ast.ImportFrom)]
    assert not [name for name in names if name.startswith("azure")]


def test_azure_identity_is_an_optional_extra(sdk_dir: Path) -> None:
    project = tomllib.loads((sdk_dir / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["optional-dependencies"] == {"azure": ["azure-identity>=1.15"]}
    assert not any("azure" in d for d in project["dependencies"])


USAGE = """
from __future__ import annotations

from typing import Any, NamedTuple

from {package} import AccessToken, AsyncClient, Client


class AzureAccessToken(NamedTuple):  # azure.core.credentials.AccessToken
    token: str
    expires_on: int


class DefaultAzureCredential:  # azure.identity's signature
    def get_token(
        self,
        *scopes: str,
        claims: str | None = None,
        tenant_id: str | None = None,
        enable_cae: bool = False,
        **kwargs: Any,
    ) -> AzureAccessToken:
        return AzureAccessToken("t", 0)


class AioCredential:  # azure.identity.aio's
    async def get_token(
        self, *scopes: str, claims: str | None = None, **kwargs: Any
    ) -> AzureAccessToken:
        return AzureAccessToken("t", 0)


class Own:
    def get_token(self, *scopes: str) -> AccessToken:
        return AccessToken("t", 0)


async def fetch() -> str:
    return "t"


Client(DefaultAzureCredential(), scopes=["https://graph.microsoft.com/.default"])
Client(Own())
Client("token")
Client(lambda: "token")
AsyncClient(AioCredential())
AsyncClient(DefaultAzureCredential())
AsyncClient(fetch)
"""


def test_azure_style_credentials_type_check(sdk_dir: Path) -> None:
    (sdk_dir / "auth_usage.py").write_text(USAGE.format(package=SDK), encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "auth_usage.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
