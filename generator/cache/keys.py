"""Content hashes that name cache entries: pages, template folders and the tool itself.

The tool's version is not its version number, which does not change while the code
does: it is a hash of the package's own files and of the versions of the libraries
whose output ends up in a build (Python, black, Jinja, markdown-it, PyYAML).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

import generator
from generator.hashing import digest
from generator.read import DEFAULT_LIMITS, Limits, Source

PACKAGE = Path(generator.__file__).resolve().parent
LIBRARIES = ("black", "jinja2", "markdown-it-py", "PyYAML", "python-frontmatter")
TOOL_SUFFIXES = (".py", ".json", ".jinja")


@cache
def tool_version() -> str:
    """Changes whenever the code of docs2code, or a library that shapes its output, does."""
    versions = [sys.version, generator.__version__]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return digest(*versions, tree_digest(PACKAGE, TOOL_SUFFIXES))


def tree_digest(root: Path | None, suffixes: Iterable[str] | None = None) -> str:
    """Every file under ``root`` (with one of ``suffixes``), by relative path and content;
    an absent folder has a digest of its own."""
    if root is None or not root.is_dir():
        return digest("absent", str(root))
    wanted = tuple(suffixes) if suffixes is not None else None
    parts: list[str | bytes] = []
    for path in sorted(p for p in root.rglob("*") if "__pycache__" not in p.parts):
        if path.is_file() and (wanted is None or path.name.endswith(wanted)):
            try:
                parts += [path.relative_to(root).as_posix(), path.read_bytes()]
            except OSError as exc:
                parts += [path.relative_to(root).as_posix(), f"unreadable {exc.errno}"]
    return digest(*parts)


def page_digests(
    sources: Iterable[Source], limits: Limits = DEFAULT_LIMITS
) -> dict[str, str | None]:
    """``rel`` -> hash of the page's bytes and of the ``limits`` it is read within; None
    for a page that cannot be read now (reading it reports why, so such a page is never
    taken from the cache)."""
    within = repr(limits)
    digests = {s.rel: _file_digest(s, limits.page_bytes) for s in sources}
    return {rel: None if d is None else digest(d, within) for rel, d in digests.items()}


CHUNK = 1 << 20


def _file_digest(source: Source, limit: int) -> str | None:
    """As generator.read.sources reads pages: only regular files, by the real path checked
    to lie inside the doc roots, never blocking on a FIFO, never more than ``limit`` bytes
    (a larger page is not read, whatever its content), a chunk at a time."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if source.real is not None:
            fd = os.open(source.real, flags | getattr(os, "O_NOFOLLOW", 0))
        else:
            fd = os.open(source.path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None
            if st.st_size > limit:
                return "larger than the limit"
            h = hashlib.sha256()
            size = 0
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    return "larger than the limit"
                h.update(chunk)
            return h.hexdigest()
        except OSError:
            return None
