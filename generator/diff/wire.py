"""Type changes that a client does not notice.

An enum value, a Guid and a string are all JSON strings, so a property retyped from
``Edm.String`` to the enum its description already listed (or to ``Edm.Guid``) takes and
returns the same text.  A property retyped to a type derived from its old one
(``identitySet`` to ``chatMessageFromIdentitySet``) still has every property a client
reads or writes.  Every other type change is breaking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.diff.surface import TypeSurface

_STRINGS = frozenset({"edm.string", "edm.guid"})


def _element(text: str) -> tuple[bool, str]:
    lowered = text.lower()
    if lowered.startswith("collection(") and lowered.endswith(")"):
        return True, lowered[len("collection(") : -1]
    return False, lowered


@dataclass(frozen=True, slots=True)
class Wire:
    enums: frozenset[str]  # lower-case full names
    bases: dict[str, str]  # lower-case full name -> its base, as the new docs say

    @classmethod
    def of(cls, old: Iterable[TypeSurface], new: Iterable[TypeSurface]) -> Wire:
        news = list(new)
        enums = frozenset(t.key for t in (*old, *news) if t.kind == "enum")
        return cls(enums, {t.key: t.base.lower() for t in news if t.base})

    def unnoticed(self, was: str, now: str) -> str | None:
        """Why a change from ``was`` to ``now`` keeps clients working, or None."""
        (many_was, a), (many_now, b) = _element(was), _element(now)
        if many_was != many_now:
            return None
        strings = _STRINGS | self.enums
        if a in strings and b in strings:
            return "both are JSON strings"
        seen: set[str] = set()
        while b in self.bases and b not in seen:
            seen.add(b)
            b = self.bases[b]
            if b == a:
                return f"{now} derives from {was}"
        return None
