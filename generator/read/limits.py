"""How much of a page the reader takes on: bounds on size, nesting and tables.

Thousands of people edit a doc set, so one page may be huge, nest a JSON body 100,000
levels deep or hold a table a million cells wide, by accident or on purpose.  Each bound
is far above any real page (figures from the 3,341 pages of the shared corpus), and each
hit is a reader diagnostic: the page is skipped, or the value is kept as text, or the
table is cut, so that work and memory stay bounded and nothing deeper than ``depth``
ever reaches the model as a parsed value (nothing downstream can then recurse too deep).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Limits:
    """Set in ``[tool.docs2code.limits]``; the field names are the setting names."""

    page_bytes: int = 4 * 1024 * 1024  # largest real page: 82 KB; larger is skipped (DC015)
    depth: int = 64  # JSON 11, Markdown 6, YAML 3 levels at most in real pages (DC016)
    table_rows: int = 10_000  # real tables: 826 rows at most (DC017)
    table_columns: int = 100  # real tables: 6 columns at most (DC017)
    annotation_bytes: int = 64 * 1024  # real annotations: 3.3 KB at most (DC018)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


DEFAULT_LIMITS = Limits()


def json_depth(text: str, limit: int) -> int | None:
    """The line (0-based) where brackets outside strings first nest deeper than ``limit``,
    or None.  Iterative and linear, so it is safe on any text, JSON or not: it is what
    keeps a deep value away from ``json.loads`` and from every recursive walk after it."""
    depth = 0
    line = 0
    quote: str | None = None
    escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if quote is not None:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote or char == "\n":  # a raw newline: lenient JSON's business
                quote = None
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == '"' or char == "'":
            quote = char
    return None
