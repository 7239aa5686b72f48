"""Documented path variants as OpenAPI path items: one per path shape, one operation per
(method, shape), with names OpenAPI accepts.

OpenAPI forbids two templated paths of the same hierarchy that differ only in parameter
names (``/users/{usersId}`` and ``/users/{id | userPrincipalName}``), and one path item
holds one operation per method.  So variants of one shape share the path of the first
(in operation id order) with its parameter names made safe and unique
(``id | userPrincipalName`` -> ``id-or-userPrincipalName``, a repeated ``{id}`` ->
``id-2``), and documented operations on the same (method, shape) (the same API on two
pages) are one OpenAPI operation that lists them all in ``x-docs2code-operations``: the
page that speaks for the endpoint (``Model.shared_endpoints``) first, whose texts,
operationId, permissions and types the operation takes; the others are listed with their
permissions in ``x-docs2code-also-documented-by``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator.model import Example, Model, Operation, PathVariant, SegmentKind
from generator.paths import match_example

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class PathParam:
    name: str  # in the export
    documented: tuple[str, ...]  # the names the docs give it, sorted
    spans_segments: bool  # inside a OneDrive colon path (root:/{item-path}:): may hold "/"


@dataclass(slots=True)
class Placed:
    """One documented (operation, path variant) and the examples sent to it."""

    op: Operation
    index: int  # of the variant in op.paths
    variant: PathVariant
    examples: list[Example] = field(default_factory=list)


@dataclass(slots=True)
class PathItem:
    path: str
    params: tuple[PathParam, ...]
    operations: dict[str, list[Placed]] = field(default_factory=dict)  # method -> placed


def safe_name(name: str, taken: set[str]) -> str:
    """A parameter name without spaces or bars, unique among ``taken`` (which it joins)."""
    base = _UNSAFE.sub("-", name.replace("|", " or ")).strip("-") or "param"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def _placed(op: Operation) -> list[Placed]:
    """The operation's variants, each with the examples whose request path fits it (an
    example that fits none goes with the first variant, as the stub also serves it)."""
    placed = [Placed(op, i, v) for i, v in enumerate(op.paths)]
    for example in op.examples:
        request = example.request
        found = match_example(request.path, op.paths) if request is not None else None
        index = next((i for i, v in enumerate(op.paths) if v is found), 0)
        placed[index].examples.append(example)
    return placed


def path_items(model: Model) -> list[PathItem]:
    """Every documented variant in a path item, sorted by path."""
    by_shape: dict[str, PathItem] = {}
    documented: dict[str, list[set[str]]] = {}
    prefixes: dict[str, str] = {}
    for op in sorted(model.operations, key=lambda o: o.id):
        for placed in _placed(op):
            variant = placed.variant
            names = _PLACEHOLDER.findall(variant.template)
            item = by_shape.get(variant.shape)
            if item is None:
                item = by_shape[variant.shape] = _path_item(variant, prefixes)
                documented[variant.shape] = [set() for _ in item.params]
            for slot, name in zip(documented[variant.shape], names, strict=False):
                slot.add(name)
            item.operations.setdefault(op.method, []).append(placed)
    speakers = model.speakers()
    for shape, item in by_shape.items():
        for method, placed_list in item.operations.items():
            order = speakers.get((method, shape.casefold()), ())
            placed_list.sort(key=lambda p: order.index(p.op.id) if p.op.id in order else len(order))
    items: list[PathItem] = []
    for shape, item in by_shape.items():
        params = tuple(
            PathParam(p.name, tuple(sorted(names)), p.spans_segments)
            for p, names in zip(item.params, documented[shape], strict=True)
        )
        items.append(PathItem(item.path, params, item.operations))
    return sorted(items, key=lambda i: i.path)


def _path_item(variant: PathVariant, prefixes: dict[str, str]) -> PathItem:
    """The path of ``variant`` with safe names; a parameter gets the name it got in the
    first path that leads to it the same way (``prefixes``: the path up to it, with the
    parameters collapsed), so that ``{drive-id}`` is one name under ``/drives/``."""
    spanning = {p for s in variant.segments if s.kind == SegmentKind.COLON_PATH for p in s.params}
    template = variant.template
    taken: set[str] = set()
    params: list[PathParam] = []

    def rename(m: re.Match[str]) -> str:
        prefix = _PLACEHOLDER.sub("{}", template[: m.start()]).casefold()
        name = prefixes.get(prefix)
        if name is None or name.casefold() in taken:
            name = prefixes[prefix] = safe_name(m[1], taken)
        else:
            taken.add(name.casefold())
        params.append(PathParam(name, (m[1],), m[1] in spanning))
        return "{" + name + "}"

    pieces: list[str] = []
    last = 0
    for m in _PLACEHOLDER.finditer(template):
        pieces += [_literal(template[last : m.start()]), rename(m)]
        last = m.end()
    pieces.append(_literal(template[last:]))
    return PathItem("".join(pieces), tuple(params))


def _literal(text: str) -> str:
    """Literal path text with its braces percent-encoded: OpenAPI reads any brace as
    the start or end of a parameter."""
    return text.replace("{", "%7B").replace("}", "%7D")


def page_stem(op: Operation) -> str:
    return PurePosixPath(op.id).name


def operation_ids(model: Model) -> dict[tuple[int, int], str]:
    """(``id()`` of the operation, variant index) -> operationId:
    ``driveitemversion-restore.post`` for an operation's first variant, ``.2``, ``.3`` ...
    for the others; the whole page path (``api.user-get.get``) where two folders hold
    pages of one name.  Stable as long as the page keeps its name and its variants their
    order."""
    stems = Counter(page_stem(op) for op in {op.id: op for op in model.operations}.values())
    ids: dict[tuple[int, int], str] = {}
    taken: set[str] = set()
    for op in sorted(model.operations, key=lambda o: o.id):
        stem = page_stem(op)
        base = stem if stems[stem] == 1 else op.id.replace("/", ".")
        for i in range(len(op.paths)):
            wanted = base if i == 0 else f"{base}.{i + 1}"
            candidate, n = wanted, 2
            while candidate in taken:
                candidate, n = f"{wanted}-{n}", n + 1
            taken.add(candidate)
            ids[(id(op), i)] = candidate
    return ids


def tag(op: Operation) -> str:
    """The resource a page is about: its name up to the first hyphen (``driveitem`` for
    ``driveitem-list-versions.md``), the Graph docs' naming convention."""
    return PurePosixPath(op.source.file).stem.split("-", 1)[0] or "default"


def group_tags(placed: list[Placed]) -> list[str]:
    return sorted({tag(p.op) for p in placed})


def by_page(placed: Sequence[Placed]) -> list[list[Placed]]:
    """``placed`` grouped by operation, in speaking order: the page that speaks for the
    endpoint first, then each secondary source (``path_items`` sorts them so)."""
    groups: dict[str, list[Placed]] = {}
    for p in placed:
        groups.setdefault(p.op.id, []).append(p)
    return list(groups.values())


def secondary_operations(placed: list[Placed]) -> list[Operation]:
    """The operations merged here besides the one that speaks (the first), once each."""
    first = placed[0].op.id
    return list({p.op.id: p.op for p in placed if p.op.id != first}.values())


def documented_operations(placed: list[Placed]) -> list[dict[str, str]]:
    """What ``x-docs2code-operations`` lists: each documented operation and path as written."""
    return [
        {
            "id": p.op.id,
            "path": p.variant.raw,
            "source": f"{p.variant.span.file}:{p.variant.span.line}",
        }
        for p in placed
    ]
