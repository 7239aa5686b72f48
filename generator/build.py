"""``docs2code build``: everything generated from the docs, as one in-memory plan.

The plan maps a path relative to the output folder to its text: ``sdk/`` the typed client
package, ``stubs/`` the mock server package, ``tests/`` the pytest suite that runs the
client against the stubs.  Rendering never writes: ``build`` hands the
plan to :func:`generator.output.sync.sync_output`, which verifies it and writes it all at
once (``check`` makes the same call with writing switched off).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from generator.cache.plan import DEFAULT_CACHE_DIR, Build, cached_build_plan, open_cache
from generator.formatting import FormatCache
from generator.model import Model, Severity
from generator.output.report import report
from generator.output.sync import sync_output
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.settings import SettingsError, doc_roots, find_settings
from generator.stubs.render import render_stubs
from generator.suite.render import render_suite
from generator.templating import override_problems
from generator.watch import WatchOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
DEFAULT_PACKAGE = "docs2code_sdk"
DEFAULT_OUTPUT = "generated"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    package: str = DEFAULT_PACKAGE  # import name of the SDK
    templates: Path | None = None  # --templates DIR: overrides of built-in templates

    @property
    def stubs_package(self) -> str:
        """``docs2code_sdk`` -> ``docs2code_stubs``; ``graph`` -> ``graph_stubs``."""
        return self.package.removesuffix("_sdk") + "_stubs"


def build_plan(
    model: Model, options: BuildOptions, cache: FormatCache | None = None
) -> dict[str, str]:
    """Every generated file, as path relative to the output folder -> text; ``cache``
    spares black the files it formatted before (the output is the same)."""
    package, stubs, templates = options.package, options.stubs_package, options.templates
    parts = {
        "sdk": sdk_plan(model, SdkOptions(package, templates=templates), cache),
        "stubs": render_stubs(model, stubs, templates, cache),
        "tests": render_suite(model, package, stubs, templates, cache),
    }
    plan = {
        f"{folder}/{rel}": text for folder, files in parts.items() for rel, text in files.items()
    }
    return dict(sorted(plan.items()))


F = TypeVar("F", bound=Callable[..., None])


@dataclass(frozen=True, slots=True)
class Target:
    """What to render and where, from flags over ``[tool.docs2code]`` over defaults."""

    roots: tuple[Path, ...]
    output: Path
    options: BuildOptions
    cache_dir: Path | None  # None: --no-cache


def target_options(command: F) -> F:
    """DOCS, --output, --package, --templates and the cache flags, shared with ``check``."""
    for option in reversed(
        [
            click.argument("docs", nargs=-1, type=click.Path(path_type=Path)),
            click.option(
                "-o",
                "--output",
                type=click.Path(path_type=Path, file_okay=False),
                help="Output folder [default: [tool.docs2code] output, else generated].",
            ),
            click.option(
                "--package",
                help="Import name [default: [tool.docs2code] package, else docs2code_sdk].",
            ),
            click.option(
                "--templates",
                type=click.Path(path_type=Path, file_okay=False),
                help="Folder of template overrides, laid out as templates/ (sdk/, stubs/, suite/).",
            ),
            click.option(
                "--cache-dir",
                type=click.Path(path_type=Path, file_okay=False),
                help=f"Build cache [default: settings cache_dir, else {DEFAULT_CACHE_DIR}].",
            ),
            click.option(
                "--no-cache", is_flag=True, help="Neither read nor write the build cache."
            ),
        ]
    ):
        command = option(command)
    return command


def resolve_target(
    command: str,
    docs: tuple[Path, ...],
    output: Path | None,
    package: str | None,
    templates: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> Target:
    """Flags over settings over defaults; exits 2 on a usage error."""
    try:
        settings = find_settings(docs[0] if docs else Path.cwd())
    except SettingsError as exc:
        _fail(command, str(exc))
    package = package or settings.package or DEFAULT_PACKAGE
    if not PACKAGE.fullmatch(package):
        _fail(command, f"{package!r} is not a valid package name")
    templates = templates or settings.templates
    if templates is not None:
        for problem in override_problems(templates):
            click.echo(f"docs2code {command}: warning: {problem}", err=True)
    return Target(
        roots=doc_roots(docs),
        output=output or Path(settings.output or DEFAULT_OUTPUT),
        options=BuildOptions(package, templates),
        cache_dir=None if no_cache else cache_dir or settings.cache_dir or DEFAULT_CACHE_DIR,
    )


def render_target(target: Target) -> Build:
    """The plan for ``target``, through its cache; reader errors and cache problems go
    to stderr."""
    options = target.options
    build = cached_build_plan(
        target.roots,
        options,
        lambda model, cache: build_plan(model, options, cache),
        open_cache(target.cache_dir),
        templates=options.templates,
    )
    for d in build.diagnostics:
        if d.severity == Severity.ERROR:
            click.echo(f"{d.span.file}:{d.span.line}: {d.code} {d.message}", err=True)
    for problem in build.problems:
        click.echo(f"docs2code: warning: cache: {problem}", err=True)
    return build


def render_for(command: str, **flags: Any) -> tuple[dict[str, str], Path]:
    """Flags -> (plan, output folder); exits 2 on a usage or internal error."""
    target = resolve_target(command, **flags)
    if interactive():
        names = ", ".join(map(str, target.roots))
        click.echo(f"docs2code {command}: reading and rendering {names} ...", err=True)
    try:
        build = render_target(target)
        if interactive():
            click.echo(f"docs2code {command}: {build.stats.summary()}", err=True)
        return build.plan, target.output
    except Exception as exc:  # a bug: report it as one, without a traceback
        _fail(command, f"internal error: {type(exc).__name__}: {exc}")


def interactive() -> bool:
    """Progress lines only for a person at a terminal: never in CI or when piped."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def rebuild(roots: tuple[Path, ...], output: Path, options: WatchOptions) -> str:
    """One build for ``watch``: render through the process's cache, write, summarise.
    Refused or failed writes raise, so the watcher logs them and keeps watching."""
    target = Target(
        roots, output, BuildOptions(options.package, options.templates), options.cache_dir
    )
    build = render_target(target)
    result = sync_output(output, build.plan, write=True)
    if report(result, output, command="watch", write=True, diff=False) != EXIT_OK:
        raise RuntimeError("the output was not written (see above)")
    return build.stats.summary()


def _fail(command: str, message: str) -> NoReturn:
    click.echo(f"docs2code {command}: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command("build")
@target_options
@click.option(
    "--force", is_flag=True, help="Replace files edited by hand or not generated by docs2code."
)
def build_command(force: bool, **flags: Any) -> None:
    """Generate the SDK (OUTPUT/sdk), the stub server (OUTPUT/stubs) and the tests that
    run one against the other (OUTPUT/tests) for DOCS (default: input_docs).

    The whole output is verified, then written all at once: a killed build leaves OUTPUT
    as before or as after.  Files not generated by docs2code, files edited by hand since
    the last build, and files listed in OUTPUT/.docs2code-ignore are never touched.
    Unchanged pages and files come from the build cache (--no-cache: not)."""
    plan, output = render_for("build", **flags)
    result = sync_output(output, plan, write=True, force=force)
    sys.exit(report(result, output, command="build", write=True, diff=False))
