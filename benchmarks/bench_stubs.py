"""The mock server under load: build the stubs, run ``docs2code serve --quiet``, hit it.

    .venv/bin/python benchmarks/bench_stubs.py [--corpus [DIR]] [--requests N] [--clients N]

Stubs are built for input_docs (``--corpus``: the Graph v1.0 corpus) into a temporary
folder and served by a real uvicorn process on a free loopback port.  ``--clients`` threads,
each with its own keep-alive ``httpx.Client``, send ``--requests`` requests in all, cycling
over the documented example requests (method, URL, headers, body).  An error is a
connection error or a 5xx; a 4xx or 2xx other than the documented status is counted apart,
as the stub disagreeing with the docs (a doc defect: see docs/generated-tests-report.md).

Reported, all measured in this one run: requests per second, p50/p95/max latency, errors,
disagreements.  Exit 1 when any request failed, 2 when the server cannot be started.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

from generator.model import Model
from generator.paths import match_example, split_url
from generator.read import read_docs
from generator.stubs.render import render_stubs

ROOT = Path(__file__).resolve().parents[1]
INPUT_DOCS = ROOT / "input_docs"
CORPUS = ROOT.parent / "shared" / "corpus" / "graph-v1.0"
PACKAGE = "bench_stubs"
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_NOT_SENT = {"content-length", "host", "transfer-encoding", "connection"}


@dataclass(frozen=True, slots=True)
class Call:
    """One documented example request and the status the docs say it gets."""

    method: str
    url: str  # version, path and query, percent-encoded; relative to the server root
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status: int


@dataclass(slots=True)
class LoadResult:
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, one per request
    errors: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)  # answered, not as documented

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        return statistics.quantiles(self.latencies, n=100)[p - 1] if self.latencies else 0.0


def _headers(raw: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The documented request headers an HTTP client can send as written."""
    kept = []
    for name, value in raw:
        if name.lower() in _NOT_SENT or not _HEADER_NAME.fullmatch(name):
            continue
        if not value.isascii() or not value.isprintable():
            continue
        kept.append((name, value.strip()))
    return tuple(kept)


def documented_calls(model: Model) -> list[Call]:
    """Every documented example request with a response, once per (method, path, query):
    the first example of a request is the one the stub serves."""
    calls: list[Call] = []
    seen: set[tuple[str, str, str]] = set()
    for op in model.operations:
        for ex in op.examples:
            request, response = ex.request, ex.response
            if request is None or response is None:
                continue
            if match_example(request.path, op.paths) is None:
                continue
            path = split_url(request.path)[2]
            key = (request.method, path, request.query)
            if key in seen:
                continue
            seen.add(key)
            body = request.body.strict_text().encode() if request.body is not None else None
            encoded = quote(path, safe="/:@!$&'()*+,;=-._~")
            version = f"/{request.version}" if request.version else ""
            query = f"?{request.query}" if request.query else ""
            calls.append(
                Call(
                    method=request.method,
                    url=version + encoded + query,
                    headers=_headers([(h.name, h.value) for h in request.headers]),
                    body=body,
                    status=response.status or 200,
                )
            )
    return calls


def run_load(base_url: str, calls: Sequence[Call], total: int, clients: int) -> LoadResult:
    """Send ``total`` requests from ``clients`` threads, request i being ``calls[i % n]``."""
    result = LoadResult(requests=total)
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def client(first: int) -> None:
        latencies: list[float] = []
        errors: list[str] = []
        disagreements: list[str] = []
        with httpx.Client(base_url=base_url, timeout=30.0) as http:
            start_line.wait()
            for i in range(first, total, clients):
                call = calls[i % len(calls)]
                began = time.perf_counter()
                try:
                    got = http.request(
                        call.method, call.url, headers=call.headers, content=call.body
                    )
                except httpx.HTTPError as exc:
                    errors.append(f"{call.method} {call.url}: {type(exc).__name__}: {exc}")
                    continue
                latencies.append(time.perf_counter() - began)
                if got.status_code != call.status:
                    found = errors if got.status_code >= 500 else disagreements
                    found.append(
                        f"{call.method} {call.url}: {got.status_code}, documented {call.status}"
                    )
        with lock:
            result.latencies.extend(latencies)
            result.errors.extend(errors)
            result.disagreements.extend(disagreements)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


# --- the server ---------------------------------------------------------------------------------


def write_stubs(model: Model, out: Path, package: str = PACKAGE) -> Path:
    """The stubs package for ``model`` under ``out/stubs``, as ``docs2code build`` writes it."""
    for rel, text in render_stubs(model, package).items():
        path = out / "stubs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_listening(port: int, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not listen on port {port} within {timeout:.0f} s")


@contextmanager
def serving(out: Path, package: str = PACKAGE, timeout: float = 30.0) -> Iterator[str]:
    """``docs2code serve --quiet OUT`` as a subprocess; yields its root URL."""
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", str(out), "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [*command, "--package", package, "--quiet"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            try:
                wait_until_listening(port, server, timeout)
            except RuntimeError as exc:
                log.seek(0)
                output = log.read().decode(errors="replace").strip()
                raise RuntimeError(f"{exc}: {output}") from None
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", nargs="?", const=CORPUS, type=Path, help="docs to serve")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    docs: Path = args.corpus or INPUT_DOCS
    if not docs.is_dir():
        print(f"docs not found: {docs}", file=sys.stderr)
        return 2

    model = read_docs([docs])
    calls = documented_calls(model)
    if not calls:
        print(f"no documented example requests in {docs}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="docs2code-stubs-") as tmp:
        out = write_stubs(model, Path(tmp))
        started = time.perf_counter()
        try:
            with serving(out) as url:
                startup = time.perf_counter() - started
                result = run_load(url, calls, args.requests, args.clients)
        except RuntimeError as exc:
            print(f"cannot start the server: {exc}", file=sys.stderr)
            return 2

    ms = 1000
    print(f"docs: {docs} ({len(model.operations)} operations, {len(calls)} example requests)")
    print(f"server: docs2code serve --quiet, listening {startup:.2f} s after launch")
    print(
        f"load: {result.requests} requests from {args.clients} "
        f"clients in {result.seconds:.2f} s: {result.rate:,.0f} requests/s"
    )
    print(
        f"latency: p50 {result.percentile(50) * ms:.1f} ms, p95 {result.percentile(95) * ms:.1f} "
        f"ms, max {max(result.latencies, default=0) * ms:.1f} ms"
    )
    for label, found in (("errors", result.errors), ("not as documented", result.disagreements)):
        distinct = sorted(set(found))
        print(f"{label}: {len(found)} ({len(distinct)} distinct)")
        for line in distinct[:10]:
            print(f"  {line}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
