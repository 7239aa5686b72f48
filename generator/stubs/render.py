"""Render the stub server package from the model: relative path -> text.

The app module is static code from ``templates/stubs``; everything taken from the docs
(paths, example responses, property names) goes into ``stubs.json``, which the app reads
at import.  Doc text is never turned into code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment

from generator.formatting import FormatCache, finish
from generator.model import (
    Example,
    Model,
    Operation,
    PathVariant,
    SegmentKind,
    TypeDef,
    TypeKind,
)
from generator.paths import split_url
from generator.sdk.filters import FILTERS
from generator.templating import template_environment

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "stubs"
DATA_FILE = "stubs.json"
BODY_METHODS = ("POST", "PUT", "PATCH")
_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
_PARAM = re.compile(r"\{([^{}]*)\}")
_STARLETTE_LITERAL = re.compile(r"[^{}\s]*")
_DROPPED_HEADERS = {"content-length", "transfer-encoding", "connection"}
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def environment(templates: Path = TEMPLATES, override: Path | None = None) -> Environment:
    """``override``: the ``--templates DIR`` whose ``stubs/`` files replace built-in ones."""
    return template_environment(templates, override, FILTERS)


# --- paths -------------------------------------------------------------------------------------


def safe_name(name: str, taken: set[str]) -> str:
    """An identifier for a path parameter, unique among ``taken`` (which it joins)."""
    base = re.sub(r"\W", "_", name.encode("ascii", "replace").decode("ascii")).strip("_")
    base = base.lower() or "param"
    if not re.match(r"[a-z]", base):
        base = f"p_{base}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True, slots=True)
class CompiledPath:
    template: str
    pattern: str  # a full-match regex with one named group per parameter
    starlette: str | None  # the Starlette route path, None when only the regex can match
    params: tuple[tuple[str, str], ...]  # (group name, parameter name as documented)


def compile_path(variant: PathVariant) -> CompiledPath:
    """Regex and Starlette path for a template.  Parameters inside an OneDrive colon path
    (``root:/{item-path}:``) may hold slashes; all others match one path segment."""
    spanning = {p for s in variant.segments if s.kind == SegmentKind.COLON_PATH for p in s.params}
    template = variant.template
    taken: set[str] = set()
    params: list[tuple[str, str]] = []
    regex: list[str] = []
    route: list[str] = []
    literals: list[str] = []
    last = 0
    for m in _PARAM.finditer(template):
        literal = template[last : m.start()]
        literals.append(literal)
        regex.append(re.escape(literal))
        route.append(literal)
        name = safe_name(m.group(1), taken)
        params.append((name, m.group(1)))
        wide = m.group(1) in spanning
        regex.append(f"(?P<{name}>{'.*' if wide else '[^/]+'})")
        route.append(f"{{{name}:path}}" if wide else f"{{{name}}}")
        last = m.end()
    literals.append(template[last:])
    regex.append(re.escape(template[last:]))
    route.append(template[last:])
    expressible = template.startswith("/") and all(
        _STARLETTE_LITERAL.fullmatch(lit) for lit in literals
    )
    return CompiledPath(
        template=template,
        pattern="".join(regex),
        starlette="".join(route) if expressible else None,
        params=tuple(params),
    )


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

    def add(self, op: Operation, index: dict[str, TypeDef]) -> None:
        spec = op.request
        names: set[str] | None = None
        documented = False
        if spec.body_params:
            documented, names = True, {p.name for p in spec.body_params}
        ref = spec.body_type
        if ref is not None and ref.kind == TypeKind.COMPLEX and not ref.is_collection:
            documented = True
            props = _type_properties(ref.name, index)
            names = None if props is None and names is None else (names or set()) | (props or set())
        if not documented:
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


def _example_data(example: Example, paths: list[CompiledPath]) -> dict[str, Any] | None:
    response, request = example.response, example.request
    if response is None:
        return None
    path = query = ""
    values: dict[str, str] = {}
    if request is not None:
        path = unquote(split_url(request.path)[2] or request.path)
        query = unquote(request.query)
        for compiled in paths:
            m = re.fullmatch(compiled.pattern, path)
            if m:
                values = {doc: m.group(name) for name, doc in compiled.params}
                break
    body: str | None = None
    if response.body is not None:
        # Lenient JSON (comments, trailing commas) is served as the strict JSON it reads as.
        lenient = response.body.json is not None and response.body.json_error is not None
        body = json.dumps(response.body.json, indent=2) if lenient else response.body.text
    return {
        "name": example.name,
        "path": path,
        "query": query,
        "values": values,
        "status": response.status or 200,
        "headers": _headers(example),
        "body": body if body else None,
    }


# --- the plan ------------------------------------------------------------------------------------


@dataclass(slots=True)
class RouteData:
    method: str
    path: CompiledPath
    operations: list[str] = field(default_factory=list)
    body: BodyRule = field(default_factory=BodyRule)
    examples: list[dict[str, Any]] = field(default_factory=list)


def _specificity(route: RouteData) -> tuple[Any, ...]:
    """Literal text before parameters, so ``/items/root`` is tried before ``/items/{id}``."""
    kinds = tuple(0 if "{" not in seg else 1 for seg in route.path.template.split("/"))
    return (kinds, route.path.template, route.method)


def stub_data(model: Model) -> dict[str, Any]:
    """What the app serves: one route per documented (method, path variant)."""
    index = _type_index(model.types)
    routes: dict[tuple[str, str], RouteData] = {}
    for op in model.operations:
        compiled = [compile_path(v) for v in op.paths]
        examples = [d for ex in op.examples if (d := _example_data(ex, compiled)) is not None]
        for path in compiled:
            route = routes.setdefault((op.method, path.pattern), RouteData(op.method, path))
            if op.id not in route.operations:
                route.operations.append(op.id)
                if op.method in BODY_METHODS:
                    route.body.add(op, index)
                route.examples.extend(e for e in examples if e not in route.examples)
    versions = sorted(
        {
            ex.request.version
            for op in model.operations
            for ex in op.examples
            if ex.request is not None and ex.request.version
        }
    )
    return {
        "versions": versions,
        "routes": [
            {
                "method": r.method,
                "template": r.path.template,
                "pattern": r.path.pattern,
                "starlette": r.path.starlette,
                "params": [list(p) for p in r.path.params],
                "operations": r.operations,
                "expects_object": r.body.expects_object,
                "properties": None if r.body.properties is None else sorted(r.body.properties),
                "examples": r.examples,
            }
            for r in sorted(routes.values(), key=_specificity)
        ],
    }


def render_stubs(
    model: Model,
    package: str = "docs2code_stubs",
    templates: Path | None = None,
    cache: FormatCache | None = None,
) -> dict[str, str]:
    """Relative path -> text of the stub server package, Python formatted with black.
    ``templates``: the ``--templates DIR``; ``cache`` spares black files seen before."""
    if not _PACKAGE.fullmatch(package):
        raise ValueError(f"{package!r} is not a valid package name")
    env = environment(override=templates)
    data = stub_data(model)
    plan = {
        f"{package}/__init__.py": env.get_template("package_init.py.jinja").render(package=package),
        f"{package}/app.py": env.get_template("app.py.jinja").render(
            package=package, data_file=DATA_FILE
        ),
        f"{package}/py.typed": "",
        f"{package}/{DATA_FILE}": json.dumps(data, indent=1, ensure_ascii=True) + "\n",
    }
    return {path: finish(path, text, cache) for path, text in sorted(plan.items())}
