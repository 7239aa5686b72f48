"""The SDK's request models: what each call's body is, as the reader decided it
(``PathVariant.body``), named once here for the builders and the ``models`` package alike.

An action's parameters (``sendMail``: ``message``, ``saveToSentItems``) become a request
model named after the action (``SendMailRequest``); calls whose parameters are the same
share one.  A ``$ref`` body is the one reference model (``ODataReference``:
``{"@odata.id": url}``).  A body of a type is that type's model, an array a list of it,
raw content ``bytes``.  Pure functions of the operations and the type class names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.model import BodyKind, Operation, Parameter, PathVariant, RequestBody, SegmentKind
from generator.sdk import naming

REFERENCE_CLASS = "ODataReference"
REFERENCE_KEY: tuple[object, ...] = ("$ref",)

RequestKey = tuple[object, ...]


def action_name(op: Operation, variant: PathVariant) -> str:
    """The name a call's parameters model is named after: the action (the path's last
    segment), else the operation's title."""
    last = variant.segments[-1] if variant.segments else None
    if last is not None and last.kind in (SegmentKind.LITERAL, SegmentKind.FUNCTION):
        return last.name.rpartition(".")[2] or op.title
    return op.title


def _signature(p: Parameter) -> tuple[object, ...]:
    ref = p.type
    return (
        p.name.strip(),
        ref.name if ref else None,
        ref.is_collection if ref else False,
        p.required,
    )


def request_key(op: Operation, variant: PathVariant) -> RequestKey | None:
    """What tells request models apart: the action's name and its parameters (names,
    types, required); None for a body that is no request model."""
    body = variant.body
    if body is None:
        return None
    if body.kind is BodyKind.REFERENCE:
        return REFERENCE_KEY
    if body.kind is BodyKind.OBJECT and body.type is None:
        return (action_name(op, variant), *(_signature(p) for p in parameters(body)))
    return None


def parameters(body: RequestBody) -> list[Parameter]:
    """The body's parameters, one per name (the first), without nameless rows."""
    seen: set[str] = set()
    out: list[Parameter] = []
    for p in body.parameters:
        name = p.name.strip()
        if name and name not in seen:
            seen.add(name)
            out.append(p)
    return out


def request_names(
    operations: Iterable[Operation], names: Mapping[str, str]
) -> dict[RequestKey, str]:
    """Request key -> class name, unique among themselves and the type classes
    (``names``: full type name -> class name), deterministic: by operation id.  Actions
    of one name that take different parameters are each named after their owner too
    (``ChartsAddRequest``, ``NamesAddRequest``)."""
    taken = set(names.values())
    first: dict[RequestKey, tuple[str, str]] = {}  # key -> (action, owner)
    for op in sorted(operations, key=lambda o: o.id):
        for variant in op.paths:
            key = request_key(op, variant)
            if key is not None and key not in first:
                first[key] = (action_name(op, variant), _owner(variant))
    shared = Counter(
        naming.class_name(f"{action} request")
        for key, (action, _) in first.items()
        if key != REFERENCE_KEY
    )
    found: dict[RequestKey, str] = {}
    for key, (action, owner) in first.items():
        if key == REFERENCE_KEY:
            found[key] = naming.unique(REFERENCE_CLASS, taken)
            continue
        base = naming.class_name(f"{action} request")
        if shared[base] > 1 and owner:
            base = naming.class_name(f"{owner} {action} request")
        found[key] = naming.unique(base, taken)
    return found


def _owner(variant: PathVariant) -> str:
    """The literal segment before the action's (``charts`` of ``.../charts/add``)."""
    for segment in reversed(variant.segments[:-1]):
        if segment.kind is SegmentKind.LITERAL and not segment.text.startswith("$"):
            return segment.name.rpartition(".")[2]
    return ""


@dataclass(frozen=True, slots=True)
class BodyUse:
    """One request model and a call that sends it: what the ``models`` package declares."""

    name: str
    key: RequestKey
    operation: Operation
    variant: PathVariant


def request_uses(operations: Sequence[Operation], names: Mapping[str, str]) -> list[BodyUse]:
    """Each request model once, with the first call (by operation id) that sends it, in
    class name order."""
    classes = request_names(operations, names)
    first: dict[RequestKey, BodyUse] = {}
    for op in sorted(operations, key=lambda o: o.id):
        for variant in op.paths:
            key = request_key(op, variant)
            if key is not None and key not in first:
                first[key] = BodyUse(classes[key], key, op, variant)
    return sorted(first.values(), key=lambda u: u.name)


def body_annotation(
    op: Operation,
    variant: PathVariant,
    names: Mapping[str, str],
    requests: Mapping[RequestKey, str],
) -> str | None:
    """The annotation of what a call sends (``models.X``, ``list[models.X]``, ``bytes``,
    ``Any``); None: the call takes no body."""
    body = variant.body
    if body is None or body.kind is BodyKind.UNKNOWN:
        return "Any"
    if body.kind is BodyKind.NONE:
        return None
    if body.kind is BodyKind.CONTENT:
        return "bytes"
    key = request_key(op, variant)
    if key is not None:
        return f"models.{requests[key]}"
    name = names.get(body.type.name) if body.type is not None else None
    if name is None:
        return "Any"
    return f"list[models.{name}]" if body.kind is BodyKind.ARRAY else f"models.{name}"
