"""Plain text and links of one inline Markdown run (a heading, a table cell, a paragraph)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InlineLink:
    text: str
    target: str
    line: int = 0  # lines after the start of the run (soft breaks before the link)
    column: int = 1  # the file column of its first character (``[`` or ``<``)


@dataclass(frozen=True, slots=True)
class Inline:
    """``text`` is the run with markup removed; ``raw`` is the Markdown as written."""

    text: str
    raw: str
    links: tuple[InlineLink, ...] = ()
    code: tuple[str, ...] = ()  # contents of `code spans`
    strong: tuple[str, ...] = ()  # contents of **strong** runs


def plain(raw: str) -> Inline:
    """An Inline for text known to carry no markup (used in tests and fallbacks)."""
    return Inline(raw.strip(), raw)
