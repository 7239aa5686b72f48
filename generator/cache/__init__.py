"""Incremental builds: a cache keyed by the content of every page and template and by
the tool's version (see ``plan`` for its layers).  It never changes a build's output."""

from __future__ import annotations

from generator.cache.plan import (
    DEFAULT_CACHE_DIR,
    Build,
    Cache,
    Stats,
    cached_build_plan,
    open_cache,
)

__all__ = ["DEFAULT_CACHE_DIR", "Build", "Cache", "Stats", "cached_build_plan", "open_cache"]
