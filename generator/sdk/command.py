"""``docs2code build``: render the SDK from the docs and write it under the output folder."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from generator.files import write_atomic
from generator.model import Model, Severity
from generator.reader import read_docs
from generator.sdk.models import model_names, render_models
from generator.sdk.render import SdkOptions, environment, finish_all, render_sdk
from generator.settings import SettingsError, find_settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
DEFAULT_PACKAGE = "docs2code_sdk"
DEFAULT_OUTPUT = "generated/sdk"


def build_plan(model: Model, options: SdkOptions) -> dict[str, str]:
    """Every file of the SDK, as relative path -> text; nothing is written here."""
    names = model_names(model.types)
    plan = render_sdk(model, options, names)
    env = environment()
    runtime = env.get_template("_runtime.py.jinja").render(
        package=options.package, version=options.version
    )
    plan[f"{options.package}/_runtime.py"] = runtime
    plan[f"{options.package}/models.py"] = render_models(model.types)
    return finish_all(plan)


@click.command("build")
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder [default: [tool.docs2code] output, else generated/sdk].",
)
@click.option(
    "--package", help="Import name [default: [tool.docs2code] package, else docs2code_sdk]."
)
def build_command(docs: tuple[Path, ...], output: Path | None, package: str | None) -> None:
    """Generate the typed Python SDK for DOCS (default: input_docs) under OUTPUT."""
    roots = docs or (Path("input_docs"),)
    try:
        settings = find_settings(roots[0])
    except SettingsError as exc:
        click.echo(f"docs2code build: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    package = package or settings.package or DEFAULT_PACKAGE
    output = output or Path(settings.output or DEFAULT_OUTPUT)
    if not _PACKAGE.fullmatch(package):
        click.echo(f"docs2code build: {package!r} is not a valid package name", err=True)
        sys.exit(EXIT_ERROR)
    model = read_docs(roots)
    for d in model.diagnostics:
        if d.severity == Severity.ERROR:
            click.echo(f"{d.span.file}:{d.span.line}: {d.code} {d.message}", err=True)
    plan = build_plan(model, SdkOptions(package=package))
    for rel, text in plan.items():
        target = output / rel
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
    click.echo(f"{len(plan)} files -> {output}", err=True)
    sys.exit(EXIT_OK)
