"""The comparable API surface of a model: what a client can call, send and receive.

Only what a change could break is kept, already normalized for matching: endpoints are
``METHOD`` plus the path *shape* (every ``{param}`` collapsed to ``{}``), so renaming
``{item-id}`` to ``{id}`` changes nothing; types are compared as text
(``Collection(microsoft.graph.driveItemVersion)``); every element keeps its span.  What a
path takes and answers with is what the reader decided for it (``PathVariant.body``,
``PathVariant.result``), as the SDK types the call: an array body is a collection, an
action's body is its parameters one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator import faults
from generator.model import (
    BodyKind,
    Model,
    Operation,
    Parameter,
    PathVariant,
    PermissionState,
    PermissionTable,
    RequestBody,
    Result,
    Span,
    TypeDef,
    TypeKind,
    TypeRef,
)

# How the permission types the reader knows are named in a change's subject.
_TYPE_NAMES = {
    "delegated_work": "delegated (work or school)",
    "delegated_personal": "delegated (personal)",
    "application": "application",
}


@dataclass(frozen=True, slots=True)
class Decided:
    """What a path takes or answers with, as the reader decided it, in the words of a
    change: ``microsoft.graph.user``, ``Collection(microsoft.graph.user)``, ``a
    reference``, ``application/octet-stream content``."""

    text: str
    span: Span  # the evidence that decided, on the path's page; else the path's line
    status: int | None = None  # an answer's success status


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One ``METHOD /path`` variant; ``key`` matches it across revisions."""

    method: str
    shape: str  # /me/drive/items/{}/versions, case as written
    span: Span
    takes: Decided | None = None  # None: no body, an action's parameters, or no type stated
    answers: Decided | None = None  # None: no content, or no type stated

    @property
    def key(self) -> str:
        """Case-insensitive, as Microsoft Graph paths are."""
        return f"{self.method} {self.shape.lower()}"

    @property
    def subject(self) -> str:
        return f"{self.method} {self.shape}"


@dataclass(frozen=True, slots=True)
class Input:
    """A query parameter, request header or request body property."""

    name: str
    type: str | None  # None when not stated
    required: bool | None  # None when the docs do not say
    span: Span


@dataclass(frozen=True, slots=True)
class Response:
    """A status the Response section promises."""

    status: int
    reason: str
    span: Span


@dataclass(frozen=True, slots=True)
class Grant:
    """One row of a permissions table: which scopes let one permission type call."""

    key: str  # matches the row across revisions
    label: str  # how a change names it
    state: PermissionState
    scopes: tuple[str, ...]
    span: Span
    subject: str  # the endpoint its table is for, as its page writes it
    # The alternatives, each the scopes needed together (Permission.any_of); empty:
    # each of ``scopes`` alone.
    ways: tuple[tuple[str, ...], ...] = ()

    @property
    def any_of(self) -> tuple[tuple[str, ...], ...]:
        return self.ways or tuple((s,) for s in self.scopes)

    @property
    def row(self) -> str:
        """Resource and permission type, whatever table of whatever page holds it."""
        return "|".join(self.key.rsplit("|", 2)[-2:])


@dataclass(frozen=True, slots=True)
class OperationSurface:
    id: str
    method: str
    endpoints: tuple[Endpoint, ...]  # one per distinct key, in doc order
    query: tuple[Input, ...]
    headers: tuple[Input, ...]
    body: tuple[Input, ...]  # an action's parameters, else the body table's rows
    responses: tuple[Response, ...]  # one per status, in doc order
    grants: tuple[Grant, ...] | None  # None: the page has no permissions section
    span: Span
    unreadable: tuple[Span, ...] = ()  # request lines of its page that declare no path

    @property
    def subject(self) -> str:
        """The first path as written stands for the operation."""
        return self.endpoints[0].subject if self.endpoints else f"{self.method} {self.id}"


@dataclass(frozen=True, slots=True)
class Field:
    """A property of a resource type."""

    name: str
    type: str | None  # None when only an example value hints at it
    read_only: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Member:
    """An enum member, with its table row (the type's span when it has none)."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class TypeSurface:
    name: str  # full name
    kind: str  # complex | enum
    base: str | None
    fields: tuple[Field, ...]  # one per name, in doc order
    members: tuple[Member, ...]  # enum members
    span: Span

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Surface:
    operations: tuple[OperationSurface, ...]
    types: tuple[TypeSurface, ...]


def surface(model: Model) -> Surface:
    """The surface of every operation and type; one that fails is reported
    (generator.faults) and left out."""
    unreadable: dict[str, list[Span]] = {}
    for d in model.diagnostics:
        if d.code == "DC010":
            unreadable.setdefault(d.span.file, []).append(d.span)
    operations: list[OperationSurface] = []
    for op in model.operations:
        with faults.item(op):
            lines = tuple(unreadable.get(op.source.file, ()))
            operations.append(replace(_operation(op), unreadable=lines))
    types: list[TypeSurface] = []
    for t in model.types:
        with faults.item(t):
            types.append(_type(t))
    return Surface(tuple(operations), tuple(types))


def type_text(ref: TypeRef | None) -> str | None:
    """``Edm.String``, ``Collection(microsoft.graph.identity)``; None when unknown."""
    if ref is None or ref.kind is TypeKind.UNKNOWN or not ref.name:
        return None
    return f"Collection({ref.name})" if ref.is_collection else ref.name


def _operation(op: Operation) -> OperationSurface:
    endpoints: dict[str, Endpoint] = {}
    for p in op.paths:
        e = Endpoint(op.method, p.shape, p.span, _takes(p), _answers(p))
        endpoints.setdefault(e.key, e)
    responses: dict[int, Response] = {}
    for r in op.responses:
        responses.setdefault(r.status, Response(r.status, r.reason, r.span))
    return OperationSurface(
        id=op.id,
        method=op.method,
        endpoints=tuple(endpoints.values()),
        query=_inputs(op.request.query_params),
        headers=_inputs(op.request.headers),
        body=_inputs(_body_inputs(op)),
        responses=tuple(responses.values()),
        grants=_grants(op),
        span=op.source,
    )


def _body_inputs(op: Operation) -> tuple[Parameter, ...]:
    """What a client sends property by property: an action's parameters as the reader
    decided them (its table, the keys its example adds, the one key that wraps the
    rows), else the Request body table (a create's or an update's properties)."""
    for p in op.paths:
        body = p.body
        if body is not None and body.kind is BodyKind.OBJECT and body.type is None:
            return body.parameters
    return op.request.body_params


def _evidence(span: Span | None, path: PathVariant) -> Span:
    """Where a decision stands, when on the path's page; else the path's line."""
    return span if span is not None and span.file == path.span.file else path.span


def _takes(path: PathVariant) -> Decided | None:
    body: RequestBody | None = path.body
    if body is None:
        return None
    if body.kind in (BodyKind.OBJECT, BodyKind.ARRAY) and body.type is not None:
        text = type_text(replace(body.type, is_collection=body.kind is BodyKind.ARRAY))
    elif body.kind is BodyKind.REFERENCE:
        text = "a reference"
    elif body.kind is BodyKind.CONTENT:
        text = f"{body.media_type or 'raw'} content"
    else:
        text = None
    return None if text is None else Decided(text, _evidence(body.span, path))


def _answers(path: PathVariant) -> Decided | None:
    result: Result | None = path.result
    if result is None:
        return None
    text = None
    if result.type is not None:
        text = type_text(replace(result.type, is_collection=result.collection))
    elif result.media_type is not None and "json" not in result.media_type:
        text = f"{result.media_type} content"
    return None if text is None else Decided(text, _evidence(result.span, path), result.status)


def _inputs(params: tuple[Parameter, ...]) -> tuple[Input, ...]:
    found: dict[str, Input] = {}
    for p in params:
        if p.name:
            found.setdefault(p.name, Input(p.name, type_text(p.type), p.required, p.span))
    return tuple(found.values())


def _grants(op: Operation) -> tuple[Grant, ...] | None:
    """One grant per (table, resource, permission type); the rows of one type's contexts
    (``&nbsp; Onboarding``) merge, since a client may call in any of them.  Tables are
    told apart by their heading only when a page has several."""
    if op.permissions is None or not op.permissions.tables:
        return None
    tables = op.permissions.tables
    owners = _owners(op, tables)
    found: dict[str, Grant] = {}
    for table, subject in zip(tables, owners, strict=True):
        heading = table.heading if len(tables) > 1 else ""
        for e in table.entries:
            name = _TYPE_NAMES.get(e.permission_type, e.permission_type)
            label = " ".join(x for x in (heading, e.resource, name) if x)
            key = "|".join((heading.lower(), (e.resource or "").lower(), e.permission_type))
            grant = Grant(key, label, e.state, e.scopes, e.span, subject, e.alternatives)
            found[key] = _merge(found[key], grant) if key in found else grant
    return tuple(found.values())


def _merge(a: Grant, b: Grant) -> Grant:
    if b.state is not PermissionState.SCOPES:
        return a
    if a.state is not PermissionState.SCOPES:
        return b
    scopes = tuple(dict.fromkeys((*a.scopes, *b.scopes)))
    ways = tuple(dict.fromkeys((*a.any_of, *b.any_of))) if a.ways or b.ways else ()
    return Grant(a.key, a.label, a.state, scopes, a.span, a.subject, ways)


_FILLER = frozenset({"a", "an", "the", "for", "in", "of", "to", "on", "permission", "permissions"})
_FILLER |= {"provider", "providers", "api", "apis"}


def _words(label: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", label.lower())) - _FILLER


def _owners(op: Operation, tables: tuple[PermissionTable, ...]) -> list[str]:
    """The endpoint each table is for: the first path whose introduction names what the
    table's heading names (``### For Intune provider`` and "For Intune provider:" before
    a block of paths).  When no path claims any table the page does not say, and every
    table stands for the operation; else a table no path claims is for none of them."""
    whole = f"{op.method} {op.paths[0].shape}" if op.paths else f"{op.method} {op.id}"
    if len(tables) == 1:
        return [whole]
    claimed = [_claimant(op, _words(t.heading)) for t in tables]
    if all(c is None for c in claimed):
        return [whole] * len(tables)
    return [c or f"{op.method} {op.id}" for c in claimed]


def _claimant(op: Operation, heading: frozenset[str]) -> str | None:
    for p in op.paths:
        words = _words(p.label)
        if heading and words and (heading <= words or words <= heading):
            return f"{op.method} {p.shape}"
    return None


def _type(t: TypeDef) -> TypeSurface:
    """A type's properties are its property table; the JSON representation counts only
    when there is no table: it is an example, and removing a table row removes the
    property even where the example still shows it."""
    tabled = [p for p in t.properties if p.in_table]
    fields: dict[str, Field] = {}
    for p in tabled or t.properties:
        fields.setdefault(p.name, Field(p.name, type_text(p.type), p.read_only, p.span))
    return TypeSurface(
        name=t.full_name,
        kind=t.kind.value,
        base=t.base,
        fields=tuple(fields.values()),
        members=tuple(Member(m.name, m.span or t.source) for m in t.members),
        span=t.source,
    )
