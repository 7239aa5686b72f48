"""How exactly the model's operations match the service's schema (issue 23).

Every documented ``METHOD /path`` line is walked through the CSDL (:func:`navigate`) and
classified (:func:`classify`):

- a **GET path**: a GET whose walk ends on a type: an entity, a collection, a property
  (entity, complex, enum or primitive) or a function's result.  Walks that end open
  (``$value``, ``$count``, ``$ref``, ``...``, ``{property-name}``) or fail are not counted;
- a **POST creating an entity**: a POST whose walk ends on a collection of an entity type
  (an entity set or a collection navigation property, keys written as segments and casts
  included), not on an operation;
- an **action path**: a POST whose last segment is a bound action.

What the model says is what the renderers take from it, so that the figures measure what
users get:

- the response type and collection flag: what the reader decided a call of the path
  answers with (``PathVariant.result``, generator/read/results.py: the Response section,
  the path's label, the example responses sent to it, a property it reads, the path
  itself): the SDK's result type and the OpenAPI response schema read the same decision.
  Only names the docs define as complex or enum types count, as for the SDK, and
  ``Edm.*`` primitives (a primitive is a type stated);
- a POST's body type: what the reader decided the path takes (``PathVariant.body``,
  generator/read/bodies.py), when the docs define its type: the SDK's ``BodyOp`` body
  model and the OpenAPI request schema read the same decision;
- an action's body parameter names: that decision's ``parameters`` (the SDK's request
  model, the OpenAPI request schema's properties).

The figures (each over paths, not operations: an operation documented under three paths
counts three times, as three calls a user can make):

- GET stated: a response type stated at all; GET collection agrees: stated, with the
  metadata's collection flag; GET related: stated, the same collection flag, and the same
  type as the metadata's, or one of its base or derived types (CSDL inheritance);
- POST create stated: a body type stated; related: a single (not collection) body of the
  entity type, a base or a derived type;
- action parameter recall: the action's parameters (the binding parameter left out)
  named in the body parameter table, summed over action paths; of the overloads with the
  action's name and binding, the one the table names best;
- action return related: over action paths whose action returns something, a response
  type stated, related and with the same collection flag.

Counting against the issue's denominators (1,477 GET, 387 POST-create, 479 action paths):
on the corpus of 2026-12 read as one folder this module found 1,703 / 401 / 560 (1,699 GET
paths once a literal after a collection of complex values was no key).  Every
path line counts, duplicates included (de-duplicated per operation and template: 1,667 /
400 / 560; across operations by method and shape: 1,343 / 289 / 527).  A GET whose walk
ends on an ``Edm.Stream`` (``/content``) is raw content, like ``$value``, and is left out
(17 paths).  The issue's counts match none of these; they were taken with another
counting (not recorded) that walks fewer paths.  Its GET figures match a model whose only
response type is the Response section's linked type (1,440 of 1,703 GET paths = 0.846
before issue 23's reader, the issue 0.853).  The figures here are the ones to drive work by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from generator.metadata.csdl import Metadata
from generator.metadata.csdl import Operation as SchemaOperation
from generator.metadata.csdl import TypeRef as SchemaRef
from generator.metadata.navigate import Position, navigate
from generator.model import (
    BodyKind,
    Model,
    Operation,
    PathVariant,
    RequestBody,
    TypeDef,
    TypeKind,
)


class Kind(StrEnum):
    GET = "get"
    CREATE = "create"
    ACTION = "action"


@dataclass(frozen=True, slots=True)
class Walked:
    """A documented path the metadata can follow, classified; ``expected`` is what the
    metadata says: a GET's result, the entity type a POST creates (single), an action's
    return type (None: it returns nothing); ``guessed``: the walk took a property of a
    derived type the path does not cast to (``navigate.Position.guessed``)."""

    kind: Kind
    operation: Operation
    variant: PathVariant
    expected: SchemaRef | None
    action: SchemaOperation | None = None
    guessed: bool = False


@dataclass(frozen=True, slots=True)
class Stated:
    """A type the model states: full name, collection or single, and where it is said."""

    name: str
    collection: bool
    source: str

    def __str__(self) -> str:
        return f"{SchemaRef(self.name, self.collection)} ({self.source})"


@dataclass(frozen=True, slots=True)
class Disagreement:
    operation: str  # the model's operation id
    path: str  # METHOD /template
    model: str  # what the model says
    metadata: str  # what the metadata says
    reason: str  # the class of disagreement, short and fixed, to count by


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    agreed: int
    total: int
    disagreements: tuple[Disagreement, ...]
    unit: str = "paths"

    @property
    def value(self) -> float:
        return self.agreed / self.total if self.total else 1.0


@dataclass(frozen=True, slots=True)
class OperationFidelity:
    get_paths: int
    create_paths: int
    action_paths: int
    figures: tuple[Figure, ...]
    # (class, where the model's type comes from, paths): "GET", "Response section", 1440
    sources: tuple[tuple[str, str, int], ...] = ()

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    @property
    def values(self) -> dict[str, float]:
        return {f.key: f.value for f in self.figures}


# The figures, in the order: key -> label.
LABELS = {
    "get_stated": "GET: response type stated",
    "get_collection": "GET: collection or single agrees with the metadata",
    "get_related": "GET: type related (same, base or derived), same collection flag",
    "create_stated": "POST creating an entity: request body type stated",
    "create_related": "POST creating an entity: request body type related",
    "action_parameters": "bound actions: body parameter names recall",
    "action_return": "bound actions that return something: return type related",
}

# Issue 23's acceptance: what each figure must reach, from the docs alone.
TARGETS = {
    "get_stated": 0.92,
    "get_collection": 0.95,
    "get_related": 0.93,
    "create_stated": 0.85,
    "create_related": 0.80,
    "action_parameters": 0.93,
    "action_return": 0.80,
}


# --- classification -------------------------------------------------------------------------


def classify(metadata: Metadata, op: Operation, variant: PathVariant) -> Walked | None:
    """The path's class and what the metadata says it addresses; None when it is none of
    the three classes or the metadata cannot follow it."""
    walk = navigate(metadata, variant.segments)
    if not isinstance(walk, Position):
        return None
    invoked = walk.operation
    if op.method == "GET" and walk.type is not None:
        if walk.type.name == "Edm.Stream":
            return None  # raw content, as after $value: no type to state
        return Walked(Kind.GET, op, variant, walk.type, invoked, walk.guessed)
    if op.method != "POST":
        return None
    if invoked is not None:
        if invoked.kind == "action" and invoked.binding is not None:
            return Walked(Kind.ACTION, op, variant, invoked.returns, invoked, walk.guessed)
        return None  # a function called with POST, an action import
    entity = walk.type
    if entity is not None and entity.collection and _kind(metadata, entity.name) == "entity":
        return Walked(Kind.CREATE, op, variant, SchemaRef(entity.name), None, walk.guessed)
    return None


def walked(model: Model, metadata: Metadata) -> Iterator[Walked]:
    for op in model.operations:
        for variant in op.paths:
            found = classify(metadata, op, variant)
            if found is not None:
                yield found


def _kind(metadata: Metadata, name: str) -> str | None:
    t = metadata.types.get(name)
    return t.kind if t is not None else None


# --- what the model says ----------------------------------------------------------------------


class ModelTypes:
    """The model's types as the renderers resolve names: complex and enum types by full
    name (the SDK's classes), with their own and inherited properties by folded name."""

    def __init__(self, types: Sequence[TypeDef]) -> None:
        index: dict[str, TypeDef] = {}
        for t in types:
            if t.kind in (TypeKind.COMPLEX, TypeKind.ENUM) and t.name:
                index.setdefault(t.full_name, t)
        self.names = frozenset(index)
        self._index = index

    def known(self, name: str) -> bool:
        return name in self.names or name.startswith("Edm.")


def stated_result(variant: PathVariant, types: ModelTypes) -> Stated | None:
    """The result the reader decided for a call of ``variant`` (``PathVariant.result``:
    the SDK's response model, the OpenAPI response schema), when it names a type the docs
    define or an ``Edm`` primitive."""
    result = variant.result
    ref = result.type if result is not None else None
    if result is None or ref is None or not types.known(ref.name):
        return None
    return Stated(ref.name, result.collection, result.source or "the reader")


def stated_body(variant: PathVariant, types: ModelTypes) -> Stated | None:
    """The body type the reader decided for a call of ``variant`` (``PathVariant.body``:
    the SDK's ``BodyOp`` body model, the OpenAPI request schema)."""
    body = variant.body
    ref = body.type if body is not None else None
    if body is not None and ref is not None and ref.name in types.names:
        return Stated(ref.name, ref.is_collection, body_source(body))
    return None


def body_source(body: RequestBody) -> str:
    """The kind of evidence that decided a body, to count by."""
    source = body.source
    if source.startswith(("Request body", "example")):
        return source
    if " creates a " in source or " addresses a " in source:
        return "the path's target in the doc set"
    if source.startswith("the parameters of "):
        return "an action's parameters"
    return source


def _unstated_response(op: Operation, variant: PathVariant) -> tuple[str, str]:
    """(what the model has instead of a response type, the class of it)."""
    result = variant.result
    if result is not None and result.type is not None:
        said = f"{result.type.raw!r} ({result.source}), not a type the docs define"
        if result.source == "Response section":
            return said, "Response link not a defined type"
        return said, "a type the docs do not define"
    if result is not None and result.media_type and result.media_type != "application/json":
        return f"raw content ({result.media_type}): {result.source}", "raw content"
    for spec in op.responses:
        if spec.type is not None:
            said = f"Response section links {spec.type.raw!r}, not a type the docs define"
            return said, "Response link not a defined type"
    for ex in op.examples:
        ann = ex.response.annotation if ex.response else None
        if ann is not None and ann.odata_type:
            said = f"annotation @odata.type {ann.odata_type!r}"
            bare = ann.odata_type.strip().lstrip("#").rpartition("(")[2].rstrip(")")
            if "." not in bare:
                return said, "annotation: a primitive not written Edm.*"
            return said, "annotation: a type the docs do not define"
    if not any(ex.response for ex in op.examples):
        return "no type, no example response", "no type, no example response"
    if all(s.status == 204 for s in op.responses) and op.responses:
        return "no type (Response section: 204)", "no type, 204 documented"
    return "no type (no Response link, no @odata.type)", "no type named"


def _unstated_body(variant: PathVariant) -> tuple[str, str]:
    body = variant.body
    if body is None:
        return "no decision (not read by the reader)", "no decision"
    if body.kind is BodyKind.NONE:
        return f"no body: {body.source}", "no body"
    if body.kind is BodyKind.CONTENT:
        return f"raw content ({body.media_type}): {body.source}", "raw content"
    if body.kind is BodyKind.REFERENCE:
        return "a reference", "a reference"
    if body.parameters:
        names = ", ".join(p.name for p in body.parameters[:4])
        return f"parameters ({names}), no type: {body.source}", "parameters, no type"
    if body.type is not None:
        return f"{body.type.name}, not a type the docs define", "type not defined"
    return f"no type: {body.source}", "no type named"


# --- comparing ------------------------------------------------------------------------------


def related(metadata: Metadata, name: str, other: str) -> bool:
    """The same type, or one is a base of the other in the metadata (names folded)."""
    a, b = name.casefold(), other.casefold()
    if a == b:
        return True
    a_full = _folded(metadata, name)
    b_full = _folded(metadata, other)
    if a_full is None or b_full is None:
        return False
    return any(t.name == a_full for t in metadata.lineage(b_full)) or any(
        t.name == b_full for t in metadata.lineage(a_full)
    )


def _folded(metadata: Metadata, name: str) -> str | None:
    found = metadata.index.types.find(name)
    return found[0] if found else None


def _type_class(metadata: Metadata, stated: Stated, expected: SchemaRef) -> str:
    """Why a stated type is not related to the expected one."""
    if _folded(metadata, stated.name) is None and not stated.name.startswith("Edm."):
        return "type not in the metadata"
    if expected.name.startswith("Edm.") or stated.name.startswith("Edm."):
        return "primitive vs structured"
    return "unrelated type"


def _path(w: Walked) -> str:
    return f"{w.operation.method} {w.variant.template}"


def _flag_class(stated: Stated) -> str:
    said = "collection, metadata: single" if stated.collection else "single, metadata: collection"
    source = "property" if stated.source.startswith("property ") else stated.source
    return f"{said} ({source})"


class _Tally:
    def __init__(self, key: str, unit: str = "paths") -> None:
        self.key, self.unit = key, unit
        self.agreed = self.total = 0
        self.disagreements: list[Disagreement] = []

    def count(self, ok: bool, w: Walked, model: str, metadata: str, reason: str) -> None:
        self.total += 1
        self.agreed += ok
        if not ok:
            self.miss(w, model, metadata, reason)

    def miss(self, w: Walked, model: str, metadata: str, reason: str) -> None:
        self.disagreements.append(Disagreement(w.operation.id, _path(w), model, metadata, reason))

    def figure(self) -> Figure:
        return Figure(
            self.key,
            LABELS[self.key],
            self.agreed,
            self.total,
            tuple(self.disagreements),
            self.unit,
        )


def operation_fidelity(model: Model, metadata: Metadata) -> OperationFidelity:
    types = ModelTypes(model.types)
    tallies = {key: _Tally(key) for key in LABELS}
    tallies["action_parameters"] = _Tally("action_parameters", "parameters")
    counts = dict.fromkeys(Kind, 0)
    sources: Counter[tuple[str, str]] = Counter()
    for w in walked(model, metadata):
        counts[w.kind] += 1
        if w.kind == Kind.GET:
            stated = _get(w, types, metadata, tallies)
        elif w.kind == Kind.CREATE:
            stated = _create(w, types, metadata, tallies)
        else:
            stated = _action(w, types, metadata, tallies)
        if w.kind != Kind.ACTION or w.expected is not None:
            source = stated.source if stated is not None else "nothing"
            if source.startswith("property "):
                source = "a property of the operation's type"
            sources[(_CLASSES[w.kind], source)] += 1
    return OperationFidelity(
        counts[Kind.GET],
        counts[Kind.CREATE],
        counts[Kind.ACTION],
        tuple(tallies[key].figure() for key in LABELS),
        tuple((k, s, n) for (k, s), n in sorted(sources.items(), key=lambda i: (i[0][0], -i[1]))),
    )


_CLASSES = {Kind.GET: "GET", Kind.CREATE: "POST create (body)", Kind.ACTION: "action (return)"}


def _get(
    w: Walked, types: ModelTypes, metadata: Metadata, tallies: Mapping[str, _Tally]
) -> Stated | None:
    assert w.expected is not None
    stated = stated_result(w.variant, types)
    _judge(
        w, stated, w.expected, metadata, ("get_stated", "get_collection", "get_related"), tallies
    )
    return stated


def _create(
    w: Walked, types: ModelTypes, metadata: Metadata, tallies: Mapping[str, _Tally]
) -> Stated | None:
    assert w.expected is not None
    stated = stated_body(w.variant, types)
    _judge(w, stated, w.expected, metadata, ("create_stated", None, "create_related"), tallies)
    return stated


def _action(
    w: Walked, types: ModelTypes, metadata: Metadata, tallies: Mapping[str, _Tally]
) -> Stated | None:
    """Counts the parameters; judges and returns the response type when the action
    returns something, else None."""
    assert w.action is not None
    body = w.variant.body
    params = body.parameters if body is not None else ()
    ours = {p.name.strip().casefold(): p.name.strip() for p in params}
    action = best_overload(metadata, w.action, set(ours))
    theirs = [p.name for p in action.parameters]
    missing = [name for name in theirs if name.casefold() not in ours]
    tally = tallies["action_parameters"]
    tally.total += len(theirs)
    tally.agreed += len(theirs) - len(missing)
    if missing:
        if not ours:
            reason = "no parameters"
        elif len(missing) == len(theirs):
            reason = "none of the parameters named"
        else:
            reason = "some parameters left out"
        said = ", ".join(ours.values()) or f"no parameters: {body.source if body else '-'}"
        expected = f"{action.name}({', '.join(theirs)}); missing: {', '.join(missing)}"
        tally.miss(w, said, expected, reason)
    if action.returns is None:
        return None
    stated = stated_result(w.variant, types)
    _judge(w, stated, action.returns, metadata, (None, None, "action_return"), tallies)
    return stated


def _judge(
    w: Walked,
    stated: Stated | None,
    expected: SchemaRef,
    metadata: Metadata,
    keys: tuple[str | None, str | None, str],
    tallies: Mapping[str, _Tally],
) -> None:
    """Count one path into the figures ``keys`` names: (stated, collection agrees,
    related with the same collection flag); None: not a figure of this class."""
    stated_key, collection_key, related_key = keys
    theirs = str(expected)
    if stated is None:
        said, reason = (
            _unstated_body(w.variant)
            if w.kind == Kind.CREATE
            else _unstated_response(w.operation, w.variant)
        )
        for key in keys:
            if key is not None:
                tallies[key].count(False, w, said, theirs, reason)
        return
    said = str(stated)
    if stated_key is not None:
        tallies[stated_key].count(True, w, said, theirs, "")
    same_flag = stated.collection == expected.collection
    if collection_key is not None:
        tallies[collection_key].count(same_flag, w, said, theirs, _flag_class(stated))
    if not same_flag:
        tallies[related_key].count(False, w, said, theirs, _flag_class(stated))
        return
    ok = related(metadata, stated.name, expected.name)
    tallies[related_key].count(ok, w, said, theirs, _type_class(metadata, stated, expected))


def best_overload(metadata: Metadata, action: SchemaOperation, ours: set[str]) -> SchemaOperation:
    """Of the operations with ``action``'s name and binding, the one whose parameters the
    folded names ``ours`` cover most (then: the one with fewest parameters)."""
    overloads = [
        o
        for o in metadata.index.overloads(action.name)
        if o.binding == action.binding and o.kind == action.kind
    ] or [action]

    def score(o: SchemaOperation) -> tuple[int, int]:
        names = {p.name.casefold() for p in o.parameters}
        return (-len(names & ours), len(names))

    return min(overloads, key=score)
