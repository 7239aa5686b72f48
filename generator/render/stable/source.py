"""A piece cut into the lines black formats one at a time: statements (a compound
statement's header is one) and comment lines, each with its depth, the empty lines
above it and its text as written.  Lexical forms black would rewrite or that the subset
leaves out (control characters, trailing spaces, backslash continuations, semicolons,
comments inside brackets, indentation other than four spaces a level) raise
:class:`Unsupported`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.render.stable.syntax import CLOSING, OPENING, Unsupported

_TOKEN = re.compile(
    r"""
    (?P<gap>[ ]*)
    (?:
      (?P<newline>\n)
    | (?P<comment>\#[^\n]*)
    | (?P<string>[rRuU]?
        (?:\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
          |'''(?:[^'\\]|\\.|'(?!''))*'''
          |"(?:[^"\\\n]|\\.)*"
          |'(?:[^'\\\n]|\\.)*'))
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>[0-9]+(?:\.[0-9]+)?(?![0-9A-Za-z_.]))
    | (?P<op>->|[()\[\]{},:.=|@])
    | (?P<other>.)
    )
    """,
    re.VERBOSE | re.DOTALL,
)
_KINDS = {"name": "NAME", "number": "NUMBER", "string": "STRING"}
# Control characters and the line separators str.splitlines() knows, or a space at a
# line's end: black may treat them otherwise than as written.
_REJECTED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]| \n")


@dataclass(slots=True)
class Statement:
    depth: int
    before: int  # empty lines above it
    block_start: bool  # the first statement of the piece or of a block: a docstring's place
    start: int  # index of its first physical line
    tokens: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # as written, without line ends
    comment: str | None = None  # a comment after it on its last line


@dataclass(frozen=True, slots=True)
class Comment:
    depth: int
    before: int
    text: str


Record = Statement | Comment


def read(text: str) -> list[Record]:
    """``text``: a piece that ends with exactly one line end."""
    if _REJECTED.search(text):
        raise Unsupported("control character or trailing space")
    physical = text.split("\n")
    records: list[Record] = []
    indents = [0]
    pending: list[Comment] = []  # comment lines above the next statement
    statement: Statement | None = None
    brackets = 0
    row = 0
    line_start = True  # nothing but indentation yet on this physical line
    indent = 0
    blank = 0
    opens_block = False
    first = True  # no statement yet: the next is in a docstring's place
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "newline":
            if statement is not None and brackets == 0:
                statement.lines = physical[statement.start : row + 1]
                records.append(statement)
                opens_block = statement.tokens[-1][1] == ":"
                statement = None
            elif statement is None and line_start:
                blank += 1
            row += 1
            line_start = True
            continue
        gap = match.group("gap")
        value = match.group(kind or 0)
        if line_start:
            indent = len(gap)
        if kind == "other" or kind is None:
            raise Unsupported(f"unsupported character {value!r}")
        if kind == "comment":
            if statement is not None:
                if brackets or gap != "  ":
                    raise Unsupported("comment inside brackets, or not two spaces after code")
                statement.comment = value
            else:
                pending.append(Comment(indent, blank, value))
                blank = 0
            line_start = False
            continue
        if statement is None:
            level = _depth(indents, indent, opens_block)
            for comment in pending:
                if comment.depth != indent:
                    raise Unsupported("comment not at the depth of the next line")
                records.append(Comment(level, comment.before, comment.text))
            pending = []
            statement = Statement(level, blank, first or opens_block, row)
            blank = 0
            first = False
        line_start = False
        if kind == "op":
            if value in OPENING:
                brackets += 1
            elif value in CLOSING:
                brackets -= 1
                if brackets < 0:
                    raise Unsupported("unbalanced brackets")
            statement.tokens.append(("OP", value))
            continue
        if kind == "string" and "\n" in value:
            if value[-3:] not in ('"""', "'''"):
                raise Unsupported("line break in a one-quote string")
            row += value.count("\n")
        statement.tokens.append((_KINDS[kind], value))
    if statement is not None or pending or brackets:
        raise Unsupported("unfinished text")
    return records


def _depth(indents: list[int], indent: int, opens_block: bool) -> int:
    if opens_block:
        if indent != indents[-1] + 4:
            raise Unsupported("indentation")
        indents.append(indent)
    else:
        while indent < indents[-1]:
            indents.pop()
        if indent != indents[-1]:
            raise Unsupported("indentation")
    return len(indents) - 1
