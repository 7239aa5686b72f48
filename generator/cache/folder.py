"""The cache a command uses: one folder, opened once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from generator.cache.store import DEFAULT_MAX_BYTES, Store

DEFAULT_CACHE_DIR = Path(".docs2code_cache")


class Cache:
    """A cache folder; with ``remember``, also the entries of its last build in memory: a
    process that builds again (``watch``) should keep one, as :func:`open_cache` does."""

    def __init__(
        self,
        root: Path = DEFAULT_CACHE_DIR,
        max_bytes: int = DEFAULT_MAX_BYTES,
        remember: bool = False,
    ):
        self.store = Store(root, max_bytes, remember)


@functools.cache
def _open(root: Path, remember: bool) -> Cache:
    return Cache(root, remember=remember)


def open_cache(root: Path | None, remember: bool = False) -> Cache | None:
    """The cache for ``--cache-dir`` (None: ``--no-cache``), the same object for the same
    folder throughout the process; ``remember`` for a process that builds again."""
    return None if root is None else _open(root.resolve(), remember)
