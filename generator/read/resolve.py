"""Second pass over the whole doc set: turn type names and links into full type names."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import replace
from typing import TypeVar

from generator.model import Operation, Parameter, Property, ResponseSpec, TypeDef, TypeKind, TypeRef


class TypeIndex:
    """Finds a type by full name, by link target (the page that defines it) or, failing
    those, by short name ignoring case (links in the docs often differ in case)."""

    def __init__(self, types: tuple[TypeDef, ...]) -> None:
        self.by_full = {t.full_name: t for t in types}
        self.by_short: dict[str, list[TypeDef]] = defaultdict(list)
        self.by_file: dict[str, list[TypeDef]] = defaultdict(list)
        for t in types:
            self.by_short[t.name.lower()].append(t)
            self.by_file[t.source.file.lower()].append(t)
        # find() by (name, link, the page's folder): all it depends on
        self._found: dict[tuple[str, str | None, str], TypeDef | None] = {}

    def find(self, ref: TypeRef, page: str) -> TypeDef | None:
        if ref.name in self.by_full:
            return self.by_full[ref.name]
        key = (ref.name, ref.link, posixpath.dirname(page) if ref.link else "")
        if key not in self._found:
            self._found[key] = self._find(ref.name, ref.link, key[2])
        return self._found[key]

    def _find(self, name: str, link: str | None, folder: str) -> TypeDef | None:
        short = name.rpartition(".")[2].lower()
        if link:
            target = link.split("#", 1)[0].replace("\\", "/")
            if target and "://" not in target and not target.startswith("/"):
                rel = posixpath.normpath(posixpath.join(folder, target))
                in_file = self.by_file.get(rel.lower(), [])
                named = [t for t in in_file if t.name.lower() == short]
                if named or in_file:
                    return (named or in_file)[0]
        candidates = self.by_short.get(short, [])
        return candidates[0] if candidates else None

    def resolve(self, ref: TypeRef | None, page: str) -> TypeRef | None:
        if ref is None or ref.kind == TypeKind.PRIMITIVE or not ref.name:
            return ref
        found = self.find(ref, page)
        if found is None or (ref.name == found.full_name and ref.kind == found.kind):
            return ref
        return replace(ref, name=found.full_name, kind=found.kind)


# Each step below rebuilds only what resolving changes (a value equal to the rebuilt
# one otherwise): most references resolve to themselves.


def resolve_types(types: tuple[TypeDef, ...], index: TypeIndex) -> tuple[TypeDef, ...]:
    return tuple(_resolved_type(t, index) for t in types)


def _resolved_type(t: TypeDef, index: TypeIndex) -> TypeDef:
    properties = _retyped(t.properties, t.source.file, index)
    return t if properties is t.properties else replace(t, properties=properties)


def resolve_operation(op: Operation, index: TypeIndex) -> Operation:
    page = op.source.file
    request = op.request
    body_params = _retyped(request.body_params, page, index)
    query_params = _retyped(request.query_params, page, index)
    if body_params is not request.body_params or query_params is not request.query_params:
        request = replace(request, body_params=body_params, query_params=query_params)
    responses = _retyped(op.responses, page, index)
    if request is op.request and responses is op.responses:
        return op
    return replace(op, request=request, responses=responses)


_Typed = TypeVar("_Typed", Property, Parameter, ResponseSpec)


def _retyped(items: tuple[_Typed, ...], page: str, index: TypeIndex) -> tuple[_Typed, ...]:
    """``items`` with their types resolved from ``page``: each item itself where its type
    resolves to itself, and ``items`` itself where every one does."""
    out = tuple(
        item
        if (ref := index.resolve(item.type, page) or item.type) is item.type
        else replace(item, type=ref)
        for item in items
    )
    return items if all(a is b for a, b in zip(out, items, strict=True)) else out
