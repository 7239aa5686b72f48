"""What each call answers with (issue 23): one :class:`Result` per path variant, decided
once every page is read and type names resolve, from all the evidence its page gives.

The evidence, and what each one can decide (strongest first):

- the path itself: a **delta** function (the last segment ``delta`` or ``delta(...)``)
  answers with a collection paged up to a ``@odata.deltaLink``; ``$value`` or ``content``
  at the end is raw content (``application/octet-stream`` unless the example response
  names another media type), ``$count`` a number as text;
- the **label** of the path's block (``Get **event** instances:``): a type of the doc set
  named before ``instance(s)``, ``object(s)`` or ``collection`` is what the paths under
  it address, one or many (pages that document one call on many resources);
- the **example responses** sent to this path (the example request fits it, as lint
  DC301 matches them), else those sent to a path with the same tail (``/me/events`` and
  ``/users/{id}/events`` address the same thing): the body's shape (a top-level object
  whose only member is a ``value`` array is a collection, ``{"value": <scalar>}`` one
  primitive, any other object one value; ``@odata.context`` with ``$entity`` or
  ``Collection(...)``), the annotation's ``@odata.type`` and ``isCollection``, the
  body's ``@odata.type``, the status, the ``Content-Type`` and the headers;
- the **Response section**: the statuses it promises and the first name in its success
  paragraphs that is a type of the doc set: a link whose text names the type it leads
  to (a link titled "error responses" names none), a **bold** or ``code`` name written
  as the type is (``userSettings``), or a primitive (``a String collection``); one or
  many by its wording ("a collection of X", "a list of X", "X collection", "X objects",
  "the requested X items", a plural link text).  Not a name in a header's clause (the
  operation a ``Location`` header points at), nor in a paragraph about an error status;
  "It does not return anything in the response body" is no content;
- a GET of a path that is another path of the operation plus one property segment
  (``/me/mailboxSettings/workingHours`` beside ``/me/mailboxSettings``) answers with
  that property;
- the path as the doc set's types describe it, only where nothing above decides: the
  last navigation segment is a property of the doc set's types (every property of that
  name has one type), or names a type (``/devices`` a device); a key at the end
  addresses one.  A GET's page-wide type (the Response section's, an example of another
  path) that is unrelated to the type its path addresses is not that path's: an
  extension page's ``GET /users/{id}/events/{id}?$expand=extensions`` answers with an
  event.

Evidence that disagrees with the evidence that decided, on the same path (the Response
section says a collection, the example response is one object; the prose names one
type, the example's annotation an unrelated one), is recorded on the result as a DC310
finding at the line of the evidence the model does not follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from generator.model import (
    Body,
    Diagnostic,
    Example,
    ExampleResponse,
    Link,
    Operation,
    PathVariant,
    Prose,
    ResponseSpec,
    Result,
    Segment,
    SegmentKind,
    Severity,
    Span,
    TypeDef,
    TypeKind,
    TypeRef,
)
from generator.paths import example_matches, parse_path
from generator.read.request_lines import declared_forms, example_forms
from generator.read.resolve import TypeIndex
from generator.read.typerefs import primitive_name

CODE = "DC310"

# Where a result's type comes from (Result.source).
DELTA = "delta function"
LABEL = "path label"
PROSE = "Response section"
ANNOTATION = "example response annotation"
BODY = "example body"
PATH = "path"
PROPERTY = "property"  # written "property <name>"

JSON = "application/json"
BINARY = "application/octet-stream"
TEXT = "text/plain"
NO_CONTENT = frozenset({204, 205, 304})
_CONTENT_SEGMENTS = frozenset({"$value", "content"})
_BODY_HEADERS = frozenset({"content-type", "content-length"})  # describe the body, not the call

_CAST = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")
_LABEL = re.compile(r"\b([A-Za-z][\w.]*)\s+(instances?|objects?|collection)\b")
_MANY_BEFORE = re.compile(
    r"(?:\b(?:collection|list|array|set)\s+of\s+(?:the\s+|all\s+)?|\ball\s+(?:the\s+)?)$"
)
_MANY_AFTER = re.compile(
    r"^\W{0,3}(?:collection|objects|items|entities|resources|instances|records|values|array)\b"
)
_ONE_AFTER = re.compile(r"^\W{0,3}(?:object|entity|resource|instance|item)\b")
_PRIMITIVE_WORDS = (
    "String|Boolean|Int16|Int32|Int64|Double|Single|Decimal|Guid|DateTimeOffset|Date"
    "|TimeOfDay|Duration|Byte|Binary|Stream"
)
_PRIMITIVE = re.compile(
    rf"\b(?:an?|the)\s+(?:Edm\.)?({_PRIMITIVE_WORDS})\b(\s+collection)?|"
    rf"\bcollection\s+of\s+(?:Edm\.)?({_PRIMITIVE_WORDS})\b"
)
_HEADER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_HEADER_WORD = re.compile(r"\bheaders?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# "It does not return anything in the response body", "and an empty response body"
_NO_BODY = re.compile(
    r"\b(?:does\s+not|doesn't|will\s+not|won't)\s+return\s+anything\b"
    r"|\b(?:no|an\s+empty)\s+response\s+body\b",
    re.IGNORECASE,
)
_ERROR_STATUS = re.compile(r"\b[45]\d\d\b")
_RETURNS_BODY = re.compile(r"\breturns?\b|\bresponse\s+body\b", re.IGNORECASE)
_RETURNED = re.compile(r"\b(?:returns?|response)\b", re.IGNORECASE)
_VALUE_ARRAY = re.compile(
    r'^\s*\{\s*(?:"@[^"]*"\s*:\s*(?:"[^"]*"|[-\w.]+)\s*,\s*)*"value"\s*:\s*\[', re.DOTALL
)


def decide_results(
    operations: Sequence[Operation], types: Sequence[TypeDef], index: TypeIndex
) -> tuple[Operation, ...]:
    """``operations`` with every path variant's :attr:`PathVariant.result` decided.
    ``types``: the doc set's types with their property types resolved; ``index`` finds
    a type by name or link."""
    known = _Types(types, index)
    return tuple(_with_results(op, known) for op in operations)


def _with_results(op: Operation, types: _Types) -> Operation:
    evidence = _Evidence.of(op, types)
    paths = tuple(
        replace(v, result=_decide(op, i, v, evidence, types)) for i, v in enumerate(op.paths)
    )
    return replace(op, paths=paths)


# --- the doc set's types ------------------------------------------------------------------


class _Types:
    """The doc set's types as the decision needs them: by name (as written, by link),
    their properties and bases, and the type each property name stands for."""

    def __init__(self, types: Sequence[TypeDef], index: TypeIndex) -> None:
        self.index = index
        self.by_full = {t.full_name: t for t in types}
        self.by_short: dict[str, list[TypeDef]] = {}
        for t in types:
            self.by_short.setdefault(t.name.casefold(), []).append(t)
        relations: dict[str, set[tuple[str, TypeKind, bool]]] = {}
        for t in types:
            for p in t.properties:
                if p.type.kind in (TypeKind.COMPLEX, TypeKind.ENUM, TypeKind.PRIMITIVE):
                    entry = (p.type.name, p.type.kind, p.type.is_collection)
                    relations.setdefault(p.name.casefold(), set()).add(entry)
        self.relations = {
            name: next(iter(found)) for name, found in relations.items() if len(found) == 1
        }

    def ref(self, t: TypeDef, collection: bool, raw: str = "") -> TypeRef:
        return TypeRef(t.full_name, t.kind, collection, raw or t.name)

    def named(
        self, text: str, page: str, link: str | None = None, exact: bool = False
    ) -> TypeRef | None:
        """The type ``text`` names (``#microsoft.graph.user``, ``Collection(x)``, ``user``,
        ``String``), a collection when it is wrapped; ``exact``: only a type written as
        it is (an unlinked name in prose)."""
        raw = text
        name = text.strip().strip("`*").strip().lstrip("#")
        collection = False
        if name.casefold().startswith("collection(") and name.endswith(")"):
            name, collection = name[len("collection(") : -1].strip().lstrip("#"), True
        if not name:
            return None
        edm = primitive_name(name)
        if edm is not None:
            return TypeRef(edm, TypeKind.PRIMITIVE, collection, raw)
        if exact:
            found = [
                t
                for t in self.by_short.get(name.rpartition(".")[2].casefold(), [])
                if name in (t.name, t.full_name)
            ]
            return self.ref(found[0], collection, raw) if len(found) == 1 else None
        t = self.index.find(TypeRef(name, TypeKind.UNKNOWN, collection, raw, link), page)
        return self.ref(t, collection, raw) if t is not None else None

    def lineage(self, name: str) -> list[str]:
        seen: list[str] = []
        current = self.by_full.get(name)
        while current is not None and current.full_name not in seen:
            seen.append(current.full_name)
            current = self.by_full.get(current.base) if current.base else None
        return seen or [name]

    def related(self, a: str, b: str) -> bool:
        """The same type, or one a base of the other."""
        return a == b or a in self.lineage(b) or b in self.lineage(a)

    def property(self, owner: str, name: str) -> TypeRef | None:
        for full in self.lineage(owner):
            t = self.by_full.get(full)
            for p in t.properties if t is not None else ():
                if p.name.casefold() == name.casefold():
                    return p.type
        return None

    def relation(self, name: str) -> TypeRef | None:
        """The type every property called ``name`` in the doc set has, if they agree."""
        found = self.relations.get(name.casefold())
        if found is None:
            return None
        full, kind, collection = found
        return TypeRef(full, kind, collection, name)

    def called(self, segment: str) -> TypeRef | None:
        """The one type a collection or singleton segment is named after: ``devices``
        -> device, ``organization`` -> organization."""
        folded = segment.casefold()
        for name in dict.fromkeys((folded, _singular(folded))):
            found = self.by_short.get(name, [])
            if len(found) == 1 and found[0].kind == TypeKind.COMPLEX:
                return self.ref(found[0], False, segment)
        return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.rpartition(".")[2].casefold())


def names_type(text: str, t: TypeRef) -> bool:
    """A link's text names the type it leads to (``[identityProviders]`` an
    identityProvider, ``[tab]`` a teamsTab, ``[user resource]`` a user); a title (``error
    responses``, ``the user guide``) does not."""
    if t.kind == TypeKind.PRIMITIVE:
        return True
    written, name = _fold(text), _fold(t.name)
    stem = _singular(written)
    return bool(written) and (
        written == name or (len(stem) >= 3 and (stem in name or written.startswith(name)))
    )


# --- evidence -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Said:
    """A type the evidence names for the result, one or many, and where."""

    type: TypeRef | None
    collection: bool | None  # None: the evidence does not say
    source: str
    span: Span


@dataclass(frozen=True, slots=True)
class _Shown:
    """What one example response shows."""

    status: int | None
    collection: bool | None  # the body's shape: many, one, or unknown
    said: _Said | None  # the type its annotation or body names
    media: str | None  # the Content-Type it names
    has_body: bool
    headers: tuple[str, ...]
    span: Span  # its status line
    primitive: bool = False  # the body is one primitive value: {"value": 42}


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What the operation's page says about its results, before looking at one path."""

    prose: tuple[_Said, ...]  # the Response section's types, in order
    unknown: tuple[_Said, ...]  # names it links as types that the doc set does not define
    statuses: tuple[int, ...]  # the success statuses it promises, in order
    headers: tuple[str, ...]  # the headers its success paragraphs name
    shown: tuple[tuple[_Shown, frozenset[int]], ...]  # example responses, paths they fit
    empty: Span | None = None  # a success paragraph that says the body is empty

    @classmethod
    def of(cls, op: Operation, types: _Types) -> _Evidence:
        page = op.source.file
        success = [s for s in op.responses if 200 <= s.status < 400]
        said: list[_Said] = []
        headers: list[str] = []
        empty = None
        for prose in _success_paragraphs(op, success):
            said.extend(_prose_types(prose, page, types))
            headers.extend(_named_headers(prose))
            if empty is None and _NO_BODY.search(prose.text):
                empty = prose.span
        shown = []
        for ex in op.examples:
            found = _shown(ex, page, types)
            if found is not None:
                shown.append((found, _fitting(ex, op.paths)))
        known = [s for s in said if s.type is not None and s.type.kind != TypeKind.UNKNOWN]
        return cls(
            tuple(known),
            tuple(s for s in said if s not in known),
            tuple(dict.fromkeys(s.status for s in success)),
            tuple(dict.fromkeys(headers)),
            tuple(shown),
            empty,
        )


def _success_paragraphs(op: Operation, success: Sequence[ResponseSpec]) -> list[Prose]:
    """The Response section's paragraphs that promise a success status, and those that
    follow one without naming a status of their own (a type in a second paragraph); a
    paragraph about an error status (``returns HTTP 400 if``) ends them."""
    lines = {s.span.line for s in success}
    other = {s.span.line for s in op.responses} - lines
    found: list[Prose] = []
    taking = False
    for p in op.response_paragraphs:
        if p.span.line in lines:
            taking = True
        elif p.span.line in other or _ERROR_STATUS.search(p.text):
            taking = False
        if taking:
            found.append(p)
    return found


def _prose_types(prose: Prose, page: str, types: _Types) -> Iterable[_Said]:
    """The types a paragraph names, in order: links that name the type they lead to,
    then bold or code names written as a type is, then primitives."""
    text, at = prose.text, 0
    for link in prose.links:
        pos = text.find(link.text, at)
        before = text[:pos] if pos >= 0 else ""
        after = text[pos + len(link.text) :] if pos >= 0 else ""
        at = pos + len(link.text) if pos >= 0 else at
        if link.target.startswith(("http", "#", "/")) or not link.target.split("#")[0]:
            continue
        if pos >= 0 and _about_headers(text, pos):
            continue  # "a `Location` header ... of the [teamsAsyncOperation](...)"
        ref = types.named(link.text, page, link.target)
        if ref is None and _IDENTIFIER.fullmatch(link.text.strip()):
            # written as a type is, but no type of the doc set: kept, last (UNKNOWN)
            ref = TypeRef(link.text.strip(), TypeKind.UNKNOWN, False, link.text, link.target)
        if ref is None or ref.kind == TypeKind.PRIMITIVE or not names_type(link.text, ref):
            continue
        many = True if _plural(link.text, ref) else _many(before, after)
        yield _Said(replace(ref, is_collection=bool(many)), many, PROSE, _link_span(link, prose))
    for name in prose.names:
        if not _IDENTIFIER.fullmatch(name) or _is_header(text, name):
            continue
        ref = types.named(name, page, exact=True)
        if ref is None or ref.kind == TypeKind.PRIMITIVE:
            continue
        pos = text.find(name)
        if pos >= 0 and _about_headers(text, pos):
            continue
        many = _many(text[:pos], text[pos + len(name) :]) if pos >= 0 else None
        yield _Said(replace(ref, is_collection=bool(many)), many, PROSE, prose.span)
    for m in _PRIMITIVE.finditer(text):
        word = m.group(1) or m.group(3)
        edm = primitive_name(word)
        if edm is not None:
            many = bool(m.group(2) or m.group(3))
            ref = TypeRef(edm, TypeKind.PRIMITIVE, many, m.group(0).strip())
            yield _Said(ref, many, PROSE, prose.span)


def _about_headers(text: str, pos: int) -> bool:
    """Whether the name at ``pos`` is what a header points at, not the body: a header
    named next to it in its sentence, and no "returns" or "response body" between ("a
    `Location` header with a URI to the [commsOperation]", not "with the `Prefer`
    header, returns ... a [plannerTask]")."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    headers = list(_HEADER_WORD.finditer(text, start, pos))
    if headers and not _RETURNS_BODY.search(text, headers[-1].end(), pos):
        return True
    # "a link to the [printerCreateOperation] in the `Operation-Location` header"
    end = _SENTENCE_END.search(text, pos)
    after = _HEADER_WORD.search(text, pos, end.start() if end else len(text))
    return (
        after is not None
        and after.start() - pos <= 80
        and not _RETURNS_BODY.search(text, pos, after.start())
    )


def _link_span(link: Link, prose: Prose) -> Span:
    return link.span if link.span.file else prose.span


def _many(before: str, after: str) -> bool | None:
    """Collection wording around a name: "a collection of X", "a list of X", "all X",
    "X collection", "X objects", "X items" (True); "X object", "X resource" (False);
    None when the wording says neither."""
    before, after = " ".join(before.casefold().split()), " ".join(after.casefold().split())
    if (
        _MANY_BEFORE.search(before[-40:]) is not None
        or "collection" in before[-40:]
        or _MANY_AFTER.match(after[:40]) is not None
    ):
        return True
    return False if _ONE_AFTER.match(after[:40]) is not None else None


def _plural(text: str, ref: TypeRef) -> bool:
    """A link text that is the plural of the type's name (``[identityProviders]``)."""
    written, name = _fold(text), _fold(ref.name)
    return written != name and written in (name + "s", name + "es")


def _is_header(text: str, name: str) -> bool:
    pos = text.find(name)
    return pos >= 0 and text[pos + len(name) :].lstrip("` ").casefold().startswith("header")


def _named_headers(prose: Prose) -> Iterable[str]:
    """Headers a paragraph names as the response's: `` `Operation-Location` header`` in a
    sentence about what the call returns or its response (not "do not require an
    `Authorization` header")."""
    for sentence in re.split(r"(?<=[.!?])\s+", prose.text):
        if not _RETURNED.search(sentence):
            continue
        for name in prose.names:
            if _HEADER_NAME.fullmatch(name) and _is_header(sentence, name):
                yield name


def _own(ex: Example, page: str) -> bool:
    """An example of the page itself (not one a conceptual page adds)."""
    block = ex.request or ex.response
    return block is not None and block.span.file == page


def _fitting(ex: Example, variants: Sequence[PathVariant]) -> frozenset[int]:
    """The paths (indexes) an example request fits, as lint DC301 matches them."""
    req = ex.request
    if req is None or req.foreign:
        return frozenset()
    forms = example_forms(req.url)
    return frozenset(
        i
        for i, v in enumerate(variants)
        if any(example_matches(p, d) for d in _declared_forms(v.template) for p in forms)
    )


_NOWHERE = Span("", 0, 0)  # parse_path wants a span; only the segments are used here


@lru_cache(maxsize=8192)
def _declared_forms(template: str) -> tuple[PathVariant, ...]:
    """:func:`declared_forms` of a path, by its template (what the forms depend on)."""
    return declared_forms(parse_path(template, _NOWHERE))


@lru_cache(maxsize=8192)
def _canonical(template: str) -> tuple[Segment, ...]:
    """The segments of a path with Graph's aliases written one way (``/me`` is
    ``/users/{id}``), as DC301 matches paths."""
    return parse_path(example_forms(template)[0], _NOWHERE).segments


def _shown(ex: Example, page: str, types: _Types) -> _Shown | None:
    resp = ex.response
    if resp is None or not _own(ex, page):
        return None
    if resp.status is not None and not 200 <= resp.status < 400:
        return None  # an error example
    media = next(
        (
            h.value.split(";")[0].strip().casefold()
            for h in resp.headers
            if h.name.casefold() == "content-type"
        ),
        None,
    )
    headers = tuple(h.name for h in resp.headers if h.name.casefold() not in _BODY_HEADERS)
    body = resp.body if resp.body is not None and resp.body.text.strip() else None
    collection, written, primitive = _shape(body) if body is not None else (None, None, False)
    said = _annotated(resp, page, types)
    if said is None and written is not None:
        ref = types.named(written, page)
        if ref is not None:
            line = resp.body.line if resp.body is not None else resp.line_span().line
            said = _Said(ref, ref.is_collection or None, BODY, Span(page, line, line))
    if said is not None and said.collection and collection is None:
        collection = True
    return _Shown(
        resp.status,
        collection,
        said,
        media,
        body is not None,
        headers,
        resp.line_span(),
        primitive,
    )


def _annotated(resp: ExampleResponse, page: str, types: _Types) -> _Said | None:
    ann = resp.annotation
    if ann is None or not ann.odata_type:
        return None
    ref = types.named(ann.odata_type, page)
    if ref is None:
        return None
    many = ref.is_collection or ann.is_collection
    span = ann.key_span("@odata.type" if "@odata.type" in ann.data else "@type")
    return _Said(replace(ref, is_collection=many), True if many else None, ANNOTATION, span)


def _shape(body: Body) -> tuple[bool | None, str | None, bool]:
    """(a collection, one value or unknown; the type the body names; one primitive)."""
    value: Any = body.json
    if value is None:
        text = body.text.lstrip()
        if _VALUE_ARRAY.match(text):
            return True, None, False
        if text.startswith("["):
            return True, None, False
        return (False if text.startswith("{") else None), None, False
    if isinstance(value, list):
        return True, _item_type(value), False
    if not isinstance(value, dict):
        return None, None, False
    context = value.get("@odata.context", value.get("odata.context"))
    context = context if isinstance(context, str) else ""
    fragment = context.rpartition("#")[2]
    # OData's annotations (``@odata.context``, ``value@odata.nextLink``; ``odata.context``
    # as OData 3 wrote it) are no members.
    members = [k for k in value if "@" not in str(k) and not str(k).startswith("odata.")]
    if members == ["value"]:
        inner = value["value"]
        if isinstance(inner, list):
            wrapped = fragment.startswith("Collection(")
            named = fragment[len("Collection(") : -1] if wrapped else None
            return True, _item_type(inner) or named, False
        if not isinstance(inner, dict):
            edm = fragment if fragment.startswith("Edm.") else _json_primitive(inner)
            return False, edm, True
    if fragment.startswith("Collection("):
        return True, fragment[len("Collection(") : -1], False
    written = value.get("@odata.type")
    return False, written if isinstance(written, str) else None, False


def _item_type(items: list[Any]) -> str | None:
    first = items[0] if items else None
    if isinstance(first, dict):
        written = first.get("@odata.type")
        return written if isinstance(written, str) else None
    return _json_primitive(first) if first is not None else None


def _json_primitive(value: Any) -> str | None:
    if isinstance(value, bool):
        return "Edm.Boolean"
    if isinstance(value, int):
        return "Edm.Int32" if -(2**31) <= value < 2**31 else "Edm.Int64"
    if isinstance(value, float):
        return "Edm.Double"
    if isinstance(value, str):
        return "Edm.String"
    return None


# --- the path -----------------------------------------------------------------------------


def _last(v: PathVariant) -> Segment | None:
    return v.segments[-1] if v.segments else None


def is_delta(v: PathVariant) -> bool:
    last = _last(v)
    return (
        last is not None
        and last.kind in (SegmentKind.LITERAL, SegmentKind.FUNCTION)
        and last.name.rpartition(".")[2].casefold() == "delta"
    )


def _is_key(s: Segment) -> bool:
    """A key: ``{id}``, or ``(id)`` / ``('AAMk…')`` written as a function segment."""
    if s.kind == SegmentKind.PARAM:
        return True
    return s.kind == SegmentKind.FUNCTION and (
        not s.name or (len(s.args) == 1 and not s.args[0].name)
    )


def _tail(v: PathVariant) -> tuple[str, ...]:
    """What a path ends on, whatever leads there: its last segment (a key with the
    segment before it)."""
    segments = v.segments
    if not segments:
        return ()
    last = segments[-1]
    if _is_key(last):
        before = segments[-2].name.casefold() if len(segments) > 1 else ""
        return (before, "{}")
    return (last.name.casefold(),)


def _addressed(v: PathVariant, types: _Types) -> tuple[TypeRef | None, bool | None]:
    """(the type the path addresses as the doc set's types describe it, one or many):
    its segments walked through the types' properties (``/me`` as ``/users/{id}``, a
    drive's ``root`` as an item, as DC301 matches paths), starting from a type the
    first segment is named after; where a segment is no property of the type reached,
    the type every property of that name in the doc set has.  (None, None): the walk
    ends nowhere the doc set describes (a function, an action, an unknown name)."""
    segments = _canonical(v.template)
    current: TypeRef | None = None
    many: bool | None = None
    for k, s in enumerate(segments):
        if _is_key(s):
            many = False if current is not None else None
            continue
        if s.kind != SegmentKind.LITERAL or s.text.startswith("$"):
            return None, None
        if _CAST.fullmatch(s.text):
            cast = types.named(s.text, v.span.file)
            current = cast if cast is not None and cast.kind == TypeKind.COMPLEX else None
            continue
        found = None
        if current is not None and current.kind == TypeKind.COMPLEX:
            found = types.property(current.name, s.name)
        found = found or types.relation(s.name)
        if found is None and k == 0:
            current, many = types.called(s.name), None  # /devices, /organization
            continue
        current = found
        many = found.is_collection if found is not None else None
    return current, many


def _content(v: PathVariant, method: str) -> bool:
    last = _last(v)
    return (
        method == "GET"
        and last is not None
        and last.kind == SegmentKind.LITERAL
        and last.text.casefold() in _CONTENT_SEGMENTS
    )


def _label(v: PathVariant, types: _Types) -> _Said | None:
    """The one type the path's label names before ``instance(s)``, ``object(s)`` or
    ``collection``: ``Get a message instance``, ``Get event instances``."""
    found: dict[str, _Said] = {}
    for m in _LABEL.finditer(v.label):
        ref = types.named(m.group(1), v.span.file, exact=False)
        if ref is None or ref.kind != TypeKind.COMPLEX or _fold(m.group(1)) != _fold(ref.name):
            continue
        many = m.group(2).casefold() in ("instances", "objects", "collection")
        found.setdefault(ref.name, _Said(replace(ref, is_collection=many), many, LABEL, v.span))
    return next(iter(found.values())) if len(found) == 1 else None


# --- the decision -------------------------------------------------------------------------


def _decide(op: Operation, i: int, v: PathVariant, ev: _Evidence, types: _Types) -> Result:
    own = [s for s, fits in ev.shown if i in fits]
    if not own:
        tail = _tail(v)
        near = {k for k, w in enumerate(op.paths) if _tail(w) == tail}
        own = [s for s, fits in ev.shown if fits & near]
    others = [s for s, _ in ev.shown]
    status = _status(ev.statuses, own or others)
    headers = _headers(ev.headers, own or others)
    special = _without_model(op, v, status, headers, ev, own)
    if special is not None:
        return special
    if ev.empty is not None and not any(s.has_body for s in own):
        return Result(status, headers=headers, source=PROSE, span=ev.empty)
    said, collection, doubts = _type_of(op, v, ev, own, others, types)
    delta = op.method == "GET" and is_delta(v)
    ref = None
    if said is not None and said.type is not None:
        ref = replace(said.type, is_collection=collection or delta)
    media = next((s.media for s in own if s.media and s.has_body), None)
    if ref is not None and ref.name == "Edm.Stream":  # "a Stream in the response body"
        ref, media = None, media if media and not _is_json(media) else BINARY
    # No type named and no body shown: the call answers no content (a GET answers
    # something all the same).
    if media is None and (ref is not None or any(s.has_body for s in own) or op.method == "GET"):
        media = JSON
    source = said.source if said is not None else DELTA if delta else ""
    span = said.span if said is not None else None
    return Result(status, ref, collection or delta, media, headers, delta, source, span, doubts)


def _without_model(
    op: Operation,
    v: PathVariant,
    status: int | None,
    headers: tuple[str, ...],
    ev: _Evidence,
    own: Sequence[_Shown],
) -> Result | None:
    """A result no type describes: no content (204), raw content (``$value``,
    ``content``), a count (``$count``); None for any other."""
    if status in NO_CONTENT:
        return Result(status, headers=headers, source=PROSE if ev.statuses else BODY)
    if _content(v, op.method):
        media = next((s.media for s in own if s.media and not _is_json(s.media)), BINARY)
        return Result(status, media_type=media, headers=headers, source=PATH, span=v.span)
    last = _last(v)
    if op.method == "GET" and last is not None and last.text.casefold() == "$count":
        ref = TypeRef("Edm.Int32", TypeKind.PRIMITIVE, False, "$count")
        return Result(status, ref, False, TEXT, headers, source=PATH, span=v.span)
    return None


def _is_json(media: str) -> bool:
    return media == JSON or media.endswith("+json")


def _status(promised: Sequence[int], shown: Sequence[_Shown]) -> int | None:
    """The success status: one the Response section promises and an example shows,
    else the first it promises, else the first an example shows."""
    statuses = [s.status for s in shown if s.status is not None]
    return next(
        (s for s in statuses if s in promised),
        promised[0] if promised else (statuses[0] if statuses else None),
    )


def _headers(named: Sequence[str], shown: Sequence[_Shown]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for name in (*named, *(h for s in shown for h in s.headers)):
        found.setdefault(name.casefold(), name)
    return tuple(sorted(found.values(), key=str.casefold))


def _type_of(
    op: Operation,
    v: PathVariant,
    ev: _Evidence,
    own: Sequence[_Shown],
    others: Sequence[_Shown],
    types: _Types,
) -> tuple[_Said | None, bool, tuple[Diagnostic, ...]]:
    """(what decided the type, a collection or not, evidence that disagrees)."""
    label = _label(v, types)
    if label is not None and label.type is not None:
        # the page's own type, when it is the label's or derives from it, says more
        named = label.type.name
        prose = next((s for s in ev.prose if s.type and named in types.lineage(s.type.name)), None)
        if prose is not None and prose.type is not None:
            label = replace(label, type=replace(prose.type, is_collection=bool(label.collection)))
        return label, bool(label.collection), ()
    narrowed = _property_of(op, v, ev, types)
    if narrowed is not None:
        return narrowed, bool(narrowed.collection), ()
    addressed, addressed_many = _addressed(v, types) if op.method == "GET" else (None, None)
    # A page whose paths end on different things (an extension page: events, messages,
    # devices...) states one type for all of them; a path that addresses an unrelated
    # type of the doc set does not answer with it.
    several = len({_tail(w) for w in op.paths}) > 1

    def fits(said: _Said) -> bool:
        t = said.type
        return (
            not several
            or addressed is None
            or t is None
            or t.kind != TypeKind.COMPLEX
            or addressed.kind != TypeKind.COMPLEX
            or types.related(t.name, addressed.name)
        )

    mine = [s.said for s in own if s.said is not None]
    theirs = [s.said for s in others if s.said is not None and s.said not in mine]
    candidates = [*(s for s in ev.prose if fits(s)), *mine, *(s for s in theirs if fits(s))]
    said = candidates[0] if candidates else None
    chosen_by_path = None
    if said is not None and addressed is not None and not _related(said, addressed, types):
        # The Response section and this path's example name unrelated types: the one
        # the path addresses decides.
        kept = next((s for s in mine if _related(s, addressed, types)), said)
        chosen_by_path = (said, kept) if kept is not said and not several else None
        said = kept
    if said is None and addressed is not None and (several or _cast(v)):
        said = _Said(addressed, addressed_many, PATH, v.span)
    if said is None and ev.unknown:
        said = ev.unknown[0]
    collection = _many_or_one(said, v, ev, own, addressed_many)
    return said, collection, _doubts(said, collection, v, ev, own, chosen_by_path)


def _related(said: _Said, addressed: TypeRef, types: _Types) -> bool:
    t = said.type
    return t is not None and t.kind == TypeKind.COMPLEX and types.related(t.name, addressed.name)


def _cast(v: PathVariant) -> bool:
    last = _last(v)
    return (
        last is not None and last.kind == SegmentKind.LITERAL and bool(_CAST.fullmatch(last.text))
    )


def _many_or_one(
    said: _Said | None,
    v: PathVariant,
    ev: _Evidence,
    own: Sequence[_Shown],
    addressed_many: bool | None,
) -> bool:
    """One or many, by the weight of the evidence on this path: the example bodies sent
    to it (2), a key at the end of the path (2: it addresses one), the Response
    section's wording for the type (1), an annotation's ``Collection(...)`` or
    ``isCollection`` (1); a tie goes to what the doc set's types say the path's last
    segment holds, then to the other paths' examples."""
    if said is not None and said.source == PATH and addressed_many is not None:
        return addressed_many
    score = _vote(s.collection for s in own)
    score += -2 if v.segments and _is_key(v.segments[-1]) else 0
    prose = [p for p in ev.prose if said is not None and p.type == said.type]
    if said is None or said.source == PROSE:
        prose = prose or [p for p in ev.prose if p.collection is not None]
    if prose and prose[0].collection is not None:
        score += 1 if prose[0].collection else -1
    if said is not None and said.source in (ANNOTATION, BODY) and said.collection:
        score += 1
    if score:
        return score > 0
    if addressed_many is not None:
        return addressed_many
    return _vote(s.collection for s, _ in ev.shown) > 0


def _vote(shapes: Iterable[bool | None]) -> int:
    """2 for many, -2 for one, by the majority of the shapes shown (0 for none)."""
    many = one = 0
    for shape in shapes:
        many += shape is True
        one += shape is False
    return 0 if many == one else 2 if many > one else -2


def _property_of(op: Operation, v: PathVariant, ev: _Evidence, types: _Types) -> _Said | None:
    """A GET of another path of the operation plus one property segment (or of one item
    of it: ``/me/insights/used/{id}/resource`` beside ``/me/insights/used``): that
    property of the type the operation's page states."""
    last = _last(v)
    if op.method != "GET" or last is None or last.kind != SegmentKind.LITERAL:
        return None
    if len(v.segments) < 2:
        return None
    shapes = {w.shape.casefold() for w in op.paths}
    parent = v.shape[: v.shape.rfind("/")].casefold()
    item = parent.endswith("/{}") and parent[: -len("/{}")] in shapes
    if parent not in shapes and not item:
        return None
    stated = next(
        (
            s
            for s in (*ev.prose, *(x.said for x, _ in ev.shown if x.said is not None))
            if s.type is not None
        ),
        None,
    )
    if stated is None or stated.type is None or stated.type.kind != TypeKind.COMPLEX:
        return None
    if stated.collection and not item:
        return None
    ref = types.property(stated.type.name, last.name)
    if ref is None or ref.kind not in (TypeKind.COMPLEX, TypeKind.ENUM, TypeKind.PRIMITIVE):
        return None
    return _Said(ref, ref.is_collection, f"{PROPERTY} {last.name}", stated.span)


def _doubts(
    said: _Said | None,
    collection: bool,
    v: PathVariant,
    ev: _Evidence,
    own: Sequence[_Shown],
    chosen_by_path: tuple[_Said, _Said] | None,
) -> tuple[Diagnostic, ...]:
    """Evidence on this path that disagrees with the decision: the Response section's
    wording (a collection, one object) against the example body's shape; a type the
    path does not address against one it does (``chosen_by_path``: the evidence that
    lost and the one that was kept).  (A type unrelated to another in the doc set may
    still derive from it: the docs do not always state a base, so a mere difference of
    types is not reported.)"""
    found: list[Diagnostic] = []
    if said is None or said.type is None:
        return ()
    name = said.type.raw or said.type.name.rpartition(".")[2]
    same = (p for p in ev.prose if p.type is not None and p.type.name == said.type.name)
    prose = next(same, None)
    shown = next((s for s in own if s.collection is not None and not s.primitive), None)
    if (
        prose is not None
        and shown is not None
        and prose.collection is not None
        and prose.collection != shown.collection
    ):
        says = f"a collection of {name}" if prose.collection else f"one {name}"
        body = "a collection" if shown.collection else "one object"
        keyed = " and the path's key" if v.segments and _is_key(v.segments[-1]) else ""
        if shown.collection == collection:
            message = (
                f"the Response section says {says}, but the example response (line "
                f"{shown.span.line}) is {body}; the model follows the example{keyed}"
            )
            found.append(_doubt(prose.span, message))
        else:
            message = (
                f"the example response is {body}, but the Response section (line "
                f"{prose.span.line}) says {says}; the model follows the Response "
                f"section{keyed}"
            )
            found.append(_doubt(shown.span, message))
    if chosen_by_path is not None:
        lost, kept_said = chosen_by_path
        assert lost.type is not None and kept_said.type is not None
        found.append(
            _doubt(
                lost.span,
                f"the {lost.source} names {lost.type.name}, but the {kept_said.source} "
                f"(line {kept_said.span.line}) names {kept_said.type.name}, which is "
                f"unrelated; the model follows the {kept_said.source}, the type the path "
                f"addresses",
            )
        )
    return tuple(dict.fromkeys(found))


def _doubt(span: Span, message: str) -> Diagnostic:
    return Diagnostic(CODE, Severity.WARNING, span, message)
