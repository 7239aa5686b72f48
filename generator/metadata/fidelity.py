"""How exactly the model's types match the service's schema: property precision and recall.

Measured over the structured types that both define, inherited properties included on
both sides, so a property documented on a base type counts once per derived type, as the
service would serialize it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.metadata.csdl import Metadata
from generator.model import TypeDef, TypeKind


@dataclass(frozen=True, slots=True)
class Fidelity:
    types: int  # structured types both define
    documented: int  # (type, property) pairs the model gives them
    matched: int  # ... that the metadata has too
    expected: int  # (type, property) pairs the metadata gives them
    extra: tuple[tuple[str, str], ...]  # in the model only
    missing: tuple[tuple[str, str], ...]  # in the metadata only

    @property
    def precision(self) -> float:
        return self.matched / self.documented if self.documented else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def model_properties(types: Sequence[TypeDef], name: str) -> set[str]:
    """Own and inherited property names of the model's type ``name`` (cycles cut)."""
    by_name = {t.full_name: t for t in types}
    names: set[str] = set()
    seen: set[str] = set()
    current = by_name.get(name)
    while current is not None and current.full_name not in seen:
        seen.add(current.full_name)
        names.update(p.name for p in current.properties)
        current = by_name.get(current.base) if current.base else None
    return names


def _shared(types: Sequence[TypeDef], metadata: Metadata) -> Iterator[TypeDef]:
    for t in types:
        schema = metadata.types.get(t.full_name)
        if t.kind != TypeKind.ENUM and schema is not None and schema.kind != "enum":
            yield t


def property_fidelity(types: Sequence[TypeDef], metadata: Metadata) -> Fidelity:
    extra: list[tuple[str, str]] = []
    missing: list[tuple[str, str]] = []
    documented = matched = expected = count = 0
    for t in _shared(types, metadata):
        count += 1
        ours = model_properties(types, t.full_name)
        theirs = set(metadata.all_properties(t.full_name))
        documented += len(ours)
        expected += len(theirs)
        matched += len(ours & theirs)
        extra.extend((t.full_name, p) for p in sorted(ours - theirs))
        missing.extend((t.full_name, p) for p in sorted(theirs - ours))
    return Fidelity(count, documented, matched, expected, tuple(extra), tuple(missing))
