"""Which page speaks for an endpoint that several pages document.

An endpoint is a method and a path shape (``GET /users/{}``, case folded).  Pages of one
doc set document some endpoints more than once: Intune's workload pages repeat
``GET /users`` (``intune-devices-user-list``), the extended-property and open-extension
pages list the message, event and contact calls they extend, a parent's page lists its
navigation (``chat-list-members`` beside ``conversationmember-list``), a subtype's page
its base type's calls (``eventmessage-get`` beside ``message-get``).  The outputs make one
call of each endpoint, and one page must speak for it: its summary, its permissions,
its types.

The rule: the page whose own subject the endpoint is.  A page's subject is what its
name says (the words of its file name; the Graph and OneDrive convention names a page
``<resource>-<verb>[-<navigation>]``); the endpoint's subject is the resource its path
addresses last: the last literal, function or action segment (``$value``, ``$ref``,
``$count`` and type casts aside), compared singular (``users`` names ``user``).  The
pages are ranked by, in order:

1. how they name the addressed resource: the first word of the page name is it (4:
   ``user-list`` for ``/users``), or ends with it (3: a qualified name,
   ``conversationmember-list`` for ``/members``); a later word is it (2:
   ``group-list-events`` for ``/groups/{}/events``, ``intune-devices-user-list``), or
   ends with it (1); else 0 (``singlevaluelegacyextendedproperty-get`` for a message);
2. whether the first word names the resource the addressed one belongs to (the literal
   segment before it: ``calendar-list-events`` for ``/me/calendar/events``);
3. fewer words that the path and the verbs do not explain (``user-get`` over
   ``user-list-manager`` for ``/me``: ``manager`` is not on that path;
   ``driveitem-update`` over ``driveitem-move`` for a PATCH);
4. the type the page states for the path (what a write takes, else what the call
   answers with: ``PathVariant.body``, ``PathVariant.result``) being the others' or
   their base type (``managedAppPolicy`` over its subtypes' pages);
5. a verb that fits the method (for a GET, ``list`` on a path that ends in a literal
   and ``get`` on one that ends in a key: ``organization-list`` for
   ``GET /organization``);
6. the operation id, so the choice is stable.

The others stay secondary sources: the model keeps every operation as read, and the
outputs name them with their permissions (the SDK docstring, the OpenAPI
``x-docs2code-also-documented-by``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from generator.model import (
    Operation,
    PathVariant,
    Segment,
    SegmentKind,
    SharedEndpoint,
    TypeDef,
)

__all__ = ["shared_endpoints", "subject_words"]

# The verbs page names use, by method; any of them is no unexplained word.
_VERBS: dict[str, tuple[str, ...]] = {
    "GET": ("get", "list"),
    "POST": ("create", "post", "add"),
    "PATCH": ("update", "patch"),
    "PUT": ("update", "put", "upsert", "replace", "create"),
    "DELETE": ("delete", "remove"),
}
_ALL_VERBS = frozenset(v for verbs in _VERBS.values() for v in verbs)
_WORD = re.compile(r"[a-z0-9]+")
_CRITERIA = (
    "names the addressed resource ({resource}) {how}",
    "its first word names what {resource} belongs to ({parent})",
    "fewer words of its page name that the path does not explain",
    "its type ({type}) is the others' or their base type",
    "its verb fits {method}{shape}",
    "first by operation id",
)
_NAMING = {
    4: "as its first word",
    3: "at the end of its first word",
    2: "in its page name",
    1: "at the end of a word of its page name",
}


def singular(word: str) -> str:
    """A plain English singular, enough to compare names (``policies``: ``policy``,
    ``statuses``: ``status``, ``status`` itself)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "uses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def subject_words(op: Operation) -> tuple[str, ...]:
    """The words of the operation's page name, folded and singular:
    ``api/intune-devices-user-list.md`` -> (intune, device, user, list)."""
    stem = PurePosixPath(op.source.file).stem.casefold()
    return tuple(singular(w) for w in _WORD.findall(stem))


def _name(segment: Segment) -> str | None:
    """What a segment names, folded and singular; None for keys, colon paths and the
    OData system segments (``$value``).  ``me`` names the signed-in user: Graph's alias
    of ``/users/{id}`` (as ``request_lines`` reads it)."""
    if segment.kind == SegmentKind.LITERAL and segment.name.casefold() == "me":
        return "user"
    if segment.kind == SegmentKind.FUNCTION:
        text = segment.name
    elif segment.kind == SegmentKind.LITERAL and not segment.name.startswith("$"):
        text = segment.name.rsplit(".", 1)[-1]  # a cast names its type
    else:
        return None
    words = _WORD.findall(text.casefold())
    return singular("".join(words)) if words else None


def _addressed(variant: PathVariant) -> tuple[str | None, str | None, bool]:
    """(the addressed resource, the one before it, whether the path ends in a key)."""
    names = [n for s in variant.segments if (n := _name(s)) is not None]
    last = variant.segments[-1] if variant.segments else None
    keyed = last is not None and (
        last.kind in (SegmentKind.PARAM, SegmentKind.COLON_PATH)
        or (last.kind == SegmentKind.LITERAL and last.name.casefold() == "me")
    )
    resource = names[-1] if names else None
    parent = names[-2] if len(names) > 1 else None
    return resource, parent, keyed


def _naming(words: Sequence[str], resource: str | None) -> int:
    if not words or not resource:
        return 0
    if words[0] == resource:
        return 4
    if words[0].endswith(resource):
        return 3
    if resource in words[1:]:
        return 2
    return 1 if any(w.endswith(resource) for w in words[1:]) else 0


Score = tuple[int, int, int, int, int]


class _Types:
    """The type an operation states for a path (what a write takes, else what the call
    answers with, as the reader decided them), and the base types of each type the docs
    define."""

    def __init__(self, types: Sequence[TypeDef]) -> None:
        self.bases: dict[str, str | None] = {t.full_name: t.base for t in types}

    def stated(self, op: Operation, variant: PathVariant) -> str | None:
        refs = [variant.result.type if variant.result is not None else None]
        if op.method != "GET" and variant.body is not None:
            refs.insert(0, variant.body.type)
        return next((r.name for r in refs if r is not None and r.name in self.bases), None)

    def lineage(self, name: str | None) -> set[str]:
        """``name`` and its base types."""
        found: set[str] = set()
        while name is not None and name not in found:
            found.add(name)
            name = self.bases.get(name)
        return found


def _score(op: Operation, variant: PathVariant, generality: int) -> Score:
    words = subject_words(op)
    resource, parent, keyed = _addressed(variant)
    explained = {n for s in variant.segments if (n := _name(s)) is not None} | _ALL_VERBS
    unexplained = sum(1 for w in words if w not in explained)
    verbs = _VERBS.get(op.method, ())
    if op.method == "GET":
        preferred = "get" if keyed else "list"
        verb = 2 if preferred in words else 1 if any(v in words for v in verbs) else 0
    else:
        verb = 2 if any(v in words for v in verbs) else 0
    owner = int(bool(words) and parent is not None and words[0] == parent)
    return (_naming(words, resource), owner, -unexplained, generality, verb)


def _reason(first: Score, second: Score, op: Operation, variant: PathVariant, kind: str) -> str:
    resource, parent, keyed = _addressed(variant)
    for i, (a, b) in enumerate(zip(first, second, strict=True)):
        if a != b:
            return _CRITERIA[i].format(
                resource=resource,
                how=_NAMING.get(first[0], ""),
                parent=parent,
                type=kind,
                method="GET" if op.method == "GET" else op.method,
                shape=(" of a key" if keyed else " of a collection") if op.method == "GET" else "",
            )
    return _CRITERIA[-1]


def shared_endpoints(
    operations: Sequence[Operation], types: Sequence[TypeDef] = ()
) -> tuple[SharedEndpoint, ...]:
    """Every endpoint two or more operations document, with the one that speaks for it
    first (the module's rule), sorted by method and shape.  ``types``: the doc set's,
    for the types the operations state."""
    index = _Types(types)
    found: dict[tuple[str, str], dict[str, tuple[Operation, PathVariant]]] = {}
    for op in operations:
        for variant in op.paths:
            key = (op.method, variant.shape.casefold())
            found.setdefault(key, {}).setdefault(op.id, (op, variant))
    return tuple(
        _ranked(method, shape, list(by_id.values()), index)
        for (method, shape), by_id in sorted(found.items())
        if len(by_id) > 1
    )


def _ranked(
    method: str, shape: str, candidates: list[tuple[Operation, PathVariant]], index: _Types
) -> SharedEndpoint:
    stated = {op.id: index.stated(op, variant) for op, variant in candidates}
    lineages = [index.lineage(t) for t in stated.values()]

    def generality(op_id: str) -> int:
        """How many candidates state this one's type or a type derived from it."""
        name = stated[op_id]
        return 0 if name is None else sum(1 for line in lineages if name in line)

    ranked = sorted(
        ((_score(op, variant, generality(op.id)), op, variant) for op, variant in candidates),
        key=lambda r: (tuple(-x for x in r[0]), r[1].id),
    )
    (best, op, variant), runner_up = ranked[0], ranked[1][0]
    kind = (stated[op.id] or "").rsplit(".", 1)[-1]
    reason = _reason(best, runner_up, op, variant, kind)
    return SharedEndpoint(method, shape, tuple(r[1].id for r in ranked), reason)
