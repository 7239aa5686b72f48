"""What relative links reach on disk when their model path is no page's: once every page
is read, a link target that names no page of the doc set (not even in another case,
which is the link rules' to judge) is looked up under the doc set's base.  The target
may be the same file as a page by real path (a root reached through a symbolic link), or
a file outside every doc root, or nothing.  Only the target's existence and real path
are looked up: nothing outside the doc roots is opened."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from generator.model import LinkedFile, Page
from generator.read.sources import Source

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_file(target: str) -> str | None:
    """The decoded file part of a relative link to a ``.md`` page, as the link rules judge
    links (generator/lint/rules/link_targets.py): None for a URL with a scheme, a
    site-absolute path, a same-page anchor, another kind of file or a backslash path."""
    if not target or _SCHEME.match(target) or target.startswith("/"):
        return None
    path = unquote(target.partition("#")[0].partition("?")[0])
    if not path.lower().endswith(".md") or "\\" in path:
        return None
    return path


def link_targets(pages: Iterable[Page]) -> set[str]:
    """The model paths the pages' relative ``.md`` links name (normalized; a path that
    climbs above the base keeps its leading ``../``)."""
    found: set[str] = set()
    for page in pages:
        folder = posixpath.dirname(page.path)
        for link in page.links:
            path = link_file(link.target)
            if path is not None:
                found.add(posixpath.normpath(posixpath.join(folder, path)))
    return found


def linked_files(
    pages: Iterable[Page], sources: Iterable[Source], base: Path
) -> tuple[LinkedFile, ...]:
    """Every file the pages' links name that is no page by its model path, sorted."""
    pages = list(pages)
    known = {p.path for p in pages}
    folded = {p.lower() for p in known}
    targets = (t for t in link_targets(pages) if t not in known and t.lower() not in folded)
    return tuple(_on_disk(sorted(targets), sources, known, base))


def _on_disk(
    targets: list[str], sources: Iterable[Source], known: set[str], base: Path
) -> Iterator[LinkedFile]:
    """A page found by real path, or a file outside the roots; a file the doc set found
    but could not read (reported where it was read) is not recorded."""
    if not targets:
        return
    by_real = {os.path.normcase(str(s.real)): s.rel for s in sources if s.real is not None}
    for target in targets:
        full = os.path.normpath(os.path.join(base, target))
        try:
            if not os.path.isfile(full):
                continue
            real = os.path.normcase(os.path.realpath(full))
        except (OSError, ValueError):  # a NUL byte, a name too long
            continue
        page = by_real.get(real)
        if page is None or page in known:
            yield LinkedFile(target, page)
