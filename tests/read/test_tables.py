"""One token per GFM table (generator/read/tables.py) decides as markdown-it's own table
rule does: the same tables, rows and cell texts, the same lines after them, and the
tokens markdown-it would have made counted, so the token budget cuts where it did."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.read import tables

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "graph-v1.0"

# Lines from which random pages are made: table rows of every shape, delimiter rows good
# and bad, and what ends a table or nests one (a quote, a list, a fence, code, a blank).
PIECES = (
    "| a | b |",
    "|a|b|",
    "a | b",
    "| a |",
    "| a | b | c |",
    "|---|---|",
    "|:--|--:|",
    "--- | ---",
    "|:-:|",
    "| - | - |",
    "|---||---|",
    "- | -",
    "| \\| | `x|y` |",
    "|",
    "||",
    "x",
    "",
    "> | q | r |",
    "> |---|---|",
    "- | l | m |",
    "  |---|---|",
    "    | c |",
    "```",
    "# h | i",
    "<div>",
    "1. | n |",
    "| a | b | c | d |",
    "\t| t |",
    ": | :",
)


Rows = list[tuple[list[int], list[tuple[int, tuple[str, ...]]]]]


def markdown_it_rows(tokens: list[Token]) -> Rows:
    """Each table markdown-it made: its lines and its rows' (first line, cell texts)."""
    found: Rows = []
    cells: list[str] = []
    line = 0
    for tok in tokens:
        if tok.type == "table_open":
            assert tok.map is not None
            found.append((list(tok.map), []))
        elif tok.type == "tr_open":
            assert tok.map is not None
            cells, line = [], tok.map[0]
        elif tok.type == "inline" and tok.type and _cell(tok):
            cells.append(tok.content)
        elif tok.type == "tr_close":
            found[-1][1].append((line, tuple(cells)))
    return found


def _cell(tok: Token) -> bool:
    return tok.map is not None and tok.map[1] == tok.map[0] + 1 and tok.children == []


def outside_tables(tokens: list[Token]) -> list[tuple[str, object, str]]:
    kept: list[tuple[str, object, str]] = []
    depth = 0
    for tok in tokens:
        if tok.type == "table_open":
            depth += 1
        elif tok.type == "table_close":
            depth -= 1
        elif depth == 0 and tok.type != tables.TOKEN:
            kept.append((tok.type, tok.map, tok.content))
    return kept


def compact_rows(tokens: list[Token]) -> Rows:
    return [
        (list(tok.map or []), list(tok.meta[tables.ROWS]))
        for tok in tokens
        if tok.type == tables.TOKEN
    ]


def parsers() -> tuple[MarkdownIt, MarkdownIt]:
    gfm = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    ours = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    ours.block.ruler.at("table", tables.table, {"alt": ["paragraph", "reference"]})
    return gfm, ours


def assert_same(text: str) -> None:
    gfm, ours = parsers()
    theirs_env: dict[str, object] = {}
    mine_env: dict[str, object] = {}
    theirs = gfm.parse(text, theirs_env)
    mine = ours.parse(text, mine_env)
    assert compact_rows(mine) == markdown_it_rows(theirs), text
    assert outside_tables(mine) == outside_tables(theirs), text  # everything else alike
    saved = mine_env.get("docs2code.table_tokens_saved", 0)  # every token made is counted
    assert isinstance(saved, int) and len(mine) + saved == len(theirs), text


@pytest.mark.parametrize("seed", range(300))
def test_random_pages_split_as_markdown_it_splits_them(seed: int) -> None:
    rng = random.Random(seed)
    lines = [rng.choice(PIECES) for _ in range(rng.randint(2, 14))]
    assert_same("\n".join(lines) + "\n")


def test_short_rows_are_filled_and_long_rows_cut() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n| x \\| y | `z` |\n"
    assert_same(text)
    ours = parsers()[1].parse(text)
    (table,) = [t for t in ours if t.type == tables.TOKEN]
    assert table.meta[tables.ROWS] == (
        (0, ("a", "b", "c")),
        (2, ("1", "", "")),
        (3, ("1", "2", "3")),
        (4, ("x | y", "`z`", "")),
    )


@pytest.mark.corpus
def test_corpus_pages_split_as_markdown_it_splits_them() -> None:
    pages = sorted(CORPUS.rglob("*.md"))
    assert pages, f"no corpus at {CORPUS}"
    for page in pages:
        assert_same(page.read_text(encoding="utf-8", errors="replace"))
