"""Model -> every generated file: the one plan that ``build`` writes and ``check`` compares.

The plan maps a path relative to the output folder to its text: ``sdk/`` the typed client
package, ``stubs/`` the mock server package, ``tests/`` the pytest suite that runs the
client against the stubs, ``openapi.json`` the OpenAPI 3.1 description.  Rendering never
writes (generator.output does).  An item that fails to render does not stop the others;
all failures are raised together at the end (generator.render.faults), so a build that
failed anywhere writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model import Model
from generator.openapi import OpenApiOptions, render_openapi
from generator.progress import labelled
from generator.render import faults
from generator.render.formatting import FormatCache
from generator.render.options import BuildOptions
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.stubs.render import render_stubs
from generator.suite.render import render_suite


def build_plan(
    model: Model, options: BuildOptions, cache: FormatCache | None = None
) -> dict[str, str]:
    """Every generated file, as path relative to the output folder -> text; ``cache``
    spares black the files it formatted before (the output is the same).  Raises
    :class:`faults.RenderError` naming every item that failed to render.  Each part's
    progress phases are labelled with its folder (``formatting sdk/``)."""
    package, stubs, templates = options.package, options.stubs_package, options.templates
    openapi = OpenApiOptions(docs_url=options.docs_url)
    renderers: dict[str, Callable[[], dict[str, str]]] = {
        "sdk/": lambda: sdk_plan(model, SdkOptions(package, templates=templates), cache),
        "stubs/": lambda: render_stubs(model, stubs, templates, cache),
        "tests/": lambda: render_suite(model, package, stubs, templates, cache),
        "": lambda: render_openapi(model, openapi),
    }
    parts: dict[str, dict[str, str]] = {}
    with faults.collecting() as failures:
        for prefix, render in renderers.items():
            named = f"the {prefix} files" if prefix else "the openapi.json file"
            with faults.named(named), labelled(prefix or "openapi.json"):
                parts[prefix] = render()
    if failures:
        raise faults.RenderError(failures)
    plan = {
        f"{prefix}{rel}": text for prefix, files in parts.items() for rel, text in files.items()
    }
    return dict(sorted(plan.items()))
