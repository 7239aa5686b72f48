"""Whole plans by content: what lets a build skip reading and rendering.

Three sections, all keyed by the build's ``inputs`` (everything a plan depends on besides
the pages: the tool's version, the options, the templates, the files found):

- ``plans``: (plan, diagnostics) by the digests of every page's reader result, so an edit
  that leaves every result as it was (prose nothing generated reads) renders nothing;
- ``trees``: the key of a tree's plan by every page's bytes, so an unchanged tree is not
  even read;
- ``results``: per doc roots and reader limits, the last build's (page digest, result
  digest) by page (:meth:`generator.cache.pages.PageStore.index`), so that the next build
  reads only the pages that changed.

The build pipeline (generator.pipeline) decides when to look and what to store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeGuard

from generator.cache.pages import Known
from generator.cache.store import Store
from generator.hashing import digest
from generator.model import Diagnostic

SECTION = "plans"  # plans by the results of their pages
TREES = "trees"  # the results key of a tree of pages, by the pages' bytes
RESULTS = "results"  # per doc roots: the last build's (page digest, result digest) by page

Plan = tuple[dict[str, str], tuple[Diagnostic, ...], tuple[str, ...]]
"""A stored plan: path -> text, the model's diagnostics, and the lines the build said
about it (what following the service's metadata changed)."""


class PlanStore:
    """The plans of one build's ``inputs`` in ``store``; ``digests`` are the pages'
    content hashes (``keys.page_digests``); ``index`` names the doc roots and the reader's
    limits, whose last build's page results :meth:`known` returns."""

    def __init__(
        self,
        store: Store,
        inputs: Sequence[str],
        digests: Mapping[str, str | None],
        index: Sequence[str],
    ) -> None:
        self.entries = store
        self.inputs = tuple(inputs)
        self.tree_key = digest(*self.inputs, TREES, *_pairs(digests))
        self.index_key = digest(RESULTS, *index)

    def known(self) -> Known:
        """``rel`` -> (page digest, result digest) as the last build read the pages."""
        value = self.entries.get(RESULTS, self.index_key)
        return value if isinstance(value, dict) else {}

    def key(self, results: Mapping[str, str] | None) -> str | None:
        """The key of the plan of pages with these result digests (None: not all known)."""
        return None if results is None else digest(*self.inputs, SECTION, *_pairs(results))

    def get(self, key: object) -> Plan | None:
        value = self.entries.get(SECTION, key) if isinstance(key, str) else None
        return value if _is_plan(value) else None

    def of_tree(self) -> Plan | None:
        """The plan of this very tree of pages, when a build made it before."""
        return self.get(self.entries.get(TREES, self.tree_key))

    def put(self, key: str, plan: Plan) -> None:
        self.entries.put(SECTION, key, plan)

    def record(self, key: str, known: Known) -> None:
        """This tree of pages has the plan stored under ``key``; ``known``, the index of
        its pages' results."""
        self.entries.put(TREES, self.tree_key, key)
        self.entries.put(RESULTS, self.index_key, dict(known))


def _pairs(digests: Mapping[str, str | None]) -> list[str]:
    return [f"{rel}\0{value}" for rel, value in digests.items()]


def _is_plan(value: object) -> TypeGuard[Plan]:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], dict)
        and isinstance(value[1], tuple)
        and isinstance(value[2], tuple)
    )
