"""What a rule sees: the pages to check, and indexes over the whole doc set, built once
per lint run.

``model`` is what a rule checks; ``doc_set`` is everything it may look things up in (a
type another page defines, the host most examples call).  They are one model except in a
view (:meth:`LintContext.view`): the engine re-runs a rule that crashed on parts of the
pages, so that one page's crash costs that page only, and a rule's findings on a page
must not depend on which other pages are checked with it (tests/lint/test_isolation.py).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import replace
from functools import cached_property
from typing import Any, TypeVar, cast

from generator.metadata.csdl import Metadata
from generator.model import LinkedFile, Model, Operation, Page, TypeDef

_T = TypeVar("_T")


class _Index:
    """Indexes over the whole doc set, shared by a context and its views."""

    def __init__(self, model: Model, metadata: Metadata | None = None) -> None:
        self.model = model
        self.metadata = metadata
        # resolve_link's answers by (folder, target): pages of a folder link alike
        self.resolved: dict[tuple[str, str], str] = {}

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
        return {t.full_name.lower(): t for t in self.model.types}

    @cached_property
    def types_by_file(self) -> dict[str, tuple[TypeDef, ...]]:
        found: dict[str, list[TypeDef]] = defaultdict(list)
        for t in self.model.types:
            found[t.source.file.lower()].append(t)
        return {file: tuple(types) for file, types in found.items()}

    @cached_property
    def files_folded(self) -> dict[str, str]:
        return {p.lower(): p for p in self.pages}

    @cached_property
    def linked_files(self) -> dict[str, LinkedFile]:
        return {f.path: f for f in self.model.linked_files}

    @cached_property
    def files(self) -> tuple[str, ...]:
        """Every file something of the model comes from, sorted."""
        m = self.model
        found = {p.path for p in m.pages} | {d.span.file for d in m.diagnostics}
        found |= {o.source.file for o in m.operations} | {t.source.file for t in m.types}
        return tuple(sorted(found))


class LintContext:
    def __init__(
        self, model: Model, index: _Index | None = None, metadata: Metadata | None = None
    ) -> None:
        self.model = model
        self._index = index if index is not None else _Index(model, metadata)
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[], _T]) -> _T:
        """Work that several rules need (every page's resolved links), done once for
        this context: a view gets its own."""
        if key not in self._shared:
            self._shared[key] = compute()
        return cast(_T, self._shared[key])

    @property
    def metadata(self) -> Metadata | None:
        """The service's schema (``--metadata``), or None: the DC7xx rules need it."""
        return self._index.metadata

    @property
    def doc_set(self) -> Model:
        """The whole doc set, also in a view."""
        return self._index.model

    @property
    def files(self) -> tuple[str, ...]:
        return self._index.files

    def view(self, files: Collection[str]) -> LintContext:
        """The doc set with only what comes from ``files`` to check."""
        keep = set(files)
        whole = self.doc_set
        part = replace(
            whole,
            operations=tuple(o for o in whole.operations if o.source.file in keep),
            types=tuple(t for t in whole.types if t.source.file in keep),
            pages=tuple(p for p in whole.pages if p.path in keep),
            diagnostics=tuple(d for d in whole.diagnostics if d.span.file in keep),
        )
        return LintContext(part, self._index)

    @property
    def pages(self) -> dict[str, Page]:
        return self._index.pages

    @property
    def operations_by_page(self) -> dict[str, list[Operation]]:
        return self._index.operations_by_page

    @property
    def types(self) -> dict[str, TypeDef]:
        return self._index.types

    @property
    def type_files(self) -> frozenset[str]:
        return self._index.type_files

    @property
    def types_folded(self) -> dict[str, TypeDef]:
        """Full names folded to lower case: finds a type written with the wrong case."""
        return self._index.types_folded

    @property
    def types_by_file(self) -> dict[str, tuple[TypeDef, ...]]:
        """The doc set's types by the file that defines them, folded to lower case (in
        model order)."""
        return self._index.types_by_file

    @property
    def files_folded(self) -> dict[str, str]:
        return self._index.files_folded

    @property
    def linked_files(self) -> dict[str, LinkedFile]:
        """Link targets that are no page by their path, as the reader found them on disk:
        a page by real path, or a file outside the doc roots (``Model.linked_files``)."""
        return self._index.linked_files

    def resolve_link(self, page: str, target: str) -> str:
        """The doc-set path a relative link from ``page`` points at (no anchor): relative
        to the doc set's base, which holds every root; ``../`` climbs above it."""
        key = (posixpath.dirname(page), target)
        found = self._index.resolved.get(key)
        if found is None:
            path = target.split("#", 1)[0].split("?", 1)[0]
            found = self._index.resolved[key] = posixpath.normpath(posixpath.join(key[0], path))
        return found
