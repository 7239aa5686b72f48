"""``--metadata`` for the commands that generate (``model``, ``openapi``, ``build``,
``check``, ``watch``): the option, reading the service's CSDL (exit 2 when it cannot be
read, as ``lint`` does), and the model following it (:mod:`generator.metadata.service`)
with its one-line summary on stderr."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from generator.cli.settings import Settings
from generator.exits import fail
from generator.metadata.csdl import Metadata, MetadataError, read_all
from generator.metadata.service import follow
from generator.model import Model

F = TypeVar("F", bound=Callable[..., None])

metadata_option: Callable[[F], F] = click.option(
    "--metadata",
    "metadata_paths",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Follow the service's CSDL metadata where the docs state no type or disagree "
    "with it (repeatable) [default: [tool.docs2code] metadata].",
)


def read_service(command: str, settings: Settings) -> Metadata | None:
    """The metadata the settings name (None: none); exit 2 when it cannot be read."""
    try:
        return read_all(settings.metadata)
    except MetadataError as exc:
        fail(command, str(exc))


def followed(model: Model, metadata: Metadata | None, quiet: bool) -> Model:
    """``model`` following ``metadata``, the summary of what changed on stderr."""
    if metadata is None:
        return model
    following = follow(model, metadata)
    if not quiet:
        click.echo(following.summary(), err=True)
    return following.model
