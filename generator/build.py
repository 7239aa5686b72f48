"""``docs2code build``: everything generated from the docs, as one in-memory plan.

The plan maps a path relative to the output folder to its text: ``sdk/`` the typed client
package, ``stubs/`` the mock server package.  Rendering never writes; writing the plan is
the caller's job.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from generator.files import write_atomic
from generator.model import Model, Severity
from generator.reader import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.settings import SettingsError, find_settings
from generator.stubs.render import render_stubs

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
DEFAULT_PACKAGE = "docs2code_sdk"
DEFAULT_OUTPUT = "generated"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    package: str = DEFAULT_PACKAGE  # import name of the SDK

    @property
    def stubs_package(self) -> str:
        """``docs2code_sdk`` -> ``docs2code_stubs``; ``graph`` -> ``graph_stubs``."""
        return self.package.removesuffix("_sdk") + "_stubs"


def build_plan(model: Model, options: BuildOptions) -> dict[str, str]:
    """Every generated file, as path relative to the output folder -> text."""
    plan: dict[str, str] = {}
    for rel, text in sdk_plan(model, SdkOptions(options.package)).items():
        plan[f"sdk/{rel}"] = text
    for rel, text in render_stubs(model, options.stubs_package).items():
        plan[f"stubs/{rel}"] = text
    return dict(sorted(plan.items()))


@click.command("build")
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder [default: [tool.docs2code] output, else generated].",
)
@click.option(
    "--package", help="Import name [default: [tool.docs2code] package, else docs2code_sdk]."
)
def build_command(docs: tuple[Path, ...], output: Path | None, package: str | None) -> None:
    """Generate the SDK (OUTPUT/sdk) and the stub server (OUTPUT/stubs) for DOCS
    (default: input_docs)."""
    roots = docs or (Path("input_docs"),)
    try:
        settings = find_settings(roots[0])
    except SettingsError as exc:
        click.echo(f"docs2code build: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    package = package or settings.package or DEFAULT_PACKAGE
    output = output or Path(settings.output or DEFAULT_OUTPUT)
    if not PACKAGE.fullmatch(package):
        click.echo(f"docs2code build: {package!r} is not a valid package name", err=True)
        sys.exit(EXIT_ERROR)
    model = read_docs(roots)
    for d in model.diagnostics:
        if d.severity == Severity.ERROR:
            click.echo(f"{d.span.file}:{d.span.line}: {d.code} {d.message}", err=True)
    plan = build_plan(model, BuildOptions(package=package))
    for rel, text in plan.items():
        target = output / rel
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
    click.echo(f"{len(plan)} files -> {output}", err=True)
    sys.exit(EXIT_OK)
