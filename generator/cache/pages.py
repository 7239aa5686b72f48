"""Per-page results of the reader, by content: only pages that changed are read again.

A page's result (its operations, types, page record and diagnostics, before the types
are resolved across pages) depends only on its name and its bytes, so that is the key,
with the tool's version.  New results are held back until :meth:`PageStore.commit`,
which stores only those whose page still has the bytes hashed before reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard

from generator.cache.keys import digest
from generator.cache.store import Store
from generator.read import PageResult, Source

SECTION = "pages"


class PageStore:
    """A :class:`generator.read.PageCache` over ``store``; ``digests`` are the pages'
    content hashes (``keys.page_digests``), None for a page not to be cached."""

    def __init__(self, store: Store, tool: str, digests: Mapping[str, str | None]) -> None:
        self.entries = store
        self.tool = tool
        self.digests = digests
        self.hits = 0
        self.pending: dict[str, tuple[str, PageResult]] = {}

    def lookup(self, source: Source) -> PageResult | None:
        key = self._key(source.rel)
        value = self.entries.get(SECTION, key) if key is not None else None
        if _is_result(value):
            self.hits += 1
            return value
        return None

    def store(self, source: Source, result: PageResult) -> None:
        key = self._key(source.rel)
        if key is not None:
            self.pending[source.rel] = (key, result)

    def commit(self, digests_now: Mapping[str, str | None]) -> None:
        """Store the results of pages whose bytes are still the ones hashed before
        reading: a page edited during the build may have been read in its new form."""
        for rel, (key, result) in self.pending.items():
            if digests_now.get(rel) == self.digests.get(rel):
                self.entries.put(SECTION, key, result)
        self.pending.clear()

    def _key(self, rel: str) -> str | None:
        page = self.digests.get(rel)
        return None if page is None else digest(SECTION, self.tool, rel, page)


def _is_result(value: object) -> TypeGuard[PageResult]:
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and isinstance(value[3], list)
    )
