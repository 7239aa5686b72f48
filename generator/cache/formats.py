"""Black's output by its input: a file whose rendered text did not change is not
formatted again (black is most of a build's time).

The key is the unformatted text and the tool's version, which covers black's version
and its mode; only text that black formatted and Python compiled is ever stored.
"""

from __future__ import annotations

from generator.cache.store import Store
from generator.hashing import digest

SECTION = "formats"


class FormatStore:
    """A :class:`generator.sdk.render.FormatCache` over ``store``."""

    def __init__(self, store: Store, tool: str) -> None:
        self.entries = store
        self.tool = tool
        self.hits = 0
        self.misses = 0

    def lookup(self, text: str) -> str | None:
        value = self.entries.get(SECTION, digest(SECTION, self.tool, text))
        if isinstance(value, str):
            self.hits += 1
            return value
        self.misses += 1
        return None

    def store(self, text: str, formatted: str) -> None:
        self.entries.put(SECTION, digest(SECTION, self.tool, text), formatted)
