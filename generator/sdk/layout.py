"""Black's layout for the statements the templates write, so that black finds nothing to
change in generated code and the build can skip it (generator.render.stable).

Each function takes a statement's parts, already spelt as black spells them (strings
through ``pystr``), and the column it starts at, and returns its text from that column
on: the first line without indentation, the others indented absolutely.  The rules are
black's (100 columns as black measures them: wide characters count two):

* one line when it fits;
* else the brackets split: what precedes the opening bracket on the first line, the
  contents one level deeper on one line when they fit there, else one item a line with a
  trailing comma, the closing bracket (and what follows it) on the last line;
* a function's single parameter keeps a trailing comma on its line, an import always
  has one, and an item spanning lines (a wrapped string, a tuple that ends in a comma)
  makes its brackets split one item a line.

When black would split further (an item too long for its line that is not a string
black leaves alone, a first or last line too long), the statement is returned on one
line and black lays it out: the output is black's either way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

try:  # black's measure (wide characters count two); any release since 23.1 has it
    from black.strings import str_width
except ImportError:  # pragma: no cover - another black: formatting then settles the width

    def str_width(line_str: str) -> int:
        return len(line_str)


WIDTH = 100
# A string, or a (dotted) name, maybe imported as another: black cannot split them.
_UNSPLITTABLE = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[A-Za-z_][\w.]*(?: as [A-Za-z_]\w*)?'
)


def _fits(text: str) -> bool:
    return "\n" not in text and str_width(text) <= WIDTH


def _unsplittable(item: str) -> bool:
    """An item black leaves as it is on a line of its own however long."""
    return _UNSPLITTABLE.fullmatch(item) is not None


def _items(items: Sequence[str], inner: str) -> str | None:
    """The contents of split brackets at ``inner``: one item a line with trailing commas
    (a lone item too long for its line stays as it is when black cannot split it, a
    string); None when black would split an item further."""
    if len(items) == 1 and "\n" not in items[0]:
        return f"{inner}{items[0]}\n" if _unsplittable(items[0]) else None
    for item in items:
        if "\n" not in item and not _fits(f"{inner}{item},") and not _unsplittable(item):
            return None
    return "".join(f"{inner}{item},\n" for item in items)


def call(head: str, items: Sequence[str], indent: int, tail: str = "") -> str:
    """``head(items)tail``: a call (``check(...)``, ``return self._param(...)``) or a
    class line (``tail=":"``), split at its brackets even when the first line is too
    long (black has nothing else to split there)."""
    pad, inner = " " * indent, " " * (indent + 4)
    body = ", ".join(items)
    flat = f"{head}({body}){tail}"
    if _fits(pad + flat):
        return flat
    if not _fits(f"{pad}){tail}"):
        return flat  # black would split what follows the brackets too
    if _fits(inner + body):
        return f"{head}(\n{inner}{body}\n{pad}){tail}"
    lines = _items(items, inner)
    return flat if lines is None else f"{head}(\n{lines}{pad}){tail}"


def declaration(
    target: str, annotation: str, callee: str, items: Sequence[str], indent: int
) -> str:
    """``target: annotation = callee(items)`` (a descriptor declaration), split at the
    call's parentheses when ``target: annotation = callee(`` fits.  Else black keeps the
    call whole in parentheses after the ``=`` if that fits, or splits the annotation's
    brackets (``Child[`` ... ``] = Child(...)``)."""
    pad, inner = " " * indent, " " * (indent + 4)
    head = f"{target}: {annotation} = {callee}"
    whole = f"{callee}({', '.join(items)})"
    flat = f"{target}: {annotation} = {whole}"
    if _fits(pad + flat) or _fits(f"{pad}{head}("):
        return call(head, items, indent)
    if _fits(f"{pad}{target}: {annotation} = ("):
        if _fits(inner + whole):
            return f"{target}: {annotation} = (\n{inner}{whole}\n{pad})"
        return flat
    outer, bracket, rest = annotation.partition("[")
    if not bracket or not rest.endswith("]") or not _fits(f"{pad}{target}: {outer}["):
        return flat
    subscript = _subscript(rest[:-1], indent + 4)
    if subscript is None:
        return flat
    opened = f"{target}: {outer}[\n{subscript}\n{pad}]"
    if _fits(f"{pad}] = {whole}"):
        return f"{opened} = {whole}"
    split = call(f"] = {callee}", items, indent)
    return flat if split == f"] = {whole}" else f"{opened}{split[1:]}"


def _subscript(text: str, indent: int) -> str | None:
    """A subscript's contents on lines of their own from ``indent``: one line, else one
    item a line with trailing commas, else (one item, ``T[U]``) split at its brackets."""
    pad = " " * indent
    if _fits(pad + text):
        return pad + text
    items = text.split(", ") if "[" not in text else [text]
    if len(items) > 1:
        lines = _items(items, pad)
        return None if lines is None else lines.rstrip("\n")
    outer, bracket, rest = text.partition("[")
    if not bracket or not rest.endswith("]") or "[" in rest or not _fits(f"{pad}    {rest[:-1]}"):
        return None
    return f"{pad}{outer}[\n{pad}    {rest[:-1]}\n{pad}]"


def signature(head: str, parameters: Sequence[str], tail: str, indent: int) -> str:
    """``head(parameters)tail`` for a ``def`` line (``tail`` is `` -> T:``): split at its
    parentheses even when ``head(`` is too long (black cannot do better)."""
    pad, inner = " " * indent, " " * (indent + 4)
    flat = f"{head}({', '.join(parameters)}){tail}"
    if _fits(pad + flat) or not _fits(f"{pad}){tail}"):
        return flat
    body = ", ".join(parameters) + ("," if len(parameters) == 1 else "")
    if _fits(inner + body):
        return f"{head}(\n{inner}{body}\n{pad}){tail}"
    lines = _items(parameters, inner)
    return flat if lines is None else f"{head}(\n{lines}{pad}){tail}"


def imports(module: str, names: Sequence[str], indent: int) -> str:
    """``from module import names``; a long one in parentheses, one name a line."""
    pad, inner = " " * indent, " " * (indent + 4)
    flat = f"from {module} import {', '.join(names)}"
    if _fits(pad + flat) or not _fits(f"{pad}from {module} import ("):
        return flat
    if not all(_fits(f"{inner}{name},") or _unsplittable(name) for name in names):
        return flat
    lines = "".join(f"{inner}{name},\n" for name in names)
    return f"from {module} import (\n{lines}{pad})"


def assignment(target: str, value: str, indent: int, annotation: str | None = None) -> str:
    """``target = value`` or ``target: annotation = value``, for a value without
    brackets (a string, None).  Too long, the value goes in parentheses on a line of its
    own when ``... = (`` fits; else an annotation goes there (``target: (``)."""
    pad, inner = " " * indent, " " * (indent + 4)
    left = target if annotation is None else f"{target}: {annotation}"
    flat = f"{left} = {value}"
    if _fits(pad + flat):
        return flat
    if _fits(f"{pad}{left} = ("):
        return f"{left} = (\n{inner}{value}\n{pad})" if _fits(inner + value) else flat
    if annotation is None or not _fits(inner + annotation) or not _fits(f"{pad}) = {value}"):
        return flat
    return f"{target}: (\n{inner}{annotation}\n{pad}) = {value}"


def exploded_tuple(items: Sequence[str], indent: int) -> str:
    """A tuple literal as black writes it; ``(a,)`` for one item, and for more, the
    trailing comma the templates write is magic: one item a line, at ``indent`` + 4."""
    if len(items) == 1:
        return f"({items[0]},)"
    inner = " " * (indent + 4)
    return "(\n" + "".join(f"{inner}{item},\n" for item in items) + " " * indent + ")"


Trailer = str | tuple[str, ...]  # ``.name``, or a call's arguments


def _written(trailers: Sequence[Trailer]) -> str:
    return "".join(t if isinstance(t, str) else f"({', '.join(t)})" for t in trailers)


def chain(start: str, trailers: Sequence[Trailer], indent: int) -> str:
    """``start`` and its trailers (``lambda x: client`` ``.drives`` ``("id",)`` ...) as
    an item of brackets split one item a line (``call`` adds its comma).  Too long for
    its line, black splits a chain before every attribute that follows a call when there
    are two or more of them, else at the brackets of the last call whose line up to them
    fits (its arguments on the next line, one level deeper)."""
    pad = " " * indent
    flat = f"{start}{_written(trailers)}"
    if _fits(f"{pad}{flat},"):
        return flat
    after_call = [
        i
        for i, t in enumerate(trailers)
        if i and isinstance(t, str) and not isinstance(trailers[i - 1], str)
    ]
    if len(after_call) < 2:
        return _split_call(start, trailers, indent, ",") or flat
    bounds = [0, *after_call, len(trailers)]
    parts: list[str] = []
    for a, b in itertools.pairwise(bounds):
        head, end = (start if a == 0 else ""), ("," if b == len(trailers) else "")
        part = head + _written(trailers[a:b])
        if not _fits(f"{pad}{part}{end}"):  # the line split at its last call that fits
            split = _split_call(head, trailers[a:b], indent, end)
            if split is None:
                return flat
            part = split
        parts.append(part)
    return f"\n{pad}".join(parts)


def _split_call(start: str, trailers: Sequence[Trailer], indent: int, end: str) -> str | None:
    """Black's right_hand_split with trailers omitted: at the last call first, then at
    the calls before it while the rest of the line, from the call's closing bracket on
    (and ``end``), fits."""
    pad, inner = " " * indent, " " * (indent + 4)
    calls = [i for i, t in enumerate(trailers) if isinstance(t, tuple) and t]
    for n, i in enumerate(reversed(calls)):
        rest = f"){_written(trailers[i + 1 :])}"
        if n and not _fits(f"{pad}{rest}{end}"):
            return None
        head = f"{start}{_written(trailers[:i])}("
        if not _fits(pad + head):
            continue
        arguments = trailers[i]
        assert isinstance(arguments, tuple)
        body = ", ".join(arguments)
        lines = f"{inner}{body}\n" if _fits(inner + body) else _items(arguments, inner)
        if lines is None or not _fits(f"{pad}{rest}{end}"):
            return None
        return f"{head}\n{lines}{pad}{rest}"
    return None


FILTERS: dict[str, Callable[..., str]] = {
    "pycall": call,
    "pydeclare": declaration,
    "pydef": signature,
    "pyimport": imports,
    "pyassign": assignment,
    "pytuple": exploded_tuple,
    "pychain": chain,
}
