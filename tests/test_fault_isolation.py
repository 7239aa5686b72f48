"""One bug never takes down a run: a lint rule that raises costs the pages it fails on
(DC902, exit 2, every other finding still reported); an item that fails to render is named
with its file:line beside every other failing item, and nothing is written; ``--debug`` /
``DOCS2CODE_DEBUG=1`` adds the tracebacks, and without it there is never one."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import generator.cli.lint as lint_command
from generator import serialize
from generator.cli import main
from generator.diff import surface as diff_surface
from generator.lint import guard
from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.engine import lint
from generator.lint.registry import BY_CODE, RULES
from generator.lint.rule import Rule
from generator.model import Diagnostic, Model, TypeDef, TypeRef
from generator.read import read_docs
from generator.sdk import models as sdk_models
from generator.sdk import render as sdk_render
from generator.stubs import render as stubs_render
from generator.suite import render as suite_render
from tests.lint.lint_docs import CLEAN, write
from tests.lint.test_engine import with_page_annotation
from tests.lint.test_report import TEXT_LINE, validate_sarif

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "input_docs"
PAGE = "api/driveitemversion-get.md"  # the page the broken rule fails on
BROKEN = "DC601"  # broken-link: input_docs has findings of it on PAGE and on other pages
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([DOCS])


def crashing_on(code: str, page: str | None) -> tuple[Rule, ...]:
    """RULES with rule ``code`` raising whenever it checks ``page`` (None: always, before
    checking anything), after yielding what it found on the pages checked before."""
    real = BY_CODE[code]

    def check(ctx: LintContext) -> Iterator[Diagnostic]:
        if page is None:
            raise RuntimeError("broken before any page")
        yield from real.check(ctx)
        if any(p.path == page for p in ctx.model.pages):
            raise TypeError("unhashable type: 'dict'")

    return tuple(dataclasses.replace(r, check=check) if r.code == code else r for r in RULES)


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


GITHUB_LINE = re.compile(
    r"^::\w+ file=(?P<file>[^,]+),line=(?P<line>\d+),.*title=(?P<code>DC\d+)::"
)


def found(fmt: str, stdout: str) -> Counter[tuple[str, str, int]]:
    """(code, file, line) of every finding ``docs2code lint --format FMT`` printed."""
    if fmt == "json":
        items = json.loads(stdout)["findings"]
        return Counter((f["code"], f["file"], f["line"]) for f in items)
    if fmt == "sarif":
        results = json.loads(stdout)["runs"][0]["results"]
        return Counter(
            (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        )
    pattern = GITHUB_LINE if fmt == "github" else TEXT_LINE
    matches = [pattern.match(line) for line in stdout.splitlines()[:-1]]
    assert all(matches), stdout
    return Counter(
        (m["code"], m["file"] if fmt == "github" else m["path"], int(m["line"]))
        for m in matches
        if m
    )


# --- lint -----------------------------------------------------------------------------------


def test_a_rule_crashing_on_one_page_costs_that_page_only(model: Model) -> None:
    healthy = lint(model, RULES, LintConfig()).findings
    result = lint(model, crashing_on(BROKEN, PAGE), LintConfig())
    lost = Counter(healthy) - Counter(result.findings)
    assert lost and {(d.code, d.span.file) for d in lost} == {(BROKEN, PAGE)}
    assert any(d.code == BROKEN and d.span.file != PAGE for d in result.findings)
    [added] = Counter(result.findings) - Counter(healthy)
    assert (added.code, added.severity, added.span.file, added.span.line) == (
        "DC902",
        "error",
        PAGE,
        1,
    )
    assert added.message == (
        "internal error in rule DC601 (broken-link) on this page: TypeError: unhashable "
        "type: 'dict'; its findings on this page are missing"
    )
    [crash] = result.crashes
    assert (crash.code, crash.file) == (BROKEN, PAGE) and TRACEBACK in crash.traceback
    assert BY_CODE["DC902"] in result.rules


def test_a_rule_failing_before_any_page_is_one_finding(model: Model) -> None:
    result = lint(model, crashing_on(BROKEN, None), LintConfig())
    crashed = [d for d in result.findings if d.code == "DC902"]
    assert [d.message for d in crashed] == [
        "internal error in rule DC601 (broken-link) on every page: RuntimeError: broken "
        "before any page; its findings on every page are missing"
    ]
    assert not [d for d in result.findings if d.code == BROKEN]
    assert [d.code for d in result.findings if d.code == "DC604"]  # other rules still ran


def test_a_rule_failing_on_many_pages_stops_after_its_reruns(
    model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With few reruns left, the pages not yet told apart are reported together: every
    page either keeps all its findings or has a DC902, and the reruns are bounded."""
    monkeypatch.setattr(guard, "RERUNS", 4)
    real, calls = BY_CODE[BROKEN], [0]

    def check(ctx: LintContext) -> Iterator[Diagnostic]:
        calls[0] += 1
        yield from real.check(ctx)
        if any(p.path.startswith("api/") for p in ctx.model.pages):
            raise TypeError("every API page")

    rules = tuple(dataclasses.replace(r, check=check) if r.code == BROKEN else r for r in RULES)
    healthy = lint(model, RULES, LintConfig()).findings
    result = lint(model, rules, LintConfig())
    assert calls[0] <= 2 + 4  # the whole run, the empty view, the reruns
    flagged = {d.span.file: d.message for d in result.findings if d.code == "DC902"}
    assert {p.path for p in model.pages if p.path.startswith("api/")} <= set(flagged)
    assert any("or another of the" in m for m in flagged.values())
    for page in {d.span.file for d in healthy if d.code == BROKEN} - set(flagged):
        kept = [d for d in result.findings if d.code == BROKEN and d.span.file == page]
        assert kept == [d for d in healthy if d.code == BROKEN and d.span.file == page]


def test_a_crash_is_never_ignored_and_its_suppressions_are_not_judged(tmp_path: Path) -> None:
    docs = write(tmp_path, {"api/get.md": with_page_annotation(CLEAN, "DC402")})
    healthy = lint(read_docs([docs]), RULES, LintConfig())
    assert [d.code for d in healthy.findings] == ["DC901"]  # nothing here reports DC402
    config = LintConfig(ignore=("DC9",))
    result = lint(read_docs([docs]), crashing_on("DC402", "api/get.md"), config)
    assert [d.code for d in result.findings] == ["DC902"]


def test_findings_on_a_page_do_not_depend_on_the_pages_checked_with_it(model: Model) -> None:
    """What lets the engine re-run a crashed rule on parts of the doc set: for every
    rule, the findings of one-page views (each still looking things up in the whole doc
    set) add up to the findings of the whole run."""
    ctx = LintContext(model)
    for rule in RULES:
        whole = Counter(rule.check(ctx))
        parts: Counter[Diagnostic] = Counter()
        for file in ctx.files:
            parts.update(d for d in rule.check(ctx.view([file])) if d.span.file == file)
        assert parts == whole, rule.code


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lint_command_reports_everything_else_and_exits_2(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rules are patched, which no cache key sees: both runs lint afresh
    expected = invoke("lint", "--no-cache", "--format", fmt, DOCS)
    assert expected.exit_code == 1
    monkeypatch.setattr(lint_command, "RULES", crashing_on(BROKEN, PAGE))
    result = invoke("lint", "--no-cache", "--format", fmt, DOCS)
    assert result.exit_code == 2
    assert result.stderr == (
        f"docs2code lint: internal error in rule {BROKEN} on {DOCS.as_posix()}/{PAGE}: "
        "TypeError: unhashable type: 'dict'\n"
    )
    crashed = f"{DOCS.as_posix()}/{PAGE}"
    if fmt == "sarif":
        validate_sarif(result.stdout)
    before = found(fmt, expected.stdout)
    assert (BROKEN, crashed, 14) in before
    kept = Counter({k: n for k, n in before.items() if (k[0], k[1]) != (BROKEN, crashed)})
    assert found(fmt, result.stdout) == kept + Counter([("DC902", crashed, 1)])
    assert TRACEBACK not in result.stdout + result.stderr


def test_lint_debug_prints_the_rule_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lint_command, "RULES", crashing_on(BROKEN, PAGE))
    for args, env in ((["--debug"], None), ([], {"DOCS2CODE_DEBUG": "1"})):
        result = invoke(*args, "lint", "--no-cache", DOCS, env=env)
        assert result.exit_code == 2
        assert TRACEBACK in result.stderr and "in check" in result.stderr
        assert result.stderr.endswith("TypeError: unhashable type: 'dict'\n")
    quiet = invoke("lint", "--no-cache", DOCS, env={"DOCS2CODE_DEBUG": "0"})
    assert quiet.exit_code == 2 and TRACEBACK not in quiet.stderr


# --- rendering --------------------------------------------------------------------------------


def failing(real: Callable[..., Any], when: Callable[..., bool], error: str) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            raise ValueError(error)
        return real(*args, **kwargs)

    return fake


@pytest.fixture
def broken_renderers(monkeypatch: pytest.MonkeyPatch) -> None:
    """One operation of the SDK, one type of its models, one operation of the stub server
    and one example of the suite fail."""

    def op_named(op_id: str) -> Callable[..., bool]:
        return lambda method, pairs, *_: pairs[0][0].id == op_id

    def is_identity(ref: TypeRef, *_: Any) -> bool:
        return ref.name == "microsoft.graph.identity"

    def example_on(page: str) -> Callable[..., bool]:
        return lambda ex, request, verdict: request.span.file == page

    monkeypatch.setattr(
        sdk_render,
        "_operation",
        failing(sdk_render._operation, op_named("api/driveitemversion-get.get"), "sdk op"),
    )
    monkeypatch.setattr(
        sdk_models, "annotation", failing(sdk_models.annotation, is_identity, "sdk type")
    )
    monkeypatch.setattr(
        stubs_render,
        "example_data",
        failing(
            stubs_render.example_data,
            lambda ex: (
                ex.request is not None and ex.request.span.file == "api/listitemversion-get.md"
            ),
            "stub",
        ),
    )
    monkeypatch.setattr(
        suite_render,
        "example_data",
        failing(suite_render.example_data, example_on("api/driveitem-list-versions.md"), "test"),
    )


EXPECTED_FAILURES = [
    "operation api/driveitemversion-get.get (api/driveitemversion-get.md:32): ValueError: sdk op",
    "type microsoft.graph.identitySet (resources/identityset.md:25): ValueError: sdk type",
    "operation api/listitemversion-get.get (api/listitemversion-get.md:32): ValueError: stub",
]


@pytest.mark.usefixtures("broken_renderers")
def test_every_render_failure_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", DOCS, "-o", out, "--no-cache")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    rendering = [line for line in lines if "internal error in rendering" in line]
    for expected in EXPECTED_FAILURES:
        assert f"docs2code build: internal error in rendering {expected}" in rendering
    [test] = [line for line in rendering if "ValueError: test" in line]
    assert "example GET " in test and "(api/driveitem-list-versions.md:" in test
    assert len(rendering) == 4
    assert lines[-1] == "docs2code build: 4 internal error(s) while rendering; nothing written"
    assert not out.exists()
    assert TRACEBACK not in result.stderr


@pytest.mark.usefixtures("broken_renderers")
def test_build_debug_prints_each_render_traceback(tmp_path: Path) -> None:
    result = invoke("--debug", "build", DOCS, "-o", tmp_path / "out", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.count(TRACEBACK) == 4


@pytest.mark.usefixtures("broken_renderers")
def test_check_reports_render_failures_too(tmp_path: Path) -> None:
    result = invoke("check", DOCS, "-o", tmp_path / "out", "--no-cache")
    assert result.exit_code == 2
    assert sum("internal error in rendering" in line for line in result.stderr.splitlines()) == 4


# --- model, diff, any command -----------------------------------------------------------------


def test_model_names_each_item_it_cannot_serialize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = serialize.to_data
    broken = {"microsoft.graph.identity", "microsoft.graph.publicationFacet"}

    def to_data(value: Any) -> Any:
        if isinstance(value, TypeDef) and value.full_name in broken:
            raise OverflowError("int too large to convert")
        return real(value)

    monkeypatch.setattr(serialize, "to_data", to_data)
    monkeypatch.setattr("generator.cli.to_data", to_data)
    out = tmp_path / "model.json"
    result = invoke("model", DOCS, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "docs2code model: internal error in serializing type microsoft.graph.identity "
        "(resources/identity.md:23): OverflowError: int too large to convert",
        "docs2code model: internal error in serializing type microsoft.graph.publicationFacet "
        "(resources/publicationfacet.md:24): OverflowError: int too large to convert",
    ]
    assert not out.exists()


def test_an_unexpected_error_in_any_command_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise KeyError("surface")

    monkeypatch.setattr("generator.cli.diff.surface", broken)
    result = invoke("diff", DOCS, DOCS)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("docs2code diff: internal error")
    assert "KeyError: 'surface'" in result.stderr and TRACEBACK not in result.stderr
    debug = invoke("diff", DOCS, DOCS, env={"DOCS2CODE_DEBUG": "1"})
    assert debug.exit_code == 2 and TRACEBACK in debug.stderr


def test_a_generated_file_black_cannot_format_is_named(tmp_path: Path) -> None:
    """A template override that renders invalid Python: the file is named, the other
    files are still formatted, and nothing is written."""
    write(tmp_path / "templates", {"stubs/package_init.py.jinja": "def broken(:\n    pass\n"})
    out = tmp_path / "out"
    result = invoke("build", DOCS, "-o", out, "--no-cache", "--templates", tmp_path / "templates")
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if "internal error in" in line]
    named = "internal error in rendering generated file docs2code_stubs/__init__.py: InvalidInput:"
    assert line.startswith(f"docs2code build: {named}") and "cannot parse" in line.lower()
    assert not out.exists()


def test_diff_names_each_item_of_each_side_it_fails_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = diff_surface._operation
    monkeypatch.setattr(
        diff_surface,
        "_operation",
        failing(real, lambda op: op.id == "api/listitemversion-get.get", "surface"),
    )
    result = invoke("diff", DOCS, DOCS)
    assert result.exit_code == 2
    side = (
        f"docs2code diff: internal error reading {DOCS}: operation api/listitemversion-get.get "
        "(api/listitemversion-get.md:32): ValueError: surface"
    )
    assert result.stderr.splitlines() == [side, side]
    assert result.stdout == ""


def test_serve_start_up_failure_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "out" / "stubs", {"broken_stubs/app.py": "raise RuntimeError('stale')\n"})
    result = invoke("serve", tmp_path / "out", "--port", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"docs2code serve: cannot load {tmp_path / 'out' / 'stubs' / 'broken_stubs'}: "
        "RuntimeError: stale"
    ]
    debug = invoke("--debug", "serve", tmp_path / "out", "--port", "0")
    assert debug.exit_code == 2 and TRACEBACK in debug.stderr and "stale" in debug.stderr
