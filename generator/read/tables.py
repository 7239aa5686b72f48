"""GFM tables as one token each.

markdown-it's table rule (markdown_it/rules_block/table.py, MIT) makes three tokens per
cell and four per row: on the Graph docs, more than half of all block tokens, each an
object built and walked again by the reader (issue 25: the cold read).  :func:`table`
makes the same decisions line for line (where a table starts, where it ends, how a row
splits into cells, how short rows are filled) and pushes one :data:`TOKEN` whose
``meta`` holds each row's first line and cell texts, as markdown-it's inline tokens
would hold them.  What it saves is counted (:func:`spent`), so the token budget cuts a
page where it did with markdown-it's tokens.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import isStrSpace, mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit

TOKEN = "docs2code_table"
ROWS = "rows"  # meta: ((0-based line, (cell text, ...)), ...), the header row first
_SAVED = "docs2code.table_tokens_saved"  # env: tokens markdown-it would have made, less ours

_HEADER_CELL = re.compile(r"^:?-+:?$")


def spent(state: StateBlock) -> int:
    """The tokens markdown-it would hold by now, had it made every table's tokens."""
    saved: int = state.env.get(_SAVED, 0)
    return len(state.tokens) + saved


def table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's ``table`` rule, one token per table (the module's docstring)."""
    if start_line + 2 > end_line:
        return False
    next_line = start_line + 1
    if state.sCount[next_line] < state.blkIndent or state.is_code_block(next_line):
        return False
    # The delimiter row: /^[-:|][-:|\s]*$/, and no list item ("- ").
    pos = state.bMarks[next_line] + state.tShift[next_line]
    end = state.eMarks[next_line]
    if pos + 1 >= end:
        return False
    first, second = state.src[pos], state.src[pos + 1]
    if first not in "|-:" or (second not in "|-:" and not isStrSpace(second)):
        return False
    if first == "-" and isStrSpace(second):
        return False
    for ch in state.src[pos + 2 : end]:
        if ch not in "|-:" and not isStrSpace(ch):
            return False
    aligned = 0
    delimiters = state.src[pos:end].split("|")
    for i, column in enumerate(delimiters):
        t = mdTrim(column)
        if not t:
            if i == 0 or i == len(delimiters) - 1:
                continue
            return False
        if not _HEADER_CELL.search(t):
            return False
        aligned += 1
    text = mdTrim(_line(state, start_line))
    if "|" not in text or state.is_code_block(start_line):
        return False
    header = _cells(text)
    count = len(header)
    if count == 0 or count != aligned:
        return False
    if silent:
        return True

    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    rows: list[tuple[int, tuple[str, ...]]] = [(start_line, tuple(mdTrim(c) for c in header))]
    autocompleted = 0
    next_line = start_line + 2
    while next_line < end_line:
        if state.sCount[next_line] < state.blkIndent:
            break
        if any(rule(state, next_line, end_line, True) for rule in terminators):
            break
        text = mdTrim(_line(state, next_line))
        if not text or state.is_code_block(next_line):
            break
        cells = _cells(text)
        autocompleted += count - len(cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        filled = tuple(mdTrim(c) if c else "" for c in cells[:count])
        rows.append((next_line, filled + ("",) * (count - len(filled))))
        next_line += 1

    token = state.push(TOKEN, "table", 0)
    token.map = [start_line, next_line]
    token.meta = {ROWS: tuple(rows)}
    body = len(rows) - 1
    made = 6 + 3 * count + (2 + body * (2 + 3 * count) if body else 0)
    state.env[_SAVED] = state.env.get(_SAVED, 0) + made - 1
    state.parentType = old_parent
    state.line = next_line
    return True


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _cells(text: str) -> list[str]:
    """The row's cells as markdown-it splits them: at each unescaped ``|``, without the
    empty cells before a leading and after a trailing pipe."""
    # without a backslash no pipe is escaped: markdown-it's character loop splits at each
    cells = escapedSplit(text) if "\\" in text else text.split("|")
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells
