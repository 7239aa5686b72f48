"""``docs2code lint``: read the docs, run the rules, report, and choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator.lint.config import ConfigError, LintConfig, find_config, read_config
from generator.lint.engine import LintResult, lint
from generator.lint.registry import BY_CODE, RULES
from generator.lint.report import Display, as_github, as_json, as_sarif, as_text
from generator.model import Severity
from generator.reader import read_docs

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
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
@click.option("--explain", metavar="CODE", help="Explain one rule and exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read lint settings from this file instead of searching from the doc root.",
)
def lint_command(
    paths: tuple[Path, ...],
    fmt: str,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    explain: str | None,
    list_rules: bool,
    config_path: Path | None,
) -> None:
    """Lint the docs under PATHS (default: input_docs).

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error.
    """
    if explain is not None:
        _explain(explain)
    if list_rules:
        for rule in RULES:
            click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.name}: {rule.summary}")
        sys.exit(EXIT_OK)
    roots = paths or (Path("input_docs"),)
    try:
        config = _config(roots, config_path).overridden(_codes(select), _codes(ignore))
    except ConfigError as exc:
        click.echo(f"docs2code lint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    unknown = [
        c for c in config.select + config.ignore if not any(r.startswith(c) for r in BY_CODE)
    ]
    if unknown:
        click.echo(f"docs2code lint: unknown rule code(s): {', '.join(unknown)}", err=True)
        sys.exit(EXIT_ERROR)
    result = lint(read_docs(roots), RULES, config)
    click.echo(_render(result, fmt, _display(roots)), nl=False)
    threshold = _RANK[Severity(fail_on)]
    failing = any(_RANK[d.severity] >= threshold for d in result.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _explain(code: str) -> None:
    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        click.echo(f"docs2code lint: no rule {code!r}; see --list-rules", err=True)
        sys.exit(EXIT_ERROR)
    fix = " (fixable with --fix)" if rule.fixable else ""
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}]{fix}\n\n{rule.summary}\n")
    click.echo(rule.explanation)
    sys.exit(EXIT_OK)


def _config(roots: Sequence[Path], explicit: Path | None) -> LintConfig:
    if explicit is not None:
        return read_config(explicit)
    return find_config(roots[0])


def _display(roots: Sequence[Path]) -> Display:
    """Show each file as the user can open it: the root it was found under, joined."""
    folders = [r for r in roots if r.is_dir()]

    def display(rel: str) -> str:
        for folder in folders:
            if (folder / rel).exists():
                return (folder / rel).as_posix()
        return rel

    return display


def _render(result: LintResult, fmt: str, display: Display) -> str:
    if fmt == "json":
        return as_json(result.findings, display)
    if fmt == "sarif":
        return as_sarif(result.findings, result.rules, display)
    if fmt == "github":
        return as_github(result.findings, display)
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return as_text(result.findings, display, colour)
