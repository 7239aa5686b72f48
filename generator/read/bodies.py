"""What each call takes, decided once every page is read: one :class:`RequestBody` per
path variant (``PathVariant.body``), from all the evidence the docs give, with the
evidence that decided and where it stands.

The evidence:

- the path: a ``$ref`` path takes a reference (``{"@odata.id": ...}``); a ``content`` or
  ``$value`` path raw content, ``application/octet-stream`` (any file: an example's media
  type is its sample's), unless the docs describe JSON for it; a method without a body
  (GET, DELETE) none, and a function's parameters are those its path writes
  (``getSchedule(period='{period}')``), typed by the page's parameter table;
- what the path addresses in the doc set (:class:`PathTypes`): each segment a property of
  the type before it (the resource pages' properties and relationships), a key, a cast or
  a colon path; where the properties do not lead on, the type the doc set's GETs of that
  path return.  A POST to a collection creates one of its items, a PATCH or PUT of an
  entity writes it, a POST whose last segment is no property of what the path before it
  addresses calls an action.  Paths of one operation that end alike do the same;
- the Request body section: the types its prose links (a link resolves to the page it
  leads to) or names ("a JSON representation for the X object", "an array of X": an
  array), leaving out sentences about headers (a ``Location`` header's type is no body);
  a sentence saying there is no body, or that the body may be left out; its table;
- the example requests: their media type, their body's (or annotation's)
  ``@odata.type``, array or object, their keys; whether they send a body at all.

The rules:

1. A create or an update takes one object of the type its path addresses, or of a type
   the section or an example names that is the same, a base or a derived type (the
   most specific: a derived type, the example's ``@odata.type`` first).  A named type
   carried by a property of the addressed type, a few properties deep, is not the body
   (an extended property, an open extension, the app of an installation: the body is
   still the message, the event, the installation).  A sentence naming three types or
   more lists examples.  Any other named type is reported (DC312), and is the body only
   when the table describes it better than the addressed type.
2. An action takes an object of its parameters: the rows of the parameter table, plus the
   keys of the example body the table leaves out (typed by their values) and the names
   the page's intro or the section calls parameters ("the `x` parameter", not its path's
   or query's; reported, DC312, when a table leaves them out).  Examples that send other
   media (MIME content) beside them are the body's ``alternatives``.  When the example
   wraps the rows in one key of its own (``{"passwordCredential": {...}}`` under a table
   of a passwordCredential's properties), that key is the one parameter, of the type the
   section names.  "An array of X" with no table is that array.  An action a page
   lists beside other calls (an extended-property page lists ``.../reply`` beside the
   creates it is about) takes the parameters the action's own page documents.
3. A body whose path the doc set cannot follow is the type the section names when the
   table (if any) describes it, else the object of the table's rows.
4. "Do not supply a request body" is no body unless an example sends one (an empty
   object sends nothing); then the body is optional, and reported (DC312) unless the
   section says it may be sent ("However, ...").  Examples whose media type is not JSON,
   with no table or type named, send raw content of that media type.  A call the docs
   describe nothing of and whose examples send nothing takes no body.
5. An example that sends an array where one object is decided, or the other way round,
   is reported (DC312).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from generator.model import (
    BodyKind,
    Diagnostic,
    ExampleRequest,
    Operation,
    Parameter,
    PathVariant,
    Prose,
    RequestBody,
    Segment,
    SegmentKind,
    Severity,
    Span,
    TypeDef,
    TypeKind,
    TypeRef,
)
from generator.paths import parse_path

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"
OCTET_STREAM = "application/octet-stream"
CODE = "DC312"  # lint: request-body-evidence-disagrees

_NOWHERE = Span("", 0, 0)
_CONTENT_SEGMENTS = frozenset({"content", "$value"})
_NO_BODY = re.compile(
    r"\b(?:do not|don't|does not|doesn't|do not need to|no need to)\s+"
    r"(?:supply|provide|include|specify|send|require|need)\b[^.]*\bbody\b"
    r"|\bno request (?:body|content)\b"
    r"|\bhas no (?:request )?(?:body|content)\b"
    r"|\brequest body is not (?:required|necessary|needed)\b"
    r"|\bspecifying a request body is not (?:required|necessary|needed)\b"
    r"|\bnot (?:require|need) (?:a|any) request body\b",
    re.IGNORECASE,
)
# The body may be left out: said of the body itself, or after a sentence saying there is
# none ("No request body is required. However, you can specify ...").
_OPTIONAL = re.compile(
    r"\b(?:an optional|optionally|may (?:also )?(?:include|provide|supply|specify)"
    r"|body is optional|omitting the (?:request )?body)\b",
    re.IGNORECASE,
)
# A sentence that describes a body, though no type or table it names is known.
_DESCRIBES = re.compile(
    r"\b(?:supply|provide|include|specify|send|representation|parameters?|propert(?:y|ies))\b",
    re.IGNORECASE,
)
_BUT = re.compile(
    r"\bhowever\b|\byou can (?:also )?(?:specify|supply|provide|include)\b", re.IGNORECASE
)
_NAME = r"([A-Za-z_][\w.]*)"
_ARRAY_OF = re.compile(
    r"\b(?:an? )?(?:JSON )?(?:array|collection|list) of (?:(?:one or more|the|JSON|new)\s+)*"
    + _NAME,
    re.IGNORECASE,
)
_REPRESENTATION = re.compile(
    r"\brepresentations? (?:of|for) (?:(?:the|a|an|new|each|one)\s+)*" + _NAME, re.IGNORECASE
)
_OBJECT_NOUN = re.compile(_NAME + r"\s+(?:object|objects|resource|entity)\b", re.IGNORECASE)
_ARRAY_WORDS = re.compile(r"\b(?:array|collection|list) of\b[^.]*$", re.IGNORECASE)
_COLLECTION_AFTER = re.compile(r"^\s*(?:collection|objects)\b", re.IGNORECASE)
_HEADER_SENTENCE = re.compile(r"\bheaders?\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Words the prose uses for the format, not a type ("a JSON object"), though a doc set may
# define a type of that name (the Excel APIs' Json): only a link names it.
_NOT_NAMES = frozenset({"json", "the", "a", "an"})


# --- the doc set's types ---------------------------------------------------------------------


class DocTypes:
    """The doc set's complex types: by name, their properties (own and inherited) and
    their family (bases and derived types), as the docs state them."""

    def __init__(self, types: Iterable[TypeDef]) -> None:
        self.by_full: dict[str, TypeDef] = {}
        self.by_short: dict[str, TypeDef] = {}
        for t in types:
            if t.kind is TypeKind.COMPLEX and t.name:
                self.by_full.setdefault(t.full_name, t)
                self.by_short.setdefault(t.name.casefold(), t)
        self._folded = {k.casefold(): v for k, v in reversed(list(self.by_full.items()))}
        self._children: dict[str, list[str]] = {}
        for t in self.by_full.values():
            base = self.find(t.base)
            if base is not None and base.full_name != t.full_name:
                self._children.setdefault(base.full_name, []).append(t.full_name)
        self._properties: dict[str, dict[str, TypeRef]] = {}
        self._by_file: dict[str, list[TypeDef]] = {}
        for t in self.by_full.values():
            self._by_file.setdefault(t.source.file.casefold(), []).append(t)

    def linked(self, text: str, target: str, page: str) -> TypeDef | None:
        """The type a link names: one defined on the page it leads to (the one of its
        text's name there, else the first), else the type its text names."""
        path = target.split("#", 1)[0].replace("\\", "/")
        if path and "://" not in path and not path.startswith("/"):
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            there = self._by_file.get(rel.casefold(), [])
            short = text.strip("`* ").rpartition(".")[2].casefold()
            named = [t for t in there if t.name.casefold() == short]
            if named or there:
                return (named or there)[0]
        return self.find(text.strip("`* "))

    def find(self, name: str | None) -> TypeDef | None:
        """The type a name means: a full name (any case, ``#`` and ``Collection()``
        left off), else a short name."""
        if not name:
            return None
        text = name.strip().lstrip("#")
        if text.startswith("Collection(") and text.endswith(")"):
            text = text[len("Collection(") : -1]
        found = self.by_full.get(text) or self._folded.get(text.casefold())
        if found is None and text and "." not in text.rstrip("."):
            found = self.by_short.get(text.casefold())
        return found

    def lineage(self, full: str) -> list[str]:
        """The type and its bases, nearest first."""
        out: list[str] = []
        current = self.by_full.get(full)
        while current is not None and current.full_name not in out:
            out.append(current.full_name)
            current = self.find(current.base)
        return out

    def descendants(self, full: str) -> set[str]:
        found: set[str] = set()
        stack = list(self._children.get(full, ()))
        while stack:
            name = stack.pop()
            if name not in found:
                found.add(name)
                stack.extend(self._children.get(name, ()))
        return found

    def related(self, a: str, b: str) -> bool:
        """The same type, or one derives from the other."""
        return a == b or a in self.lineage(b) or b in self.lineage(a)

    def properties(self, full: str) -> dict[str, TypeRef]:
        """Folded property name -> its type, own and inherited."""
        cached = self._properties.get(full)
        if cached is None:
            cached = {}
            for name in self.lineage(full):
                for p in self.by_full[name].properties:
                    cached.setdefault(p.name.casefold(), p.type)
            self._properties[full] = cached
        return cached

    def family_properties(self, full: str) -> set[str]:
        """Folded names of the properties of the type, its bases and its derived types."""
        names = set(self.properties(full))
        for d in self.descendants(full):
            names.update(p.name.casefold() for p in self.by_full[d].properties)
        return names

    def carries(self, owner: str, carried: str, depth: int = 3) -> str | None:
        """The path (``posts.extensions``) of a property of ``owner`` or of a type derived
        from it, up to ``depth`` properties deep, whose type is ``carried`` or related to
        it, if there is one: an extended property or an extension is carried that way."""
        frontier: list[tuple[str, str]] = [(owner, "")]
        seen = {owner}
        for _ in range(depth):
            following: list[tuple[str, str]] = []
            for full, path in frontier:
                for family in (full, *sorted(self.descendants(full))):
                    for name, ref in self.properties(family).items():
                        found = self.find(ref.name) if ref.kind is TypeKind.COMPLEX else None
                        if found is None:
                            continue
                        where = f"{path}.{name}" if path else name
                        if self.related(found.full_name, carried):
                            return where
                        if found.full_name not in seen:
                            seen.add(found.full_name)
                            following.append((found.full_name, where))
            frontier = following
        return None


# --- what paths address ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """What a path addresses in the doc set: a type, one or a collection."""

    type: str  # full name
    collection: bool


def segment_key(segment: Segment) -> str:
    if segment.kind is SegmentKind.PARAM:
        return "{}"
    if segment.kind is SegmentKind.FUNCTION:
        return f"{segment.name.casefold()}()"
    if segment.kind is SegmentKind.COLON_PATH:
        return ":"
    return segment.text.casefold()


class PathTypes:
    """What each path addresses, from the docs alone: the types the doc set's GETs return
    (by path shape; the most common answer wins) and the resource pages' properties."""

    def __init__(self, operations: Iterable[Operation], types: DocTypes) -> None:
        self.types = types
        votes: dict[tuple[str, ...], Counter[Target]] = {}
        for op in operations:
            if op.method != "GET":
                continue
            stated = self._stated(op)
            if stated is None:
                continue
            for variant in op.paths:
                key = tuple(segment_key(s) for s in variant.segments)
                votes.setdefault(key, Counter())[stated] += 1
        self._votes = {key: c.most_common(1)[0][0] for key, c in votes.items()}

    def _stated(self, op: Operation) -> Target | None:
        for spec in op.responses:
            ref = spec.type
            found = self.types.find(ref.name) if ref is not None else None
            if ref is not None and found is not None and ref.kind is TypeKind.COMPLEX:
                return Target(found.full_name, ref.is_collection)
        for ex in op.examples:
            ann = ex.response.annotation if ex.response is not None else None
            if ann is None or not ann.odata_type:
                continue
            found = self.types.find(ann.odata_type)
            if found is not None:
                text = ann.odata_type.strip().lstrip("#")
                return Target(found.full_name, text.startswith("Collection(") or ann.is_collection)
        return None

    def walk(self, segments: Sequence[Segment]) -> list[Target | None]:
        """What each prefix of ``segments`` addresses (None from where the doc set cannot
        follow it on)."""
        out: list[Target | None] = []
        current: Target | None = None
        keys: list[str] = []
        for n, segment in enumerate(segments):
            keys.append(segment_key(segment))
            following = self._step(current, segment) if current is not None else None
            if following is None:
                following = self._votes.get(tuple(keys))
            if (
                following is None
                and current is not None
                and current.collection
                and segment.kind is SegmentKind.LITERAL
                and n + 1 < len(segments)
            ):
                # a name where a key belongs, with more path after it: a well-known
                # item (``mailFolders/inbox/...``)
                following = Target(current.type, False)
            current = following
            out.append(current)
        return out

    def _step(self, current: Target, segment: Segment) -> Target | None:
        if segment.kind is SegmentKind.PARAM:
            return Target(current.type, False) if current.collection else None
        if segment.kind is SegmentKind.COLON_PATH:
            # ``root:/{path}:`` steps into ``root``; ``{id}:/{name}:`` is an item by path
            head = segment.text.split(":", 1)[0]
            if head and "{" not in head and "<" not in head:
                ref = self.types.properties(current.type).get(head.casefold())
                found = self.types.find(ref.name) if ref is not None else None
                return Target(found.full_name, False) if found is not None else None
            return Target(current.type, False)
        if segment.kind is not SegmentKind.LITERAL or segment.text.startswith("$"):
            return None
        if "." in segment.text:
            cast = self.types.find(segment.text)
            if cast is not None:
                return Target(cast.full_name, current.collection)
        if current.collection:
            return None
        ref = self.types.properties(current.type).get(segment.text.casefold())
        found = self.types.find(ref.name) if ref is not None else None
        if ref is None or found is None or ref.kind is not TypeKind.COMPLEX:
            return None
        return Target(found.full_name, ref.is_collection)


# --- the evidence of one operation -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    """A type the docs name for a body, and where."""

    type: str  # full name
    array: bool
    source: str
    span: Span
    paragraph: int = -1  # which paragraph of the section names it (-1: an example)


@dataclass(frozen=True, slots=True)
class Sent:
    """An example request's body."""

    value: object  # its JSON value (None: not JSON)
    media: str
    span: Span  # the request line
    annotated: str | None = None  # the ``@odata.type`` its annotation names


@dataclass(frozen=True, slots=True)
class Evidence:
    named: tuple[Named, ...]  # from the Request body section, in page order
    none: Prose | None  # a sentence saying there is no body
    optional: bool  # the section says the body may be left out
    rows: tuple[Parameter, ...]
    header_media: str | None  # the request header table's Content-Type
    prose: tuple[Prose, ...] = ()
    said: tuple[Parameter, ...] = ()  # what the page's prose calls "the `x` parameter"


def evidence(op: Operation, types: DocTypes) -> Evidence:
    named: list[Named] = []
    none: Prose | None = None
    optional = False
    for k, prose in enumerate(op.request.body_paragraphs):
        if none is None and _NO_BODY.search(prose.text):
            none = prose
        optional = optional or bool(_OPTIONAL.search(prose.text))
        optional = optional or (none is not None and bool(_BUT.search(prose.text)))
        named.extend(replace(n, paragraph=k) for n in _named_in(prose, types))
    media = None
    for p in op.request.headers:
        if p.name.strip().casefold() == "content-type":
            media = _media(p.description)
    paragraphs = op.request.body_paragraphs
    said = _prose_parameters(op, (*op.intro_paragraphs, *paragraphs))
    return Evidence(tuple(named), none, optional, op.request.body_params, media, paragraphs, said)


def _named_in(prose: Prose, types: DocTypes) -> Iterator[Named]:
    """The types a paragraph names, in order: links first, then names in its text; none
    from a sentence about headers (a type a ``Location`` header points at)."""
    seen: set[str] = set()
    body_sentences = [s for s in _SENTENCE.split(prose.text) if not _HEADER_SENTENCE.search(s)]
    text = " ".join(body_sentences)
    for link in prose.links:
        target = link.target.split("#", 1)[0]
        if not target or target.startswith(("http", "/")) or link.text not in text:
            continue
        found = types.linked(link.text, link.target, link.span.file)
        if found is None:
            continue
        before, _, after = text.partition(link.text)
        array = bool(_ARRAY_WORDS.search(before[-60:])) or bool(_COLLECTION_AFTER.match(after))
        if found.full_name not in seen:
            seen.add(found.full_name)
            yield Named(found.full_name, array, "Request body link", link.span)
    for pattern, array in ((_ARRAY_OF, True), (_REPRESENTATION, False), (_OBJECT_NOUN, False)):
        for m in pattern.finditer(text):
            if m.group(1).casefold() in _NOT_NAMES:
                continue
            found = types.find(m.group(1).rstrip("."))
            if found is None or found.full_name in seen:
                continue
            seen.add(found.full_name)
            yield Named(found.full_name, array, "Request body prose", prose.span)


def _media(text: str) -> str | None:
    value = text.strip().split(";")[0].split()[0].strip("`*.,") if text.strip() else ""
    return value.lower() if "/" in value else None


def _sent(op: Operation, variant: PathVariant) -> list[Sent]:
    """The bodies the examples send to ``variant``, else to any path of the operation."""
    mine: list[Sent] = []
    every: list[Sent] = []
    for ex in op.examples:
        request = ex.request
        if request is None or request.method != op.method or request.body is None:
            continue
        if request.foreign:
            continue
        if not request.body.text.strip():
            continue
        media = JSON
        for h in request.headers:
            if h.name.casefold() == "content-type":
                media = _media(h.value) or JSON
        value = request.body.json if _is_json(media) else None
        ann = request.annotation
        sent = Sent(value, media, request.line_span(), ann.odata_type if ann else None)
        every.append(sent)
        if _fits(variant, request.path):
            mine.append(sent)
    if mine:
        return mine
    # an example of another path speaks for this one when the paths call the same thing
    last = {segment_key(v.segments[-1]) for v in op.paths if v.segments}
    return every if len(last) == 1 else []


def _fits(variant: PathVariant, path: str) -> bool:
    segments = parse_path(path, _NOWHERE).segments
    if len(segments) != len(variant.segments):
        return False
    for ours, theirs in zip(variant.segments, segments, strict=True):
        if ours.kind is SegmentKind.LITERAL and segment_key(theirs) != segment_key(ours):
            return False
    return True


def _is_json(media: str) -> bool:
    return media == JSON or media.endswith("+json") or media == "text/json"


# --- the decision --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    types: DocTypes
    paths: PathTypes


def decide_bodies(
    operations: Sequence[Operation], types: Iterable[TypeDef]
) -> tuple[Operation, ...]:
    """``operations`` with every path variant's ``body`` decided."""
    doc_types = DocTypes(types)
    ctx = Context(doc_types, PathTypes(operations, doc_types))
    return _borrowed([_decided(op, ctx) for op in operations])


def _calls_one_thing(op: Operation) -> bool:
    """Every path of the operation ends alike: the page is about that one call."""
    return len({segment_key(v.segments[-1]) for v in op.paths if v.segments}) == 1


def _borrowed(operations: Sequence[Operation]) -> tuple[Operation, ...]:
    """An action a page lists beside other calls (an extended-property page lists
    ``.../reply`` beside the creates it is about) takes the parameters that the action's
    own page documents: an operation whose every path calls it."""
    own: dict[tuple[str, tuple[str, ...]], tuple[Operation, RequestBody]] = {}
    for op in operations:
        if not _calls_one_thing(op):
            continue
        for v in op.paths:
            if v.body is not None and v.body.parameters and v.body.type is None:
                own.setdefault((op.method, _key(v)), (op, v.body))
    out: list[Operation] = []
    for op in operations:
        if _calls_one_thing(op) or op.method not in BODY_METHODS:
            out.append(op)
            continue
        paths = []
        for v in op.paths:
            found = own.get((op.method, _key(v)))
            if found is not None and v.body is not None and v.body.type is None:
                speaker, body = found
                source = f"{body.source} (on {speaker.source.file}, the call's own page)"
                v = replace(v, body=replace(body, source=source))
            paths.append(v)
        out.append(replace(op, paths=tuple(paths)))
    return tuple(out)


def _key(variant: PathVariant) -> tuple[str, ...]:
    return tuple(segment_key(s) for s in variant.segments)


@dataclass(frozen=True, slots=True)
class Role:
    """What a call of a path does, as far as the doc set can tell: ``entity`` (creates the
    ``target`` type in a collection, or writes the entity the path addresses) or
    ``action`` (its last segment is no property of what the path before it addresses)."""

    kind: str
    target: Target | None = None


def role(method: str, variant: PathVariant, paths: PathTypes) -> Role | None:
    walked = paths.walk(variant.segments)
    target = walked[-1] if walked else None
    parent = walked[-2] if len(walked) > 1 else None
    last = variant.segments[-1] if variant.segments else None
    if target is not None and (method == "POST" or not target.collection):
        return Role("entity", target)
    if (
        method == "POST"
        and parent is not None
        and last is not None
        and last.kind is SegmentKind.LITERAL
        and not last.text.startswith("$")
    ):
        return Role("action")
    return None


def _decided(op: Operation, ctx: Context) -> Operation:
    ev = evidence(op, ctx.types)
    roles = [role(op.method, v, ctx.paths) for v in op.paths]
    # Paths of one operation that end alike call the same thing: one the doc set cannot
    # follow does what the others do.
    by_last: dict[str, Role] = {}
    for v, r in zip(op.paths, roles, strict=True):
        if r is not None and v.segments:
            by_last.setdefault(segment_key(v.segments[-1]), r)
    paths = []
    for v, r in zip(op.paths, roles, strict=True):
        if r is None and v.segments:
            r = by_last.get(segment_key(v.segments[-1]))
        paths.append(replace(v, body=decide(op, v, ev, ctx, r)))
    return replace(op, paths=tuple(paths))


def decide(
    op: Operation, variant: PathVariant, ev: Evidence, ctx: Context, does: Role | None
) -> RequestBody:
    if op.method not in BODY_METHODS:
        return RequestBody(
            BodyKind.NONE,
            parameters=_function_parameters(op, variant),
            source=f"{op.method} takes no body",
            span=variant.span,
        )
    last = variant.segments[-1] if variant.segments else None
    sent = _sent(op, variant)
    json_sent = [s for s in sent if s.value is not None]
    doubts: list[Diagnostic] = []
    if last is not None and last.kind is SegmentKind.LITERAL and last.text == "$ref":
        other = next((s for s in json_sent if _not_a_reference(s.value)), None)
        if other is None or not (ev.named or ev.rows):
            return RequestBody(
                BodyKind.REFERENCE, media_type=JSON, source="a $ref path", span=variant.span
            )
        # the section and the example agree on something else: the path is the odd one
        doubts.append(
            _doubt(
                variant.span,
                f'the path ends in $ref, which takes a reference ({{"@odata.id": ...}}), '
                f"but the Request body section and the example at line {other.span.line} "
                f"describe another body; read as the body they describe",
            )
        )
    content = _content(op, variant, ev, sent)
    if content is not None:
        return content
    sends = [s for s in sent if s.value != {}]  # an empty object sends nothing
    if ev.none is not None and not sends:
        return RequestBody(
            BodyKind.NONE,
            parameters=_function_parameters(op, variant),
            source="the Request body section says there is none",
            span=ev.none.span,
        )
    if ev.none is not None and not ev.optional:
        doubts.append(
            _doubt(
                ev.none.span,
                f"the Request body section says the call takes no body, but the example at "
                f"line {sends[0].span.line} sends one; read as an optional body",
            )
        )
    required = ev.none is None and not ev.optional
    if does is not None and does.target is not None:
        body = _entity(op, variant, does.target, ev, json_sent, ctx, doubts)
    elif does is not None and last is not None:
        body = _action(last.name, ev, json_sent, ctx)
    else:
        body = _unaddressed(ev, json_sent, ctx)
    doubts.extend(_shape_doubts(body, json_sent))
    if body.kind is BodyKind.UNKNOWN and not any(_DESCRIBES.search(p.text) for p in ev.prose):
        called = _called_without_body(op, variant)
        if called is not None:  # the docs describe nothing, and the examples send nothing
            body = RequestBody(
                BodyKind.NONE, source="the examples send no body", span=called.line_span()
            )
    others = tuple(dict.fromkeys(s.media for s in sent if not _is_json(s.media)))
    if body.media_type == JSON and others:
        body = replace(body, alternatives=others)
    return replace(body, required=required, doubts=(*body.doubts, *doubts))


def _called_without_body(op: Operation, variant: PathVariant) -> ExampleRequest | None:
    """An example request of the call that sends no body, when none sends one."""
    requests = [
        ex.request
        for ex in op.examples
        if ex.request is not None and ex.request.method == op.method and not ex.request.foreign
    ]
    if any(r.body is not None and r.body.text.strip() for r in requests):
        return None
    mine = [r for r in requests if _fits(variant, r.path)]
    found = mine or requests
    return found[0] if found else None


def _not_a_reference(value: object) -> bool:
    return not isinstance(value, dict) or "@odata.id" not in value


def _doubt(span: Span, message: str) -> Diagnostic:
    return Diagnostic(CODE, Severity.WARNING, span, message)


def _content(
    op: Operation, variant: PathVariant, ev: Evidence, sent: Sequence[Sent]
) -> RequestBody | None:
    """Raw content: what a ``content``/``$value`` path takes unless the docs send JSON
    to it, or what the examples send when none of it is JSON."""
    medias = [s.media for s in sent]
    other = [m for m in medias if not _is_json(m)]
    header = ev.header_media if ev.header_media and not _is_json(ev.header_media) else None
    last = variant.segments[-1] if variant.segments else None
    json_documented = not other and bool(ev.named or ev.rows or ev.said)
    if (
        last is not None
        and last.kind is SegmentKind.LITERAL
        and segment_key(last) in _CONTENT_SEGMENTS
        and not json_documented
        and not any(s.value is not None for s in sent)
    ):
        # any file: the media type an example shows is only its sample's
        return RequestBody(
            BodyKind.CONTENT, media_type=OCTET_STREAM, source="a content path", span=variant.span
        )
    if other and len(other) == len(medias) and not (ev.rows or ev.named or ev.said):
        where = next(s for s in sent if not _is_json(s.media))
        return RequestBody(
            BodyKind.CONTENT,
            media_type=other[0],
            source=f"the example sends {other[0]}",
            span=where.span,
        )
    if not sent and header is not None and not ev.named and not ev.rows:
        return RequestBody(
            BodyKind.CONTENT,
            media_type=header,
            source=f"the Content-Type request header is {header}",
            span=op.request.body_span or variant.span,
        )
    return None


def _example_types(json_sent: Sequence[Sent], ctx: Context) -> list[Named]:
    found: list[Named] = []
    for s in json_sent:
        value = s.value
        array = isinstance(value, list)
        first = value[0] if isinstance(value, list) and value else value
        name = first.get("@odata.type") if isinstance(first, dict) else None
        for said in (name, s.annotated):
            named = ctx.types.find(said) if isinstance(said, str) else None
            if named is not None:
                found.append(Named(named.full_name, array, "example request @odata.type", s.span))
                break
    return found


def _entity(
    op: Operation,
    variant: PathVariant,
    target: Target,
    ev: Evidence,
    json_sent: Sequence[Sent],
    ctx: Context,
    doubts: list[Diagnostic],
) -> RequestBody:
    """A create (POST to a collection) or an update: one object of the addressed type, or
    of a related type the docs name."""
    types = ctx.types
    item = target.type
    verb = "creates" if target.collection else "addresses"
    named = [*_example_types(json_sent, ctx), *ev.named]
    related = [n for n in named if types.related(n.type, item)]
    # the most specific: a type derived from the addressed one before the type itself
    chosen = next((n for n in related if n.type != item and item in types.lineage(n.type)), None)
    chosen = chosen or next((n for n in related if n.type == item), None)
    # a sentence that names several types lists alternatives or examples ("a message,
    # mailFolder, event, etc."): one that fits the path, or none, contradicts nothing
    listed = Counter(n.paragraph for n in named if n.paragraph >= 0)
    fits = {n.paragraph for n in named if n.paragraph >= 0 and types.related(n.type, item)}
    fits |= {k for k, count in listed.items() if count >= 3}
    chosen_type = chosen.type if chosen is not None else item
    for n in named:
        if types.related(n.type, item) or n.paragraph in fits:
            continue
        if types.carries(item, n.type) is not None:
            continue  # carried by a property: an extended property, an extension
        if chosen is None and _fit(types, n.type, ev.rows) > _fit(types, item, ev.rows):
            chosen_type, chosen = n.type, n  # the table describes it, not the path's type
        doubts.append(
            _doubt(
                n.span,
                f"the {n.source.lower()} names {n.type}, but the path {verb} a {item} (what "
                f"the doc set says it addresses), and the doc set derives neither from the "
                f"other; read as {chosen_type}",
            )
        )
    if chosen is not None:
        array = chosen.array and target.collection and types.related(chosen.type, item)
        return _object(chosen.type, array, chosen.source, chosen.span)
    return _object(item, False, f"{op.method} {variant.template} {verb} a {item}", variant.span)


def _fit(types: DocTypes, full: str, rows: Sequence[Parameter]) -> int:
    """How many of the table's rows are properties of the type or its family."""
    names = types.family_properties(full)
    return sum(1 for p in rows if _bare(p.name) in names)


def _object(full: str, array: bool, source: str, span: Span) -> RequestBody:
    ref = TypeRef(full, TypeKind.COMPLEX, array, full)
    kind = BodyKind.ARRAY if array else BodyKind.OBJECT
    return RequestBody(kind, type=ref, media_type=JSON, source=source, span=span)


def _action(name: str, ev: Evidence, json_sent: Sequence[Sent], ctx: Context) -> RequestBody:
    """An action's parameters: the table's rows and the keys the example adds; one wrapping
    key when the example wraps the rows in it."""
    rows = list(ev.rows)
    arrays = [n for n in ev.named if n.array]
    if not rows and arrays:  # "supply an array of X": the body is that array
        return _object(arrays[0].type, True, arrays[0].source, arrays[0].span)
    example = next((s for s in json_sent if isinstance(s.value, dict)), None)
    keys = example.value if example is not None and isinstance(example.value, dict) else {}
    folded = {p.name.strip().casefold() for p in rows}
    wrapper = _wrapper(rows, keys)
    if wrapper is not None and example is not None:
        key, is_list = wrapper
        named = next((n for n in ev.named if _covers(ctx.types, n.type, rows)), None)
        ref = (
            TypeRef(named.type, TypeKind.COMPLEX, is_list, named.type)
            if named is not None
            else None
        )
        param = Parameter(key, ref, "", None if not ev.optional else False, example.span)
        return RequestBody(
            BodyKind.OBJECT,
            media_type=JSON,
            parameters=(param,),
            source=f"the parameters of {name}: the example wraps the table's rows in {key!r}",
            span=example.span,
        )
    extra = [
        _parameter_of(key, value, example.span, ctx)
        for key, value in keys.items()
        if example is not None
        and isinstance(key, str)
        and key.casefold() not in folded
        and not key.startswith("@")
    ]
    shown = folded | {p.name.casefold() for p in extra}
    said = [p for p in ev.said if p.name.casefold() not in shown]
    doubts = [
        _doubt(
            p.span,
            f"the prose names the `{p.name}` parameter, which the Request body table does "
            f"not list; read as a parameter",
        )
        for p in said
        if rows
    ]
    extra.extend(said)
    params = tuple(rows) + tuple(extra)
    if rows and extra:
        source = f"the parameters of {name}: the table, and keys of the example"
    elif rows:
        source = f"the parameters of {name}: the table"
    elif extra and not said:
        source = f"the parameters of {name}: the example's keys"
    elif extra:
        source = f"the parameters of {name}: the prose names them"
    else:
        source = f"{name} takes an object the docs do not describe"
    span = rows[0].span if rows else example.span if example is not None else None
    if not params and ev.named:  # no parameters shown: the body is the type named
        n = ev.named[0]
        return _object(n.type, n.array, n.source, n.span)
    kind = BodyKind.OBJECT if params or json_sent else BodyKind.UNKNOWN
    return RequestBody(
        kind, media_type=JSON, parameters=params, source=source, span=span, doubts=tuple(doubts)
    )


def _prose_parameters(op: Operation, paragraphs: Sequence[Prose]) -> tuple[Parameter, ...]:
    """Parameters the page's prose names ("include the `x` parameter", one at a time),
    other than its path's and query's."""
    taken = {p.name.casefold() for p in op.request.query_params}
    taken |= {n.casefold() for v in op.paths for s in v.segments for n in s.params}
    found: dict[str, Parameter] = {}
    for prose in paragraphs:
        optional = "optional" in prose.text.lower()
        for name in prose.names:
            said = re.search(re.escape(name) + r"\W{0,2}\s+parameter\b", prose.text)
            key = name.casefold()
            if said and name.isidentifier() and key not in taken and key not in found:
                found[key] = Parameter(name, None, "", False if optional else None, prose.span)
    return tuple(found.values())


def _wrapper(rows: Sequence[Parameter], keys: dict[object, object]) -> tuple[str, bool] | None:
    """(key, holds a list) when the example's one key wraps objects of the table's rows."""
    if not rows or len(keys) != 1:
        return None
    ((key, value),) = keys.items()
    if not isinstance(key, str) or key.startswith("@"):
        return None
    folded = {p.name.strip().casefold() for p in rows}
    if key.casefold() in folded:
        return None
    items = value if isinstance(value, list) else [value]
    inner = {str(k).casefold() for item in items if isinstance(item, dict) for k in item}
    if not inner or not inner & folded:
        return None
    return key, isinstance(value, list)


def _covers(types: DocTypes, full: str, rows: Sequence[Parameter]) -> bool:
    names = types.family_properties(full)
    return bool(rows) and all(_bare(p.name) in names for p in rows if not p.name.startswith("@"))


def _bare(name: str) -> str:
    return name.strip().split("@", 1)[0].casefold()


_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "Edm.Boolean"),
    (int, "Edm.Int32"),
    (float, "Edm.Double"),
    (str, "Edm.String"),
)


def _parameter_of(key: str, value: object, span: Span, ctx: Context) -> Parameter:
    """A parameter the example shows: typed by its value where that is plain."""
    items = value if isinstance(value, list) else [value]
    first = items[0] if items else None
    ref: TypeRef | None = None
    for cls, edm in _JSON_TYPES:
        if isinstance(first, cls):
            ref = TypeRef(edm, TypeKind.PRIMITIVE, isinstance(value, list), edm)
            break
    if isinstance(first, dict) and isinstance(first.get("@odata.type"), str):
        found = ctx.types.find(first["@odata.type"])
        if found is not None:
            ref = TypeRef(
                found.full_name, TypeKind.COMPLEX, isinstance(value, list), found.full_name
            )
    return Parameter(key, ref, "", None, span)


def _unaddressed(ev: Evidence, json_sent: Sequence[Sent], ctx: Context) -> RequestBody:
    """A body whose path the doc set cannot follow: the named type, else the table."""
    named = [*_example_types(json_sent, ctx), *ev.named]
    for n in named:
        if not ev.rows or _covers(ctx.types, n.type, ev.rows):
            return _object(n.type, n.array, n.source, n.span)
    if ev.rows:
        return RequestBody(
            BodyKind.OBJECT,
            media_type=JSON,
            parameters=ev.rows,
            source="the Request body table",
            span=ev.rows[0].span,
        )
    if json_sent:
        return RequestBody(
            BodyKind.UNKNOWN, media_type=JSON, source="an example body only", span=json_sent[0].span
        )
    if ev.prose:
        return RequestBody(
            BodyKind.UNKNOWN, source="the Request body section names no type the doc set defines"
        )
    return RequestBody(BodyKind.UNKNOWN, source="nothing the docs say")


def _shape_doubts(body: RequestBody, json_sent: Sequence[Sent]) -> list[Diagnostic]:
    if body.kind not in (BodyKind.OBJECT, BodyKind.ARRAY):
        return []
    for s in json_sent:
        if body.kind is BodyKind.ARRAY and isinstance(s.value, dict):
            return [_doubt(s.span, "the example sends one object where the docs say an array")]
        if body.kind is BodyKind.OBJECT and isinstance(s.value, list):
            return [_doubt(s.span, "the example sends an array where the docs say one object")]
    return []


def _function_parameters(op: Operation, variant: PathVariant) -> tuple[Parameter, ...]:
    """The parameters a function's path writes (``fn(a='{a}', b={b})``), typed by the
    page's parameter table where it names them."""
    function = next(
        (s for s in reversed(variant.segments) if s.kind is SegmentKind.FUNCTION and s.args),
        None,
    )
    if function is None:
        return ()
    table = {p.name.strip().casefold(): p for p in op.request.query_params}
    found: list[Parameter] = []
    for arg in function.args:
        name = arg.name or arg.param or ""
        if not name:
            continue
        row = table.get(name.casefold())
        found.append(
            Parameter(
                name=name,
                type=row.type if row is not None else None,
                description=row.description if row is not None else "",
                required=True,
                span=row.span if row is not None else variant.span,
            )
        )
    return tuple(found)
