"""``docs2code serve`` as a user runs it: a real uvicorn process on a loopback port, driven
by the generated synchronous SDK over a socket, logging one line per request; and its
one-line errors (no stubs, port taken) with exit 2."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from click.testing import CliRunner

from benchmarks.bench_stubs import documented_calls, run_load
from generator.cli import main
from generator.cli.serve import is_loopback, log_line
from generator.pipeline.plan import build_plan
from generator.read.docs import read_docs
from generator.render.options import BuildOptions
from tests.packages import imported, write_plan

ROOT = Path(__file__).resolve().parents[2]
SDK = "d2c_serve_sdk"
STUBS = "d2c_serve_stubs"
STARTUP_SECONDS = 30.0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = build_plan(read_docs([ROOT / "input_docs"]), BuildOptions(package=SDK))
    return write_plan(plan, tmp_path_factory.mktemp("serve"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    port: int
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8", errors="replace")

    def errors(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")


def start(out: Path, logs: Path, *extra: str) -> Server:
    """``docs2code serve OUT`` as a subprocess, returned once it accepts connections."""
    port = free_port()
    stdout, stderr = logs / f"serve-{port}.out", logs / f"serve-{port}.err"
    command = [sys.executable, "-m", "generator", "serve", str(out), "--port", str(port), *extra]
    with stdout.open("wb") as out_file, stderr.open("wb") as err_file:
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, cwd=ROOT)
    server = Server(port, process, stdout, stderr)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            stop(server)
            pytest.fail(f"serve exited with {process.returncode}: {server.errors()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if time.monotonic() > deadline:
                stop(server)
                pytest.fail(f"serve did not listen within {STARTUP_SECONDS} s: {server.errors()}")
            time.sleep(0.05)


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(built, tmp_path_factory.mktemp("logs"), "--package", SDK)
    try:
        yield running
    finally:
        stop(running)


@pytest.fixture(scope="module")
def sdk(built: Path) -> Iterator[ModuleType]:
    with imported(SDK, built / "sdk") as module:
        yield module


def logged(server: Server, pattern: str) -> str:
    """The request log line matching ``pattern``; the server writes it just after answering."""
    deadline = time.monotonic() + 5
    while True:
        found = re.search(pattern, server.output(), re.MULTILINE)
        if found:
            return found.group(0)
        if time.monotonic() > deadline:
            pytest.fail(f"no log line matching {pattern!r} in:\n{server.output()}")
        time.sleep(0.05)


def test_the_sdk_gets_documented_models_and_errors_over_a_socket(
    server: Server, sdk: ModuleType
) -> None:
    with sdk.Client(base_url=f"http://127.0.0.1:{server.port}/v1.0", token="t") as client:
        versions = list(client.me.drive.items.by_id("abc").versions.get())
        assert versions and versions[0].id == "3.0"
        version = client.drives.by_id("d1").items.by_id("i1").versions.by_id("v1").get()
        assert version.id == "D4990684-58CE-4FAB-9B87-D6C49E74F298"
        restored = client.me.drive.items.by_id("i").versions.by_id("v").restore_version.post()
        assert restored is None
        with pytest.raises(sdk.NotFoundError) as missing:
            client.request("GET", "/me/nothing/here")
        assert missing.value.code == "itemNotFound"
        with pytest.raises(sdk.ApiError) as wrong:
            client.request("DELETE", "/me/drive/items/abc/versions")
        assert wrong.value.status == 405 and wrong.value.code == "methodNotAllowed"

    for request, answer in (
        ("GET /v1.0/me/drive/items/abc/versions", "200 [/me/drive/items/{item-id}/versions]"),
        (
            "POST /v1.0/me/drive/items/i/versions/v/restoreVersion",
            "204 [/me/drive/items/{item-id}/versions/{version-id}/restoreVersion]",
        ),
        ("GET /v1.0/me/nothing/here", "404 [no documented route]"),
        ("DELETE /v1.0/me/drive/items/abc/versions", "405 [no documented route]"),
    ):
        logged(server, rf"^\d\d:\d\d:\d\d {re.escape(f'{request} -> {answer}')} \d+\.\d ms$")
    assert f"on http://127.0.0.1:{server.port}/v1.0" in server.errors()
    assert "Traceback" not in server.errors()


def test_a_bodiless_status_keeps_the_connection_usable(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A documented 204 that shows a body is served without it; sending it would break
    the keep-alive connection for the next request."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "touch.md").write_text(
        "---\ntitle: touch\n---\n# Touch\n\n## HTTP request\n\n"
        '<!-- { "blockType": "ignored" } -->\n```http\nPOST /things/{id}/touch\n```\n\n'
        "## Example\n\n### Request\n\n"
        '<!-- { "blockType": "request", "name": "touch" } -->\n'
        "```http\nPOST https://graph.microsoft.com/v1.0/things/1/touch\n```\n\n"
        "### Response\n\n"
        '<!-- { "blockType": "response" } -->\n'
        "```http\nHTTP/1.1 204 No Content\nContent-Type: application/json\n\n{\n}\n```\n",
        encoding="utf-8",
    )
    plan = build_plan(read_docs([docs]), BuildOptions(package="d2c_touch"))
    running = start(write_plan(plan, tmp_path / "out"), tmp_path_factory.mktemp("logs"))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{running.port}") as http:
            for _ in range(3):  # one connection, kept alive
                got = http.post("/v1.0/things/1/touch")
                assert got.status_code == 204 and got.content == b""
    finally:
        stop(running)
    assert "Exception in ASGI application" not in running.errors()


def test_the_load_benchmark_runs_at_a_small_scale(server: Server) -> None:
    calls = documented_calls(read_docs([ROOT / "input_docs"]))
    result = run_load(f"http://127.0.0.1:{server.port}", calls, total=40, clients=4)
    assert result.errors == [] and result.disagreements == []
    assert result.requests == 40 and len(result.latencies) == 40


# --- errors --------------------------------------------------------------------------------------


def test_no_stubs_is_exit_2_saying_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert "no stub server in" in result.stderr and "docs2code build" in result.stderr
    assert "Traceback" not in result.output


def test_port_in_use_is_exit_2(built: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(built), "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_package_and_unknown_host_are_exit_2(built: Path) -> None:
    nope = CliRunner().invoke(main, ["serve", str(built), "--package", "nope"])
    assert nope.exit_code == 2 and f"(found: {STUBS})" in nope.stderr
    host = CliRunner().invoke(main, ["serve", str(built), "--host", "no.such.host.invalid"])
    assert host.exit_code == 2 and "cannot resolve host" in host.stderr


def test_several_stub_packages_need_package(tmp_path: Path) -> None:
    for name in ("a_stubs", "b_stubs"):
        (tmp_path / "stubs" / name).mkdir(parents=True)
        (tmp_path / "stubs" / name / "app.py").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "choose one with --package" in result.stderr


def test_only_loopback_addresses_count_as_loopback() -> None:
    for host, expected in (("127.0.0.1", True), ("0.0.0.0", False)):
        with socket.socket() as sock:
            sock.bind((host, 0))
            assert is_loopback(sock) is expected


def test_log_lines_escape_control_characters() -> None:
    line = log_line("GET", "/v1.0/a\nb", 404, None, 1.0)
    assert "\n" not in line and "/v1.0/a\\x0ab -> 404 [no documented route] 1.0 ms" in line
