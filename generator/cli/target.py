"""What a build renders and where: ``DOCS``, ``--output``, ``--package``,
``--templates`` and the cache flags, over ``[tool.docs2code]``, over the defaults.
``build``, ``check`` and ``watch`` take the same flags and resolve them here."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from generator.cache import DEFAULT_CACHE_DIR
from generator.cli.settings import SettingsError, doc_roots, find_settings
from generator.read import DEFAULT_LIMITS, Limits
from generator.render import override_problems
from generator.render.options import DEFAULT_PACKAGE, BuildOptions

EXIT_ERROR = 2
PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
DEFAULT_OUTPUT = "generated"


F = TypeVar("F", bound=Callable[..., None])


@dataclass(frozen=True, slots=True)
class Target:
    """What to render and where, from flags over ``[tool.docs2code]`` over defaults."""

    roots: tuple[Path, ...]
    output: Path
    options: BuildOptions
    cache_dir: Path | None  # None: --no-cache
    limits: Limits = DEFAULT_LIMITS  # the reader's ([tool.docs2code.limits])


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
        fail(command, str(exc))
    package = package or settings.package or DEFAULT_PACKAGE
    if not PACKAGE.fullmatch(package):
        fail(command, f"{package!r} is not a valid package name")
    templates = templates or settings.templates
    if templates is not None:
        for problem in override_problems(templates):
            click.echo(f"docs2code {command}: warning: {problem}", err=True)
    roots = doc_roots(docs)
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        fail(command, f"no such file or folder: {', '.join(missing)}")
    return Target(
        roots=roots,
        output=output or Path(settings.output or DEFAULT_OUTPUT),
        options=BuildOptions(package, templates, settings.docs_url),
        cache_dir=None if no_cache else cache_dir or settings.cache_dir or DEFAULT_CACHE_DIR,
        limits=settings.limits,
    )


def fail(command: str, message: str) -> NoReturn:
    click.echo(f"docs2code {command}: {message}", err=True)
    sys.exit(EXIT_ERROR)
