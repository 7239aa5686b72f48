"""Path, query and header parameters of an OpenAPI operation.

Query parameters come from the query parameter table, from the OData system query
options the section's prose names (``This method supports the `$select` ... OData
query parameters``) and from the request line's own query (``?startDateTime={start}``:
required).  ``Authorization``, ``Content-Type`` and ``Accept`` are not parameters in
OpenAPI (security and media types say them) and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.model import Operation, Parameter, TypeKind
from generator.openapi.paths import PathItem, Placed
from generator.openapi.schemas import Components, Schema
from generator.openapi.text import Linker

_OPTION = re.compile(r"\$[A-Za-z]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_NOT_PARAMETERS = frozenset({"authorization", "content-type", "accept"})
_LIST: Schema = {"type": "array", "items": {"type": "string"}}

# OData system query options Graph documents, by lower-case name.
ODATA_OPTIONS: dict[str, Schema] = {
    "$count": {"type": "boolean"},
    "$deltatoken": {"type": "string"},
    "$expand": _LIST,
    "$filter": {"type": "string"},
    "$format": {"type": "string"},
    "$levels": {"type": "string"},
    "$orderby": _LIST,
    "$search": {"type": "string"},
    "$select": _LIST,
    "$skip": {"type": "integer", "minimum": 0},
    "$skiptoken": {"type": "string"},
    "$top": {"type": "integer", "minimum": 0},
}


def path_parameters(item: PathItem) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in item.params:
        param: dict[str, Any] = {
            "name": p.name,
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
        }
        if p.documented != (p.name,):
            param["description"] = "Documented as " + ", ".join(f"`{{{n}}}`" for n in p.documented)
        if p.spans_segments:
            param["x-docs2code-spans-segments"] = True
        out.append(param)
    return out


def _option(name: str, description: str = "") -> dict[str, Any]:
    key = name.lower()
    param: dict[str, Any] = {"name": key, "in": "query", "schema": dict(ODATA_OPTIONS[key])}
    if ODATA_OPTIONS[key].get("type") == "array":
        param |= {"style": "form", "explode": False}
    param["description"] = description or "OData system query option."
    return param


def _table_row(p: Parameter, where: str, components: Components, linker: Linker) -> dict[str, Any]:
    ref = p.type
    if ref is not None and ref.kind in (TypeKind.PRIMITIVE, TypeKind.ENUM):
        schema = components.of(ref) or {"type": "string"}
    else:
        schema = {"type": "string"}
    param: dict[str, Any] = {"name": p.name, "in": where, "schema": schema}
    if p.required:
        param["required"] = True
    description = linker.resolve(p.description, p.span.file)
    if description:
        param["description"] = description
    return param


def _query(op: Operation, placed: Placed, components: Components, linker: Linker) -> Iterable[Any]:
    for p in op.request.query_params:
        name = p.name.strip()
        if name.lower() in ODATA_OPTIONS:
            yield _option(name, linker.resolve(p.description, p.span.file))
        elif name and not name.startswith("$"):
            yield _table_row(p, "query", components, linker)
    for name in _OPTION.findall(op.request.query_prose):
        if name.lower() in ODATA_OPTIONS:
            yield _option(name)
    for pair in placed.variant.query.split("&"):
        name, _, value = pair.partition("=")
        name = name.strip()
        if name.lower() in ODATA_OPTIONS:
            yield _option(name)
        elif name and not name.startswith("$") and _PLACEHOLDER.fullmatch(value.strip()):
            yield {
                "name": name,
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
                "description": f"In the documented request line as `{pair.strip()}`.",
            }


def _headers(op: Operation, components: Components, linker: Linker) -> Iterable[Any]:
    for p in op.request.headers:
        name = p.name.strip()
        if _HEADER_NAME.fullmatch(name) and name.lower() not in _NOT_PARAMETERS:
            yield _table_row(Parameter(name, None, p.description, p.required, p.span), "header",
                             components, linker)  # fmt: skip


def parameters(
    item: PathItem, placed: list[Placed], components: Components, linker: Linker
) -> list[dict[str, Any]]:
    """The path item's path parameters, then the query and header parameters of every
    documented operation merged here (the first one of a name wins)."""
    out = path_parameters(item)
    seen: set[tuple[str, str]] = {("path", p["name"]) for p in out}
    for p in placed:
        found = [*_query(p.op, p, components, linker), *_headers(p.op, components, linker)]
        for param in found:
            key = (param["in"], param["name"].lower() if param["in"] == "header" else param["name"])
            if key not in seen:
                seen.add(key)
                out.append(param)
    return out
