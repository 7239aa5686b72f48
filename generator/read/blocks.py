"""Markdown to a flat list of block elements with true source lines.

markdown-it-py does the CommonMark work; this module keeps only what the page readers
need (headings, fences, tables, comments, paragraphs, links) and notices what
markdown-it silently accepts: a fence or an HTML comment that is never closed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Union

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core.text_join import text_join
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import autolink as md_autolink
from markdown_it.rules_inline import link as md_link
from markdown_it.token import Token

from generator.diagnostics import diag
from generator.model import Diagnostic, Span
from generator.read.inline import Inline, InlineLink, Parsed
from generator.read.limits import DEFAULT_LIMITS, Limits, too_deep
from generator.read.tables import ROWS, TOKEN, spent
from generator.read.tables import table as gfm_table

_CONTAINERS = {
    "blockquote_open": 1,
    "list_item_open": 1,
    "blockquote_close": -1,
    "list_item_close": -1,
}


_BUDGET = "docs2code.token_budget"  # env keys the two rules below share with parse_blocks
_CUT_LINE = "docs2code.cut_line"
_INLINE_CUT = "docs2code.inline_cut"
_LIMITS = "docs2code.limits"
_DEEP_LINE = "docs2code.deep_line"
_TABLES_CUT = "docs2code.tables_cut"  # first lines of tables cut short or read as text


def _block_budget(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Tried before every block rule: once the page has its budget of tokens, the rest of
    the text is passed over unread (markdown-it keeps every token of a page in memory).
    A line nested too deep is passed over on its own, before markdown-it's own nesting
    guard would pass over the whole rest of the page."""
    if silent:
        return False
    if state.level >= state.md.options.maxNesting - 4:
        state.env.setdefault(_DEEP_LINE, start + 1)
        state.line = start + 1
        return True
    if spent(state) < state.env[_BUDGET]:
        return False
    state.env.setdefault(_CUT_LINE, start + 1)
    state.line = end
    return True


def _inline_budget(state: StateInline, silent: bool) -> bool:
    """The same for the inline tokens of one paragraph, heading or cell."""
    if len(state.tokens) < state.env[_BUDGET]:
        return False
    state.env[_INLINE_CUT] = True
    state.pos = state.posMax
    return True


def _bounded_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """GFM tables within the limits.  markdown-it makes every cell's tokens in one rule
    call, so a table gets only the lines its row limit and the token budget leave it, and
    one wider than the column limit is not a table at all: its text stays a paragraph."""
    if start + 2 > end:  # tried at every line: reject the lines no delimiter row follows
        return False
    first = state.bMarks[start + 1] + state.tShift[start + 1]
    if first >= state.eMarks[start + 1] or state.src[first] not in "|-:":
        return False
    limits: Limits = state.env[_LIMITS]
    header = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    columns = header.count("|") + 1
    if columns > limits.table_columns + 2 and _is_delimiter_row(state, start + 1, end):
        state.env[_TABLES_CUT].add(start + 1)
        return False
    rows = (state.env[_BUDGET] - spent(state)) // (3 * columns + 2)
    cap = start + 2 + max(0, min(limits.table_rows, rows))
    if cap >= end:
        return gfm_table(state, start, end, silent)
    found = gfm_table(state, start, cap, silent)
    if found and not silent and state.line >= cap and not state.isEmpty(cap):
        state.env[_TABLES_CUT].add(start + 1)
    return found


def _is_delimiter_row(state: StateBlock, line: int, end: int) -> bool:
    """Whether ``line`` is a table's ``|---|:--|`` row, so the line before heads a table."""
    if line >= end:
        return False
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    return "-" in text and _DELIMITER_ROW.fullmatch(text) is not None


@cache
def _markdown(depth: int) -> MarkdownIt:
    """A parser that never silently drops what nests ``depth`` containers deep (each costs
    markdown-it at most two levels, a table four more); deeper, parse_blocks reports it.
    Inline content is parsed by :func:`_parse_inline`, one block at a time."""
    md = MarkdownIt("commonmark", {"maxNesting": 2 * depth + 8}).enable("table")
    md.disable(["inline", "text_join"])
    md.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "budget", _block_budget)
    md.inline.ruler.before(md.inline.ruler.get_all_rules()[0], "budget", _inline_budget)
    md.inline.ruler.at("link", _placed(md_link))
    md.inline.ruler.at("autolink", _placed(md_autolink))
    # Keep link targets as written (no percent-encoding): the linter must see a backslash
    # or a space in a target, and links are only ever compared, never followed.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


_POS = "pos"  # link_open meta: offset of the link's first character in the inline source


def _placed(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """``rule`` (markdown-it's link or autolink rule), recording on the link_open token it
    makes where the link starts in the inline source: markdown-it keeps no columns."""

    def placed(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            opened = next((t for t in state.tokens[count:] if t.type == "link_open"), None)
            if opened is not None:
                opened.meta[_POS] = start
        return found

    return placed


class _OneInline:
    """What markdown-it's ``text_join`` core rule needs of a state: its tokens."""

    def __init__(self, tok: Token) -> None:
        self.tokens = [tok]


def _parse_inline(md: MarkdownIt, content: str, env: dict[str, Any]) -> tuple[list[Token], bool]:
    """The inline tokens of ``content`` as markdown-it's ``inline`` and ``text_join`` core
    rules would make them (the caller drops them once read), and whether the token budget
    cut them short."""
    tok = Token("inline", "", 0, content=content, children=[])
    env.pop(_INLINE_CUT, None)
    md.inline.parse(content, md, env, tok.children)  # type: ignore[arg-type]
    text_join(_OneInline(tok))  # type: ignore[arg-type]
    return tok.children or [], bool(env.pop(_INLINE_CUT, False))


def _columns(
    lines: Sequence[str], content: str, line: int, start: int
) -> Callable[[int, int], int]:
    """``column(k, offset)``: the file column of ``offset`` in line ``k`` of ``content``, an
    inline run starting on ``line`` (at or after the 0-based column ``start``)."""

    pieces = content.split("\n")

    def column(k: int, offset: int) -> int:
        n = line - 1 + k
        text = lines[n] if 0 <= n < len(lines) else ""
        return _locate(text, pieces[k], start if k == 0 else 0) + offset + 1

    return column


def _later(
    md: MarkdownIt,
    env: dict[str, Any],
    content: str,
    line: int,
    start: int,
    lines: Sequence[str],
) -> Parsed:
    """A deferred run's values: ``content`` is short enough that the budget never cuts it,
    and holds no comment the page needs."""
    column = _columns(lines, content, line, start)
    if _OTHER_MARKUP.search(content) is None:
        found = _bracketed(md, env, content, column)
        if found is not None:
            return found
    children, _ = _parse_inline(md, content, env)
    return _inline(content, children, column)


# Markup other than brackets and line breaks: without it, only markdown-it's link rule
# (at a ``[``) and its newline rule can start anywhere in a run, and everything else is
# text (a ``!`` makes an image only before a ``[``).
_OTHER_MARKUP = re.compile(r"[\\`*_<&~]|!\[")
# An inline link's destination and ``)`` in the one form :func:`_bracketed` reads: no
# white space, control character, parenthesis, backslash or title (markdown-it's
# parseLinkDestination takes all of it and stops at the ``)``).
_PLAIN_DESTINATION = re.compile(r"([^\x00-\x20\x7f()\\<]+)\)")
_NESTED = 8  # brackets nested deeper than this are left to markdown-it
_TEXT = "text"  # what :func:`_link_at` says of a ``[`` that starts no link


def _bracketed(
    md: MarkdownIt, env: dict[str, Any], content: str, column: Callable[[int, int], int]
) -> Parsed | None:
    """The values of a run whose only markup is brackets and line breaks, read as
    markdown-it's link and newline rules read them: ``[label](destination)`` with a plain
    destination, the shortcut reference ``[label]`` (a link when the page defines
    ``label``, else text), brackets around a link (``[!INCLUDE [x](y)]``: text).  None
    for any other bracket (a full reference, a destination with spaces, parentheses, a
    title or a protocol markdown-it refuses, a label over two lines): markdown-it reads
    that run."""
    references = env.get("references")
    refs: dict[str, Any] = references if isinstance(references, dict) else {}
    text: list[str] = []
    links: list[InlineLink] = []
    pos = find = 0
    while (opened := content.find("[", find)) >= 0:
        link = _link_at(md, refs, content, opened, 0)
        if link is None:
            return None
        if isinstance(link, str):  # _TEXT
            find = opened + 1
            continue
        label, target, after = link
        text.append(_pending(content[pos:opened]))
        text.append(label)
        line = content.count("\n", 0, opened)
        offset = opened - (content.rfind("\n", 0, opened) + 1)
        links.append(InlineLink(label.strip(), target, line, column(line, offset)))
        pos = find = after
    text.append(_pending(content[pos:]))
    return "".join(text).strip(), tuple(links), (), ()


def _link_at(
    md: MarkdownIt, refs: dict[str, Any], content: str, opened: int, depth: int
) -> tuple[str, str, int] | str | None:
    """What markdown-it's link rule makes of the ``[`` at ``opened``: (label, target, end)
    for a link, :data:`_TEXT` for none, None for a form :func:`_bracketed` leaves to it.
    Its label ends at the ``]`` that closes it; a ``[`` inside that starts a link of its
    own makes this one none (links do not nest), any other is a bracket of the label."""
    if depth > _NESTED:
        return None
    level, i, end = 1, opened + 1, len(content)
    while i < end:
        ch = content[i]
        if ch == "]":
            level -= 1
            if level == 0:
                break
        elif ch == "[":
            inner = _link_at(md, refs, content, i, depth + 1)
            if inner is None:
                return None
            if inner != _TEXT:
                return _TEXT
            level += 1
        i += 1
    if level:  # no label ends: the ``[`` is text
        return _TEXT
    label = content[opened + 1 : i]
    after = i + 1
    if content.startswith("(", after):
        m = _PLAIN_DESTINATION.match(content, after + 1)
        if m is None or "\n" in label or not md.validateLink(m.group(1)):
            return None
        return label, m.group(1), m.end()
    if content.startswith("[", after):
        return None
    ref = refs.get(normalizeReference(label))
    if not ref:
        return _TEXT
    return (label, str(ref["href"]), after) if "\n" not in label else None


def _pending(text: str) -> str:
    """Text as markdown-it's newline rule leaves it: each line break one space, the
    spaces before it and the spaces and tabs after it dropped."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    kept = [line.rstrip(" ") for line in lines[:-1]]
    return " ".join([kept[0], *(line.lstrip(" \t") for line in (*kept[1:], lines[-1]))])


# The characters at which a CommonMark inline rule can start (line breaks, escapes, code,
# emphasis, links, images, autolinks, HTML, entities; ``~`` for strikethrough): content
# with none of them is one text token, so it is not handed to markdown-it at all.
_MARKUP = re.compile(r"[\n\\`*_\[\]!<&~]")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_TAB_HEADING = re.compile(r"^\[[^\]]*\]\(#tab/[^)]*\)\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>]*>|\S+)")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"[\s|:-]+")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    inline: Inline
    line: int
    is_tab: bool  # "# [HTTP](#tab/http)": a tab label, not a section

    @property
    def text(self) -> str:
        return self.inline.text


@dataclass(frozen=True, slots=True)
class Fence:
    info: str
    content: str
    line: int  # the opening ``` line
    end_line: int
    closed: bool
    indent: int = 0  # the file column (0-based) where its content lines start


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Inline, ...]
    line: int
    columns: tuple[int, ...] = ()  # the file column of each cell's text (1-based)

    def column(self, cell: int) -> int:
        """The file column of the ``cell``-th cell's text, else of the row."""
        return self.columns[cell] if 0 <= cell < len(self.columns) else 1


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[Row, ...]
    line: int
    end_line: int
    cut: bool = False  # rows or columns beyond the table limits were left out
    labels: tuple[Row, ...] = ()  # group rows (``|**Onboarding**| | |``): labels, not entries


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # between <!-- and -->
    line: int
    end_line: int
    columns: tuple[int, ...] = ()  # the 0-based file column where each line of text starts

    @property
    def column(self) -> int:
        """The file column of ``<!--`` (1-based)."""
        return max(self.columns[0] - 3, 1) if self.columns else 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    inline: Inline
    line: int
    end_line: int


Element = Union[Heading, Fence, Table, Comment, Paragraph]  # noqa: UP007 -- used at runtime


@dataclass(frozen=True, slots=True)
class RefDef:
    label: str
    target: str
    line: int


@dataclass(frozen=True, slots=True)
class Blocks:
    elements: tuple[Element, ...]
    ref_defs: tuple[RefDef, ...]


def parse_blocks(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS, *, lazy: bool = True
) -> tuple[Blocks, list[Diagnostic]]:
    """Blocks nested deeper than ``limits.depth`` (lists, block quotes) are left out,
    tables are cut to ``limits.table_rows`` by ``limits.table_columns``, and what comes
    after ``limits.markdown_tokens`` tokens is not read; each is reported.  ``lazy``: the
    inline content of paragraphs, headings and cells is parsed when first asked for
    (False: all of it now; the values are the same)."""
    md = _markdown(limits.depth)
    env: dict[str, Any] = {_BUDGET: limits.markdown_tokens, _LIMITS: limits, _TABLES_CUT: set()}
    tokens = md.parse(text, env)
    budget = limits.markdown_tokens
    diagnostics: list[Diagnostic] = []
    cut_inline: list[int] = []

    def inline(
        content: str, line: int, comments: list[Comment] | None = None, start: int = 0
    ) -> Inline:
        """An inline token's ``content``, parsed when first asked for; its comments (into
        ``comments``) are read now.  ``start``: the 0-based file column from which its
        text is looked for on ``line`` (a table cell's)."""
        if _MARKUP.search(content) is None:  # what markdown-it would read as one text
            return Inline(content.strip(), content)
        # Parsed now when it holds comments (elements of their own), or when it is long
        # enough to run out of the token budget (each inline token takes at least one
        # character of the run, so a shorter run cannot: DC019 is reported as before).
        if not lazy or (comments is not None and "<!--" in content) or 2 * len(content) >= budget:
            children, cut = _parse_inline(md, content, env)
            if cut:
                cut_inline.append(line)
            if comments is not None:
                comments.extend(_inline_comments(children, line, lines))
            text, links, code, strong = _inline(
                content, children, _columns(lines, content, line, start)
            )
            return Inline(text, content, links, code, strong)
        return Inline.deferred(content, partial(_later, md, env, content, line, start, lines))

    references = env.get("references")
    labels = set(references) if isinstance(references, dict) else set()
    lines = text.split("\n")
    elements: list[Element] = []
    covered: set[int] = set()  # 0-based lines inside fences and HTML blocks
    quote_depth = 0  # how many ``>`` markers the current block's lines carry
    nesting = 0  # block quotes and list items around the current token
    deep_reported = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        nesting += _CONTAINERS.get(tok.type, 0)
        if nesting > limits.depth:
            if not deep_reported:
                deep_reported = True
                diagnostics.append(_too_deep(tok.map[0] + 1 if tok.map else 1, file, limits))
            i += 1
            continue
        if tok.type == "heading_open" and tok.map:
            elements.append(_heading(tok, inline(tokens[i + 1].content, tok.map[0] + 1)))
            i += 3
            continue
        if tok.type == "fence" and tok.map:
            fence = _fence(tok, lines, quote_depth)
            covered.update(range(tok.map[0], tok.map[1]))
            deep = too_deep(fence.content, limits.depth)
            if deep is not None:
                where = fence.line + 1 + deep
                message = (
                    f"block nests deeper than the nesting limit of {limits.depth} levels; "
                    "its JSON is kept as text, not read"
                )
                diagnostics.append(diag("DC016", Span(file, where, where), message))
            if not fence.closed:
                diagnostics.append(
                    diag(
                        "DC004",
                        Span(file, fence.line, fence.end_line),
                        f"fenced code block opened with {tok.markup!r} is never closed",
                    )
                )
            elements.append(fence)
        elif tok.type == "html_block" and tok.map:
            covered.update(range(tok.map[0], tok.map[1]))
            elements.extend(_comments(tok.content, tok.map[0] + 1, file, diagnostics, lines))
        elif tok.type == TOKEN:
            table = _table(tok, limits, inline, lines, quote_depth)
            if table.cut or table.line in env[_TABLES_CUT]:
                diagnostics.append(_table_cut(table.line, file, limits))
            elements.append(table)
        elif tok.type == "paragraph_open" and tok.map:
            comments: list[Comment] = []
            para = Paragraph(inline(tokens[i + 1].content, tok.map[0] + 1, comments), *_lines(tok))
            elements.append(para)
            elements.extend(comments)
            i += 3
            continue
        i += 1
    if not deep_reported and _DEEP_LINE in env:
        diagnostics.append(_too_deep(env[_DEEP_LINE], file, limits))
    tables = {d.span.line for d in diagnostics if d.code == "DC017"}
    diagnostics.extend(_table_cut(n, file, limits) for n in env[_TABLES_CUT] - tables)
    diagnostics.extend(_cut(file, limits, env.get(_CUT_LINE), cut_inline))
    return Blocks(tuple(elements), _ref_defs(lines, covered, labels)), diagnostics


def _too_deep(line: int, file: str, limits: Limits) -> Diagnostic:
    message = (
        f"Markdown nests deeper than the nesting limit of {limits.depth} levels "
        "(block quotes, lists); what nests deeper is not read"
    )
    return diag("DC016", Span(file, line, line), message)


def _lines(tok: Token) -> tuple[int, int]:
    assert tok.map is not None
    return tok.map[0] + 1, tok.map[1]


def _cut(
    file: str, limits: Limits, block_line: int | None, inline_lines: list[int]
) -> list[Diagnostic]:
    """DC019 where the token budget first ran out, once per page."""
    lines = [n for n in (block_line, *inline_lines[:1]) if n is not None]
    if not lines:
        return []
    line = min(lines)
    message = (
        f"page has more Markdown elements than the limit of {limits.markdown_tokens:,} "
        "tokens; the rest is not read"
    )
    return [diag("DC019", Span(file, line, line), message)]


def _heading(open_tok: Token, inline: Inline) -> Heading:
    assert open_tok.map is not None
    level = int(open_tok.tag[1])
    return Heading(level, inline, open_tok.map[0] + 1, bool(_TAB_HEADING.match(inline.raw)))


def _fence(tok: Token, lines: Sequence[str], quote_depth: int = 0) -> Fence:
    """markdown-it ends an unclosed fence at the end of its container without saying so:
    the fence is closed when its last line is a closing fence (inside a blockquote, once
    the ``>`` markers are taken off)."""
    assert tok.map is not None
    start, end = tok.map
    last = lines[end - 1] if end - 1 < len(lines) else ""
    for _ in range(quote_depth):
        last = last.lstrip(" \t").removeprefix(">")
    last = last.strip()
    closed = end - 1 > start and last.startswith(tok.markup) and not last.strip(tok.markup[0])
    pieces = tok.content.split("\n")
    k = next((n for n, piece in enumerate(pieces) if piece.strip()), 0)
    source = lines[start + 1 + k] if start + 1 + k < len(lines) else ""
    return Fence(tok.info.strip(), tok.content, start + 1, end, closed, _locate(source, pieces[k]))


def _comments(
    content: str,
    first_line: int,
    file: str,
    diagnostics: list[Diagnostic],
    lines: Sequence[str] = (),
) -> list[Comment]:
    """Linear in the block's length: a regex search for each ``<!--`` would rescan the
    rest of the block for ``-->`` every time (minutes for a line of ``<!--<!--...``)."""
    found: list[Comment] = []
    pos = 0
    line = first_line  # the line of ``content[pos]``
    while (start := content.find("<!--", pos)) >= 0:
        line += content.count("\n", pos, start)
        stop = content.find("-->", start + 4)
        if stop < 0:
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            begins = content.rfind("\n", 0, start) + 1
            column = _locate(text, content[begins : _line_end(content, start)]) + start - begins
            diagnostics.append(
                diag(
                    "DC005",
                    Span(file, line, line, column + 1),
                    "HTML comment '<!--' is never closed",
                )
            )
            break
        inner = content[start + 4 : stop]
        end_line = line + inner.count("\n")
        found.append(Comment(inner, line, end_line, _comment_columns(lines, line, inner)))
        pos, line = stop + 3, end_line
    return found


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _inline_comments(
    children: Sequence[Token], first_line: int, lines: Sequence[str] = ()
) -> list[Comment]:
    found: list[Comment] = []
    line = first_line
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline" and child.content.startswith("<!--"):
            m = _COMMENT.match(child.content)
            if m:
                end_line = line + child.content.count("\n")
                columns = _comment_columns(lines, line, m.group(1))
                found.append(Comment(m.group(1), line, end_line, columns))
            line += child.content.count("\n")
    return found


def _comment_columns(lines: Sequence[str], first_line: int, text: str) -> tuple[int, ...]:
    """The 0-based file column where each line of a comment's text starts: line 0 right
    after its ``<!--``, the others where the line's text is found (after the indent of
    a list item or the ``>`` of a block quote)."""
    columns: list[int] = []
    for k, piece in enumerate(text.split("\n")):
        n = first_line - 1 + k
        source = lines[n] if 0 <= n < len(lines) else ""
        if k == 0:
            opened = source.find("<!--" + piece)
            columns.append(opened + 4 if opened >= 0 else max(source.find("<!--"), 0) + 4)
        else:
            columns.append(_locate(source, piece))
    return tuple(columns)


def _locate(source: str, piece: str, start: int = 0) -> int:
    """The 0-based column at which ``piece``, a line of a block's text as markdown-it
    holds it (without the indent or ``>`` markers of its containers), starts in
    ``source``, the file line; ``start`` when it is not found there."""
    core = piece.strip()
    if not core:
        return start
    found = source.find(core, start)
    if found < 0:
        return start
    return max(found - (len(piece) - len(piece.lstrip())), start)


def _table(
    tok: Token,
    limits: Limits,
    inline: Callable[..., Inline],
    lines: Sequence[str] = (),
    quote_depth: int = 0,
) -> Table:
    """A :data:`generator.read.tables.TOKEN` as a table; cells beyond ``limits`` are
    passed over unread, so later work stays bounded."""
    assert tok.map is not None
    header: tuple[Inline, ...] = ()
    rows: list[Row] = []
    labels: list[Row] = []
    cut = False
    for index, (first, texts) in enumerate(tok.meta[ROWS]):
        row_line = first + 1
        text = lines[row_line - 1] if 0 < row_line <= len(lines) else ""
        columns = _cell_columns(text, quote_depth)
        cells: list[Inline] = []
        for content in texts:
            if len(cells) < limits.table_columns and len(rows) < limits.table_rows:
                start = columns[len(cells)] - 1 if len(cells) < len(columns) else 0
                cells.append(inline(content, row_line, None, start))
            else:
                cut = True
        if index == 0:
            header = tuple(cells)
        elif len(rows) + len(labels) >= limits.table_rows:
            cut = True
        else:
            row = Row(tuple(cells), row_line, columns[: len(cells)])
            (labels if _is_label(cells) else rows).append(row)
    line, end_line = tok.map[0] + 1, tok.map[1]
    return Table(header, tuple(rows), line, end_line, cut, tuple(labels))


_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary: a pipe not escaped


def _cell_columns(line: str, quote_depth: int = 0) -> tuple[int, ...]:
    """The 1-based file column of each cell's text in a table row (of an empty cell, the
    column after its ``|``), split as markdown-it splits it: at each ``|`` not escaped."""
    i, n = 0, len(line)
    for _ in range(quote_depth):
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == ">":
            i += 1
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] == "|":
        i += 1
    columns: list[int] = []
    begin = i
    if "\\" in line:
        cells = [line[b:e] for b, e in _spans(i, [m.start() for m in _PIPE.finditer(line, i)], n)]
    else:  # no escaped pipe: every ``|`` is a boundary
        cells = line[i:].split("|")
    for cell in cells:
        end = begin + len(cell)
        text = cell.lstrip()
        if end < n or text.strip():
            columns.append(begin + (len(cell) - len(text) if text.strip() else 0) + 1)
        begin = end + 1
    return tuple(columns)


def _spans(begin: int, bounds: list[int], end: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of the text between ``bounds``, from ``begin`` to ``end``."""
    for bound in bounds:
        yield begin, bound
        begin = bound + 1
    yield begin, end


def _is_label(cells: Sequence[Inline]) -> bool:
    """A group or sub-header row: its one filled cell is the first, and all of it is bold
    (``|**Onboarding**|`` in a table of properties or permissions).  It labels the rows
    after it; it is not an entry of the table."""
    if not cells or not cells[0].strong or not cells[0].text or any(c.text for c in cells[1:]):
        return False  # (no strong run: not all bold; asked first, it needs no inline parse)
    bold = " ".join(" ".join(run.split()) for run in cells[0].strong)
    return bold == " ".join(cells[0].text.split())


def _table_cut(line: int, file: str, limits: Limits) -> Diagnostic:
    message = (
        f"table is larger than the table limits of {limits.table_rows:,} rows and "
        f"{limits.table_columns:,} columns; only the cells within them are read"
    )
    return diag("DC017", Span(file, line, line), message)


def _inline(
    content: str, children: Sequence[Token], column: Callable[[int, int], int] | None = None
) -> Parsed:
    """Flatten the inline tokens ``children`` of ``content``: plain text, links with their
    line offset and file column (``column(line offset, offset in that line)``), code,
    strong."""
    text: list[str] = []
    links: list[InlineLink] = []
    code: list[str] = []
    strong: list[str] = []
    link_stack: list[tuple[str, int, int, int]] = []  # (href, text start, line offset, column)
    strong_start: list[int] = []
    line = 0
    for child in children:
        kind = child.type
        if kind == "text":
            text.append(child.content)
        elif kind == "code_inline":
            text.append(child.content)
            code.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ")
            line += 1
        elif kind == "link_open":
            at, col = line, 1
            pos = child.meta.get(_POS) if child.meta else None
            if isinstance(pos, int):
                at = content.count("\n", 0, pos)
                offset = pos - (content.rfind("\n", 0, pos) + 1)
                col = column(at, offset) if column is not None else offset + 1
            link_stack.append((str(child.attrs.get("href", "")), len(text), at, col))
        elif kind == "link_close" and link_stack:
            href, start, at, col = link_stack.pop()
            links.append(InlineLink("".join(text[start:]).strip(), href, at, col))
        elif kind == "strong_open":
            strong_start.append(len(text))
        elif kind == "strong_close" and strong_start:
            strong.append("".join(text[strong_start.pop() :]))
        elif kind == "image":
            text.append(child.content)
        elif kind == "html_inline":
            if _BR.match(child.content.strip()):
                text.append("\n")
            line += child.content.count("\n")
    return "".join(text).strip(), tuple(links), tuple(code), tuple(strong)


def _ref_defs(lines: Sequence[str], covered: set[int], labels: set[str]) -> tuple[RefDef, ...]:
    """Definitions with their lines: markdown-it knows which exist, not where."""
    defs: list[RefDef] = []
    for n, line in enumerate(lines):
        if n in covered:
            continue
        m = _REF_DEF.match(line)
        if m and normalizeReference(m.group(1)) in labels:
            defs.append(RefDef(m.group(1), m.group(2).strip("<>"), n + 1))
    return tuple(defs)


def section(elements: Sequence[Element], start: int) -> Sequence[Element]:
    """The elements under the heading at ``start``, up to the next heading of the same
    or a higher level; tab headings never end a section."""
    head = elements[start]
    assert isinstance(head, Heading)
    end = start + 1
    while end < len(elements):
        el = elements[end]
        if isinstance(el, Heading) and not el.is_tab and el.level <= head.level:
            break
        end += 1
    return elements[start + 1 : end]
