"""Lint results by content: ``docs2code lint`` through the build's cache folder.

Two sections, both keyed by the lint's ``settings`` (the tool's version, the reader's
limits, the doc roots, the configuration, the convention, the service's metadata):

- ``lint-trees``: the whole run's findings (and the codes of the rules that ran) by every
  page's bytes, so an unchanged tree is not even read;
- ``lint-pages``: one entry per settings: for each page, its bytes' digest and the raw
  findings (before configuration and suppressions) of the page-scoped rules
  (``Rule.scope``) on it, used only for a page with those bytes, so after an edit only
  the changed pages are checked by them (one entry, not one per page: reading thousands
  of small entries costs more than those rules).

Pages' reader results are the build's (``cache.pages``, the same keys).  A damaged entry
is ignored and rebuilt (``cache.store``); a value of the wrong shape too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeGuard

from generator.cache.store import Store
from generator.hashing import digest
from generator.model import Diagnostic

TREES = "lint-trees"
PAGES = "lint-pages"

Findings = tuple[Diagnostic, ...]
Disk = tuple[tuple[str, str], ...]
"""Each file the pages link to that is no page, and what is on disk there now (its real
path, "" for nothing): link rules look at the disk, which no page's bytes cover."""
Outcome = tuple[Findings, tuple[str, ...], Disk]
"""A stored run: its findings, in order, the codes of the rules that ran, and the disk
the link rules saw."""


class LintStore:
    def __init__(
        self, store: Store, settings: Sequence[str], digests: Mapping[str, str | None]
    ) -> None:
        self.entries = store
        self.settings = tuple(settings)
        self.digests = digests
        pairs = [part for rel in sorted(digests) for part in (rel, str(digests[rel]))]
        self.tree_key = digest(TREES, *self.settings, *pairs)
        self.pages_key = digest(PAGES, *self.settings)
        self.hits = 0
        self._pages: dict[str, tuple[str, str, Findings]] | None = None

    def outcome(self) -> Outcome | None:
        value = self.entries.get(TREES, self.tree_key)
        return value if _is_outcome(value) else None

    def put_outcome(self, outcome: Outcome) -> None:
        self.entries.put(TREES, self.tree_key, outcome)

    def page(self, rel: str, convention: str) -> Findings | None:
        """The page rules' raw findings on ``rel`` as it is now, if a run stored them."""
        if self._pages is None:
            value = self.entries.get(PAGES, self.pages_key)
            self._pages = value if _is_pages(value) else {}
        page = self.digests.get(rel)
        known = self._pages.get(rel)
        if page is None or known is None or known[:2] != (page, convention):
            return None
        self.hits += 1
        return known[2]

    def put_pages(self, convention: str, fresh: Mapping[str, Findings]) -> None:
        """Store the ``fresh`` findings with those still valid, for the pages there are."""
        kept = self._pages or {}
        index: dict[str, tuple[str, str, Findings]] = {}
        for rel, page in self.digests.items():
            if page is None:
                continue
            if rel in fresh:
                index[rel] = (page, convention, fresh[rel])
            elif rel in kept and kept[rel][:2] == (page, convention):
                index[rel] = kept[rel]
        self.entries.put(PAGES, self.pages_key, index)


def _is_findings(value: object) -> TypeGuard[Findings]:
    return isinstance(value, tuple) and all(isinstance(d, Diagnostic) for d in value)


def _is_pages(value: object) -> TypeGuard[dict[str, tuple[str, str, Findings]]]:
    return isinstance(value, dict) and all(
        isinstance(rel, str)
        and isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and isinstance(entry[1], str)
        and _is_findings(entry[2])
        for rel, entry in value.items()
    )


def _is_outcome(value: object) -> TypeGuard[Outcome]:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and _is_findings(value[0])
        and isinstance(value[1], tuple)
        and all(isinstance(c, str) for c in value[1])
        and isinstance(value[2], tuple)
        and all(
            isinstance(d, tuple) and len(d) == 2 and all(isinstance(x, str) for x in d)
            for d in value[2]
        )
    )
