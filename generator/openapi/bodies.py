"""Request bodies and responses of an OpenAPI operation, with the documented examples.

A body's schema is what the reader decided the path takes (``PathVariant.body``) or
answers with (``PathVariant.result``: see :func:`result`).  Where several pages document
one endpoint, the page that speaks for it (``Model.shared_endpoints``, first in
``placed``) gives both; a secondary page only where the speaking one states nothing (no
``anyOf`` of the pages' types: an extension's or a subtype's page documents its own
subject, not the endpoint's).  A request body is there only where the docs document one
(a parameter table, a type they define, an example body), never where the decision is
none, and ``required`` only where they declare it.  A content endpoint (a path ending
in ``$value`` or ``content``) takes and answers ``application/octet-stream``.  A
``Location`` an example response shows is a response header.  Each example goes under
the media type its ``Content-Type`` names (JSON when none), named after its name in the
docs, with its ``page:line`` (what the stub's ``Prefer: example=`` takes) in
``x-docs2code-source``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Any

from generator.model import (
    Body,
    BodyKind,
    Example,
    Header,
    Operation,
    Parameter,
    PathVariant,
    RequestBody,
    SegmentKind,
    TypeKind,
    TypeRef,
)
from generator.openapi.paths import Placed, by_page
from generator.openapi.schemas import PRIMITIVES, Components, Schema, nullable
from generator.openapi.text import Linker

JSON = "application/json"
BINARY = "application/octet-stream"
FORMS = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
CONTENT_SEGMENTS = frozenset({"$value", "content"})  # a path ending in one addresses a stream
NEXT_LINK = "@odata.nextLink"
DELTA_LINK = "@odata.deltaLink"
PAGEABLE = {"nextLinkName": NEXT_LINK, "itemName": "value"}  # Microsoft's x-ms-pageable
LOCATION = "Location"
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


def media_type(headers: Sequence[Header], body: Body | None = None, stream: bool = False) -> str:
    """The media type ``Content-Type`` names; without one JSON, but bytes for a body of a
    content endpoint (``stream``) that is not JSON."""
    for h in headers:
        if h.name.casefold() == "content-type":
            value = h.value.split(";")[0].strip().lower()
            if "/" in value and " " not in value:
                return value
    return BINARY if stream and (body is None or body.json is None) else JSON


def is_json(media: str) -> bool:
    return media == JSON or media.endswith("+json")


def media_schema(media: str, schema: Schema) -> Schema:
    """The schema of a body of ``media``: ``schema`` for JSON; text a string; a form an
    object; anything else bytes."""
    if is_json(media):
        return schema
    if media.startswith("text/"):
        return {"type": "string"}
    if media in FORMS:
        return {"type": "object"}
    return {"type": "string", "format": "binary"}


def is_content(variant: PathVariant) -> bool:
    """A content endpoint: the path ends in ``$value`` or ``content`` (a file's bytes, a
    photo, a message's MIME), which are no JSON."""
    last = variant.segments[-1] if variant.segments else None
    return (
        last is not None
        and last.kind == SegmentKind.LITERAL
        and last.name.casefold() in CONTENT_SEGMENTS
    )


def collection_of(items: Schema, delta: bool = False) -> Schema:
    """An OData collection: ``{"value": [...]}`` with its paging annotations (and the
    delta link of a delta function)."""
    properties: Schema = {
        "value": {"type": "array", "items": items},
        NEXT_LINK: {"type": "string"},
        "@odata.count": {"type": "integer"},
    }
    if delta:
        properties[DELTA_LINK] = {"type": "string"}
    return {"type": "object", "properties": properties}


def is_collection(schema: Schema) -> bool:
    """``schema`` (or one of its ``anyOf``) is an OData collection with a next link."""
    return any(
        NEXT_LINK in s.get("properties", {}) and "value" in s.get("properties", {})
        for s in schema.get("anyOf", [schema])
    )


def one_of(schemas: Iterable[Schema]) -> Schema:
    """Any of ``schemas``; ``{}`` (any value) when one of them is."""
    distinct: dict[str, Schema] = {}
    for s in schemas:
        distinct.setdefault(json.dumps(s, sort_keys=True), s)
    found = list(distinct.values())
    if not found or any(not s for s in found):
        return {}
    return found[0] if len(found) == 1 else {"anyOf": found}


_PRIMITIVE_NAMES = {name.casefold().removeprefix("edm."): name for name in PRIMITIVES}


def _named(components: Components, name: str | None, collection: bool) -> tuple[str, bool] | None:
    """(the type ``name`` names, as the doc set defines it or an ``Edm`` primitive, also
    written without ``Edm.``; whether a collection of it), or None when it names no type
    the export knows."""
    name = (name or "").strip().lstrip("#")
    if name.startswith("Collection(") and name.endswith(")"):
        name, collection = name[len("Collection(") : -1].strip().lstrip("#"), True
    if name in PRIMITIVES:
        return name, collection
    found = components.find(name)
    if found is not None:
        return found.full_name, collection
    primitive = _PRIMITIVE_NAMES.get(name.casefold().removeprefix("edm."))
    return None if primitive is None else (primitive, collection)


def _body_schema(components: Components, full: str, collection: bool, delta: bool) -> Schema:
    """The JSON body of a value of type ``full``: its schema, a collection (and a
    primitive, which OData writes as ``{"value": ...}``) as OData wraps it."""
    if full in PRIMITIVES:
        items = dict(PRIMITIVES[full])
        if collection:
            return collection_of(items, delta)
        return {"type": "object", "properties": {"value": items}}
    found = components.types[full]
    return collection_of(components.ref(found), delta) if collection else components.ref(found)


def _typed(components: Components, name: str | None, collection: bool) -> Schema:
    """A body of the type ``name``; any value when it names no type the export knows."""
    named = _named(components, name, collection)
    return {} if named is None else _body_schema(components, *named, delta=False)


_TYPE_NAME = re.compile(r"[A-Za-z_][\w.]*")


def names_a_type(name: str | None) -> bool:
    """``name`` (a link's text, an annotation's ``@odata.type``) is written as a type
    name is (``item``, ``microsoft.graph.item``, ``Collection(...)``), not as a title
    (``List published apps``)."""
    bare = (name or "").strip().lstrip("#")
    if bare.startswith("Collection(") and bare.endswith(")"):
        bare = bare[len("Collection(") : -1].strip().lstrip("#")
    return _TYPE_NAME.fullmatch(bare) is not None


def _declared(components: Components, ref: TypeRef) -> Schema:
    """A body of the type a table or the Response prose declares: its schema; an object
    when the docs name a type the doc set does not define; nothing (``{}``) when what
    they link is no type name."""
    if ref.kind not in (TypeKind.COMPLEX, TypeKind.ENUM, TypeKind.PRIMITIVE):
        return {}
    schema = _typed(components, ref.name, ref.is_collection)
    if schema or not names_a_type(ref.name):
        return schema
    return collection_of({"type": "object"}) if ref.is_collection else {"type": "object"}


def result(p: Placed, status: int, components: Components) -> Schema | None:
    """The JSON body a documented operation answers on ``p``'s path with ``status``: the
    result the reader decided for the path (``PathVariant.result``, from the Response
    section, the path's label, its example responses and the path itself), a collection
    as OData wraps it (with the delta link of a delta function).  A success status other
    than the one decided (the prose promises ``201``, the example shows ``200``: lint
    DC306) answers the same type; where the decision is no content, the type the
    examples of that status name.  None: no success status, or the docs state no type."""
    decided = p.variant.result
    if decided is None or not 200 <= status < 300 or status in NO_CONTENT:
        return None
    ref, collection = decided.type, decided.collection
    if ref is None and (decided.status or 200) != status:
        shown = [
            ex.response.annotation
            for ex in p.op.examples
            if ex.response is not None
            and (ex.response.status or 200) == status
            and ex.response.annotation is not None
            and ex.response.annotation.odata_type
        ]
        if not shown:
            return None
        named = _named(components, shown[0].odata_type, shown[0].is_collection)
        return None if named is None else _body_schema(components, *named, delta=False)
    if ref is None:
        return None
    named = _named(components, ref.name, collection)
    if named is None:
        item: Schema = {"type": "object"}
        return collection_of(item, decided.delta) if collection else item
    return _body_schema(components, named[0], collection, delta=decided.delta)


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

    def content(
        self, fallback: Schema | None = None, binary: bool = False
    ) -> dict[str, Any] | None:
        """The media type map (``binary``: with ``application/octet-stream``); None when
        nothing is declared nor shown."""
        schema = one_of(self.schemas) if self.schemas else fallback
        medias = {*self.examples, *([BINARY] if binary else [])}
        if schema is None and not medias:
            return None
        out: dict[str, Any] = {}
        for media in sorted(medias or {JSON}):
            entry: dict[str, Any] = {"schema": media_schema(media, schema or {})}
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


def _deciding(placed: Sequence[Placed]) -> list[Placed]:
    """The paths whose decided body is the operation's: the speaking page's, unless the
    docs of that page say nothing usable of it (``UNKNOWN``), then the first secondary
    page's that do.  The other pages' bodies are theirs, not the endpoint's (an open
    extension page's, a subtype's): no union of them."""
    pages = by_page(placed)
    for page in pages:
        bodies = [p.variant.body for p in page if p.variant.body is not None]
        if any(b.kind is not BodyKind.UNKNOWN for b in bodies):
            return page
    return pages[0]


def request_body(
    placed: Sequence[Placed], components: Components, linker: Linker
) -> dict[str, Any] | None:
    """The body the page that speaks for the endpoint documents (:func:`_deciding`): a
    parameter table, a type the doc set defines, the bytes a PUT to a content endpoint
    uploads; ``required`` then, unless a documented example request is sent without one.
    None where the decision is no body (``BodyKind.NONE``: a GET, "Do not supply a
    request body").  Example bodies (of every page) alone give a body that is not
    required."""
    body = Content()
    declared = False
    deciding = _deciding(placed)
    bodies = [p.variant.body for p in deciding if p.variant.body is not None]
    if bodies and all(b.kind is BodyKind.NONE for b in bodies):
        return None
    for decided in bodies:
        # what the reader decided the path takes (generator/read/bodies.py)
        schema = _decided(decided, components, linker)
        if schema is not None:
            declared = declared or decided.required
            body.schemas.append(schema)
    upload = placed[0].op.method == "PUT" and any(is_content(p.variant) for p in placed)
    bodiless = False  # an example request sent here without a body
    for _, example, number in _numbered(placed):
        request = example.request
        if request is not None and request.body is not None and request.body.text.strip():
            media = media_type(request.headers, request.body, upload)
            body.add_example(example, request.body, media, number)
        elif request is not None:
            bodiless = True
    content = body.content(binary=upload)
    if content is None:
        return None
    out: dict[str, Any] = {"content": content}
    if (declared or upload) and not bodiless:
        out["required"] = True
    return out


REFERENCE: Schema = {
    "type": "object",
    "required": ["@odata.id"],
    "properties": {"@odata.id": {"type": "string", "description": "The object's URL."}},
    "description": "A reference to an object, as a $ref call takes it.",
}


def _decided(body: RequestBody, components: Components, linker: Linker) -> Schema | None:
    """The JSON schema of a decided body: its type's, an array of it, an action's
    parameters as an object, a reference; None for no body, raw content or a body the
    docs do not describe."""
    if body.kind is BodyKind.REFERENCE:
        return REFERENCE
    if body.kind in (BodyKind.OBJECT, BodyKind.ARRAY) and body.type is not None:
        item = _declared(components, replace(body.type, is_collection=False))
        if not item:
            return None
        return {"type": "array", "items": item} if body.kind is BodyKind.ARRAY else item
    if body.kind is BodyKind.OBJECT:
        return _params_object(body.parameters, components, linker)
    return None


def _params_object(params: Sequence[Parameter], components: Components, linker: Linker) -> Schema:
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for p in params:
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
    location: bool = False  # an example response of this status has a Location header


LOCATION_HEADER = {
    "description": (
        "A URL: where the created resource, the long-running operation's status or the "
        "content is (the documented example responses show it)."
    ),
    "schema": {"type": "string", "format": "uri-reference"},
}


def _valid(status: int) -> bool:
    return 100 <= status <= 599


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Status {status}"


def _answered(placed: Sequence[Placed], status: int, components: Components) -> list[Schema]:
    """The schemas of what the endpoint answers with ``status``: the results the speaking
    page's paths answer (:func:`result`), or where that page states no type for the
    status, the first secondary page's that does.  Several only where one page's paths
    of this shape answer different types."""
    for page in by_page(placed):
        found = [s for p in page if (s := result(p, status, components)) is not None]
        if found:
            return found
    return []


def _answering_alike(placed: Sequence[Placed]) -> set[str]:
    """The operations whose example responses are the endpoint's: the speaking page's,
    and each other page's whose paths here answer as it does, a collection or one value
    (a page that documents a list's path as a get of one item answers otherwise: its
    examples stay on its page, not under the list's schema)."""
    pages = by_page(placed)

    def collections(page: list[Placed]) -> set[bool]:
        return {
            p.variant.result.collection
            for p in page
            if p.variant.result is not None and p.variant.result.type is not None
        }

    speaking = collections(pages[0])
    return {
        page[0].op.id
        for page in pages
        if page is pages[0] or not speaking or not collections(page) - speaking
    }


def responses(placed: Sequence[Placed], components: Components) -> dict[str, Any]:
    """Every status the merged operations document (Response prose and examples), with
    its schema (:func:`result`; bytes on a content endpoint), its examples and a
    ``Location`` header where an example shows one; ``default``: the error shape."""
    statuses: dict[int, Status] = {}
    for op in _ops(placed):
        for spec in op.responses:
            if _valid(spec.status):
                entry = statuses.setdefault(spec.status, Status())
                entry.description = entry.description or spec.reason
        for example in op.examples:
            response = example.response
            status = (response.status or 200) if response is not None else None
            if response is None or status is None or not _valid(status):
                continue
            entry = statuses.setdefault(status, Status())
            entry.description = entry.description or response.reason
            if any(h.name.strip().casefold() == "location" for h in response.headers):
                entry.location = True
    # A GET of a content endpoint answers its bytes (a PUT's answer is JSON as usual).
    content_endpoint = placed[0].op.method == "GET" and any(is_content(p.variant) for p in placed)
    for status, entry in statuses.items():
        if not content_endpoint:
            entry.body.schemas += _answered(placed, status, components)
    alike = _answering_alike(placed)
    for p, example, number in _numbered(placed):
        response = example.response
        if response is not None and _valid(response.status or 200) and p.op.id in alike:
            media = media_type(response.headers, response.body, content_endpoint)
            statuses[response.status or 200].body.add_example(example, response.body, media, number)
    out: dict[str, Any] = {}
    for status in sorted(statuses):
        entry = statuses[status]
        answer: dict[str, Any] = {"description": entry.description.strip() or _phrase(status)}
        if status not in NO_CONTENT and not 100 <= status < 200:
            error = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"} if status >= 400 else None
            binary = content_endpoint and 200 <= status < 300
            content = entry.body.content(error if not entry.body.schemas else None, binary)
            if content is not None:
                answer["content"] = content
        if entry.location:
            answer["headers"] = {LOCATION: LOCATION_HEADER}
        out[str(status)] = answer
    if not statuses:
        out["2XX"] = {"description": "Success; the docs name no status."}
    out["default"] = ERROR_RESPONSE
    return out
