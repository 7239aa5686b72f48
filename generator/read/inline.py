"""Plain text and links of one inline Markdown run (a heading, a table cell, a paragraph).

A run's inline parse (markdown-it's inline rules) is as costly as its block parse, and
most runs are never asked for more than their Markdown: :func:`generator.read.blocks.parse_blocks`
hands out runs whose text, links, code and strong runs are parsed on first use
(:meth:`Inline.deferred`), so a paragraph no reader looks at is never inline-parsed.
Either way the values are the same: the parse depends only on the run and its page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class InlineLink:
    text: str
    target: str
    line: int = 0  # lines after the start of the run (soft breaks before the link)
    column: int = 1  # the file column of its first character (``[`` or ``<``)


Parsed = tuple[str, tuple[InlineLink, ...], tuple[str, ...], tuple[str, ...]]


class Inline:
    """``text`` is the run with markup removed; ``raw`` is the Markdown as written;
    ``links``, ``code`` (contents of `code spans`) and ``strong`` (of **strong** runs)."""

    __slots__ = ("_parse", "_parsed", "raw")

    def __init__(
        self,
        text: str,
        raw: str,
        links: tuple[InlineLink, ...] = (),
        code: tuple[str, ...] = (),
        strong: tuple[str, ...] = (),
    ) -> None:
        self.raw = raw
        self._parsed: Parsed | None = (text, links, code, strong)
        self._parse: Callable[[], Parsed] | None = None

    @classmethod
    def deferred(cls, raw: str, parse: Callable[[], Parsed]) -> Inline:
        """A run whose values ``parse`` gives when first asked for (then it is dropped)."""
        run = cls.__new__(cls)
        run.raw = raw
        run._parsed = None
        run._parse = parse
        return run

    def _values(self) -> Parsed:
        parsed = self._parsed
        if parsed is None:
            assert self._parse is not None
            parsed = self._parsed = self._parse()
            self._parse = None
        return parsed

    @property
    def text(self) -> str:
        return self._values()[0]

    # The values a deferred run has without a parse: markdown-it makes a link only from a
    # ``[`` (inline, reference or shortcut link) or a ``<`` (autolink), a code span only
    # from a backtick, and a strong run only from two ``*`` or ``_`` side by side.

    @property
    def links(self) -> tuple[InlineLink, ...]:
        if self._parsed is None and "[" not in self.raw and "<" not in self.raw:
            return ()
        return self._values()[1]

    @property
    def code(self) -> tuple[str, ...]:
        if self._parsed is None and "`" not in self.raw:
            return ()
        return self._values()[2]

    @property
    def strong(self) -> tuple[str, ...]:
        if self._parsed is None and "**" not in self.raw and "__" not in self.raw:
            return ()
        return self._values()[3]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Inline):
            return NotImplemented
        return self.raw == other.raw and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.raw, self._values()))

    def __repr__(self) -> str:
        text, links, code, strong = self._values()
        return (
            f"Inline(text={text!r}, raw={self.raw!r}, links={links!r}, code={code!r}, "
            f"strong={strong!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its values (parsed now if they were not), never with the parser."""
        text, links, code, strong = self._values()
        return Inline, (text, self.raw, links, code, strong)


def plain(raw: str) -> Inline:
    """An Inline for text known to carry no markup (used in tests and fallbacks)."""
    return Inline(raw.strip(), raw)
