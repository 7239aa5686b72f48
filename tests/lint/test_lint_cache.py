"""``lint`` through the build's cache (generator.pipeline.lint): the same output as
``--no-cache``, cold, warm and after edits; page-scoped rules are really page-local."""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from generator.cache.store import Store
from generator.lint.context import LintContext
from generator.lint.guard import run_rule
from generator.lint.registry import RULES
from generator.read.docs import read_docs
from tests.lint.lint_docs import REPO, invoke

CASES = REPO / "tests" / "lint" / "cases"
FOLDERS = ("types", "request-bodies", "response-evidence", "links", "duplicate-type")
FORMATS = ("text", "json", "sarif", "github")


def small_tree(dst: Path) -> Path:
    """input_docs, and the lint cases of the Graph convention (suppressions, links,
    duplicates, includes, broken pages): every kind of rule has something to say."""
    shutil.copytree(REPO / "input_docs", dst / "input_docs")
    cases = dst / "cases"
    cases.mkdir()
    for page in CASES.glob("*.md"):
        shutil.copy(page, cases / page.name)
    for folder in FOLDERS:
        shutil.copytree(CASES / folder, cases / folder)
    return dst


def pages_of(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


def mutate(rnd: random.Random, root: Path, pages: list[Path], kind: int) -> Path:
    """Change one page of ``root``: delete it, replace it by another page, or splice the
    tail of another page into it."""
    page = rnd.choice(pages)
    if kind == 0:
        page.unlink()
    elif kind == 1:
        page.write_bytes(rnd.choice(pages).read_bytes())
    else:
        other = rnd.choice(pages).read_text("utf-8", "replace").splitlines(True)
        lines = page.read_text("utf-8", "replace").splitlines(True)
        at = rnd.randrange(len(lines) + 1)
        lines[at:at] = other[rnd.randrange(len(other)) :] if other else ["x\n"]
        page.write_text("".join(lines), "utf-8")
    return page


# --- scope: a page rule's findings on a page depend on that page only -------------------


def _page_findings(root: Path) -> dict[str, dict[str, list[str]]]:
    model = read_docs([root], jobs=1)
    ctx = LintContext(model)
    found: dict[str, dict[str, list[str]]] = {}
    for rule in RULES:
        if rule.scope != "page" or not rule.runs_on(model.convention):
            continue
        diagnostics, crashes = run_rule(rule, ctx)
        assert not crashes
        by_file: dict[str, list[str]] = defaultdict(list)
        for d in diagnostics:
            by_file[d.span.file].append(repr(d))
        found[rule.code] = {f: sorted(v) for f, v in by_file.items()}
    return found


def test_some_rules_are_page_scoped_and_the_cross_page_ones_are_not() -> None:
    scopes = {r.code: r.scope for r in RULES}
    assert {c for c, s in scopes.items() if s == "page"} >= {"DC203", "DC204", "DC604"}
    # links, duplicates, metadata and the reader's findings need the doc set
    for code in ("DC601", "DC602", "DC603", "DC206", "DC009", "DC701", "DC505", "DC105"):
        assert scopes[code] == "model", code


@pytest.mark.parametrize("seed", range(3))
def test_page_rules_findings_do_not_change_when_another_page_does(
    tmp_path: Path, seed: int
) -> None:
    base = small_tree(tmp_path / "base")
    before = _page_findings(base)
    assert any(before.values()), "the tree gives the page rules nothing to find"
    rnd = random.Random(seed)
    for step in range(6):
        work = tmp_path / f"w{step}"
        shutil.copytree(base, work)
        changed = mutate(rnd, work, pages_of(work), step % 3).relative_to(work).as_posix()
        after = _page_findings(work)
        for code, files in before.items():
            for file in (set(files) | set(after[code])) - {changed}:
                assert files.get(file, []) == after[code].get(file, []), (code, file, changed)
        shutil.rmtree(work)


# --- output: byte-identical to --no-cache ----------------------------------------------


def _lint(root: Path, cache: Path | None, fmt: str) -> tuple[int, str]:
    flags = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    result = invoke(root, "--format", fmt, "--fail-on", "warning", *flags)
    return result.exit_code, result.stdout


def _same(root: Path, cache: Path) -> None:
    for fmt in FORMATS:
        cached = _lint(root, cache, fmt)
        assert cached == _lint(root, None, fmt), fmt


def test_cold_warm_and_edited_equal_no_cache(tmp_path: Path) -> None:
    root = small_tree(tmp_path / "docs")
    cache = tmp_path / "cache"
    _same(root, cache)  # cold, then each format warm
    assert {p.name for p in cache.iterdir()} >= {"pages", "lint-pages", "lint-trees"}
    _same(root, cache)  # warm
    rnd = random.Random(25)
    for step in range(6):
        mutate(rnd, root, pages_of(root), step % 3)
        _same(root, cache)


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    root = small_tree(tmp_path / "docs")
    cache = tmp_path / "cache"
    expected = _lint(root, None, "json")
    assert _lint(root, cache, "json") == expected
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"]
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if i % 2 else data[:-1] + b"!")
    assert _lint(root, cache, "json") == expected
    # intact entries of the wrong shape are not trusted either
    store = Store(cache)
    for section in ("lint-trees", "lint-pages", "pages"):
        for entry in (cache / section).iterdir():
            store.put(section, entry.name, ("not", "a", "result"))
    assert _lint(root, cache, "json") == expected
    assert _lint(root, cache, "json") == expected


def test_a_link_target_created_later_is_seen(tmp_path: Path) -> None:
    """The link rules look at the disk (a linked file outside the doc roots), which no
    page's bytes cover."""
    root = small_tree(tmp_path / "docs")
    (root / "cases" / "later.md").write_text("See [it](../../outside.md).\n", "utf-8")
    cache = tmp_path / "cache"
    before = _lint(root, cache, "text")
    assert before == _lint(root, None, "text")
    (tmp_path / "outside.md").write_text("# Outside\n", "utf-8")
    after = _lint(root, cache, "text")
    assert after == _lint(root, None, "text")
    assert after != before


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = small_tree(tmp_path / "docs")
    cache = tmp_path / "cache"
    result = invoke(root, "--no-cache", "--cache-dir", cache)
    assert result.exit_code == 1
    assert not cache.exists()
