"""Inline content parsed on first use (generator/read/inline.py): a run's text, links, code
and strong runs are the same whether it was parsed when its page was read or when first
asked for, whichever value is asked first; a run nobody asks for is never parsed; and a
run pickles to its values either way."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.read.blocks import Element, Heading, Inline, Paragraph, Table, parse_blocks
from generator.read.front_matter import read_front_matter
from generator.read.limits import Limits

PAGE = """---
title: "thing: get"
---

# Get [thing](../resources/thing.md) `v1`

Namespace: microsoft.graph

Returns a **thing** and its [owner][ref], `id` and *more*.
See <https://example.com/x> and [the docs](https://example.com/docs "Docs"),
and a [missing] reference, an ![image](pic.png) and &amp; an \\* escape.

Text <!-- a comment --> after, and `code` with **bold**.

| Property | Type | Description |
|:---|:---|:---|
| **Onboarding** | | |
| id | [identitySet](identityset.md) | The `id`. <br> Read-only. |
| name | String | No markup at all |
| `size` | Int32 | [a](b) then [c] and [d](<e f>) |

[ref]: ../resources/user.md
"""


def runs(elements: tuple[Element, ...]) -> list[Inline]:
    found: list[Inline] = []
    for e in elements:
        if isinstance(e, Heading | Paragraph):
            found.append(e.inline)
        elif isinstance(e, Table):
            found.extend(e.header)
            for row in (*e.rows, *e.labels):
                found.extend(row.cells)
    return found


def values(run: Inline) -> tuple[object, ...]:
    return run.text, run.raw, run.links, run.code, run.strong


def test_lazy_and_eager_runs_are_equal() -> None:
    lazy, lazy_found = parse_blocks(PAGE, "p.md")
    eager, eager_found = parse_blocks(PAGE, "p.md", lazy=False)
    assert lazy == eager
    assert lazy_found == eager_found
    assert [values(r) for r in runs(lazy.elements)] == [values(r) for r in runs(eager.elements)]
    [link] = next(r for r in runs(eager.elements) if r.raw.startswith("Get")).links
    assert (link.target, link.text, link.column) == ("../resources/thing.md", "thing", 7)


@pytest.mark.parametrize("first", ["text", "links", "code", "strong"])
def test_any_value_asked_first_gives_the_same_run(first: str) -> None:
    eager = runs(parse_blocks(PAGE, "p.md", lazy=False)[0].elements)
    lazy = runs(parse_blocks(PAGE, "p.md")[0].elements)
    for run in lazy:
        getattr(run, first)
    assert [values(r) for r in lazy] == [values(r) for r in eager]


def test_a_run_nobody_asks_for_is_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.read import blocks

    calls: list[str] = []
    parse = blocks._parse_inline

    def counted(*args: object) -> object:
        calls.append(str(args[1]))
        return parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(blocks, "_parse_inline", counted)
    parsed, _ = parse_blocks(PAGE, "p.md")
    # A paragraph's comments are elements of their own, and a table row is a group label
    # when all of its first cell is bold: both are known when the page is read.
    assert calls == ["Text <!-- a comment --> after, and `code` with **bold**.", "**Onboarding**"]
    paragraphs = [e for e in parsed.elements if isinstance(e, Paragraph)]
    assert paragraphs[1].inline.raw.startswith("Returns")
    assert len(calls) == 2
    assert paragraphs[1].inline.strong == ("thing",)
    assert len(calls) == 3
    name = next(e for e in parsed.elements if isinstance(e, Table)).rows[2].cells[0]
    assert (name.raw, name.links, name.code) == ("`size`", (), ("size",))
    assert len(calls) == 4


def test_runs_pickle_to_their_values_parsed_or_not() -> None:
    eager = runs(parse_blocks(PAGE, "p.md", lazy=False)[0].elements)
    lazy = runs(parse_blocks(PAGE, "p.md")[0].elements)
    assert [values(pickle.loads(pickle.dumps(r))) for r in lazy] == [values(r) for r in eager]


def test_a_run_long_enough_to_be_cut_is_parsed_and_reported_as_before() -> None:
    page = "Intro.\n\n" + " ".join(f"[a{i}](b{i})" for i in range(40)) + "\n"
    limits = Limits(markdown_tokens=80)
    lazy, lazy_found = parse_blocks(page, "p.md", limits)
    eager, eager_found = parse_blocks(page, "p.md", limits, lazy=False)
    assert [d.code for d in lazy_found] == ["DC019"]
    assert lazy_found == eager_found
    assert lazy == eager


@pytest.mark.corpus
def test_every_corpus_run_is_the_same_lazy_or_eager() -> None:
    from tests.conftest import corpus_root

    if not (corpus_root() / "api").is_dir():
        pytest.skip(f"corpus not found at {corpus_root()}")
    pages = sorted(corpus_root().rglob("*.md"))[::7]
    for path in pages:
        fm, _ = read_front_matter(path.read_text(encoding="utf-8"), path.name, 64)
        lazy, lazy_found = parse_blocks(fm.body, path.name)
        eager, eager_found = parse_blocks(fm.body, path.name, lazy=False)
        assert [values(r) for r in runs(lazy.elements)] == [
            values(r) for r in runs(eager.elements)
        ], path
        assert lazy_found == eager_found, path


def test_lazy_page_is_read_into_the_same_model(tmp_path: Path) -> None:
    from generator.read import read_docs

    (tmp_path / "thing.md").write_text(PAGE, encoding="utf-8")
    model = read_docs([tmp_path], jobs=1)
    [page] = model.pages
    assert [lk.target for lk in page.links] == [
        "../resources/thing.md",
        "../resources/user.md",
        "https://example.com/x",
        "https://example.com/docs",
        "identityset.md",
        "b",
        "e f",
        "../resources/user.md",
    ]


def test_bracket_only_runs_read_without_markdown_it_match_it() -> None:
    """Runs whose only markup is brackets and line breaks are read by a short path of
    their own; random ones (links, references defined or not, brackets around links,
    destinations markdown-it refuses or reads in another form, soft and hard breaks) give
    what markdown-it gives."""
    import random

    pieces = [
        "[",
        "]",
        "(",
        ")",
        "a",
        "b c",
        " ",
        ":",
        "x.md",
        "ref",
        "javascript:x",
        "[ref]",
        "](",
        "!",
        "\n",
        "  \n",
        "\n \t",
        "[!INCLUDE [a](x.md)]",
        "[ref]",
    ]
    pick = random.Random(25)
    for _ in range(1200):
        run = "".join(pick.choice(pieces) for _ in range(pick.randint(1, 12))).strip()
        if not run or run.startswith(("[ref]:", "#", ":")):
            continue
        cell = run.replace("|", "").replace("\n", " ")
        page = f"Intro.\n\n{run}\n\n| a | b |\n|---|---|\n| {cell} | x |\n\n[ref]: r.md\n"
        lazy = runs(parse_blocks(page, "p.md")[0].elements)
        eager = runs(parse_blocks(page, "p.md", lazy=False)[0].elements)
        assert [values(r) for r in lazy] == [values(r) for r in eager], run
