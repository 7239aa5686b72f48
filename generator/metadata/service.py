"""The model, following the service (issue 23, ``--metadata``): where the docs state no
type the service's CSDL fills it; where they disagree the CSDL's replaces it, so that the
generated code meets the service.  Lint (DC711-DC713) reports these changes at the
doc lines that decided.

Only paths the CSDL can follow change, classified as the operation fidelity classifies
them (:func:`generator.metadata.operations_fidelity.walked`):

- a **GET** path answers with the type the walk ends on: a result whose type the docs do
  not state (or state as a name they do not define) is filled; one whose type is not
  related to the CSDL's (the same, a base or a derived type, :func:`related`) is
  replaced; a related type with the other collection flag keeps its type and takes the
  flag.  Raw content (a media type other than JSON) is the docs' to say: the CSDL has no
  word for it;
- a **POST creating an entity** takes one object of the entity type: a body of no type,
  of a type the docs do not define, of an unrelated type, or an array, becomes that
  object; a related type the docs name (a derived type an example posts) is kept.  A
  body the docs say is none, raw content or a reference is theirs to say;
- a **bound action** takes the parameters of its best-matching overload
  (:func:`best_overload`): the docs' parameters the service has are kept (in the docs'
  order, typed as the CSDL says where the docs give no type or one it contradicts,
  required as it says where the docs do not say), those it lacks are dropped, and those
  the docs leave out are added after them (required when ``Nullable="false"``).  Its
  return type follows as a GET's, and an action the CSDL says returns nothing answers
  no content (the docs' status kept);
- a **bound function** called with GET is a GET path (its parameters are written in the
  path, which the CSDL does not rewrite: lint DC710 reports them).

A walk that took a property of a derived type the path does not cast to
(``sites/{id}/items/{id}/versions``: a list item's or a drive item's?) is a guess: it
fills what the docs leave out and never overrides what they say.

Only a type the doc set defines (matched by full name without regard to case, written as
the docs write it) or an ``Edm`` primitive can be an SDK type: a CSDL type the docs do
not define leaves the docs' decision as it is, and is counted (``undefined``).  A changed
decision says so in its ``source`` (``the service's metadata: <file>``) and keeps the
span of the doc evidence that decided before, where lint reports it.

The function is pure and deterministic, and following twice changes nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from generator.metadata.csdl import Metadata
from generator.metadata.csdl import Parameter as SchemaParameter
from generator.metadata.csdl import TypeRef as SchemaRef
from generator.metadata.operations_fidelity import (
    Kind,
    ModelTypes,
    Walked,
    best_overload,
    classify,
    related,
    stated_body,
    stated_result,
)
from generator.model import (
    BodyKind,
    Model,
    Operation,
    Parameter,
    PathVariant,
    RequestBody,
    Result,
    Span,
    TypeDef,
    TypeKind,
    TypeRef,
)

JSON = "application/json"
NO_CONTENT = frozenset({204, 205})
SOURCE = "the service's metadata"


class Change(StrEnum):
    """What following the service does to one decision."""

    FILLED = "filled"  # the docs state no type: the CSDL's fills it
    FOLLOWED = "followed"  # the docs' type, collection flag or body disagrees: the CSDL's wins
    ADDED = "added"  # a parameter the docs leave out
    DROPPED = "dropped"  # a parameter the service does not have


class Part(StrEnum):
    RESULT = "result"  # what a call answers with
    BODY = "body"  # what a POST creating an entity takes
    PARAMETER = "parameter"  # an action's body parameter (or its body as a whole)


@dataclass(frozen=True, slots=True)
class Followed:
    """One change to a path's decision, with the doc line that decided before; not
    ``applied`` when the CSDL's type is none the docs define (the docs' decision stays)."""

    change: Change
    part: Part
    operation: str  # the operation's id
    path: str  # METHOD /template
    docs: str  # what the docs say, in words
    service: str  # what the service says
    span: Span  # the doc evidence that decided (its request line when nothing did)
    applied: bool = True
    parameter: str = ""  # the parameter's name; "": the result, the body as a whole


@dataclass(frozen=True, slots=True)
class Following:
    """The followed model and every change that made it."""

    model: Model
    changes: tuple[Followed, ...]

    def count(self, change: Change, part: Part | None = None, applied: bool = True) -> int:
        return sum(
            c.change is change and c.applied is applied and part in (None, c.part)
            for c in self.changes
        )

    def summary(self) -> str:
        """One line for stderr."""
        counts = Counter(c.change for c in self.changes if c.applied)
        left = sum(not c.applied for c in self.changes)
        return (
            f"metadata: {counts[Change.FILLED]} filled where the docs state nothing, "
            f"{counts[Change.FOLLOWED]} followed where the docs disagree, "
            f"{_n(counts[Change.ADDED], 'parameter')} added, {counts[Change.DROPPED]} dropped, "
            f"{left} left as the docs say (a type they do not define); "
            "`docs2code lint --metadata` lists them"
        )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def follow_service(model: Model, metadata: Metadata) -> Model:
    """``model`` with every path the CSDL can follow meeting the service."""
    return follow(model, metadata).model


def follow(model: Model, metadata: Metadata) -> Following:
    """:func:`follow_service`, with the changes it made."""
    service = Service(model.types, metadata)
    operations: list[Operation] = []
    found: list[Followed] = []
    for op in model.operations:
        paths: list[PathVariant] = []
        for variant in op.paths:
            walked = classify(metadata, op, variant)
            if walked is None:
                paths.append(variant)
                continue
            followed, notes = service.path(walked)
            paths.append(followed)
            found += notes
        same = all(a is b for a, b in zip(paths, op.paths, strict=True))
        operations.append(op if same else replace(op, paths=tuple(paths)))
    return Following(replace(model, operations=tuple(operations)), tuple(found))


def changes(
    operations: Sequence[Operation], types: Sequence[TypeDef], metadata: Metadata
) -> Iterator[Followed]:
    """What following the service changes on ``operations``, the doc set's ``types``
    known (lint checks the operations of some pages against the whole doc set)."""
    service = Service(types, metadata)
    for op in operations:
        for variant in op.paths:
            walked = classify(metadata, op, variant)
            if walked is not None:
                yield from service.path(walked)[1]


class _Notes:
    """The changes made to one path."""

    def __init__(self, w: Walked) -> None:
        self.w = w
        self.found: list[Followed] = []

    def add(
        self,
        change: Change,
        part: Part,
        docs: str,
        service: str,
        span: Span | None,
        applied: bool = True,
        parameter: str = "",
    ) -> None:
        w = self.w
        where = f"{w.operation.method} {w.variant.template}"
        span = span or w.variant.span
        self.found.append(
            Followed(change, part, w.operation.id, where, docs, service, span, applied, parameter)
        )


class Service:
    """The doc set's types and the service's schema: what a path becomes."""

    def __init__(self, types: Sequence[TypeDef], metadata: Metadata) -> None:
        self.metadata = metadata
        self.known = ModelTypes(types)
        self.folded: dict[str, TypeDef] = {}
        for t in types:
            if t.kind in (TypeKind.COMPLEX, TypeKind.ENUM) and t.name:
                self.folded.setdefault(t.full_name.casefold(), t)
        self.source = f"{SOURCE}: {metadata.source}"

    def ref(self, schema: SchemaRef) -> TypeRef | None:
        """The CSDL's type as an SDK type: a type the docs define, as they write it, or a
        primitive; None for any other."""
        raw = str(schema)
        if schema.name.startswith("Edm."):
            return TypeRef(schema.name, TypeKind.PRIMITIVE, schema.collection, raw)
        t = self.folded.get(schema.name.casefold())
        if t is None:
            return None
        return TypeRef(t.full_name, t.kind, schema.collection, raw)

    def related(self, name: str, ref: SchemaRef, collection: bool) -> bool:
        return collection == ref.collection and related(self.metadata, name, ref.name)

    def path(self, w: Walked) -> tuple[PathVariant, list[Followed]]:
        """The path as the service has it, and what changed."""
        notes = _Notes(w)
        variant = w.variant
        body, result = variant.body, variant.result
        if w.kind is Kind.CREATE:
            assert w.expected is not None
            body = self._create(w, w.expected, notes)
        elif w.kind is Kind.ACTION:
            assert w.action is not None
            names = {p.name.strip().casefold() for p in body.parameters} if body else set()
            action = best_overload(self.metadata, w.action, names)
            body = self._parameters(w, action.parameters, notes)
            result = self._result(w, action.returns, notes)
        else:
            result = self._result(w, w.expected, notes)
        if body is not variant.body or result is not variant.result:
            variant = replace(variant, body=body, result=result)
        return variant, notes.found

    # --- what a call answers with ------------------------------------------------------------

    def _result(self, w: Walked, expected: SchemaRef | None, notes: _Notes) -> Result | None:
        result = w.variant.result
        if expected is None:
            return self._nothing(w, result, notes)
        if result is not None and result.type is None and result.media_type not in (None, JSON):
            return result  # raw content: the CSDL has no word for its media type
        span = result.span if result is not None else None
        stated = stated_result(w.variant, self.known)
        ours = self.ref(expected)
        theirs = str(expected)
        if stated is None:
            said = _unstated(result.type if result is not None else None)
            notes.add(Change.FILLED, Part.RESULT, said, theirs, span, ours is not None)
            return result if ours is None else self._answer(result, ours)
        if w.guessed or self.related(stated.name, expected, stated.collection):
            return result
        assert result is not None and result.type is not None
        if related(self.metadata, stated.name, expected.name):
            # the docs' type, maybe more specific, with the service's collection flag
            ours = replace(result.type, is_collection=expected.collection)
        notes.add(Change.FOLLOWED, Part.RESULT, str(stated), theirs, span, ours is not None)
        return result if ours is None else self._answer(result, ours)

    def _answer(self, result: Result | None, ref: TypeRef) -> Result:
        """``result`` answering with ``ref`` as JSON, by the service's word; a status that
        promised no content is 200."""
        result = result if result is not None else Result(200)
        return replace(
            result,
            status=200 if result.status in NO_CONTENT else result.status,
            type=ref,
            collection=ref.is_collection,
            media_type=JSON,
            delta=result.delta and ref.is_collection,
            source=self.source,
        )

    def _nothing(self, w: Walked, result: Result | None, notes: _Notes) -> Result | None:
        """An action the CSDL says returns nothing answers no content, whatever the docs
        name (their status kept)."""
        if w.guessed or result is None or result.type is None:
            return result  # no content, raw content, or no type stated: nothing to undo
        said = str(SchemaRef(result.type.name, result.collection))
        notes.add(Change.FOLLOWED, Part.RESULT, said, "no content", result.span)
        return replace(
            result,
            type=None,
            collection=False,
            media_type=None,
            delta=False,
            source=self.source,
        )

    # --- what a POST creating an entity takes ----------------------------------------------

    def _create(self, w: Walked, entity: SchemaRef, notes: _Notes) -> RequestBody | None:
        body = w.variant.body
        if body is not None and body.kind in _THEIRS:
            return body  # no body, raw content, a reference: the CSDL has no word for it
        stated = stated_body(w.variant, self.known)
        if stated is not None and (
            w.guessed or self.related(stated.name, entity, stated.collection)
        ):
            return body
        ours = self.ref(entity)
        span = body.span if body is not None else None
        if stated is None:
            said = _unstated(body.type if body is not None else None)
            notes.add(Change.FILLED, Part.BODY, said, str(entity), span, ours is not None)
        else:
            if related(self.metadata, stated.name, entity.name):
                assert body is not None and body.type is not None
                ours = replace(body.type, is_collection=False)  # one of the docs' type
            notes.add(Change.FOLLOWED, Part.BODY, str(stated), str(entity), span, ours is not None)
        if ours is None:
            return body
        base = body if body is not None else RequestBody(BodyKind.OBJECT)
        return replace(
            base,
            kind=BodyKind.OBJECT,
            type=ours,
            media_type=JSON,
            parameters=(),
            source=self.source,
        )

    # --- what an action takes --------------------------------------------------------------

    def _parameters(
        self, w: Walked, theirs: Sequence[SchemaParameter], notes: _Notes
    ) -> RequestBody | None:
        body = w.variant.body
        if body is not None and body.kind in (BodyKind.CONTENT, BodyKind.REFERENCE):
            return body  # raw content, a reference: the CSDL has no word for it
        span = body.span if body is not None else None
        params = body is not None and body.kind is BodyKind.OBJECT and body.type is None
        ours = body.parameters if body is not None and params else ()
        by_name = {p.name.casefold(): p for p in theirs}
        kept: list[Parameter] = []
        for p in ours:
            key = p.name.strip().casefold()
            schema = by_name.pop(key, None)
            if schema is not None:
                kept.append(self._parameter(w, p, schema, notes))
            elif w.guessed and key not in {k.name.strip().casefold() for k in kept}:
                kept.append(p)  # the action may be another derived type's: keep the docs'
            elif not any(k.name.strip().casefold() == key for k in kept):
                said = _type_words(p.type)
                notes.add(Change.DROPPED, Part.PARAMETER, said, "none", p.span, True, p.name)
        for schema in theirs:
            if schema.name.casefold() not in by_name:
                continue  # documented
            ref = self.ref(schema.type)  # None: a type the docs do not define (Any)
            said = str(schema.type)
            notes.add(Change.ADDED, Part.PARAMETER, "left out", said, span, True, schema.name)
            kept.append(
                Parameter(schema.name, ref, "", not schema.nullable, span or w.variant.span)
            )
        if (
            params
            and len(kept) == len(ours)
            and all(a is b for a, b in zip(kept, ours, strict=True))
        ):
            return body
        if not kept and body is not None and body.kind is BodyKind.NONE:
            return body
        names = ", ".join(p.name for p in theirs)
        takes = f"the parameters {names}" if names else "no parameters"
        if body is None or body.kind is BodyKind.UNKNOWN:
            if not kept:  # the docs say nothing of a body, the service takes none
                notes.add(Change.FILLED, Part.PARAMETER, "nothing", takes, span)
        elif not params:
            notes.add(Change.FOLLOWED, Part.PARAMETER, _body_words(body), takes, span)
        if not kept:
            return replace(
                body or RequestBody(BodyKind.NONE),
                kind=BodyKind.NONE,
                type=None,
                media_type=None,
                parameters=(),
                source=self.source,
            )
        base = body if body is not None else RequestBody(BodyKind.OBJECT)
        required = base.required if params else any(p.required for p in kept)
        return replace(
            base,
            kind=BodyKind.OBJECT,
            type=None,
            media_type=JSON,
            parameters=tuple(kept),
            required=required,
            source=self.source,
        )

    def _parameter(
        self, w: Walked, p: Parameter, schema: SchemaParameter, notes: _Notes
    ) -> Parameter:
        """The docs' parameter, typed as the service has it where the docs give no type
        (or one they do not define) or one the CSDL contradicts; required as the CSDL
        says where the docs do not."""
        expected = schema.type
        ref = p.type
        required = (not schema.nullable) if p.required is None else p.required
        typed = ref is not None and ref.kind is not TypeKind.UNKNOWN and self.known.known(ref.name)
        if ref is not None and typed:
            if w.guessed or self.related(ref.name, expected, ref.is_collection):
                return p if required == p.required else replace(p, required=required)
            change = Change.FOLLOWED
        else:
            change = Change.FILLED
        ours = self.ref(expected)
        said = _type_words(ref if typed else None)
        notes.add(change, Part.PARAMETER, said, str(expected), p.span, ours is not None, p.name)
        return replace(p, type=ours or p.type, required=required)


_THEIRS = frozenset({BodyKind.NONE, BodyKind.CONTENT, BodyKind.REFERENCE})


def _unstated(ref: TypeRef | None) -> str:
    """What the docs say instead of a type."""
    if ref is None:
        return "no type"
    return f"{ref.name or ref.raw!r}, not a type the docs define"


def _type_words(ref: TypeRef | None) -> str:
    return "no type" if ref is None else str(SchemaRef(ref.name, ref.is_collection))


def _body_words(body: RequestBody) -> str:
    if body.type is not None:
        what = "an array" if body.kind is BodyKind.ARRAY else "an object"
        return f"{what} of {SchemaRef(body.type.name, body.type.is_collection)}"
    return "no body" if body.kind is BodyKind.NONE else f"a body ({body.kind.value})"
