"""Walk a documented URL path through the service's schema, segment by segment.

From the entity container (entity sets, singletons, function and action imports) through
keys, structural and navigation properties, type casts, bound functions and actions,
``$ref``/``$value``/``$count`` and OneDrive colon paths (``root:/{path}:``).  The walk says
where it stands after each segment, or at which segment, and why, it cannot go on.

Names match without regard to case, as the service matches them.  A literal after a
collection of entities that is neither a cast nor a bound operation is a key written as
a segment (``mailFolders/inbox``, a GUID; complex values have no keys); ``...`` (the
docs' "and so on") ends the walk unjudged.  A property only a type derived from the
current one has is taken, as the docs often skip the cast, and the walk says it guessed
(``guessed``): another derived type may have a property of that name too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.metadata.csdl import Metadata, Operation, Property, TypeRef
from generator.model import Segment, SegmentKind

# Segments that end a path on anything: they address the reference, raw value or count.
_TERMINAL = {"$ref", "$value", "$count"}
_SERVICE = {"$batch", "$metadata"}
_ELLIPSIS = {"...", "\u2026"}


@dataclass(frozen=True, slots=True)
class Position:
    """Where a path stands: the type it addresses, one or a collection; ``via`` is the
    last hop (``"microsoft.graph.user/calendar"``, the key Capabilities restrictions use),
    kept through a key; ``operation`` the function or action the last segment invoked;
    ``guessed``: a segment on the way was a property of a derived type the path does not
    cast to."""

    type: TypeRef | None  # None: an open end ($ref, $count, a service resource)
    via: str = ""
    operation: Operation | None = None
    guessed: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    index: int  # the segment where navigation fails
    segment: str  # as written
    reason: str


def navigate(metadata: Metadata, segments: tuple[Segment, ...]) -> Position | Failure:
    """Where ``segments`` lead; each distinct path is walked once per schema (the walks
    of DC708-DC713, the build's ``--metadata`` and the fidelity figures share it)."""
    key = tuple((s.kind.value, s.name, s.text) for s in segments)
    walks = metadata.index.walks
    found = walks.get(key)
    if found is None:
        found = walks[key] = _navigate(metadata, segments)
    return found


def _navigate(metadata: Metadata, segments: tuple[Segment, ...]) -> Position | Failure:
    if not segments:
        return Position(None)
    position = _root(metadata, segments[0])
    if isinstance(position, str):
        return Failure(0, segments[0].text, position)
    for index, segment in enumerate(segments[1:], 1):
        if segment.name in _ELLIPSIS:
            return Position(None)
        step = _step(metadata, position, segment)
        if isinstance(step, str):
            return Failure(index, segment.text, step)
        position = replace(step, guessed=True) if position.guessed else step
    return position


def _root(metadata: Metadata, segment: Segment) -> Position | str:
    name = segment.name
    if name in _SERVICE:
        return Position(None)
    index = metadata.index
    found = index.entity_sets.find(name)
    if found is not None:
        collection = segment.kind != SegmentKind.FUNCTION  # set(key) addresses one
        return Position(TypeRef(found[1], collection), f"{metadata.container}/{found[0]}")
    found = index.singletons.find(name)
    if found is not None and segment.kind == SegmentKind.LITERAL:
        return Position(TypeRef(found[1]), f"{metadata.container}/{found[0]}")
    found = index.imports.find(name)
    op = index.unbound(found[1]) if found is not None else None
    if op is not None:
        return _invoked(op)
    return f"'{name}' is not an entity set, singleton or function/action import"


def _invoked(op: Operation) -> Position:
    return Position(op.returns, op.name, op)


def _step(metadata: Metadata, at: Position, segment: Segment) -> Position | str:
    if at.type is None:
        return f"nothing can follow {'the operation' if at.operation else 'this segment'}"
    name = segment.name
    if name in _TERMINAL:
        return Position(None)  # the reference, raw value or count: no restriction applies
    current = at.type
    if current.name.startswith("Edm."):
        return f"{current} is a primitive value: only $value can follow it"
    if current.name not in metadata.types:
        return f"{current.name} is not a type in the metadata"
    if segment.kind == SegmentKind.PARAM:
        if current.collection:
            return Position(TypeRef(current.name), at.via)
        if "property" in name.lower():  # /branding/{property name}: any one property
            return Position(None)
        return f"a key cannot follow a single {current.name}"
    if segment.kind == SegmentKind.COLON_PATH:
        return _colon_path(metadata, current, name)
    cast = _cast(metadata, current, name)
    if cast is not None:
        return cast
    if segment.kind == SegmentKind.LITERAL and not current.collection:
        found = metadata.index.property(current.name, name)
        if found is not None:
            return _property(current.name, found[1])
        found = _derived_property(metadata, current.name, name)
        if found is not None:
            return replace(_property(current.name, found[1]), guessed=True)
    ops = _bound(metadata, current, name)
    if ops:
        return _invoked(ops[0])
    if segment.kind == SegmentKind.FUNCTION and not current.collection:
        found = metadata.index.property(current.name, name)
        if found is not None and found[1].type.collection:  # nav(key): a key in parentheses
            return Position(TypeRef(found[1].type.name), f"{current.name}/{found[0]}")
    if segment.kind == SegmentKind.LITERAL and current.collection and _entity(metadata, current):
        return Position(TypeRef(current.name), at.via)  # a key written as a segment
    what = "a collection of " if current.collection else ""
    kinds = (
        "a cast or bound function/action"
        if current.collection
        else "a property, navigation property, cast or bound function/action"
    )
    return f"'{name}' is not {kinds} of {what}{current.name}"


def _entity(metadata: Metadata, ref: TypeRef) -> bool:
    found = metadata.types.get(ref.name)
    return found is not None and found.kind == "entity"


def _colon_path(metadata: Metadata, current: TypeRef, text: str) -> Position | str:
    """``root:/{path}:`` on a drive: the property before the colon (``root``), then an
    item addressed by path, of the same type; ``:/{path}:`` on an item: that type."""
    prefix = text.partition(":")[0].strip("/")
    if not prefix or (current.collection and prefix.startswith(("{", "<"))):
        return Position(TypeRef(current.name))  # an item (or a keyed item) by path
    if current.collection:
        return f"'{prefix}' cannot follow a collection of {current.name}"
    found = metadata.index.property(current.name, prefix)
    if found is None:
        return f"'{prefix}' is not a property or navigation property of {current.name}"
    return Position(TypeRef(found[1].type.name), f"{current.name}/{found[0]}")


def _derived_property(metadata: Metadata, owner: str, name: str) -> tuple[str, Property] | None:
    """A property of a type derived from ``owner``: the docs often skip the cast
    (``sites/{id}/items/{id}/versions`` on a ``baseItem`` that is a ``listItem``)."""
    index = metadata.index
    for t in index.derived(owner):
        found = index.own_property(t.name, name)
        if found is not None:
            return found
    return None


def _property(owner: str, prop: Property) -> Position:
    return Position(prop.type, f"{owner}/{prop.name}")


def _cast(metadata: Metadata, current: TypeRef, name: str) -> Position | None:
    """A qualified name of a schema type casts to it; whether that type is related to
    the current one is not judged (yet)."""
    found = metadata.index.types.find(name) if "." in name else None
    return Position(TypeRef(found[0], current.collection)) if found else None


def _bound(metadata: Metadata, current: TypeRef, name: str) -> list[Operation]:
    """Operations bound to the current type (or a base), by short or qualified name;
    ops bound to a derived type count too, as Graph docs often call them on the base."""
    short = name.rpartition(".")[2].lower()
    qualified = name.lower()
    index = metadata.index
    candidates = [
        op
        for op in index.bound_to(current.name, current.collection)
        if op.name.lower() == qualified or op.name.rpartition(".")[2].lower() == qualified
    ]
    if candidates:
        return candidates
    return [
        op
        for op in index.bound_to_derived(current.name, current.collection)
        if (op.name.lower() == qualified or op.name.rpartition(".")[2].lower() == short)
    ]
