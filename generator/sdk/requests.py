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
from generator.sdk.routes import NameCollision

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
    (``ChartsAddRequest``, ``NamesAddRequest``), and by what differs where one owner's
    pages document them otherwise (:func:`differing_name`); never by a number."""
    taken = set(names.values())
    first: dict[RequestKey, tuple[str, str]] = {}  # key -> (action, owner)
    pages: dict[RequestKey, str] = {}  # key -> the page of its first call
    for op in sorted(operations, key=lambda o: o.id):
        for variant in op.paths:
            key = request_key(op, variant)
            if key is not None and key not in first:
                first[key] = (action_name(op, variant), _owner(variant))
                pages[key] = op.source.file.removesuffix(".md")
    shared = Counter(
        naming.class_name(f"{action} request")
        for key, (action, _) in first.items()
        if key != REFERENCE_KEY
    )
    found: dict[RequestKey, str] = {}
    holders: dict[str, RequestKey] = {}  # name -> the key that took it first
    for key, (action, owner) in first.items():
        if key == REFERENCE_KEY:
            found[key] = naming.unique(REFERENCE_CLASS, taken)
            continue
        base = naming.class_name(f"{action} request")
        if shared[base] > 1 and owner:
            base = naming.class_name(f"{owner} {action} request")
        name = base if base not in taken else differing_name(base, key, holders, pages[key])
        if name in taken:
            raise NameCollision(f"two request models would both be named {name}")
        taken.add(name)
        holders.setdefault(base, key)
        found[key] = name
    return found


def differing_name(base: str, key: RequestKey, holders: Mapping[str, RequestKey], page: str) -> str:
    """The name of a model of one action whose parameters differ from the one named
    ``base`` first: by the parameters only it has (``NamesAddWithFormulaRequest``), else
    by those it leaves out, else (the same names, typed otherwise) by its page."""
    stem = base.removesuffix("Request")
    theirs = {str(s[0]) for s in holders.get(base, ())[1:] if isinstance(s, tuple)}
    mine = [str(s[0]) for s in key[1:] if isinstance(s, tuple)]
    extra = [n for n in mine if n not in theirs]
    if extra:
        return naming.class_name(f"{stem} with {' and '.join(extra)} request")
    missing = sorted(theirs - set(mine))
    if missing:
        return naming.class_name(f"{stem} without {' and '.join(missing)} request")
    return naming.class_name(f"{page.rpartition('/')[2]} request")


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
