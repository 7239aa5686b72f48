"""The stub server for input_docs/: every documented example request gets its documented
response; unknown paths, wrong methods and undocumented body properties get the service's
error shape; the generated package passes mypy --strict and ruff."""

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
from urllib.parse import quote

import httpx
import pytest

from generator.model import Example, Model, Operation, PathVariant, SegmentKind, Span
from generator.paths import match_example, parse_path, split_url
from generator.read.docs import read_docs
from generator.stubs.paths import compile_path, safe_name
from generator.stubs.render import render_stubs
from tests.packages import imported, write_plan

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "d2c_test_stubs"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([ROOT / "input_docs"])


@pytest.fixture(scope="module")
def stubs_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(render_stubs(model, PACKAGE), tmp_path_factory.mktemp("stubs"))


@pytest.fixture(scope="module")
def stubs(stubs_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, stubs_dir) as module:
        yield module


def call(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


def url_of(path: str, query: str = "", version: str | None = None) -> str:
    encoded = quote(path, safe="/:@!$&'()*+,;=-._~")
    prefix = f"/{version}" if version else ""
    return prefix + encoded + (f"?{query}" if query else "")


def documented(model: Model) -> list[tuple[Operation, Example, PathVariant]]:
    found = []
    for op in model.operations:
        for ex in op.examples:
            if ex.request is None or ex.response is None:
                continue
            variant = match_example(ex.request.path, op.paths)
            if variant is not None:
                found.append((op, ex, variant))
    return found


def test_every_example_request_gets_its_documented_response(
    model: Model, stubs: ModuleType
) -> None:
    calls = documented(model)
    assert len(calls) >= 8
    seen: set[tuple[str, str, str]] = set()
    for op, ex, _variant in calls:
        request, response = ex.request, ex.response
        assert request is not None and response is not None
        key = (request.method, split_url(request.path)[2], request.query)
        if key in seen:  # the first documented example of a request is the one served
            continue
        seen.add(key)
        headers = {h.name: h.value for h in request.headers if h.name.lower() != "content-length"}
        body = None
        if request.body is not None:  # a client sends the strict JSON a lenient body reads as
            lenient = request.body.json is not None and request.body.json_error is not None
            text = json.dumps(request.body.json) if lenient else request.body.text
            body = text.encode()
        got = call(
            stubs.app,
            request.method,
            url_of(key[1], request.query, request.version),
            headers=headers,
            content=body,
        )
        assert got.status_code == (response.status or 200), (op.id, got.text)
        if response.body is None or not response.body.text:
            assert got.content == b"", op.id
        elif response.body.json is not None:
            assert got.json() == response.body.json, op.id
        else:
            assert got.text == response.body.text, op.id
        documented_headers = {h.name.lower(): h.value for h in response.headers}
        for name, value in documented_headers.items():
            if name != "content-length":
                assert got.headers[name] == value, (op.id, name)
        assert got.headers.get("content-length", "0") == str(len(got.content))


def test_requests_without_the_version_prefix_are_served_too(stubs: ModuleType) -> None:
    got = call(stubs.app, "GET", "/me/drive/items/abc/versions")
    assert got.status_code == 200 and "value" in got.json()
    again = call(stubs.app, "GET", "/v1.0/me/drive/items/abc/versions")
    assert again.json() == got.json()


def test_a_variant_without_its_own_example_serves_the_operations_example(
    stubs: ModuleType,
) -> None:
    got = call(stubs.app, "GET", "/drives/d1/items/i1/versions/v1")
    assert got.status_code == 200
    assert got.json()["id"] == "D4990684-58CE-4FAB-9B87-D6C49E74F298"


def test_paths_match_without_regard_to_case_or_a_trailing_slash(stubs: ModuleType) -> None:
    exact = call(stubs.app, "GET", "/v1.0/me/drive/items/abc/versions")
    assert call(stubs.app, "GET", "/v1.0/ME/Drive/Items/abc/Versions").json() == exact.json()
    assert call(stubs.app, "GET", "/v1.0/me/drive/items/abc/versions/").json() == exact.json()


def test_non_json_bodies_are_not_checked(stubs: ModuleType) -> None:
    url = "/v1.0/me/drive/items/abc/listItem/versions/$ref"
    got = call(
        stubs.app, "POST", url, content=b"PK\x03", headers={"Content-Type": "application/zip"}
    )
    assert got.status_code == 201


def test_unknown_path_is_404_in_the_error_shape(stubs: ModuleType) -> None:
    got = call(stubs.app, "GET", "/v1.0/me/nothing/here")
    assert got.status_code == 404
    assert got.json()["error"]["code"] == "itemNotFound"
    assert "/me/nothing/here" in got.json()["error"]["message"]


def test_known_path_wrong_method_is_405_in_the_error_shape(stubs: ModuleType) -> None:
    got = call(stubs.app, "DELETE", "/v1.0/me/drive/items/abc/versions")
    assert got.status_code == 405
    assert set(got.json()["error"]) == {"code", "message"}
    assert got.json()["error"]["code"] == "methodNotAllowed"
    assert got.headers["allow"] == "GET"
    post = call(stubs.app, "GET", "/v1.0/me/drive/items/i/versions/v/restoreVersion")
    assert post.status_code == 405 and post.headers["allow"] == "POST"


def test_undocumented_body_property_is_400_naming_it(stubs: ModuleType) -> None:
    url = "/v1.0/me/drive/items/abc/listItem/versions/$ref"
    got = call(stubs.app, "POST", url, json={"publication": {}, "colour": "red"})
    assert got.status_code == 400
    assert got.json()["error"]["code"] == "BadRequest"
    assert "'colour'" in got.json()["error"]["message"]
    ok = call(stubs.app, "POST", url, json={"@odata.type": "x", "publication": {}})
    assert ok.status_code == 201
    not_object = call(stubs.app, "POST", url, json=["publication"])
    assert not_object.status_code == 400
    assert "JSON object" in not_object.json()["error"]["message"]
    broken = call(
        stubs.app, "POST", url, content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 400


def test_answers_are_deterministic(stubs: ModuleType) -> None:
    first = call(stubs.app, "GET", "/v1.0/sites/s/lists/l/items/i/versions/v?expand=fields")
    second = call(stubs.app, "GET", "/v1.0/sites/s/lists/l/items/i/versions/v?expand=fields")
    assert first.status_code == 200 and first.content == second.content


def test_rendering_is_stable(model: Model) -> None:
    assert render_stubs(model, PACKAGE) == render_stubs(model, PACKAGE)


def test_package_name_is_checked(model: Model) -> None:
    with pytest.raises(ValueError, match="not a valid package name"):
        render_stubs(model, "bad-name\nimport os")


def test_doc_text_stays_in_the_data_file(model: Model) -> None:
    plan = render_stubs(model, PACKAGE)
    data = json.loads(plan[f"{PACKAGE}/stubs.json"])
    assert data["versions"] == ["v1.0"]
    code = plan[f"{PACKAGE}/app.py"] + plan[f"{PACKAGE}/__init__.py"]
    assert "D4990684" not in code and "restoreVersion" not in code


# --- paths --------------------------------------------------------------------------------------


def variant(path: str) -> PathVariant:
    return parse_path(path, Span("x.md", 1, 1))


def test_parameter_names_are_sanitized_and_unique() -> None:
    taken: set[str] = set()
    assert safe_name("drive-id", taken) == "drive_id"
    assert safe_name("drive id", taken) == "drive_id_2"
    assert safe_name("1st", taken) == "p_1st"
    assert safe_name("", taken) == "param"


def test_colon_paths_span_slashes() -> None:
    v = variant("/me/drive/root:/{item-path}:/content")
    assert any(s.kind == SegmentKind.COLON_PATH for s in v.segments)
    compiled = compile_path(v)
    assert compiled.pattern.startswith("/me/drive/root:/(?P<item_path>.*):")
    m = re.fullmatch(compiled.pattern, "/me/drive/root:/a/b c.txt:/content")
    assert m is not None and m.group("item_path") == "a/b c.txt"


def test_function_segments_keep_their_literal_text() -> None:
    v = variant("/reports/getEmailActivityUserDetail(period='{period_value}')")
    compiled = compile_path(v)
    m = re.fullmatch(compiled.pattern, "/reports/getEmailActivityUserDetail(period='D7')")
    assert m is not None and list(m.groupdict().values()) == ["D7"]
    assert re.fullmatch(compiled.pattern, "/reports/getEmailActivityUserDetail(x='D7')") is None


def test_function_and_colon_routes_are_served(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.md").write_text(
        "---\ntitle: get report\n---\n# Get report\n\n## HTTP request\n\n"
        '<!-- { "blockType": "ignored" } -->\n```http\n'
        "GET /reports/getReport(period='{period_value}')\n"
        "GET /me/drive/root:/{item-path}:/versions\n```\n\n"
        "## Example\n\n### Request\n\n"
        '<!-- { "blockType": "request", "name": "get_report" } -->\n'
        "```http\nGET https://graph.microsoft.com/v1.0/reports/getReport(period='D7')\n```\n\n"
        "### Response\n\n"
        '<!-- { "blockType": "response" } -->\n'
        '```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{"period": "D7"}\n```\n',
        encoding="utf-8",
    )
    model = read_docs([docs])
    assert model.operations, model.diagnostics
    out = write_plan(render_stubs(model, "d2c_fn_stubs"), tmp_path / "out")
    with imported("d2c_fn_stubs", out) as stubs:
        got = call(stubs.app, "GET", "/v1.0/reports/getReport(period='D7')")
        assert got.status_code == 200 and got.json() == {"period": "D7"}
        deep = call(stubs.app, "GET", "/v1.0/me/drive/root:/a/b.txt:/versions")
        assert deep.status_code == 200
        assert call(stubs.app, "GET", "/v1.0/reports/getReport").status_code == 404


def test_generated_package_passes_mypy_strict_and_ruff(stubs_dir: Path) -> None:
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=stubs_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
    ruff = subprocess.run(
        [BIN / "ruff", "check", PACKAGE], cwd=stubs_dir, capture_output=True, text=True
    )
    assert ruff.returncode == 0, ruff.stdout
