"""Model -> every generated file: the one plan that ``build`` writes and ``check`` compares.

The plan maps a path relative to the output folder to its text: ``sdk/`` the typed client
package, ``stubs/`` the mock server package, ``tests/`` the pytest suite that runs the
client against the stubs, ``openapi.json`` the OpenAPI 3.1 description.  Rendering never
writes (generator.output does).  An item that fails to render does not stop the others;
all failures are raised together at the end (generator.faults), so a build that failed
anywhere writes nothing.

The renderers (sdk, stubs, suite, openapi) are peers called here, each for its part of
the plan; they use generator.render (templates, black), which imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from generator import faults
from generator.model import Model
from generator.openapi import OpenApiOptions, render_openapi
from generator.progress import labelled
from generator.render.formatting import FormatCache, Formatting, Started
from generator.render.options import BuildOptions
from generator.sdk.plan import sdk_files
from generator.sdk.render import SdkOptions
from generator.stubs.render import stub_files
from generator.suite.render import suite_files


def build_plan(
    model: Model, options: BuildOptions, cache: FormatCache | None = None
) -> dict[str, str]:
    """Every generated file, as path relative to the output folder -> text; ``cache``
    spares black the files it formatted before (the output is the same).  Raises
    :class:`faults.RenderError` naming every item that failed to render.  Each part's
    Python is formatted in one pool of worker processes while the next parts render,
    and collected once all are rendered; each part's progress phases are labelled with
    its folder (``formatting sdk/``)."""
    package, stubs, templates = options.package, options.stubs_package, options.templates
    openapi = OpenApiOptions(docs_url=options.docs_url)
    renderers: dict[str, Callable[[], dict[str, str]]] = {
        "sdk/": lambda: sdk_files(model, SdkOptions(package, templates=templates)),
        "stubs/": lambda: stub_files(model, stubs, templates),
        "tests/": lambda: suite_files(model, package, stubs, templates),
        "": lambda: render_openapi(model, openapi),
    }
    parts: dict[str, dict[str, str]] = {}
    started: dict[str, Started] = {}
    with faults.collecting() as failures, Formatting(cache) as formatting:
        for prefix, render in renderers.items():
            with faults.named(_named(prefix)), labelled(prefix or "openapi.json"):
                files = render()
                if prefix:  # formatted while the next parts render
                    started[prefix] = formatting.start(files)
                else:
                    parts[prefix] = files
        for prefix, part in started.items():
            with faults.named(_named(prefix)), labelled(prefix):
                parts[prefix] = formatting.finish(part)
    if failures:
        raise faults.RenderError(failures)
    plan = {
        f"{prefix}{rel}": text for prefix, files in parts.items() for rel, text in files.items()
    }
    return dict(sorted(plan.items()))


def _named(prefix: str) -> str:
    return f"the {prefix} files" if prefix else "the openapi.json file"
