"""The one digest that names things by content: cache entries (generator.cache) and the
pieces of openapi.json (generator.openapi.pieces), which may not import the cache."""

from __future__ import annotations

import hashlib


def digest(*parts: str | bytes) -> str:
    """sha256 of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()
