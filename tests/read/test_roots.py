"""A doc set is the union of its roots: pages are named from the folder that holds every
root, so ``lint tree`` and ``lint tree/api tree/resources`` name and judge a page the same
way, links between the roots resolve, two roots may hold the same relative path, and a
link to a file outside every root given is reported once per file (DC606), not as broken.
Small trees are written in ``tmp_path``; the Graph tree as its repository lays it out is
``shared_tree`` (tests/conftest.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.lint.context import LintContext
from generator.lint.rules import broken_link, link_outside_roots
from generator.model import LinkedFile
from generator.read import layout, read_docs

API = """---
title: "Get item"
description: "Get an item."
doc_type: apiPageType
---
# Get item

Returns an [item](../resources/item.md) with its [properties](../resources/item.md#properties)
and a [widget](../resources/widget.md); see the [note](../includes/note.md), the
[same note](../includes/note.md) again, the [guide](../../concepts/guide.md), a
[lost page](../includes/lost.md) and the [API widget](widget.md).
"""

RESOURCE = """---
title: "item resource type"
description: "An item."
doc_type: resourcePageType
---
# item resource type

Get it with [get item](../api/item-get.md); also the [note](../includes/note.md).

## Properties
"""

WIDGET = """---
title: "widget"
description: "A widget, {where}."
doc_type: {doc_type}
---
# widget {where}
"""

NOTE = "The note.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """repo/v1.0/{api,resources,includes} and repo/concepts, as a docs repository has them;
    api/widget.md and resources/widget.md share a relative path.  Returns repo/v1.0."""
    parent = tmp_path / "repo" / "v1.0"
    write(parent / "api" / "item-get.md", API)
    write(parent / "api" / "widget.md", WIDGET.format(where="api", doc_type="apiPageType"))
    write(parent / "resources" / "item.md", RESOURCE)
    widget = WIDGET.format(where="resource", doc_type="resourcePageType")
    write(parent / "resources" / "widget.md", widget)
    write(parent / "includes" / "note.md", NOTE)
    write(tmp_path / "repo" / "concepts" / "guide.md", "# Guide\n")
    return parent


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def findings(
    *roots: Path, under: tuple[str, ...] = ("api/", "resources/")
) -> list[dict[str, object]]:
    """``lint --format json`` over ``roots``: the findings on pages under ``under`` of the
    tree (the display names each file as given, so the two spellings compare)."""
    result = invoke("lint", "--format", "json", *roots)
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return [f for f in data if any(f"/{part}" in str(f["file"]) for part in under)]


# --- naming ---------------------------------------------------------------------------------


def test_pages_are_named_from_the_folder_that_holds_every_root(tree: Path) -> None:
    model = read_docs([tree / "api", tree / "resources"])
    assert model.roots == ("api", "resources")
    assert [(p.path, p.root) for p in model.pages] == [
        ("api/item-get.md", "api"),
        ("api/widget.md", "api"),
        ("resources/item.md", "resources"),
        ("resources/widget.md", "resources"),
    ]
    assert [d.code for d in model.diagnostics] == []  # no DC013: both widget.md are read
    whole = read_docs([tree])
    assert whole.roots == (".",)
    assert {p.path for p in whole.pages} >= {p.path for p in model.pages}
    assert {p.root for p in whole.pages} == {"."}


def test_argument_order_and_spelling_do_not_change_the_model(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = read_docs([tree / "api", tree / "resources"])
    monkeypatch.chdir(tree)
    two = read_docs(["resources/", "./api", "api"])
    assert one == two


def test_a_single_folder_is_its_own_base(tree: Path) -> None:
    model = read_docs([tree / "api"])
    assert model.roots == (".",)
    assert [p.path for p in model.pages] == ["item-get.md", "widget.md"]


def test_a_file_root_is_named_from_the_folder_that_holds_the_roots(tree: Path) -> None:
    model = read_docs([tree / "api" / "item-get.md", tree / "resources"])
    assert model.roots == ("api/item-get.md", "resources")
    assert [(p.path, p.root) for p in model.pages][:1] == [("api/item-get.md", "api/item-get.md")]
    ctx = LintContext(model)
    broken = [d.message for d in broken_link.RULE.check(ctx)]
    assert broken == ["broken link to ../includes/lost.md: no page includes/lost.md in the doc set"]


def test_layout_shows_each_page_under_the_root_it_was_given_as(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree.parent)
    where = layout([Path("v1.0/api"), Path("v1.0/resources/")])
    assert where.base == tree
    assert where.shown("api/item-get.md") == "v1.0/api/item-get.md"
    assert where.shown("resources/item.md") == "v1.0/resources/item.md"
    assert where.shown("no/such.md") == "no/such.md"


# --- links ----------------------------------------------------------------------------------


def test_links_between_roots_resolve_and_a_link_outside_them_is_reported_once(
    tree: Path,
) -> None:
    model = read_docs([tree / "api", tree / "resources"])
    assert model.linked_files == (
        LinkedFile("../concepts/guide.md", None),
        LinkedFile("includes/note.md", None),
    )
    ctx = LintContext(model)
    broken = [(d.span.file, d.message) for d in broken_link.RULE.check(ctx)]
    assert broken == [
        (
            "api/item-get.md",
            "broken link to ../includes/lost.md: no page includes/lost.md in the doc set",
        )
    ]
    outside = [(d.span.file, d.span.line, d.message) for d in link_outside_roots.RULE.check(ctx)]
    assert outside == [
        (
            "api/item-get.md",
            9,
            "link to ../includes/note.md: the file is outside the doc roots given: pass its "
            "folder too (2 more link(s) to it not reported)",
        ),
        (
            "api/item-get.md",
            10,
            "link to ../../concepts/guide.md: the file is outside the doc roots given: pass "
            "its folder too",
        ),
    ]


def test_a_rule_on_part_of_the_pages_reports_what_it_reports_on_the_whole(tree: Path) -> None:
    ctx = LintContext(read_docs([tree / "resources", tree / "api"]))
    whole = list(link_outside_roots.RULE.check(ctx))
    for page in ctx.model.pages:
        part = list(link_outside_roots.RULE.check(ctx.view([page.path])))
        assert part == [d for d in whole if d.span.file == page.path]


def test_lint_of_the_parent_and_of_its_roots_agree_on_their_pages(tree: Path) -> None:
    whole = findings(tree)
    roots = findings(tree / "api", tree / "resources", tree / "includes")
    assert whole == roots
    assert sorted(f["code"] for f in whole if str(f["code"]).startswith("DC6")) == [
        "DC601",  # ../includes/lost.md
        "DC606",  # ../../concepts/guide.md, outside v1.0
    ]
    assert all(str(f["file"]).startswith(tree.as_posix()) for f in whole)
    two = findings(tree / "api", tree / "resources")
    assert [f for f in two if f["code"] != "DC606"] == [f for f in whole if f["code"] != "DC606"]
    assert not [f for f in two if f["code"] == "DC013"]
    notes = [f for f in two if f["code"] == "DC606" and "note.md" in str(f["message"])]
    assert len(notes) == 1  # three links, one finding


def test_a_missing_file_outside_the_roots_stays_broken(tree: Path) -> None:
    write(tree / "api" / "lost.md", "See [gone](../../nowhere/gone.md).\n")
    model = read_docs([tree / "api"])
    assert "../nowhere/gone.md" not in {f.path for f in model.linked_files}
    ctx = LintContext(model)
    lost = [d for d in broken_link.RULE.check(ctx) if d.span.file == "lost.md"]
    assert [d.message for d in lost] == [
        "broken link to ../../nowhere/gone.md: the path leaves the doc set"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_root_reached_through_a_link_is_found_by_real_path(tree: Path) -> None:
    alias = tree.parent / "alias"
    alias.symlink_to(tree, target_is_directory=True)
    model = read_docs([tree / "api", alias / "resources"])
    assert [d.code for d in model.diagnostics] == []
    assert "v1.0/resources/item.md" not in {p.path for p in model.pages}
    assert LinkedFile("v1.0/resources/item.md", "alias/resources/item.md") in model.linked_files
    ctx = LintContext(model)
    messages = [d.message for d in broken_link.RULE.check(ctx)]
    assert not [m for m in messages if "resources/item.md" in m or "widget" in m]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_file_outside_the_roots_is_looked_up_but_never_read(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = os.open

    def watch(path: str | os.PathLike[str], *args: int) -> int:
        opened.append(os.fspath(path))
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", watch)
    model = read_docs([tree / "api"], jobs=1)
    assert any(f.path == "../includes/note.md" for f in model.linked_files)
    assert opened and all(Path(p).is_relative_to((tree / "api").resolve()) for p in opened)


# --- the Graph tree -------------------------------------------------------------------------


def _linted(roots: list[Path]) -> list[tuple[str, str, int, int, str]]:
    from generator.lint.config import LintConfig
    from generator.lint.engine import lint
    from generator.lint.registry import RULES

    model = read_docs(roots)
    shown = layout(roots).shown
    return [
        (shown(d.span.file), d.code, d.span.line, d.span.column, d.message)
        for d in lint(model, RULES, LintConfig()).findings
    ]


@pytest.mark.corpus
def test_the_graph_tree_linted_by_roots_and_as_a_whole(shared_tree: Path) -> None:
    v1 = shared_tree / "api-reference" / "v1.0"
    api, resources, includes = v1 / "api", v1 / "resources", v1 / "includes"
    two = _linted([api, resources])
    broken = [f for f in two if f[1] == "DC601" or "leaves the doc set" in f[4]]
    reaching = [
        f
        for f in broken
        for target in [f[4].split("broken link to ", 1)[-1].split(":", 1)[0]]
        if os.path.isfile(os.path.join(os.path.dirname(f[0]), target))
    ]
    assert reaching == []
    assert len(broken) < 10  # 13,495 before the roots made one doc set
    assert not [f for f in two if f[1] == "DC013"]

    def on_pages(found: list[tuple[str, str, int, int, str]]) -> list[tuple[str, ...]]:
        inside = (api.as_posix() + "/", resources.as_posix() + "/")
        return [tuple(map(str, f)) for f in found if f[0].startswith(inside)]

    whole = _linted([v1])
    assert on_pages(whole) == on_pages(_linted([api, resources, includes]))
    partials = includes.as_posix() + "/"
    assert not [f for f in whole if f[0].startswith(partials) and f[1].startswith("DC1")]
