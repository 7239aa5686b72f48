"""One OpenAPI operation per documented (method, path shape): ids, texts, tags,
parameters, bodies and security (see :mod:`generator.openapi.paths` for the merging)."""

from __future__ import annotations

from typing import Any

from generator import faults
from generator.openapi.bodies import PAGEABLE, is_collection, request_body, responses
from generator.openapi.parameters import parameters
from generator.openapi.paths import (
    PathItem,
    Placed,
    documented_operations,
    group_tags,
    secondary_operations,
)
from generator.openapi.schemas import Components
from generator.openapi.security import permissions_extension, requirements
from generator.openapi.text import Linker


def operation_object(
    item: PathItem,
    placed: list[Placed],
    ids: dict[tuple[int, int], str],
    components: Components,
    linker: Linker,
) -> dict[str, Any]:
    """The operation for ``placed`` (the first one's texts: the page that speaks for the
    endpoint; everyone's examples; the others' permissions with their pages)."""
    first = placed[0]
    op = first.op
    answers = responses(placed, components)
    collection = any(
        is_collection(media["schema"])
        for status, answer in answers.items()
        if status.startswith("2")
        for media in answer.get("content", {}).values()
    )
    out: dict[str, Any] = {
        "operationId": ids[(id(op), first.index)],
        "tags": group_tags(placed),
        "parameters": parameters(item, placed, components, linker, collection),
        "responses": answers,
        "x-docs2code-operations": documented_operations(placed),
    }
    if collection:  # a page of the collection, and where the next one is
        out["x-ms-pageable"] = dict(PAGEABLE)
    summary = " ".join(op.title.split())
    if summary:
        out["summary"] = summary
    description = linker.resolve(op.description, op.source.file)
    if description:
        out["description"] = description
    body = request_body(placed, components, linker)
    if body is not None:
        out["requestBody"] = body
    security = requirements(op.permissions)
    if security is not None:
        out["security"] = security
    if op.permissions is not None:
        out["x-docs2code-permissions"] = permissions_extension(op.permissions)
    also = secondary_operations(placed)
    if also:
        out["x-docs2code-also-documented-by"] = [
            {
                "id": other.id,
                "source": f"{other.source.file}:{other.source.line}",
                "summary": " ".join(other.title.split()),
                "permissions": (
                    permissions_extension(other.permissions) if other.permissions else None
                ),
            }
            for other in also
        ]
    url = linker.page_url(op.source.file)
    if url is not None:
        out["externalDocs"] = {"url": url}
    return out


METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def path_objects(
    items: list[PathItem],
    ids: dict[tuple[int, int], str],
    components: Components,
    linker: Linker,
    left_out: list[dict[str, str]],
) -> dict[str, dict[str, Any]]:
    """``paths``: path -> method (lower case) -> operation (:func:`path_object`)."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        methods, left, _ = path_object(item, ids, components, linker)
        left_out += left
        if methods:
            out[item.path] = methods
    return out


def path_object(
    item: PathItem,
    ids: dict[tuple[int, int], str],
    components: Components,
    linker: Linker,
) -> tuple[dict[str, Any], list[dict[str, str]], bool]:
    """One path item: method (lower case) -> operation; the operations of a method
    OpenAPI has no place for (``MERGE``), for ``x-docs2code-left-out``; and whether every
    operation rendered (one that fails is reported, generator.faults, and left out)."""
    methods: dict[str, Any] = {}
    left_out: list[dict[str, str]] = []
    complete = True
    for method, placed in sorted(item.operations.items()):
        if method.lower() not in METHODS:
            why = f"OpenAPI has no {method} operations"
            left_out += [{**d, "why": why} for d in documented_operations(placed)]
            continue
        rendered = False
        with faults.item(placed[0].op):
            methods[method.lower()] = operation_object(item, placed, ids, components, linker)
            rendered = True
        complete = complete and rendered
    return methods, left_out, complete
