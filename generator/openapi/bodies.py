"""Request bodies and responses of an OpenAPI operation, with the documented examples.

A body's schema is the type the docs declare for it (the request body type and
parameter table; per status the Response section's type and the example annotation's
``@odata.type``); where documented operations merged into one OpenAPI operation declare
different ones, any of them (``anyOf``).  Each example goes under the media type its
``Content-Type`` names (JSON when none), named after its name in the docs, with its
``page:line`` (what the stub's ``Prefer: example=`` takes) in ``x-docs2code-source``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from generator.model import Body, Example, Header, Operation, TypeKind, TypeRef
from generator.openapi.paths import Placed
from generator.openapi.schemas import Components, Schema, nullable
from generator.openapi.text import Linker

JSON = "application/json"
ERROR_SCHEMA = "odata.error"
ERROR_RESPONSE = {"$ref": "#/components/responses/error"}
NO_CONTENT = frozenset({204, 304})


def error_components() -> tuple[dict[str, Schema], dict[str, Any]]:
    """The service's error shape (``{"error": {"code", "message", ...}}``): schemas, and
    the ``error`` response every operation names as its ``default``."""
    schemas: dict[str, Schema] = {
        ERROR_SCHEMA: {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"$ref": "#/components/schemas/odata.mainError"}},
            "description": "An error, as the service answers with it.",
        },
        "odata.mainError": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "target": {"type": ["string", "null"]},
                "details": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/odata.errorDetail"},
                },
                "innerError": {"type": "object", "description": "Diagnostics of the service."},
            },
        },
        "odata.errorDetail": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "target": {"type": ["string", "null"]},
            },
        },
    }
    response = {
        "description": "An error, in the service's error shape.",
        "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}},
    }
    return schemas, response


def media_type(headers: Sequence[Header]) -> str:
    for h in headers:
        if h.name.casefold() == "content-type":
            value = h.value.split(";")[0].strip().lower()
            if "/" in value and " " not in value:
                return value
    return JSON


def is_json(media: str) -> bool:
    return media == JSON or media.endswith("+json")


def collection_of(items: Schema) -> Schema:
    """An OData collection: ``{"value": [...]}`` with its paging annotations."""
    return {
        "type": "object",
        "properties": {
            "value": {"type": "array", "items": items},
            "@odata.nextLink": {"type": "string"},
            "@odata.count": {"type": "integer"},
        },
    }


def one_of(schemas: Iterable[Schema]) -> Schema:
    """Any of ``schemas``; ``{}`` (any value) when one of them is."""
    distinct: dict[str, Schema] = {}
    for s in schemas:
        distinct.setdefault(json.dumps(s, sort_keys=True), s)
    found = list(distinct.values())
    if not found or any(not s for s in found):
        return {}
    return found[0] if len(found) == 1 else {"anyOf": found}


def _typed(components: Components, name: str | None, collection: bool) -> Schema:
    """A response of the type ``name``: its schema, a collection as OData wraps it; a
    primitive or a type the doc set does not define is any value."""
    name = (name or "").strip().lstrip("#")
    if name.startswith("Collection(") and name.endswith(")"):
        name, collection = name[len("Collection(") : -1], True
    found = components.find(name)
    if found is None:
        return {}
    return collection_of(components.ref(found)) if collection else components.ref(found)


def _declared(components: Components, ref: TypeRef) -> Schema:
    """A body of the type a table or the Response prose declares."""
    if ref.kind != TypeKind.COMPLEX:
        return {}
    return _typed(components, ref.name, ref.is_collection)


def example_object(example: Example, body: Body, media: str) -> dict[str, Any]:
    block = example.request or example.response
    assert block is not None
    first = block.span.first_content_line().line
    out: dict[str, Any] = {"x-docs2code-source": f"{block.span.file}:{first}"}
    if example.title:
        out["summary"] = example.title
    if not is_json(media):
        out["value"] = body.text
    elif body.json is not None:
        out["value"] = body.json
    else:
        out["description"] = f"Not JSON in the docs: {body.json_error or 'empty'}"
        out["x-docs2code-text"] = body.text
    return out


@dataclass(slots=True)
class Content:
    """One body (a request's, or a response's of one status) as it is built up."""

    schemas: list[Schema] = field(default_factory=list)
    examples: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # media -> name

    def add_example(self, example: Example, body: Body | None, media: str, number: int) -> None:
        if body is None or not body.text.strip():
            return
        named = self.examples.setdefault(media, {})
        base = (example.name or "").strip() or f"example-{number}"
        name, n = base, 2
        while name in named:
            name, n = f"{base}-{n}", n + 1
        named[name] = example_object(example, body, media)

    def content(self, fallback: Schema | None = None) -> dict[str, Any] | None:
        """The media type map; None when nothing is declared nor shown."""
        schema = one_of(self.schemas) if self.schemas else fallback
        if schema is None and not self.examples:
            return None
        out: dict[str, Any] = {}
        for media in sorted(self.examples or {JSON: {}}):
            entry: dict[str, Any] = {"schema": (schema or {}) if is_json(media) else {}}
            if self.examples.get(media):
                entry["examples"] = self.examples[media]
            out[media] = entry
        return out


def _numbered(placed: Sequence[Placed]) -> Iterable[tuple[Placed, Example, int]]:
    for p in placed:
        for example in p.examples:
            yield p, example, p.op.examples.index(example) + 1


def _ops(placed: Sequence[Placed]) -> list[Operation]:
    return list({id(p.op): p.op for p in placed}.values())


def request_body(
    placed: Sequence[Placed], components: Components, linker: Linker
) -> dict[str, Any] | None:
    body = Content()
    declared = False
    for op in _ops(placed):
        spec = op.request
        # A parameter table is what an action's body holds; a type only without one.
        if spec.body_params:
            declared = True
            body.schemas.append(_params_object(op, components, linker))
        elif spec.body_type is not None:
            declared = True
            body.schemas.append(_declared(components, spec.body_type))
    for _, example, number in _numbered(placed):
        request = example.request
        if request is not None and request.body is not None:
            body.add_example(example, request.body, media_type(request.headers), number)
    content = body.content()
    if content is None:
        return None
    out: dict[str, Any] = {"content": content}
    if declared:
        out["required"] = True
    return out


def _params_object(op: Operation, components: Components, linker: Linker) -> Schema:
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for p in op.request.body_params:
        name = p.name.strip()
        if not name or name in properties:
            continue
        schema = nullable(components.of(p.type)) if p.type is not None else {}
        description = linker.resolve(p.description, p.span.file)
        properties[name] = {**schema, "description": description} if description else schema
        if p.required:
            required.append(name)
    out: Schema = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    return out


@dataclass(slots=True)
class Status:
    description: str = ""
    body: Content = field(default_factory=Content)


def _valid(status: int) -> bool:
    return 100 <= status <= 599


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Status {status}"


def responses(placed: Sequence[Placed], components: Components) -> dict[str, Any]:
    """Every status the merged operations document (Response prose and examples), with
    its schema and examples; ``default``: the error shape."""
    statuses: dict[int, Status] = {}
    for op in _ops(placed):
        for spec in op.responses:
            if _valid(spec.status):
                entry = statuses.setdefault(spec.status, Status())
                entry.description = entry.description or spec.reason
                if spec.type is not None:
                    entry.body.schemas.append(_declared(components, spec.type))
        for example in op.examples:
            response = example.response
            status = (response.status or 200) if response is not None else None
            if response is None or status is None or not _valid(status):
                continue
            entry = statuses.setdefault(status, Status())
            entry.description = entry.description or response.reason
            ann = response.annotation
            if ann is not None and ann.odata_type:
                entry.body.schemas.append(_typed(components, ann.odata_type, ann.is_collection))
    for _, example, number in _numbered(placed):
        response = example.response
        if response is not None and _valid(response.status or 200):
            media = media_type(response.headers)
            statuses[response.status or 200].body.add_example(
                example, response.body, media, number
            )
    out: dict[str, Any] = {}
    for status in sorted(statuses):
        entry = statuses[status]
        answer: dict[str, Any] = {"description": entry.description.strip() or _phrase(status)}
        if status not in NO_CONTENT and not 100 <= status < 200:
            error = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"} if status >= 400 else None
            content = entry.body.content(error if not entry.body.schemas else None)
            if content is not None:
                answer["content"] = content
        out[str(status)] = answer
    if not statuses:
        out["2XX"] = {"description": "Success; the docs name no status."}
    out["default"] = ERROR_RESPONSE
    return out
