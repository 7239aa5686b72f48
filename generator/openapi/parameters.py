"""Path, query and header parameters of an OpenAPI operation.

Query parameters come from the query parameter table, from the OData system query
options the section's prose names (``This method supports the `$select` ... OData
query parameters``, ``the select and expand OData query parameters``; not those a
sentence says are not supported), from the request line's own query
(``?startDateTime={start}``: required) and from the example requests sent to the path.
Where the prose says a GET supports the OData query parameters without naming one, the
GET takes those OData defines for what it answers: a collection ``$select``, ``$expand``,
``$filter``, ``$orderby``, ``$top``, ``$skip``, ``$count`` and ``$search``, anything else
``$select`` and ``$expand``.  ``Authorization``, ``Content-Type`` and ``Accept`` are not
parameters in OpenAPI (security and media types say them) and are left out.
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
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
# "does not support", "is not supported", "isn't supported", "unsupported"
_NEGATED = re.compile(
    r"(?:\b(?:not|never|cannot)\b|n't\b)[^.;]*\bsupport|\bunsupported\b", re.IGNORECASE
)
_SUPPORTS = re.compile(r"\bsupports?\b.*\bquery\s+(?:parameters?|options?)\b", re.IGNORECASE)
_WORD = r"\$?(?:select|expand|filter|orderby|top|skip|count|search|skiptoken|deltatoken)"
# "the select and expand OData query parameters": option names written without "$"
_BARE_LIST = re.compile(
    rf"\b({_WORD}(?:\s*,\s*(?:and\s+|or\s+)?{_WORD}|\s+(?:and|or)\s+{_WORD})*)"
    r"\s+(?:OData\s+)?(?:system\s+)?query\s+(?:parameters?|options?)\b",
    re.IGNORECASE,
)
_BARE_WORD = re.compile(_WORD, re.IGNORECASE)
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
    samples: dict[str, str] = {}  # a value a request line wrote for it (paths.py)
    for placed in (p for ps in item.operations.values() for p in ps):
        for s in placed.variant.samples:
            if s.kind != "placeholder":
                samples.setdefault(s.param, s.value)
    for p in item.params:
        param: dict[str, Any] = {
            "name": p.name,
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
        }
        example = next((samples[n] for n in p.documented if n in samples), None)
        if example is not None:
            param["example"] = example
        if p.documented != (p.name,):
            param["description"] = "Documented as " + ", ".join(f"`{{{n}}}`" for n in p.documented)
        if p.spans_segments:
            param["x-docs2code-spans-segments"] = True
        out.append(param)
    return out


# What a GET takes where the docs say it supports the OData query parameters, naming none.
COLLECTION_OPTIONS = (
    "$select",
    "$expand",
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
)
ENTITY_OPTIONS = ("$select", "$expand")
_NAMED = "OData system query option; the page says the method supports it."
_SHOWN = "OData system query option; a documented example request uses it."
_IMPLIED = (
    "OData system query option; the page says the method supports the OData query "
    "parameters without naming them, and OData defines this one for {what}."
)


def prose_options(prose: str) -> tuple[list[str], bool]:
    """The OData options (lower case, ``$`` first) that ``prose`` says are supported,
    and whether it says the OData query parameters are supported without naming one.
    A sentence that says they are not supported names options that are not."""
    named: list[str] = []
    refused: set[str] = set()
    general = False
    for sentence in _SENTENCE.split(prose):
        found = [m.lower() for m in _OPTION.findall(sentence)]
        for m in _BARE_LIST.finditer(sentence):
            found += ["$" + w.lower().lstrip("$") for w in _BARE_WORD.findall(m[1])]
        found = [f for f in dict.fromkeys(found) if f in ODATA_OPTIONS]
        if _NEGATED.search(sentence):
            refused.update(found)
            continue
        named += [f for f in found if f not in named]
        general = general or bool(_SUPPORTS.search(sentence))
    named = [n for n in named if n not in refused]
    return named, general and not named


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


def _query(
    op: Operation, placed: Placed, components: Components, linker: Linker, collection: bool
) -> Iterable[Any]:
    for p in op.request.query_params:
        name = p.name.strip()
        if name.lower() in ODATA_OPTIONS:
            yield _option(name, linker.resolve(p.description, p.span.file))
        elif name and not name.startswith("$"):
            yield _table_row(p, "query", components, linker)
    named, general = prose_options(op.request.query_prose)
    for name in named:
        yield _option(name, _NAMED)
    if general and op.method == "GET":
        what = "a collection" if collection else "an entity"
        for name in COLLECTION_OPTIONS if collection else ENTITY_OPTIONS:
            yield _option(name, _IMPLIED.format(what=what))
    for example in placed.examples:
        request = example.request
        for pair in (request.query if request is not None else "").split("&"):
            name = pair.partition("=")[0].strip()
            if name.lower() in ODATA_OPTIONS:
                yield _option(name, _SHOWN)
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
    item: PathItem,
    placed: list[Placed],
    components: Components,
    linker: Linker,
    collection: bool = False,
) -> list[dict[str, Any]]:
    """The path item's path parameters, then the query and header parameters of every
    documented operation merged here (the first one of a name wins); ``collection``: the
    operation answers a collection (which OData options the prose implies)."""
    out = path_parameters(item)
    seen: set[tuple[str, str]] = {("path", p["name"]) for p in out}
    for p in placed:
        query = _query(p.op, p, components, linker, collection)
        found = [*query, *_headers(p.op, components, linker)]
        for param in found:
            key = (param["in"], param["name"].lower() if param["in"] == "header" else param["name"])
            if key not in seen:
                seen.add(key)
                out.append(param)
    return out
