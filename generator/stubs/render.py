"""Render the stub server package from the model: relative path -> text.

The app module is static code from ``templates/stubs``; everything taken from the docs
(paths, example responses, property names) goes into ``stubs.json``, which the app reads
at import.  Doc text is never turned into code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment

from generator import faults, jsontext
from generator.model import (
    Body,
    BodyKind,
    Example,
    ExampleRequest,
    Model,
    Operation,
    PathVariant,
    TypeDef,
)
from generator.paths import split_url
from generator.render import BUILTIN
from generator.render.formatting import FormatCache, finish
from generator.render.templating import static_source, template_environment
from generator.sdk.filters import FILTERS
from generator.stubs.paths import (
    CompiledPath,
    RouteIndex,
    compile_path,
    exact_path,
    first_match,
    plain,
    route_path,
)

TEMPLATES = BUILTIN / "stubs"
DATA_FILE = "stubs.json"
BODY_METHODS = ("POST", "PUT", "PATCH")
_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
_DROPPED_HEADERS = {"content-length", "transfer-encoding", "connection"}
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def environment(templates: Path = TEMPLATES, override: Path | None = None) -> Environment:
    """``override``: the ``--templates DIR`` whose ``stubs/`` files replace built-in ones."""
    return template_environment(templates, override, FILTERS)


# --- request bodies ----------------------------------------------------------------------------


def _type_index(types: Iterable[TypeDef]) -> dict[str, TypeDef]:
    index: dict[str, TypeDef] = {}
    for t in types:
        index.setdefault(t.full_name, t)
        index.setdefault(t.name, t)
    return index


def _type_properties(name: str, index: dict[str, TypeDef]) -> set[str] | None:
    """Property names of a type and its base types; None when the type is unknown."""
    found: set[str] | None = None
    seen: set[str] = set()
    current: str | None = name
    while current is not None and current not in seen:
        seen.add(current)
        t = index.get(current) or index.get(current.rsplit(".", 1)[-1])
        if t is None:
            break
        found = (found or set()) | {p.name for p in t.properties}
        current = t.base
    return found


@dataclass(slots=True)
class BodyRule:
    expects_object: bool = False
    properties: set[str] | None = field(default_factory=set)  # None: names not checked

    def add(
        self, op: Operation, index: dict[str, TypeDef], variant: PathVariant | None = None
    ) -> None:
        """Take bodies as the reader decided ``variant`` (else the operation's first path)
        takes them: a JSON object of a type, of an action's parameters, or a reference,
        with the property names it may hold; an array, raw content or no body is not
        checked."""
        decided = (variant or op.paths[0]).body if op.paths else None
        if decided is None:
            return
        names: set[str] | None = None
        if decided.kind is BodyKind.REFERENCE:
            names = {"@odata.id"}
        elif decided.kind is BodyKind.OBJECT and decided.type is not None:
            names = _type_properties(decided.type.name, index)
        elif decided.kind is BodyKind.OBJECT:
            names = {p.name for p in decided.parameters}
        else:
            return
        self.expects_object = True
        if names is None or self.properties is None:
            self.properties = None
            return
        self.properties |= names
        for ex in op.examples:  # the docs' own example bodies are documented too
            body = ex.request.body if ex.request else None
            if body is not None and isinstance(body.json, dict):
                self.properties |= {str(k) for k in body.json}


# --- examples ------------------------------------------------------------------------------------


def example_id(request: ExampleRequest) -> str:
    """What ``Prefer: example=<id>`` names an example by: its page and request line."""
    return f"{request.span.file}:{request.span.first_content_line().line}"


def body_digest(text: str) -> str | None:
    """What the stub tells request bodies apart by: a digest of the JSON value (so that
    spacing and key order do not count), else of the text; None for no body."""
    text = text.strip()
    if not text:
        return None
    with contextlib.suppress(ValueError, RecursionError):  # not JSON, or nested too deep
        text = json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _request_body(body: Body | None) -> str | None:
    return None if body is None else body_digest(body.strict_text())


def _headers(example: Example) -> list[list[str]]:
    assert example.response is not None
    out: list[list[str]] = []
    for h in example.response.headers:
        if h.name.lower() in _DROPPED_HEADERS or not _HEADER_NAME.fullmatch(h.name):
            continue
        value = h.value.strip()
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            continue
        if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value):
            continue
        out.append([h.name, value])
    return out


@dataclass(frozen=True, slots=True)
class ExampleData:
    method: str
    path: str  # as routes match it (route_path), not yet plain
    data: dict[str, Any]  # what stubs.json holds, but the path parameter values


def example_data(example: Example) -> ExampleData | None:
    response, request = example.response, example.request
    if response is None or request is None:
        return None
    path = route_path(split_url(request.path)[2] or request.path)
    body = response.body.strict_text(indent=2) if response.body is not None else None
    data = {
        "id": example_id(request),
        "name": example.name,
        "path": plain(path),
        "query": unquote(request.query),
        "request_body": _request_body(request.body),
        "status": response.status or 200,
        "headers": _headers(example),
        "body": body if body else None,
    }
    return ExampleData(request.method, path, data)


# --- the plan ------------------------------------------------------------------------------------


@dataclass(slots=True)
class RouteData:
    method: str
    path: CompiledPath
    operations: list[str] = field(default_factory=list)
    body: BodyRule = field(default_factory=BodyRule)
    examples: dict[str, ExampleData] = field(default_factory=dict)  # by id, in order

    def serve(
        self,
        op: Operation,
        examples: Iterable[ExampleData],
        index: dict[str, TypeDef],
        variant: PathVariant | None = None,
    ) -> None:
        """Answer with ``examples`` of ``op``, and take bodies as ``op`` documents them
        for ``variant``."""
        if op.id not in self.operations:
            self.operations.append(op.id)
            if self.method in BODY_METHODS:
                self.body.add(op, index, variant)
        for ex in examples:
            self.examples.setdefault(ex.data["id"], ex)

    def as_data(self) -> dict[str, Any]:
        regex = self.path.regex()

        def values(ex: ExampleData) -> dict[str, str]:
            """The path parameter values of ``ex`` as this route reads them (none when its
            path does not fit, as for an operation's example of another variant)."""
            m = regex.fullmatch(ex.path)
            return {} if m is None else {k: unquote(v) for k, v in m.groupdict().items()}

        return {
            "method": self.method,
            "template": self.path.template,
            "pattern": self.path.pattern,
            "operations": self.operations,
            "expects_object": self.body.expects_object,
            "properties": None if self.body.properties is None else sorted(self.body.properties),
            "examples": [{**e.data, "values": values(e)} for e in self.examples.values()],
        }


def _specificity(route: RouteData) -> tuple[Any, ...]:
    """Literal text before parameters, so ``/items/root`` is tried before ``/items/{id}``."""
    kinds = tuple(0 if "{" not in seg else 1 for seg in route.path.template.split("/"))
    return (kinds, route.path.template, route.method)


def plan_routes(model: Model) -> list[RouteData]:
    """One route per documented (method, path shape), in the order the app tries them.

    Variants of one shape (``/users/{usersId}``, ``/users/{id | userPrincipalName}``) are
    one route answering with the examples of all their operations.  Each example is
    also added to the route that its own request reaches, and when none does (its URL
    fits no declared path: ``/me`` for ``/users/{id}``, a type cast), to a route of its
    own for exactly its path: every documented example is served at its documented URL.
    """
    types = _type_index(model.types)
    routes: dict[tuple[str, str], RouteData] = {}
    per_op: list[tuple[Operation, list[ExampleData]]] = []
    for op in model.operations:
        with faults.item(op):
            examples = [d for ex in op.examples if (d := example_data(ex)) is not None]
            for variant in op.paths:
                path = compile_path(variant)
                key = (op.method, path.shape)
                route = routes.setdefault(key, RouteData(op.method, path))
                route.serve(op, examples, types, variant)
            per_op.append((op, examples))
    ordered = sorted(routes.values(), key=_specificity)
    index = RouteIndex(r.path for r in ordered)
    methods = [r.method for r in ordered]
    for op, examples in per_op:
        for ex in examples:
            with faults.named(f"example {ex.data['id']} of operation {op.id}", op.source):
                found = first_match(index, methods, ex.method, ex.path)
                if found is None:
                    ordered.append(RouteData(ex.method, exact_path(ex.path)))
                    index.add(ordered[-1].path)
                    methods.append(ex.method)
                    found = (len(ordered) - 1, {})
                ordered[found[0]].serve(op, [ex], types)
    return sorted(ordered, key=_specificity)


def stub_data(model: Model) -> dict[str, Any]:
    """What the app serves: its routes, and the API versions a request path may start with."""
    versions = sorted(
        {
            ex.request.version
            for op in model.operations
            for ex in op.examples
            if ex.request is not None and ex.request.version
        }
    )
    routes: list[dict[str, Any]] = []
    for route in plan_routes(model):
        with faults.named(f"stub route {route.method} {route.path.template[:80]}"):
            routes.append(route.as_data())
    return {"versions": versions, "routes": routes}


def render_stubs(
    model: Model,
    package: str = "docs2code_stubs",
    templates: Path | None = None,
    cache: FormatCache | None = None,
) -> dict[str, str]:
    """Relative path -> text of the stub server package, Python formatted with black.
    ``templates``: the ``--templates DIR``; ``cache`` spares black files seen before."""
    plan = stub_files(model, package, templates)
    return {path: finish(path, text, cache) for path, text in sorted(plan.items())}


def stub_files(
    model: Model, package: str = "docs2code_stubs", templates: Path | None = None
) -> dict[str, str]:
    """The stub server package as rendered, before formatting (``finish``)."""
    if not _PACKAGE.fullmatch(package):
        raise ValueError(f"{package!r} is not a valid package name")
    env = environment(override=templates)
    data = stub_data(model)
    plan = {
        f"{package}/__init__.py": env.get_template("package_init.py.jinja").render(package=package),
        f"{package}/app.py": static_source(env, "app.py"),
        f"{package}/py.typed": "",
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(
            package=package, distribution=package.replace("_", "-")
        ),
        f"{package}/{DATA_FILE}": jsontext.dumps(data, 1, ensure_ascii=True) + "\n",
    }
    return plan
