"""The SDK part of a build: every file of the generated package, rendered in memory."""

from __future__ import annotations

from generator.model import Model
from generator.render.formatting import FormatCache, finish_all
from generator.render.templating import static_source
from generator.sdk.models import model_names, render_models
from generator.sdk.readme import FILE as README
from generator.sdk.readme import render_readme
from generator.sdk.render import SdkOptions, environment, render_sdk


def sdk_plan(model: Model, options: SdkOptions, cache: FormatCache | None = None) -> dict[str, str]:
    """Every file of the SDK, as relative path -> text; nothing is written here.
    ``cache`` spares black the files it formatted before (generator.cache)."""
    return finish_all(sdk_files(model, options), cache)


def sdk_files(model: Model, options: SdkOptions) -> dict[str, str]:
    """The SDK's files as rendered, before formatting (:func:`finish_all`)."""
    names = model_names(model.types, model.operations)
    plan = render_sdk(model, options, names)
    plan[README] = render_readme(model, options, names)
    env = environment(override=options.templates)
    plan[f"{options.package}/_runtime.py"] = static_source(env, "_runtime.py")
    plan[f"{options.package}/_version.py"] = env.get_template("_version.py.jinja").render(
        package=options.package, version=options.version
    )
    models = render_models(
        model.types,
        override=options.templates,
        operations=model.operations,
        package=options.package,
    )
    plan.update({f"{options.package}/models/{name}": text for name, text in models.items()})
    return plan
