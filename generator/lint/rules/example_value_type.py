"""DC505: an example body gives a property a value its declared type cannot have."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.odata_names import (
    JsonPath,
    find_type,
    key_positions,
    redefined_types,
    resolved_as_written,
    type_chain,
    type_name,
)
from generator.model import (
    Annotation,
    Body,
    BodyKind,
    Diagnostic,
    Example,
    ExampleRequest,
    Operation,
    Parameter,
    Severity,
    Span,
    TypeDef,
    TypeKind,
    TypeRef,
)
from generator.paths import match_example

_INTEGERS = {"Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"}
_FLOATS = {"Edm.Single", "Edm.Double"}  # "NaN", "INF" and "-INF" are strings on the wire
_STRINGS = {"Edm.String", "Edm.Guid", "Edm.Date", "Edm.Duration", "Edm.TimeOfDay"}
_STRINGS |= {"Edm.Binary", "Edm.DateTimeOffset"}
# Any JSON value, not JSON, or a number that may be written as a string (Edm.Decimal).
_ANY = {"Edm.Untyped", "Edm.Stream", "Edm.Decimal", "microsoft.graph.Json"}
_FLOAT_WORDS = {"NaN", "INF", "-INF"}
_ELIDED = ("...", "…")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MIN_KNOWN = 3  # properties a type needs before a body none of whose keys it has is reported


@dataclass(frozen=True, slots=True)
class Declared:
    """A property or request-body parameter: its name, type and where it is declared."""

    ref: TypeRef
    owner: str  # "microsoft.graph.event" or "the request body"
    span: Span


@dataclass(frozen=True, slots=True)
class Shape:
    """What an object of a type may hold: its declared members by name."""

    name: str  # the type's full name, or "the request body"
    members: dict[str, Declared]
    open: bool  # unknown keys are allowed or not judged


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    checker = _Checker(ctx)
    for op in ctx.model.operations:
        for example in op.examples:
            yield from checker.request(op, example)
            yield from checker.response(op, example)


def _declared_body(
    op: Operation, request: ExampleRequest
) -> tuple[Sequence[Parameter], TypeRef | None, bool]:
    """What the example's call takes, as the reader decided it for the path the example
    calls (``PathVariant.body``): an action's parameters, or the object's type, and
    whether that type is what the path addresses rather than one the page names."""
    variant = match_example(request.path, op.paths)
    decided = variant.body if variant is not None else None
    if decided is None:  # a path the page does not declare (DC301): its section's table
        return op.request.body_params, None, False
    if decided.kind is not BodyKind.OBJECT:
        return (), None, False
    named = decided.source.startswith(("Request body", "example"))
    return decided.parameters, decided.type, decided.type is not None and not named


class _Checker:
    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.unsure = redefined_types(ctx)
        self.shapes: dict[str, Shape | None] = {}
        self.read_types: dict[str, set[str]] | None = None

    # --- where the declared type comes from ----------------------------------------------

    def request(self, op: Operation, example: Example) -> Iterator[Diagnostic]:
        request = example.request
        if request is None or request.body is None or not isinstance(request.body.json, dict):
            return
        body = request.body
        rows, ref, from_path = _declared_body(op, request)
        params = {
            p.name: Declared(p.type, "the request body", p.span)
            for p in rows
            if p.type is not None and p.type.raw and "@" not in p.name
        }
        typed = self._declared_shape(ref)
        if typed is None and not params:
            read = self._read_shape(op)
            if read is not None:
                yield from self._unknown_keys(read, body.json, _Lines(body, op.source.file), True)
            return
        members = {**(typed.members if typed else {}), **params}
        shape = Shape(typed.name if typed else "the request body", members, typed is None)
        ann = request.annotation
        own = self._shape_named(ann.odata_type if ann is not None else None)
        finder = _Lines(body, op.source.file)
        if own is not None:
            yield from self._object(own, body.json, (), finder)
            return
        # a body that names its own type is checked as one of that type (_object)
        named_own = self._shape_named(body.json.get("@odata.type")) is not None
        if typed is not None and not params and not named_own:
            yield from self._unknown_keys(typed, body.json, finder, from_path, op.method)
        yield from self._object(shape, body.json, (), finder)

    def response(self, op: Operation, example: Example) -> Iterator[Diagnostic]:
        response = example.response
        if response is None or response.body is None or not isinstance(response.body.json, dict):
            return
        found = self._response_type(op, response.annotation)
        shape = self._shape(found[0]) if found is not None else None
        if found is None or shape is None:
            return
        collection = found[1]
        finder = _Lines(response.body, op.source.file)
        body = response.body.json
        items = body.get("value")
        if (collection or _looks_like_collection(body, shape)) and isinstance(items, list):
            for n, item in enumerate(items):
                yield from self._object(shape, item, ("value", n), finder)
        elif not collection:
            yield from self._object(shape, body, (), finder)

    def _response_type(self, op: Operation, ann: Annotation | None) -> tuple[TypeDef, bool] | None:
        """The type of a response body and whether it is a collection: the annotation's
        ``@odata.type``, else the one type the Response section names."""
        if ann is not None and ann.odata_type:
            named = type_name(ann.odata_type)
            if named is None:
                return None  # a primitive
            typedef = find_type(self.ctx, named.name)
            collection = named.is_collection or ann.is_collection
        else:
            stated = {r.type.name: r.type for r in op.responses if r.type is not None}
            if len(stated) != 1:
                return None
            [ref] = stated.values()
            if ref.kind != TypeKind.COMPLEX or not resolved_as_written(ref):
                return None
            typedef = find_type(self.ctx, ref.name)
            collection = ref.is_collection or (ann is not None and ann.is_collection)
        return (typedef, collection) if typedef is not None else None

    # --- shapes ----------------------------------------------------------------------------

    def _declared_shape(self, ref: TypeRef | None) -> Shape | None:
        if ref is None or ref.kind != TypeKind.COMPLEX or ref.is_collection:
            return None
        if not resolved_as_written(ref):
            return None
        typedef = find_type(self.ctx, ref.name)
        return self._shape(typedef) if typedef is not None else None

    def _read_shape(self, op: Operation) -> Shape | None:
        """For a PATCH that declares no body type or parameters: the one type that the
        Response sections of GET operations on the same paths name (a PATCH body holds
        properties of the resource it updates)."""
        if op.method != "PATCH" or not op.paths:
            return None
        if self.read_types is None:
            self.read_types = {}
            for other in self.ctx.doc_set.operations:
                if other.method != "GET":
                    continue
                refs = [r.type for r in other.responses if r.type is not None]
                named = {
                    r.name
                    for r in refs
                    if r.kind == TypeKind.COMPLEX and not r.is_collection and resolved_as_written(r)
                }
                for variant in other.paths:
                    self.read_types.setdefault(variant.shape.casefold(), set()).update(named)
        found: set[str] = set()
        for variant in op.paths:
            found |= self.read_types.get(variant.shape.casefold(), set())
        if len(found) != 1:
            return None
        typedef = find_type(self.ctx, found.pop())
        return self._shape(typedef) if typedef is not None else None

    def _shape_named(self, odata_type: object) -> Shape | None:
        named = type_name(odata_type)
        if named is None or named.is_collection:
            return None
        typedef = find_type(self.ctx, named.name)
        return self._shape(typedef) if typedef is not None else None

    def _shape(self, typedef: TypeDef) -> Shape | None:
        """The members of a complex type and its base types; None when the type is not
        known well enough (an enum, several definitions)."""
        if typedef.kind != TypeKind.COMPLEX:
            return None
        key = typedef.full_name
        if key not in self.shapes:
            chain = type_chain(self.ctx, typedef)
            if any(t.full_name in self.unsure for t in chain):
                self.shapes[key] = None
            else:
                self.shapes[key] = Shape(key, _members(chain), any(t.open_type for t in chain))
        return self.shapes[key]

    # --- values ------------------------------------------------------------------------------

    def _unknown_keys(
        self,
        shape: Shape,
        body: dict[str, object],
        finder: _Lines,
        read: bool = False,
        method: str = "PATCH",
    ) -> Iterator[Diagnostic]:
        """A request body none of whose properties the declared type has: the body of
        another operation, or the wrong type in the prose.  ``read``: the type is the one
        its path addresses (what a GET of the same path returns), not one the operation
        names."""
        keys = [k for k in body if "@" not in k]
        names = {n.lower() for n in shape.members}
        if shape.open or len(shape.members) < _MIN_KNOWN or len(keys) < 2:
            return
        if any(k.lower() in names for k in keys):
            return
        shown = ", ".join(repr(k) for k in keys[:4]) + (", ..." if len(keys) > 4 else "")
        what = "the type the request body is declared to be"
        if read and method == "POST":
            what = "the type of the collection its path addresses (the resource this POST creates)"
        elif read:
            what = f"the type a GET of the same path returns (the resource this {method} updates)"
        yield RULE.finding(
            finder.span((keys[0],)),
            f"none of the request body's properties ({shown}) is a property of "
            f"{shape.name}, {what}",
        )

    def _object(
        self, shape: Shape, value: object, path: JsonPath, finder: _Lines
    ) -> Iterator[Diagnostic]:
        if not isinstance(value, dict):
            return
        own = self._shape_named(value.get("@odata.type"))
        if own is not None:
            shape = own
        elif isinstance(value.get("@odata.type"), str):
            return  # a type the doc set does not define (DC501) or a primitive
        for key, item in value.items():
            declared = shape.members.get(key)
            if declared is not None and "@" not in key:
                yield from self._value(declared, key, item, (*path, key), finder)

    def _value(
        self, declared: Declared, key: str, value: object, path: JsonPath, finder: _Lines
    ) -> Iterator[Diagnostic]:
        ref = declared.ref
        kind = self._kind(ref)
        if value is None or _elided(value):
            return
        if kind is None:
            if _names_a_type(ref) and ref.is_collection != isinstance(value, list):
                yield self._finding(declared, key, value, path, finder)
            return
        if ref.is_collection != isinstance(value, list):
            yield self._finding(declared, key, value, path, finder)
            return
        items = value if isinstance(value, list) else [value]
        for n, item in enumerate(items):
            where = (*path, n) if isinstance(value, list) else path
            if item is None or _elided(item):
                continue
            if not _fits(kind, item):
                yield self._finding(declared, key, item, where, finder)
            elif isinstance(kind, Shape):
                yield from self._object(kind, item, where, finder)

    def _kind(self, ref: TypeRef) -> str | Shape | TypeDef | None:
        """What a value of ``ref`` is on the wire: an Edm name, the shape of a complex
        type, an enum, or None when that is not known."""
        if ref.kind == TypeKind.PRIMITIVE:
            return None if ref.name in _ANY else ref.name
        if ref.kind not in (TypeKind.ENUM, TypeKind.COMPLEX) or ref.name in _ANY:
            return None
        if not resolved_as_written(ref):
            return None
        typedef = find_type(self.ctx, ref.name)
        if typedef is None or typedef.full_name in self.unsure:
            return None
        if typedef.kind == TypeKind.ENUM:
            return typedef
        return self._shape(typedef)

    def _finding(
        self, declared: Declared, key: str, value: object, path: JsonPath, finder: _Lines
    ) -> Diagnostic:
        where = f"{declared.span.file}:{declared.span.line}"
        owner = (
            f"request body parameter {key!r}"
            if declared.owner == "the request body"
            else f"property {key!r} of {declared.owner}"
        )
        kind = self._kind(declared.ref)
        item = f" in item {path[-1]}" if isinstance(path[-1], int) else ""
        gives = f"{_json_type(value)}{item}: {_json_text(value)}"
        if isinstance(kind, TypeDef) and isinstance(value, str) and kind.members:
            gives += f", which is not one of its members ({_members_text(kind)})"
        return RULE.finding(
            finder.span(path),
            f"{owner} is {_type_text(declared.ref)} ({where}), but the example gives {gives}",
        )


def _members(chain: list[TypeDef]) -> dict[str, Declared]:
    """Table properties by name, nearest type first; a name two rows of one type give
    different types is left out (a second table on the page describes something else)."""
    found: dict[str, Declared] = {}
    clashing: set[str] = set()
    for typedef in chain:
        own: dict[str, Declared] = {}
        for prop in typedef.properties:
            if not prop.in_table or not prop.type.raw or "@" in prop.name:
                continue
            seen = own.get(prop.name)
            if seen is not None and _type_text(seen.ref) != _type_text(prop.type):
                clashing.add(prop.name)
            own.setdefault(prop.name, Declared(prop.type, typedef.full_name, prop.span))
        for name, declared in own.items():
            found.setdefault(name, declared)
    for name in clashing:
        found.pop(name, None)
    return found


def _names_a_type(ref: TypeRef) -> bool:
    """The cell names a complex or enum type, though maybe not one the resolver found as
    written (``[servicePrincipal](provisioningserviceprincipal.md)``): a value of it is
    one object or string, never an array, and a collection of it is an array."""
    return ref.kind in (TypeKind.COMPLEX, TypeKind.ENUM) and ref.name not in _ANY


def _looks_like_collection(body: dict[str, object], shape: Shape) -> bool:
    """``{"value": [{...}]}`` for a type without a ``value`` property."""
    items = body.get("value")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        return False
    if "value" in shape.members:
        return False
    return all(key == "value" or "@" in key for key in body)


def _fits(kind: str | Shape | TypeDef, value: object) -> bool:
    """Whether one (non-null) value can be of the kind."""
    if isinstance(kind, Shape):
        return isinstance(value, dict)
    if isinstance(kind, TypeDef):  # an enum: a member name, or several for flags
        return isinstance(value, str) and _is_member(kind, value)
    if kind == "Edm.Boolean":
        return isinstance(value, bool)
    if kind in _INTEGERS:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind in _FLOATS:
        return _is_number(value) or (isinstance(value, str) and value in _FLOAT_WORDS)
    if kind in _STRINGS:
        if not isinstance(value, str):
            return False
        return kind != "Edm.DateTimeOffset" or _looks_like_date(value)
    return True


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_member(enum: TypeDef, value: str) -> bool:
    """Whether each of the comma-separated names (flags) is a member, ignoring case: the
    service reads them so, and ``"HTML"`` for ``html`` is a matter of style."""
    names = {m.name.lower() for m in enum.members}
    if not names:
        return True  # members not known
    names.add("unknownfuturevalue")  # evolvable enums take it without listing it
    return all(part.strip().lower() in names for part in value.split(","))


def _looks_like_date(value: str) -> bool:
    """Conservative: only a string that does not start with a date is wrong; the time
    part, its separator and the offset vary too much between pages to judge."""
    return _ISO_DATE.match(value.strip()) is not None


def _elided(value: object) -> bool:
    """``"..."`` and ``""``: a value left out, not a wrong one."""
    return isinstance(value, str) and (not value.strip() or any(m in value for m in _ELIDED))


def _type_text(ref: TypeRef) -> str:
    name = ref.name or " ".join(ref.raw.split())
    return f"Collection({name})" if ref.is_collection else name


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _members_text(enum: TypeDef) -> str:
    names = [m.name for m in enum.members]
    return ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")


def _json_text(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Lines:
    """The file lines of a body's keys, computed on the first finding."""

    def __init__(self, body: Body, file: str) -> None:
        self.body = body
        self.file = file
        self.lines: dict[JsonPath, tuple[int, int]] | None = None

    def span(self, path: JsonPath) -> Span:
        if self.lines is None:
            self.lines = key_positions(self.body.text, self.body.line, self.body.column)
        line, column = self.body.line, 1
        for end in range(len(path), 0, -1):  # an array item: the line of its key
            found = self.lines.get(path[:end])
            if found is not None:
                line, column = found
                break
        return Span(self.file, line, line, column)


RULE = Rule(
    code="DC505",
    name="example-value-type-mismatch",
    severity=Severity.WARNING,
    summary="an example body gives a property a value of another type than declared",
    explanation=(
        "Example requests and responses are copied by readers and turned into tests and "
        "SDK samples; a value whose JSON type contradicts the property's declared type "
        "teaches the wrong wire format, or shows that the property table is wrong. Each "
        "property of an example body is compared with the type its table declares: the "
        "type's properties (and its base types') for a response or a request body of a "
        "declared type, the request body table for actions, nested complex values and "
        "collection items in turn. An object's own `@odata.type` names its type.\n\n"
        '    |isRead|Boolean|...|    with    "isRead": "true"   ->   "isRead": true\n\n'
        "Reported: a string, number or object where a Boolean is declared; a string, "
        "fraction or object for an integer; a number, boolean, object or array for a "
        'string; a DateTimeOffset that does not start with a date (`"datetime-value"`); '
        "a scalar for a complex type; a collection against one value, also where the cell's "
        "link text names another type than the page it links to "
        "(`[servicePrincipal](provisioningserviceprincipal.md) collection` with an object); "
        "an enum value that is none of the listed members (case ignored; "
        "`unknownFutureValue` allowed). A request body none of whose properties the "
        f"declared type has (it has at least {_MIN_KNOWN} properties and no parameter "
        "table) is reported once; for a PATCH that declares no body type or parameters, "
        "the type is the one the Response sections of GETs of the same path name.\n\n"
        "Not judged: `null`, empty and elided values (`...`), `@` annotations, properties "
        "of undeclared, unknown, open-ended (`Edm.Untyped`, `Json`) or Edm.Decimal type, "
        "strings that look like numbers where a string is declared, and objects whose "
        "`@odata.type` is not a type of the doc set."
    ),
    check=check,
)
