"""Command line.  Exit codes (:mod:`generator.exits`): 0 ok, 1 findings (errors in the
docs), 2 usage, configuration or internal error (a bug in docs2code: always one line naming
what failed; ``--debug`` adds the traceback).  Each command resolves its settings once
(:mod:`generator.cli.settings`)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import IO, Any

import click

from generator import __version__, read
from generator.cli.debug import ENV, internal_error, report_failures, set_debug
from generator.cli.progress import shows_progress
from generator.cli.service import followed, metadata_option, read_service
from generator.cli.settings import resolve
from generator.exits import Exit, fail, finish
from generator.failure import failures_in
from generator.model import Diagnostic, Model, Severity
from generator.output.atomic import replacing
from generator.serialize import dump_model, to_data


def _command(module: str, name: str) -> Callable[[], click.Command]:
    def load() -> click.Command:
        command: click.Command = getattr(import_module(f"generator.cli.{module}"), name)
        return command

    return load


def _watch_command() -> click.Command:
    from generator.cli.build import rebuild
    from generator.cli.watch import make_watch_command

    return make_watch_command(rebuild)


_LAZY: dict[str, Callable[[], click.Command]] = {
    "build": _command("build", "build_command"),
    "check": _command("check", "check_command"),
    "diff": _command("diff", "diff_command"),
    "lint": _command("lint", "lint_command"),
    "openapi": _command("openapi", "openapi_command"),
    "serve": _command("serve", "serve_command"),
    "watch": _watch_command,
}
"""Commands imported when run (click's lazy-loading pattern): a build whose plan is in
the cache does not load the linter, and ``lint`` does not load the renderers."""


class _Commands(click.Group):
    """The last line of defence: an exception no command caught is one line and exit 2,
    never a traceback (unless --debug).  Commands in ``_LAZY`` are imported when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        load = _LAZY.get(name)
        return load() if load is not None else super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            internal_error(ctx.invoked_subcommand or "", exc)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docs2code")
@click.option(
    "--debug",
    is_flag=True,
    envvar=ENV,
    help=f"Print the traceback of each internal error (also: {ENV}=1).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Read Markdown REST API reference docs into one model and generate from it."""
    set_debug(ctx, debug)


@main.command("model")
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here, not stdout.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Do not print reader diagnostics or the metadata summary."
)
@metadata_option
@shows_progress
def model_command(
    docs: tuple[Path, ...], output: Path | None, quiet: bool, metadata_paths: tuple[Path, ...]
) -> None:
    """Write the intermediate model of DOCS (folders searched for *.md) as JSON.

    Exit 1 when a document has an error-level reader diagnostic."""
    settings = resolve("model", docs, metadata=metadata_paths)
    metadata = read_service("model", settings)
    try:
        model = read.read_docs(
            settings.roots, limits=settings.limits, convention=settings.convention
        )
        model = followed(model, metadata, quiet)
    except Exception as exc:  # a bug: report it as one, without a traceback
        internal_error("model", exc)
    if output is None:  # spooled (in memory up to a MB) so that a failure prints nothing
        chunk = 1 << 20
        with tempfile.SpooledTemporaryFile(chunk, "w+", encoding="utf-8", newline="\n") as spool:
            try:
                _serialized(model, spool)
            except OSError as exc:
                fail("", f"cannot write a temporary file: {exc.strerror or exc}")
            spool.seek(0)
            for text in iter(lambda: spool.read(chunk), ""):
                click.echo(text, nl=False)
    else:
        try:
            with replacing(output) as handle:
                _serialized(model, handle)
        except OSError as exc:
            fail("", f"cannot write {output}: {exc.strerror or exc}")
    if not quiet:
        for d in model.diagnostics:
            click.echo(format_diagnostic(d), err=True)
    errors = sum(d.severity == Severity.ERROR for d in model.diagnostics)
    if output is not None:
        click.echo(
            f"{len(model.operations)} operations, {len(model.types)} types, "
            f"{len(model.diagnostics)} diagnostics ({errors} errors) -> {output}",
            err=True,
        )
    finish(Exit.findings_if(errors > 0))


def _serialized(model: Model, out: IO[str]) -> None:
    """The model as JSON, streamed to ``out`` (a temporary file the caller discards on
    exit); when that fails, each operation, type or page it fails on is one line, and the
    command exits 2."""
    try:
        dump_model(model, out)
    except OSError:  # writing failed, not serializing
        raise
    except Exception as exc:
        failures = failures_in((*model.operations, *model.types, *model.pages), to_data)
        if not failures:
            internal_error("model", exc, "serializing the model")
        report_failures("model", failures, "serializing ")
        finish(Exit.ERROR)


def format_diagnostic(d: Diagnostic) -> str:
    return f"{d.span.file}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}"


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the model JSON."""
    from generator.schema import schema_json

    click.echo(schema_json(), nl=False)
