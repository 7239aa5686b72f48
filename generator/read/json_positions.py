"""Where things stand in a JSON text: the keys of its outermost object, and the strings
of a key's array value, as offsets into the text.  Findings use them to point at the
key to change rather than at the start of the annotation or block.

A scanner, not a parser: it reads the almost-JSON of annotations (unquoted keys, single
quotes, comments, trailing commas) as well as strict JSON, never fails, and leaves out
what it cannot place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Positions:
    """``keys``: each key of the outermost object (its first occurrence) with the offset
    of its first character (the opening quote, if quoted); ``items``: for a key whose
    value is an array of strings (or one string), each string with its offset."""

    keys: dict[str, int] = field(default_factory=dict)
    items: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "punct", "string" or "bare"
    text: str  # the punctuation, the decoded string, or the bare word
    offset: int


def positions(text: str) -> Positions:
    """The positions of the outermost object's keys and of its keys' string items."""
    keys: dict[str, int] = {}
    items: dict[str, list[tuple[str, int]]] = {}
    depth = 0
    tokens = _tokens(text)
    current: str | None = None  # the key whose array value is being read (depth 2)
    for k, tok in enumerate(tokens):
        if tok.kind == "punct":
            if tok.text in "{[":
                depth += 1
            elif tok.text in "}]":
                depth -= 1
                if depth < 2:
                    current = None
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if depth == 1 and following is not None and following.text == ":":
            keys.setdefault(tok.text, tok.offset)
            value = tokens[k + 2] if k + 2 < len(tokens) else None
            if value is not None and value.kind == "string":
                items.setdefault(tok.text, []).append((value.text, value.offset))
            elif value is not None and value.text == "[":
                current = tok.text
                items.setdefault(tok.text, [])
        elif depth == 2 and current is not None and tok.kind == "string":
            items[current].append((tok.text, tok.offset))
    return Positions(keys, {key: tuple(found) for key, found in items.items()})


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 0-based line of ``offset`` in ``text`` and its 0-based column in that line."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


# One token at a time: white space and comments (skipped), punctuation, a string (its
# closing quote may be missing), or a bare word (an unquoted key, a number, a literal).
_TOKEN = re.compile(
    r"""[ \t\r\n]+|//[^\n]*|/\*.*?(?:\*/|\Z)"""
    r"""|([{}\[\],:])"""
    r"""|("(?:[^"\\]|\\.)*(?:"|\\?\Z)|'(?:[^'\\]|\\.)*(?:'|\\?\Z))"""
    r"""|((?:[^ \t\r\n{}\[\],:"'/]|/(?![/*]))+)""",
    re.S,
)


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    for m in _TOKEN.finditer(text):
        punct, string, bare = m.groups()
        if punct is not None:
            found.append(_Token("punct", punct, m.start()))
        elif string is not None:
            found.append(_Token("string", _decode(string, string[0]), m.start()))
        elif bare is not None:
            found.append(_Token("bare", bare, m.start()))
    return found


def _decode(literal: str, quote: str) -> str:
    """A string's value; as written between its quotes when it is not valid JSON."""
    inner = literal[1:-1] if len(literal) > 1 and literal.endswith(quote) else literal[1:]
    if quote == '"':
        try:
            value = json.loads(literal)
        except ValueError:
            return inner
        return value if isinstance(value, str) else inner
    return inner
