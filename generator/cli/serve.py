"""``docs2code serve``: run the generated stub server (OUT/stubs) with uvicorn.

The socket is bound here, before uvicorn starts, so that a taken port or an unknown host is
one clear line and exit 2 rather than uvicorn's log.  Each request is logged by a small ASGI
middleware, not uvicorn's access log, because only the app knows which documented route
answered: it leaves the route's template in ``scope["state"]["stub_route"]``.
"""

from __future__ import annotations

import errno
import importlib
import ipaddress
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.debug import echo_traceback
from generator.cli.settings import resolve
from generator.exits import fail
from generator.failure import traceback_of
from generator.output.sync import recover_output
from generator.render.options import BuildOptions

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

ROUTE_KEY = "stub_route"  # set by templates/stubs/app.py
_UNPRINTABLE = {c: f"\\x{c:02x}" for c in (*range(32), 127)}


class ServeError(Exception):
    """Why the server cannot start; the command prints it as one line and exits 2."""


# --- the request log -----------------------------------------------------------------------------


def log_line(method: str, target: str, status: int, route: str | None, ms: float) -> str:
    """``12:00:01 GET /v1.0/me/drive -> 200 [/me/drive] 1.2 ms``; the bracket names the
    documented route template that answered, or says that none did (404, 405)."""
    answered = route if route is not None else "no documented route"
    return (
        f"{time.strftime('%H:%M:%S')} {method} {target.translate(_UNPRINTABLE)} -> {status} "
        f"[{answered.translate(_UNPRINTABLE)}] {ms:.1f} ms"
    )


class RequestLog:
    """ASGI middleware: one :func:`log_line` per HTTP request, once the response is sent."""

    def __init__(self, app: ASGIApp, echo: Callable[[str], None] = click.echo) -> None:
        self.app = app
        self.echo = echo

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = scope.setdefault("state", {})  # shared with the app's copies
        status = 500  # what the client sees when the app fails before answering

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = str(scope["path"]) + (f"?{query}" if query else "")
            ms = (time.perf_counter() - start) * 1000
            self.echo(log_line(str(scope["method"]), target, status, state.get(ROUTE_KEY), ms))


# --- finding and loading the stubs ---------------------------------------------------------------


def find_package(stubs: Path, name: str | None, preferred: str | None = None) -> str:
    """The stubs package to serve: ``name`` (an SDK or stubs import name, as given to
    ``build --package``), else the only package in ``stubs``, else ``preferred``'s."""
    found = sorted(p.parent.name for p in stubs.glob("*/app.py")) if stubs.is_dir() else []
    if not found:
        raise ServeError(
            f"no stub server in {stubs}; run `docs2code build -o {stubs.parent}` first"
        )
    for wanted in (name, preferred):
        if wanted is None:
            continue
        for candidate in (wanted, BuildOptions(package=wanted).stubs_package):
            if candidate in found:
                return candidate
        if wanted == name:
            raise ServeError(f"no stubs package {name!r} in {stubs} (found: {', '.join(found)})")
    if len(found) > 1:
        raise ServeError(
            f"{stubs} holds several stub packages ({', '.join(found)}); choose one with --package"
        )
    return found[0]


def load_app(stubs: Path, package: str, stateful: bool = False) -> tuple[ASGIApp, Any]:
    """``<package>.app`` imported from ``stubs``: the ASGI app (``stateful``: a new one from
    its ``create_app(stateful=True)``) and its module."""
    sys.path.insert(0, str(stubs.resolve()))
    try:
        module = importlib.import_module(f"{package}.app")
    except Exception as exc:  # a broken or stale build, or a missing dependency
        raise ServeError(f"cannot load {stubs / package}: {type(exc).__name__}: {exc}") from exc
    app = getattr(module, "app", None)
    if stateful:
        create = getattr(module, "create_app", None)
        if not callable(create):
            raise ServeError(f"{stubs / package} has no stateful mode; rebuild it")
        app = create(stateful=True)
    if not callable(app):
        raise ServeError(f"{stubs / package / 'app.py'} has no ASGI `app`; rebuild it")
    return app, module


# --- the socket ----------------------------------------------------------------------------------


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ServeError(f"cannot resolve host {host!r}: {exc}") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use; stop the other server "
                "or choose another --port"
            ) from exc
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def is_loopback(sock: socket.socket) -> bool:
    address = str(sock.getsockname()[0]).split("%", 1)[0]
    return ipaddress.ip_address(address).is_loopback


def base_url(sock: socket.socket, versions: tuple[str, ...]) -> str:
    """The URL to give a client: the root with the docs' version (``v1.0`` when several)."""
    host, port = sock.getsockname()[:2]
    host = f"[{host}]" if ":" in host else host
    version = "v1.0" if "v1.0" in versions else next(iter(versions), "")
    return f"http://{host}:{port}" + (f"/{version}" if version else "")


# --- the command ---------------------------------------------------------------------------------


@click.command("serve")
@click.argument("out", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option("--package", help="SDK or stubs import name [default: the one in OUT/stubs].")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request (for benchmarks).")
@click.option(
    "--stateful",
    is_flag=True,
    help="Let POST, PUT, PATCH and DELETE change what later GETs return (in memory).",
)
def serve_command(
    out: Path | None, host: str, port: int, package: str | None, quiet: bool, stateful: bool
) -> None:
    """Run the mock server generated in OUT/stubs (default: [tool.docs2code] output, else
    generated): every documented example request gets its documented response."""
    settings = resolve("serve", None, output=out)
    out = settings.output
    try:
        recovered = recover_output(out)  # a build killed mid-write: serve what it committed
        if recovered.errors:
            raise ServeError(f"{out}: {recovered.errors[0].message}")
        stubs = out / "stubs"
        name = find_package(stubs, package, settings.package)
        sock = bind(host, port)
    except ServeError as exc:
        fail("serve", str(exc))
    try:
        app, module = load_app(stubs, name, stateful)
        import uvicorn
    except (ServeError, ImportError) as exc:
        sock.close()
        echo_traceback(traceback_of(exc.__cause__ or exc))  # with --debug: why it failed
        fail("serve", str(exc) if isinstance(exc, ServeError) else f"cannot start: {exc}")
    if not is_loopback(sock):
        click.echo(
            f"docs2code serve: warning: listening on {host}, reachable from other machines; "
            "the mock server has no authentication",
            err=True,
        )
    routes = len(getattr(module, "ROUTES", ()))
    url = base_url(sock, tuple(getattr(module, "VERSIONS", ())))
    mode = ", stateful" if stateful else ""
    click.echo(
        f"docs2code serve: {name} ({routes} routes{mode}) on {url} (Ctrl+C to stop)", err=True
    )
    config = uvicorn.Config(
        app if quiet else RequestLog(app),
        log_level="warning",
        access_log=False,
        server_header=False,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shut down gracefully, then re-raised Ctrl+C
        pass
    except SystemExit as exc:  # uvicorn's startup failure
        fail("serve", f"server failed to start (uvicorn exit {exc.code})")
    finally:
        sock.close()
    click.echo("docs2code serve: stopped", err=True)
