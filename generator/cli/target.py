"""The flags of the commands that build: ``DOCS``, ``--output``, ``--package``,
``--templates``, ``--metadata`` and the cache flags.  ``build``, ``check`` and ``watch``
take the same flags and resolve them here, into the command's :class:`Settings`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from generator.cache import DEFAULT_CACHE_DIR
from generator.cli.service import metadata_option
from generator.cli.settings import DEFAULT_OUTPUT, Settings, resolve
from generator.render import override_problems
from generator.render.options import DEFAULT_PACKAGE

F = TypeVar("F", bound=Callable[..., None])


def target_options(command: F) -> F:
    """DOCS, --output, --package, --templates, --metadata and the cache flags, shared with
    ``check`` (so that it compares what ``build`` would make) and ``watch``."""
    for option in reversed(
        [
            click.argument("docs", nargs=-1, type=click.Path(path_type=Path)),
            click.option(
                "-o",
                "--output",
                type=click.Path(path_type=Path, file_okay=False),
                help=f"Output folder [default: [tool.docs2code] output, else {DEFAULT_OUTPUT}].",
            ),
            click.option(
                "--package",
                help=f"Import name [default: [tool.docs2code] package, else {DEFAULT_PACKAGE}].",
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
            metadata_option,
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
    metadata_paths: tuple[Path, ...] = (),
    pages: bool = True,
) -> Settings:
    """The flags over the settings over the defaults (exit 2 on a usage or configuration
    error, a missing doc root, or, with ``pages``, a doc set without a page); template
    overrides that override nothing are warned about."""
    settings = resolve(
        command,
        docs,
        output=output,
        package=package,
        templates=templates,
        cache_dir=cache_dir,
        no_cache=no_cache,
        metadata=metadata_paths,
        pages=pages,
    )
    if settings.templates is not None:
        for problem in override_problems(settings.templates):
            click.echo(f"docs2code {command}: warning: {problem}", err=True)
    return settings
