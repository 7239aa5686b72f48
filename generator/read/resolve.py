"""Second pass over the whole doc set: turn type names and links into full type names."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import replace

from generator.model import Operation, Parameter, TypeDef, TypeKind, TypeRef


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

    def find(self, ref: TypeRef, page: str) -> TypeDef | None:
        if ref.name in self.by_full:
            return self.by_full[ref.name]
        short = ref.name.rpartition(".")[2].lower()
        if ref.link:
            target = ref.link.split("#", 1)[0].replace("\\", "/")
            if target and "://" not in target and not target.startswith("/"):
                rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
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
        if found is None:
            return ref
        return replace(ref, name=found.full_name, kind=found.kind)


def resolve_types(types: tuple[TypeDef, ...], index: TypeIndex) -> tuple[TypeDef, ...]:
    return tuple(
        replace(
            t,
            properties=tuple(
                replace(p, type=index.resolve(p.type, t.source.file) or p.type)
                for p in t.properties
            ),
        )
        for t in types
    )


def resolve_operation(op: Operation, index: TypeIndex) -> Operation:
    page = op.source.file

    def params(items: tuple[Parameter, ...]) -> tuple[Parameter, ...]:
        return tuple(replace(p, type=index.resolve(p.type, page)) for p in items)

    request = replace(
        op.request,
        body_params=params(op.request.body_params),
        query_params=params(op.request.query_params),
    )
    responses = tuple(replace(r, type=index.resolve(r.type, page)) for r in op.responses)
    return replace(op, request=request, responses=responses)
