"""``docs2code openapi``: the OpenAPI 3.1 description of the docs (with ``--metadata``,
following the service's CSDL where the docs state no type or disagree with it), as JSON,
or as YAML when the output file ends in ``.yaml`` or ``.yml``.  The same document
``build`` writes to ``OUT/openapi.json``."""

from __future__ import annotations

from pathlib import Path

import click

from generator import faults
from generator.cli.debug import internal_error, report_failures
from generator.cli.progress import quiet_option
from generator.cli.service import followed, metadata_option, read_service
from generator.cli.settings import resolve
from generator.exits import Exit, fail, finish
from generator.model import Severity
from generator.openapi import OpenApiOptions, openapi_document, openapi_text
from generator.output.atomic import write_atomic
from generator.read import read_docs

YAML_SUFFIXES = (".yaml", ".yml")


@click.command("openapi")
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here (YAML for .yaml/.yml), not JSON to stdout.",
)
@click.option(
    "--docs-url",
    help="Where the docs are published: relative links become absolute "
    "[default: [tool.docs2code] docs_url, else links are kept as written].",
)
@metadata_option
@quiet_option
def openapi_command(
    docs: tuple[Path, ...],
    output: Path | None,
    docs_url: str | None,
    metadata_paths: tuple[Path, ...],
    quiet: bool,
) -> None:
    """Write the OpenAPI 3.1 description of DOCS (folders searched for *.md).

    Exit 1 when a document has an error-level reader diagnostic (the export is still
    written), 2 on a usage or internal error (nothing written)."""
    settings = resolve("openapi", docs, docs_url=docs_url, metadata=metadata_paths)
    metadata = read_service("openapi", settings)
    try:
        model = followed(read_docs(settings.roots, limits=settings.limits), metadata, quiet)
        with faults.collecting() as failures:
            document = openapi_document(model, OpenApiOptions(docs_url=settings.docs_url))
        if failures:
            report_failures("openapi", failures, "rendering ")
            fail("openapi", f"{len(failures)} internal error(s) while rendering; nothing written")
        as_yaml = output is not None and output.suffix.lower() in YAML_SUFFIXES
        text = openapi_text(document, as_yaml=as_yaml)
    except Exception as exc:  # a bug: report it as one, without a traceback
        internal_error("openapi", exc)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            fail("openapi", f"cannot write {output}: {exc.strerror or exc}")
    if output is not None and not quiet:
        operations = sum(len(methods) for methods in document["paths"].values())
        click.echo(
            f"{operations} OpenAPI operations, {len(document['components']['schemas'])} "
            f"schemas -> {output}",
            err=True,
        )
    errors = [d for d in model.diagnostics if d.severity == Severity.ERROR]
    for d in errors:
        click.echo(f"{d.span.file}:{d.span.line}: {d.code} {d.message}", err=True)
    finish(Exit.findings_if(bool(errors)))
