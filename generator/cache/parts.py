"""Parts of a plan by what their renderers read: an edit that changes what only some
parts show renders only those (issue 25, incremental rendering).

A part (``sdk/``, ``stubs/``, ``tests/``) is rendered from a projection of the model
that keeps only what its renderer reads (generator.pipeline.plan.projection), in every
build, cached or not, so the part is a function of the projection; it is stored,
formatted, under the digest of the projection's text (``repr``: values, never object
identity) and the build's ``inputs`` (the tool's version, the options, the templates).
``openapi.json`` is kept in pieces (generator.cache.openapi), each by what it reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeGuard

from generator.cache.openapi import OpenApiPieces
from generator.cache.store import Store
from generator.hashing import digest

SECTION = "parts"


class PartStore:
    """Formatted parts of plans in ``store``, by part and projection."""

    def __init__(self, store: Store, inputs: Sequence[str]) -> None:
        self.entries = store
        self.inputs = tuple(inputs)
        self.hits = 0
        self.misses = 0
        self.pending: dict[str, dict[str, str]] = {}
        self.pieces: OpenApiPieces | None = None

    def openapi(self, fingerprints: Mapping[int, str]) -> OpenApiPieces:
        """The pieces of ``openapi.json``; ``fingerprints``: ``id()`` of each operation of
        the model rendered -> text that differs whenever the operation does."""
        self.pieces = OpenApiPieces(self.entries, self.inputs, fingerprints)
        return self.pieces

    def key(self, part: str, projection: str) -> str:
        return digest(*self.inputs, SECTION, part, projection)

    def lookup(self, key: str) -> dict[str, str] | None:
        value = self.entries.get(SECTION, key)
        if _is_part(value):
            self.hits += 1
            return dict(value)
        self.misses += 1
        return None

    def store(self, key: str, files: dict[str, str]) -> None:
        """Kept until :meth:`commit` (the build decides: not when a template changed
        while it rendered)."""
        self.pending[key] = dict(files)

    def commit(self) -> None:
        for key, files in self.pending.items():
            self.entries.put(SECTION, key, files)
        self.pending.clear()
        if self.pieces is not None:
            self.pieces.commit()
            self.pieces = None


def _is_part(value: object) -> TypeGuard[dict[str, str]]:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )
