"""How much of a page the reader takes on: bounds on size, nesting and tables.

Thousands of people edit a doc set, so one page may be huge, nest a JSON body 100,000
levels deep or hold a table a million cells wide, by accident or on purpose.  Each bound
is far above any real page (figures from the 3,341 pages of the shared corpus), and each
hit is a reader diagnostic: the page is skipped, or the value is kept as text, or the
table is cut, so that work and memory stay bounded and nothing deeper than ``depth``
ever reaches the model as a parsed value (nothing downstream can then recurse too deep).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Limits:
    """Set in ``[tool.docs2code.limits]``; the field names are the setting names."""

    page_bytes: int = 4 * 1024 * 1024  # largest real page: 82 KB; larger is skipped (DC015)
    depth: int = 64  # JSON 11, Markdown 6, YAML 3 levels at most in real pages (DC016)
    table_rows: int = 10_000  # real tables: 826 rows at most (DC017)
    table_columns: int = 100  # real tables: 6 columns at most (DC017)
    annotation_bytes: int = 64 * 1024  # real annotations: 3.3 KB at most (DC018)
    markdown_tokens: int = 100_000  # real pages: 9,264 block tokens, 131 in one inline (DC019)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


DEFAULT_LIMITS = Limits()


# What lenient_json's tokenizer skips whole (strings, comments), and brackets: counting
# brackets outside the rest gives exactly the depth json.loads would recurse to.
_SKIP_OR_BRACKET = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"?'
    r"|'[^'\\]*(?:\\.[^'\\]*)*'?"
    r"|//[^\n]*"
    r"|/\*.*?(?:\*/|\Z)"
    r"|[\[\]{}]",
    re.S,
)


def too_deep(text: str, limit: int) -> int | None:
    """The 0-based line where JSON brackets (outside strings and comments, as
    :mod:`generator.read.lenient_json` tokenizes) first nest deeper than ``limit``, or None.
    Iterative and linear, so safe on any text: it keeps a deep value from ``json.loads``
    and from every recursive walk after it."""
    if text.count("[") + text.count("{") <= limit:  # the common case, at C speed
        return None
    depth = 0
    for match in _SKIP_OR_BRACKET.finditer(text):
        char = match.group()
        if char == "[" or char == "{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start())
        elif char == "]" or char == "}":
            depth = max(depth - 1, 0)
    return None
