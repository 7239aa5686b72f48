"""Whether black would leave a piece of generated Python as it is, decided without black
(imported only through the gate in :mod:`generator.render.stable`, when the installed
black is the release this follows).

The rule: the piece is cut into black's lines (statements, compound statements' headers,
comment lines); each must be in the subset of Python this package models (module
:mod:`.syntax`), and each must read exactly as black would write it: every token spelt
as black spells it (strings and docstrings through black's own string functions), the
spaces between tokens black's (``black.nodes.whitespace``), a line that fits in 100
columns as black measures them (``str_width``: wide characters count two) on one line
unless it has a magic trailing comma, a longer one split as black's ``transform_line``
splits it (ported, side effects included), and the empty lines between lines those of
black's ``EmptyLineTracker``.  Anything outside the subset, or any doubt the port cannot
settle (black's second opinion on a split), answers "no": black formats that piece, as
before.  The tests hold the rule to black on every piece of the builds they make.

The ported parts follow black 26.10.1 (``FOLLOWS``; https://github.com/psf/black), under
its license:
"""

# The MIT License (MIT). Copyright (c) 2018 Łukasz Langa.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
# permit persons to whom the Software is furnished to do so, subject to the following
# conditions: The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
# PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
# HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
# CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
# THE USE OR OTHER DEALINGS IN THE SOFTWARE.

from __future__ import annotations

import itertools
from dataclasses import replace

from black.strings import str_width

from generator.render.stable.blanks import Block, EmptyLines, Shape
from generator.render.stable.lines import LINE_LENGTH, Line, line_to_string
from generator.render.stable.source import Comment, Statement, read
from generator.render.stable.spacing import whitespace
from generator.render.stable.splits import transform_line
from generator.render.stable.syntax import (
    CLOSING,
    Leaf,
    Parser,
    Unsupported,
    is_multiline_string,
)
from generator.render.stable.text import comment, docstring, string


def unchanged(piece: str) -> bool:
    """True when ``black.format_str(piece)`` is ``piece`` without its surrounding line
    ends; False when it is not, or when this cannot tell (black then formats it, so
    the proof failing in any way never fails a build)."""
    text = piece.strip("\n")
    if not text:
        return False
    try:
        return _settled(text + "\n")
    except Exception:  # Unsupported, or a proof that broke: it proves nothing
        return False


def _settled(text: str) -> bool:
    records = read(text)
    tracker = EmptyLines()
    blocks: list[Block] = []
    for record in records:
        if isinstance(record, Comment):
            if not comment(record.text):
                return False
            shape = Shape(record.depth, record.before, "", "", is_comment=True)
        else:
            lines, shape = _statement(record)
            if lines != record.lines:
                return False
        blocks.append(tracker.block(shape))
    blocks[-1].after = 0
    after = 0
    for block, record in zip(blocks, records, strict=True):
        if block.before + after != record.before:
            return False
        after = block.after
    return True


def _statement(record: Statement) -> tuple[list[str], Shape]:
    """How black writes the statement, and what its empty lines depend on."""
    tokens, depth = record.tokens, record.depth
    if len(tokens) == 1 and tokens[0][0] == "STRING":
        if record.comment is not None:
            raise Unsupported("comment after a string")
        value = tokens[0][1]
        written = docstring(value, depth) if record.block_start else string(value)
        shape = Shape(
            depth,
            record.before,
            value,
            "STRING",
            is_docstring=record.block_start,
            is_lone_string=True,
        )
        return ("    " * depth + written).split("\n"), shape
    leaves = Parser(tokens).statement().leaves()
    for index, leaf in enumerate(leaves):
        if leaf.type == "STRING":
            if "\n" in leaf.value or is_multiline_string(leaf):
                raise Unsupported("multiline string inside a statement")
            if string(leaf.value) != leaf.value:
                raise Unsupported("a string black spells otherwise")
        leaf.prefix = whitespace(leaf) if index else ""
    shape = Shape(depth, record.before, leaves[0].value, leaves[-1].type)
    written = "    " * depth + "".join(leaf.prefix + leaf.value for leaf in leaves)
    if record.comment is not None:
        if not comment(record.comment):
            raise Unsupported("a comment black writes otherwise")
        written = f"{written}  {record.comment}"
    if len(record.lines) == 1 and not _maybe_magic(leaves) and str_width(written) <= LINE_LENGTH:
        return [written], _imported(shape, leaves)  # black's first case: short enough as is
    if record.comment is not None:
        raise Unsupported("a commented line black would split")
    line = Line(depth)
    for leaf in leaves:
        line.append(leaf)
    lines = [line_to_string(result) for result in transform_line(line)]
    return lines, _imported(shape, leaves)


def _maybe_magic(leaves: list[Leaf]) -> bool:
    """A comma right before a closing bracket: maybe a magic trailing comma."""
    return any(
        a.type == "," and b.type in CLOSING and b.value for a, b in itertools.pairwise(leaves)
    )


def _imported(shape: Shape, leaves: list[Leaf]) -> Shape:
    first, parent = leaves[0], leaves[0].parent
    if first.type == "NAME" and first.value in ("import", "from") and parent is not None:
        return replace(shape, is_import=parent.type in ("import_name", "import_from"))
    return shape
