"""The build's options: light to import, so that a build whose plan comes from the cache
does not load the renderers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_PACKAGE = "docs2code_sdk"
"""The SDK's import name when neither ``--package`` nor the settings name one: defined here
only (the settings, the flags' help and :class:`generator.sdk.render.SdkOptions` use it)."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    package: str = DEFAULT_PACKAGE  # import name of the SDK
    templates: Path | None = None  # --templates DIR: overrides of built-in templates
    docs_url: str | None = None  # the published docs: openapi.json links become absolute

    @property
    def stubs_package(self) -> str:
        """``docs2code_sdk`` -> ``docs2code_stubs``; ``graph`` -> ``graph_stubs``."""
        return self.package.removesuffix("_sdk") + "_stubs"
