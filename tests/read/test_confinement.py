"""Confinement: docs2code reads nothing whose real path lies outside the doc roots it was
given.  Links that leave them (to a file, a folder, /etc/passwd) are DC014 at the link,
never followed, and their target's text reaches neither the model nor any output; links
inside keep working; loops are cut.  Symlinks are made at test time in ``tmp_path``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.read import confined, read_docs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")

SECRET = "TOP-SECRET-OUTSIDE-TEXT"
PAGE = """---
title: "Get secret"
description: "Get it."
doc_type: apiPageType
---
# Get secret

## HTTP request

```http
GET /secrets/{id}
```

## Example

<!-- { "blockType": "request", "name": "get_secret" } -->
```http
GET https://graph.microsoft.com/v1.0/secrets/1
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{"value": "SECRET"}
```
""".replace("SECRET", SECRET)


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """``docs/`` with one page of its own, ``outside/`` with the secret page."""
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "api").mkdir(parents=True)
    (outside / "api").mkdir(parents=True)
    (docs / "own.md").write_text("# Own\n", encoding="utf-8")
    (outside / "api" / "secret.md").write_text(PAGE, encoding="utf-8")
    return docs, outside


def codes(docs: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.span.file, d.span.line) for d in read_docs([docs]).diagnostics]


def test_link_to_a_file_outside_is_reported_and_not_followed(layout: tuple[Path, Path]) -> None:
    docs, outside = layout
    (docs / "api" / "secret.md").symlink_to(outside / "api" / "secret.md")
    model = read_docs([docs])
    assert [(d.code, d.span.file, d.span.line) for d in model.diagnostics] == [
        ("DC014", "api/secret.md", 1)
    ]
    assert "leads to a file outside the doc roots" in model.diagnostics[0].message
    assert [p.path for p in model.pages] == ["own.md"]


def test_link_to_a_folder_outside_is_reported_and_not_followed(layout: tuple[Path, Path]) -> None:
    docs, outside = layout
    (docs / "ext").symlink_to(outside, target_is_directory=True)
    assert codes(docs) == [("DC014", "ext", 1)]


def test_link_to_the_password_file_is_not_read(layout: tuple[Path, Path]) -> None:
    docs, _ = layout
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "etc").symlink_to("/etc", target_is_directory=True)
    model = read_docs([docs])
    assert sorted((d.code, d.span.file) for d in model.diagnostics) == [
        ("DC014", "etc"),
        ("DC014", "passwd.md"),
    ]
    assert [p.path for p in model.pages] == ["own.md"]


def test_chain_of_links_is_judged_by_its_real_path(layout: tuple[Path, Path]) -> None:
    """An inside link to an inside link to the outside still leaves the roots."""
    docs, outside = layout
    (docs / "hop.md").symlink_to(outside / "api" / "secret.md")
    (docs / "api" / "via.md").symlink_to(docs / "hop.md")
    assert sorted(codes(docs)) == [("DC014", "api/via.md", 1), ("DC014", "hop.md", 1)]


def test_links_inside_the_roots_keep_working(layout: tuple[Path, Path]) -> None:
    docs, _ = layout
    (docs / "sub").mkdir()
    (docs / "sub" / "alias.md").symlink_to(docs / "own.md")
    (docs / "mirror").symlink_to(docs / "sub", target_is_directory=True)
    model = read_docs([docs])
    assert model.diagnostics == ()
    # a folder reached twice is read once, under the name that sorts first
    assert sorted(p.path for p in model.pages) == ["mirror/alias.md", "own.md"]


def test_loops_are_cut(layout: tuple[Path, Path]) -> None:
    docs, _ = layout
    (docs / "api" / "up").symlink_to(docs, target_is_directory=True)
    (docs / "loop.md").symlink_to("loop.md")
    model = read_docs([docs])
    assert [(d.code, d.span.file) for d in model.diagnostics] == [("DC001", "loop.md")]
    assert [p.path for p in model.pages] == ["own.md"]


def test_a_root_that_is_a_link_is_confined_to_its_real_path(layout: tuple[Path, Path]) -> None:
    docs, outside = layout
    alias = docs.parent / "alias"
    alias.symlink_to(docs, target_is_directory=True)
    (docs / "leak.md").symlink_to(outside / "api" / "secret.md")
    assert codes(alias) == [("DC014", "leak.md", 1)]


def test_a_link_into_another_given_root_is_inside(layout: tuple[Path, Path]) -> None:
    docs, outside = layout
    (docs / "shared.md").symlink_to(outside / "api" / "secret.md")
    model = read_docs([docs, outside])
    assert model.diagnostics == ()
    assert "docs/shared.md" in {p.path for p in model.pages}  # named from the roots' base


def test_a_file_named_on_the_command_line_is_its_own_root(layout: tuple[Path, Path]) -> None:
    docs, outside = layout
    link = docs / "named.md"
    link.symlink_to(outside / "api" / "secret.md")
    model = read_docs([link])
    assert model.diagnostics == () and [p.path for p in model.pages] == ["named.md"]


def test_a_link_swapped_in_after_discovery_is_not_followed(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are opened by the real path checked at discovery, without following links."""
    from generator.read import docs as reader
    from generator.read import sources

    docs, outside = layout
    found, _ = sources.discover([docs])
    own = docs / "own.md"
    own.unlink()
    own.symlink_to(outside / "api" / "secret.md")
    [(_, _, page, diagnostics)] = [reader.read_page(s) for s in found]
    assert page is None and [d.code for d in diagnostics] == ["DC001"]


@pytest.mark.parametrize("command", ["model", "lint", "build"])
def test_outside_text_reaches_no_output(
    layout: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    docs, outside = layout
    (docs / "api" / "secret.md").symlink_to(outside / "api" / "secret.md")
    (docs / "ext").symlink_to(outside, target_is_directory=True)
    (docs / "passwd.md").symlink_to("/etc/passwd")
    out = tmp_path / "out"
    args: list[str | Path] = [command, docs]
    if command == "build":
        args += ["-o", out]
    result = invoke(*args)
    assert result.exit_code == (0 if command == "build" else 1)  # DC014 is an error
    assert "DC014" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr
    for path in out.rglob("*") if out.exists() else ():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
            assert b"root:x:0:0" not in path.read_bytes(), path


def test_a_link_leaving_the_docs_is_a_broken_link_and_never_probed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n[p](../../../../etc/passwd.md)\n", encoding="utf-8")
    result = invoke("lint", docs, "--select", "DC601")
    assert result.exit_code == 1
    assert "the path leaves the doc set" in result.stdout


def test_fix_never_writes_outside_the_roots(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    docs.mkdir()
    outside.mkdir()
    assert confined(docs / "a.md", [docs]) == (docs / "a.md").resolve()
    (docs / "out.md").symlink_to(outside / "x.md")
    assert confined(docs / "out.md", [docs]) is None
    assert confined(tmp_path / "elsewhere.md", [docs]) is None


def test_fix_writes_through_an_inside_link_to_its_target(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    target = docs / "real.md"
    target.write_text('# A\n\n<!-- { "blockType": "ignored", } -->\n', encoding="utf-8")
    (docs / "alias.md").symlink_to(target)
    invoke("lint", docs, "--fix")
    assert (docs / "alias.md").is_symlink()  # the link is kept, its target fixed
    assert 'ignored", }' not in target.read_text(encoding="utf-8")
    assert os.readlink(docs / "alias.md") == str(target)
