"""Per-page results of the reader, by content: only pages that changed are read again.

A page's result (its operations, types, page record and diagnostics, before the types
are resolved across pages) depends only on its name and its bytes, so that is the key,
with the tool's version.  New results are held back until :meth:`PageStore.commit`,
which stores only those whose page still has the bytes hashed before reading.

Each result also has a digest, of its pickle (the one a worker process sent it as and the
cache keeps, so a result from the cache is not pickled again for it; results pickle alike
in every process): pages whose results have the same digests make the same model, so an
edit that leaves every result as it was (a sentence in a description nothing generated
reads) needs no rendering (``cache.plans``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeGuard

from generator.cache.store import Store
from generator.hashing import digest
from generator.pickling import dumps

if TYPE_CHECKING:
    from generator.read import PageResult, Source

SECTION = "pages"

Known = Mapping[str, tuple[str, str]]
"""``rel`` -> (page digest, result digest) of pages read before (``cache.plans``' index)."""


class PageStore:
    """A :class:`generator.read.PageCache` over ``store``; ``digests`` are the pages'
    content hashes (``keys.page_digests``), None for a page not to be cached; ``known``
    the result digests of pages as a previous build read them; without ``digests_results``
    (``lint``, which looks for no plan) a page from the cache is not pickled again for its
    result digest."""

    def __init__(
        self,
        store: Store,
        tool: str,
        digests: Mapping[str, str | None],
        known: Known | None = None,
        digest_results: bool = True,
    ) -> None:
        self.entries = store
        self.tool = tool
        self.digests = digests
        self.known = known or {}
        self.digest_results = digest_results
        self.hits = 0
        self.results: dict[str, str] = {}  # rel -> result digest, of pages seen this build
        self.pending: dict[str, tuple[str, PageResult, bytes]] = {}  # read, not yet stored

    def lookup(self, source: Source) -> PageResult | None:
        if source.rel in self.pending:  # read earlier in this build
            return self.pending[source.rel][1]
        key = self._key(source.rel)
        found = self.entries.get_pickled(SECTION, key) if key is not None else None
        if found is None:
            return None
        value, payload_digest = found
        if not _is_result(value):
            return None
        self.hits += 1
        if self.digest_results and self.known_result(source.rel) is None:
            self.results[source.rel] = payload_digest or _digest(pickled(value))
        return value

    def store(self, source: Source, result: PageResult, payload: bytes | None = None) -> None:
        """Keep ``result`` until :meth:`commit`; ``payload``: its pickle, if made already
        (a worker's), whose digest is the result's."""
        key = self._key(source.rel)
        if payload is None:
            try:
                payload = pickled(result)
            except (pickle.PicklingError, TypeError, AttributeError):
                return  # not cached, and no build is found by its results
        self.results[source.rel] = _digest(payload)
        if key is not None:
            self.pending[source.rel] = (key, result, payload)

    def known_result(self, rel: str) -> str | None:
        """The result digest a previous build recorded for the page's current bytes."""
        page, result = self.known.get(rel, (None, None))
        return result if page is not None and page == self.digests.get(rel) else None

    def result_digests(self, rels: Iterable[str]) -> dict[str, str] | None:
        """``rel`` -> result digest for every page, None unless each one is known."""
        found = {rel: self.results.get(rel) or self.known_result(rel) for rel in rels}
        complete = {rel: d for rel, d in found.items() if d is not None}
        return complete if len(complete) == len(found) else None

    def index(self) -> dict[str, tuple[str, str]]:
        """``rel`` -> (page digest, result digest) of every page whose result is known,
        for the next build (:class:`Known`)."""
        results = self.result_digests(self.digests) or {}
        return {
            rel: (page, results[rel])
            for rel, page in self.digests.items()
            if page is not None and rel in results
        }

    def commit(self, digests_now: Mapping[str, str | None]) -> None:
        """Store the results of pages whose bytes are still the ones hashed before
        reading: a page edited during the build may have been read in its new form.
        They are written in the background (:meth:`Store.put` ``later``)."""
        for rel, (key, result, payload) in self.pending.items():
            if digests_now.get(rel) == self.digests.get(rel):
                self.entries.put(SECTION, key, result, payload, later=True)
        self.pending.clear()

    def _key(self, rel: str) -> str | None:
        page = self.digests.get(rel)
        return None if page is None else digest(SECTION, self.tool, rel, page)


def pickled(result: PageResult) -> bytes:
    return dumps(result)


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _is_result(value: object) -> TypeGuard[PageResult]:
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and isinstance(value[3], list)
    )
