"""The build pipeline of ``build``, ``check`` and ``watch``: discover -> read -> plan ->
format -> verify -> write; and ``lint``'s run through the same cache.

- ``build``: discover and read the pages (generator.read), plan and format them, through
  the cache (generator.cache), which it consults and fills: :func:`cached_build_plan`;
- ``plan``: the renderers as peers, sdk/, stubs/, tests/ and openapi.json, formatted
  together: :func:`generator.pipeline.plan.build_plan` (imported only when something has
  to be rendered);
- ``write``: verify the plan and write it all at once (generator.output): :func:`sync`;
- ``lint``: ``lint`` through the same cache (:func:`generator.pipeline.lint.cached_lint`).

This face is light: a build whose plan is in the cache loads no renderer, no Jinja and no
black.
"""

from __future__ import annotations

from generator.pipeline.build import Build, Render, Stats, cached_build_plan
from generator.pipeline.write import sync

__all__ = ["Build", "Render", "Stats", "cached_build_plan", "sync"]
