"""Incremental builds: stores keyed by the content of every page and template and by the
tool's version, which the build pipeline (generator.pipeline) consults.  They never
change a build's output.

- ``folder``: the cache a command opens (``--cache-dir``);
- ``store``: entries by section and key, checked before use, pruned by size;
- ``keys``: content hashes of pages, template folders and the tool itself;
- ``pages``: each page's reader result; ``formats``: black's output by its input;
- ``plans``: whole plans, by their pages' results and by a tree's bytes.
"""

from __future__ import annotations

from generator.cache.folder import DEFAULT_CACHE_DIR, Cache, open_cache

__all__ = ["DEFAULT_CACHE_DIR", "Cache", "open_cache"]
