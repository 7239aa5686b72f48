"""``docs2code lint``: read the docs, run the rules, report, and choose the exit code."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator.cache import DEFAULT_CACHE_DIR, open_cache
from generator.cli.debug import echo_traceback, internal_error
from generator.cli.progress import quiet_option
from generator.cli.settings import resolve
from generator.exits import Exit, fail, finish
from generator.lint.context import LintContext
from generator.lint.docs import convention_line
from generator.lint.engine import LintResult
from generator.lint.fix import FIXERS, fixed_text, unified_diff
from generator.lint.registry import BY_CODE, RULES
from generator.lint.report import Display, as_github, as_json, as_sarif, as_text
from generator.metadata.csdl import MetadataError, read_all
from generator.model import Diagnostic, Model, Severity
from generator.output.atomic import write_atomic
from generator.pipeline.lint import Linted, cached_lint
from generator.read import confined, layout

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default="text",
    show_default=True,
)
@click.option("--select", help="Comma-separated codes or prefixes to run (default: all).")
@click.option("--ignore", help="Comma-separated codes or prefixes to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option("--fix", is_flag=True, help="Apply the safe mechanical fixes, then report the rest.")
@click.option("--diff", is_flag=True, help="Show what --fix would change; write nothing.")
@click.option("--explain", metavar="CODE", help="Explain one rule and exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option(
    "--metadata",
    "metadata_paths",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also check the docs against this CSDL metadata (DC7xx; repeatable) "
    "[default: [tool.docs2code] metadata].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read lint settings from this file instead of searching from the doc root.",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=f"Build cache, shared with build [default: settings cache_dir, else {DEFAULT_CACHE_DIR}].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the build cache.")
@quiet_option
def lint_command(
    paths: tuple[Path, ...],
    fmt: str,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    fix: bool,
    diff: bool,
    explain: str | None,
    list_rules: bool,
    metadata_paths: tuple[Path, ...],
    config_path: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Lint the docs under PATHS (default: [tool.docs2code] docs, else input_docs).

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error
    (a rule that crashed on a page: DC902; every other finding is still reported).
    Unchanged pages and findings come from the build cache (--no-cache: not).
    """
    if explain is not None:
        _explain(explain)
    if list_rules:
        for rule in RULES:
            click.echo(
                f"{rule.code}  {rule.severity.value:<7}  {rule.convention:<9}  "
                f"{rule.name}: {rule.summary}"
            )
        finish(Exit.OK)
    cli_select, cli_ignore = _codes(select), _codes(ignore)
    _check_codes(cli_select + cli_ignore, "")
    settings = resolve(
        "lint",
        paths,
        metadata=metadata_paths,
        lint_config=config_path,
        cache_dir=cache_dir,
        no_cache=no_cache,
    )
    roots, limits, configured = settings.roots, settings.limits, settings.lint
    convention = settings.convention
    try:
        metadata = read_all(settings.metadata)
    except MetadataError as exc:
        fail("lint", str(exc))
    _check_codes(configured.codes(), f" (in {configured.source})" if configured.source else "")
    config = configured.overridden(cli_select, cli_ignore)
    display = _display(roots)
    cache = open_cache(settings.cache_dir)

    def run() -> Linted:
        return cached_lint(
            roots, RULES, config, metadata, cache, limits=limits, convention=convention
        )

    try:
        linted = run()
        result = linted.result
        if fix or diff:
            changed = _fix(linted.model(), result, display, roots, write=not diff)
            if diff:
                finish(Exit.findings_if(changed > 0))
            if changed:
                if not quiet:
                    click.echo(f"Fixed {changed} file(s).", err=True)
                linted = run()
                result = linted.result
        text = _render(result, fmt, display)
    except Exception as exc:  # a bug: report it as one (exit 2), without a traceback
        internal_error("lint", exc)
    click.echo(text, nl=False)
    for problem in linted.problems:
        click.echo(f"docs2code: warning: cache: {problem}", err=True)
    if result.crashes:
        for crash in result.crashes:
            echo_traceback(crash.traceback)
            where = display(crash.file) if crash.file is not None else "every page"
            click.echo(
                f"docs2code lint: internal error in rule {crash.code} on {where}: {crash.error}",
                err=True,
            )
        finish(Exit.ERROR)
    threshold = _RANK[Severity(fail_on)]
    finish(Exit.findings_if(any(_RANK[d.severity] >= threshold for d in result.findings)))


def _check_codes(codes: Sequence[str], where: str) -> None:
    """Exit 2 when a code or prefix names no rule: a typo would silently select nothing."""
    unknown = sorted({c for c in codes if not any(r.startswith(c) for r in BY_CODE)})
    if unknown:
        fail("lint", f"unknown rule code(s){where}: {', '.join(unknown)}; see --list-rules")


def _explain(code: str) -> None:
    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        fail("lint", f"no rule {code!r}; see --list-rules")
    fix = " (fixable with --fix)" if rule.fixable else ""
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}]{fix}\n\n{rule.summary}\n")
    click.echo(f"{convention_line(rule)}\n")
    click.echo(rule.explanation)
    finish(Exit.OK)


def _fix(
    model: Model, result: LintResult, display: Display, roots: Sequence[Path], write: bool
) -> int:
    """Fix (or, without ``write``, print the diff of) every file with fixable findings;
    a page is read and written by its real path, and only inside the doc roots."""

    ctx = LintContext(model)
    by_file: dict[str, list[Diagnostic]] = {}
    for d in result.findings:
        if d.code in FIXERS:
            by_file.setdefault(d.span.file, []).append(d)
    changed = 0
    for file, findings in sorted(by_file.items()):
        shown = Path(display(file))
        path = confined(shown, roots)
        if path is None:
            click.echo(f"docs2code lint: not fixing {shown}: outside the doc roots", err=True)
            continue
        try:  # bytes, not read_text: universal newlines would turn CRLF into LF
            before = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"docs2code lint: cannot fix {shown}: {exc}", err=True)
            continue
        after = fixed_text(ctx, findings, before)
        if after == before:
            continue
        if write:
            try:
                write_atomic(path, after)
            except OSError as exc:
                click.echo(f"docs2code lint: cannot write {shown}: {exc}", err=True)
                continue
        else:
            click.echo(unified_diff(shown.as_posix(), before, after), nl=False)
        changed += 1
    return changed


def _display(roots: Sequence[Path]) -> Display:
    """Show each file as the user can open it: the root argument it was found under, as
    given, joined to its path below that root (the model names it from the roots' common
    base, see ``generator.read.sources.Layout``)."""
    return functools.lru_cache(maxsize=None)(layout(roots).shown)


def _render(result: LintResult, fmt: str, display: Display) -> str:
    if fmt == "json":
        return as_json(result.findings, display)
    if fmt == "sarif":
        return as_sarif(result.findings, result.rules, display)
    if fmt == "github":
        return as_github(result.findings, display)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
    return as_text(result.findings, display, colour)
