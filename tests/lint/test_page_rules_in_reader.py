"""The page rules run where each page is read (generator.pipeline.lint, PageStep): the same
findings and output as running them in the main process after the whole model is read,
cold, with a cache, after edits, with suppressions and when a rule crashes on a page."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

import generator.cli.lint as lint_command
import generator.pipeline.lint as pipeline
from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.engine import PageFindings, page_findings, rule_name
from generator.lint.guard import run_rule
from generator.lint.registry import BY_CODE, RULES
from generator.lint.rules import annotation_unknown
from generator.model import Diagnostic, Model
from generator.read import docs as read_module
from generator.read.docs import read_docs, read_pages
from generator.read.sources import discover
from tests.lint.lint_docs import REPO, invoke, write
from tests.lint.test_lint_cache import mutate, pages_of, small_tree

FORMATS = ("text", "json")
PAGE_RULES = [r for r in RULES if r.scope == "page"]


class Counted:
    """page_findings, counting the pages it checked and those it left to the main
    process (in this process: the trees here are read without worker processes)."""

    def __init__(self) -> None:
        self.checked = 0
        self.left = 0

    def __call__(self, *args: object) -> PageFindings | None:
        found = page_findings(*args)  # type: ignore[arg-type]
        self.checked += found is not None
        self.left += found is None
        return found


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counter = Counted()
    monkeypatch.setattr(pipeline, "page_findings", counter)
    return counter


def _cli(
    monkeypatch: pytest.MonkeyPatch, root: Path, cache: Path | None, fmt: str, in_reader: bool
) -> tuple[int, str]:
    with monkeypatch.context() as patch:
        patch.setattr(
            lint_command, "cached_lint", partial(pipeline.cached_lint, in_reader=in_reader)
        )
        flags = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
        result = invoke(root, "--format", fmt, "--fail-on", "warning", *flags)
    return result.exit_code, result.stdout


def _same(monkeypatch: pytest.MonkeyPatch, root: Path, caches: Iterator[Path]) -> None:
    """Without a cache and with a cold one, the output with the page rules in the reader
    is the output with them in the main process."""
    for fmt in FORMATS:
        expected = _cli(monkeypatch, root, None, fmt, in_reader=False)
        assert _cli(monkeypatch, root, None, fmt, in_reader=True) == expected, fmt
        assert _cli(monkeypatch, root, next(caches), fmt, in_reader=True) == expected, fmt


def _caches(tmp_path: Path) -> Iterator[Path]:
    n = 0
    while True:
        n += 1
        yield tmp_path / f"cache-{n}"


def test_input_docs_and_the_lint_cases_give_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    caches = _caches(tmp_path)
    _same(monkeypatch, REPO / "input_docs", caches)
    _same(monkeypatch, small_tree(tmp_path / "tree"), caches)
    assert counted.checked > 0  # the worker path ran, and took every readable page
    assert counted.left <= sum(1 for p in pages_of(tmp_path / "tree") if not _readable(p))


def _readable(page: Path) -> bool:
    try:
        page.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_edited_pages_give_the_same_output_cold_and_through_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    root = small_tree(tmp_path / "docs")
    caches = _caches(tmp_path)
    kept = tmp_path / "kept"  # one cache through every edit: cached pages and fresh ones mix
    rnd = random.Random(26)
    for step in range(4):
        mutate(rnd, root, pages_of(root), step % 3)
        _same(monkeypatch, root, caches)
        for fmt in FORMATS:
            expected = _cli(monkeypatch, root, None, fmt, in_reader=False)
            assert _cli(monkeypatch, root, kept, fmt, in_reader=True) == expected, (step, fmt)
    assert counted.checked > 0


PAGE = """\
---
title: "A page"
description: "Findings of every page rule, suppressed and not."
doc_type: conceptualPageType
---

# A page

<!-- docs2code: ignore[DC203] -->
<!-- { "blockType": "request", "nmae": "typo" } -->
```http
GET https://graph.microsoft.com/v1.0/me
```

<!-- { "blockType": "example", "isTruncated": true } -->

<!-- docs2code: ignore[DC604, DC204] -->
[unused]: https://example.com/unused

See [the thing][used].

[used]: https://example.com/used
[also-unused]: ../nowhere.md
"""


def test_suppressions_of_page_rule_findings_are_judged_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    root = write(tmp_path / "docs", {"concepts/page.md": PAGE})
    shutil.copytree(REPO / "input_docs", root / "input_docs")
    _same(monkeypatch, root, _caches(tmp_path))
    text = _cli(monkeypatch, root, None, "text", in_reader=True)[1]
    for code in ("DC203", "DC204", "DC205", "DC604", "DC901"):
        assert code in text, code  # every page rule and a suppression have a say
    assert counted.checked > 0


# --- a rule that crashes on one page ----------------------------------------------------

CRASH_ON = "api/driveitemversion-get.md"


def _crashing(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from annotation_unknown.check(ctx)
    if any(p.path == CRASH_ON for p in ctx.model.pages):
        raise RuntimeError("broken on one page")


CRASHING = replace(annotation_unknown.RULE, check=_crashing)


def test_a_page_rule_crashing_on_one_page_in_the_reader_is_reported_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    """The crashing rule is importable by name (a worker runs it), fails there on one
    page, which the main process checks again: the same DC902, exit 2 and findings."""
    assert rule_name(CRASHING) == (__name__, "CRASHING")
    rules = tuple(CRASHING if r is annotation_unknown.RULE else r for r in RULES)
    monkeypatch.setattr(lint_command, "RULES", rules)
    root = REPO / "input_docs"
    assert (root / CRASH_ON).is_file()
    for fmt in FORMATS:
        expected = _cli(monkeypatch, root, None, fmt, in_reader=False)
        assert expected[0] == 2 and "DC902" in expected[1]
        assert _cli(monkeypatch, root, None, fmt, in_reader=True) == expected, fmt
        assert _cli(monkeypatch, root, tmp_path / fmt, fmt, in_reader=True) == expected, fmt
    assert counted.left >= 1 and counted.checked > 0


def test_a_rule_no_module_holds_runs_in_the_main_process() -> None:
    assert rule_name(replace(CRASHING, name="made-here")) is None
    assert rule_name(annotation_unknown.RULE) == (annotation_unknown.__name__, "RULE")
    assert {r.code for r in PAGE_RULES} >= {"DC203", "DC204", "DC205", "DC604"}
    assert all(rule_name(r) is not None and BY_CODE[r.code] is r for r in PAGE_RULES)


# --- each page alone, as read, against the settled doc set --------------------------------


def _settled(model: Model) -> dict[str, dict[str, list[Diagnostic]]]:
    """Each page rule's findings by page, run on the whole settled model here."""
    ctx = LintContext(model)
    found: dict[str, dict[str, list[Diagnostic]]] = {}
    for rule in PAGE_RULES:
        diagnostics, crashes = run_rule(rule, ctx)
        assert not crashes
        for d in diagnostics:
            found.setdefault(d.span.file, {}).setdefault(rule.code, []).append(d)
    return found


def _alone(root: Path) -> dict[str, dict[str, list[Diagnostic]]]:
    """Each page rule's findings by page, on each page's own reader result alone."""
    names = tuple(n for r in PAGE_RULES if (n := rule_name(r)) is not None)
    sources, _ = discover([root])
    found: dict[str, dict[str, list[Diagnostic]]] = {}
    for source, result in zip(sources, read_pages(sources, jobs=1), strict=True):
        value = page_findings(names, result)
        if result[2] is None:
            assert value is None
            continue
        assert value is not None, source.rel
        for code, findings in value:
            if findings:
                found.setdefault(source.rel, {})[code] = list(findings)
    return found


def test_each_page_alone_as_read_finds_what_the_settled_doc_set_does(tmp_path: Path) -> None:
    """Roots, includes and roles are settled after reading: the page rules read none."""
    root = small_tree(tmp_path / "docs")
    found = _alone(root)
    assert found == _settled(read_docs([root], jobs=1))
    assert found, "the tree gives the page rules nothing to find"


@pytest.mark.corpus
def test_the_corpus_in_worker_processes_finds_what_the_main_process_does(
    shared_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Graph docs with their includes, read by two worker processes: every page is
    checked there, and the lint result is the main process's."""
    config = LintConfig()
    step = pipeline._page_step(RULES, config, None, None)
    assert step is not None
    model = read_docs([shared_tree], jobs=2, step=step)
    assert len(step.values) == len(discover([shared_tree])[0])
    assert all(v is not None for v in step.values.values())
    here = pipeline.cached_lint([shared_tree], RULES, config, None, None, in_reader=False)
    there = pipeline.cached_lint([shared_tree], RULES, config, None, None, jobs=2)
    assert there.result == here.result
    by_page = _settled(model)
    for rel, value in step.values.items():
        assert isinstance(value, tuple)
        assert {c: list(f) for c, f in value if f} == by_page.get(rel, {}), rel


def test_pages_read_in_worker_processes_give_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lint cases read by real worker processes (every tree is large enough here)."""
    monkeypatch.setattr(read_module, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    root = small_tree(tmp_path / "docs")
    step = pipeline._page_step(RULES, LintConfig(), None, None)
    assert step is not None
    read_docs([root], jobs=2, step=step)
    assert sum(v is not None for v in step.values.values()) > len(step.values) // 2
    _same(monkeypatch, root, _caches(tmp_path))


TREES = (
    "tests/fixtures/graph",
    "tests/hostile/docs",
    "tests/lint/cases",
    "tests/lint/cases/apidoctor-pages",
    "tests/lint/cases/includes-and-outside",
    "tests/lint/cases/concept-examples",
)


@pytest.mark.parametrize("tree", TREES)
def test_the_fixture_trees_give_the_same_findings_and_output(
    tree: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = REPO / tree
    assert _alone(root) == _settled(read_docs([root], jobs=1))
    for fmt in FORMATS:
        expected = _cli(monkeypatch, root, None, fmt, in_reader=False)
        assert _cli(monkeypatch, root, None, fmt, in_reader=True) == expected, fmt
        assert _cli(monkeypatch, root, tmp_path / fmt, fmt, in_reader=True) == expected, fmt
