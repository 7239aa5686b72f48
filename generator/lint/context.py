"""Indexes over the model that several rules need, built once per lint run."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import cached_property

from generator.model import Model, Operation, Page, TypeDef


class LintContext:
    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def pages(self) -> dict[str, Page]:
        return {p.path: p for p in self.model.pages}

    @cached_property
    def operations_by_page(self) -> dict[str, list[Operation]]:
        found: dict[str, list[Operation]] = defaultdict(list)
        for op in self.model.operations:
            found[op.source.file].append(op)
        return dict(found)

    @cached_property
    def types(self) -> dict[str, TypeDef]:
        return {t.full_name: t for t in self.model.types}

    @cached_property
    def type_files(self) -> frozenset[str]:
        return frozenset(t.source.file for t in self.model.types if t.kind == "complex")

    @cached_property
    def types_folded(self) -> dict[str, TypeDef]:
        """Full names folded to lower case: finds a type written with the wrong case."""
        return {t.full_name.lower(): t for t in self.model.types}

    @cached_property
    def files_folded(self) -> dict[str, str]:
        return {p.lower(): p for p in self.pages}

    def resolve_link(self, page: str, target: str) -> str:
        """The doc-set path a relative link from ``page`` points at (no anchor)."""
        path = target.split("#", 1)[0].split("?", 1)[0]
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
