"""Shared by the type rules (DC501-DC505): OData type names in annotations and example
bodies, looking them up in the doc set, and the lines of keys in a JSON body."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.lint.context import LintContext
from generator.model import Annotation, Body, Example, Page, Span, TypeDef, TypeRef
from generator.read import primitive_name

GRAPH_NAMESPACE = "microsoft.graph"
EXAMPLE_BLOCKS = ("request", "response", "example")
_COLLECTION = re.compile(r"^collection\s*\((.*)\)$", re.IGNORECASE | re.DOTALL)

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class TypeName:
    name: str  # without '#' and Collection(...)
    is_collection: bool
    written: str  # as the annotation or body wrote it


def type_name(value: object) -> TypeName | None:
    """The type an ``@odata.type`` value names; None for primitives (``string``,
    ``Edm.String``, ``stream``) and for anything that is not a non-empty string."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _COLLECTION.match(text)
    inner = (match.group(1) if match else text).strip().lstrip("#").strip()
    if not inner or primitive_name(inner) is not None:
        return None
    return TypeName(inner, match is not None, value)


def namespace_of(name: str) -> str:
    return name.rpartition(".")[0]


def is_judged_namespace(ctx: LintContext, name: str) -> bool:
    """``microsoft.graph`` (and its sub-namespaces), or a namespace some type of the doc
    set uses; ``requestBodyResourceFor.x`` and bare names are not type names to check."""
    namespace = namespace_of(name)
    if not namespace:
        return False
    if namespace == GRAPH_NAMESPACE or namespace.startswith(GRAPH_NAMESPACE + "."):
        return True
    return namespace in _namespaces(ctx)


def _namespaces(ctx: LintContext) -> set[str]:
    return {t.namespace for t in ctx.doc_set.types}


def find_type(ctx: LintContext, name: str) -> TypeDef | None:
    """The type with this full name, or failing that the one matching it ignoring case."""
    return ctx.types.get(name) or ctx.types_folded.get(name.lower())


def type_chain(ctx: LintContext, typedef: TypeDef) -> list[TypeDef]:
    """The type and its base types, nearest first (a base outside the doc set ends it).

    The base is the annotation's ``baseType``; failing that, the type the page says it
    inherits from: 151 corpus types say so only in prose ("mailSearchFolder inherits
    from mailFolder", or rows "Inherited from [directoryObject](directoryobject.md)").
    """
    chain = [typedef]
    seen = {typedef.full_name}
    current: TypeDef | None = typedef
    while current is not None:
        found = _base(ctx, current)
        if found is None or found.full_name in seen:
            break
        chain.append(found)
        seen.add(found.full_name)
        current = found
    return chain


_INHERITS = re.compile(r"\binherit(?:s|ed)? from\s+(?:the\s+)?\**([A-Za-z_][\w.]*)", re.IGNORECASE)


def _base(ctx: LintContext, typedef: TypeDef) -> TypeDef | None:
    if typedef.base:
        return find_type(ctx, typedef.base.strip().lstrip("#"))
    texts = [typedef.description, *(p.description for p in typedef.properties)]
    for text in texts:
        for match in _INHERITS.finditer(text):
            name = match.group(1).rstrip(".")
            found = find_type(ctx, name) or find_type(ctx, f"{typedef.namespace}.{name}")
            if found is not None and found.full_name != typedef.full_name:
                return found
    return None


def property_names(chain: list[TypeDef]) -> set[str]:
    """What the types define: their properties (tables, relationships, JSON
    representation) and the ``keyProperty`` their annotation names."""
    found: set[str] = set()
    for typedef in chain:
        found.update(p.name for p in typedef.properties)
        if typedef.key_property:
            found.add(typedef.key_property)
    return found


_LINK_TEXT = re.compile(r"\[([^\]]+)\]")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def resolved_as_written(ref: TypeRef) -> bool:
    """Whether the resolver kept the name the cell gives.  It falls back on the page a
    link names and on the short name ignoring namespace, so ``[User](user.md)`` can come
    back as an enum defined on user.md and ``other.ns.operation`` as
    ``microsoft.graph.operation``: guesses, not the writer's type."""
    resolved = ref.name.lower()
    match = _LINK_TEXT.search(ref.raw)
    if match is not None:
        written = match.group(1).strip().strip("*`").rpartition(".")[2].lower()
        return written == resolved.rpartition(".")[2]
    dotted = _DOTTED.findall(ref.raw)
    if dotted:
        return any(resolved.endswith(name.lower()) for name in dotted)
    return True


_REDEFINED = re.compile(r"^type (\S+) is already defined")


def redefined_types(ctx: LintContext) -> set[str]:
    """Full names of types with several definitions (DC009): the model merges them, so
    no one page shows what the type defines (the Intune pages each document a part of
    ``microsoft.graph.user``)."""
    found: set[str] = set()
    for diagnostic in ctx.doc_set.diagnostics:
        if diagnostic.code == "DC009" and (match := _REDEFINED.match(diagnostic.message)):
            found.add(match.group(1))
    return found


@dataclass(frozen=True, slots=True)
class ExampleBlock:
    """An annotated example block with the body it describes, when it has one."""

    page: Page
    annotation: Annotation
    body: Body | None
    is_response: bool


def example_blocks(ctx: LintContext) -> Iterator[ExampleBlock]:
    """Every ``request``/``response``/``example`` annotation of every page, paired with
    the body of the example fence it describes (found through the operations)."""
    bodies: dict[tuple[str, int], tuple[Body | None, bool]] = {}
    for op in ctx.model.operations:
        for example in op.examples:
            for key, body, is_response in _parts(example):
                bodies[key] = (body, is_response)
    for page in ctx.model.pages:
        for ann in page.annotations:
            if ann.is_page or ann.block_type not in EXAMPLE_BLOCKS:
                continue
            body, is_response = bodies.get(
                (ann.span.file, ann.span.line), (None, ann.block_type == "response")
            )
            yield ExampleBlock(page, ann, body, is_response)


def _parts(example: Example) -> Iterator[tuple[tuple[str, int], Body | None, bool]]:
    if example.request is not None and example.request.annotation is not None:
        span = example.request.annotation.span
        yield (span.file, span.line), example.request.body, False
    if example.response is not None and example.response.annotation is not None:
        span = example.response.annotation.span
        yield (span.file, span.line), example.response.body, True


def body_types(body: Body | None) -> list[tuple[TypeName, JsonPath]]:
    """The ``@odata.type`` values a JSON body gives itself: at the top, and on each item
    of a ``value`` array (a collection response), with the path of the key."""
    if body is None or not isinstance(body.json, dict):
        return []
    found: list[tuple[TypeName, JsonPath]] = []
    top = type_name(body.json.get("@odata.type"))
    if top is not None:
        found.append((top, ("@odata.type",)))
    items = body.json.get("value")
    if isinstance(items, list):
        for n, item in enumerate(items):
            if isinstance(item, dict) and (named := type_name(item.get("@odata.type"))):
                found.append((named, ("value", n, "@odata.type")))
    return found


def case_twin(name: TypeName, body: Body | None) -> tuple[TypeName, JsonPath] | None:
    """The body's own ``@odata.type`` that equals ``name`` only if case is ignored."""
    for found, path in body_types(body):
        if found.name != name.name and found.name.lower() == name.name.lower():
            return found, path
    return None


def body_span(file: str, body: Body, path: JsonPath) -> Span:
    """Where the key at ``path`` is written in the body: its line, and the column of its
    opening quote (the body's first line if not found)."""
    line, column = key_positions(body.text, body.line, body.column).get(path, (body.line, 1))
    return Span(file, line, line, column)


# --- where keys stand in a JSON text -------------------------------------------------------


def key_lines(text: str, first_line: int) -> dict[JsonPath, int]:
    """The file line of every object key in a JSON text, by path: ``("id",)`` for a
    top-level key, ``("value", 0, "id")`` for a key of the first item of ``value``."""
    return {path: line for path, (line, _) in key_positions(text, first_line).items()}


def key_positions(text: str, first_line: int, column: int = 1) -> dict[JsonPath, tuple[int, int]]:
    """The file line and column (of the opening quote) of every object key in a JSON
    text, by path; ``column`` is the file column where the text's lines start.

    A scanner rather than a parser, so that the trailing commas of truncated examples
    (read leniently by the reader) do not lose the lines.
    """
    found: dict[JsonPath, tuple[int, int]] = {}
    stack: list[_Container] = []
    line = first_line
    line_start = 0  # the offset where the current line starts
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            line_start = i + 1
        elif ch == '"':
            start_line, start_column = line, column + i - line_start
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 1
                elif text[j] == "\n":
                    line += 1
                    line_start = j + 1
                j += 1
            literal = text[i : j + 1]
            if stack and stack[-1].is_object and _next_char(text, j + 1) == ":":
                key = _decode(literal)
                stack[-1].key = key
                found.setdefault((*_path(stack), key), (start_line, start_column))
            i = j + 1
            continue
        elif ch in "{[":
            step: str | int | None = None
            if stack:
                top = stack[-1]
                step = top.key if top.is_object else top.index
            stack.append(_Container(ch == "{", step))
        elif ch in "}]":
            if stack:
                stack.pop()
        elif ch == "," and stack and not stack[-1].is_object:
            stack[-1].index += 1
        i += 1
    return found


class _Container:
    __slots__ = ("index", "is_object", "key", "step")

    def __init__(self, is_object: bool, step: str | int | None) -> None:
        self.is_object = is_object
        self.step = step  # how the parent reaches it: a key or an index (None at the top)
        self.key: str | None = None  # the key being read (objects)
        self.index = 0  # the item being read (arrays)


def _path(stack: list[_Container]) -> JsonPath:
    return tuple(c.step for c in stack[1:] if c.step is not None)


def _next_char(text: str, i: int) -> str:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return text[i] if i < len(text) else ""


def _decode(literal: str) -> str:
    try:
        value = json.loads(literal)
    except ValueError:
        return literal[1:-1]
    return value if isinstance(value, str) else literal[1:-1]


def type_line(ann: Annotation) -> Span:
    """The line of the annotation's ``@odata.type`` (or legacy ``@type``) key."""
    return ann.key_span("@odata.type" if "@odata.type" in ann.data else "@type")
