"""The OpenAPI document's text from pieces, and the pieces' keys (issue 25, incremental
rendering).

``paths`` holds one piece per path item, ``components.schemas`` one per type.  Each piece
is rendered from exactly what its key covers, in every build, cached or not
(generator.openapi.document): a path item from its operations (their fingerprints: what
the caller's cache counts as the whole operation), the variants and examples placed
there, their operationIds and the names of the doc set's types (the operations see the
types through :meth:`generator.openapi.schemas.Components.names_only`, never their
properties); a type's schema from the type, the property names of its bases, its
descendants and those same names.  So a piece from the cache is the piece a cold
render gives.

The text is ``json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True)`` written a
member at a time: a piece is kept as its own JSON text (:class:`Encoded`) and moved to
its depth by indenting its line breaks, exact because the encoder escapes every line
break inside a string (as generator.jsontext does).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from generator.model import Operation

INDENT = 2
_ENCODER = json.JSONEncoder(indent=INDENT, sort_keys=True, ensure_ascii=True)
_PAD = " " * INDENT


@dataclass(frozen=True, slots=True)
class Encoded:
    """A value already written as JSON text, indented for ``depth``: a piece written at
    the depth it was encoded for is used as it is, not copied (the document of a large
    doc set is tens of MB)."""

    text: str
    depth: int = 0

    def __reduce__(self) -> tuple[type[Encoded], tuple[str, int]]:
        return Encoded, (self.text, self.depth)  # not dataclasses' __setstate__

    def at(self, depth: int) -> str:
        """The text indented for ``depth``."""
        if depth == self.depth:
            return self.text
        return self.text.replace("\n" + _PAD * self.depth, "\n" + _PAD * depth)


def encoded(value: Any, depth: int = 0) -> Encoded:
    """``value`` as JSON text for ``depth`` (where the document will hold it)."""
    text = _ENCODER.encode(value)
    return Encoded(text.replace("\n", "\n" + _PAD * depth) if depth else text, depth)


class Members(dict[str, Any]):
    """An object written member by member at any depth, so that its members may be
    :class:`Encoded` pieces."""


def document_text(doc: Mapping[str, Any]) -> str:
    """``json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True) + "\\n"``, where
    :class:`Members` objects (and the objects holding them) may hold :class:`Encoded`
    pieces."""
    out: list[str] = []
    _write(doc, 0, out)
    out.append("\n")
    return "".join(out)


def _write(value: Any, depth: int, out: list[str]) -> None:
    if not isinstance(value, Encoded):
        if isinstance(value, dict) and value and _split(value):
            _write_members(value, depth, out)
            return
        value = encoded(value, depth)
    out.append(value.at(depth))


def _split(value: dict[str, Any]) -> bool:
    """Written a member at a time: a :class:`Members`, or an object holding pieces (in
    its members, or theirs)."""
    return isinstance(value, Members) or any(
        isinstance(v, Members | Encoded) or (isinstance(v, dict) and _split(v))
        for v in value.values()
    )


def _write_members(value: dict[str, Any], depth: int, out: list[str]) -> None:
    inner = "\n" + _PAD * (depth + 1)
    out.append("{")
    for i, (key, member) in enumerate(sorted(value.items())):
        if not isinstance(key, str):
            raise TypeError(f"keys of the document are strings, not {type(key).__name__}")
        out.append(f"{',' if i else ''}{inner}{_ENCODER.encode(key)}: ")
        _write(member, depth + 1, out)
    out.append("\n" + _PAD * depth + "}")


class PieceCache(Protocol):
    """Pieces of documents rendered before, by key; what an operation is, by value."""

    def fingerprint(self, op: Operation) -> str:
        """Text that differs whenever anything in ``op`` differs (``repr(op)`` will do)."""
        ...

    def get(self, key: str) -> object | None: ...

    def put(self, key: str, value: object) -> None: ...


class MemoryPieces:
    """A :class:`PieceCache` in a dict (tests; a cache kept between renders)."""

    def __init__(self) -> None:
        self.pieces: dict[str, object] = {}
        self.hits = 0
        self.misses = 0

    def fingerprint(self, op: Operation) -> str:
        return repr(op)

    def get(self, key: str) -> object | None:
        value = self.pieces.get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        self.pieces[key] = value
