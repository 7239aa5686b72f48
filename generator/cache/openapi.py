"""The pieces of ``openapi.json`` (path items, schemas) by what each is rendered from
(generator.openapi.pieces): after an edit only the pieces that show it are rendered and
encoded again (issue 25, incremental rendering).

All the pieces of one build's document are one entry, keyed by the build's ``inputs``
(the tool's version, the options, the doc roots): thousands of small entries cost more
to read than the pieces save.  The entry holds the pieces the last build used, so it
does not grow with edits.  An operation's fingerprint is given by the caller, who has
it at hand (generator.pipeline.plan: the text of its projection and of its prose).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from generator.cache.store import Store
from generator.hashing import digest

if TYPE_CHECKING:
    from generator.model import Operation

SECTION = "openapi"


class OpenApiPieces:
    """A :class:`generator.openapi.pieces.PieceCache` over ``store``."""

    def __init__(
        self, store: Store, inputs: Sequence[str], fingerprints: Mapping[int, str]
    ) -> None:
        self.entries = store
        self.key = digest(*inputs, SECTION)
        self.fingerprints = fingerprints  # id() of an operation of the model -> its text
        self.hits = 0
        self.misses = 0
        self._stored: dict[str, object] | None = None
        self._used: dict[str, object] = {}
        self._new = False

    def fingerprint(self, op: Operation) -> str:
        found = self.fingerprints.get(id(op))
        return found if found is not None else repr(op)

    def get(self, key: str) -> object | None:
        if self._stored is None:
            value = self.entries.get(SECTION, self.key)
            self._stored = value if isinstance(value, dict) else {}
        found = self._stored.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = found
        return found

    def put(self, key: str, value: object) -> None:
        self._used[key] = value
        self._new = True

    def commit(self) -> None:
        """Store the pieces this build used, when they are not those stored."""
        if self._new or (self._stored is not None and len(self._used) != len(self._stored)):
            self.entries.put(SECTION, self.key, dict(self._used))
        self._stored, self._used, self._new = dict(self._used), {}, False
